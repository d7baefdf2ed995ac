package pdfread_test

import (
	"fmt"
	"strings"
	"testing"

	"communique/app/pdfread"
	"communique/app/pdfread/hostile"
)

func streamOf(data string) string {
	return fmt.Sprintf("<</Length %d>>\nstream\n%s\nendstream", len(data), data)
}

// TestHiddenDefinitions: object headers followed by an object, and
// trailers, that no section lists, where a reader that rebuilds the file
// would find them (in a stream's data, after '<' or white space), make
// the file malformed; the same words where no scanner looks (a comment, a
// name), or a header followed by no object (text about PDF), do not.
func TestHiddenDefinitions(t *testing.T) {
	doc := []string{
		"<</Type /Catalog /Pages 2 0 R>>",
		"<</Type /Pages /Kids [3 0 R] /Count 1>>",
		"<</Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R>>",
	}
	for _, c := range []struct {
		name, content, want string
	}{
		{"header in a stream", "q Q\n3 0 obj\n<</Type /Page /Parent 2 0 R>>\nendobj\n", "object header the cross-reference does not list"},
		{"header after < in a stream", "q Q <3 0 obj <<>> endobj", "object header the cross-reference does not list"},
		{"trailer in a stream", "q Q\ntrailer\n<</Root 9 0 R>>\n", "a trailer that belongs to no cross-reference section"},
		{"header mid-line (pdf.js inside an object, MuPDF)", "q Q 3 0 obj <</Type /Page /Parent 2 0 R>> endobj", "object header the cross-reference does not list"},
		{"header after endobj on a line (poppler)", "q Q endobj 3 0 obj [0 0 400 400]", "object header the cross-reference does not list"},
		{"header after a string", "(a)3 0 obj (b)", "object header the cross-reference does not list"},
		{"header with a long number (poppler's atoi)", "q Q\n0000000000003 0 obj\n<<>>\n", "object header the cross-reference does not list"},
		{"words mid-line", "(see 3 0 obj and the trailer) Tj", ""},
		{"words in a comment", "q Q\n%3 0 obj trailer\n", ""},
		{"text about PDF at a line start", "BT (The syntax\n12 0 obj is how an object starts) Tj ET", ""},
		{"markup at a line start", "<rdf:li>\n12 0 obj</rdf:li>", ""},
		{"a header inside a name", "/x3 0 obj <<>>", ""},
		{"header right after endobj (poppler)", "q Q endobj3 0 obj <<>>", "object header the cross-reference does not list"},
		{"trailer after endobj (poppler)", "q Q endobj trailer <</Root 9 0 R>>", "a trailer that belongs to no cross-reference section"},
		{"the word trailer starting a line of text", "BT (a car and its \\\ntrailer) Tj ET", ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			data := hostile.PDF(append(append([]string{}, doc...), streamOf(c.content)), "")
			_, err := pdfread.Open(data, pdfread.LimitsFor(len(data)))
			switch {
			case c.want == "" && err != nil:
				t.Errorf("a well-formed file: %v", err)
			case c.want != "" && (err == nil || !strings.Contains(err.Error(), c.want)):
				t.Errorf("got %v, want %q", err, c.want)
			}
		})
	}
}

// TestRelistedEntries: an update may list an earlier object again as it
// was, but not point a number at bytes of an earlier revision that held
// something else there (the last definition in the file would differ from
// the one its cross-reference names).
func TestRelistedEntries(t *testing.T) {
	doc := []string{
		"<</Type /Catalog /Pages 2 0 R>>",
		"<</Type /Pages /Kids [3 0 R] /Count 1>>",
		"<</Type /Page /Parent 2 0 R /MediaBox [0 0 200 200]>>",
	}
	base := hostile.PDF(doc, "")
	at := func(num int) int { return strings.Index(string(base), fmt.Sprintf("\n%d 0 obj", num)) + 1 }
	xref := strings.LastIndex(string(base), "\nxref\n") + 1
	update := func(num, off int) []byte {
		out := []byte(string(base))
		x := len(out)
		out = fmt.Appendf(out, "xref\n%d 1\n%010d 00000 n\r\ntrailer\n<</Size 4 /Root 1 0 R /Prev %d>>\nstartxref\n%d\n%%%%EOF\n", num, off, xref, x)
		return out
	}
	same := update(3, at(3))
	if _, err := pdfread.Open(same, pdfread.LimitsFor(len(same))); err != nil {
		t.Errorf("re-listing an object as it was: %v", err)
	}
	// Redefine the page, then point it back at its first definition.
	twice := update(3, at(3))
	x := len(twice)
	twice = fmt.Appendf(twice, "3 0 obj\n<</Type /Page /Parent 2 0 R /MediaBox [0 0 400 400]>>\nendobj\n")
	x2 := len(twice)
	twice = fmt.Appendf(twice, "xref\n3 1\n%010d 00000 n\r\ntrailer\n<</Size 4 /Root 1 0 R /Prev %d>>\nstartxref\n%d\n%%%%EOF\n", x, lastXref(same), x2)
	back := []byte(string(twice))
	x3 := len(back)
	back = fmt.Appendf(back, "xref\n3 1\n%010d 00000 n\r\ntrailer\n<</Size 4 /Root 1 0 R /Prev %d>>\nstartxref\n%d\n%%%%EOF\n", at(3), x2, x3)
	if _, err := pdfread.Open(twice, pdfread.LimitsFor(len(twice))); err != nil {
		t.Fatalf("a page redefined: %v", err)
	}
	_, err := pdfread.Open(back, pdfread.LimitsFor(len(back)))
	if err == nil || !strings.Contains(err.Error(), "names bytes of an earlier revision") {
		t.Errorf("an entry pointing back at the page's first definition: %v", err)
	}
}

func lastXref(data []byte) int {
	s := string(data)
	i := strings.LastIndex(s, "startxref\n") + len("startxref\n")
	n := 0
	for ; s[i] >= '0' && s[i] <= '9'; i++ {
		n = n*10 + int(s[i]-'0')
	}
	return n
}
