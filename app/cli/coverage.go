package cli

import (
	"fmt"
	"strings"

	"communique/app/export"
)

// maxShown bounds how many uncovered letters a warning quotes.
const maxShown = 5

// warnFontCoverage tells on stderr, for each language no bundled font
// fully covers, which of its letters cannot be drawn: the workspace keeps
// the language, but its export would fail at the first such letter.
func warnFontCoverage(env *Env, cmd string, langs []string) {
	for _, lang := range langs {
		c, err := export.FontCoverage(lang)
		if err != nil {
			fmt.Fprintf(env.Stderr, "communique %s: warning: %s: cannot check the fonts: %v\n", cmd, lang, err)
			continue
		}
		if c.Covered() {
			continue
		}
		shown := c.Missing[:min(len(c.Missing), maxShown)]
		letters := make([]string, len(shown))
		for i, r := range shown {
			letters[i] = fmt.Sprintf("%c (%U)", r, r)
		}
		more := ""
		if len(c.Missing) > len(shown) {
			more = ", …"
		}
		fmt.Fprintf(env.Stderr, "communique %s: warning: %s: no bundled font draws %d of the %d letters of its CLDR exemplar set checked: %s%s; "+
			"its PDFs cannot be exported until a font covers them\n", cmd, lang, len(c.Missing), c.Exemplars, strings.Join(letters, ", "), more)
	}
}
