package carrier

import (
	"strings"
	"testing"

	"communique/app/pdf/bidimark"
)

// line is "بغداد، 15 نيسان" in a right-to-left paragraph, clusters left
// to right as the layout places them: the month, a space, the number, a
// space, the city with its comma.
var line = []Cluster{
	{Start: 10, Text: "نيسان", X: 0, Advance: 30, Level: 1},
	{Start: 9, Text: " ", X: 30, Advance: 3, Level: 1},
	{Start: 7, Text: "1", X: 33, Advance: 5, Level: 2},
	{Start: 8, Text: "5", X: 38, Advance: 5, Level: 2},
	{Start: 6, Text: " ", X: 43, Advance: 3, Level: 1},
	{Start: 0, Text: "بغداد،", X: 46, Advance: 35, Level: 1},
}

func TestWords(t *testing.T) {
	ws := Words(line, false, false)
	want := []Word{
		{First: 5, X: 81, Mark: bidimark.LRM, Text: "بغداد، "},
		{First: 2, X: 33, Mark: bidimark.MuPDF, Text: "15 "},
		{First: 0, X: 30, Mark: bidimark.LRM, Text: "نيسان"},
	}
	if len(ws) != len(want) {
		t.Fatalf("got %d words %+v, want %d", len(ws), ws, len(want))
	}
	for i := range want {
		if ws[i] != want[i] {
			t.Errorf("word %d = %+v, want %+v", i, ws[i], want[i])
		}
	}
	if got := Words(line, true, false); got[len(got)-1].Text != "نيسان-" {
		t.Errorf("hyphenated last word = %q", got[len(got)-1].Text)
	}
	if got := Words(line, false, true); got[0].Mark != bidimark.MuPDF || got[1].Mark != bidimark.LRM {
		t.Errorf("right-to-left first: marks %U %U", got[0].Mark, got[1].Mark)
	}
}

func TestMixed(t *testing.T) {
	if !Mixed(line) {
		t.Error("an Arabic line with a number is not mixed")
	}
	rtl := []Cluster{line[0], line[1], line[5]}
	if Mixed(rtl) {
		t.Error("an all-Arabic line is mixed")
	}
	// Spaces at another level do not make a line mixed.
	spaced := []Cluster{line[0], {Start: 9, Text: " ", X: 30, Advance: 3, Level: 2}, line[5]}
	if Mixed(spaced) {
		t.Error("an Arabic line with a space at level 2 is mixed")
	}
	ltr := []Cluster{{Text: "COVID", Level: 0}, {Text: "19", Level: 0}}
	if Mixed(ltr) {
		t.Error("a left-to-right line is mixed")
	}
	// Latin text with Arabic-Indic digits in an Arabic name: levels 0, 1, 2.
	if !Mixed([]Cluster{{Text: "in", Level: 0}, {Text: "ساڵی", Level: 1}, {Text: "٢٠٢٠", Level: 2}}) {
		t.Error("a left-to-right line with Arabic and Arabic-Indic digits is not mixed")
	}
}

func TestAppendTextString(t *testing.T) {
	got := string(AppendTextString([]byte("x"), "a١ "))
	if want := "x<FEFF00610661" + "0020>"; got != want {
		t.Errorf("got %s, want %s", got, want)
	}
	if !strings.HasSuffix(string(AppendTextString(nil, "")), "<FEFF>") {
		t.Error("empty text")
	}
}
