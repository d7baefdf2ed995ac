// Package fynelocale keeps Fyne's own words and formats (its dialogs'
// buttons, the date picker's weekdays) in the interface language chosen
// in the settings, and reads the user's locale the way the window does:
// LANG=C quietly means English, where Fyne would log an error.
package fynelocale

import (
	"os"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"

	"communique/i18n/uitext"
)

// localeVars are the POSIX variables that name the message language, in
// the order they take effect.
var localeVars = []string{"LC_ALL", "LC_MESSAGES", "LANG"}

// System is the user's locale as a POSIX or BCP 47 name. It reads the
// environment itself so that LANG=C or POSIX quietly means English; Fyne
// would log an error for them. Without any variable set (macOS, Windows),
// the platform is asked through Fyne.
func System() string {
	for _, k := range localeVars {
		v := os.Getenv(k)
		if v == "" {
			continue
		}
		if isCLocale(v) {
			return "C"
		}
		if l := os.Getenv("LANGUAGE"); l != "" {
			first, _, _ := strings.Cut(l, ":")
			return first
		}
		return v
	}
	return string(lang.SystemLocale())
}

func isCLocale(v string) bool {
	base, _, _ := strings.Cut(v, ".")
	return base == "C" || base == "POSIX"
}

// posixLocale is the locale name Fyne reads for an interface language.
var posixLocale = map[string]string{"en": "en_US.UTF-8", "fr": "fr_FR.UTF-8", "ar": "ar.UTF-8"}

// Align makes Fyne's own strings and formats (file dialogs, the
// date picker) follow the interface language chosen in Settings, and keeps
// Fyne quiet under LANG=C. It changes only this process's message locale
// (LC_MESSAGES, or LC_ALL when that is what is set), never the user's
// environment.
func Align(chosen string) {
	sys := System()
	code := chosen
	if code == "" {
		if !isCLocale(sys) {
			return // the system's locale already speaks for itself
		}
		code = uitext.Source
	}
	key := "LC_MESSAGES"
	if os.Getenv("LC_ALL") != "" {
		key = "LC_ALL"
	}
	if os.Getenv(key) == posixLocale[code] {
		return
	}
	os.Setenv(key, posixLocale[code])
	// Fyne picks its language once at start; adding an (empty) catalog
	// makes it look at the locale again.
	if err := lang.AddTranslationsForLocale([]byte("{}"), fyne.Locale(code)); err != nil {
		fyne.LogError("cannot switch Fyne's language", err)
	}
}

// AddCatalog gives Fyne its own strings (dialog buttons, weekdays) in
// an interface language Fyne does not ship (Arabic) or ships incomplete
// (French: the weekdays).
func AddCatalog(code string) {
	if data, ok := uitext.FyneCatalog(code); ok {
		if err := lang.AddTranslationsForLocale(data, fyne.Locale(code)); err != nil {
			fyne.LogError("cannot add Fyne's strings for "+code, err)
		}
	}
}
