package typeset

import (
	"slices"

	"golang.org/x/text/unicode/bidi"
)

// This file implements the Unicode Bidirectional Algorithm (UAX #9) up to
// the resolved embedding levels (rules P2–P3, X1–X10, W1–W7, N0–N2, I1–I2),
// plus the line rules L1–L2 used when a line is laid out. golang.org/x/text
// only exposes the direction of runs, not their levels, and levels are what
// visual reordering needs as soon as a number sits inside right-to-left text
// inside a left-to-right paragraph (level 2 inside 1 inside 0).

const maxDepth = 125

func bidiClass(r rune) bidi.Class {
	p, _ := bidi.LookupRune(r)
	return p.Class()
}

// firstStrong returns the direction of the first strong character of
// text[from:to], skipping isolates (rules P2 and P3). ok is false when there
// is none.
func firstStrong(classes []bidi.Class, from, to int) (rtl, ok bool) {
	depth := 0
	for i := from; i < to; i++ {
		switch classes[i] {
		case bidi.LRI, bidi.RLI, bidi.FSI:
			depth++
		case bidi.PDI:
			if depth > 0 {
				depth--
			}
		case bidi.L:
			if depth == 0 {
				return false, true
			}
		case bidi.R, bidi.AL:
			if depth == 0 {
				return true, true
			}
		case bidi.B:
			return false, false
		}
	}
	return false, false
}

// bidiParagraph holds the state of the algorithm for one paragraph.
type bidiParagraph struct {
	text        []rune
	initial     []bidi.Class // original classes, used by L1
	types       []bidi.Class // classes as the rules rewrite them
	levels      []uint8
	embedding   []uint8 // levels after X1–X8, before the implicit rules
	matchingPDI []int   // for isolate initiators: index of matching PDI or -1
	paraLevel   uint8
}

// resolveLevels returns the embedding level of every rune of a paragraph
// (text must not contain a paragraph separator other than at its end). base
// is 0 or 1, or -1 to take the direction of the first strong character.
func resolveLevels(text []rune, base int) (levels []uint8, paraLevel uint8) {
	n := len(text)
	p := &bidiParagraph{
		text:    text,
		initial: make([]bidi.Class, n),
		types:   make([]bidi.Class, n),
		levels:  make([]uint8, n),
	}
	for i, r := range text {
		c := bidiClass(r)
		p.initial[i] = c
		p.types[i] = c
	}
	p.matchIsolates()
	switch base {
	case 0, 1:
		p.paraLevel = uint8(base)
	default:
		if rtl, _ := firstStrong(p.initial, 0, n); rtl {
			p.paraLevel = 1
		}
	}
	p.explicitLevels()
	p.embedding = slices.Clone(p.levels)
	for _, seq := range p.isolatingRunSequences() {
		p.resolveSequence(seq)
	}
	// Characters removed by X9 take the level of what precedes them so that
	// they travel with it; they have no glyph of their own to place.
	for i := range p.types {
		if removedByX9(p.initial[i]) {
			if i == 0 {
				p.levels[i] = p.paraLevel
			} else {
				p.levels[i] = p.levels[i-1]
			}
		}
	}
	return p.levels, p.paraLevel
}

func removedByX9(c bidi.Class) bool {
	switch c {
	case bidi.RLE, bidi.LRE, bidi.RLO, bidi.LRO, bidi.PDF, bidi.BN:
		return true
	}
	return false
}

func isIsolateInitiator(c bidi.Class) bool {
	return c == bidi.LRI || c == bidi.RLI || c == bidi.FSI
}

// matchIsolates finds the matching PDI of every isolate initiator (BD9).
func (p *bidiParagraph) matchIsolates() {
	p.matchingPDI = make([]int, len(p.text))
	var open []int
	for i, c := range p.initial {
		p.matchingPDI[i] = -1
		switch {
		case isIsolateInitiator(c):
			open = append(open, i)
		case c == bidi.PDI && len(open) > 0:
			p.matchingPDI[open[len(open)-1]] = i
			open = open[:len(open)-1]
		}
	}
}

type dirStatus struct {
	level    uint8
	override bidi.Class // bidi.ON when there is no override
	isolate  bool
}

