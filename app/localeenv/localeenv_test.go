package localeenv

import (
	"os"
	"testing"
)

func TestNormalize(t *testing.T) {
	tests := []struct {
		lcAll, lcMessages, lang         string
		changed                         bool
		wantAll, wantMessages, wantLang string
	}{
		{"", "", "C.UTF-8", true, "", "C", "C.UTF-8"},
		{"", "", "POSIX.utf8", true, "", "C", "POSIX.utf8"},
		{"", "", "C", false, "", "", "C"},
		{"", "", "fr_FR.UTF-8", false, "", "", "fr_FR.UTF-8"},
		{"", "C.UTF-8", "ar_EG.UTF-8", true, "", "C", "ar_EG.UTF-8"},
		{"C.UTF-8", "", "ar_EG.UTF-8", true, "", "C", "C.UTF-8"}, // LC_ALL decides, and keeps deciding the rest through LANG
		{"de_DE.UTF-8", "", "C.UTF-8", false, "de_DE.UTF-8", "", "C.UTF-8"},
	}
	for _, tc := range tests {
		t.Setenv("LC_ALL", tc.lcAll)
		t.Setenv("LC_MESSAGES", tc.lcMessages)
		t.Setenv("LANG", tc.lang)
		if tc.lcAll == "" {
			os.Unsetenv("LC_ALL")
		}
		if got := Normalize(); got != tc.changed {
			t.Errorf("%+v: changed = %v", tc, got)
		}
		for k, want := range map[string]string{"LC_ALL": tc.wantAll, "LC_MESSAGES": tc.wantMessages, "LANG": tc.wantLang} {
			if got := os.Getenv(k); got != want {
				t.Errorf("%+v: %s = %q, want %q", tc, k, got, want)
			}
		}
	}
}
