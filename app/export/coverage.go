package export

import (
	"fmt"
	"strings"

	"communique/app/fonts"
	"communique/app/pdf"
	"communique/app/workspace"
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
// family (communique.toml's [fonts]; empty: the default), which must then
// draw the letters by itself. It fails with an error wrapping
// fonts.ErrNotFound when the family is not installed.
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
			_, err := pdf.FamilyUncovered(lang, family, "")
			return c, err
		}
		return c, nil
	}
	c.Known = true
	c.Exemplars = len([]rune(set))
	uncovered := func() ([]rune, error) { return pdf.Uncovered(lang, "", set, false) }
	if family != "" {
		// A chosen family must draw the language by itself.
		uncovered = func() ([]rune, error) { return pdf.FamilyUncovered(lang, family, set) }
	}
	missing, err := uncovered()
	if err != nil {
		return c, err
	}
	c.Missing = missing
	return c, nil
}

// FontCoverageError is a font chosen for a language that lacks letters of
// the language's CLDR exemplar set.
type FontCoverageError struct {
	Coverage
}

func (e *FontCoverageError) Error() string {
	return fmt.Sprintf("font %q lacks %d of the %d letters of %s's CLDR exemplar set checked: %s", e.Font,
		len(e.Missing), e.Exemplars, e.Lang, Letters(e.Missing, 5))
}

// Letters quotes up to max characters with their code points.
func Letters(rs []rune, max int) string {
	shown := rs[:min(len(rs), max)]
	out := make([]string, len(shown))
	for i, r := range shown {
		out[i] = fmt.Sprintf("%c (%U)", r, r)
	}
	s := strings.Join(out, ", ")
	if len(rs) > len(shown) {
		s += ", …"
	}
	return s
}

// CheckFont checks the font the workspace chose for lang (communique.toml's
// [fonts]): nil when it chose none, else a *workspace.FileError naming the
// file and line of the setting, wrapping an error that wraps
// fonts.ErrNotFound when the family is not installed, or a
// *FontCoverageError when it lacks letters of the language.
func CheckFont(w *workspace.Workspace, lang string) error {
	family, path, line := w.FontSetting(lang)
	if family == "" {
		return nil
	}
	c, err := FontCoverageWith(lang, family)
	if err != nil {
		return &workspace.FileError{Path: path, Line: line, Err: fmt.Errorf("[fonts] %s: %w", lang, err)}
	}
	if !c.Covered() {
		return &workspace.FileError{Path: path, Line: line, Err: fmt.Errorf("[fonts] %s: %w", lang, &FontCoverageError{c})}
	}
	return nil
}

// CheckFonts is CheckFont for every language of the workspace.
func CheckFonts(w *workspace.Workspace) []error {
	var errs []error
	for _, l := range w.Languages() {
		if err := CheckFont(w, l); err != nil {
			errs = append(errs, err)
		}
	}
	return errs
}
