package pdfobj

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"communique/app/pdfread"
)

// pdfOf builds a one-revision file from numbered object bodies, with a
// correct cross-reference table.
func pdfOf(objs ...string) []byte {
	var b strings.Builder
	b.WriteString("%PDF-1.7\n")
	offsets := make([]int, len(objs))
	for i, o := range objs {
		offsets[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f\r\n", len(objs)+1)
	for _, off := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n\r\n", off)
	}
	fmt.Fprintf(&b, "trailer\n<</Size %d /Root 1 0 R>>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, xref)
	return []byte(b.String())
}

func open(t *testing.T, data []byte) *pdfread.File {
	t.Helper()
	f, err := pdfread.Open(data, pdfread.LimitsFor(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// TestPagesAndFields reads a page tree with an intermediate node and a form
// whose field names are inherited and written in UTF-16.
func TestPagesAndFields(t *testing.T) {
	f := open(t, pdfOf(
		"<</Type /Catalog /Pages 2 0 R /AcroForm <</Fields [5 0 R]>>>>",
		"<</Type /Pages /Kids [3 0 R] /Count 2>>",
		"<</Type /Pages /Parent 2 0 R /Kids [4 0 R 7 0 R] /Count 2>>",
		"<</Type /Page /Parent 3 0 R /MediaBox [0 0 595 842]>>",
		"<</T (Parent) /FT /Sig /Kids [6 0 R]>>",
		"<</T <FEFF0428> /Parent 5 0 R>>",
		"<</Type /Page /Parent 3 0 R>>",
	))
	root, _ := Dict(f, 0, f.Revisions[0].Trailer["Root"])
	pages, err := Pages(f, 0, root["Pages"])
	if err != nil || len(pages) != 2 || pages[0].Num != 4 || pages[1].Num != 7 {
		t.Fatalf("pages %v %v", pages, err)
	}
	fields, err := FormFields(f, 0)
	if err != nil || len(fields) != 1 || fields[0].Name != "Parent.Ш" || fields[0].FT != "Sig" {
		t.Fatalf("fields %+v %v", fields, err)
	}
}

// TestPageTreeLoop: a page tree that contains itself is an error, not a
// walk that never ends.
func TestPageTreeLoop(t *testing.T) {
	f := open(t, pdfOf(
		"<</Type /Catalog /Pages 2 0 R>>",
		"<</Type /Pages /Kids [2 0 R] /Count 1>>",
	))
	if _, err := Pages(f, 0, pdfread.Ref{Num: 2}); err == nil || !strings.Contains(err.Error(), "loop") {
		t.Fatalf("got %v", err)
	}
}

// TestWrite: entries come out sorted, references stay references,
// strings become hex so no byte can end them early, and names escape
// delimiters.
func TestWrite(t *testing.T) {
	d := pdfread.Dict{
		"Parent": pdfread.Ref{Num: 3},
		"Kids":   pdfread.Array{pdfread.Ref{Num: 4}, int64(-2), 1.5, nil, true},
		"T":      pdfread.String("a)b"),
		"N":      pdfread.Name("A B/C"),
		"Skip":   int64(1),
	}
	got, err := DictEntries(d, "Skip")
	want := "/Kids [4 0 R -2 1.5 null true]\n/N /A#20B#2FC\n/Parent 3 0 R\n/T <612962>\n"
	if err != nil || string(got) != want {
		t.Fatalf("got %q %v, want %q", got, err, want)
	}
	deep := pdfread.Object(int64(1))
	for range 100 {
		deep = pdfread.Array{deep}
	}
	if _, err := Items(pdfread.Array{deep}); err == nil {
		t.Error("100 nested arrays written")
	}
	if s := TextString(`Ш (x)`); s != "<FEFF04280020002800780029>" {
		t.Errorf("TextString = %s", s)
	}
	if s := TextString(`a (b) \`); s != `(a \(b\) \\)` {
		t.Errorf("TextString = %s", s)
	}
}

func TestDateRoundTrip(t *testing.T) {
	when := time.Date(2026, 6, 1, 12, 30, 5, 0, time.FixedZone("", -(3*3600+30*60)))
	s := Date(when)
	got, ok := ParseDate(strings.Trim(s, "()"))
	if !ok || !got.Equal(when) {
		t.Fatalf("%s read back as %v %v", s, got, ok)
	}
}
