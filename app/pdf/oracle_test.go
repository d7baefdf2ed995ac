package pdf

import (
	"bytes"
	"communique/app/locale"
	"communique/app/pdf/readertest"
	"communique/internal/judge"
	"errors"
	"fmt"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"
)

// The oracles: poppler (pdftotext, pdffonts, pdfinfo, pdftoppm) and qpdf
// judge the files we write. A missing tool fails the test (see package judge).

func tool(t *testing.T, name string) string {
	t.Helper()
	return judge.Tool(t, name)
}

func run(t *testing.T, name string, args ...string) string {
	t.Helper()
	cmd := exec.Command(tool(t, name), args...)
	var out, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("%s %s: %v\n%s%s", name, strings.Join(args, " "), err, out.String(), stderr.String())
	}
	return out.String()
}

func writeTemp(t *testing.T, name string, b []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// expectedLines returns, page by page, the logical text of every line the
// layout placed, from its clusters in logical order; a line ending at a
// hyphenation point or a soft hyphen ends in the "-" its hyphen reads as.
func expectedLines(t *testing.T, doc Document) [][]string {
	t.Helper()
	raw, err := TextLines(doc)
	if err != nil {
		t.Fatal(err)
	}
	return readertest.Want(raw)
}

// checkPDF runs every oracle on one exported document.
func checkPDF(t *testing.T, name string, doc Document, res *Result) {
	t.Helper()
	path := writeTemp(t, name+".pdf", res.PDF)

	// qpdf: structure, xref, streams.
	if out := run(t, "qpdf", "--check", path); !strings.Contains(out, "No syntax or stream encoding errors found") {
		t.Errorf("%s: qpdf --check:\n%s", name, out)
	}

	// pdffonts: every font embedded, subset, with a ToUnicode map.
	fonts := strings.Split(strings.TrimSpace(run(t, "pdffonts", path)), "\n")
	if len(fonts) < 3 {
		t.Errorf("%s: pdffonts lists no fonts:\n%s", name, strings.Join(fonts, "\n"))
	}
	subset := regexp.MustCompile(`^[A-Z]{6}\+\S+\s+CID TrueType\s+Identity-H\s+yes\s+yes\s+yes\s`)
	for _, f := range fonts[2:] {
		if !subset.MatchString(f) {
			t.Errorf("%s: font not an embedded subset with ToUnicode: %q", name, f)
		}
	}

	// pdftotext: the logical text of every line, nothing else, and no
	// glyph codes in place of text.
	raw := run(t, "pdftotext", "-enc", "UTF-8", path, "-")
	if r, bad := readertest.Forbidden(raw); bad {
		t.Errorf("%s: pdftotext output contains %U (Private Use or presentation form)", name, r)
	}
	pages := strings.Split(strings.TrimRight(raw, "\f"), "\f")
	want := expectedLines(t, doc)
	if len(pages) != len(want) || res.Pages != len(want) {
		t.Fatalf("%s: %d pages extracted, %d laid out, Result.Pages %d", name, len(pages), len(want), res.Pages)
	}
	for i, page := range pages {
		var got []string
		for _, l := range strings.Split(page, "\n") {
			if s := readertest.Normalize(l); s != "" {
				got = append(got, s)
			}
		}
		w := readertest.Dehyphenate(want[i])
		// Reading order between blocks (dateline, signature box) is
		// pdftotext's choice; each line must come back whole and exact.
		slices.Sort(got)
		slices.Sort(w)
		if !slices.Equal(got, w) {
			t.Errorf("%s page %d: extracted text differs\n%s", name, i+1, readertest.Diff(w, got))
		}
	}
}

// scriptLineDoc is a test line of script-lines.txt as a document of its
// own: its first words as letterhead, title and signer, the line as a
// paragraph once and twice over, so it wraps.
func scriptLineDoc(sl scriptLine) Document {
	words := strings.Fields(sl.text)
	return Document{
		Lang:         sl.lang,
		Organisation: words[0] + " " + words[1],
		Title:        Part{ID: "title", Text: strings.Join(words[:min(4, len(words))], " ")},
		Place:        places[sl.lang],
		Date:         testDate,
		Paragraphs:   []Part{{ID: "line", Text: sl.text}, {ID: "line-twice", Text: sl.text + " " + sl.text}},
		Signature:    &SignatureBlock{Signer: words[2], Role: words[3]},
	}
}

// TestScriptLinesOracles exports every line of the script test file as a
// document of its own (title, dateline, the line as a paragraph, footer)
// and judges it with qpdf, pdffonts and pdftotext.
func TestScriptLinesOracles(t *testing.T) {
	for i, sl := range readScriptLines(t) {
		name := fmt.Sprintf("%02d-%s", i+1, sl.lang)
		t.Run(name, func(t *testing.T) {
			doc := scriptLineDoc(sl)
			res, err := Export(doc)
			if err != nil {
				t.Fatal(err)
			}
			checkPDF(t, name, doc, res)
		})
	}
}

// TestMixedDirectionOracles covers the boundaries between directions that
// pdftotext's reordering gets wrong unless the writer marks them: Latin
// words, numbers, percentages, slashes and punctuation inside right-to-left
// lines, and Arabic words inside left-to-right ones.
//
// Not covered, because poppler cannot output it in any file: an Arabic
// phrase containing a number inside a left-to-right paragraph ("the
// phrase التحالف 15 الدولي here"); its left-to-right pass emits the two
// Arabic words in visual order.
func TestMixedDirectionOracles(t *testing.T) {
	for i, c := range []struct{ lang, text string }{
		{"ar", "اجتمع أعضاء Global Coalition ضد داعش في بغداد."},
		{"ar", "قال التحالف (ISIS) إن النسبة 25% ارتفعت إلى 30.5% خلال عام 2020."},
		{"fa", "سهم ایران ۲۵٪ بود و در سال ۲۰۲۰ به ۳۰٫۵٪ رسید."},
		{"ckb", "لە ساڵی ٢٠١٤، داعش، بە پێی ڕاپۆرتی UN، شکستی هێنا."},
		{"ar", "«التحالف الدولي» — بيان رقم 7/2020: نعم!"},
		{"en", "The word تحالف means coalition."},
		{"en", "The phrase التحالف الدولي is Arabic, and (داعش) too."},
	} {
		name := fmt.Sprintf("mixed-%d-%s", i+1, c.lang)
		t.Run(name, func(t *testing.T) {
			doc := Document{Lang: c.lang, Title: Part{ID: "title", Text: "Test"}, Date: testDate, Paragraphs: []Part{{ID: "p", Text: c.text}}}
			res, err := Export(doc)
			if err != nil {
				t.Fatal(err)
			}
			checkPDF(t, name, doc, res)
		})
	}
}

// TestStatementsOracles does the same for the seven-part statements in all
// nine languages, and holds each to the 80 KB budget.
func TestStatementsOracles(t *testing.T) {
	lines := readScriptLines(t)
	for _, lang := range languages {
		t.Run(lang, func(t *testing.T) {
			doc := statement(t, lang, lines)
			res, err := Export(doc)
			if err != nil {
				t.Fatal(err)
			}
			if len(res.PDF) > 80*1024 {
				t.Errorf("%s: %d bytes, budget is 80 KB", lang, len(res.PDF))
			}
			checkPDF(t, lang, doc, res)
		})
	}
}

// TestMetadata checks the document information and catalog with pdfinfo.
func TestMetadata(t *testing.T) {
	title, paras := seedParts(t)
	doc := Document{Lang: "en", Organisation: "Global Coalition", Title: title, IssuingBody: "Political Directors",
		Place: "Washington", Date: testDate, Paragraphs: paras}
	res, err := Export(doc)
	if err != nil {
		t.Fatal(err)
	}
	info := run(t, "pdfinfo", writeTemp(t, "meta.pdf", res.PDF))
	for _, want := range []string{
		"Title:           " + title.Text,
		"Subject:         Political Directors",
		"Author:          Global Coalition",
		"Producer:        Communiqué",
		"Creator:         Communiqué",
		"CreationDate:    Wed Apr 15 10:30:00 2020",
		"ModDate:         Wed Apr 15 10:30:00 2020",
		"Page size:       595.28 x 841.89 pts (A4)",
		"PDF version:     1.5",
	} {
		if !strings.Contains(info, want) {
			t.Errorf("pdfinfo lacks %q:\n%s", want, info)
		}
	}
	if !bytes.Contains(res.PDF, []byte("/Lang (en)")) {
		t.Error("catalog has no /Lang (en)")
	}
	if !regexp.MustCompile(`/ID \[<[0-9a-f]{32}><[0-9a-f]{32}>\]`).Match(res.PDF) {
		t.Error("trailer has no /ID")
	}
}

// TestPreviewMatchesPDF rasterizes the same page with Render and with
// poppler and compares them: the preview must show the exported layout.
func TestPreviewMatchesPDF(t *testing.T) {
	lines := readScriptLines(t)
	for _, lang := range []string{"en", "ar"} {
		doc := statement(t, lang, lines)
		res, err := Export(doc)
		if err != nil {
			t.Fatal(err)
		}
		dir := t.TempDir()
		pdfPath := filepath.Join(dir, "doc.pdf")
		if err := os.WriteFile(pdfPath, res.PDF, 0o644); err != nil {
			t.Fatal(err)
		}
		run(t, "pdftoppm", "-png", "-r", "72", "-f", "1", "-l", "1", "-singlefile", pdfPath, filepath.Join(dir, "poppler"))
		f, err := os.Open(filepath.Join(dir, "poppler.png"))
		if err != nil {
			t.Fatal(err)
		}
		want, err := png.Decode(f)
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		got, pages, err := Render(doc, 1, 1)
		if err != nil {
			t.Fatal(err)
		}
		if pages != res.Pages {
			t.Errorf("%s: Render counts %d pages, Export %d", lang, pages, res.Pages)
		}
		if got.Bounds().Dx() != want.Bounds().Dx() || got.Bounds().Dy() != want.Bounds().Dy() {
			t.Fatalf("%s: preview %v, poppler %v", lang, got.Bounds(), want.Bounds())
		}
		// Compare ink: a clearly dark pixel in one image must have at
		// least some ink at or next to it in the other (antialiasing of
		// thin rules and glyph edges differs between rasterizers).
		lum := func(img image.Image, x, y int) uint32 {
			r, g, b, _ := img.At(x, y).RGBA()
			return (r + g + b) / 3
		}
		dark := func(img image.Image, x, y int) bool { return lum(img, x, y) < 0x6000 }
		near := func(img image.Image, x, y int) bool {
			for dy := -1; dy <= 1; dy++ {
				for dx := -1; dx <= 1; dx++ {
					if lum(img, x+dx, y+dy) < 0xD000 {
						return true
					}
				}
			}
			return false
		}
		inkGot, miss := 0, 0
		b := got.Bounds()
		for y := b.Min.Y + 1; y < b.Max.Y-1; y++ {
			for x := b.Min.X + 1; x < b.Max.X-1; x++ {
				gd, wd := dark(got, x, y), dark(want, x, y)
				if gd {
					inkGot++
				}
				if (gd && !near(want, x, y)) || (wd && !near(got, x, y)) {
					miss++
				}
			}
		}
		if inkGot < 2000 {
			t.Fatalf("%s: preview nearly blank (%d dark pixels)", lang, inkGot)
		}
		ratio := float64(miss) / float64(inkGot)
		t.Logf("%s: %d of %d dark pixels without a counterpart (%.2f%%)", lang, miss, inkGot, 100*ratio)
		if ratio > 0.01 {
			t.Errorf("%s: %d of %d dark pixels differ from poppler's rendering (%.1f%%)", lang, miss, inkGot, 100*ratio)
		}
	}
}

func TestDeterministic(t *testing.T) {
	lines := readScriptLines(t)
	for _, lang := range []string{"en", "ar", "ckb"} {
		doc := statement(t, lang, lines)
		doc.Signature = &SignatureBlock{Signer: "Jane Doe", Role: "Director"}
		a, err := Export(doc)
		if err != nil {
			t.Fatal(err)
		}
		b, err := Export(doc)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(a.PDF, b.PDF) {
			t.Errorf("%s: two exports of the same document differ", lang)
		}
		doc.Date = doc.Date.Add(24 * time.Hour)
		c, err := Export(doc)
		if err != nil {
			t.Fatal(err)
		}
		if bytes.Equal(a.PDF, c.PDF) {
			t.Errorf("%s: a different date gave the same bytes", lang)
		}
	}
}

// TestLayoutAsideMatchesOneEngine: with one CPU, compose lays out every
// paragraph itself; with more, a second engine takes the last ones. The
// bytes must not depend on it, nor on a missing glyph's being found by
// either engine.
func TestLayoutAsideMatchesOneEngine(t *testing.T) {
	lines := readScriptLines(t)
	title, paras := seedParts(t)
	long := Document{Lang: "en", Title: title, Date: testDate, Paragraphs: append(slices.Clone(paras), paras...)}
	docs := []Document{statement(t, "en", lines), statement(t, "ar", lines), long}
	export := func(procs int) [][]byte {
		defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
		var out [][]byte
		for _, doc := range docs {
			res, err := Export(doc)
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, res.PDF)
		}
		return out
	}
	one, two := export(1), export(2)
	for i := range docs {
		if !bytes.Equal(one[i], two[i]) {
			t.Errorf("%s document %d: one engine and two give different bytes", docs[i].Lang, i)
		}
	}
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(2))
	bad := long
	bad.Paragraphs = append(slices.Clone(long.Paragraphs), Part{ID: "last", Text: "\U00010000"}) // Linear B: no font here
	var mg *MissingGlyphError
	if _, err := Export(bad); !errors.As(err, &mg) || mg.MessageID != "last" {
		t.Errorf("err = %v, want the missing glyph of the last paragraph", err)
	}
}

