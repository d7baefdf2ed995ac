package export

import (
	"slices"
	"testing"
)

// TestFontCoverage: the bundled Noto Sans and Noto Naskh Arabic cover the
// sample's languages and Greek and Cyrillic ones; Hebrew, Devanagari and
// Chinese are reported with the letters no font draws; a regional variant
// is judged by its language; an unknown code is not judged at all.
func TestFontCoverage(t *testing.T) {
	for _, lang := range []string{"en", "fr", "ar", "ckb", "fa", "ru", "el", "vi", "pt-BR", "pt_BR"} {
		c, err := FontCoverage(lang)
		if err != nil {
			t.Fatal(err)
		}
		if !c.Known || !c.Covered() || c.Exemplars == 0 {
			t.Errorf("%s: %+v, want covered", lang, c)
		}
	}
	for lang, letter := range map[string]rune{"he": 'א', "hi": 'क', "zh": '中', "ja": 'あ', "ko": '가'} {
		c, err := FontCoverage(lang)
		if err != nil {
			t.Fatal(err)
		}
		if !c.Known || c.Covered() || !slices.Contains(c.Missing, letter) {
			t.Errorf("%s: %+v, want %q reported missing", lang, c, letter)
		}
	}
	if c, err := FontCoverage("tlh"); err != nil || c.Known || !c.Covered() {
		t.Errorf("unknown language: %+v %v", c, err)
	}
}