// explicitLevels applies rules X1–X8.
func (p *bidiParagraph) explicitLevels() {
	stack := []dirStatus{{level: p.paraLevel, override: bidi.ON}}
	overflowIsolates, overflowEmbeddings, validIsolates := 0, 0, 0
	nextLevel := func(rtl bool) uint8 {
		l := stack[len(stack)-1].level
		if rtl {
			return (l + 1) | 1
		}
		return (l + 2) &^ 1
	}
	applyOverride := func(i int) {
		if o := stack[len(stack)-1].override; o != bidi.ON {
			p.types[i] = o
		}
	}
	for i, c := range p.initial {
		top := stack[len(stack)-1]
		switch c {
		case bidi.RLE, bidi.LRE, bidi.RLO, bidi.LRO:
			p.levels[i] = top.level
			l := nextLevel(c == bidi.RLE || c == bidi.RLO)
			if l <= maxDepth && overflowIsolates == 0 && overflowEmbeddings == 0 {
				s := dirStatus{level: l, override: bidi.ON}
				switch c {
				case bidi.RLO:
					s.override = bidi.R
				case bidi.LRO:
					s.override = bidi.L
				}
				stack = append(stack, s)
			} else if overflowIsolates == 0 {
				overflowEmbeddings++
			}
		case bidi.RLI, bidi.LRI, bidi.FSI:
			p.levels[i] = top.level
			applyOverride(i)
			rtl := c == bidi.RLI
			if c == bidi.FSI {
				end := p.matchingPDI[i]
				if end < 0 {
					end = len(p.text)
				}
				rtl, _ = firstStrong(p.initial, i+1, end)
			}
			l := nextLevel(rtl)
			if l <= maxDepth && overflowIsolates == 0 && overflowEmbeddings == 0 {
				validIsolates++
				stack = append(stack, dirStatus{level: l, override: bidi.ON, isolate: true})
			} else {
				overflowIsolates++
			}
		case bidi.PDI:
			switch {
			case overflowIsolates > 0:
				overflowIsolates--
			case validIsolates == 0:
			default:
				overflowEmbeddings = 0
				for !stack[len(stack)-1].isolate {
					stack = stack[:len(stack)-1]
				}
				stack = stack[:len(stack)-1]
				validIsolates--
			}
			p.levels[i] = stack[len(stack)-1].level
			applyOverride(i)
		case bidi.PDF:
			p.levels[i] = top.level
			switch {
			case overflowIsolates > 0:
			case overflowEmbeddings > 0:
				overflowEmbeddings--
			case !top.isolate && len(stack) >= 2:
				stack = stack[:len(stack)-1]
			}
		case bidi.B:
			p.levels[i] = p.paraLevel
		case bidi.BN:
			p.levels[i] = top.level
		default:
			p.levels[i] = top.level
			applyOverride(i)
		}
	}
}

// isolatingRunSequences applies X9 and X10: it returns the index lists of
// the isolating run sequences, skipping the characters X9 removes.
func (p *bidiParagraph) isolatingRunSequences() [][]int {
	// Level runs over the characters that remain after X9.
	var runs [][]int
	var cur []int
	curLevel := -1
	for i, c := range p.initial {
		if removedByX9(c) {
			continue
		}
		if int(p.levels[i]) != curLevel && cur != nil {
			runs = append(runs, cur)
			cur = nil
		}
		curLevel = int(p.levels[i])
		cur = append(cur, i)
	}
	if cur != nil {
		runs = append(runs, cur)
	}
	// Chain level runs across matched isolate initiator / PDI pairs.
	runOf := make(map[int]int, len(runs)) // first index of a run → run number
	for k, r := range runs {
		runOf[r[0]] = k
	}
	var seqs [][]int
	for _, r := range runs {
		first := r[0]
		if p.initial[first] == bidi.PDI && p.isMatchedPDI(first) {
			continue // continues the sequence of its initiator
		}
		seq := append([]int(nil), r...)
		for {
			last := seq[len(seq)-1]
			if !isIsolateInitiator(p.initial[last]) {
				break
			}
			pdi := p.matchingPDI[last]
			if pdi < 0 {
				break
			}
			k, ok := runOf[pdi]
			if !ok {
				break
			}
			seq = append(seq, runs[k]...)
		}
		seqs = append(seqs, seq)
	}
	return seqs
}

