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
			words := strings.Fields(sl.text)
			doc := Document{
				Lang:         sl.lang,
				Organisation: words[0] + " " + words[1],
				Title:        Part{ID: "title", Text: strings.Join(words[:min(4, len(words))], " ")},
				Place:        places[sl.lang],
				Date:         testDate,
				Paragraphs:   []Part{{ID: "line", Text: sl.text}, {ID: "line-twice", Text: sl.text + " " + sl.text}},
				Signature:    &SignatureBlock{Signer: words[2], Role: words[3]},
			}
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
