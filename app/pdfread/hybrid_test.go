package pdfread_test

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"communique/app/pdfread"
	"communique/app/pdfread/hostile"
	"communique/internal/judge"
)

var hybridDoc = []string{
	"<</Type /Catalog /Pages 2 0 R>>",
	"<</Type /Pages /Kids [3 0 R] /Count 1>>",
	"<</Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R /Resources <</Font <</F1 5 0 R>>>>>>",
	streamOf("BT /F1 12 Tf 20 100 Td (Hybrid) Tj ET"),
	"<</Type /Font /Subtype /Type1 /BaseFont /Helvetica>>",
}

// TestHybridOpens: a hybrid-reference file laid out as the specification's
// example (objects hidden in an object stream, free in the main table,
// listed by the update's /XRefStm stream) is one well-formed document, as
// qpdf finds it.
func TestHybridOpens(t *testing.T) {
	data := hostile.Hybrid(hybridDoc, map[int]bool{2: true, 5: true}, "")
	f, err := pdfread.Open(data, pdfread.LimitsFor(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	last := len(f.Revisions) - 1
	if e, ok := f.Lookup(last, 5); !ok || e.Kind != 'c' {
		t.Errorf("object 5 in the last revision: %+v %v, want compressed", e, ok)
	}
	if e, ok := f.Lookup(0, 5); !ok || e.Kind != 'f' {
		t.Errorf("object 5 in the main section: %+v %v, want free", e, ok)
	}
	font, err := f.Object(last, pdfread.Ref{Num: 5})
	if err != nil || font.(pdfread.Dict)["BaseFont"] != pdfread.Name("Helvetica") {
		t.Errorf("hidden font: %v %v", font, err)
	}
	bin := judge.Tool(t, "qpdf")
	path := filepath.Join(t.TempDir(), "hybrid.pdf")
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(bin, "--check", path).CombinedOutput()
	if err != nil || strings.Contains(string(out), "WARNING") {
		t.Errorf("qpdf finds the hybrid file broken: %v\n%s", err, out)
	}
}

// TestHybridDisagreements: where a reader that honours /XRefStm and one
// that does not (or two that order them differently) would see different
// objects, the file is malformed.
func TestHybridDisagreements(t *testing.T) {
	base := hostile.Hybrid(hybridDoc, map[int]bool{2: true, 5: true}, "")
	contentAt := int64(bytes.Index(base, []byte("\n4 0 obj")) + 1)
	for _, c := range []struct {
		name  string
		table string // rows of the update's table
		rows  [][3]int
		extra string // keys of the stream's dictionary
		want  string
	}{
		{"table and stream list an object at two offsets", "4 1\n%010d 00000 n\r\n", [][3]int{{4, 1, -1}}, "", "disagree on object 4"},
		{"table frees what the stream defines", "4 1\n0000000000 00001 f\r\n", [][3]int{{4, 1, -1}}, "", "disagree on object 4"},
		{"stream alone redefines an object in use", "", [][3]int{{4, 1, -1}}, "", "defined only by the /XRefStm stream"},
		{"stream chains elsewhere", "", [][3]int{{6, 1, -1}}, "/Prev 9", "/Prev differs"},
		{"stream names another root", "", [][3]int{{6, 1, -1}}, "/Root 3 0 R", "/Root differs"},
		{"same row in both", "4 1\n%010d 00000 n\r\n", [][3]int{{4, 1, 0}}, "", ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			out := bytes.Clone(base)
			newAt := len(out)
			out = fmt.Appendf(out, "4 0 obj\n%s\nendobj\n", streamOf("BT /F1 12 Tf 20 100 Td (Forged) Tj ET"))
			if strings.HasSuffix(c.name, "in both") {
				out = out[:newAt]
			}
			xs := 8 // 7 is the first update's stream
			xsAt := len(out)
			var bin []byte
			var index []string
			for _, r := range c.rows {
				off := newAt
				if r[2] == 0 {
					off = int(contentAt)
				}
				bin = append(bin, byte(r[1]), byte(off>>24), byte(off>>16), byte(off>>8), byte(off), 0, 0)
				index = append(index, fmt.Sprintf("%d 1", r[0]))
			}
			bin = append(bin, 1, byte(xsAt>>24), byte(xsAt>>16), byte(xsAt>>8), byte(xsAt), 0, 0)
			index = append(index, fmt.Sprintf("%d 1", xs))
			out = fmt.Appendf(out, "%d 0 obj\n<</Type /XRef /Size %d /W [1 4 2] /Index [%s]%s /Length %d>>\nstream\n", xs, xs+1, strings.Join(index, " "), c.extra, len(bin))
			out = append(out, bin...)
			out = append(out, "\nendstream\nendobj\n"...)
			x := len(out)
			table := c.table
			if strings.Contains(table, "%010d") {
				table = fmt.Sprintf(table, contentAt)
			}
			prev := bytes.LastIndex(base, []byte("xref\n0 0"))
			out = fmt.Appendf(out, "xref\n%strailer\n<</Size %d /Root 1 0 R /Prev %d /XRefStm %d>>\nstartxref\n%d\n%%%%EOF\n", table, xs+1, prev, xsAt, x)
			_, err := pdfread.Open(out, pdfread.LimitsFor(len(out)))
			switch {
			case c.want == "" && err != nil:
				t.Errorf("an agreeing hybrid update: %v", err)
			case c.want != "" && (err == nil || !strings.Contains(err.Error(), c.want)):
				t.Errorf("got %v, want %q", err, c.want)
			}
		})
	}
}
