package pdf

import (
	"fmt"
	"strings"
	"testing"

	"communique/app/pdf/readertest"
	"communique/app/typeset"
)

// checkReaders extracts res with poppler, pdf.js and MuPDF and holds every
// page to the logical text of the lines the layout placed on it.
func checkReaders(t *testing.T, name string, doc Document, res *Result) {
	t.Helper()
	path := writeTemp(t, name+".pdf", res.PDF)
	want := expectedLines(t, doc)
	for _, reader := range readertest.Readers {
		readertest.Check(t, name, reader, typeset.DirectionOf(doc.Lang) == typeset.RightToLeft, readertest.Pages(t, reader, path), want)
	}
}

// TestReadersScriptLines: every line of the script test file, as a
// document of its own with a bold title and letterhead, a signature block
// and a footer, read back exactly by all three readers.
func TestReadersScriptLines(t *testing.T) {
	for i, sl := range readScriptLines(t) {
		name := fmt.Sprintf("%02d-%s", i+1, sl.lang)
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			doc := scriptLineDoc(sl)
			res, err := Export(doc)
			if err != nil {
				t.Fatal(err)
			}
			checkReaders(t, name, doc, res)
		})
	}
}

// TestReadersStatements: the seven-part statements in English, Arabic and
// Sorani, justified over several lines.
func TestReadersStatements(t *testing.T) {
	lines := readScriptLines(t)
	for _, lang := range []string{"en", "ar", "ckb", "fa"} {
		t.Run(lang, func(t *testing.T) {
			t.Parallel()
			doc := statement(t, lang, lines)
			res, err := Export(doc)
			if err != nil {
				t.Fatal(err)
			}
			checkReaders(t, lang, doc, res)
		})
	}
}

// TestReadersSoftHyphen: where a line breaks at a soft hyphen a hyphen is
// drawn, elsewhere nothing; no reader gets a soft hyphen or that hyphen.
func TestReadersSoftHyphen(t *testing.T) {
	_, paras := seedParts(t)
	shy := func(s string) string {
		// A soft hyphen in the middle of every word of nine letters or more.
		words := strings.Fields(s)
		for i, w := range words {
			if r := []rune(w); len(r) >= 9 {
				words[i] = string(r[:len(r)/2]) + "\u00AD" + string(r[len(r)/2:])
			}
		}
		return strings.Join(words, " ")
	}
	doc := Document{Lang: "en", Title: Part{ID: "title", Text: "Soft hyphens"}, Date: testDate}
	for _, p := range paras {
		doc.Paragraphs = append(doc.Paragraphs, Part{ID: p.ID, Text: shy(p.Text)})
	}
	d := sanitize(doc)
	c, err := compose(&d, nil)
	if err != nil {
		t.Fatal(err)
	}
	breaks := 0
	for _, pg := range c.pages {
		for _, pl := range pg.lines {
			if text := logicalText(pl.line); strings.HasSuffix(text, "\u00AD") {
				breaks++
			}
		}
	}
	if breaks == 0 {
		t.Fatal("no line breaks at a soft hyphen; the test needs one")
	}
	res, err := Export(doc)
	if err != nil {
		t.Fatal(err)
	}
	checkReaders(t, "shy", doc, res)
	path := writeTemp(t, "shy.pdf", res.PDF)
	for _, reader := range readertest.Readers {
		for _, page := range readertest.Pages(t, reader, path) {
			if strings.ContainsAny(page, "\u00AD\u2010") {
				t.Errorf("%s extracts a soft hyphen or a hyphen", reader)
			}
		}
	}
	t.Logf("%d lines end at a soft hyphen", breaks)
}

// TestReadersHarakat: fully vocalized Arabic (every letter with its
// haraka, shadda and tanwin) comes back exactly from all three readers;
// MuPDF used to read a gap after every letter with a mark.
func TestReadersHarakat(t *testing.T) {
	doc := Document{Lang: "ar", Title: Part{ID: "title", Text: "بَيَانٌ"}, Date: testDate, Paragraphs: []Part{
		{ID: "p1", Text: "مَرْحَبًا بِكُمْ فِي الاجْتِمَاعِ، وَشُكْرًا لِلْحُضُورِ."},
		{ID: "p2", Text: "إِنَّ التَّحَالُفَ الدَّوْلِيَّ مُلْتَزِمٌ بِالْعَمَلِ الْمُشْتَرَكِ."},
	}}
	res, err := Export(doc)
	if err != nil {
		t.Fatal(err)
	}
	checkReaders(t, "harakat", doc, res)
}
