package pdf

import (
	"communique/app/pdf/bidimark"
	"communique/app/pdf/carrier"
	"communique/app/typeset"
)

// A line that mixes directions also carries its text in reading order for
// MuPDF, after its glyphs (package carrier says why and how).

// carrierUse is a carrier as lineCarriers finds it.
type carrierUse struct {
	form form // a blank glyph of the word's face
	mark rune
	x    float64
	text string
}

// lineCarriers returns the carriers of a line that mixes directions, or
// nil for any other line.
func lineCarriers(pl placedLine, faces map[*typeset.Font]*face) []carrierUse {
	var cs []carrier.Cluster
	var fs []*face
	for r := range pl.line.Runs {
		run := &pl.line.Runs[r]
		for _, cl := range run.Clusters {
			cs = append(cs, carrier.Cluster{Start: cl.Start, Text: bidimark.ReaderChars(cl.Text, false),
				X: pl.x + cl.X, Advance: cl.Advance, Level: run.Level})
			fs = append(fs, faces[run.Font])
		}
	}
	if !carrier.Mixed(cs) {
		return nil
	}
	var out []carrierUse
	for _, w := range carrier.Words(cs, pl.line.Hyphenated && !pl.line.RTL) {
		f := fs[w.First]
		out = append(out, carrierUse{form: form{face: f, gid: f.space}, mark: w.Mark, x: w.X, text: w.Text})
	}
	return out
}

// progCarrier is a carrier in a page's program: its use, not yet its code.
type progCarrier struct {
	use  uint32
	x    float64
	text string
}

// carrierDraw is a carrier as the writer draws it.
type carrierDraw struct {
	code rune
	x    float64
	text string
}

// writeCarriers draws a mixed line's carriers after its glyphs (see the
// top of this file).
func (w *writer) writeCarriers(y float64, cs []carrierDraw) {
	w.out = append(w.out, "/Span <</ActualText ()>> BDC\n"...)
	for _, c := range cs {
		w.out = append(w.out, "/Reading <</ActualText "...)
		w.out = carrier.AppendTextString(w.out, c.text)
		w.out = append(w.out, ">> BDC BT "...)
		w.out = appendNums(w.out, c.x, y)
		w.out = append(w.out, "Td ["...)
		w.out = appendCode(w.out, c.code)
		w.out = append(w.out, "] TJ ET EMC\n"...)
	}
	w.out = append(w.out, "EMC\n"...)
}