func TestExportAllMatchesExport(t *testing.T) {
	lines := readScriptLines(t)
	var docs []Document
	for _, lang := range languages {
		docs = append(docs, statement(t, lang, lines))
	}
	all, err := ExportAll(docs)
	if err != nil {
		t.Fatal(err)
	}
	for i, doc := range docs {
		one, err := Export(doc)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(one.PDF, all[i].PDF) || one.Pages != all[i].Pages {
			t.Errorf("%s: ExportAll and Export differ", doc.Lang)
		}
	}
	docs[4].Paragraphs = append(docs[4].Paragraphs, Part{ID: "bad", Text: "\U00010000"}) // Linear B: no font here
	var mg *MissingGlyphError
	if _, err := ExportAll(docs); !errors.As(err, &mg) || mg.Lang != docs[4].Lang {
		t.Errorf("ExportAll err = %v, want the missing glyph in %s", err, docs[4].Lang)
	}
}

func TestMissingGlyph(t *testing.T) {
	doc := Document{Lang: "fr", Title: Part{ID: "title", Text: "Déclaration"}, Date: testDate,
		Paragraphs: []Part{{ID: "p1", Text: "Bonjour."}, {ID: "p2", Text: "Voir \U00010000\U00010001 ci-dessous."}}} // Linear B: no font here
	_, err := Export(doc)
	var mg *MissingGlyphError
	if !errors.As(err, &mg) {
		t.Fatalf("err = %v, want *MissingGlyphError", err)
	}
	if mg.Lang != "fr" || mg.MessageID != "p2" || mg.Char != 0x10000 {
		t.Errorf("got %+v, want fr/p2/U+10000", *mg)
	}
	if msg := mg.Error(); !strings.Contains(msg, "fr") || !strings.Contains(msg, `"p2"`) || !strings.Contains(msg, "U+10000") {
		t.Errorf("message %q does not name language, message and character", msg)
	}
	if _, _, err := Render(doc, 1, 1); !errors.As(err, &mg) {
		t.Errorf("Render err = %v, want *MissingGlyphError", err)
	}
}

