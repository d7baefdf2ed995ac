package bidimark

import "testing"

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
