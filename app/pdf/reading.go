package pdf

import (
	"slices"

	"communique/app/pdf/carrier"
	"communique/app/typeset"
)

// lineCarriers returns the carriers (package carrier) of a line that mixes
// directions, or nil for any other line; pr gets the uses of their blank
// glyphs.
func lineCarriers(pl placedLine, faces map[*typeset.Font]*face, pr *program) []progCarrier {
	if !slices.ContainsFunc(pl.line.Runs, func(r typeset.Run) bool { return r.RTL() }) {
		return nil
	}
	cs := carrier.Clusters(pl.line, pl.x)
	if !carrier.Mixed(cs) {
		return nil
	}
	var out []progCarrier
	for _, w := range carrier.Words(cs, pl.line.Hyphenated && !pl.line.RTL, pl.cont) {
		f := faces[cs[w.First].Font]
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