func TestBadInput(t *testing.T) {
	ok := Document{Lang: "en", Title: Part{ID: "t", Text: "Title"}, Date: testDate, Paragraphs: []Part{{ID: "p", Text: "Text."}}}
	tests := []struct {
		name string
		edit func(*Document)
		want string
	}{
		{"no date", func(d *Document) { d.Date = time.Time{} }, "no date"},
		{"logo not png", func(d *Document) { d.Logo = []byte("GIF89a") }, "logo"},
	}
	for _, tt := range tests {
		doc := ok
		tt.edit(&doc)
		if _, err := Export(doc); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: err = %v, want mention of %q", tt.name, err, tt.want)
		}
	}
	// Malformed UTF-8 must not reach fpdf, whose UTF-16 conversion panics.
	doc := ok
	doc.Title.Text = "Titre \xff\xfe"
	doc.Organisation = "Org\xc3"
	if _, err := Export(doc); err != nil {
		t.Errorf("malformed UTF-8: %v", err)
	}
	doc = ok
	doc.Lang = "en) /Evil (x"
	if res, err := Export(doc); err != nil || bytes.Contains(res.PDF, []byte("/Evil")) {
		t.Errorf("malformed language tag: err %v, or it reached the catalog", err)
	}
	if _, _, err := Render(ok, 2, 1); err == nil || !strings.Contains(err.Error(), "out of range") {
		t.Errorf("Render page 2 of 1: err = %v", err)
	}
	if _, _, err := Render(ok, 1, 0); err == nil {
		t.Error("Render at scale 0 succeeded")
	}
}

