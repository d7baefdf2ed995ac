package pdf

import (
	"fmt"
	"strings"
	"testing"

	"communique/app/pdf/readertest"
	"communique/app/typeset"
)

// checkReaders extracts res with poppler, pdf.js and MuPDF and holds every
// page to the logical text of the lines the layout placed on it, exactly.
func checkReaders(t *testing.T, name string, doc Document, res *Result) {
	t.Helper()
	checkReadersWith(t, name, doc, res, readertest.Check)
}

func checkReadersWith(t *testing.T, name string, doc Document, res *Result, check func(testing.TB, string, string, bool, []string, [][]string)) {
	t.Helper()
	path := writeTemp(t, name+".pdf", res.PDF)
	want := expectedLines(t, doc)
	for _, reader := range readertest.Readers {
		check(t, name, reader, typeset.DirectionOf(doc.Lang) == typeset.RightToLeft, readertest.Pages(t, reader, path), want)
	}
	// PDFium (Chrome, Edge) orders right-to-left text its own way but must
	// lose nothing: a file once made it drop most of a mixed line.
	readertest.CheckCharacters(t, name, "pdfium", readertest.Pages(t, "pdfium", path), want)
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

// TestReadersDirectionGuess: lines whose share of right-to-left characters
// makes pdf.js guess the other direction for a text item — Arabic names in
// an English paragraph, Latin text alone on a line of an Arabic paragraph —
// read back exactly by all three readers (pdfjsItems), and the one kind
// no file can give pdf.js (a space between the two directions on a line
// pdf.js reads left to right) with every character right. (poppler's
// pdftotext, for its part, cannot give a Latin comma between two Arabic
// words of an English line: its reorderText ends a right-to-left stretch
// at any digit or number separator.)
func TestReadersDirectionGuess(t *testing.T) {
	docs := map[string]Document{
		"en-arabic": {Lang: "en", Title: Part{ID: "title", Text: "Mixed lines"}, Date: testDate, Paragraphs: []Part{
			{ID: "p1", Text: "The meeting in بغداد الكبرى began."},
			{ID: "p2", Text: "Name: مدينة بغداد الكبرى"},
			{ID: "p3", Text: "Delegates from الموصل and أربيل attended."},
		}},
		// poppler takes a page with more Latin than Arabic letters for a
		// left-to-right page: the Arabic paragraph keeps this one Arabic.
		"ar-latin": {Lang: "ar", Title: Part{ID: "title", Text: "أسطر مختلطة"}, Date: testDate, Paragraphs: []Part{
			{ID: "p0", Text: "اجتمع المديرون السياسيون للتحالف الدولي لهزيمة داعش عبر الإنترنت لمناقشة الاستجابة لجائحة كورونا والتزامهم المشترك بالاستقرار."},
			{ID: "p1", Text: "COVID-19."},
			{ID: "p2", Text: "(United Nations)."},
			{ID: "p3", Text: "Daesh/ISIS، 2020."},
			{ID: "p4", Text: "من Daesh/ISIS."},
		}},
	}
	for name, doc := range docs {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			res, err := Export(doc)
			if err != nil {
				t.Fatal(err)
			}
			checkReadersWith(t, name, doc, res, readertest.CheckLenient)
		})
	}
}
