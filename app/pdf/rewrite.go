package pdf

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

// fpdf lays out the file; what it cannot write (the document font's real
// ToUnicode map, and the parts of a tagged, archival file) is put in
// afterwards by taking its output apart at the objects, replacing and
// adding objects, and writing the cross-reference table anew.

// pdfObjects is a PDF file without incremental updates, object by object.
type pdfObjects struct {
	header     []byte
	objs       [][]byte // objs[n] is the body of object n, between "n 0 obj" and "endobj"; objs[0] is nil
	root, info int
}

var (
	reStartXref = regexp.MustCompile(`startxref\s+(\d+)\s+%%EOF\s*$`)
	reRoot      = regexp.MustCompile(`/Root (\d+) 0 R`)
	reInfo      = regexp.MustCompile(`/Info (\d+) 0 R`)
)

// splitObjects takes fpdf's output apart. fpdf writes every object once,
// in order, with a classic cross-reference table, so each object runs from
// its offset to the next one's.
func splitObjects(b []byte) (*pdfObjects, error) {
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
	p := &pdfObjects{objs: make([][]byte, count)}
	if r := reRoot.FindSubmatch(trailer); r != nil {
		p.root, _ = strconv.Atoi(string(r[1]))
	}
	if r := reInfo.FindSubmatch(trailer); r != nil {
		p.info, _ = strconv.Atoi(string(r[1]))
	}
	if p.root <= 0 || p.root >= count {
		return nil, errors.New("trailer has no /Root")
	}
	sorted := slices.Clone(offsets[1:])
	slices.Sort(sorted)
	p.header = b[:sorted[0]]
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
		p.objs[n] = bytes.TrimSpace(obj[len(prefix):e])
	}
	return p, nil
}

// add appends an object and returns its number.
func (p *pdfObjects) add(body []byte) int {
	p.objs = append(p.objs, body)
	return len(p.objs) - 1
}

// addToDict inserts entries at the end of object n's dictionary.
func (p *pdfObjects) addToDict(n int, entries string) {
	d := p.objs[n]
	if i := bytes.LastIndex(d, []byte(">>")); i >= 0 {
		p.objs[n] = slices.Concat(d[:i], []byte(entries+"\n"), d[i:])
	}
}

// zlibWriters keeps compressors between exports: making one costs more
// than compressing a ToUnicode map. Huffman coding alone suits the hex
// digits of a CMap and needs no match tables.
var zlibWriters = sync.Pool{New: func() any { w, _ := zlib.NewWriterLevel(nil, zlib.HuffmanOnly); return w }}

// stream returns a stream object's body, compressed.
func stream(dict string, data []byte) []byte {
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

// bytes writes the file with a new cross-reference table and a trailer
// whose /ID is id (both halves: a first version).
func (p *pdfObjects) bytes(id string) []byte {
	var b bytes.Buffer
	size := len(p.header) + 64*len(p.objs) + 256
	for _, o := range p.objs {
		size += len(o)
	}
	b.Grow(size)
	b.Write(p.header)
	offsets := make([]int, len(p.objs))
	for n := 1; n < len(p.objs); n++ {
		offsets[n] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n", n)
		b.Write(p.objs[n])
		b.WriteString("\nendobj\n")
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(p.objs))
	for _, o := range offsets[1:] {
		fmt.Fprintf(&b, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&b, "trailer\n<<\n/Size %d\n/Root %d 0 R\n/Info %d 0 R\n/ID [<%s><%s>]\n>>\nstartxref\n%d\n%%%%EOF\n",
		len(p.objs), p.root, p.info, id, id, xref)
	return b.Bytes()
}

var reToUnicode = regexp.MustCompile(`/ToUnicode (\d+) 0 R`)

// setToUnicode replaces fpdf's identity ToUnicode map of the font object
// whose BaseFont is baseFont with one from the document font's codes.
func (p *pdfObjects) setToUnicode(baseFont string, text map[rune]string) error {
	for n, o := range p.objs {
		if !bytes.Contains(o, []byte("/Subtype /Type0")) || !bytes.Contains(o, []byte("/BaseFont /"+baseFont+"\n")) {
			continue
		}
		m := reToUnicode.FindSubmatch(o)
		if m == nil {
			return fmt.Errorf("font object %d has no ToUnicode", n)
		}
		ref, _ := strconv.Atoi(string(m[1]))
		if ref <= 0 || ref >= len(p.objs) {
			return fmt.Errorf("font object %d: bad ToUnicode reference", n)
		}
		p.objs[ref] = stream("", toUnicodeCMap(text))
		return nil
	}
	return fmt.Errorf("no font %s in the file", baseFont)
}

// toUnicodeCMap writes a ToUnicode CMap (Adobe technical note 5411) that
// maps each two-byte code to its text.
func toUnicodeCMap(text map[rune]string) []byte {
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
