package typeset

import "slices"

// maxStretch is the most justification adds to one space, in ems.
const maxStretch = 0.6

// stretchable reports inter-word spaces, the only places justification
// adds room.
func stretchable(r rune) bool { return r == ' ' || r == 0xA0 }

// filling is how a line's spaces fill its box.
type filling uint8

const (
	ragged     filling = iota // as shaped
	justified                 // stretched or shrunk to the width
	shrinkOnly                // the last line of a justified paragraph: shrunk if it must (TeX's), never stretched
)

type piece struct {
	it       *shapedItem
	from, to int
	glyphs   []shapedGlyph
}

// buildLine cuts the shaped items to text[a:b], reorders them visually and
// places every glyph. hy, when set, is the hyphen drawn at the end of the
// line (a soft hyphen's or a hyphenation point's); a justified line's end
// hangs hang points past the box's end edge; an Arabic line is justified
// with kashidas in tw's font when tw is set.
func buildLine(text []rune, items []shapedItem, a, b int, paraLevel uint8, fill filling, width, hang float64, st *Style, hy *hyphen, tw *tatweel, kinds []gapKind) Line {
	ln := Line{Start: a, End: b, RTL: paraLevel == 1, Hyphenated: hy != nil}
	pieces := linePieces(text, items, a, b, hy)
	levels := make([]uint8, len(pieces))
	for k, pc := range pieces {
		levels[k] = pc.it.level
	}
	var adj adjustment
	if fill == justified && tw != nil {
		pieces = kashidaJustify(text, pieces, a, b, width+hang, st.Size, tw)
	}
	end := trimEnd(text, a, b)
	if hy != nil {
		end = b
	}
	if fill != ragged {
		adj, ln.Justified = justification(text, pieces, kinds, end, width+hang, st.Size)
		if fill == shrinkOnly && (adj.space > 0 || adj.letter > 0 || adj.cjk > 0) {
			adj, ln.Justified = adjustment{}, false
		}
	}
	x := 0.0
	for _, k := range visualOrder(levels) {
		run := placeRun(text, pieces[k], &x, adj, kinds, end, st.Size)
		f := pieces[k].it.font
		ln.Runs = append(ln.Runs, run)
		ln.Ascent = max(ln.Ascent, f.Ascent(st.Size))
		ln.Descent = min(ln.Descent, f.Descent(st.Size))
	}
	ln.Width = x
	alignLine(&ln, width, st.Align)
	if ln.Justified && ln.RTL {
		shiftLine(&ln, -hang) // a right-to-left line ends at the left edge
	}
	return ln
}

// linePieces cuts the shaped items to the line's characters, without its
// trailing spaces, drawing hy at its end.
func linePieces(text []rune, items []shapedItem, a, b int, hy *hyphen) []piece {
	t := trimEnd(text, a, b)
	if hy != nil {
		t = b
	}
	var pieces []piece
	for k := range items {
		it := &items[k]
		from, to := max(it.start, a), min(it.end, t)
		if from >= to {
			continue
		}
		glyphs := glyphsIn(it.glyphs, from, to)
		switch {
		case hy != nil && hy.virtual && from <= b-1 && b-1 < to:
			glyphs = appendHyphen(glyphs, it.level&1 == 1, hy)
		case hy != nil && !hy.virtual && from <= b-1 && b-1 < to:
			glyphs = hyphenate(glyphs, b-1, hy)
		}
		pieces = append(pieces, piece{it: it, from: from, to: to, glyphs: glyphs})
	}
	return pieces
}

