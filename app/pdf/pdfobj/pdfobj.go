// Package pdfobj edits a PDF file at the level of its objects: it takes a
// file without incremental updates apart object by object, lets objects be
// replaced and added, and writes the file with a new cross-reference table.
// Package pdf uses it to put into fpdf's output what fpdf cannot write (the
// document font's real ToUnicode map, the structure tree, the archival
// parts); it also writes ToUnicode CMaps.
package pdfobj

import (
	"bytes"
	"compress/zlib"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"sync"
	"unicode/utf16"
)

// File is a PDF file without incremental updates, object by object.
type File struct {
	Header     []byte
	Objs       [][]byte // Objs[n] is the body of object n, between "n 0 obj" and "endobj"; Objs[0] is nil
	Root, Info int      // object numbers of the catalog and the document information
}

var (
	rePage      = regexp.MustCompile(`^<</Type /Page\n`)
	reResources = regexp.MustCompile(`/Resources (\d+) 0 R`)
	reStartXref = regexp.MustCompile(`startxref\s+(\d+)\s+%%EOF\s*$`)
	reRoot      = regexp.MustCompile(`/Root (\d+) 0 R`)
	reInfo      = regexp.MustCompile(`/Info (\d+) 0 R`)
)

// Split takes a file apart that has every object once, with a classic
// cross-reference table (as fpdf writes), so that each object runs from its
// offset to the next one's.
func Split(b []byte) (*File, error) {
	m := reStartXref.FindSubmatch(b)
	if m == nil {
		return nil, errors.New("no startxref")
	}
	xref, err := strconv.Atoi(string(m[1]))
	if err != nil || xref >= len(b) {
		return nil, errors.New("bad startxref")
	}
	var first, count int
	if _, err := fmt.Sscanf(string(b[xref:min(len(b), xref+40)]), "xref\n%d %d\n", &first, &count); err != nil || first != 0 || count < 1 {
		return nil, fmt.Errorf("bad xref table: %v", err)
	}
	at := xref + bytes.IndexByte(b[xref+5:], '\n') + 6
	offsets := make([]int, count)
	for n := 1; n < count; n++ {
		e := at + 20*n
		if e+20 > len(b) {
			return nil, errors.New("xref table truncated")
		}
		if offsets[n], err = strconv.Atoi(string(b[e : e+10])); err != nil || offsets[n] >= xref {
			return nil, fmt.Errorf("bad xref entry %d", n)
		}
	}
	trailer := b[at+20*count:]
	p := &File{Objs: make([][]byte, count)}
	if r := reRoot.FindSubmatch(trailer); r != nil {
		p.Root, _ = strconv.Atoi(string(r[1]))
	}
	if r := reInfo.FindSubmatch(trailer); r != nil {
		p.Info, _ = strconv.Atoi(string(r[1]))
	}
	if p.Root <= 0 || p.Root >= count {
		return nil, errors.New("trailer has no /Root")
	}
	sorted := slices.Clone(offsets[1:])
	slices.Sort(sorted)
	p.Header = b[:sorted[0]]
	for n := 1; n < count; n++ {
		i, _ := slices.BinarySearch(sorted, offsets[n])
		end := xref
		if i+1 < len(sorted) {
			end = sorted[i+1]
		}
		obj := b[offsets[n]:end]
		prefix := []byte(strconv.Itoa(n) + " 0 obj")
		e := bytes.LastIndex(obj, []byte("endobj"))
		if !bytes.HasPrefix(obj, prefix) || e < 0 {
			return nil, fmt.Errorf("object %d not where the xref says", n)
		}
		p.Objs[n] = bytes.TrimSpace(obj[len(prefix):e])
	}
	return p, nil
}

// Pages returns the object numbers of the page objects, in file order
// (fpdf writes them in page order).
func (p *File) Pages() []int {
	var pages []int
	for n, o := range p.Objs {
		if rePage.Match(o) {
			pages = append(pages, n)
		}
	}
	return pages
}

// SharedResources returns the object number of the resource dictionary
// every page refers to, as fpdf writes one for all pages.
func (p *File) SharedResources() (int, error) {
	res := 0
	for _, n := range p.Pages() {
		m := reResources.FindSubmatch(p.Objs[n])
		if m == nil {
			return 0, fmt.Errorf("page object %d has no resources by reference", n)
		}
		r, err := strconv.Atoi(string(m[1]))
		if err != nil || r <= 0 || r >= len(p.Objs) || res != 0 && r != res {
			return 0, fmt.Errorf("page object %d does not share the other pages' resources", n)
		}
		res = r
	}
	if res == 0 {
		return 0, errors.New("no page")
	}
	return res, nil
}

