package bidimark

import (
	"slices"
	"testing"
)

// TestBoundaries: the marks poppler needs go before a number or Latin word
// that a space precedes in a right-to-left line and after Arabic text that
// a space follows in a left-to-right one; punctuation at the left end of a
// right-to-left line gets the mark MuPDF needs; nothing else is marked.
func TestBoundaries(t *testing.T) {
	// Visual order ". ␣20با": logically "با 20." in a right-to-left line.
	rtl := []Cluster{{Level: 1, Visual: "."}, {Level: 1, Space: true, Visual: " "}, {Level: 2, Visual: "2"},
		{Level: 2, Visual: "0"}, {Level: 1, Visual: "ب"}, {Level: 1, Visual: "ا"}}
	Boundaries(rtl, true)
	want := []rune{MuPDF, 0, RLM, 0, 0, 0}
	for i, c := range rtl {
		if c.Mark != want[i] {
			t.Errorf("right to left, cluster %d %q: mark %U, want %U", i, c.Visual, c.Mark, want[i])
		}
	}
	ltr := []Cluster{{Level: 0, Visual: "a"}, {Level: 0, Space: true, Visual: " "}, {Level: 1, Visual: "ب"},
		{Level: 0, Space: true, Visual: " "}, {Level: 0, Visual: "b"}}
	Boundaries(ltr, false)
	for i, c := range ltr {
		if w := map[int]rune{3: LRM}[i]; c.Mark != w {
			t.Errorf("left to right, cluster %d %q: mark %U, want %U", i, c.Visual, c.Mark, w)
		}
	}
}

func TestReaderChars(t *testing.T) {
	for _, c := range []struct {
		in   string
		rtl  bool
		want string
	}{
		{"a", false, "a"},
		{"\u2067ab\u2069", false, "ab"},
		{"لا", true, "ال"}, // stored reversed for a right-to-left run
		{"\u00ad", false, ""},
		{"\u061Cب", true, "ب"},
	} {
		if got := ReaderChars(c.in, c.rtl); got != c.want {
			t.Errorf("ReaderChars(%q, %v) = %q, want %q", c.in, c.rtl, got, c.want)
		}
	}
	if !Hidden(string(RLM)) || !Hidden(string(LRM)) || Hidden(string(MuPDF)) || Hidden("a") {
		t.Error("Hidden: only poppler's marks are hidden")
	}
}

func TestPDFjsItems(t *testing.T) {
	// "COVID-19." alone on a line of an Arabic paragraph, left to right:
	// the full stop (level 1) is drawn after the Latin text.
	covid := []Cluster{{Level: 1, Visual: "."}, {Level: 2, Visual: "COVID-19"}}
	if order, nudge := PDFjsItems(covid, true); !slices.Equal(order, []int{1, 0}) || nudge != nil {
		t.Errorf("COVID-19.: order %v nudge %v", order, nudge)
	}
	// "(United Nations).": ")." is drawn in reading order as well.
	un := []Cluster{{Level: 1, Visual: "."}, {Level: 1, Visual: ")"}, {Level: 2, Visual: "United Nations"}, {Level: 1, Visual: "("}}
	if order, _ := PDFjsItems(un, true); !slices.Equal(order, []int{3, 2, 1, 0}) {
		t.Errorf("(United Nations).: order %v", order)
	}
	// A space between the directions: left alone.
	spaced := []Cluster{{Level: 1, Visual: "."}, {Level: 2, Visual: "Daesh"}, {Level: 1, Space: true, Visual: " "}, {Level: 1, Visual: "نم"}}
	if order, nudge := PDFjsItems(spaced, true); order != nil || nudge != nil {
		t.Errorf("من Daesh.: order %v nudge %v", order, nudge)
	}
	// An Arabic line pdf.js reads right to left: left alone.
	arabic := []Cluster{{Level: 1, Visual: "."}, {Level: 2, Visual: "2020"}, {Level: 1, Space: true, Visual: " "}, {Level: 1, Visual: "ةنس"}}
	if order, nudge := PDFjsItems(arabic, true); order != nil || nudge != nil {
		t.Errorf("Arabic line: order %v nudge %v", order, nudge)
	}
	// An English line that is a third Arabic: the Arabic is set apart.
	en := []Cluster{{Level: 0, Visual: "Name:"}, {Level: 0, Space: true, Visual: " "}, {Level: 1, Visual: "ىربكلا"}, {Level: 1, Space: true, Visual: " "}, {Level: 1, Visual: "دادغب"}}
	if order, nudge := PDFjsItems(en, false); order != nil || !slices.Equal(nudge, []bool{false, false, true, true, true}) {
		t.Errorf("English line: order %v nudge %v", order, nudge)
	}
	// Mostly English: one item, as it is.
	en2 := []Cluster{{Level: 0, Visual: "The meeting of the coalition in"}, {Level: 0, Space: true, Visual: " "}, {Level: 1, Visual: "دادغب"}}
	if order, nudge := PDFjsItems(en2, false); order != nil || nudge != nil {
		t.Errorf("mostly English line: order %v nudge %v", order, nudge)
	}
}
