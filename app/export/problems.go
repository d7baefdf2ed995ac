package export

import (
	"fmt"
	"strings"

	"communique/app/pdf"
	"communique/app/statement"
	"communique/app/workspace"
)

// StaleError is a language whose translations of a statement need review:
// made from an older source text, or lacking a plural form the language
// needs; Options.Strict refuses to publish it.
type StaleError struct {
	Lang, Statement          string
	NeedsReview              int
	Stale, IncompletePlurals int
}

func (e *StaleError) Error() string {
	return fmt.Sprintf("%s: statement %s: %s (--strict refuses what needs review)", e.Lang, e.Statement,
		ReviewReasons(e.Stale, e.IncompletePlurals))
}

// GlyphError is a character of a language's text that none of its fonts
// (bundled, chosen or installed) can draw, with every message it appears in.
type GlyphError struct {
	Lang     string
	Char     rune
	Messages []string
}

// maxNamed bounds how many messages one GlyphError names, so that a
// language written in a script no font covers gives one readable line per
// character rather than one per character and paragraph.
const maxNamed = 5

func (e *GlyphError) Error() string {
	names := e.Messages
	more := ""
	if len(names) > maxNamed {
		more = fmt.Sprintf(" and %d more", len(names)-maxNamed)
		names = names[:maxNamed]
	}
	return fmt.Sprintf("%s: no font has a glyph for %q (%U), used in %s%s", e.Lang, e.Char, e.Char,
		strings.Join(names, ", "), more)
}

// glyphErrors groups the missing glyphs of doc by character, in order of
// first appearance.
func glyphErrors(doc pdf.Document) ([]error, error) {
	missing, err := pdf.MissingGlyphs(doc)
	if err != nil {
		return nil, err
	}
	var out []*GlyphError
	byChar := map[rune]*GlyphError{}
	for _, m := range missing {
		g := byChar[m.Char]
		if g == nil {
			g = &GlyphError{Lang: doc.Lang, Char: m.Char}
			byChar[m.Char] = g
			out = append(out, g)
		}
		if n := len(g.Messages); n == 0 || g.Messages[n-1] != m.MessageID {
			g.Messages = append(g.Messages, m.MessageID)
		}
	}
	errs := make([]error, len(out))
	for i, g := range out {
		errs[i] = g
	}
	return errs, nil
}

// problems lists every reason lang cannot be published for st: parts not
// translated, characters no font can draw and, with strict, translations
// that need review. doc is what would be typeset.
func problems(w *workspace.Workspace, st *statement.Statement, r Readiness, strict bool) (pdf.Document, []error, error) {
	doc, missing, err := Preview(w, st, r.Lang)
	if err != nil {
		return doc, nil, err
	}
	var errs []error
	if len(missing) > 0 {
		errs = append(errs, &IncompleteError{Lang: r.Lang, Statement: st.ID, Missing: missing})
	}
	if strict && r.NeedsReview > 0 {
		errs = append(errs, &StaleError{Lang: r.Lang, Statement: st.ID, NeedsReview: r.NeedsReview,
			Stale: r.Stale, IncompletePlurals: r.IncompletePlurals})
	}
	if err := CheckFont(w, r.Lang); err != nil {
		// Without its font the language's glyphs cannot be judged.
		return doc, append(errs, err), nil
	}
	glyphs, err := glyphErrors(doc)
	if err != nil {
		return doc, nil, err
	}
	return doc, append(errs, glyphs...), nil
}
