package export

import (
	"slices"
	"strings"
	"testing"
)

// TestReadinessWordsEachReason: the sample's Arabic has a paragraph made
// from an older source text, and is told so; a translation that needs
// review only for a missing plural form is called that; the
// classification (the one the command line and the window show) follows
// --strict, and missing parts always block.
func TestReadinessWordsEachReason(t *testing.T) {
	w := sample(t)
	byLang := map[string]Readiness{}
	for _, r := range Ready(w, w.Statements[0]) {
		byLang[r.Lang] = r
	}
	ar, fr, en := byLang["ar"], byLang["fr"], byLang["en"]
	if fr.Missing == 0 || fr.Classify(false) != ClassBlocked || !slices.Contains(fr.Warnings(), "1 part not translated") {
		t.Errorf("fr: %+v %q", fr, fr.Warnings())
	}
	if ar.Stale != 1 || ar.IncompletePlurals != 0 || ar.NeedsReview != 1 {
		t.Errorf("ar: %+v", ar)
	}
	if !slices.Contains(ar.Warnings(), "1 translation was made from an older source text") {
		t.Errorf("ar warnings %q", ar.Warnings())
	}
	if ar.Classify(false) != ClassWarn || ar.Classify(true) != ClassBlocked || en.Classify(true) != ClassReady {
		t.Errorf("classes: ar %v/%v en %v", ar.Classify(false), ar.Classify(true), en.Classify(true))
	}
	plural := Readiness{Lang: "fr", NeedsReview: 1, IncompletePlurals: 1}
	if joined := strings.Join(plural.Warnings(), "; "); joined != "1 translation lacks a plural form the language needs" {
		t.Errorf("plural warnings %q", joined)
	}
	if got := ReviewReasons(1, 3); got != "1 translation was made from an older source text and 3 lack a plural form the language needs" {
		t.Errorf("ReviewReasons(1, 3) = %q", got)
	}
	if got := ReviewReasons(2, 1); got != "2 translations were made from an older source text and 1 lacks a plural form the language needs" {
		t.Errorf("ReviewReasons(2, 1) = %q", got)
	}
}
