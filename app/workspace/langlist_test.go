package workspace

import (
	"slices"
	"strings"
	"testing"
)

// TestParseLanguages: one reading of a typed language list for the CLI and
// the window: any of the usual separators, canonical spelling, no
// duplicates, every bad code named.
func TestParseLanguages(t *testing.T) {
	got, err := ParseLanguages(" fr, ar;pt-br  zh-hant,fr\n")
	if want := []string{"fr", "ar", "pt-BR", "zh-Hant"}; err != nil || !slices.Equal(got, want) {
		t.Errorf("ParseLanguages = %q %v, want %q", got, err, want)
	}
	if got, err := ParseLanguages("  "); got != nil || err != nil {
		t.Errorf("empty list: %q %v", got, err)
	}
	_, err = ParseLanguages("fr, e1, x/y")
	if err == nil || !strings.Contains(err.Error(), `"e1"`) || !strings.Contains(err.Error(), `"x/y"`) {
		t.Errorf("bad codes: %v", err)
	}
}