func (p *bidiParagraph) isMatchedPDI(i int) bool {
	for j := i - 1; j >= 0; j-- {
		if isIsolateInitiator(p.initial[j]) && p.matchingPDI[j] == i {
			return true
		}
	}
	return false
}

func levelDir(l uint8) bidi.Class {
	if l&1 == 1 {
		return bidi.R
	}
	return bidi.L
}

// resolveSequence applies W1–W7, N0–N2 and I1–I2 to one isolating run
// sequence, one named phase per group of rules.
func (p *bidiParagraph) resolveSequence(seq []int) {
	s := p.newRunSequence(seq)
	s.resolveWeak()
	p.resolveBrackets(seq, s.t, s.sos, s.e)
	s.resolveNeutral()
	s.resolveImplicit()
}

// runSequence is an isolating run sequence being resolved: the rules
// rewrite t, the types of its characters, and finally the paragraph's
// levels.
type runSequence struct {
	p           *bidiParagraph
	seq         []int
	t           []bidi.Class
	level       uint8
	sos, eos, e bidi.Class
}

// newRunSequence determines the sequence's embedding direction and its
// sos and eos (X10). They come from the embedding levels X1–X8 gave the
// characters on either side, not from levels an earlier sequence has
// already resolved.
func (p *bidiParagraph) newRunSequence(seq []int) *runSequence {
	level := p.embedding[seq[0]]
	prevLevel := p.paraLevel
	for j := seq[0] - 1; j >= 0; j-- {
		if !removedByX9(p.initial[j]) {
			prevLevel = p.embedding[j]
			break
		}
	}
	last := seq[len(seq)-1]
	nextLevel := p.paraLevel
	if !isIsolateInitiator(p.initial[last]) {
		for j := last + 1; j < len(p.text); j++ {
			if !removedByX9(p.initial[j]) {
				nextLevel = p.embedding[j]
				break
			}
		}
	}
	s := &runSequence{p: p, seq: seq, level: level, t: make([]bidi.Class, len(seq)), e: levelDir(level)}
	s.sos = levelDir(max(level, prevLevel))
	s.eos = levelDir(max(level, nextLevel))
	for k, i := range seq {
		s.t[k] = p.types[i]
	}
	return s
}

// resolveWeak applies W1–W7 to the weak types, one rule (or pair of
// rules that share a pass) at a time, in the order UAX #9 gives them.
func (s *runSequence) resolveWeak() {
	s.w1Marks()
	s.w2w3ArabicLetters()
	s.w4Separators()
	s.w5Terminators()
	s.w6Neutral()
	s.w7EuropeanNumbers()
}

// w1Marks: a nonspacing mark takes the type of what precedes it.
func (s *runSequence) w1Marks() {
	t := s.t
	prev := s.sos
	for k := range t {
		if t[k] == bidi.NSM {
			t[k] = prev
		}
		switch t[k] {
		case bidi.LRI, bidi.RLI, bidi.FSI, bidi.PDI:
			prev = bidi.ON
		default:
			prev = t[k]
		}
	}
}

// w2w3ArabicLetters: European numbers after Arabic letters are Arabic
// numbers (W2); Arabic letters are right to left (W3).
func (s *runSequence) w2w3ArabicLetters() {
	t := s.t
	strong := s.sos
	for k := range t {
		switch t[k] {
		case bidi.L, bidi.R, bidi.AL:
			strong = t[k]
		case bidi.EN:
			if strong == bidi.AL {
				t[k] = bidi.AN
			}
		}
	}
	for k := range t {
		if t[k] == bidi.AL {
			t[k] = bidi.R
		}
	}
}

// w4Separators: one separator between two numbers of a kind joins them.
func (s *runSequence) w4Separators() {
	t := s.t
	for k := 1; k+1 < len(t); k++ {
		switch t[k] {
		case bidi.ES:
			if t[k-1] == bidi.EN && t[k+1] == bidi.EN {
				t[k] = bidi.EN
			}
		case bidi.CS:
			if t[k-1] == t[k+1] && (t[k-1] == bidi.EN || t[k-1] == bidi.AN) {
				t[k] = t[k-1]
			}
		}
	}
}

