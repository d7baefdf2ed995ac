package typeset

import (
	"slices"
	"strings"
	"unicode"

	hyphenation "communique/app/typeset/hyphen"
	"communique/app/typeset/linebreak"
)

// opportunity is a place a line may end.
type opportunity struct {
	pos       int
	mandatory bool
	// weak marks a break UAX #14 allows inside a word ("Daech/EIIL") or a
	// URL: taken only when the word is wider than the line.
	weak bool
}

// opportunities lists where text's lines may end: UAX #14's break
// opportunities, tailored for French spacing and for words and URLs that
// UAX #14 would split.
func (e *Engine) opportunities(text []rune, lang string) []opportunity {
	e.seg.Init(text)
	it := e.seg.LineIterator()
	french := primaryTag(lang) == "fr"
	var ops []opportunity
	for it.Next() {
		l := it.Line()
		pos := l.Offset + len(l.Text)
		op := opportunity{pos: pos, mandatory: l.IsMandatoryBreak}
		if !op.mandatory {
			if french && frenchNoBreak(text, pos) {
				continue
			}
			op.weak = insideWord(text, pos)
		}
		ops = append(ops, op)
	}
	return ops
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

// insideWord reports a break UAX #14 allows that splits a word: after a
// slash between letters or digits ("Daech/EIIL", "and/or"), and anywhere
// inside a URL or an e-mail address (after its hyphens, slashes, dots).
func insideWord(text []rune, pos int) bool {
	if pos <= 0 || pos >= len(text) || unicode.IsSpace(text[pos-1]) || unicode.IsSpace(text[pos]) {
		return false
	}
	if text[pos-1] == '/' && pos >= 2 && wordChar(text[pos-2]) && wordChar(text[pos]) {
		return true
	}
	a, b := pos, pos
	for a > 0 && !unicode.IsSpace(text[a-1]) {
		a--
	}
	for b < len(text) && !unicode.IsSpace(text[b]) {
		b++
	}
	return isURL(string(text[a:b]))
}

func wordChar(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) }

// isURL reports a token that is a web address or an e-mail address.
func isURL(tok string) bool {
	tok = strings.ToLower(strings.TrimLeft(tok, "(<«\"'“‘["))
	if strings.Contains(tok, "://") || strings.HasPrefix(tok, "www.") {
		return true
	}
	at := strings.IndexByte(tok, '@')
	return at > 0 && strings.Contains(tok[at:], ".")
}

// hyphenPoints returns the hyphenation points of text's words (keyed by
// the position of the break, with the hyphen of the word's font). A word
// is hyphenated only if it is plain: set left to right in one font, made
// of letters, with no digit, slash, at sign, soft hyphen or second capital
// (an acronym, a URL, a code, a word whose author placed its breaks).
func (e *Engine) hyphenPoints(text []rune, items []item, size float64, h *hyphenation.Hyphenator) map[int]hyphen {
	out := make(map[int]hyphen)
	for a := 0; a < len(text); {
		if unicode.IsSpace(text[a]) {
			a++
			continue
		}
		b := a
		for b < len(text) && !unicode.IsSpace(text[b]) {
			b++
		}
		if plainToken(text[a:b]) {
			e.hyphenateToken(text, a, b, items, size, h, out)
		}
		a = b
	}
	return out
}

func plainToken(tok []rune) bool {
	capitals := 0
	for _, r := range tok {
		switch {
		case unicode.IsUpper(r):
			capitals++
		case unicode.IsDigit(r), r == '/', r == '@', r == '\\', r == '_', r == softHyphen:
			return false
		}
	}
	return capitals < 2
}

// hyphenateToken adds the hyphenation points of the letter runs of
// text[a:b] to out.
func (e *Engine) hyphenateToken(text []rune, a, b int, items []item, size float64, h *hyphenation.Hyphenator, out map[int]hyphen) {
	letter := func(r rune) bool { return unicode.IsLetter(r) || unicode.IsMark(r) }
	for i := a; i < b; {
		if !letter(text[i]) {
			i++
			continue
		}
		j := i
		for j < b && letter(text[j]) {
			j++
		}
		k := slices.IndexFunc(items, func(it item) bool { return it.start <= i && i < it.end })
		if k >= 0 && items[k].end >= j && items[k].level&1 == 0 {
			if hy, ok := e.hyphenOf(items[k].font, size); ok {
				hy.virtual = true
				for _, p := range e.points(h, text[i:j]) {
					out[i+p] = hy
				}
			}
		}
		i = j
	}
}

