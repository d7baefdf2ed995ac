package export

import (
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/BurntSushi/toml"

	"communique/app/pdf"
	"communique/app/pdf/readertest"
	"communique/internal/judge"
)

// scriptStatement is the bundled sample's statement in lang, its texts
// from testdata/translations.LANG.toml (message ID = text), set in the
// system font the language defaults to.
func scriptStatement(t *testing.T, lang string) pdf.Document {
	t.Helper()
	w := sample(t)
	doc, _, err := Preview(w, w.Statements[0], "en")
	if err != nil {
		t.Fatal(err)
	}
	var texts map[string]string
	path := filepath.Join("testdata", "translations."+lang+".toml")
	if _, err := toml.DecodeFile(path, &texts); err != nil {
		t.Fatal(err)
	}
	text := func(id string) string {
		s, ok := texts[id]
		if !ok {
			t.Fatalf("%s: no %s", path, id)
		}
		return s
	}
	doc.Lang = lang
	doc.Title.Text = text(doc.Title.ID)
	doc.Organisation = text(doc.OrganisationID)
	doc.IssuingBody = text(doc.IssuingBodyID)
	doc.Place = text(doc.PlaceID)
	for i := range doc.Paragraphs {
		doc.Paragraphs[i].Text = text(doc.Paragraphs[i].ID)
	}
	return doc
}

// TestChineseAndHindiStatements exports the sample's statement in Chinese
// (long paragraphs, broken between ideographs and justified between them)
// and in Hindi (Devanagari conjuncts and vowel signs, broken at spaces), and
// holds poppler, pdf.js and MuPDF to the text of every line. pdf.js splits
// a Devanagari line before a cluster that starts with a combining mark (a
// vowel sign, as it does for Arabic harakat): for Hindi it is held to the
// characters, in order, the other two to the exact lines.
// COMMUNIQUE_KEEP=dir keeps the PDFs to look at.
func TestChineseAndHindiStatements(t *testing.T) {
	for _, lang := range []string{"zh", "hi"} {
		t.Run(lang, func(t *testing.T) {
			doc := scriptStatement(t, lang)
			res, err := pdf.Export(doc)
			if err != nil {
				t.Fatal(err)
			}
			path := filepath.Join(t.TempDir(), lang+".pdf")
			if dir := os.Getenv("COMMUNIQUE_KEEP"); dir != "" {
				path = filepath.Join(dir, "statement."+lang+".pdf")
			}
			if err := os.WriteFile(path, res.PDF, 0o644); err != nil {
				t.Fatal(err)
			}
			raw, err := pdf.TextLines(doc)
			if err != nil {
				t.Fatal(err)
			}
			want, lines := readertest.Want(raw), 0
			for _, ls := range want {
				lines += len(ls)
			}
			if lines < 15 {
				t.Fatalf("%d lines: the paragraphs are not broken", lines)
			}
			readertest.CheckCharacters(t, lang, "pdfium", readertest.Pages(t, "pdfium", path), want)
			for _, reader := range readertest.Readers {
				got := readertest.Pages(t, reader, path)
				if lang != "hi" || reader != "pdfjs" {
					readertest.Check(t, lang, reader, false, got, want)
					continue
				}
				var all []string
				for _, p := range want {
					all = append(all, p...)
				}
				if !readertest.SameCharacters(readertest.Normalize(strings.Join(all, " ")), readertest.Normalize(strings.Join(got, " "))) {
					t.Errorf("hi: pdf.js extracts other characters:\n%q", got)
				}
			}
			checkJustified(t, lang, path)
		})
	}
}

