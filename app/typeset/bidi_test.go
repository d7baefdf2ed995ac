package typeset

import (
	"math/rand/v2"
	"strings"
	"testing"

	"golang.org/x/text/unicode/bidi"
)

// visualString applies the levels to text the way a renderer would: runs
// reordered per L2, characters of odd levels mirrored (L4).
func visualString(text string, base int) string {
	runes := []rune(text)
	levels, _ := resolveLevels(runes, base)
	out := make([]rune, 0, len(runes))
	for _, i := range visualOrder(levels) {
		r := runes[i]
		if levels[i]&1 == 1 {
			if m, ok := mirrorOf(r); ok {
				r = m
			}
		}
		out = append(out, r)
	}
	return string(out)
}

func TestVisualOrder(t *testing.T) {
	// Upper-case Hebrew stand-ins would hide the point; these use real
	// right-to-left letters: א ב ג (R) and ع ر ب (AL).
	tests := []struct {
		name string
		text string
		base int
		want string
	}{
		{"pure ltr", "abc def", 0, "abc def"},
		{"pure rtl", "אבג דהו", 1, "והד גבא"},
		{"number stays ltr in rtl", "עמוד 15 מתוך", 1, "ךותמ 15 דומע"},
		{"latin inside arabic", "عبر COVID-19.", 1, ".COVID-19 ربع"},
		{"brackets mirror in rtl", "א (בג) ד", 1, "ד (גב) א"},
		{"rtl inside ltr with number", "he said אב 12 גד now", 0, "he said דג 12 בא now"},
		{"arabic number after AL is AN", "ب 2020 ج", 1, "ج 2020 ب"},
		{"auto picks rtl", "אב cd", -1, "cd בא"},
		{"auto picks ltr", "ab גד", -1, "ab דג"},
		{"isolate keeps neutral inside", "\u2067ab\u2069 ג", 1, "ג \u2069ab\u2067"},
		{"override", "\u202Eabc\u202C", 0, "\u202E\u202Ccba"},
		{"bracket pair takes preceding context", "ب Z [a]", 1, "Z [a] ب"},
		{"bracket pair at embedding direction", "ب (a ج)", 1, "(ج a) ب"},
		{"unmatched bracket is neutral", "ب (a", 1, "a) ب"},
		{"nsm follows base", "ב\u05B0ג", 1, "ג\u05B0ב"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := visualString(tt.text, tt.base); got != tt.want {
				t.Errorf("visual(%q) = %q, want %q", tt.text, got, tt.want)
			}
		})
	}
}

// TestLevelsAgreeWithXText checks, on random mixes of the implicit bidi
// classes, that the direction of each character matches golang.org/x/text's
// port of the reference implementation (which exposes directions only).
// Brackets are left out: x/text resolves the two brackets of a pair at the
// end of a paragraph differently ("ب Z [a]" gives "[" L but "]" R), which
// N0 forbids; bracket pairs are covered by TestVisualOrder.
func TestLevelsAgreeWithXText(t *testing.T) {
	alphabet := []rune{'a', 'Z', 'א', 'ب', '1', '٣', '۴', '+', '-', '$', '%', ',', '.', ':', '/', ' ', '!', '"', '\u0300', '\u064B', '\u200F', '\u200E'}
	rng := rand.New(rand.NewPCG(1, 2))
	for n := 0; n < 3000; n++ {
		var b strings.Builder
		for range 1 + rng.IntN(14) {
			b.WriteRune(alphabet[rng.IntN(len(alphabet))])
		}
		text := b.String()
		for _, base := range []int{1, -1} {
			levels, _ := resolveLevels([]rune(text), base)
			var p bidi.Paragraph
			opt := bidi.DefaultDirection(bidi.LeftToRight)
			if base == 1 {
				opt = bidi.DefaultDirection(bidi.RightToLeft)
			}
			p.SetString(text, opt)
			o, err := p.Order()
			if err != nil {
				t.Fatal(err)
			}
			for i := 0; i < o.NumRuns(); i++ {
				run := o.Run(i)
				start, end := run.Pos()
				want := run.Direction() == bidi.RightToLeft
				for k := start; k <= end; k++ {
					if got := levels[k]&1 == 1; got != want {
						t.Fatalf("base %d, %q: rune %d (%q) rtl=%v, x/text says %v (levels %v)", base, text, k, []rune(text)[k], got, want, levels)
					}
				}
			}
		}
	}
}

func TestDirectionOf(t *testing.T) {
	tests := []struct {
		lang string
		want Direction
	}{
		{"ar", RightToLeft}, {"fa-IR", RightToLeft}, {"ckb", RightToLeft}, {"ku-Arab", RightToLeft},
		{"en", LeftToRight}, {"fr", LeftToRight}, {"ku", LeftToRight}, {"ru", LeftToRight}, {"tr", LeftToRight},
		{"sr-Latn", LeftToRight}, {"xx", Auto}, {"", Auto},
	}
	for _, tt := range tests {
		if got := DirectionOf(tt.lang); got != tt.want {
			t.Errorf("DirectionOf(%q) = %v, want %v", tt.lang, got, tt.want)
		}
	}
	textTests := []struct {
		text string
		want Direction
	}{
		{"2020 — بيان", RightToLeft}, {"« Bonjour »", LeftToRight}, {"2020", Auto}, {"\u2067بيان\u2069 ok", LeftToRight},
	}
	for _, tt := range textTests {
		if got := DirectionOfText(tt.text); got != tt.want {
			t.Errorf("DirectionOfText(%q) = %v, want %v", tt.text, got, tt.want)
		}
	}
}
