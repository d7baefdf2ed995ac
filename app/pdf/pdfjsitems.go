package pdf

import (
	"slices"

	"communique/app/pdf/bidimark"
)

// itemNudge is how much larger, in points, a stretch is set to be a pdf.js
// text item of its own (bidimark.PDFjsItems): the smallest step of the
// size fpdf writes, a thousandth of a 10-point size, which no one sees.
const itemNudge = 0.01

// pdfjsItems draws a line so that pdf.js guesses each of its text items'
// direction right (bidimark.PDFjsItems).
func pdfjsItems(ds []textDraw, rtl bool) []textDraw {
	if !slices.ContainsFunc(ds, func(d textDraw) bool { return d.level > 0 && (d.level > 1 || !rtl) }) {
		return ds // one level: one direction for pdf.js to guess
	}
	items := make([]bidimark.Cluster, len(ds))
	for i, d := range ds {
		items[i] = bidimark.Cluster{Level: d.level, Space: d.space, Visual: d.text}
	}
	order, nudge := bidimark.PDFjsItems(items, rtl)
	for i, n := range nudge {
		if n {
			ds[i].size += itemNudge
		}
	}
	if order == nil {
		return ds
	}
	out := make([]textDraw, len(order))
	for k, i := range order {
		out[k] = ds[i]
	}
	return out
}
