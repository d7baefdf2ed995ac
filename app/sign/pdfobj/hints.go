package pdfobj

import (
	"fmt"

	"communique/app/pdfread"
)

// Linearization hint tables (ISO 32000-1 Annex F.4), read in the readers'
// sources: pdf.js only checks that /H is well formed and never reads the
// hint stream (it uses /O for the first page and /N for the count, which
// CheckLinearization already holds to the page tree); MuPDF reads hints
// only while loading a file progressively, before it has the page tree,
// numbering pages as poppler does (pdf_load_hints). poppler reads them whenever /L equals the file's length: PDFDoc::getPage
// then fetches page i by the object number its page offset hint table
// gives (Hints::readPageOffsetTable: page 1 is /O, page 2 object 1, each
// next page the previous one's number plus its object count), as long as
// every such number names a /Page (checkLinearization), and only falls
// back to the page tree when one does not. A hint table whose numbers
// name other pages than the tree's therefore shows, in poppler, other
// pages before signing than after (the signature's update changes the
// length), or after signing if /L was set to the signed file's length. So
// a hint table that poppler would follow must agree with the page tree.

// checkHints requires the page offset hint table of a linearized original,
// where poppler would follow it, to name the page tree's pages.
func checkHints(f *pdfread.File, lin pdfread.Dict, pages []pdfread.Ref) error {
	h := Array(f, 0, lin["H"])
	if len(h) != 2 {
		return &pdfread.Error{Msg: fmt.Sprintf("the linearization dictionary's /H %v is not one hint stream (readers that use hints would read what a checker does not)", lin["H"])}
	}
	off, _ := h[0].(int64)
	r, isStart, ok := f.ObjectAt(off)
	if !ok {
		return nil // poppler finds no hint object there: it reads the page tree
	}
	if start, _, _ := f.Span(0, r); start != off || !isStart {
		return nil
	}
	o, err := f.Object(0, r)
	s, isStream := o.(*pdfread.Stream)
	if err != nil || !isStream {
		return nil
	}
	data, err := f.Decode(s)
	if err != nil {
		return nil
	}
	nums, ok := hintedPages(data, len(pages))
	if !ok {
		return nil
	}
	for i, num := range nums {
		if i == 0 || num == pages[i].Num {
			continue
		}
		// poppler follows the table only if every number names a page.
		for _, n := range nums[1:] {
			if d, _ := Dict(f, 0, pdfread.Ref{Num: n}); d == nil || d["Type"] != pdfread.Name("Page") {
				return nil
			}
		}
		return &pdfread.Error{Msg: fmt.Sprintf("the linearization hint table names object %d as page %d, the page tree object %d (readers in linearized mode would show another page)", num, i+1, pages[i].Num)}
	}
	return nil
}

// hintedPages returns the object numbers poppler gives pages 2..n from a
// page offset hint table (page 1's entry is left 0), or false when it
// would not use the table.
func hintedPages(data []byte, n int) ([]int, bool) {
	br := bitReader{data: data}
	least := br.bits(32)
	br.bits(32) // where the first page's page object is
	diffBits := br.bits(16)
	// The header's other items, by their widths in Table F.3.
	for _, w := range []int{32, 16, 32, 16, 32, 16, 16, 16, 16, 16} {
		br.bits(w)
	}
	if br.bad || least < 1 || diffBits > 32 || n < 1 {
		return nil, false
	}
	counts := make([]int, n)
	for i := range counts {
		counts[i] = least + br.bits(diffBits)
	}
	if br.bad {
		return nil, false
	}
	nums := make([]int, n)
	if n > 1 {
		nums[1] = 1
	}
	for i := 2; i < n; i++ {
		nums[i] = nums[i-1] + counts[i-1]
	}
	return nums, true
}

// bitReader reads big-endian bit fields; reading past the end sets bad.
type bitReader struct {
	data []byte
	pos  int // in bits
	bad  bool
}

func (b *bitReader) bits(n int) int {
	v := 0
	for range n {
		if b.pos>>3 >= len(b.data) {
			b.bad = true
			return 0
		}
		v = v<<1 | int(b.data[b.pos>>3]>>(7-b.pos&7)&1)
		b.pos++
	}
	return v
}