func TestSignatureRect(t *testing.T) {
	lines := readScriptLines(t)
	for _, lang := range []string{"en", "ar"} {
		doc := statement(t, lang, lines)
		doc.Signature = &SignatureBlock{Signer: "Jane Doe", Role: "Director"}
		res, err := Export(doc)
		if err != nil {
			t.Fatal(err)
		}
		r := res.SignatureRect
		if r == nil || r.Page != res.Pages {
			t.Fatalf("%s: signature rect %+v, want one on the last page %d", lang, r, res.Pages)
		}
		if r.X0 < 0 || r.X1 > pageW || r.Y0 < footerY+sizeFooter || r.Y1 > pageH || r.X1-r.X0 < 100 || r.Y1-r.Y0 < 20 {
			t.Errorf("%s: signature rect %+v out of the page body", lang, r)
		}
		// The block is on the end side: right for English, left for Arabic.
		if mid := (r.X0 + r.X1) / 2; (lang == "ar") != (mid < pageW/2) {
			t.Errorf("%s: signature block centred at x=%.0f", lang, mid)
		}
		text := run(t, "pdftotext", "-enc", "UTF-8", "-f", fmt.Sprint(r.Page), "-l", fmt.Sprint(r.Page),
			"-x", fmt.Sprint(int(r.X0)), "-y", fmt.Sprint(int(pageH-r.Y1)), "-W", fmt.Sprint(int(r.X1-r.X0)+1), "-H", fmt.Sprint(int(r.Y1-r.Y0)+1),
			writeTemp(t, "sig.pdf", res.PDF), "-")
		for _, want := range []string{locale.Signed(lang), "Jane Doe", "Director", locale.Date(lang, testDate)} {
			if !strings.Contains(readertest.Normalize(text), want) {
				t.Errorf("%s: signature box text %q lacks %q", lang, readertest.Normalize(text), want)
			}
		}
	}
	doc := statement(t, "en", lines)
	res, err := Export(doc)
	if err != nil {
		t.Fatal(err)
	}
	if res.SignatureRect != nil {
		t.Errorf("no signature block asked for, got rect %+v", res.SignatureRect)
	}
}

