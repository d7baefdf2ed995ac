package textbox

import (
	"math"
	"sync"
	"unicode"

	"github.com/go-text/typesetting/language"
	"github.com/go-text/typesetting/segmenter"

	"communique/app/typeset"
	"communique/assets/fonts"
)

// The text widgets (Edit, and the window's labels) set their text with the same
// typesetting engine as the PDF: bidi levels, shaping, line breaking. This
// file holds the part that knows no Fyne: laying text out in a width and
// mapping between rune offsets (where the caret is, logically) and
// positions on screen (where it is drawn, visually).

var arabicScripts = []language.Script{language.Arabic}

var uiFonts struct {
	once sync.Once
	set  *typeset.FontSet
	err  error
}

// textFonts returns the bundled fonts: Noto Sans, then Noto Naskh Arabic
// for the Arabic script, so Arabic, Persian and Sorani never depend on the
// fonts a system happens to have.
func textFonts() (*typeset.FontSet, error) {
	uiFonts.once.Do(func() {
		load := func(name string, reg, bold []byte) (typeset.Family, error) {
			r, err := typeset.NewFont(name+"-Regular", reg)
			if err != nil {
				return typeset.Family{}, err
			}
			b, err := typeset.NewFont(name+"-Bold", bold)
			return typeset.Family{Regular: r, Bold: b}, err
		}
		sans, err := load("NotoSans", fonts.NotoSansRegular, fonts.NotoSansBold)
		if err != nil {
			uiFonts.err = err
			return
		}
		naskh, err := load("NotoNaskhArabic", fonts.NotoNaskhArabicRegular, fonts.NotoNaskhArabicBold)
		if err != nil {
			uiFonts.err = err
			return
		}
		naskh.Scripts = arabicScripts
		uiFonts.set = &typeset.FontSet{Families: []typeset.Family{sans, naskh}}
	})
	return uiFonts.set, uiFonts.err
}

// uiEngine is the typesetting engine of the UI thread. Fyne calls widgets
// from one goroutine, but tests and benchmarks may not, hence the lock.
var uiEngine struct {
	sync.Mutex
	e *typeset.Engine
}

// caretStop is a place the caret can stand: a rune offset and its x on
// the line. An offset where two runs of different direction meet has two
// stops (the split caret); after marks the stop on the trailing edge of
// the character before the offset.
type caretStop struct {
	off   int
	x     float64
	after bool
	// left: the stop is the left edge of its grapheme, which spans
	// p0..p1 on screen (p0 == p1 for a stop of no grapheme).
	left   bool
	p0, p1 float64
}

// textLine is one laid-out line with its caret stops sorted by x.
type textLine struct {
	start, end int  // rune offsets; end includes trailing spaces
	hard       bool // the line ends at a line feed (or the text's end)
	rtl        bool
	stops      []caretStop
	line       typeset.Line
}

// textLayout is text laid out in a width.
type Layout struct {
	text      []rune
	width     float64
	leading   float64
	ascent    float64 // of the first font, for the baseline
	descent   float64 // negative
	rtl       bool
	lines     []textLine
	graphemes []bool // graphemes[i]: a cluster boundary before text[i]
}

// layoutText sets text in width (in Fyne units, which the engine takes as
// points). dir is the paragraph direction (typeset.Auto: from the first
// strong character).
func LayoutText(text string, width float64, size float64, lang string, dir typeset.Direction, bold bool) (*Layout, error) {
	return LayoutAligned(text, width, size, lang, dir, bold, typeset.AlignStart)
}

// layoutAligned is layoutText with an alignment other than the start.
func LayoutAligned(text string, width float64, size float64, lang string, dir typeset.Direction, bold bool, align typeset.Align) (*Layout, error) {
	set, err := textFonts()
	if err != nil {
		return nil, err
	}
	if width < 1 {
		width = 1
	}
	st := typeset.Style{Fonts: set, Size: size, Lang: lang, Dir: dir, Bold: bold, Leading: 1.45 * size, Align: align}
	uiEngine.Lock()
	if uiEngine.e == nil {
		uiEngine.e = typeset.NewEngine()
	}
	p, err := uiEngine.e.Layout(text, width, st)
	uiEngine.Unlock()
	if err != nil {
		// A character no bundled font has: lay out the text with it
		// replaced, so it still shows (as a box) and stays editable.
		p, err = layoutReplacing(text, width, st)
		if err != nil {
			return nil, err
		}
	}
	l := &Layout{text: []rune(text), width: width, leading: p.Leading, rtl: p.RTL}
	l.ascent = set.Families[0].Regular.Ascent(size)
	l.descent = set.Families[0].Regular.Descent(size)
	l.graphemes = GraphemeBoundaries(l.text)
	l.build(p)
	return l, nil
}

