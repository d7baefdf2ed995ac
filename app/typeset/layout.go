package typeset

import (
	"errors"
	"slices"

	"github.com/go-text/typesetting/di"
	"github.com/go-text/typesetting/font"
	"github.com/go-text/typesetting/harfbuzz"
	"github.com/go-text/typesetting/language"
	"github.com/go-text/typesetting/segmenter"
	"golang.org/x/text/unicode/bidi"
)

// Engine lays out paragraphs. It keeps HarfBuzz state and per-font faces
// between calls, so reuse one; an Engine is not safe for concurrent use
// (keep one per goroutine, e.g. in a sync.Pool).
type Engine struct {
	buf   *harfbuzz.Buffer
	hb    map[*Font]*harfbuzz.Font // HarfBuzz fonts keep compiled lookups and shaping plans
	seg   segmenter.Segmenter
	faces map[*Font]*font.Face
}

// NewEngine returns an engine ready to lay out paragraphs.
func NewEngine() *Engine {
	return &Engine{buf: harfbuzz.NewBuffer(), hb: make(map[*Font]*harfbuzz.Font), faces: make(map[*Font]*font.Face)}
}

// shape runs HarfBuzz on text[start:end] and returns the glyphs in visual
// order, positions in 1/64 font units. It calls HarfBuzz directly rather
// than through go-text's shaping package, which zeroes the advance of any
// glyph whose outline extents it cannot read, and NewFont's fonts have no
// outlines.
func (e *Engine) shape(f *Font, text []rune, start, end int, dir di.Direction, script language.Script, lang language.Language) []shapedGlyph {
	hf, ok := e.hb[f]
	if !ok {
		hf = harfbuzz.NewFont(e.face(f))
		// One unit per 1/64 font unit: positions come back exact, and a
		// fractional point size is applied after.
		hf.XScale = int32(f.upem) << 6
		hf.YScale = hf.XScale
		e.hb[f] = hf
	}
	e.buf.Clear()
	e.buf.AddRunes(text, start, end-start)
	e.buf.Props.Direction = dir.Harfbuzz()
	e.buf.Props.Language = lang
	e.buf.Props.Script = script
	e.buf.Shape(hf, nil)
	glyphs := make([]shapedGlyph, len(e.buf.Info))
	for i, in := range e.buf.Info {
		pos := e.buf.Pos[i]
		glyphs[i] = shapedGlyph{cluster: in.Cluster, id: uint16(in.Glyph), xAdv: pos.XAdvance, xOff: pos.XOffset, yOff: pos.YOffset}
	}
	return glyphs
}

// glyphsIn returns the glyphs of clusters from..to-1. HarfBuzz keeps
// clusters monotonic in visual order, so these are one stretch of the
// item's output and need no copy; a copy is made only if they are not.
func glyphsIn(glyphs []shapedGlyph, from, to int) []shapedGlyph {
	in := func(g shapedGlyph) bool { return g.cluster >= from && g.cluster < to }
	first := slices.IndexFunc(glyphs, in)
	if first < 0 {
		return nil
	}
	last := first
	for i := first + 1; i < len(glyphs); i++ {
		if in(glyphs[i]) {
			last = i
		}
	}
	stretch := glyphs[first : last+1]
	if !slices.ContainsFunc(stretch, func(g shapedGlyph) bool { return !in(g) }) {
		return stretch
	}
	var out []shapedGlyph
	for _, g := range stretch {
		if in(g) {
			out = append(out, g)
		}
	}
	return out
}

// shapedGlyph is one glyph of HarfBuzz's output: the index of the first
// rune of its cluster in the paragraph, and positions in 1/64 font units.
// A third the size of go-text's shaping.Glyph, which carries outline
// extents the layout has no use for.
type shapedGlyph struct {
	cluster          int
	xAdv, xOff, yOff int32
	id               uint16
}

func (e *Engine) face(f *Font) *font.Face {
	fc, ok := e.faces[f]
	if !ok {
		fc = font.NewFace(f.parsed)
		e.faces[f] = fc
	}
	return fc
}

// shapedItem is an item with its HarfBuzz output, positions in font units.
type shapedItem struct {
	item
	glyphs []shapedGlyph // visual order
}

