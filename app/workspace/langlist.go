package workspace

import (
	"errors"
	"slices"
	"strings"
)

// ParseLanguages reads a list of language codes as people type them, in
// the command line's --langs and the window's fields alike: separated by
// commas, semicolons or spaces, each written canonically ("pt-br" →
// "pt-BR"), duplicates dropped, order kept. It fails on the first code that
// is not a BCP 47 tag, with every such code in the error. An empty list is
// nil.
func ParseLanguages(s string) ([]string, error) {
	var out []string
	var errs []error
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ';' || r == ' ' || r == '\t' || r == '\n' }) {
		code := CanonicalLanguage(f)
		if err := ValidLanguage(code); err != nil {
			errs = append(errs, err)
			continue
		}
		if !slices.Contains(out, code) {
			out = append(out, code)
		}
	}
	return out, errors.Join(errs...)
}
