package glossary

import (
	"bytes"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/BurntSushi/toml"
)

// header opens a glossary written by the app; it says how to read the file
// to whoever opens it by hand.
const header = `# Communiqué glossary: one [[term]] per concept.
# source = the term in the workspace's source language; note = for translators;
# [term.approved] = the translation to use, per language;
# [term.forbidden] = renderings that must not appear, per language.
`

// Validate reports what makes a term unusable: no source text, or a
// forbidden variant that is also the approved translation.
func (t Term) Validate() error {
	if strings.TrimSpace(t.Source) == "" {
		return fmt.Errorf("term has no source text")
	}
	for lang, bad := range t.Forbidden {
		for _, b := range bad {
			if strings.TrimSpace(b) != "" && fold(b) == fold(t.Approved[lang]) {
				return fmt.Errorf("%q is both approved and forbidden for %s", b, lang)
			}
		}
	}
	return nil
}

// Bytes encodes the glossary as TOML in the documented layout, languages
// in alphabetical order and empty entries left out. Comments of a file
// written by hand are not kept: the app rewrites the whole file.
func (g *Glossary) Bytes() ([]byte, error) {
	type term struct {
		Source    string              `toml:"source"`
		Note      string              `toml:"note,omitempty"`
		Approved  map[string]string   `toml:"approved,omitempty"`
		Forbidden map[string][]string `toml:"forbidden,omitempty"`
	}
	var doc struct {
		Term []term `toml:"term"`
	}
	for i, t := range g.Terms {
		if err := t.Validate(); err != nil {
			return nil, fmt.Errorf("term %d (%q): %w", i+1, t.Source, err)
		}
		out := term{Source: strings.TrimSpace(t.Source), Note: strings.TrimSpace(t.Note)}
		for _, lang := range slices.Sorted(maps.Keys(t.Approved)) {
			if v := strings.TrimSpace(t.Approved[lang]); v != "" {
				if out.Approved == nil {
					out.Approved = map[string]string{}
				}
				out.Approved[lang] = v
			}
		}
		for _, lang := range slices.Sorted(maps.Keys(t.Forbidden)) {
			var bad []string
			for _, b := range t.Forbidden[lang] {
				if b = strings.TrimSpace(b); b != "" {
					bad = append(bad, b)
				}
			}
			if len(bad) > 0 {
				if out.Forbidden == nil {
					out.Forbidden = map[string][]string{}
				}
				out.Forbidden[lang] = bad
			}
		}
		doc.Term = append(doc.Term, out)
	}
	var b bytes.Buffer
	b.WriteString(header)
	if err := toml.NewEncoder(&b).Encode(doc); err != nil {
		return nil, fmt.Errorf("%s: %w", g.Path, err)
	}
	return b.Bytes(), nil
}
