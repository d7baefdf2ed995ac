package localeenv

import (
	"os"
	"testing"
)

var getenv = os.Getenv

func TestNormalize(t *testing.T) {
	tests := []struct {
		lcAll, lang string
		changed     bool
		wantAll     string
		wantLang    string
	}{
		{"", "C.UTF-8", true, "", "C"},
		{"", "POSIX.utf8", true, "", "C"},
		{"", "C", false, "", "C"},
		{"", "fr_FR.UTF-8", false, "", "fr_FR.UTF-8"},
		{"C.UTF-8", "ar_EG.UTF-8", true, "C", "ar_EG.UTF-8"},        // LC_ALL decides
		{"de_DE.UTF-8", "C.UTF-8", false, "de_DE.UTF-8", "C.UTF-8"}, // LANG is not consulted
	}
	for _, tc := range tests {
		t.Setenv("LC_ALL", tc.lcAll)
		t.Setenv("LC_MESSAGES", "")
		t.Setenv("LANG", tc.lang)
		if got := Normalize(); got != tc.changed {
			t.Errorf("%q/%q: changed = %v", tc.lcAll, tc.lang, got)
		}
		if got := getenv("LC_ALL"); got != tc.wantAll {
			t.Errorf("%q/%q: LC_ALL = %q, want %q", tc.lcAll, tc.lang, got, tc.wantAll)
		}
		if got := getenv("LANG"); got != tc.wantLang {
			t.Errorf("%q/%q: LANG = %q, want %q", tc.lcAll, tc.lang, got, tc.wantLang)
		}
	}
}
