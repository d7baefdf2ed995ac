// Package hostile generates the hostile PDF files the verifier must survive
// (issue 10: files that hung, crashed or exhausted the memory of the PDF
// reader it used before): each is built here, so no binary blob is kept
// without its generator. Tests and benchmarks of pdfread, sign and cli
// share them.
package hostile

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"strings"
)

// Case is one hostile file and what is wrong with it.
type Case struct {
	Name string
	Data []byte
}

// PDF lays out a classic file: objs[i] is the body of object i+1; extra
// goes into the trailer.
func PDF(objs []string, extra string) []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.7\n")
	offs := make([]int, len(objs))
	for i, o := range objs {
		offs[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f\r\n", len(objs)+1)
	for _, o := range offs {
		fmt.Fprintf(&b, "%010d 00000 n\r\n", o)
	}
	fmt.Fprintf(&b, "trailer\n<</Size %d /Root 1 0 R%s>>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, extra, xref)
	return b.Bytes()
}

// page is a minimal document: catalog, pages, page.
var page = []string{
	"<</Type /Catalog /Pages 2 0 R>>",
	"<</Type /Pages /Kids [3 0 R] /Count 1>>",
	"<</Type /Page /Parent 2 0 R /MediaBox [0 0 200 200]>>",
}

func deflate(data []byte) []byte {
	var b bytes.Buffer
	w := zlib.NewWriter(&b)
	w.Write(data)
	w.Close()
	return b.Bytes()
}

func stream(dict string, data []byte) string {
	return fmt.Sprintf("<<%s /Length %d>>\nstream\n%s\nendstream", dict, len(data), data)
}

// withXrefStream lays out objs (object i+1) followed by an object stream
// (holding compressed, numbered after objs) with the given dictionary
// extras, and a cross-reference stream listing all of them.
func withXrefStream(objs []string, compressed []string, stmExtra string, rawStm []byte) []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.7\n")
	type row struct{ typ, f2, f3 int }
	rows := []row{{0, 0, 65535}}
	for i, o := range objs {
		rows = append(rows, row{1, b.Len(), 0})
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	stm := len(objs) + len(compressed) + 1
	var header, body strings.Builder
	for i, c := range compressed {
		fmt.Fprintf(&header, "%d %d ", len(objs)+1+i, body.Len())
		body.WriteString(c + " ")
		rows = append(rows, row{2, stm, i})
	}
	data := rawStm
	if data == nil {
		data = deflate([]byte(header.String() + body.String()))
	}
	rows = append(rows, row{1, b.Len(), 0})
	fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", stm, stream(fmt.Sprintf("/Type /ObjStm /N %d /First %d /Filter /FlateDecode%s", len(compressed), header.Len(), stmExtra), data))
	x := stm + 1
	rows = append(rows, row{1, b.Len(), 0})
	var bin []byte
	for _, r := range rows {
		bin = append(bin, byte(r.typ), byte(r.f2>>24), byte(r.f2>>16), byte(r.f2>>8), byte(r.f2), byte(r.f3>>8), byte(r.f3))
	}
	xrefAt := rows[len(rows)-1].f2
	fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\nstartxref\n%d\n%%%%EOF\n", x, stream(fmt.Sprintf("/Type /XRef /Size %d /Root 1 0 R /W [1 4 2]", x+1), bin), xrefAt)
	return b.Bytes()
}

// Cases returns the hostile files, each at most about 1 MB.
func Cases() []Case {
	var cs []Case
	add := func(name string, data []byte) { cs = append(cs, Case{name, data}) }

	// The 484-byte file whose object stream /Extends itself.
	add("object stream extends itself", withXrefStream(page[:2], []string{"<</Type /Page /Parent 2 0 R>>"}, " /Extends 5 0 R", nil))
	add("xref subsection at object 2,000,000,000", bytes.Replace(PDF(page, ""), []byte("xref\n0 4\n"), []byte("xref\n2000000000 4\n"), 1))
	add("trailer /Size 4e9", bytes.Replace(PDF(page, ""), []byte("/Size 4"), []byte("/Size 4000000000"), 1))
	add("xref count larger than the file", bytes.Replace(PDF(page, ""), []byte("xref\n0 4\n"), []byte("xref\n0 400000000\n"), 1))
	add("one million nested arrays", PDF(append([]string{"<</Type /Catalog /Pages 2 0 R /X " + strings.Repeat("[", 1_000_000) + ">>"}, page[1:]...), ""))
	add("nested arrays in an object stream", withXrefStream(page[:2], []string{strings.Repeat("[", 40_000)}, "", nil))
	add("800 KB after the last %%EOF", append(PDF(page, ""), bytes.Repeat([]byte("x"), 800_000)...))
	add("800 KB without %%EOF", bytes.Repeat([]byte("%PDF-1.7\n0 0 obj\n"), 50_000))
	add("40 flate bombs as object streams", bombFile(deflate(make([]byte, 20<<20)), 40))
	add("object stream header claims a billion objects", bytes.Replace(withXrefStream(page[:2], []string{"<</Type /Page /Parent 2 0 R>>"}, "", nil), []byte("/N 1 "), []byte("/N 1000000000 "), 1))
	add("two million small dictionaries in an object stream", withXrefStream(page[:2], []string{"[" + strings.Repeat("<</a 1>>", 2_000_000) + "]"}, "", nil))
	add("unterminated hex string in an object stream", withXrefStream(page[:2], []string{"<" + strings.Repeat("4", 30_000)}, "", nil))
	add("/Length refers to its own object", PDF(append(append([]string{}, page...), "<</Length 4 0 R>>\nstream\nabc\nendstream"), ""))
	loop := PDF(page, " /Prev 9")
	loop = bytes.Replace(loop, []byte(" /Prev 9"), []byte(fmt.Sprintf(" /Prev %d", bytes.LastIndex(loop, []byte("xref")))), 1)
	add("/Prev points to itself", loop)
	add("many small revisions", manyRevisions(6000))
	add("long chain of references", refChain(22_000))
	add("many revisions over a large form", formRevisions(5000, 4000))
	add("12,000 byte ranges over one long hex string", byteRanges(12_000, 450_000))
	return cs
}

// byteRanges holds a hex string of hexLen digits and n comment lines after
// it, each claiming a signature byte range from the string's '<' to the
// line's own '>': a verifier that checks each claimed gap by scanning it
// does n times the string's length.
func byteRanges(n, hexLen int) []byte {
	objs := append(append([]string{}, page...), "<"+strings.Repeat("0", hexLen)+">")
	var b bytes.Buffer
	b.WriteString("%PDF-1.7\n")
	offs := make([]int, len(objs))
	for i, o := range objs {
		offs[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	start := offs[3] + len("4 0 obj\n")
	const line = "%%/ByteRange [0 %010d %010d 0]>\n"
	width := len(fmt.Sprintf(line, 0, 0))
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, line, start, b.Len()+width-1)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f\r\n", len(objs)+1)
	for _, o := range offs {
		fmt.Fprintf(&b, "%010d 00000 n\r\n", o)
	}
	fmt.Fprintf(&b, "trailer\n<</Size %d /Root 1 0 R>>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, xref)
	return b.Bytes()
}

// bombFile holds n object streams that each inflate to 20 MB.
func bombFile(zeros []byte, n int) []byte {
	objs := append([]string{}, page...)
	for i := 0; i < n; i++ {
		objs = append(objs, stream("/Type /ObjStm /N 1 /First 4 /Filter /FlateDecode", zeros))
	}
	return PDF(objs, "")
}

// manyRevisions appends n updates, each redefining the page.
func manyRevisions(n int) []byte {
	data := PDF(page, "")
	for i := 0; i < n; i++ {
		prev := bytes.LastIndex(data, []byte("startxref\n"))
		var prevOff int
		fmt.Sscanf(string(data[prev+len("startxref\n"):]), "%d", &prevOff)
		off := len(data)
		data = fmt.Appendf(data, "3 0 obj\n<</Type /Page /Parent 2 0 R /MediaBox [0 0 200 %d]>>\nendobj\n", 200+i%2)
		xref := len(data)
		data = fmt.Appendf(data, "xref\n3 1\n%010d 00000 n\r\ntrailer\n<</Size 4 /Root 1 0 R /Prev %d>>\nstartxref\n%d\n%%%%EOF\n", off, prevOff, xref)
	}
	return data
}

// refChain makes the catalog reach n objects one through the next.
func refChain(n int) []byte {
	objs := append([]string{}, page...)
	objs[0] = "<</Type /Catalog /Pages 2 0 R /X 4 0 R>>"
	for i := 0; i < n; i++ {
		next := i + 5
		if i == n-1 {
			objs = append(objs, "null")
			break
		}
		objs = append(objs, fmt.Sprintf("[%d 0 R]", next))
	}
	return PDF(objs, "")
}

// formRevisions is a form of n signature fields followed by revs updates
// that each rename the first field: reading every revision's form would
// cost n times revs.
func formRevisions(n, revs int) []byte {
	var fields strings.Builder
	objs := []string{"", "<</Type /Pages /Kids [3 0 R] /Count 1>>", "<</Type /Page /Parent 2 0 R /MediaBox [0 0 200 200]>>"}
	for i := 0; i < n; i++ {
		fmt.Fprintf(&fields, "%d 0 R ", i+4)
		objs = append(objs, fmt.Sprintf("<</FT /Sig /T (f%d)>>", i))
	}
	objs[0] = "<</Type /Catalog /Pages 2 0 R /AcroForm <</Fields [" + fields.String() + "]>>>>"
	data := PDF(objs, "")
	for i := 0; i < revs; i++ {
		prev := bytes.LastIndex(data, []byte("startxref\n"))
		var prevOff int
		fmt.Sscanf(string(data[prev+len("startxref\n"):]), "%d", &prevOff)
		off := len(data)
		data = fmt.Appendf(data, "4 0 obj\n<</FT /Sig /T (g%d)>>\nendobj\n", i)
		xref := len(data)
		data = fmt.Appendf(data, "xref\n4 1\n%010d 00000 n\r\ntrailer\n<</Size %d /Root 1 0 R /Prev %d>>\nstartxref\n%d\n%%%%EOF\n", off, n+4, prevOff, xref)
	}
	return data
}
