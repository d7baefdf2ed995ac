package pdf

import (
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode/utf16"

	"golang.org/x/text/unicode/bidi"

	"communique/app/pdf/bidimark"
	"communique/app/pdf/carrier"
	"communique/app/pdf/readertest"
)

// TestCarriers: a line that mixes directions gets carriers whose texts,
// in stream order, are the line's text in reading order (the text the
// glyphs' ToUnicode entries give once a reader reorders them), with
// alternating marks; a line in one direction, right to left or not, gets
// none; and in the file the carriers follow the line's glyphs, which are
// hidden from MuPDF by an empty /ActualText, inside a /Span with an empty
// /ActualText for poppler.
func TestCarriers(t *testing.T) {
	lines := readScriptLines(t)
	for _, lang := range []string{"ar", "ckb", "fa", "en"} {
		doc := statement(t, lang, lines)
		d := sanitize(doc)
		c, err := compose(&d, nil)
		if err != nil {
			t.Fatal(err)
		}
		want := expectedLines(t, doc)
		mixed, plain := 0, 0
		mixedText := map[string]bool{}
		for p, pg := range c.pages {
			n := 0
			for _, pl := range pg.lines {
				pr := newProgram()
				cs := lineCarriers(pl, c.faces, pr)
				if !hasText(pl) {
					continue
				}
				line := want[p][n]
				n++
				if cs == nil {
					if mixesDirections(line, pl.line.RTL) {
						t.Errorf("%s: mixed line %q has no carriers", lang, line)
					}
					plain++
					continue
				}
				mixed++
				if !mixesDirections(line, pl.line.RTL) {
					t.Errorf("%s: line %q in one direction has carriers", lang, line)
				}
				var b strings.Builder
				for i, cr := range cs {
					b.WriteString(cr.text)
					mark := pr.uses[cr.use].text
					if wantMark := string([]rune{bidimark.LRM, bidimark.MuPDF}[i%2]); mark != wantMark {
						t.Errorf("%s: carrier %d of %q has mark %q, want %q", lang, i, line, mark, wantMark)
					}
				}
				mixedText[line] = true
				if got := readertest.Normalize(b.String()); got != line {
					t.Errorf("%s: carriers read %q, the line is %q", lang, got, line)
				}
			}
		}
		if lang == "en" && mixed != 0 {
			t.Errorf("en: %d lines with carriers, want none", mixed)
		}
		if lang != "en" && (mixed == 0 || plain == 0) {
			t.Errorf("%s: %d mixed and %d plain lines; the statement should have both", lang, mixed, plain)
		}

		res, err := Export(doc)
		if err != nil {
			t.Fatal(err)
		}
		content := string(pageContent(t, res.PDF))
		hidden := strings.Count(content, carrier.Hide)
		spans := regexp.MustCompile(`(?s)/Span <</ActualText \(\)>> BDC\n(/Reading .*?)\nEMC\n`).FindAllStringSubmatch(content, -1)
		if hidden != mixed || len(spans) != mixed {
			t.Errorf("%s: %d hidden glyph sequences and %d carrier spans for %d mixed lines", lang, hidden, len(spans), mixed)
		}
		// PDFium must not see the hiding /ActualText (carrier.Hide): the
		// page resources name it, with the empty string by reference.
		props := regexp.MustCompile(`/` + carrier.HideName + ` <<\s*/ActualText (\d+) 0 R\s*>>`).FindStringSubmatch(content)
		switch {
		case props == nil && mixed > 0:
			t.Fatalf("%s: no %s properties in the page resources", lang, carrier.HideName)
		case props != nil && mixed == 0:
			t.Errorf("%s: %s properties and no line hidden", lang, carrier.HideName)
		case props != nil && !regexp.MustCompile(`(?m)^`+props[1]+` 0 obj\n\(\)\nendobj`).MatchString(content):
			t.Errorf("%s: object %s, the hiding /ActualText, is not an empty string", lang, props[1])
		}
		texts := regexp.MustCompile(`/Reading <</ActualText <(?i:feff)([0-9a-fA-F]*)>>`)
		for _, s := range spans {
			var b strings.Builder
			for _, m := range texts.FindAllStringSubmatch(s[1], -1) {
				b.WriteString(decodeUTF16Hex(t, m[1]))
			}
			if !mixedText[readertest.Normalize(b.String())] {
				t.Errorf("%s: a carrier span reads %q, not a mixed line's text", lang, b.String())
			}
		}
	}
}

