package export

import (
	"strings"

	"communique/app/pdf"

	"golang.org/x/text/language"
)

// Coverage is how well the bundled fonts serve a language: the characters
// of its CLDR exemplar set (the letters it is written with) that no font
// can draw. A workspace asks when a language is added, so that a language
// no font covers is flagged then rather than when its first export fails.
type Coverage struct {
	Lang string
	// Known is false when Communiqué has no exemplar data for the
	// language; nothing can be said then.
	Known bool
	// Exemplars is how many exemplar characters were checked.
	Exemplars int
	Missing   []rune
}

// Covered reports whether every exemplar character can be drawn (or
// nothing is known to be missing).
func (c Coverage) Covered() bool { return len(c.Missing) == 0 }

// FontCoverage checks lang's exemplar characters against the bundled
// fonts. A regional or script variant (pt-BR, sr-Latn) is judged by its
// base language's set.
func FontCoverage(lang string) (Coverage, error) {
	c := Coverage{Lang: lang}
	set, ok := exemplars[strings.ToLower(lang)]
	if !ok {
		if tag, err := language.Parse(strings.ReplaceAll(lang, "_", "-")); err == nil {
			base, _ := tag.Base()
			set, ok = exemplars[base.String()]
		}
	}
	if !ok {
		return c, nil
	}
	c.Known = true
	c.Exemplars = len([]rune(set))
	missing, err := pdf.Uncovered(set, false)
	if err != nil {
		return c, err
	}
	c.Missing = missing
	return c, nil
}