func TestLongStatementPaginates(t *testing.T) {
	title, paras := seedParts(t)
	var many []Part
	for i := range 4 {
		for _, p := range paras {
			many = append(many, Part{ID: fmt.Sprintf("%s-%d", p.ID, i), Text: p.Text})
		}
	}
	doc := Document{Lang: "en", Title: title, Date: testDate, Paragraphs: many}
	res, err := Export(doc)
	if err != nil {
		t.Fatal(err)
	}
	if res.Pages < 3 {
		t.Fatalf("%d pages, want at least 3", res.Pages)
	}
	checkPDF(t, "long", doc, res)
	out := readertest.Normalize(run(t, "pdftotext", "-enc", "UTF-8", writeTemp(t, "long.pdf", res.PDF), "-"))
	for p := 1; p <= res.Pages; p++ {
		if want := fmt.Sprintf("Page %d of %d", p, res.Pages); !strings.Contains(out, want) {
			t.Errorf("footer %q missing", want)
		}
	}
	// No page may end or start with a single line of a paragraph.
	d := sanitize(doc)
	c, err := compose(&d, nil)
	if err != nil {
		t.Fatal(err)
	}
	count := func(lines []placedLine, id string) int {
		n := 0
		for _, l := range lines {
			if l.id == id {
				n++
			}
		}
		return n
	}
	for i := 0; i+1 < len(c.pages); i++ {
		body := c.pages[i].lines
		last := body[len(body)-2].id // the footer is the last line
		if n := count(c.pages[i+1].lines, last); n > 0 {
			if m := count(body, last); m < 2 || n < 2 {
				t.Errorf("paragraph %s split %d/%d across pages %d and %d", last, m, n, i+1, i+2)
			}
		}
	}
}

