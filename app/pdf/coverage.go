package pdf

import (
	"communique/app/fonts"
	"communique/app/typeset"
)

// Font coverage, asked before typesetting: a batch export lists every
// character a language cannot be drawn with instead of stopping at the
// first, and a workspace warns when a language is added rather than at
// export. Export's own check (checkGlyphs) stays the authority.

// Uncovered returns the characters of text that none of the fonts a
// document in lang would be set in (see Document.Font; font empty: the
// language's default) can draw in the weight asked for, each once, in
// order of first appearance. Characters that need no glyph (controls,
// default-ignorable marks) are never reported. It fails with a *FontError
// when font is not installed.
func Uncovered(lang, font, text string, bold bool) ([]rune, error) {
	fonts, _, err := fontSetFor(&Document{Lang: lang, Font: font}, []string{text}, false)
	if err != nil {
		return nil, err
	}
	return uncoveredIn(fonts, text, bold), nil
}

func uncoveredIn(fonts interface {
	MissingRune(string, bool) (rune, bool)
}, text string, bold bool) []rune {
	var out []rune
	seen := map[rune]bool{}
	for _, r := range text {
		if seen[r] {
			continue
		}
		seen[r] = true
		if _, missing := fonts.MissingRune(string(r), bold); missing {
			out = append(out, r)
		}
	}
	return out
}

// MissingGlyphs checks every text of doc that Export would check and
// returns one MissingGlyphError per message and character no font of the
// document can draw, in document order; none when the document can be
// typeset.
func MissingGlyphs(doc Document) ([]*MissingGlyphError, error) {
	doc = sanitize(doc)
	type part struct {
		id, text string
		bold     bool
	}
	parts := []part{
		{partID(doc.OrganisationID, "organisation"), doc.Organisation, true},
		{doc.Title.ID, doc.Title.Text, true},
		{partID(doc.IssuingBodyID, "issuing body"), doc.IssuingBody, false},
		{partID(doc.PlaceID, "place"), doc.Place, false},
	}
	for _, p := range doc.Paragraphs {
		parts = append(parts, part{p.ID, p.Text, false})
	}
	if s := doc.Signature; s != nil {
		parts = append(parts, part{"(signer)", s.Signer, false}, part{"(role)", s.Role, false})
	}
	texts := make([]string, len(parts))
	for i, p := range parts {
		texts[i] = p.text
	}
	fonts, _, err := fontSetFor(&doc, texts, false)
	if err != nil {
		return nil, err
	}
	var out []*MissingGlyphError
	for _, p := range parts {
		for _, r := range uncoveredIn(fonts, p.text, p.bold) {
			out = append(out, &MissingGlyphError{Lang: doc.Lang, MessageID: p.id, Char: r})
		}
	}
	return out, nil
}

// FamilyUncovered returns the characters of text that the installed family
// a workspace names for lang cannot draw by itself (the bundled fonts do
// not fill in): what checks a font choice. It fails with a *FontError when
// the family is not installed or cannot be read.
func FamilyUncovered(lang, family, text string) ([]rune, error) {
	c, err := fonts.System().Named(lang, family)
	if err != nil {
		return nil, &FontError{Lang: lang, Family: family, Err: err}
	}
	f, err := loadSystem(c)
	if err != nil {
		return nil, &FontError{Lang: lang, Family: family, Err: err}
	}
	return uncoveredIn(&typeset.FontSet{Families: []typeset.Family{f.fam}}, text, false), nil
}