// layoutReplacing lays out text with every character the fonts lack
// replaced by U+FFFD, which keeps rune offsets unchanged.
func layoutReplacing(text string, width float64, st typeset.Style) (*typeset.Paragraph, error) {
	runes := []rune(text)
	for i, r := range runes {
		if !unicode.IsControl(r) && !st.Fonts.Families[0].Regular.HasRune(r) && !st.Fonts.Families[1].Regular.HasRune(r) {
			runes[i] = '?'
		}
	}
	uiEngine.Lock()
	defer uiEngine.Unlock()
	return uiEngine.e.Layout(string(runes), width, st)
}

func GraphemeBoundaries(text []rune) []bool {
	b := make([]bool, len(text)+1)
	b[0], b[len(text)] = true, true
	var seg segmenter.Segmenter
	seg.Init(text)
	it := seg.GraphemeIterator()
	for it.Next() {
		g := it.Grapheme()
		b[g.Offset] = true
		b[g.Offset+len(g.Text)] = true
	}
	return b
}

// build turns the engine's lines into textLines with caret stops.
func (l *Layout) build(p *typeset.Paragraph) {
	for k, ln := range p.Lines {
		tl := textLine{start: ln.Start, end: ln.End, rtl: ln.RTL, line: ln}
		tl.hard = k == len(p.Lines)-1 || p.Lines[k+1].Start > ln.End
		l.stopsOf(&tl)
		l.lines = append(l.lines, tl)
	}
	if len(l.lines) == 0 {
		l.lines = []textLine{{hard: true, rtl: l.rtl, stops: []caretStop{{off: 0, x: l.edge(l.rtl)}}}}
	}
}

// edge is where an empty line's caret stands.
func (l *Layout) edge(rtl bool) float64 {
	if rtl {
		return l.width
	}
	return 0
}

// stopsOf finds the caret stops of a line: the edges of every grapheme
// (a ligature's advance is shared evenly among its graphemes), then the
// spaces the line break dropped, beyond the line's end in its direction.
func (l *Layout) stopsOf(tl *textLine) {
	ln := &tl.line
	var stops []caretStop
	content := ln.Start
	for _, run := range ln.Runs {
		rtl := run.RTL()
		for _, c := range run.Clusters {
			content = max(content, c.End)
			var cuts []int
			for o := c.Start; o <= c.End; o++ {
				if l.graphemes[o] {
					cuts = append(cuts, o)
				}
			}
			n := float64(len(cuts) - 1)
			for i, o := range cuts {
				f := 0.0
				if n > 0 {
					f = float64(i) / n
				}
				x := c.X + f*c.Advance
				if rtl {
					x = c.X + c.Advance - f*c.Advance
				}
				// The grapheme this stop bounds: the next one in
				// logical order for a leading stop, else the previous.
				w := c.Advance / max(n, 1)
				left := (i == 0) != rtl
				if i > 0 && i < len(cuts)-1 {
					// An inner stop bounds two graphemes; say the next.
					left = !rtl
				}
				p0, p1 := x, x+w
				if !left {
					p0, p1 = x-w, x
				}
				stops = append(stops, caretStop{off: o, x: x, after: i > 0, left: left, p0: p0, p1: p1})
			}
		}
	}
	// The line's start in the paragraph direction, where the caret before
	// its first character is drawn (a right-to-left line starting with a
	// digit still starts at the right).
	startX := ln.Left
	if tl.rtl {
		startX = ln.Left + ln.Width
		if ln.Width == 0 {
			startX = l.width
		}
	}
	stops = append(stops, caretStop{off: ln.Start, x: startX, left: !tl.rtl, p0: startX, p1: startX})
	// The dropped spaces sit past the visual end of the line.
	end, sp := ln.Left+ln.Width, l.spaceWidth()
	if tl.rtl {
		end = ln.Left
	}
	for o, k := content, 0; o < ln.End; o++ {
		k++
		x := end + float64(k)*sp
		if tl.rtl {
			x = end - float64(k)*sp
		}
		p0, p1 := x-sp, x
		if tl.rtl {
			p0, p1 = x, x+sp
		}
		stops = append(stops, caretStop{off: o + 1, x: x, after: true, left: tl.rtl, p0: p0, p1: p1})
	}
	sortStops(stops)
	tl.stops = dedupeStops(stops)
}

func (l *Layout) spaceWidth() float64 { return l.leading / 1.45 * 0.26 }

// dedupeStops drops a stop that repeats the offset and x of the one
// before (sorted input), keeping the one that bounds a grapheme.
func dedupeStops(s []caretStop) []caretStop {
	out := s[:0]
	for _, st := range s {
		if n := len(out); n > 0 && out[n-1].off == st.off && math.Abs(out[n-1].x-st.x) < 1e-6 {
			if out[n-1].p0 == out[n-1].p1 {
				out[n-1] = st
			}
			continue
		}
		out = append(out, st)
	}
	return out
}