// TestSignatureNeverAddsAPage (issue #10): the app previews the unsigned
// document, so signing must not add a page. Statements of growing length
// end at every height of the page; each keeps its page count when signed,
// with the block clear of the text and of the page number.
func TestSignatureNeverAddsAPage(t *testing.T) {
	_, paras := seedParts(t)
	compact := 0
	for _, lang := range []string{"en", "ar"} {
		lines := readScriptLines(t)
		base := statement(t, lang, lines)
		for n := 1; n <= 14; n++ {
			doc := base
			doc.Paragraphs = nil
			for i := range n {
				p := base.Paragraphs[i%len(base.Paragraphs)]
				if lang == "en" {
					p = paras[i%len(paras)]
				}
				doc.Paragraphs = append(doc.Paragraphs, Part{ID: fmt.Sprintf("p%d", i), Text: p.Text})
			}
			unsigned := sanitize(doc)
			cu, err := compose(&unsigned, nil)
			if err != nil {
				t.Fatal(err)
			}
			doc.Signature = &SignatureBlock{Signer: "Jane Doe", Role: "Director of Communications"}
			signed := sanitize(doc)
			cs, err := compose(&signed, nil)
			if err != nil {
				t.Fatal(err)
			}
			if len(cs.pages) != len(cu.pages) {
				t.Errorf("%s, %d paragraphs: %d pages signed, %d unsigned", lang, n, len(cs.pages), len(cu.pages))
				continue
			}
			r := cs.sig
			if r == nil || r.Page != len(cs.pages) {
				t.Fatalf("%s, %d paragraphs: signature rect %+v", lang, n, r)
			}
			if r.X1-r.X0 > sigWidth {
				compact++
			}
			if r.Y0 < footerY+sizeFooter {
				t.Errorf("%s, %d paragraphs: signature block reaches the page number (y0 %.1f)", lang, n, r.Y0)
			}
			for _, pl := range cs.pages[r.Page-1].lines {
				if pl.elem == nil {
					continue
				}
				top, bottom := pl.y+pl.line.Ascent, pl.y+pl.line.Descent
				if bottom < r.Y1 && top > r.Y0 {
					t.Errorf("%s, %d paragraphs: signature block %.1f–%.1f overlaps a line at %.1f–%.1f", lang, n, r.Y0, r.Y1, bottom, top)
				}
			}
		}
	}
	if compact == 0 {
		t.Error("no statement needed the compact block; the test does not reach it")
	}
	t.Logf("%d statements got the compact block", compact)
}
