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

	hyphenation "communique/app/typeset/hyphen"
)

// Engine lays out paragraphs. It keeps HarfBuzz state and per-font faces
// between calls, so reuse one; an Engine is not safe for concurrent use
// (keep one per goroutine, e.g. in a sync.Pool).
type Engine struct {
	buf   *harfbuzz.Buffer
	hb    map[*Font]*harfbuzz.Font // HarfBuzz fonts keep compiled lookups and shaping plans
	seg   segmenter.Segmenter
	faces map[*Font]*font.Face
	// greedy breaks justified text greedily, as the layout did before it
	// chose breaks by total fit: the baseline tests compare with.
	greedy bool
	words  map[wordKey][]int // hyphenation points of words seen
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
	adv := make([]float64, len(text))   // advance of each cluster on its first rune, points
	starts := make([]bool, len(text)+1) // the runes that begin a cluster
	starts[len(text)] = true
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
			starts[g.cluster] = true
		}
	}

	hyphens := e.hyphens(text, items, st.Size)
	ops := e.opportunities(text, st.Lang)
	var ranges []lineRange
	var points map[int]hyphen
	var kinds []gapKind
	if st.Align == AlignJustify {
		kinds = gapKinds(text, items, starts, rtl)
	}
	if st.Align == AlignJustify && !e.greedy {
		if h := hyphenation.For(st.Lang); h != nil {
			points = e.hyphenPoints(text, items, st.Size, h)
		}
		ranges = e.breakOptimal(text, adv, ops, hyphens, points, kinds, width, st.Size)
	} else {
		ranges = e.breakGreedy(text, adv, ops, hyphens, width)
	}
	var tw *tatweel
	if st.Align == AlignJustify && kashidaLang(st.Lang) {
		tw = e.tatweelOf(text, items, st.Size)
	}
	lines := make([]Line, 0, len(ranges))
	for k, r := range ranges {
		fill := ragged
		if st.Align == AlignJustify {
			fill = justified
			if k == len(ranges)-1 || r.mandatory {
				fill = shrinkOnly
			}
		}
		hang := 0.0
		if fill != ragged {
			hang = lineHang(text, adv, r.start, r.end, hyphens, points)
		}
		ln := buildLine(text, shaped, r.start, r.end, paraLevel, fill, width, hang, st, lineHyphen(text, r.end, hyphens, points), tw, kinds)
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

func primaryTag(lang string) string {
	p, _ := splitTag(lang)
	return p
}

// softHyphen marks where a word may be broken: invisible inside a line,
// drawn as a hyphen at the end of one.
const softHyphen = '\u00AD'

// hyphen is the glyph a soft hyphen or a hyphenation point becomes at
// the end of a line.
type hyphen struct {
	id    uint16
	xAdv  int32   // 1/64 font units, like HarfBuzz's
	width float64 // points
	// virtual marks a hyphenation point, where the text has no soft
	// hyphen: the hyphen is drawn as one more glyph of the letter before.
	virtual bool
}

// hyphenOf returns the hyphen of a font: U+2010 HYPHEN, or the
// hyphen-minus when the font lacks it.
func (e *Engine) hyphenOf(f *Font, size float64) (hyphen, bool) {
	gid, ok := f.parsed.NominalGlyph('\u2010')
	if !ok {
		if gid, ok = f.parsed.NominalGlyph('-'); !ok {
			return hyphen{}, false
		}
	}
	units := e.face(f).HorizontalAdvance(gid)
	return hyphen{id: uint16(gid), xAdv: int32(units * 64), width: float64(units) * size / f.upem}, true
}

// hyphens returns, for every soft hyphen of text, the hyphen of its font.
func (e *Engine) hyphens(text []rune, items []item, size float64) map[int]hyphen {
	var out map[int]hyphen
	for _, it := range items {
		for i := it.start; i < it.end; i++ {
			if text[i] != softHyphen {
				continue
			}
			h, ok := e.hyphenOf(it.font, size)
			if !ok {
				continue
			}
			if out == nil {
				out = make(map[int]hyphen)
			}
			out[i] = h
		}
	}
	return out
}

// lineHyphen returns the hyphen drawn at the end of a line ending at
// rune b, if it ends at a soft hyphen or a hyphenation point.
func lineHyphen(text []rune, b int, hyphens, points map[int]hyphen) *hyphen {
	if b >= len(text) {
		return nil
	}
	if h, ok := hyphens[b-1]; ok {
		return &h
	}
	if h, ok := points[b]; ok {
		return &h
	}
	return nil
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
