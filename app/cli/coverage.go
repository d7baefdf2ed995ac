package cli

import (
	"fmt"

	"communique/app/export"
	"communique/app/workspace"
)

// maxShown bounds how many uncovered letters a warning quotes.
const maxShown = 5

// warnFontCoverage tells on stderr, for each language no font fully
// covers — the family communique.toml's [fonts] chose for it, or the
// bundled and installed fonts — which of its letters cannot be drawn: the
// workspace keeps the language, but its export would fail at the first
// such letter. A chosen family that is not installed is named with the
// line of its setting.
func warnFontCoverage(env *Env, cmd string, w *workspace.Workspace, langs []string) {
	for _, lang := range langs {
		if err := export.CheckFont(w, lang); err != nil {
			fmt.Fprintf(env.Stderr, "communique %s: warning: %v\n", cmd, err)
			continue
		}
		family, _, _ := w.FontSetting(lang)
		c, err := export.FontCoverageWith(lang, family)
		if err != nil {
			fmt.Fprintf(env.Stderr, "communique %s: warning: %s: cannot check the fonts: %v\n", cmd, lang, err)
			continue
		}
		if c.Covered() {
			continue
		}
		fmt.Fprintf(env.Stderr, "communique %s: warning: %s: no installed font draws %d of the %d letters of its CLDR exemplar set checked: %s; "+
			"its PDFs cannot be exported until a font covers them (install one, or name one in %s's [fonts])\n",
			cmd, lang, len(c.Missing), c.Exemplars, export.Letters(c.Missing, maxShown), workspace.ConfigFile)
	}
}
