package pdf

import (
	"communique/app/pdf/bidimark"
	"communique/app/pdf/carrier"
	"communique/app/typeset"
)

// A line that mixes directions also carries its text in reading order for
// MuPDF, after its glyphs (package carrier says why and how).

// lineCarriers returns the carriers of a line that mixes directions, or
// nil for any other line; pr gets the uses of their blank glyphs.
func lineCarriers(pl placedLine, faces map[*typeset.Font]*face, pr *program) []progCarrier {
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
	var out []progCarrier
	for _, w := range carrier.Words(cs, pl.line.Hyphenated && !pl.line.RTL) {
		f := fs[w.First]
		out = append(out, progCarrier{use: pr.useOf(use{form{face: f, gid: f.space}, string(w.Mark)}), x: w.X, text: w.Text})
	}
	return out
}

// progCarrier is a carrier in a page's program: its use, not yet its code.
type progCarrier struct {
	use  uint32
	x    float64
	text string
}