func sortStops(s []caretStop) {
	// Insertion sort: a line has few stops, mostly in order already.
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && (s[j].x < s[j-1].x || s[j].x == s[j-1].x && s[j].off < s[j-1].off); j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
}

// lineOf returns the line the caret at off stands on. An offset that ends
// one wrapped line and starts the next belongs to the next one, unless
// upstream asks for the end of the first.
func (l *Layout) lineOf(off int, upstream bool) int {
	for k := range l.lines {
		ln := &l.lines[k]
		if off < ln.start || off > ln.end {
			continue
		}
		if off == ln.end && !ln.hard && !upstream && k+1 < len(l.lines) {
			continue
		}
		return k
	}
	if off <= 0 {
		return 0
	}
	return len(l.lines) - 1
}

// caretX returns where the caret at off is drawn on line k: the trailing
// edge of the character before it when there is one on the line, else the
// leading edge of the character after it.
func (l *Layout) caretX(k, off int) float64 {
	stops := l.lines[k].stops
	if off == l.lines[k].start {
		for _, s := range stops {
			if s.off == off && s.p0 == s.p1 {
				return s.x
			}
		}
	}
	best, found := 0.0, false
	for _, s := range stops {
		if s.off != off {
			continue
		}
		if s.after || !found {
			best, found = s.x, true
			if s.after && off != l.lines[k].start {
				return best
			}
		}
	}
	if found {
		return best
	}
	// Not on this line (a stale offset): the nearest stop.
	nearest := stops[0]
	for _, s := range stops {
		if abs(s.off-off) < abs(nearest.off-off) {
			nearest = s
		}
	}
	return nearest.x
}

func abs(i int) int {
	if i < 0 {
		return -i
	}
	return i
}

// hit returns the offset nearest to (x, y) and whether it is the end of a
// wrapped line rather than the start of the next.
func (l *Layout) hit(x, y float64) (int, bool) {
	k := int(math.Floor(y / l.leading))
	k = max(0, min(k, len(l.lines)-1))
	return l.hitLine(k, x)
}

func (l *Layout) hitLine(k int, x float64) (int, bool) {
	ln := &l.lines[k]
	best := ln.stops[0]
	inside := func(s caretStop) bool { return s.p0 < s.p1 && x >= s.p0 && x <= s.p1 }
	for _, s := range ln.stops[1:] {
		d, bd := math.Abs(s.x-x), math.Abs(best.x-x)
		// Two stops at one x (where directions meet): the one of the
		// grapheme under the pointer.
		if d < bd-1e-6 || d < bd+1e-6 && inside(s) && !inside(best) {
			best = s
		}
	}
	return best.off, best.off == ln.end && !ln.hard
}

// moveVisual moves the caret one grapheme to the right (dir +1) or left
// (dir -1) on screen, as Pango does: the line's stops sorted by x, one
// step, then on to the next or previous line in the paragraph's
// direction. x is where the caret is drawn now. It returns the new offset,
// its x, and whether it is the end of a wrapped line.
func (l *Layout) moveVisual(off int, upstream bool, x float64, dir int) (int, float64, bool) {
	k := l.lineOf(off, upstream)
	const eps = 1e-6
	for range 2 * len(l.lines) {
		ln := &l.lines[k]
		var best *caretStop
		for i := range ln.stops {
			s := &ln.stops[i]
			if s.off == off || float64(dir)*(s.x-x) <= eps {
				continue
			}
			// Of two stops at one x, the one of the grapheme being
			// entered (Pango's choice at a direction boundary).
			d := math.Abs(s.x - x)
			if best == nil || d < math.Abs(best.x-x)-eps ||
				d < math.Abs(best.x-x)+eps && s.left == (dir > 0) && best.left != (dir > 0) {
				best = s
			}
		}
		if best != nil {
			return best.off, best.x, best.off == ln.end && !ln.hard
		}
		// At the edge: the next line in reading order on this side.
		forward := (dir > 0) != ln.rtl
		next := k + 1
		if !forward {
			next = k - 1
		}
		if next < 0 || next >= len(l.lines) {
			return off, x, upstream
		}
		k = next
		nl := &l.lines[k]
		if dir > 0 {
			x = nl.stops[0].x - 1
		} else {
			x = nl.stops[len(nl.stops)-1].x + 1
		}
		// Crossing a soft wrap keeps the offset (end of one line is the
		// start of the next): step on from the new line's edge.
		if edge := l.edgeStop(nl, dir); edge.off != off {
			return edge.off, edge.x, edge.off == nl.end && !nl.hard
		}
	}
	return off, x, upstream
}

// edgeStop is the stop a caret enters a line at, moving in dir.
func (l *Layout) edgeStop(ln *textLine, dir int) caretStop {
	if dir > 0 {
		return ln.stops[0]
	}
	return ln.stops[len(ln.stops)-1]
}

