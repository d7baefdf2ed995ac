package locale

import (
	"strings"
	"testing"
	"time"
)

var day = time.Date(2026, time.December, 7, 0, 0, 0, 0, time.UTC)

// TestDatesFromCLDR: the languages issue 15 found with ISO dates get their
// CLDR long date (patterns and names from common/main/<lang>.xml); Urdu and
// Pashto put the Arabic comma in the dateline; the sample's languages keep
// their hand-checked forms.
func TestDatesFromCLDR(t *testing.T) {
	for lang, want := range map[string]string{
		"el":    "7 Δεκεμβρίου 2026",
		"vi":    "7 tháng 12, 2026",
		"ur":    "7 دسمبر، 2026",
		"ps":    "د ۲۰۲۶ د دسمبر ۷",
		"he":    "7 בדצמבר 2026",
		"hi":    "7 दिसंबर 2026",
		"zh":    "2026年12月7日",
		"ja":    "2026年12月7日",
		"ko":    "2026년 12월 7일",
		"am":    "7 ዲሴምበር 2026",
		"en":    "7 December 2026",
		"fr":    "le 7 décembre 2026",
		"ar":    "7 كانون الأول/ديسمبر 2026",
		"ckb":   "٧ی کانوونی یەکەمی ٢٠٢٦",
		"pt-BR": "7 de dezembro de 2026",
	} {
		if got := Date(lang, day); got != want {
			t.Errorf("Date(%s) = %q, want %q", lang, got, want)
		}
	}
	for lang, want := range map[string]string{"ur": "\u2068لاہور\u2069، ", "ps": "\u2068کابل\u2069، ", "zh": "\u2068北京\u2069，", "en": "\u2068Paris\u2069, "} {
		place := strings.TrimSuffix(strings.TrimSuffix(strings.TrimSuffix(strings.TrimPrefix(want, "\u2068"), ", "), "، "), "，")
		place = strings.TrimSuffix(place, "\u2069")
		if got := Dateline(lang, place, day); got != want+Date(lang, day) {
			t.Errorf("Dateline(%s) = %q, want %q", lang, got, want+Date(lang, day))
		}
	}
	for _, lang := range []string{"el", "vi", "ur", "ps", "he", "hi", "zh", "ja", "ko", "am", "sw", "th"} {
		if !Known(lang) || strings.Contains(Date(lang, day), "2026-12-07") {
			t.Errorf("%s: ISO date %q", lang, Date(lang, day))
		}
	}
	if got := Date("tlh", day); got != "2026-12-07" {
		t.Errorf("unknown language: %q", got)
	}
}

// TestPageWordsTranslated: page labels, the signature caption and reason
// in each language the house table has; English for the others.
func TestPageWordsTranslated(t *testing.T) {
	for lang := range houses {
		if lang != "en" && (Signed(lang) == Signed("en") || SignReason(lang, "X", "s") == SignReason("en", "X", "s") ||
			!strings.Contains(SignReason(lang, "Body", "s"), "Body") || !strings.Contains(SignReason(lang, "", "s-1"), "s-1")) {
			t.Errorf("%s: caption %q, reason %q", lang, Signed(lang), SignReason(lang, "Body", "s"))
		}
	}
	if got := PageLabel("ps", 2, 3); got != "مخ ۲ له ۳" {
		t.Errorf("Pashto page label %q", got)
	}
	if got := SignReason("sw", "Umoja", "s"); got != "Issued by Umoja" {
		t.Errorf("fallback reason %q", got)
	}
}

// TestEveryCLDRLanguageFormats: every language of the table writes a date
// with the day, its month name and the year, and none falls back to ISO.
func TestEveryCLDRLanguageFormats(t *testing.T) {
	for lang, c := range cldr {
		if h, ok := houses[lang]; ok && h.date != nil {
			continue // hand-written, tested above
		}
		got := Date(lang, day)
		if strings.Contains(got, "2026-12-07") || !strings.Contains(got, Digits(lang, "7")) ||
			!strings.Contains(got, Digits(lang, "2026")) || strings.Contains(c.pattern, "MMM") && !strings.Contains(got, c.months[11]) {
			t.Errorf("%s: %q from %q", lang, got, c.pattern)
		}
	}
	if len(cldr) < 200 {
		t.Errorf("only %d languages", len(cldr))
	}
}

// Known reports whether the language's dates come from CLDR or the house
// table rather than the ISO fallback.
func Known(lang string) bool {
	b := Base(lang)
	_, c := cldr[b]
	_, h := houses[b]
	return c || h
}

// Translated reports whether the language has its own page label,
// signature caption and reason (else they are English).
func Translated(lang string) bool {
	_, ok := houses[Base(lang)]
	return ok
}
