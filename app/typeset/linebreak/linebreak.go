// Package linebreak chooses where the lines of a justified paragraph end
// by Knuth and Plass's total-fit algorithm ("Breaking Paragraphs into
// Lines", 1981; TeX's \linebreak): of all ways to break the paragraph at
// its candidate breaks, the one with the least total demerits, where a
// line's demerits grow with the cube of how far its spaces are stretched
// or shrunk, with the penalty of its break (a hyphen), and with a jump
// between very loose and tight lines or two hyphens in a row.
//
// It knows nothing of glyphs: the caller measures a line between two
// candidates (its natural width, and how much its spaces may stretch and
// shrink), as Typst does, re-measuring rather than summing glue, so a
// line's width is the width of its shaped text.
package linebreak

import "math"

// Candidate is a place a line may end, in paragraph order.
type Candidate struct {
	// Pos is the caller's position of the break (a rune offset).
	Pos int
	// Penalty is the cost of breaking here, as TeX's \penalty: 0 at a
	// space, Params.HyphenPenalty at a hyphenation point, more at an
	// emergency break inside a word too long for the line.
	Penalty float64
	// Flagged marks a break that draws a hyphen (TeX's flagged penalty):
	// two in a row cost Params.DoubleHyphenDemerits.
	Flagged bool
	// Forced ends the line here whatever it costs (a mandatory break).
	Forced bool
}

// Metrics measure one line.
type Metrics struct {
	// Natural is the line's width with its spaces as shaped; Stretch and
	// Shrink are how much wider and narrower its spaces may make it.
	Natural, Stretch, Shrink float64
	// Limit, when positive, is the most the line can be stretched at all:
	// a line short of the width by more is set ragged, and costs as much as
	// a line with nothing to stretch.
	Limit float64
}

// Params are TeX's parameters of the same names.
type Params struct {
	Width                float64
	LinePenalty          float64 // \linepenalty
	AdjDemerits          float64 // \adjdemerits: a very loose line next to a tight one, ...
	DoubleHyphenDemerits float64 // \doublehyphendemerits
	FinalHyphenDemerits  float64 // \finalhyphendemerits: the last full line ends with a hyphen
}

// Plain are plain TeX's values.
var Plain = Params{LinePenalty: 10, AdjDemerits: 10000, DoubleHyphenDemerits: 10000, FinalHyphenDemerits: 5000}

// awful is the adjustment ratio of a line that cannot be justified
// (nothing to stretch, or more than its spaces can take): worse than any
// line with spaces short of a hundred times their stretch.
const awful = 100

// fitness classes (TeX: very loose, loose, decent, tight).
const (
	veryLoose = iota
	loose
	decent
	tight
)

// node is the best way found to reach a candidate with a last line of one
// fitness class.
type node struct {
	cand     int // index in the candidates; -1 is the paragraph start
	fitness  int
	demerits float64
	prev     *node
}