// w5Terminators: terminators next to European numbers join them.
func (s *runSequence) w5Terminators() {
	t := s.t
	for k := 0; k < len(t); k++ {
		if t[k] != bidi.ET {
			continue
		}
		end := k
		for end < len(t) && t[end] == bidi.ET {
			end++
		}
		if (k > 0 && t[k-1] == bidi.EN) || (end < len(t) && t[end] == bidi.EN) {
			for j := k; j < end; j++ {
				t[j] = bidi.EN
			}
		}
		k = end - 1
	}
}

// w6Neutral: the remaining separators and terminators are neutral.
func (s *runSequence) w6Neutral() {
	for k, c := range s.t {
		switch c {
		case bidi.ES, bidi.ET, bidi.CS:
			s.t[k] = bidi.ON
		}
	}
}

// w7EuropeanNumbers: European numbers after left-to-right text are left
// to right.
func (s *runSequence) w7EuropeanNumbers() {
	t := s.t
	strong := s.sos
	for k := range t {
		switch t[k] {
		case bidi.L, bidi.R:
			strong = t[k]
		case bidi.EN:
			if strong == bidi.L {
				t[k] = bidi.L
			}
		}
	}
}

// resolveNeutral applies N1 and N2: a stretch of neutrals and isolate
// formatting characters between two strong types of one direction takes
// it, any other the embedding direction.
func (s *runSequence) resolveNeutral() {
	t := s.t
	isNI := func(c bidi.Class) bool {
		switch c {
		case bidi.B, bidi.S, bidi.WS, bidi.ON, bidi.LRI, bidi.RLI, bidi.FSI, bidi.PDI:
			return true
		}
		return false
	}
	asStrong := func(c bidi.Class) bidi.Class {
		if c == bidi.EN || c == bidi.AN {
			return bidi.R
		}
		return c
	}
	for k := 0; k < len(t); k++ {
		if !isNI(t[k]) {
			continue
		}
		end := k
		for end < len(t) && isNI(t[end]) {
			end++
		}
		before := s.sos
		if k > 0 {
			before = asStrong(t[k-1])
		}
		after := s.eos
		if end < len(t) {
			after = asStrong(t[end])
		}
		dir := s.e
		if before == after {
			dir = before
		}
		for j := k; j < end; j++ {
			t[j] = dir
		}
		k = end - 1
	}
}

// resolveImplicit applies I1 and I2, giving every character of the
// sequence its resolved level.
func (s *runSequence) resolveImplicit() {
	p := s.p
	for k, i := range s.seq {
		l := p.embedding[i]
		switch {
		case l&1 == 0 && s.t[k] == bidi.R:
			l++
		case l&1 == 0 && (s.t[k] == bidi.AN || s.t[k] == bidi.EN):
			l += 2
		case l&1 == 1 && (s.t[k] == bidi.L || s.t[k] == bidi.EN || s.t[k] == bidi.AN):
			l++
		}
		p.levels[i] = l
		p.types[i] = s.t[k]
	}
}

// pairedBracket returns the Bidi_Paired_Bracket of r and whether r opens.
func pairedBracket(r rune) (pair rune, opening, ok bool) {
	props, _ := bidi.LookupRune(r)
	if !props.IsBracket() {
		return 0, false, false
	}
	m, found := mirrorOf(r)
	if !found {
		return 0, false, false
	}
	return m, props.IsOpeningBracket(), true
}

// canonicalBracket folds the two canonically equivalent angle brackets
// (BD16 compares brackets under canonical equivalence).
func canonicalBracket(r rune) rune {
	switch r {
	case 0x2329:
		return 0x3008
	case 0x232A:
		return 0x3009
	}
	return r
}

