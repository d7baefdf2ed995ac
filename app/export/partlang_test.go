package export

import (
	"slices"
	"testing"

	"communique/app/pdf"
)

// The preview names the language of each part it shows untranslated (the
// source language), so that the page lays it out and tags it in that
// language; a translated part keeps the document's.
func TestPreviewNamesFallbackLanguage(t *testing.T) {
	w := sample(t)
	st := w.Statements[0]
	doc, fallback, err := Preview(w, st, "ckb")
	if err != nil {
		t.Fatal(err)
	}
	parts := append([]pdf.Part{doc.Title}, doc.Paragraphs...)
	marked := 0
	for _, p := range parts {
		isFallback := slices.Contains(fallback, p.ID)
		switch {
		case isFallback && p.Lang != w.Config.SourceLanguage:
			t.Errorf("fallback part %s has language %q", p.ID, p.Lang)
		case !isFallback && p.Lang != "":
			t.Errorf("translated part %s is marked as in %q", p.ID, p.Lang)
		case isFallback:
			marked++
		}
	}
	if marked == 0 {
		t.Fatalf("no fallback part among title and paragraphs (fallback %v)", fallback)
	}
	src, _, _ := Preview(w, st, w.Config.SourceLanguage)
	for _, p := range append([]pdf.Part{src.Title}, src.Paragraphs...) {
		if p.Lang != "" {
			t.Errorf("the source language's preview marks %s as %q", p.ID, p.Lang)
		}
	}
}

// A place name an Arabic translation keeps as the source writes it, in
// Latin letters, is in the source language (the PDF tags it so); the same
// name kept by a French translation, written alike in both, is French, as
// is an Arabic name; an untranslated place shown from the source is in the
// source language.
func TestPreviewNamesPlaceLanguage(t *testing.T) {
	w := sample(t)
	st := w.Statements[0]
	src := w.Text(w.Config.SourceLanguage, st.PlaceID())
	if src == "" {
		t.Fatal("the sample has no place")
	}
	for _, tc := range []struct{ lang, text, want string }{
		{"ar", src, w.Config.SourceLanguage},
		{"ar", "واشنطن العاصمة", ""},
		{"fr", src, ""},
		{"fr", "", w.Config.SourceLanguage},
	} {
		if err := w.SetTranslation(tc.lang, st.PlaceID(), tc.text); err != nil {
			t.Fatal(err)
		}
		doc, _, err := Preview(w, st, tc.lang)
		if err != nil {
			t.Fatal(err)
		}
		if doc.PlaceLang != tc.want {
			t.Errorf("%s place %q: PlaceLang %q, want %q", tc.lang, tc.text, doc.PlaceLang, tc.want)
		}
	}
}
