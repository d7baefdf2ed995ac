package linebreak

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// words builds a paragraph of words of the given widths separated by
// spaces 3 wide (stretch 1.5, shrink 1), a candidate after every word.
func words(widths []float64) ([]Candidate, func(i, j int) Metrics) {
	cands := make([]Candidate, len(widths))
	prefix := make([]float64, len(widths)+1)
	for i, w := range widths {
		cands[i] = Candidate{Pos: i + 1}
		prefix[i+1] = prefix[i] + w
	}
	cands[len(cands)-1].Forced = true
	measure := func(i, j int) Metrics {
		gaps := float64(j - i - 1)
		return Metrics{Natural: prefix[j+1] - prefix[i+1] + 3*gaps, Stretch: 1.5 * gaps, Shrink: gaps}
	}
	return cands, measure
}

// cost is the total demerits of a breaking, computed line by line the way
// Break defines them; ok is false if a line overflows.
func cost(cands []Candidate, measure func(i, j int) Metrics, p Params, breaks []int) (float64, bool) {
	total := 0.0
	prev := &node{cand: -1, fitness: decent}
	for _, j := range breaks {
		r, ok := ratio(measure(prev.cand, j), p.Width, j == len(cands)-1)
		if !ok {
			return 0, false
		}
		d, fit := lineDemerits(r, cands, prev, j, p, 0)
		total += d
		prev = &node{cand: j, fitness: fit}
	}
	return total, true
}

// TestBreakIsOptimal holds Break to exhaustive search: on random
// paragraphs of up to 14 words (every subset of break points tried), no
// breaking that fits costs less than the one Break returns.
func TestBreakIsOptimal(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	p := Plain
	p.Width = 60
	for trial := range 300 {
		n := 4 + rng.IntN(11)
		widths := make([]float64, n)
		for i := range widths {
			widths[i] = 4 + 14*rng.Float64()
		}
		cands, measure := words(widths)
		for i := range cands[:n-1] {
			if rng.IntN(4) == 0 {
				cands[i].Penalty, cands[i].Flagged = 50, true
			}
		}
		got := Break(cands, measure, p)
		gotCost, ok := cost(cands, measure, p, got)
		if !ok || got[len(got)-1] != n-1 {
			t.Fatalf("trial %d: Break returned %v, which overflows or misses the end", trial, got)
		}
		best := math.Inf(1)
		var bestBreaks []int
		for mask := range 1 << (n - 1) {
			var breaks []int
			for i := range n - 1 {
				if mask&(1<<i) != 0 {
					breaks = append(breaks, i)
				}
			}
			breaks = append(breaks, n-1)
			if c, ok := cost(cands, measure, p, breaks); ok && c < best {
				best, bestBreaks = c, breaks
			}
		}
		if gotCost > best*(1+1e-9) {
			t.Errorf("trial %d: Break %v costs %.1f, exhaustive search found %v at %.1f", trial, got, gotCost, bestBreaks, best)
		}
	}
}

// TestShrinkBeforeStretch: eight words of 10 shrink to fit a line of 100
// (101 wide with seven spaces that may each give 1) rather than leave
// seven words stretched; the last line, set ragged, never shrinks.
func TestShrinkBeforeStretch(t *testing.T) {
	widths := make([]float64, 39)
	for i := range widths {
		widths[i] = 10
	}
	cands, measure := words(widths)
	p := Plain
	p.Width = 100
	if got, want := Break(cands, measure, p), []int{7, 15, 23, 31, 38}; !slices.Equal(got, want) {
		t.Errorf("breaks %v, want %v", got, want)
	}
}

// TestForcedAndOverlong: a forced break ends a line whatever it costs, and
// a word wider than the line gets a line of its own rather than no
// solution.
func TestForcedAndOverlong(t *testing.T) {
	cands, measure := words([]float64{10, 10, 10, 200, 10, 10, 10, 10})
	cands[1].Forced = true
	p := Plain
	p.Width = 60
	got := Break(cands, measure, p)
	if !slices.Contains(got, 1) || !slices.Contains(got, 2) || !slices.Contains(got, 3) || got[len(got)-1] != 7 {
		t.Errorf("breaks %v: want the forced break 1 and the 200-wide word 3 alone", got)
	}
}

// TestRaggedLimit: a line that would stretch past Metrics.Limit costs as
// much as a line with nothing to stretch, so a breaking that keeps every
// line within it wins.
func TestRaggedLimit(t *testing.T) {
	m := Metrics{Natural: 80, Stretch: 4, Limit: 10}
	r, ok := ratio(m, 100, false)
	if !ok || r < 100 {
		t.Errorf("ratio %.1f past the limit, want ≥ 100", r)
	}
	m.Limit = 30
	if r, _ := ratio(m, 100, false); r != 5 {
		t.Errorf("ratio %.1f within the limit, want 5", r)
	}
}

func BenchmarkBreak(b *testing.B) {
	rng := rand.New(rand.NewPCG(3, 4))
	widths := make([]float64, 400)
	for i := range widths {
		widths[i] = 4 + 14*rng.Float64()
	}
	cands, measure := words(widths)
	p := Plain
	p.Width = 200
	for range b.N {
		Break(cands, measure, p)
	}
}
