package sign

import (
	"bytes"
	"context"
	"os/exec"
	"strings"
	"testing"

	"communique/app/pdf/readertest"
	pdfsign "github.com/digitorus/pdfsign/sign"
)

// An object header inside a stream's data: text about PDF that puts
// "12 0 obj" at the start of a line is an honest statement, while a
// header followed by an object, at a line start or mid-line, is a hidden
// definition ("hide" shadow attack) a rebuilding reader would take.

// TestHeaderTextOnAPage: a page whose text says "12 0 obj" (a literal
// string continued across lines, so the words start a line of the content
// stream) is signed and verifies, as pdfsig finds it, and the words are on
// the page.
func TestHeaderTextOnAPage(t *testing.T) {
	text := "BT /F1 14 Tf 40 300 Td (An object begins with a line like \\\n12 0 obj in the file) Tj ET"
	in := rawPDF([]string{
		"<</Type /Catalog /Pages 2 0 R>>",
		"<</Type /Pages /Kids [3 0 R] /Count 1>>",
		"<</Type /Page /Parent 2 0 R /MediaBox [0 0 400 400] /Contents 4 0 R /Resources <</Font <</F1 5 0 R>>>>>>",
		streamBody(text),
		"<</Type /Font /Subtype /Type1 /BaseFont /Helvetica>>",
	})
	if !bytes.Contains(in, []byte("\n12 0 obj")) {
		t.Fatal("the header text does not start a line")
	}
	signed, err := Sign(context.Background(), in, getPKI(t).leaves[ecP256], Options{Reason: "Publication"})
	if err != nil {
		t.Fatal(err)
	}
	expectVerdict(t, signed, VerdictValid, "")
	assertPdfsigValid(t, pdfsigBlocks(pdfsig(t, signed))[0], true)
	out, err := exec.Command(needTool(t, "pdftotext"), writeTemp(t, "doc.pdf", signed), "-").CombinedOutput()
	if err != nil || !strings.Contains(string(out), "like 12 0 obj in the file") {
		t.Errorf("pdftotext: %v %q", err, out)
	}
}

// TestHiddenHeaderMidLine: a page object hidden mid-line in a signed
// content stream (where pdf.js's and MuPDF's rebuilding scans find it) makes
// the signed file malformed, and a later update pointing the page at it
// is not valid; poppler shows the hidden page. The header is real to
// pdf.js: once the file needs a rebuild, pdf.js shows the hidden page.
func TestHiddenHeaderMidLine(t *testing.T) {
	hidden := "3 0 obj <</Type /Page /Parent 2 0 R /MediaBox [0 0 400 400] /Contents 5 0 R /Resources <</Font <</F1 6 0 R>>>>>> endobj"
	in := rawPDF([]string{
		"<</Type /Catalog /Pages 2 0 R>>",
		"<</Type /Pages /Kids [3 0 R] /Count 1>>",
		"<</Type /Page /Parent 2 0 R /MediaBox [0 0 400 400] /Contents 4 0 R /Resources <</Font <</F1 6 0 R>>>>>>",
		streamBody(shadowText + " q Q " + hidden),
		streamBody("BT /F1 18 Tf 40 200 Td (Pay EUR 9,000) Tj ET"),
		"<</Type /Font /Subtype /Type1 /BaseFont /Helvetica>>",
	})
	i := bytes.LastIndex(in, []byte("startxref\n")) + len("startxref\n")
	broken := append(bytes.Clone(in[:i]), "9\n%%EOF\n"...)
	if page := readertest.Pages(t, "pdfjs", writeTemp(t, "broken.pdf", broken))[0]; !strings.Contains(page, "9,000") {
		t.Errorf("pdf.js rebuilding the file reads %q, not the hidden page", page)
	}
	if _, err := Sign(context.Background(), in, getPKI(t).leaves[ecP256], Options{}); err == nil || !strings.Contains(err.Error(), "object header the cross-reference does not list") {
		t.Errorf("Communiqué signs a file with a hidden page: %v", err)
	}
	signed := foreignSigned(t, in, pdfsign.AllowFillingExistingFormFieldsAndSignaturesPerms)
	expectVerdict(t, signed, VerdictMalformed, "object header the cross-reference does not list")
	at := bytes.Index(signed, []byte(hidden))
	root := rootNum(t, signed)
	forged := appendRawUpdate(t, signed, []rawObj{{root, lastDefinition(t, signed, root), true}}, []xrow{{3, int64(at), 0, 'n'}})
	rep := expectVerdict(t, forged, VerdictMalformed, "")
	if len(rep.Signatures) > 0 && rep.Signatures[0].Verdict == VerdictValid {
		t.Error("the signature is valid")
	}
	assertRendersDifferently(t, signed, forged)
}
