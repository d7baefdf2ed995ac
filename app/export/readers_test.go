package export

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"communique/app/pdf"
	"communique/app/pdf/readertest"
	"communique/app/sign"
	"communique/app/typeset"
	"communique/internal/judge"
)

// TestReadersSampleSignedAndUnsigned exports every part of the bundled
// sample in English, Arabic and Sorani (what Sorani has of it), signs each, and holds poppler, pdf.js and
// MuPDF to the logical text of every line, before and after signing.
// Signing must also keep the file tagged, PDF/A-2u and qpdf-clean.
func TestReadersSampleSignedAndUnsigned(t *testing.T) {
	w := sample(t)
	id, _ := testIdentity(t)
	st := w.Statements[0]
	signAt := time.Now().UTC().Truncate(time.Second)
	for _, lang := range []string{"en", "ar", "ckb"} {
		t.Run(lang, func(t *testing.T) {
			doc, fallback, err := Preview(w, st, lang)
			if err != nil {
				t.Fatal(err)
			}
			// A published statement never mixes languages: the parts the
			// sample has not translated yet are left out, not shown in
			// English as the preview does.
			var own []pdf.Part
			for _, p := range doc.Paragraphs {
				if !slices.Contains(fallback, p.ID) {
					own = append(own, p)
				}
			}
			doc.Paragraphs = own
			t.Logf("%s: %d paragraphs, %d parts untranslated", lang, len(own), len(fallback))
			doc.Signature = &pdf.SignatureBlock{Signer: id.Info().CommonName, Role: "Spokesperson", Date: signAt}
			res, err := pdf.Export(doc)
			if err != nil {
				t.Fatal(err)
			}
			r := res.SignatureRect
			signed, err := sign.Sign(context.Background(), res.PDF, id, sign.Options{Time: signAt, Location: doc.Place,
				Widget: &sign.Rect{Page: r.Page, X0: r.X0, Y0: r.Y0, X1: r.X1, Y1: r.Y1}})
			if err != nil {
				t.Fatal(err)
			}
			raw, err := pdf.TextLines(doc)
			if err != nil {
				t.Fatal(err)
			}
			want := readertest.Want(raw)
			rtl := typeset.DirectionOf(lang) == typeset.RightToLeft
			dir := t.TempDir()
			for name, data := range map[string][]byte{"unsigned": res.PDF, "signed": signed} {
				path := filepath.Join(dir, name+".pdf")
				if err := os.WriteFile(path, data, 0o644); err != nil {
					t.Fatal(err)
				}
				for _, reader := range readertest.Readers {
					readertest.Check(t, lang+" "+name, reader, rtl, readertest.Pages(t, reader, path), want)
				}
				readertest.CheckCharacters(t, lang+" "+name, "pdfium", readertest.Pages(t, "pdfium", path), want)
				out, err := exec.Command(judge.Tool(t, "pdfinfo"), path).CombinedOutput()
				if err != nil || !strings.Contains(string(out), "Tagged:          yes") {
					t.Errorf("%s %s: pdfinfo does not say Tagged: yes (%v)\n%s", lang, name, err, out)
				}
				meta, err := exec.Command(judge.Tool(t, "pdfinfo"), "-meta", path).CombinedOutput()
				if err != nil || !strings.Contains(string(meta), "<pdfaid:part>2</pdfaid:part><pdfaid:conformance>U</pdfaid:conformance>") {
					t.Errorf("%s %s: the XMP no longer declares PDF/A-2u (%v)", lang, name, err)
				}
				check, _ := exec.Command(judge.Tool(t, "qpdf"), "--check", path).CombinedOutput()
				if !strings.Contains(string(check), "No syntax or stream encoding errors found") {
					t.Errorf("%s %s: qpdf --check:\n%s", lang, name, check)
				}
			}
		})
	}
}
