package export

import "testing"

// The preview names the language of each part it shows untranslated (the
// source language), so that the page lays it out in that language; a
// translated part keeps the document's.
func TestPreviewNamesFallbackLanguage(t *testing.T) {
	w := sample(t)
	st := w.Statements[0]
	doc, fallback, err := Preview(w, st, "ckb")
	if err != nil {
		t.Fatal(err)
	}
	if len(fallback) == 0 || len(doc.PartLang) != len(fallback) {
		t.Fatalf("fallback %v, PartLang %v", fallback, doc.PartLang)
	}
	for _, id := range fallback {
		if doc.PartLang[id] != w.Config.SourceLanguage {
			t.Errorf("fallback part %s has language %q", id, doc.PartLang[id])
		}
	}
	if _, ok := doc.PartLang[st.PlaceID()]; ok {
		t.Error("the translated place is marked as in another language")
	}
	if doc, _, _ := Preview(w, st, w.Config.SourceLanguage); doc.PartLang != nil {
		t.Errorf("the source language's preview marks %v", doc.PartLang)
	}
}
