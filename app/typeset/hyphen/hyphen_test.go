package hyphen

import (
	"strings"
	"testing"
)

func hyphenated(h *Hyphenator, word string) string {
	r := []rune(word)
	var b strings.Builder
	last := 0
	for _, k := range h.Points(r) {
		b.WriteString(string(r[last:k]))
		b.WriteByte('-')
		last = k
	}
	b.WriteString(string(r[last:]))
	return b.String()
}

// TestKnownHyphenations holds the engine to hyphenations TeX prints with
// the same patterns (The TeXbook's appendix H for English; the others as
// the hyph-utf8 patterns hyphenate them in TeX Live).
func TestKnownHyphenations(t *testing.T) {
	for _, c := range []struct{ lang, want string }{
		{"en", "hy-phen-ation"},
		{"en", "su-per-cal-ifrag-ilis-tic-ex-pi-ali-do-cious"},
		{"en", "as-so-ciate"},        // an exception word
		{"en-US", "Phil-an-thropic"}, // exceptions ignore case
		{"en", "ta-ble"},             // right minimum of 3 keeps "ble"
		{"de", "Sil-ben-tren-nung"},  //
		{"ru", "пе-ре-но-сы"},        //
		{"fr", "ty-po-gra-phie"},     //
		{"es", "ti-po-gra-fía"},      //
	} {
		h := For(c.lang)
		if h == nil {
			t.Fatalf("%s: no patterns", c.lang)
		}
		if got := hyphenated(h, strings.ReplaceAll(c.want, "-", "")); got != c.want {
			t.Errorf("%s: got %s, want %s", c.lang, got, c.want)
		}
	}
}

// TestNoPatterns: Arabic-script and unknown languages are never hyphenated.
func TestNoPatterns(t *testing.T) {
	for _, lang := range []string{"ar", "fa", "ckb", "ur", "he", "zh", "xx", ""} {
		if For(lang) != nil {
			t.Errorf("%s has patterns", lang)
		}
	}
}

// TestEmbeddedPatterns parses every embedded pattern set.
func TestEmbeddedPatterns(t *testing.T) {
	for tag := range languages {
		if h := For(tag); h == nil || len(h.patterns) < 100 {
			t.Errorf("%s: patterns missing", tag)
		}
	}
}

// TestParseErrors: a broken pattern file is an error naming file and line.
func TestParseErrors(t *testing.T) {
	if _, err := Parse("hyph-x", "a1b\n1c{d\n", ""); err == nil || !strings.Contains(err.Error(), "hyph-x.pat.txt:2") {
		t.Errorf("bad pattern: %v", err)
	}
	if _, err := Parse("hyph-x", "a1b", "ok-word\n--bad\n"); err == nil || !strings.Contains(err.Error(), "hyph-x.hyp.txt:2") {
		t.Errorf("bad exception: %v", err)
	}
}

func BenchmarkPoints(b *testing.B) {
	h := For("en")
	w := []rune("internationalization")
	for range b.N {
		h.Points(w)
	}
}