// Add appends an object and returns its number.
func (p *File) Add(body []byte) int {
	p.Objs = append(p.Objs, body)
	return len(p.Objs) - 1
}

// AddToDict inserts entries at the end of object n's dictionary.
func (p *File) AddToDict(n int, entries string) {
	d := p.Objs[n]
	if i := bytes.LastIndex(d, []byte(">>")); i >= 0 {
		p.Objs[n] = slices.Concat(d[:i], []byte(entries+"\n"), d[i:])
	}
}

// zlibWriters keeps compressors between exports: making one costs more
// than compressing a ToUnicode map. Huffman coding alone suits the hex
// digits of a CMap and needs no match tables.
var zlibWriters = sync.Pool{New: func() any { w, _ := zlib.NewWriterLevel(nil, zlib.HuffmanOnly); return w }}

// Stream returns a stream object's body, compressed.
func Stream(dict string, data []byte) []byte {
	var z bytes.Buffer
	w := zlibWriters.Get().(*zlib.Writer)
	w.Reset(&z)
	w.Write(data)
	w.Close()
	zlibWriters.Put(w)
	b := fmt.Appendf(nil, "<<%s /Filter /FlateDecode /Length %d>>\nstream\n", dict, z.Len())
	b = append(b, z.Bytes()...)
	return append(b, "\nendstream"...)
}

// Bytes writes the file with a new cross-reference table and a trailer
// whose /ID is id (both halves: a first version).
func (p *File) Bytes(id string) []byte {
	var b bytes.Buffer
	size := len(p.Header) + 64*len(p.Objs) + 256
	for _, o := range p.Objs {
		size += len(o)
	}
	b.Grow(size)
	b.Write(p.Header)
	offsets := make([]int, len(p.Objs))
	for n := 1; n < len(p.Objs); n++ {
		offsets[n] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n", n)
		b.Write(p.Objs[n])
		b.WriteString("\nendobj\n")
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(p.Objs))
	for _, o := range offsets[1:] {
		fmt.Fprintf(&b, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&b, "trailer\n<<\n/Size %d\n/Root %d 0 R\n/Info %d 0 R\n/ID [<%s><%s>]\n>>\nstartxref\n%d\n%%%%EOF\n",
		len(p.Objs), p.Root, p.Info, id, id, xref)
	return b.Bytes()
}

var reToUnicode = regexp.MustCompile(`/ToUnicode (\d+) 0 R`)

// SetToUnicode replaces fpdf's identity ToUnicode map of the font object
// whose BaseFont is baseFont with one from the document font's codes.
func (p *File) SetToUnicode(baseFont string, text map[rune]string) error {
	for n, o := range p.Objs {
		if !bytes.Contains(o, []byte("/Subtype /Type0")) || !bytes.Contains(o, []byte("/BaseFont /"+baseFont+"\n")) {
			continue
		}
		m := reToUnicode.FindSubmatch(o)
		if m == nil {
			return fmt.Errorf("font object %d has no ToUnicode", n)
		}
		ref, _ := strconv.Atoi(string(m[1]))
		if ref <= 0 || ref >= len(p.Objs) {
			return fmt.Errorf("font object %d: bad ToUnicode reference", n)
		}
		p.Objs[ref] = Stream("", ToUnicodeCMap(text))
		return nil
	}
	return fmt.Errorf("no font %s in the file", baseFont)
}

// ToUnicodeCMap writes a ToUnicode CMap (Adobe technical note 5411) that
// maps each two-byte code to its text.
func ToUnicodeCMap(text map[rune]string) []byte {
	codes := make([]rune, 0, len(text))
	for c := range text {
		codes = append(codes, c)
	}
	slices.Sort(codes)
	var b bytes.Buffer
	b.WriteString("/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n" +
		"/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n" +
		"/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n" +
		"1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n")
	for len(codes) > 0 {
		chunk := codes[:min(100, len(codes))] // at most 100 entries per block
		codes = codes[len(chunk):]
		fmt.Fprintf(&b, "%d beginbfchar\n", len(chunk))
		var line []byte
		for _, c := range chunk {
			line = appendHex4(append(line[:0], '<'), uint16(c))
			line = append(line, "> <"...)
			for _, u := range utf16.Encode([]rune(text[c])) {
				line = appendHex4(line, u)
			}
			b.Write(append(line, ">\n"...))
		}
		b.WriteString("endbfchar\n")
	}
	b.WriteString("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n")
	return b.Bytes()
}

func appendHex4(b []byte, u uint16) []byte {
	const digits = "0123456789ABCDEF"
	return append(b, digits[u>>12], digits[u>>8&15], digits[u>>4&15], digits[u&15])
}