// Break returns the indices of the candidates the lines end at, the last
// one being the paragraph's end (which must be the last candidate).
// measure(i, j) measures the line from candidate i (-1: the paragraph
// start) to candidate j; last(j) reports whether the line ending at j is
// the paragraph's last, set ragged (TeX's \parfillskip).
//
// No line is refused for being too loose: a paragraph always has a
// solution, the loosest lines simply cost the most (badness is not capped
// at TeX's 10000, so a looser line always costs more). A line is refused
// when even its shrunk spaces overflow, unless it holds one candidate's
// stretch alone (a word wider than the line, which the caller should
// offer emergency breaks inside).
func Break(cands []Candidate, measure func(i, j int) Metrics, p Params) []int {
	if len(cands) == 0 {
		return nil
	}
	start := &node{cand: -1, fitness: decent}
	active := []*node{start}
	var spare []*node // the other of two buffers the active list alternates between
	lastIdx := len(cands) - 1
	for j := range cands {
		var best [4]node // the best node at j per fitness class, if prev is set
		next := spare[:0]
		feasible := false
		for k, a := range active {
			m := measure(a.cand, j)
			r, ok := ratio(m, p.Width, j == lastIdx)
			if ok && r >= awful && feasible {
				// Active nodes are in paragraph order, so the lines from
				// the rest are shorter still: as awful, never chosen over
				// the feasible one found. They stay active for later
				// candidates.
				next = append(next, active[k:]...)
				break
			}
			feasible = feasible || ok && r < awful
			over := 0.0
			if !ok {
				// Overfull: longer lines from a overflow too. Keep the line
				// only if it is the shortest a can make.
				if a.cand+1 != j {
					continue
				}
				r, over = -1, m.Natural-m.Shrink-p.Width
			}
			next = append(next, a)
			d, fit := lineDemerits(r, cands, a, j, p, over)
			if b := &best[fit]; b.prev == nil || a.demerits+d < b.demerits {
				*b = node{cand: j, fitness: fit, demerits: a.demerits + d, prev: a}
			}
		}
		if cands[j].Forced {
			next = next[:0]
		}
		for _, b := range best {
			if b.prev != nil {
				next = append(next, &b)
			}
		}
		if len(next) == 0 {
			// Cannot happen: the shortest line from any active node is kept.
			next = append(next, &node{cand: j, fitness: decent, prev: active[0]})
		}
		spare, active = active, next
	}
	var end *node
	for _, a := range active {
		if a.cand == lastIdx && (end == nil || a.demerits < end.demerits) {
			end = a
		}
	}
	var out []int
	for n := end; n != nil && n.cand >= 0; n = n.prev {
		out = append(out, n.cand)
	}
	for i, k := 0, len(out)-1; i < k; i, k = i+1, k-1 {
		out[i], out[k] = out[k], out[i]
	}
	return out
}

// ratio is TeX's adjustment ratio: how much of its stretch (positive) or
// shrink (negative) a line uses to fill the width. The last line is ragged:
// it needs no stretch, but may shrink to fit. ok is false for an overfull
// line.
func ratio(m Metrics, width float64, last bool) (float64, bool) {
	short := width - m.Natural
	switch {
	case short >= 0 && last:
		return 0, true
	case short >= 0 && m.Stretch > 0 && (m.Limit <= 0 || short <= m.Limit):
		return short / m.Stretch, true
	case short >= 0:
		// Nothing to stretch (one word), or more than the spaces can
		// take: worse than any line with spaces
		// short of a hundred times their stretch, and worse the emptier it
		// is, so fuller lines still win.
		return awful + short/max(width, 1), true
	case m.Shrink > 0 && -short <= m.Shrink+1e-9:
		return short / m.Shrink, true
	}
	return 0, false
}

// lineDemerits is the cost of the line from node a to candidate j with
// adjustment ratio r, and the fitness class of that line; over is how far
// an overfull line sticks out with its spaces shrunk (zero otherwise).
func lineDemerits(r float64, cands []Candidate, a *node, j int, p Params, over float64) (float64, int) {
	badness := 100 * math.Abs(r*r*r)
	fit := decent
	switch {
	case r > 0 && badness >= 100:
		fit = veryLoose
	case r > 0 && badness >= 13:
		fit = loose
	case r < 0 && badness >= 13:
		fit = tight
	}
	c := cands[j]
	d := (p.LinePenalty + badness) * (p.LinePenalty + badness)
	switch {
	case c.Forced:
	case c.Penalty >= 0:
		d += c.Penalty * c.Penalty
	default:
		d -= c.Penalty * c.Penalty
	}
	if over > 0 {
		d += 1e12 * (1 + over)
	}
	if a.cand >= 0 {
		prev := cands[a.cand]
		if c.Flagged && prev.Flagged {
			d += p.DoubleHyphenDemerits
		}
		if j == len(cands)-1 && prev.Flagged {
			d += p.FinalHyphenDemerits
		}
	}
	if a.fitness-fit > 1 || fit-a.fitness > 1 {
		d += p.AdjDemerits
	}
	return d, fit
}