// mixesDirections reports a line whose text holds right-to-left letters
// and also Latin letters or digits (in a right-to-left paragraph, Latin
// letters or digits at all): MuPDF reads such a line out of order from its
// glyphs.
func mixesDirections(line string, rtlParagraph bool) bool {
	rtl, other := rtlParagraph, false
	for _, r := range line {
		p, _ := bidi.LookupRune(r)
		switch p.Class() {
		case bidi.R, bidi.AL:
			rtl = true
		case bidi.L, bidi.EN, bidi.AN:
			other = true
		}
	}
	return rtl && other
}

// hasText reports a placed line a reader gets any text from.
func hasText(pl placedLine) bool {
	for _, r := range pl.line.Runs {
		for _, cl := range r.Clusters {
			if strings.TrimSpace(bidimark.ReaderChars(cl.Text, false)) != "" {
				return true
			}
		}
	}
	return false
}

func decodeUTF16Hex(t *testing.T, h string) string {
	t.Helper()
	var us []uint16
	for i := 0; i+4 <= len(h); i += 4 {
		var u uint16
		for _, c := range h[i : i+4] {
			u <<= 4
			switch {
			case c >= '0' && c <= '9':
				u |= uint16(c - '0')
			case c >= 'a' && c <= 'f':
				u |= uint16(c-'a') + 10
			default:
				u |= uint16(c-'A') + 10
			}
		}
		us = append(us, u)
	}
	return string(utf16.Decode(us))
}

// pageContent returns the file's uncompressed content, as qpdf's QDF form
// writes it.
func pageContent(t *testing.T, pdf []byte) []byte {
	t.Helper()
	path := writeTemp(t, "content.pdf", pdf)
	return []byte(run(t, "qpdf", "--qdf", "--object-streams=disable", path, "-"))
}

// TestReadingUnits: structure text is one code per character, except a
// word holding a combining mark, which is one code with the space before
// it (pdf.js would read a lone mark wherever it stands).
func TestReadingUnits(t *testing.T) {
	got := readingUnits("حالما سيُستأنف 15.")
	want := []string{"ح", "ا", "ل", "م", "ا", " سيُستأنف", " ", "1", "5", "."}
	if !slices.Equal(got, want) {
		t.Errorf("readingUnits = %q, want %q", got, want)
	}
	if got := readingUnits("شَدَّ"); !slices.Equal(got, []string{" شَدَّ"}) {
		t.Errorf("a line starting with a marked word: %q", got)
	}
}

// TestReadingMarkedWordsBound: past maxMarkedWords distinct words with
// combining marks a line keeps its glyphs' structure text instead of
// spending more of the font's codes; words already given a code cost
// nothing more.
func TestReadingMarkedWordsBound(t *testing.T) {
	doc := Document{Lang: "ar", Title: Part{ID: "title", Text: "عنوان"}, Date: testDate,
		Paragraphs: []Part{{ID: "p1", Text: "سيُستأنف العمل"}}}
	d := sanitize(doc)
	c, err := compose(&d, nil)
	if err != nil {
		t.Fatal(err)
	}
	var line placedLine
	for _, pl := range c.pages[0].lines {
		if strings.Contains(lineText(pl.line), "سيُستأنف") {
			line = pl
		}
	}
	if line.elem == nil {
		t.Fatal("no line with the marked word")
	}
	pr := newProgram()
	pr.markedWords = maxMarkedWords
	if got := lineReading(line, c.faces, pr); got != nil {
		t.Errorf("at the bound a new marked word still got codes: %d uses", len(got))
	}
	pr = newProgram()
	if got := lineReading(line, c.faces, pr); len(got) == 0 || pr.markedWords != 1 {
		t.Fatalf("under the bound: %d uses, %d marked words", len(got), pr.markedWords)
	}
	pr.markedWords = maxMarkedWords
	if got := lineReading(line, c.faces, pr); got == nil {
		t.Error("a marked word that already has its code was refused at the bound")
	}
}
