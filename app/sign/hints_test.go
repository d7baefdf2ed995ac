package sign

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	pdfsign "github.com/digitorus/pdfsign/sign"
)

// renderPage returns poppler's rendering of one page as PNG bytes.
func renderPage(tb testing.TB, data []byte, page int) []byte {
	tb.Helper()
	tool := needTool(tb, "pdftoppm")
	in := writeTemp(tb, "in.pdf", data)
	prefix := filepath.Join(tb.TempDir(), "page")
	p := strconv.Itoa(page)
	if out, err := exec.Command(tool, "-png", "-r", "30", "-f", p, "-l", p, "-singlefile", in, prefix).CombinedOutput(); err != nil {
		tb.Logf("pdftoppm: %v %s", err, out)
	}
	png, _ := os.ReadFile(prefix + ".png")
	return png
}

// TestLinearizationHints: poppler fetches the pages of a linearized file
// (while /L is its length) by the object numbers of the hint stream's page
// offset table. A file whose page tree orders the pages otherwise than
// that table shows another third page before signing than after;
// Communiqué refuses to sign it and the verifier calls it malformed.
// qpdf's own linearized file is fine.
func TestLinearizationHints(t *testing.T) {
	qpdf := needTool(t, "qpdf")
	doc := rawPDF([]string{
		"<</Type /Catalog /Pages 2 0 R>>",
		"<</Type /Pages /Kids [3 0 R 5 0 R 7 0 R] /Count 3>>",
		"<</Type /Page /Parent 2 0 R /MediaBox [0 0 400 400] /Contents 4 0 R>>",
		streamBody("0 0 1 rg 0 0 400 400 re f"),
		"<</Type /Page /Parent 2 0 R /MediaBox [0 0 400 400] /Contents 6 0 R>>",
		streamBody("0 1 0 rg 0 0 400 400 re f"),
		"<</Type /Page /Parent 2 0 R /MediaBox [0 0 400 400] /Contents 8 0 R>>",
		streamBody(forgedContent),
	})
	out := filepath.Join(t.TempDir(), "lin.pdf")
	if msg, err := exec.Command(qpdf, "--linearize", "--object-streams=disable", "--compress-streams=n", writeTemp(t, "in.pdf", doc), out).CombinedOutput(); err != nil {
		t.Fatalf("qpdf: %v %s", err, msg)
	}
	lin, _ := os.ReadFile(out)
	signed, err := Sign(context.Background(), lin, getPKI(t).leaves[ecP256], Options{Approval: true})
	if err != nil {
		t.Fatalf("qpdf's linearized file: %v", err)
	}
	expectVerdict(t, signed, VerdictValid, "")

	// poppler takes page 2 as object 1 and page 3 as 1 plus page 2's
	// object count from the hint table, which qpdf wrote for the tree's
	// order. Swapping the tree's second and third kids (same length, no
	// offset moves) makes the table and the tree disagree.
	kids := regexp.MustCompile(`/Kids \[\s*(\d+) 0 R\s+(\d+) 0 R\s+(\d+) 0 R\s*\]`).FindSubmatchIndex(lin)
	if kids == nil || kids[5]-kids[4] != kids[7]-kids[6] {
		t.Fatalf("cannot swap the kids in %q", lin[:600])
	}
	crafted := bytes.Clone(lin)
	copy(crafted[kids[4]:kids[5]], lin[kids[6]:kids[7]])
	copy(crafted[kids[6]:kids[7]], lin[kids[4]:kids[5]])
	if _, err := Sign(context.Background(), crafted, getPKI(t).leaves[ecP256], Options{Approval: true}); err == nil || !strings.Contains(err.Error(), "hint table") {
		t.Errorf("Communiqué signed it: %v", err)
	}
	forged := foreignSigned(t, crafted, pdfsign.AllowFillingExistingFormFieldsAndSignaturesPerms)
	expectVerdict(t, forged, VerdictMalformed, "hint table names object")
	// The attack is real: poppler shows another third page before and
	// after signing.
	if bytes.Equal(renderPage(t, crafted, 3), renderPage(t, forged, 3)) {
		t.Error("poppler shows the same third page before and after signing")
	}
}
