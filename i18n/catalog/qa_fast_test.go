package catalog

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/language"
)

// The skip tables of the QA scanners must flag the first byte of every
// rune that matters, or a digit or bracket would be skipped unseen.
func TestQASkipTablesCoverEveryRuneThatMatters(t *testing.T) {
	var buf [utf8.UTFMax]byte
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if !utf8.ValidRune(r) {
			continue
		}
		utf8.EncodeRune(buf[:], r)
		if _, ok := digitValue(r); ok && !numStart[buf[0]] {
			t.Fatalf("digit %U (%q) starts with byte %#x, which numbers skips", r, r, buf[0])
		}
	}
	for _, bp := range bracketPairs {
		for _, r := range bp {
			if !markByte[string(r)[0]] {
				t.Errorf("bracket %q skipped by unbalanced", r)
			}
		}
	}
	for _, r := range `"“”„` {
		if !markByte[string(r)[0]] {
			t.Errorf("quote %q skipped by unbalanced", r)
		}
	}
}

func TestHasDoubleSpaceAgreesWithContains(t *testing.T) {
	parts := []string{"", " ", "  ", "a", "ab", "é", " a", "a ", "\t"}
	for _, a := range parts {
		for _, b := range parts {
			for _, c := range parts {
				s := a + b + c
				if got, want := hasDoubleSpace(s), strings.Contains(s, "  "); got != want {
					t.Errorf("hasDoubleSpace(%q) = %v", s, got)
				}
			}
		}
	}
}

// Whatever the shortcuts, the rules see what they saw before: a text with
// Arabic and Devanagari digits among letters, brackets inside and outside
// actions, double spaces and spaces at the ends.
func TestQAShortcutsKeepFindings(t *testing.T) {
	src := Message{ID: "x", Other: "Report (annex 2) of {{.Name}}: 1,234.5 units  in 2024."}
	cases := []struct {
		lang, tr string
		rules    string
	}{
		{"ar", "التقرير (الملحق ٢) لـ {{.Name}}: ١٬٢٣٤٫٥ وحدة  في ٢٠٢٤.", ""},
		{"ar", "التقرير (الملحق ٣ لـ {{.Name}}: ١٬٢٣٤٫٥ وحدة  في ٢٠٢٤", "numbers punctuation brackets"},
		{"hi", " रिपोर्ट (परिशिष्ट २) {{.Name}}: १,२३४.५ इकाइयाँ  २०२४ में।", "whitespace"},
		{"fr", "Rapport (annexe 2) de {{.Nom}} : 1 234,5 unités  en 2024.", "placeholders"},
		{"fr", "Rapport (annexe 2) de {{.Name : 1 234,5 unités en 2024.", "placeholders template brackets"},
	}
	for _, c := range cases {
		var rules []string
		for _, p := range QA(language.MustParse(c.lang), src, Message{ID: "x", Other: c.tr}) {
			rules = append(rules, p.Rule)
		}
		if got := strings.Join(rules, " "); got != c.rules {
			t.Errorf("%s %q: rules %q, want %q", c.lang, c.tr, got, c.rules)
		}
	}
}
