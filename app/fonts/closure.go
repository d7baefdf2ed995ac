package fonts

import (
	"github.com/go-text/typesetting/font"
	"github.com/go-text/typesetting/font/opentype/tables"
)

// Closure returns the glyphs a layout of text in f can use: the glyphs
// its cmap gives text's characters, and every glyph a GSUB substitution
// can turn them into (contextual forms, ligatures, locale variants), to a
// fixed point, as a font subsetter computes it. It over-approximates —
// every lookup is followed, whatever the features asked — so that a
// document font made of these glyphs lacks none its layout draws.
func Closure(f *font.Font, text []rune, n int) []bool {
	in := make([]bool, n)
	var list []tables.GlyphID
	add := func(g tables.GlyphID) {
		if int(g) < n && !in[g] {
			in[g] = true
			list = append(list, g)
		}
	}
	add(0)
	for _, r := range text {
		if g, ok := f.NominalGlyph(r); ok {
			add(tables.GlyphID(g))
		}
	}
	for size := -1; size != len(list); {
		size = len(list)
		for _, lk := range f.GSUB.Lookups {
			for _, st := range lk.Subtables {
				substitutes(st, list[:size], in, add)
			}
		}
	}
	return in
}

// substitutes calls add for each glyph subtable st may substitute for a
// glyph of have (ligatures: when all their components are in).
func substitutes(st tables.GSUBLookup, have []tables.GlyphID, in []bool, add func(tables.GlyphID)) {
	cov := st.Cov()
	if cov == nil {
		return
	}
	for _, g := range have {
		i, ok := cov.Index(g)
		if !ok {
			continue
		}
		switch t := st.(type) {
		case tables.SingleSubs:
			switch d := t.Data.(type) {
			case tables.SingleSubstData1:
				add(tables.GlyphID(int(g) + int(d.DeltaGlyphID)))
			case tables.SingleSubstData2:
				if i < len(d.SubstituteGlyphIDs) {
					add(d.SubstituteGlyphIDs[i])
				}
			}
		case tables.MultipleSubs:
			if i < len(t.Sequences) {
				for _, s := range t.Sequences[i].SubstituteGlyphIDs {
					add(s)
				}
			}
		case tables.AlternateSubs:
			if i < len(t.AlternateSets) {
				for _, s := range t.AlternateSets[i].AlternateGlyphIDs {
					add(s)
				}
			}
		case tables.LigatureSubs:
			if i < len(t.LigatureSets) {
				for _, lig := range t.LigatureSets[i].Ligatures {
					all := true
					for _, c := range lig.ComponentGlyphIDs {
						all = all && int(c) < len(in) && in[c]
					}
					if all {
						add(lig.LigatureGlyph)
					}
				}
			}
		case tables.ReverseChainSingleSubs:
			if i < len(t.SubstituteGlyphIDs) {
				add(t.SubstituteGlyphIDs[i])
			}
		}
	}
}