// lineStart and lineEnd are Home and End: the logical ends of line k.
func (l *Layout) lineStart(k int) int { return l.lines[k].start }

func (l *Layout) lineEnd(k int) (int, bool) {
	ln := &l.lines[k]
	return ln.end, !ln.hard
}

// height is the height of the laid-out lines.
func (l *Layout) Height() float64 { return float64(len(l.lines)) * l.leading }

// prevGrapheme and nextGrapheme step one user-perceived character.
func (l *Layout) prevGrapheme(off int) int {
	for off > 0 {
		off--
		if l.graphemes[off] {
			break
		}
	}
	return off
}

func (l *Layout) nextGrapheme(off int) int {
	for off < len(l.text) {
		off++
		if l.graphemes[off] {
			break
		}
	}
	return off
}

// isWordRune reports letters, marks and digits: what a word jump skips.
func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsMark(r) || unicode.IsDigit(r) || r == 0x200C || r == 0x200D
}

// nextWord is the start of the next word (Ctrl+Right in left-to-right
// text); prevWord the start of this or the previous one.
func nextWord(text []rune, off int) int {
	for off < len(text) && isWordRune(text[off]) {
		off++
	}
	for off < len(text) && !isWordRune(text[off]) {
		off++
	}
	return off
}

func prevWord(text []rune, off int) int {
	for off > 0 && !isWordRune(text[off-1]) {
		off--
	}
	for off > 0 && isWordRune(text[off-1]) {
		off--
	}
	return off
}

// selectionRects returns, per line, the x ranges that show the selection
// [from, to): one per cluster stretch, so a selection crossing a direction
// boundary is painted as several pieces, as in browsers.
func (l *Layout) selectionRects(from, to int) []selRect {
	if from >= to {
		return nil
	}
	var out []selRect
	for k := range l.lines {
		ln := &l.lines[k]
		if ln.end < from || ln.start >= to {
			continue
		}
		for _, run := range ln.line.Runs {
			for _, c := range run.Clusters {
				a, b := max(c.Start, from), min(c.End, to)
				if a >= b {
					continue
				}
				x0, x1 := l.caretXIn(ln, c, a, run.RTL()), l.caretXIn(ln, c, b, run.RTL())
				out = appendSel(out, k, min(x0, x1), max(x0, x1))
			}
		}
		// Selected spaces dropped at the line's end.
		for _, s := range ln.stops {
			if s.off > from && s.off <= to && s.off > contentEnd(ln) {
				w := l.spaceWidth()
				x := s.x - w
				if ln.rtl {
					x = s.x
				}
				out = appendSel(out, k, x, x+w)
			}
		}
	}
	return out
}

// selRect is a selected x range on a line.
type selRect struct {
	line   int
	x0, x1 float64
}

// appendSel merges touching ranges on a line, so a selection is painted
// as few rectangles as possible.
func appendSel(out []selRect, k int, x0, x1 float64) []selRect {
	if n := len(out); n > 0 && out[n-1].line == k && math.Abs(out[n-1].x1-x0) < 0.01 {
		out[n-1].x1 = x1
		return out
	}
	return append(out, selRect{k, x0, x1})
}

func contentEnd(ln *textLine) int {
	e := ln.start
	for _, r := range ln.line.Runs {
		for _, c := range r.Clusters {
			e = max(e, c.End)
		}
	}
	return e
}

// caretXIn is the x of offset o inside cluster c (a ligature's graphemes
// share its advance evenly).
func (l *Layout) caretXIn(ln *textLine, c typeset.Cluster, o int, rtl bool) float64 {
	if c.End == c.Start {
		return c.X
	}
	f := float64(o-c.Start) / float64(c.End-c.Start)
	for _, s := range ln.stops {
		if s.off == o && s.x >= c.X-0.001 && s.x <= c.X+c.Advance+0.001 {
			return s.x
		}
	}
	if rtl {
		return c.X + c.Advance - f*c.Advance
	}
	return c.X + f*c.Advance
}

// NaturalWidth is the width of the widest line.
func (l *Layout) NaturalWidth() float64 {
	w := 0.0
	for _, ln := range l.lines {
		w = max(w, ln.line.Width)
	}
	return w
}

// Width is the width the text was laid out in.
func (l *Layout) Width() float64 { return l.width }

// Empty is the layout of no text in width at size, for a widget whose text
// could not be laid out: it still has a line's height.
func Empty(width, size float64) *Layout {
	return &Layout{width: width, leading: 1.45 * size, lines: []textLine{{}}}
}

// RightToLeft reports whether the paragraph, and its first line, run
// right to left.
func (l *Layout) RightToLeft() (para, firstLine bool) {
	return l.rtl, len(l.lines) > 0 && l.lines[0].rtl
}
