package hostile

import (
	"bytes"
	"fmt"
	"strings"
)

// Hybrid lays out a hybrid-reference file as ISO 32000-1 §7.5.8.4's example
// and Word do: objs[i] is object i+1; the numbers in hidden go into an
// object stream that a PDF 1.4 reader cannot see. The main section lists
// them free (generation 65535); an update section after the first %%EOF
// holds the object stream and a cross-reference stream naming them, and its
// table ("xref 0 0") names that stream in /XRefStm. The object stream is
// uncompressed so tests can read it.
func Hybrid(objs []string, hidden map[int]bool, trailerExtra string) []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
	n := len(objs)
	stm, xs := n+1, n+2
	offs := make([]int, n+1)
	for i, o := range objs {
		if !hidden[i+1] {
			offs[i+1] = b.Len()
			fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
		}
	}
	main := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f\r\n", xs+1)
	for num := 1; num <= xs; num++ {
		if num <= n && !hidden[num] {
			fmt.Fprintf(&b, "%010d 00000 n\r\n", offs[num])
		} else {
			b.WriteString("0000000000 65535 f\r\n")
		}
	}
	fmt.Fprintf(&b, "trailer\n<</Size %d /Root 1 0 R%s>>\nstartxref\n%d\n%%%%EOF\n", xs+1, trailerExtra, main)

	type row struct{ num, typ, f2, f3 int }
	var rows []row
	var header, body strings.Builder
	k := 0
	for num := 1; num <= n; num++ {
		if hidden[num] {
			fmt.Fprintf(&header, "%d %d ", num, body.Len())
			body.WriteString(objs[num-1] + "\n")
			rows = append(rows, row{num, 2, stm, k})
			k++
		}
	}
	rows = append(rows, row{stm, 1, b.Len(), 0})
	fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", stm, stream(fmt.Sprintf("/Type /ObjStm /N %d /First %d", k, header.Len()), []byte(header.String()+body.String())))
	rows = append(rows, row{xs, 1, b.Len(), 0})
	var bin []byte
	var index []string
	for _, r := range rows {
		bin = append(bin, byte(r.typ), byte(r.f2>>24), byte(r.f2>>16), byte(r.f2>>8), byte(r.f2), byte(r.f3>>8), byte(r.f3))
		index = append(index, fmt.Sprintf("%d 1", r.num))
	}
	xsAt := rows[len(rows)-1].f2
	fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", xs, stream(fmt.Sprintf("/Type /XRef /Size %d /W [1 4 2] /Index [%s]", xs+1, strings.Join(index, " ")), bin))
	upd := b.Len()
	fmt.Fprintf(&b, "xref\n0 0\ntrailer\n<</Size %d /Root 1 0 R%s /Prev %d /XRefStm %d>>\nstartxref\n%d\n%%%%EOF\n", xs+1, trailerExtra, main, xsAt, upd)
	return b.Bytes()
}