// Layout sets text in a box width points wide. Line feeds (and U+2029)
// end bidi paragraphs and force a line break; tabs count as spaces.
func (e *Engine) Layout(text string, width float64, st Style) (*Paragraph, error) {
	if st.Fonts == nil || len(st.Fonts.Families) == 0 {
		return nil, errors.New("typeset: style has no fonts")
	}
	if st.Size <= 0 {
		return nil, errors.New("typeset: font size must be positive")
	}
	runes := []rune(text)
	for i, r := range runes {
		if r == '\t' {
			runes[i] = ' '
		}
	}
	p := &Paragraph{Width: width, Leading: st.leading()}
	offset := 0
	first := true
	for offset <= len(runes) {
		end := offset
		for end < len(runes) && runes[end] != '\n' && runes[end] != '\r' && runes[end] != 0x2029 && runes[end] != 0x85 {
			end++
		}
		lines, rtl, err := e.layoutBidiParagraph(runes[offset:end], offset, width, &st)
		if err != nil {
			var mg *MissingGlyphError
			if errors.As(err, &mg) {
				mg.Index += offset
			}
			return nil, err
		}
		if first {
			p.RTL = rtl
			first = false
		}
		p.Lines = append(p.Lines, lines...)
		if end < len(runes) && runes[end] == '\r' && end+1 < len(runes) && runes[end+1] == '\n' {
			end++
		}
		offset = end + 1
	}
	return p, nil
}

// layoutBidiParagraph lays out text holding no paragraph separator; base is
// its rune offset in the whole text, for Line.Start/End and clusters.
func (e *Engine) layoutBidiParagraph(text []rune, base int, width float64, st *Style) ([]Line, bool, error) {
	dir := st.Dir
	if dir == Auto {
		dir = DirectionOf(st.Lang)
	}
	baseLevel := -1
	switch dir {
	case LeftToRight:
		baseLevel = 0
	case RightToLeft:
		baseLevel = 1
	}
	levels, paraLevel := resolveLevels(text, baseLevel)
	rtl := paraLevel == 1
	if len(text) == 0 {
		return []Line{{Start: base, End: base, RTL: rtl}}, rtl, nil
	}
	scripts := resolveScripts(text, scriptOf(st.Lang))
	items, err := itemize(text, levels, scripts, st.Fonts, st.Bold)
	if err != nil {
		return nil, rtl, err
	}

	lang := language.NewLanguage(st.Lang)
	shaped := make([]shapedItem, len(items))
	adv := make([]float64, len(text)) // advance of each cluster on its first rune, points
	for k, it := range items {
		d := di.DirectionLTR
		if it.level&1 == 1 {
			d = di.DirectionRTL
		}
		glyphs := e.shape(it.font, text, it.start, it.end, d, it.script, lang)
		shaped[k] = shapedItem{item: it, glyphs: glyphs}
		scale := st.Size / it.font.upem / 64
		for _, g := range glyphs {
			adv[g.cluster] += float64(g.xAdv) * scale
		}
	}

	hyphens := e.hyphens(text, items, st.Size)
	ranges := e.breakLines(text, adv, hyphens, width, st.Lang)
	lines := make([]Line, 0, len(ranges))
	for k, r := range ranges {
		justify := st.Align == AlignJustify && k < len(ranges)-1 && !r.mandatory
		var hy *hyphen
		if h, ok := hyphens[r.end-1]; ok && r.end < len(text) {
			hy = &h
		}
		ln := buildLine(text, shaped, r.start, r.end, paraLevel, justify, width, st, hy)
		ln.Start += base
		ln.End += base
		for i := range ln.Runs {
			for j := range ln.Runs[i].Clusters {
				ln.Runs[i].Clusters[j].Start += base
				ln.Runs[i].Clusters[j].End += base
			}
		}
		lines = append(lines, ln)
	}
	return lines, rtl, nil
}

// frenchNoBreak tailors UAX #14 for French, where the space inside
// guillemets and before high punctuation belongs to the punctuation even
// when typed as an ordinary space: no line starts with » : ; ! ? and none
// ends with «.
func frenchNoBreak(text []rune, pos int) bool {
	if pos < 2 || pos >= len(text) || text[pos-1] != ' ' {
		return false
	}
	if text[pos-2] == '«' {
		return true
	}
	switch text[pos] {
	case '»', ':', ';', '!', '?':
		return true
	}
	return false
}

func primaryTag(lang string) string {
	p, _ := splitTag(lang)
	return p
}