// breakGreedy chooses line ends greedily, for text that is not justified:
// each line takes as many words as fit. A word wider than the box is
// broken between grapheme clusters.
func (e *Engine) breakGreedy(text []rune, adv []float64, ops []opportunity, hyphens map[int]hyphen, width float64) []lineRange {
	widthOf := widths(text, adv, hyphens, nil)
	const eps = 1e-6
	var graphemes []int // lazily computed boundaries
	var lines []lineRange
	start, lastFit := 0, -1
	for k := 0; k < len(ops); k++ {
		op := ops[k]
		if op.pos <= start || op.weak {
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
			graphemes = e.graphemes(text)
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

func (e *Engine) graphemes(text []rune) []int {
	var out []int
	e.seg.Init(text)
	gi := e.seg.GraphemeIterator()
	for gi.Next() {
		g := gi.Grapheme()
		out = append(out, g.Offset+len(g.Text))
	}
	return out
}

// widths returns the natural width of a line from a to b: its characters
// without the trailing spaces, plus the hyphen drawn if it ends at a soft
// hyphen or a hyphenation point.
func widths(text []rune, adv []float64, hyphens, points map[int]hyphen) func(a, b int) float64 {
	prefix := make([]float64, len(text)+1)
	for i, a := range adv {
		prefix[i+1] = prefix[i] + a
	}
	return func(a, b int) float64 {
		w := prefix[trimEnd(text, a, b)] - prefix[a]
		if h := lineHyphen(text, b, hyphens, points); h != nil {
			w += h.width
		}
		return w
	}
}

// How far justification may stretch and shrink an inter-word space, as a
// share of its natural width (TeX's and Typst's: a space of a third of an
// em stretches by a sixth and shrinks by a ninth).
const (
	spaceStretch = 1.0 / 2
	spaceShrink  = 1.0 / 3
)

// Penalties of breaks, in TeX's units (plain TeX's \hyphenpenalty and
// \exhyphenpenalty are 50).
const (
	hyphenPenalty    = 50
	weakPenalty      = 1000 // inside a word too long for the line, at a slash or a URL's hyphen
	graphemePenalty  = 5000 // inside a word too long for the line, anywhere
	forcedBreakLimit = -10000
)

// breakOptimal chooses the line ends of a justified paragraph by
// Knuth–Plass total fit, between its mandatory breaks.
func (e *Engine) breakOptimal(text []rune, adv []float64, ops []opportunity, hyphens, points map[int]hyphen, kinds []gapKind, width, size float64) []lineRange {
	natural := widths(text, adv, hyphens, points)
	prefix := make([]float64, len(text)+1) // prefix sums of advances,
	spaces := make([]float64, len(text)+1) // of stretchable space widths,
	count := make([]int, len(text)+1)      // of their number,
	cjks := make([]int, len(text)+1)       // and of CJK gaps after runes
	for i, a := range adv {
		prefix[i+1] = prefix[i] + a
		spaces[i+1], count[i+1] = spaces[i], count[i]
		cjks[i+1] = cjks[i]
		if stretchable(text[i]) {
			spaces[i+1] += a
			count[i+1]++
		}
		if kinds[i] == cjkGap {
			cjks[i+1]++
		}
	}
	params := linebreak.Plain
	// Unlike TeX, and like Typst, a hyphen on a paragraph's last full line
	// costs nothing more: even word spacing comes first.
	params.FinalHyphenDemerits = 0
	params.Width = width
	var lines []lineRange
	var graphemes []int
	start := 0
	for start < len(text) {
		cands := candidates(text, ops, points, start)
		if n := len(cands); n == 0 || cands[n-1].Pos != len(text) && !cands[n-1].Forced {
			cands = append(cands, linebreak.Candidate{Pos: len(text), Forced: true})
		}
		cands = e.emergencyBreaks(text, cands, ops, start, width, natural, &graphemes)
		// Where each candidate's line content ends (without trailing
		// spaces), the hyphen it draws and what hangs past the edge,
		// looked up once: measure runs for every pair of candidates a
		// line apart.
		ends := make([]int, len(cands))
		hyph := make([]float64, len(cands))
		for k, c := range cands {
			ends[k] = trimEnd(text, start, c.Pos)
			hyph[k] = -lineHang(text, adv, start, c.Pos, hyphens, points)
			if h := lineHyphen(text, c.Pos, hyphens, points); h != nil {
				hyph[k] += h.width
			}
		}
		measure := func(i, j int) linebreak.Metrics {
			a := start
			if i >= 0 {
				a = cands[i].Pos
			}
			t := max(ends[j], a)
			sp := spaces[t] - spaces[a]
			// The CJK gaps after the runes of the line but its last. Letter
			// gaps are left out: breaks are chosen by how far the spaces
			// stretch, and the letters then take a share of each line's
			// slack, so no word gap is wider than without them. (Counted
			// in, they make loose lines look cheaper than hyphens, and the
			// paragraph looser.)
			g := max(t-1, a)
			c := float64(cjks[g] - cjks[a])
			return linebreak.Metrics{Natural: prefix[t] - prefix[a] + hyph[j],
				Stretch: sp*spaceStretch + c*cjkStretch*size, Shrink: sp * spaceShrink,
				Limit: (float64(count[t]-count[a])*maxStretch + c*cjkMaxGap) * size}
		}
		for _, k := range linebreak.Break(cands, measure, params) {
			end := cands[k].Pos
			lines = append(lines, lineRange{start, end, cands[k].Forced && end < len(text)})
			start = end
		}
	}
	if len(lines) == 0 {
		lines = append(lines, lineRange{0, len(text), false})
	}
	return lines
}

// candidates returns the breaks of one stretch of a paragraph, from start
// to its next mandatory break: UAX #14's (but the weak ones) and the
// hyphenation points, the last one forced.
func candidates(text []rune, ops []opportunity, points map[int]hyphen, start int) []linebreak.Candidate {
	var cands []linebreak.Candidate
	for _, op := range ops {
		if op.pos <= start || op.weak {
			continue
		}
		c := linebreak.Candidate{Pos: op.pos}
		switch prev := text[op.pos-1]; {
		case op.mandatory || op.pos == len(text):
			c.Forced, c.Penalty = true, forcedBreakLimit
		case prev == softHyphen || prev == '-' || prev == '\u2010':
			c.Penalty, c.Flagged = hyphenPenalty, true
		}
		cands = append(cands, c)
		if c.Forced {
			break
		}
	}
	end := len(text)
	if len(cands) > 0 {
		end = cands[len(cands)-1].Pos
	}
	for p := range points {
		if p > start && p < end {
			cands = append(cands, linebreak.Candidate{Pos: p, Penalty: hyphenPenalty, Flagged: true})
		}
	}
	slices.SortFunc(cands, func(a, b linebreak.Candidate) int { return a.Pos - b.Pos })
	return cands
}

// emergencyBreaks adds breaks inside every word wider than the line: its
// weak opportunities, then its grapheme boundaries, each at a penalty high
// enough that they are taken only there.
func (e *Engine) emergencyBreaks(text []rune, cands []linebreak.Candidate, ops []opportunity, start int, width float64, natural func(a, b int) float64, graphemes *[]int) []linebreak.Candidate {
	var extra []linebreak.Candidate
	prev := start
	for _, c := range cands {
		if natural(prev, c.Pos) > width {
			for _, op := range ops {
				if op.weak && op.pos > prev && op.pos < c.Pos {
					extra = append(extra, linebreak.Candidate{Pos: op.pos, Penalty: weakPenalty})
				}
			}
			if *graphemes == nil {
				*graphemes = e.graphemes(text)
			}
			for _, g := range *graphemes {
				if g > prev && g < c.Pos && !slices.ContainsFunc(extra, func(x linebreak.Candidate) bool { return x.Pos == g }) {
					extra = append(extra, linebreak.Candidate{Pos: g, Penalty: graphemePenalty})
				}
			}
		}
		prev = c.Pos
	}
	if len(extra) == 0 {
		return cands
	}
	cands = append(cands, extra...)
	slices.SortStableFunc(cands, func(a, b linebreak.Candidate) int { return a.Pos - b.Pos })
	return cands
}

// maxCachedWords bounds an engine's memory of hyphenated words.
const maxCachedWords = 20000

// points returns the hyphenation points of a word, remembered per engine:
// a statement repeats its words, and its translations are laid out by the
// same pooled engines.
func (e *Engine) points(h *hyphenation.Hyphenator, word []rune) []int {
	key := wordKey{h, string(word)}
	if p, ok := e.words[key]; ok {
		return p
	}
	if e.words == nil || len(e.words) >= maxCachedWords {
		e.words = make(map[wordKey][]int)
	}
	p := h.Points(word)
	e.words[key] = p
	return p
}

type wordKey struct {
	h    *hyphenation.Hyphenator
	word string
}

// overhang is the share of a character's advance that may hang past the
// end edge of a justified line, so that the edge looks straight (Typst's
// values): a hyphen or a full stop is light and reads as a notch if it
// stops at the edge.
func overhang(r rune) float64 {
	switch r {
	case '\u2013', '\u2014': // en and em dash
		return 0.2
	case '-', '\u2010', softHyphen:
		return 0.55
	case '.', ',':
		return 0.8
	case ':', ';':
		return 0.3
	case '\u060C', '\u06D4': // Arabic comma, Urdu full stop
		return 0.4
	}
	return 0
}

// lineHang is how far the line from a to b hangs past the end edge when
// justified: part of its drawn hyphen or of its last character.
func lineHang(text []rune, adv []float64, a, b int, hyphens, points map[int]hyphen) float64 {
	if h := lineHyphen(text, b, hyphens, points); h != nil {
		return overhang('\u2010') * h.width
	}
	t := trimEnd(text, a, b)
	if t == a {
		return 0
	}
	return overhang(text[t-1]) * adv[t-1]
}
