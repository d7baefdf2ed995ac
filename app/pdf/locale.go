package pdf

import (
	"time"

	"communique/app/locale"
)

// The page's own words in the document's language come from package
// locale; these names are what the layout calls them.

func formatDate(lang string, t time.Time) string      { return locale.Date(lang, t) }
func dateline(lang, place string, t time.Time) string { return locale.Dateline(lang, place, t) }
func pageLabel(lang string, x, y int) string          { return locale.PageLabel(lang, x, y) }
func signedCaption(lang string) string                { return locale.Signed(lang) }

type localeInfo struct{ comma string }

// localeFor returns the language's list separator, and whether it is known.
func localeFor(lang string) (localeInfo, bool) {
	c, ok := locale.Comma(lang)
	return localeInfo{comma: c}, ok
}