// resolveBrackets applies N0 to the types t of the sequence seq, e being the
// embedding direction.
func (p *bidiParagraph) resolveBrackets(seq []int, t []bidi.Class, sos, e bidi.Class) {
	type opener struct {
		closing rune
		pos     int
	}
	type pair struct{ open, close int }
	var stack []opener
	var pairs []pair
scan:
	for k, i := range seq {
		if t[k] != bidi.ON {
			continue
		}
		r := p.text[i]
		m, opening, ok := pairedBracket(r)
		if !ok {
			continue
		}
		if opening {
			if len(stack) == 63 {
				break scan // BD16: stop processing on overflow
			}
			stack = append(stack, opener{canonicalBracket(m), k})
			continue
		}
		cr := canonicalBracket(r)
		for j := len(stack) - 1; j >= 0; j-- {
			if stack[j].closing == cr {
				pairs = append(pairs, pair{stack[j].pos, k})
				stack = stack[:j]
				break
			}
		}
	}
	// Pairs are processed in order of their opening bracket.
	for a := 1; a < len(pairs); a++ {
		for b := a; b > 0 && pairs[b].open < pairs[b-1].open; b-- {
			pairs[b], pairs[b-1] = pairs[b-1], pairs[b]
		}
	}
	strongOf := func(c bidi.Class) bidi.Class {
		switch c {
		case bidi.L:
			return bidi.L
		case bidi.R, bidi.AL, bidi.EN, bidi.AN:
			return bidi.R
		}
		return bidi.ON
	}
	for _, pr := range pairs {
		found := bidi.ON
		for k := pr.open + 1; k < pr.close; k++ {
			s := strongOf(t[k])
			if s == bidi.ON {
				continue
			}
			if s == e {
				found = e
				break
			}
			found = s
		}
		if found == bidi.ON {
			continue
		}
		dir := e
		if found != e {
			ctx := sos
			for k := pr.open - 1; k >= 0; k-- {
				if s := strongOf(t[k]); s != bidi.ON {
					ctx = s
					break
				}
			}
			if ctx != e {
				dir = ctx
			}
		}
		for _, k := range []int{pr.open, pr.close} {
			t[k] = dir
			// NSMs following a bracket take its new type.
			for j := k + 1; j < len(t) && p.initial[seq[j]] == bidi.NSM; j++ {
				t[j] = dir
			}
		}
	}
}

// visualOrder returns the order in which to display items whose levels are
// given, per rule L2: from the highest level down to the lowest odd level,
// reverse every maximal sequence at that level or higher.
func visualOrder(levels []uint8) []int {
	order := make([]int, len(levels))
	for i := range order {
		order[i] = i
	}
	if len(levels) == 0 {
		return order
	}
	hi, loOdd := uint8(0), uint8(255)
	for _, l := range levels {
		hi = max(hi, l)
		if l&1 == 1 {
			loOdd = min(loOdd, l)
		}
	}
	if loOdd == 255 {
		return order
	}
	lv := append([]uint8(nil), levels...)
	for l := hi; l >= loOdd; l-- {
		for i := 0; i < len(lv); {
			if lv[i] < l {
				i++
				continue
			}
			j := i
			for j < len(lv) && lv[j] >= l {
				j++
			}
			for a, b := i, j-1; a < b; a, b = a+1, b-1 {
				order[a], order[b] = order[b], order[a]
				lv[a], lv[b] = lv[b], lv[a]
			}
			i = j
		}
		if l == 0 {
			break
		}
	}
	return order
}

// DirectionOfText returns the direction of the first strong character of
// text (UAX #9 P2–P3), or Auto when it has none.
func DirectionOfText(text string) Direction {
	runes := []rune(text)
	classes := make([]bidi.Class, len(runes))
	for i, r := range runes {
		classes[i] = bidiClass(r)
	}
	rtl, ok := firstStrong(classes, 0, len(classes))
	switch {
	case !ok:
		return Auto
	case rtl:
		return RightToLeft
	}
	return LeftToRight
}

// applyL1 returns the levels of a line holding the whole paragraph after
// rule L1: segment and paragraph separators, and any white space or
// isolate formatting characters before them or at the end of the line, go
// back to the paragraph level (characters removed by X9 among them too).
func applyL1(text []rune, levels []uint8, paraLevel uint8) []uint8 {
	out := slices.Clone(levels)
	trailing := true // inside a stretch that ends the line or a separator
	for i := len(text) - 1; i >= 0; i-- {
		c := bidiClass(text[i])
		switch {
		case c == bidi.S || c == bidi.B:
			out[i] = paraLevel
			trailing = true
		case trailing && (c == bidi.WS || isIsolateInitiator(c) || c == bidi.PDI || removedByX9(c)):
			out[i] = paraLevel
		default:
			trailing = false
		}
	}
	return out
}