// softHyphen marks where a word may be broken: invisible inside a line,
// drawn as a hyphen at the end of one.
const softHyphen = '\u00AD'

// hyphen is the glyph a soft hyphen becomes at the end of a line.
type hyphen struct {
	id    uint16
	xAdv  int32   // 1/64 font units, like HarfBuzz's
	width float64 // points
}

// hyphens returns, for every soft hyphen of text, the hyphen of its font:
// U+2010 HYPHEN, or the hyphen-minus when the font lacks it.
func (e *Engine) hyphens(text []rune, items []item, size float64) map[int]hyphen {
	var out map[int]hyphen
	for _, it := range items {
		for i := it.start; i < it.end; i++ {
			if text[i] != softHyphen {
				continue
			}
			gid, ok := it.font.parsed.NominalGlyph('\u2010')
			if !ok {
				if gid, ok = it.font.parsed.NominalGlyph('-'); !ok {
					continue
				}
			}
			units := e.face(it.font).HorizontalAdvance(gid)
			if out == nil {
				out = make(map[int]hyphen)
			}
			out[i] = hyphen{id: uint16(gid), xAdv: int32(units * 64), width: float64(units) * size / it.font.upem}
		}
	}
	return out
}

type lineRange struct {
	start, end int
	mandatory  bool
}

// trailingSpace reports characters that UAX #9 L1 sends to the paragraph
// level at the end of a line and that take no room there.
func trailingSpace(r rune) bool {
	switch bidiClass(r) {
	case bidi.WS, bidi.S, bidi.B, bidi.LRI, bidi.RLI, bidi.FSI, bidi.PDI,
		bidi.BN, bidi.LRE, bidi.RLE, bidi.LRO, bidi.RLO, bidi.PDF:
		return true
	}
	return false
}

func trimEnd(text []rune, a, b int) int {
	for b > a && trailingSpace(text[b-1]) {
		b--
	}
	return b
}

// breakLines chooses line ends greedily at UAX #14 opportunities, measuring
// with shaped advances; a word wider than the box is broken between
// grapheme clusters.
func (e *Engine) breakLines(text []rune, adv []float64, hyphens map[int]hyphen, width float64, lang string) []lineRange {
	prefix := make([]float64, len(text)+1)
	for i, a := range adv {
		prefix[i+1] = prefix[i] + a
	}
	widthOf := func(a, b int) float64 {
		w := prefix[trimEnd(text, a, b)] - prefix[a]
		if h, ok := hyphens[b-1]; ok && b < len(text) {
			w += h.width // the hyphen drawn if the line ends here
		}
		return w
	}
	const eps = 1e-6

	e.seg.Init(text)
	type opportunity struct {
		pos       int
		mandatory bool
	}
	var ops []opportunity
	it := e.seg.LineIterator()
	french := primaryTag(lang) == "fr"
	for it.Next() {
		l := it.Line()
		pos := l.Offset + len(l.Text)
		if french && !l.IsMandatoryBreak && frenchNoBreak(text, pos) {
			continue
		}
		ops = append(ops, opportunity{pos, l.IsMandatoryBreak})
	}
	var graphemes []int // lazily computed boundaries
	var lines []lineRange
	start, lastFit := 0, -1
	for k := 0; k < len(ops); k++ {
		op := ops[k]
		if op.pos <= start {
			continue
		}
		if widthOf(start, op.pos) <= width+eps {
			lastFit = op.pos
			if op.mandatory || op.pos == len(text) {
				lines = append(lines, lineRange{start, op.pos, op.mandatory && op.pos < len(text)})
				start, lastFit = op.pos, -1
			}
			continue
		}
		if lastFit > start {
			lines = append(lines, lineRange{start, lastFit, false})
			start, lastFit = lastFit, -1
			k--
			continue
		}
		// A single unbreakable stretch wider than the box.
		if graphemes == nil {
			e.seg.Init(text)
			gi := e.seg.GraphemeIterator()
			for gi.Next() {
				g := gi.Grapheme()
				graphemes = append(graphemes, g.Offset+len(g.Text))
			}
		}
		cut := -1
		for _, g := range graphemes {
			if g <= start || g >= op.pos {
				continue
			}
			if widthOf(start, g) > width+eps && cut > 0 {
				break
			}
			cut = g
		}
		if cut < 0 {
			cut = op.pos // one grapheme wider than the box: let it overflow
		}
		if cut == op.pos {
			lastFit = op.pos
			if op.mandatory || op.pos == len(text) {
				lines = append(lines, lineRange{start, op.pos, op.mandatory && op.pos < len(text)})
				start, lastFit = op.pos, -1
			}
			continue
		}
		lines = append(lines, lineRange{start, cut, false})
		start, lastFit = cut, -1
		k--
	}
	if start < len(text) {
		lines = append(lines, lineRange{start, len(text), false})
	}
	return lines
}

