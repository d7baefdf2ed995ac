package pdf

import (
	"slices"
	"testing"
	"time"
)

// TestUncovered: each character no font draws is reported once, in order;
// drawable text, controls and default-ignorables are not. Hebrew and Han
// are drawn by the system's Noto fonts (scripts/deps.sh installs them);
// nothing draws Linear B.
func TestUncovered(t *testing.T) {
	got, err := Uncovered("en", "", "Hello بيان א\u200dב\tא 中 \U00010000\U00010001\U00010000", false)
	if err != nil {
		t.Fatal(err)
	}
	if want := []rune{0x10000, 0x10001}; !slices.Equal(got, want) {
		t.Errorf("Uncovered = %q, want %q", got, want)
	}
}

// TestMissingGlyphsAgreesWithExport: every character Export would refuse is
// listed with its message, not only the first, and a document Export
// accepts has none.
func TestMissingGlyphsAgreesWithExport(t *testing.T) {
	doc := Document{Lang: "ar", Organisation: "التحالف", Title: Part{ID: "title", Text: "بيان"}, Place: "واشنطن",
		Date:       time.Date(2020, 4, 15, 0, 0, 0, 0, time.UTC),
		Paragraphs: []Part{{ID: "p1", Text: "نص عربي (COVID-19)"}, {ID: "p2", Text: "نص آخر"}}}
	if m, err := MissingGlyphs(doc); err != nil || len(m) != 0 {
		t.Fatalf("sample: %v %v", m, err)
	}
	doc.Title.Text += " \U00010000"
	doc.Paragraphs[1].Text += " \U00010001"
	m, err := MissingGlyphs(doc)
	if err != nil || len(m) != 2 || m[0].MessageID != doc.Title.ID || m[0].Char != 0x10000 ||
		m[1].MessageID != doc.Paragraphs[1].ID || m[1].Char != 0x10001 {
		t.Fatalf("MissingGlyphs = %v %v", m, err)
	}
	_, err = Export(doc)
	if mg, ok := err.(*MissingGlyphError); !ok || mg.Char != m[0].Char || mg.MessageID != m[0].MessageID {
		t.Errorf("Export: %v, want the first of %v", err, m)
	}
}
