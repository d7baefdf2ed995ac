package pdf

// Font coverage, asked before typesetting: a batch export lists every
// character a language cannot be drawn with instead of stopping at the
// first, and a workspace warns when a language is added rather than at
// export. This file only reads the bundled font data; Export's own check
// (checkGlyphs) stays the authority.

// Uncovered returns the characters of text that none of the bundled fonts
// can draw in the weight asked for, each once, in order of first
// appearance. Characters that need no glyph (controls, default-ignorable
// marks) are never reported.
func Uncovered(text string, bold bool) ([]rune, error) {
	fonts, _, err := loadFonts()
	if err != nil {
		return nil, err
	}
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
	return out, nil
}

// MissingGlyphs checks every text of doc that Export would check and
// returns one MissingGlyphError per message and character no bundled font
// can draw, in document order; none when the document can be typeset.
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
	var out []*MissingGlyphError
	for _, p := range parts {
		runes, err := Uncovered(p.text, p.bold)
		if err != nil {
			return nil, err
		}
		for _, r := range runes {
			out = append(out, &MissingGlyphError{Lang: doc.Lang, MessageID: p.id, Char: r})
		}
	}
	return out, nil
}