// maxStretch is the most justification adds to one space, in ems.
const maxStretch = 0.6

// stretchable reports inter-word spaces, the only places justification
// adds room.
func stretchable(r rune) bool { return r == ' ' || r == 0xA0 }

type piece struct {
	it       *shapedItem
	from, to int
	glyphs   []shapedGlyph
}

// buildLine cuts the shaped items to text[a:b], reorders them visually and
// places every glyph. hy, when set, is the hyphen the soft hyphen ending
// the line becomes.
func buildLine(text []rune, items []shapedItem, a, b int, paraLevel uint8, justify bool, width float64, st *Style, hy *hyphen) Line {
	ln := Line{Start: a, End: b, RTL: paraLevel == 1}
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
		if hy != nil && from <= b-1 && b-1 < to {
			glyphs = hyphenate(glyphs, b-1, hy)
		}
		pieces = append(pieces, piece{it: it, from: from, to: to, glyphs: glyphs})
	}
	levels := make([]uint8, len(pieces))
	for k, pc := range pieces {
		levels[k] = pc.it.level
	}
	order := visualOrder(levels)

	natural, spaces := 0.0, 0
	for _, pc := range pieces {
		scale := st.Size / pc.it.font.upem / 64
		for _, g := range pc.glyphs {
			natural += float64(g.xAdv) * scale
			if stretchable(text[g.cluster]) {
				spaces++
			}
		}
	}
	extra := 0.0
	if justify && spaces > 0 && natural < width {
		extra = (width - natural) / float64(spaces)
		ln.Justified = true
		// A line that would need gaps wider than this (an unbreakable
		// word pushed to the next line) is left ragged: rivers of white
		// read worse, and extractors take such gaps for column breaks.
		if extra > maxStretch*st.Size {
			extra, ln.Justified = 0, false
		}
	}

	x := 0.0
	for _, k := range order {
		pc := pieces[k]
		f := pc.it.font
		scale := st.Size / f.upem / 64
		run := Run{Font: f, Size: st.Size, Level: pc.it.level, Glyphs: make([]Glyph, len(pc.glyphs))}
		pen := make([]float64, len(pc.glyphs))
		for i, g := range pc.glyphs {
			pen[i] = x
			a := float64(g.xAdv) * scale
			if extra > 0 && stretchable(text[g.cluster]) {
				a += extra
			}
			run.Glyphs[i] = Glyph{
				ID:      g.id,
				X:       x + float64(g.xOff)*scale,
				Y:       float64(g.yOff) * scale,
				Advance: a,
			}
			x += a
		}
		run.Clusters = clusters(text, pc)
		for i := range run.Clusters {
			c := &run.Clusters[i]
			c.X = pen[c.FirstGlyph]
			for _, g := range run.Glyphs[c.FirstGlyph : c.FirstGlyph+c.NumGlyphs] {
				c.Advance += g.Advance
			}
		}
		ln.Runs = append(ln.Runs, run)
		ln.Ascent = max(ln.Ascent, f.Ascent(st.Size))
		ln.Descent = min(ln.Descent, f.Descent(st.Size))
	}
	ln.Width = x

	switch align := st.Align; {
	case align == AlignCenter:
		ln.Left = (width - x) / 2
	case (align == AlignEnd) != ln.RTL: // end of an LTR line or start of an RTL one
		if align == AlignJustify && ln.Justified {
			break
		}
		ln.Left = width - x
	}
	if ln.Left != 0 {
		for i := range ln.Runs {
			for j := range ln.Runs[i].Glyphs {
				ln.Runs[i].Glyphs[j].X += ln.Left
			}
			for j := range ln.Runs[i].Clusters {
				ln.Runs[i].Clusters[j].X += ln.Left
			}
		}
	}
	return ln
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
