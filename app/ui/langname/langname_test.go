package langname

import (
	"strings"
	"testing"

	"communique/app/ui/widgets"
)

func TestLanguageNames(t *testing.T) {
	tests := []struct{ fn, in, want string }{
		{"name", "fr", "fr · français"},
		{"name", "ar", "ar · العربية"},
		{"name", "ckb", "ckb · کوردیی ناوەندی"},
		{"name", "x-bogus!", "x-bogus!"},
		{"in:fr", "en", "anglais"},
		{"in:ar", "en", "الإنجليزية"},
		{"in:en", "ar", "Arabic"},
	}
	for _, tt := range tests {
		var got string
		if tt.fn == "name" {
			got = Of(tt.in)
		} else {
			got = In(strings.TrimPrefix(tt.fn, "in:"), tt.in)
		}
		if got != tt.want {
			t.Errorf("%s(%q) = %q, want %q", tt.fn, tt.in, got, tt.want)
		}
	}
	for lang, want := range map[string]bool{"ar": true, "fa": true, "ckb": true, "he": true, "fr": false, "en": false, "ku": false} {
		if widgets.RightToLeft(lang) != want {
			t.Errorf("widgets.RightToLeft(%s) = %v", lang, !want)
		}
	}
}