// checkJustified reads the body lines' boxes with pdftotext -bbox-layout:
// the lines of a paragraph but its last end at the right margin, where
// most of them end (a comma or a hyphen may hang past it). In Chinese, a line ending with punctuation may stop short of
// the margin by that punctuation's blank half (an ideographic comma or full
// stop is drawn in the left half of its em), no more.
func checkJustified(t *testing.T, lang, path string) {
	t.Helper()
	out, err := exec.Command(judge.Tool(t, "pdftotext"), "-bbox-layout", path, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	type box struct {
		xMax, height float64
		text         string
	}
	var paras [][]box
	heights := map[float64]int{}
	for _, block := range strings.Split(string(out), "<block ")[1:] {
		var para []box
		for _, ln := range strings.Split(block, "<line ")[1:] {
			b := box{height: math.Round(attr(t, ln, "yMax") - attr(t, ln, "yMin"))}
			for _, w := range strings.Split(ln, "<word ")[1:] {
				b.xMax = max(b.xMax, attr(t, w, "xMax"))
				b.text += w[strings.Index(w, ">")+1 : strings.Index(w, "</word>")]
			}
			heights[b.height]++
			para = append(para, b)
		}
		paras = append(paras, para)
	}
	body := 0.0
	for h, n := range heights {
		if n > heights[body] {
			body = h
		}
	}
	ends := map[float64]int{}
	right := 0.0
	for _, p := range paras {
		if len(p) < 2 || p[0].height != body {
			continue // the letterhead, the title, the dateline
		}
		for _, b := range p[:len(p)-1] {
			x := math.Round(b.xMax*2) / 2
			if ends[x]++; ends[x] > ends[right] {
				right = x
			}
		}
	}
	justified := 0
	for _, p := range paras {
		if len(p) < 2 || p[0].height != body {
			continue
		}
		for _, b := range p[:len(p)-1] {
			short := right - b.xMax
			last, _ := utf8.DecodeLastRuneInString(b.text)
			punct := lang == "zh" && strings.ContainsRune("，。、；：）”", last)
			if short > 1 && !(punct && short < 6) {
				t.Errorf("%s: a line stops %.1f pt short of the margin: %s", lang, short, b.text)
			}
			justified++
		}
	}
	if justified < 8 {
		t.Errorf("%s: only %d justified lines found", lang, justified)
	}
}

func attr(t *testing.T, s, name string) float64 {
	t.Helper()
	k := strings.Index(s, name+`="`)
	if k < 0 {
		t.Fatalf("pdftotext -bbox-layout: no %s in %q", name, s)
	}
	v := s[k+len(name)+2:]
	f, err := strconv.ParseFloat(v[:strings.IndexByte(v, '"')], 64)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// TestChineseLooseLineExtracts: a Chinese line that ends before a long
// Latin word would need gaps between its ideographs wide enough for pdf.js
// to read spaces in them ("政 治 主 任"); it is set ragged instead, and
// every reader gets the text back as written.
func TestChineseLooseLineExtracts(t *testing.T) {
	doc := scriptStatement(t, "zh")
	doc.Paragraphs = []pdf.Part{{ID: "p1", Text: "政治主任们同意继续打击达伊沙并在伊拉克和叙利亚保持目标一致和团结协作参见Internationalization-and-localization-guidelines文件全文以及其他相关的资料和会议记录，政治主任们同意继续打击达伊沙并在伊拉克和叙利亚保持目标一致和团结协作。"}}
	res, err := pdf.Export(doc)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "zh.pdf")
	if err := os.WriteFile(path, res.PDF, 0o644); err != nil {
		t.Fatal(err)
	}
	raw, err := pdf.TextLines(doc)
	if err != nil {
		t.Fatal(err)
	}
	want := readertest.Want(raw)
	if !strings.HasSuffix(want[0][4], "参见") {
		t.Fatalf("the paragraph's first line is %q; the test needs it to end before the Latin word", want[0][4])
	}
	for _, reader := range readertest.Readers {
		readertest.Check(t, "zh", reader, false, readertest.Pages(t, reader, path), want)
	}
	readertest.CheckCharacters(t, "zh", "pdfium", readertest.Pages(t, "pdfium", path), want)
}