// placeRun places a piece's glyphs from the pen position x on, adding
// adj's share to every inter-word space and after every cluster that opens
// a gap (see justify.go), and advances x.
func placeRun(text []rune, pc piece, x *float64, adj adjustment, kinds []gapKind, lineEnd int, size float64) Run {
	f := pc.it.font
	scale := size / f.upem / 64
	run := Run{Font: f, Size: size, Level: pc.it.level, Glyphs: make([]Glyph, len(pc.glyphs))}
	pen := make([]float64, len(pc.glyphs))
	for i, g := range pc.glyphs {
		pen[i] = *x
		a := float64(g.xAdv) * scale
		if adj.space != 0 && g.cluster < len(text) && stretchable(text[g.cluster]) {
			a += adj.space
		}
		run.Glyphs[i] = Glyph{
			ID:      g.id,
			X:       *x + float64(g.xOff)*scale,
			Y:       float64(g.yOff) * scale,
			Advance: a,
		}
		*x += a
		if adj.letter != 0 || adj.cjk != 0 {
			*x += adj.gap(gapAfter(pc, i, kinds, lineEnd))
		}
	}
	run.Clusters = clusters(text, pc)
	for i := range run.Clusters {
		c := &run.Clusters[i]
		c.X = pen[c.FirstGlyph]
		for _, g := range run.Glyphs[c.FirstGlyph : c.FirstGlyph+c.NumGlyphs] {
			c.Advance += g.Advance
		}
	}
	return run
}

// alignLine moves a placed line within the box width wide.
func alignLine(ln *Line, width float64, align Align) {
	left := 0.0
	switch {
	case align == AlignCenter:
		left = (width - ln.Width) / 2
	case (align == AlignEnd) != ln.RTL: // end of an LTR line or start of an RTL one
		if align == AlignJustify && ln.Justified {
			break
		}
		left = width - ln.Width
	}
	shiftLine(ln, left)
}

// shiftLine moves a line, its glyphs and clusters by dx.
func shiftLine(ln *Line, dx float64) {
	if dx == 0 {
		return
	}
	ln.Left += dx
	for i := range ln.Runs {
		for j := range ln.Runs[i].Glyphs {
			ln.Runs[i].Glyphs[j].X += dx
		}
		for j := range ln.Runs[i].Clusters {
			ln.Runs[i].Clusters[j].X += dx
		}
	}
}

// hyphenate returns glyphs with the soft hyphen at rune shy drawn as hy,
// in a copy: an item's glyphs are shared by every line.
func hyphenate(glyphs []shapedGlyph, shy int, hy *hyphen) []shapedGlyph {
	glyphs = slices.Clone(glyphs)
	for i, g := range glyphs {
		if g.cluster == shy {
			glyphs[i].id, glyphs[i].xAdv, glyphs[i].xOff, glyphs[i].yOff = hy.id, hy.xAdv, 0, 0
		}
	}
	return glyphs
}

// appendHyphen returns glyphs with hy drawn after the line's last
// character, in a copy, as one more glyph of that character's cluster: the
// hyphen stands for no text, so a reader extracts the word whole (the PDF
// maps a cluster's glyphs together to the cluster's text).
func appendHyphen(glyphs []shapedGlyph, rtl bool, hy *hyphen) []shapedGlyph {
	if len(glyphs) == 0 {
		return glyphs
	}
	if rtl {
		g := shapedGlyph{cluster: glyphs[0].cluster, id: hy.id, xAdv: hy.xAdv}
		return append([]shapedGlyph{g}, glyphs...)
	}
	g := shapedGlyph{cluster: glyphs[len(glyphs)-1].cluster, id: hy.id, xAdv: hy.xAdv}
	return append(slices.Clip(glyphs), g)
}

// clusters groups the glyphs of a piece by cluster and gives each group the
// text it stands for.
func clusters(text []rune, pc piece) []Cluster {
	// HarfBuzz keeps clusters monotonic: ascending along a left-to-right
	// run, descending along a right-to-left one. A cluster ends where the
	// next one in logical order starts.
	rtl := pc.it.level&1 == 1
	var out []Cluster
	for i := 0; i < len(pc.glyphs); {
		c := pc.glyphs[i].cluster
		j := i + 1
		for j < len(pc.glyphs) && pc.glyphs[j].cluster == c {
			j++
		}
		out = append(out, Cluster{Start: c, End: pc.to, FirstGlyph: i, NumGlyphs: j - i})
		i = j
	}
	for k := range out {
		next := k + 1
		if rtl {
			next = k - 1
		}
		if next >= 0 && next < len(out) {
			out[k].End = out[next].Start
		}
		out[k].Text = string(text[out[k].Start:out[k].End])
	}
	return out
}
