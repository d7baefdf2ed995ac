package sign

import (
	"bytes"
	"communique/app/sign/pdfobj"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// The seven forgery classes of issue 10, each built here from a genuine
// signed file. Each test asserts the verdict and that poppler renders (or,
// for metadata, reports) the forged file differently from the signed one:
// the attack is real, and caught.

// rawObj is an object an update appends; listed ones get an xref row.
type rawObj struct {
	num    int
	body   string
	listed bool
}

// xrow is an extra cross-reference row: kind 'n' at off, or 'f'.
type xrow struct {
	num  int
	off  int64
	gen  int
	kind byte
}

// appendRawUpdate appends objects and a classic cross-reference section
// that lists the listed objects plus extra rows.
func appendRawUpdate(tb testing.TB, base []byte, objs []rawObj, extra []xrow) []byte {
	tb.Helper()
	size, root, info, prev := trailerOf(tb, base)
	out := bytes.Clone(base)
	var rows []xrow
	for _, o := range objs {
		off := int64(len(out))
		out = fmt.Appendf(out, "%d 0 obj\n%s\nendobj\n", o.num, o.body)
		if o.listed {
			rows = append(rows, xrow{o.num, off, 0, 'n'})
		}
		size = max(size, o.num+1)
	}
	rows = append(rows, extra...)
	for _, r := range rows {
		size = max(size, r.num+1)
	}
	xref := len(out)
	out = append(out, "xref\n"...)
	for _, r := range rows {
		out = fmt.Appendf(out, "%d 1\n%010d %05d %c\r\n", r.num, r.off, r.gen, r.kind)
	}
	out = fmt.Appendf(out, "trailer\n<</Size %d /Root %s%s /Prev %d>>\nstartxref\n%d\n%%%%EOF\n", size, root, info, prev, xref)
	return out
}

func trailerOf(tb testing.TB, base []byte) (size int, root, info string, prev int) {
	tb.Helper()
	p := startxrefRE.FindSubmatch(base)
	sizes := sizeRE.FindAllSubmatch(base, -1)
	roots := rootRE.FindAllSubmatch(base, -1)
	if p == nil || sizes == nil || roots == nil {
		tb.Fatal("cannot find the trailer to chain to")
	}
	size, _ = strconv.Atoi(string(sizes[len(sizes)-1][1]))
	prev, _ = strconv.Atoi(string(p[1]))
	if m := infoRE.FindAllSubmatch(base, -1); m != nil {
		info = " /Info " + string(m[len(m)-1][1])
	}
	return size, string(roots[len(roots)-1][1]), info, prev
}

// contentsOf returns the number of page's content stream.
func contentsOf(tb testing.TB, data []byte, page int) int {
	tb.Helper()
	m := regexp.MustCompile(`/Contents (\d+) 0 R`).FindStringSubmatch(lastDefinition(tb, data, page))
	if m == nil {
		tb.Fatal("page without a content reference")
	}
	n, _ := strconv.Atoi(m[1])
	return n
}

func streamBody(content string) string {
	return fmt.Sprintf("<</Length %d>>\nstream\n%s\nendstream", len(content), content)
}

const forgedContent = "1 0 0 rg 72 500 400 200 re f"

// render returns poppler's rendering of page 1 as PNG bytes.
func render(tb testing.TB, data []byte) []byte {
	tb.Helper()
	tool := needTool(tb, "pdftoppm")
	in := writeTemp(tb, "in.pdf", data)
	outPrefix := filepath.Join(tb.TempDir(), "page")
	if out, err := exec.Command(tool, "-png", "-r", "30", "-f", "1", "-l", "1", "-singlefile", in, outPrefix).CombinedOutput(); err != nil {
		tb.Logf("pdftoppm: %v %s", err, out)
	}
	png, _ := os.ReadFile(outPrefix + ".png")
	return png
}

// renderMuPDF returns MuPDF's rendering of page 1 as PNG bytes.
func renderMuPDF(tb testing.TB, data []byte) []byte {
	tb.Helper()
	tool := needTool(tb, "mutool")
	in := writeTemp(tb, "in.pdf", data)
	out := filepath.Join(tb.TempDir(), "page.png")
	if msg, err := exec.Command(tool, "draw", "-q", "-r", "30", "-o", out, in, "1").CombinedOutput(); err != nil {
		tb.Logf("mutool: %v %s", err, msg)
	}
	png, _ := os.ReadFile(out)
	return png
}

// assertRendersDifferently: the forgery changes what poppler shows.
func assertRendersDifferently(t *testing.T, genuine, forged []byte) {
	t.Helper()
	a, b := render(t, genuine), render(t, forged)
	if len(a) == 0 {
		t.Fatal("poppler cannot render the genuine file")
	}
	if bytes.Equal(a, b) {
		t.Error("poppler renders the forged file like the genuine one: the attack is not real")
	}
}

// forgeryCase runs Verify and checks the document verdict and a phrase.
func expectVerdict(t *testing.T, data []byte, want Verdict, phrase string) *Report {
	t.Helper()
	rep, err := Verify(data, getPKI(t).roots())
	if err != nil {
		t.Fatal(err)
	}
	text := rep.Detail
	for _, s := range rep.Signatures {
		text += " | " + s.Detail
	}
	if rep.Verdict != want || !strings.Contains(text, phrase) {
		t.Errorf("verdict %s %q, want %s %q", rep.Verdict, text, want, phrase)
	}
	return rep
}

func signedStatement(t *testing.T, approval bool) []byte {
	t.Helper()
	signed, err := Sign(context.Background(), testPDF(t, 1), getPKI(t).leaves[ecP256], Options{Approval: approval, Reason: "Publication"})
	if err != nil {
		t.Fatal(err)
	}
	expectVerdict(t, signed, VerdictValid, "")
	return signed
}

// Class 1: objects in no cross-reference section, and a catalog key that
// points at an entry past the end, so that readers rebuild the file by
// scanning and take the last definition of every object.
func TestForgeryObjectsOutsideXref(t *testing.T) {
	for _, approval := range []bool{false, true} {
		signed := signedStatement(t, approval)
		page, maxID := firstPage(t, signed)
		content := contentsOf(t, signed, page)
		_, root, _, _ := trailerOf(t, signed)
		rootNum, _ := strconv.Atoi(strings.Fields(root)[0])
		catalog := strings.Replace(lastDefinition(t, signed, rootNum), "<<", fmt.Sprintf("<< /Version %d 0 R", maxID+1), 1)
		catalog = regexp.MustCompile(`/Version /[\d.]+`).ReplaceAllString(catalog, "")
		forged := appendRawUpdate(t, signed, []rawObj{
			{content, streamBody(forgedContent), false},
			{rootNum, catalog, true},
		}, []xrow{{maxID + 1, int64(len(signed)) * 2, 0, 'n'}})
		expectVerdict(t, forged, VerdictMalformed, "outside its revision")
		// Without the dangling entry the hidden object alone is caught.
		hidden := appendRawUpdate(t, signed, []rawObj{{content, streamBody(forgedContent), false}, {rootNum, lastDefinition(t, signed, rootNum), true}}, nil)
		expectVerdict(t, hidden, VerdictMalformed, "belong to no object")
		assertRendersDifferently(t, signed, forged)
	}
}

// appendObjStmUpdate appends an update with a cross-reference stream whose
// object stream holds two copies of object num; the xref names the second.
func appendObjStmUpdate(tb testing.TB, base []byte, num int, first, second string, extra []rawObj) []byte {
	tb.Helper()
	size, root, info, prev := trailerOf(tb, base)
	out := bytes.Clone(base)
	var rows []xrefRow
	for _, o := range extra {
		rows = append(rows, xrefRow{o.num, 1, len(out), 0})
		out = fmt.Appendf(out, "%d 0 obj\n%s\nendobj\n", o.num, o.body)
		size = max(size, o.num+1)
	}
	stm := max(size, num+1)
	header := fmt.Sprintf("%d 0 %d %d ", num, num, len(first)+1)
	data := header + first + " " + second
	rows = append(rows, xrefRow{stm, 1, len(out), 0}, xrefRow{num, 2, stm, 1})
	out = fmt.Appendf(out, "%d 0 obj\n<</Type /ObjStm /N 2 /First %d /Length %d>>\nstream\n%s\nendstream\nendobj\n", stm, len(header), len(data), data)
	x := stm + 1
	xrefAt := len(out)
	rows = append(rows, xrefRow{x, 1, xrefAt, 0})
	bin, index := xrefRowsData(rows)
	out = fmt.Appendf(out, "%d 0 obj\n<</Type /XRef /Size %d /Root %s%s /Prev %d /W [1 4 2] /Index [%s] /Length %d>>\nstream\n",
		x, x+1, root, info, prev, index, len(bin))
	out = append(out, bin...)
	out = fmt.Appendf(out, "\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n", xrefAt)
	return out
}

// Class 2: an object stream that lists the same object number twice;
// poppler follows the xref's index to the second copy.
func TestForgeryObjectStreamDuplicate(t *testing.T) {
	signed := signedStatement(t, true)
	page, maxID := firstPage(t, signed)
	body := lastDefinition(t, signed, page)
	forgedPage := regexp.MustCompile(`/Contents \d+ 0 R`).ReplaceAllString(body, fmt.Sprintf("/Contents %d 0 R", maxID+1))
	forged := appendObjStmUpdate(t, signed, page, body, forgedPage, []rawObj{{maxID + 1, streamBody(forgedContent), true}})
	expectVerdict(t, forged, VerdictMalformed, "appears twice in the object stream")
	assertRendersDifferently(t, signed, forged)
	// The same update without the duplicate is well formed, and the page
	// change is caught by the allow-list.
	single := appendObjStmUpdate(t, signed, page, forgedPage, forgedPage, []rawObj{{maxID + 1, streamBody(forgedContent), true}})
	single = bytes.Replace(single, []byte(fmt.Sprintf("%d 0 %d ", page, page)), []byte(fmt.Sprintf("%d 0 %d ", maxID+9, page)), 1)
	if rep, err := Verify(single, getPKI(t).roots()); err != nil || rep.Verdict == VerdictValid {
		t.Errorf("page swapped through an object stream: %+v %v", rep, err)
	}
}

// Class 3: an insider with a certificate of the same CA signs after an
// update that swaps the page; the first signature must not stay valid,
// with or without a trusted later signer.
func TestForgeryInsiderSignsAfterSwap(t *testing.T) {
	p := getPKI(t)
	signed := signedStatement(t, true)
	swapped := forgePage(t, signed)
	insider, err := Sign(context.Background(), swapped, p.leaves[rsa2048], Options{Approval: true, Reason: "Insider"})
	if err != nil {
		t.Fatal(err)
	}
	rep := expectVerdict(t, insider, VerdictModified, "'s /Contents changed")
	if len(rep.Signatures) != 2 || rep.Signatures[0].Verdict != VerdictModified || rep.Signatures[1].Verdict != VerdictValid {
		t.Errorf("signatures: %+v", rep.Signatures)
	}
	assertRendersDifferently(t, signed, insider)
}

// Class 4: a later signature whose widget appearance covers the page.
func TestForgeryLaterWidgetCoversPage(t *testing.T) {
	for _, approval := range []bool{false, true} {
		signed := signedStatement(t, approval)
		page, maxID := firstPage(t, signed)
		_, root, _, _ := trailerOf(t, signed)
		rootNum, _ := strconv.Atoi(strings.Fields(root)[0])
		sig, widget, ap := maxID+1, maxID+2, maxID+3
		catalog := regexp.MustCompile(`/Fields \[([^\]]*)\]`).ReplaceAllString(lastDefinition(t, signed, rootNum), fmt.Sprintf("/Fields [$1 %d 0 R]", widget))
		pageBody := regexp.MustCompile(`/Annots \[([^\]]*)\]`).ReplaceAllString(lastDefinition(t, signed, page), fmt.Sprintf("/Annots [$1 %d 0 R]", widget))
		overlay := "1 1 1 rg 0 0 600 850 re f 1 0 0 rg 72 500 400 200 re f"
		forged := appendRawUpdate(t, signed, []rawObj{
			{sig, "<</Type /Sig /Filter /Adobe.PPKLite /SubFilter /adbe.pkcs7.detached /Contents <00>>>", true},
			{widget, fmt.Sprintf("<</Type /Annot /Subtype /Widget /FT /Sig /T (Signature9) /V %d 0 R /P %d 0 R /Rect [0 0 600 850] /F 4 /AP <</N %d 0 R>>>>", sig, page, ap), true},
			{ap, fmt.Sprintf("<</Type /XObject /Subtype /Form /BBox [0 0 600 850] /Length %d>>\nstream\n%s\nendstream", len(overlay), overlay), true},
			{page, pageBody, true},
			{rootNum, catalog, true},
		}, nil)
		rep := expectVerdict(t, forged, VerdictModified, "visible appearance that draws over the page")
		for _, s := range rep.Signatures {
			if s.Field == "Signature1" && s.Verdict != VerdictModified {
				t.Errorf("first signature %s", s.Verdict)
			}
		}
		assertRendersDifferently(t, signed, forged)
	}
}

// formPDF is a one-page invoice with a text field whose appearance readers
// build from the form's defaults (/DA, /DR).
func formPDF() []byte {
	content := "BT /Helv 14 Tf 20 160 Td (Invoice) Tj ET"
	objs := []string{
		"<</Type /Catalog /Pages 2 0 R /AcroForm <</Fields [4 0 R] /DA (/Helv 12 Tf 0 g) /DR <</Font <</Helv 5 0 R>>>> /NeedAppearances true>>>>",
		"<</Type /Pages /Kids [3 0 R] /Count 1>>",
		"<</Type /Page /Parent 2 0 R /MediaBox [0 0 300 200] /Annots [4 0 R] /Contents 6 0 R /Resources <</Font <</Helv 5 0 R>>>>>>",
		"<</Type /Annot /Subtype /Widget /FT /Tx /T (amount) /V (EUR 1,000) /Rect [20 60 280 120] /P 3 0 R /F 4>>",
		"<</Type /Font /Subtype /Type1 /BaseFont /Helvetica>>",
		streamBody(content),
	}
	var b bytes.Buffer
	b.WriteString("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
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
	fmt.Fprintf(&b, "trailer\n<</Size %d /Root 1 0 R>>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, xref)
	return b.Bytes()
}

// Class 5: on a signed form, an update touching only the form's defaults
// changes what the field shows.
func TestForgeryFormDefaults(t *testing.T) {
	p := getPKI(t)
	signed, err := Sign(context.Background(), formPDF(), p.leaves[ecP256], Options{Approval: true})
	if err != nil {
		t.Fatal(err)
	}
	expectVerdict(t, signed, VerdictValid, "")
	catalog := lastDefinition(t, signed, 1)
	forgedCatalog := strings.Replace(catalog, "/DA "+pdfobj.HexString([]byte("/Helv 12 Tf 0 g")), "/DA (/Helv 40 Tf 1 0 0 rg)", 1)
	if forgedCatalog == catalog {
		t.Fatalf("no /DA in the signed catalog: %s", catalog)
	}
	forged := appendRawUpdate(t, signed, []rawObj{{1, forgedCatalog, true}}, nil)
	expectVerdict(t, forged, VerdictModified, "the form's /DA changed")
	assertRendersDifferently(t, signed, forged)
	// Filling the field in is allowed after an approval signature.
	filled := appendRawUpdate(t, signed, []rawObj{{4, strings.Replace(lastDefinition(t, signed, 4), "EUR 1,000", "EUR 1,500", 1), true}}, nil)
	rep := expectVerdict(t, filled, VerdictValid, "later revisions change only what its signer allowed")
	// Allowed, yet reported: an approval signature's reader sees every change.
	if a := rep.Signatures[0].AllowedChanges; len(a) != 1 || !strings.Contains(a[0], "filled in (/V)") {
		t.Errorf("allowed changes %q", a)
	}
}

// Class 6: a free entry for the page's content object.
func TestForgeryFreeEntryForContent(t *testing.T) {
	for _, approval := range []bool{false, true} {
		signed := signedStatement(t, approval)
		page, _ := firstPage(t, signed)
		content := contentsOf(t, signed, page)
		forged := appendRawUpdate(t, signed, nil, []xrow{{content, 0, 0, 'f'}})
		expectVerdict(t, forged, VerdictMalformed, "free object")
		// Poppler repairs this file (it rebuilds the xref and shows the
		// signed page); MuPDF honours the free entry and shows a blank
		// page: readers disagree, which is why it is malformed.
		a, b := renderMuPDF(t, signed), renderMuPDF(t, forged)
		if len(a) == 0 || bytes.Equal(a, b) {
			t.Error("MuPDF renders the forged file like the genuine one: the attack is not real")
		}
	}
}

// Class 7: approval signatures: document information and metadata changed
// after signing are reported.
func TestForgeryInfoChangedAfterApproval(t *testing.T) {
	signed := signedStatement(t, true)
	m := infoRE.FindAllSubmatch(signed, -1)
	info, _ := strconv.Atoi(strings.Fields(string(m[len(m)-1][1]))[0])
	body := lastDefinition(t, signed, info)
	forgedBody := regexp.MustCompile(`/Title \([^)]*\)|/Title <[^>]*>`).ReplaceAllString(body, "/Title (Forged title)")
	if forgedBody == body {
		t.Fatalf("no title in %s", body)
	}
	forged := appendRawUpdate(t, signed, []rawObj{{info, forgedBody, true}}, nil)
	expectVerdict(t, forged, VerdictModified, "was rewritten")
	pdfinfo := needTool(t, "pdfinfo")
	a, _ := exec.Command(pdfinfo, writeTemp(t, "a.pdf", signed)).Output()
	b, _ := exec.Command(pdfinfo, writeTemp(t, "b.pdf", forged)).Output()
	if !strings.Contains(string(b), "Forged title") || bytes.Equal(a, b) {
		t.Errorf("pdfinfo does not show the forged title:\n%s", b)
	}
	// XMP metadata added to the catalog: reported too.
	_, root, _, _ := trailerOf(t, signed)
	rootNum, _ := strconv.Atoi(strings.Fields(root)[0])
	_, maxID := firstPage(t, signed)
	xmp := "<x:xmpmeta xmlns:x='adobe:ns:meta/'/>"
	catalog := strings.Replace(lastDefinition(t, signed, rootNum), "<<", fmt.Sprintf("<< /Metadata %d 0 R", maxID+1), 1)
	meta := appendRawUpdate(t, signed, []rawObj{
		{maxID + 1, fmt.Sprintf("<</Type /Metadata /Subtype /XML /Length %d>>\nstream\n%s\nendstream", len(xmp), xmp), true},
		{rootNum, catalog, true},
	}, nil)
	expectVerdict(t, meta, VerdictModified, "/Metadata changed")
}

// What a no-changes certification still allows after it: validation data
// (/DSS) and an invisible document timestamp. (The timestamp here has a
// dummy value, so it is itself invalid; the certification stays valid.)
func TestCertificationAllowsDSSAndDocumentTimestamp(t *testing.T) {
	signed := signedStatement(t, false)
	page, maxID := firstPage(t, signed)
	_, root, _, _ := trailerOf(t, signed)
	rootNum, _ := strconv.Atoi(strings.Fields(root)[0])
	catalog := lastDefinition(t, signed, rootNum)
	dss := appendRawUpdate(t, signed, []rawObj{
		{maxID + 1, "<</Certs []>>", true},
		{rootNum, strings.Replace(catalog, "<<", fmt.Sprintf("<< /DSS %d 0 R", maxID+1), 1), true},
	}, nil)
	expectVerdict(t, dss, VerdictValid, "later revisions leave the document's content unchanged")

	sig, widget := maxID+1, maxID+2
	withField := regexp.MustCompile(`/Fields \[([^\]]*)\]`).ReplaceAllString(catalog, fmt.Sprintf("/Fields [$1 %d 0 R]", widget))
	pageBody := regexp.MustCompile(`/Annots \[([^\]]*)\]`).ReplaceAllString(lastDefinition(t, signed, page), fmt.Sprintf("/Annots [$1 %d 0 R]", widget))
	dts := func(typ string) []byte {
		return appendRawUpdate(t, signed, []rawObj{
			{sig, "<</Type /" + typ + " /Filter /Adobe.PPKLite /SubFilter /ETSI.RFC3161 /Contents <00>>>", true},
			{widget, fmt.Sprintf("<</Type /Annot /Subtype /Widget /FT /Sig /T (Timestamp1) /V %d 0 R /P %d 0 R /Rect [0 0 0 0] /F 132>>", sig, page), true},
			{page, pageBody, true},
			{rootNum, withField, true},
		}, nil)
	}
	rep, err := Verify(dts("DocTimeStamp"), getPKI(t).roots())
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range rep.Signatures {
		if s.Field == "Signature1" && s.Verdict != VerdictValid {
			t.Errorf("certification after an invisible document timestamp: %s %q", s.Verdict, s.Detail)
		}
	}
	// The same field holding an ordinary signature is a change under P=1.
	rep, _ = Verify(bytes.Replace(dts("Sig"), []byte("/SubFilter /ETSI.RFC3161"), []byte("/SubFilter /adbe.pkcs7.detached"), 1), getPKI(t).roots())
	for _, s := range rep.Signatures {
		if s.Field == "Signature1" && (s.Verdict != VerdictModified || !strings.Contains(s.Detail, "certified with no changes allowed")) {
			t.Errorf("a second signature after a no-changes certification: %s %q", s.Verdict, s.Detail)
		}
	}
}

// TestLinearizedInput: a linearized original (two cross-reference
// sections, the first naming the later one) is read as one revision, so
// signing it keeps verifying, and forging it is still caught.
func TestLinearizedInput(t *testing.T) {
	qpdf := needTool(t, "qpdf")
	in := writeTemp(t, "in.pdf", testPDF(t, 2))
	out := filepath.Join(t.TempDir(), "lin.pdf")
	if msg, err := exec.Command(qpdf, "--linearize", in, out).CombinedOutput(); err != nil {
		t.Fatalf("qpdf: %v %s", err, msg)
	}
	lin, _ := os.ReadFile(out)
	if !bytes.Contains(lin[:1024], []byte("/Linearized")) {
		t.Fatal("qpdf did not linearize")
	}
	if rep, err := Verify(lin, nil); err != nil || rep.Verdict != VerdictInvalid || rep.Detail != "the PDF carries no signature" {
		t.Fatalf("unsigned linearized file: %+v %v", rep, err)
	}
	p := getPKI(t)
	signed, err := Sign(context.Background(), lin, p.leaves[ecP256], Options{Approval: true})
	if err != nil {
		t.Fatal(err)
	}
	expectVerdict(t, signed, VerdictValid, "")
	assertPdfsigValid(t, pdfsigBlocks(pdfsig(t, signed))[0], true)
	expectVerdict(t, forgePage(t, signed), VerdictModified, "/Contents changed")
}
