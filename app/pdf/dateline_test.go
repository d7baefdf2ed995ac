package pdf

import (
	"communique/app/locale"
	"strings"
	"testing"
	"time"

	"communique/app/typeset"
)

// TestArabicDatelineOrder checks the visual order of an Arabic dateline with
// a Latin place: reading right to left, the place, then the day, the month
// and the year. Without isolating the place, the day joins the Latin run.
func TestArabicDatelineOrder(t *testing.T) {
	set, _, err := loadFonts()
	if err != nil {
		t.Fatal(err)
	}
	text := locale.Dateline("ar", "Washington, D.C.", time.Date(2020, 4, 15, 0, 0, 0, 0, time.UTC))
	p, err := typeset.NewEngine().Layout(text, 400, typeset.Style{Fonts: set, Size: 11, Lang: "ar", Dir: typeset.DirectionOf("ar")})
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Lines) != 1 {
		t.Fatalf("%d lines", len(p.Lines))
	}
	// Clusters left to right on the page.
	var visual []string
	for _, r := range p.Lines[0].Runs {
		for _, c := range r.Clusters {
			visual = append(visual, c.Text)
		}
	}
	line := strings.Join(visual, "")
	pos := func(s string) int {
		i := strings.Index(line, s)
		if i < 0 {
			t.Fatalf("%q not on the line %q", s, line)
		}
		return i
	}
	// Left to right on the page: year, month, day, place.
	if !(pos("2020") < pos("15") && pos("15") < pos("Washington")) {
		t.Errorf("visual order left to right is %q; want 2020 … 15 … Washington", line)
	}
}

func TestWellFormedTag(t *testing.T) {
	for tag, want := range map[string]bool{"en": true, "pt-BR": true, "zh-Hant-TW": true, "es-419": true, "sr-Latn": true,
		"": false, "e1": false, "en-": false, "-en": false, "en--US": false, "toolongtag": false, "en US": false, "en)/Lang": false, "ar-١٢": false} {
		if got := wellFormedTag(tag); got != want {
			t.Errorf("wellFormedTag(%q) = %v, want %v", tag, got, want)
		}
	}
}
