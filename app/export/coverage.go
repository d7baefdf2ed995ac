package export

import (
	"communique/app/fonts"
	"communique/app/pdf"
)

// Coverage is how well the fonts a language would be set in serve it: the
// characters of its CLDR exemplar set (the letters it is written with) that
// no font can draw. A workspace asks when a language is added, so that a
// language no font covers is flagged then rather than when its first
// export fails.
type Coverage struct {
	Lang string
	// Font is the family the language is set in besides the bundled Noto
	// fonts: the workspace's choice, or an installed default (Noto Sans
	// Hebrew, Noto Sans CJK SC…); empty when the bundled fonts serve it.
	Font string
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

// FontCoverage checks lang's exemplar characters against the fonts its
// PDFs would be set in when the workspace names no font for it. A
// regional or script variant (pt-BR, sr-Latn) is judged by its base
// language's set.
func FontCoverage(lang string) (Coverage, error) { return FontCoverageWith(lang, "") }

// FontCoverageWith is FontCoverage for a language the workspace sets in
// family (communique.toml's [fonts]; empty: the default). It fails with an
// error wrapping fonts.ErrNotFound when the family is not installed.
func FontCoverageWith(lang, family string) (Coverage, error) {
	c := Coverage{Lang: lang, Font: family}
	if family == "" {
		if ch := fonts.System().Default(lang); ch != nil {
			c.Font = ch.Family
		}
	}
	set, ok := fonts.Exemplars(lang)
	if !ok {
		if family != "" {
			// Still say whether the family exists.
			_, err := pdf.Uncovered(lang, family, "", false)
			return c, err
		}
		return c, nil
	}
	c.Known = true
	c.Exemplars = len([]rune(set))
	missing, err := pdf.Uncovered(lang, family, set, false)
	if err != nil {
		return c, err
	}
	c.Missing = missing
	return c, nil
}
