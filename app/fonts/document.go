package fonts

import (
	"slices"

	"github.com/go-text/typesetting/language"
)

// ForDocument returns the system families a document in lang is set in
// besides the bundled fonts: family when the workspace names one (an error
// wrapping ErrNotFound when it is not installed), else lang's default, then
// one for each script texts hold that neither the bundled fonts nor those
// families write (a Hebrew quotation in an English statement). A script no
// installed family writes is left out: the glyph check names its
// characters. The font folders are scanned (once per process) only when a
// document needs them: the sample's languages are written in the bundled
// fonts alone.
func ForDocument(lang, family string, texts []string) ([]*Choice, error) {
	var choices []*Choice
	if family != "" {
		c, err := System().Named(lang, family)
		if err != nil {
			return nil, err
		}
		choices = append(choices, c)
	} else if lang != "" && NeedsSystem(lang) {
		if c := System().Default(lang); c != nil {
			choices = append(choices, c)
		}
	}
	claimed := slices.Clone(Bundled)
	for _, c := range choices {
		claimed = append(claimed, c.Scripts...)
	}
	for _, t := range texts {
		for _, r := range t {
			if r < 0x0370 {
				continue // Latin, the common case
			}
			s := language.LookupScript(r)
			if s == language.Common || s == language.Inherited || s == language.Unknown || slices.Contains(claimed, s) {
				continue
			}
			claimed = append(claimed, s)
			if c := System().ForScript(s); c != nil {
				choices = append(choices, c)
				claimed = append(claimed, c.Scripts...)
			}
		}
	}
	return choices, nil
}
