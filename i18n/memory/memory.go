// Package memory is a translation memory: every translated sentence a team
// has already approved, searchable by source text, so the same phrase is
// rendered the same way in every statement.
//
// Lookup finds exact matches through a normalised-text map and fuzzy ones
// through an inverted index of words: the rarest words of the query name a
// few hundred candidate segments, the best of those by shared words are
// scored by word-level edit distance, and each match carries the edit script
// between the stored source and the current one, with byte ranges a window
// can highlight. Segments come from workspace catalogs (FromCatalogs) and
// TMX 1.4 files (ReadTMX); WriteTMX exports them for CAT tools.
package memory

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"communique/i18n/worddiff"
)

// Segment is one stored translation unit.
type Segment struct {
	SourceLang, TargetLang string
	Source, Target         string
	// Origin says where the segment came from: "<statement message ID> (<lang>)"
	// for workspace catalogs, "<file>:<tuid>" for imported TMX.
	Origin string
}

// Op is one step of the edit script between a stored source and the query:
// the word diff's, so a match's differences read like a source change.
type Op = worddiff.Op

const (
	Equal  = worddiff.Equal  // the words are in both texts
	Insert = worddiff.Insert // the words are only in the current (query) text
	Delete = worddiff.Delete // the words are only in the stored source
)

// Edit is a run of tokens with one Op. Start and End are byte offsets in the
// query for Equal and Insert, in the stored source for Delete.
type Edit struct {
	Op         Op
	Text       string
	Start, End int
}

// Match is a stored segment found for a query.
type Match struct {
	Segment Segment
	// Score is 1 for an exact match (same words, case and spacing aside) and
	// 1 - word edit distance / longer length otherwise.
	Score float64
	Exact bool
	Diff  []Edit

	id int32
}

// Options tune Lookup. The zero value means the defaults.
type Options struct {
	MinScore float64 // matches below are dropped; default 0.5
	Max      int     // at most this many matches; default 5
}

type pairKey struct{ src, tgt string }

type pairIndex struct {
	exact map[string][]int32 // normalised source → segments
	words map[string][]int32 // word → segments containing it (once each)
}

// Memory holds segments and their indexes. It is not safe for concurrent
// writes; concurrent Lookups are fine once it is built.
type Memory struct {
	segs  []Segment
	toks  [][]token // tokens of each segment's source
	pairs map[pairKey]*pairIndex
	seen  map[Segment]bool
}

// New returns an empty memory.
func New() *Memory {
	return &Memory{pairs: map[pairKey]*pairIndex{}, seen: map[Segment]bool{}}
}

// Len is the number of stored segments.
func (m *Memory) Len() int { return len(m.segs) }

// Segments returns the stored segments in insertion order.
func (m *Memory) Segments() []Segment { return m.segs }

// Add stores a segment; empty sources or targets and exact duplicates are
// ignored.
func (m *Memory) Add(s Segment) {
	if strings.TrimSpace(s.Source) == "" || strings.TrimSpace(s.Target) == "" || m.seen[s] {
		return
	}
	m.seen[s] = true
	id := int32(len(m.segs))
	toks := tokenize(s.Source)
	m.segs = append(m.segs, s)
	m.toks = append(m.toks, toks)
	k := pairKey{langKey(s.SourceLang), langKey(s.TargetLang)}
	p := m.pairs[k]
	if p == nil {
		p = &pairIndex{exact: map[string][]int32{}, words: map[string][]int32{}}
		m.pairs[k] = p
	}
	norm := normalized(toks)
	p.exact[norm] = append(p.exact[norm], id)
	for _, w := range distinctWords(toks) {
		p.words[w] = append(p.words[w], id)
	}
}

func langKey(l string) string { return strings.ToLower(strings.ReplaceAll(l, "_", "-")) }

// token is a word or a punctuation mark of a text, with its byte range.
type token struct {
	key        string // lower-cased
	start, end int
}

func tokenize(s string) []token {
	var toks []token
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case unicode.IsSpace(r):
			i += n
		case isWordRune(r):
			j := i + n
			for j < len(s) {
				r2, n2 := utf8.DecodeRuneInString(s[j:])
				if !isWordRune(r2) {
					break
				}
				j += n2
			}
			toks = append(toks, token{strings.ToLower(s[i:j]), i, j})
			i = j
		default:
			toks = append(toks, token{s[i : i+n], i, i + n})
			i += n
		}
	}
	return toks
}

// isWordRune includes combining marks so Arabic harakat stay inside words.
func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) || r == '\''
}

func normalized(toks []token) string {
	var b strings.Builder
	for i, t := range toks {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(t.key)
	}
	return b.String()
}

func distinctWords(toks []token) []string {
	seen := make(map[string]bool, len(toks))
	var out []string
	for _, t := range toks {
		if !seen[t.key] {
			seen[t.key] = true
			out = append(out, t.key)
		}
	}
	return out
}

// candidateWords is how many of the query's rarest words name candidates;
// postingBudget caps the segment references read for them, so a query of
// common words does not touch every segment; maxShortlist is how many
// candidates get the (quadratic) edit distance.
const (
	candidateWords = 12
	postingBudget  = 8_000
	maxShortlist   = 24
)

// Lookup returns the best matches for text translated from srcLang into
// tgtLang, best first (exact matches before fuzzy ones of equal score).
func (m *Memory) Lookup(srcLang, tgtLang, text string, opt Options) []Match {
	if opt.MinScore == 0 {
		opt.MinScore = 0.5
	}
	if opt.Max == 0 {
		opt.Max = 5
	}
	p := m.pairs[pairKey{langKey(srcLang), langKey(tgtLang)}]
	if p == nil {
		return nil
	}
	q := tokenize(text)
	if len(q) == 0 {
		return nil
	}
	var out []Match
	exact := map[int32]bool{}
	for _, id := range p.exact[normalized(q)] {
		exact[id] = true
		out = append(out, Match{Segment: m.segs[id], Score: 1, Exact: true, id: id})
	}
	for _, id := range m.shortlist(p, q) {
		if exact[id] {
			continue
		}
		score := similarity(m.toks[id], q)
		if score < opt.MinScore {
			continue
		}
		out = append(out, Match{Segment: m.segs[id], Score: score, id: id})
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Score != out[j].Score {
			return out[i].Score > out[j].Score
		}
		return out[i].Exact && !out[j].Exact
	})
	if len(out) > opt.Max {
		out = out[:opt.Max]
	}
	// The edit script is quadratic in words: only for the matches shown.
	for i := range out {
		out[i].Diff = diff(out[i].Segment.Source, m.toks[out[i].id], text, q)
	}
	return out
}

// shortlist collects segments sharing the query's rarest words and keeps
// those with the best overlap (Dice coefficient on distinct words). Common
// words ("the", "of") are skipped: they would name every segment, and a
// segment sharing only them is no useful match.
func (m *Memory) shortlist(p *pairIndex, q []token) []int32 {
	words := distinctWords(q)
	sort.Slice(words, func(i, j int) bool { return len(p.words[words[i]]) < len(p.words[words[j]]) })
	shared := map[int32]int{}
	visited := 0
	for i, w := range words {
		post := p.words[w]
		if i >= candidateWords || (i > 0 && visited+len(post) > postingBudget) {
			break
		}
		if len(post) > postingBudget {
			// Even the rarest word is everywhere: the newest segments
			// that have it are the best guess left.
			post = post[len(post)-postingBudget:]
		}
		visited += len(post)
		for _, id := range post {
			shared[id]++
		}
	}
	nq := len(words)
	// Keep the best maxShortlist by insertion: sorting every candidate
	// would cost more than all the rest of a lookup.
	var cands []cand
	for id, n := range shared {
		c := cand{id, 2 * float64(n) / float64(nq+len(m.toks[id]))}
		if len(cands) == maxShortlist && !c.better(cands[maxShortlist-1]) {
			continue
		}
		i := sort.Search(len(cands), func(i int) bool { return c.better(cands[i]) })
		if len(cands) < maxShortlist {
			cands = append(cands, cand{})
		}
		copy(cands[i+1:], cands[i:])
		cands[i] = c
	}
	ids := make([]int32, len(cands))
	for i, c := range cands {
		ids[i] = c.id
	}
	return ids
}

// maxCells bounds the quadratic work of one edit distance or edit script
// (word pairs compared): a million cells is a couple of milliseconds, and
// texts of 1,000 words each. Longer pairs (a hostile TMX, a pasted book) get
// cheaper answers rather than minutes and gigabytes.
const maxCells = 1 << 20

type cand struct {
	id   int32
	dice float64
}

// better orders candidates by Dice coefficient, then by age, so the
// shortlist does not depend on map order.
func (c cand) better(d cand) bool {
	if c.dice != d.dice {
		return c.dice > d.dice
	}
	return c.id < d.id
}

// similarity is 1 - word edit distance / length of the longer text. Past
// maxCells it is the Dice coefficient of the two texts' words instead.
func similarity(a, b []token) float64 {
	n := max(len(a), len(b))
	if n == 0 {
		return 1
	}
	if len(a)*len(b) > maxCells {
		return dice(a, b)
	}
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1].key == b[j-1].key {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return 1 - float64(prev[len(b)])/float64(n)
}

func dice(a, b []token) float64 {
	in := map[string]int{}
	for _, t := range a {
		in[t.key]++
	}
	shared := 0
	for _, t := range b {
		if in[t.key] > 0 {
			in[t.key]--
			shared++
		}
	}
	return 2 * float64(shared) / float64(len(a)+len(b))
}

// diff is the word-level edit script (longest common subsequence) from the
// stored source to the query, with runs of one Op joined. Past maxCells the
// middle between the common prefix and suffix is shown as one deletion and
// one insertion.
func diff(stored string, a []token, query string, b []token) []Edit {
	if len(a)*len(b) > maxCells {
		return coarseDiff(stored, a, query, b)
	}
	var out []Edit
	add := func(op Op, text string, t token) {
		if n := len(out); n > 0 && out[n-1].Op == op {
			out[n-1].End = t.end
			out[n-1].Text = text[out[n-1].Start:t.end]
			return
		}
		out = append(out, Edit{Op: op, Text: text[t.start:t.end], Start: t.start, End: t.end})
	}
	i, j := 0, 0
	for _, op := range worddiff.Script(len(a), len(b), func(i, j int) bool { return a[i].key == b[j].key }) {
		switch op {
		case Equal:
			add(Equal, query, b[j])
			i, j = i+1, j+1
		case Delete:
			add(Delete, stored, a[i])
			i++
		case Insert:
			add(Insert, query, b[j])
			j++
		}
	}
	return out
}

func coarseDiff(stored string, a []token, query string, b []token) []Edit {
	p := 0
	for p < len(a) && p < len(b) && a[p].key == b[p].key {
		p++
	}
	q := 0
	for q < len(a)-p && q < len(b)-p && a[len(a)-1-q].key == b[len(b)-1-q].key {
		q++
	}
	var out []Edit
	span := func(op Op, text string, t []token) {
		if len(t) > 0 {
			out = append(out, Edit{op, text[t[0].start:t[len(t)-1].end], t[0].start, t[len(t)-1].end})
		}
	}
	span(Equal, query, b[:p])
	span(Delete, stored, a[p:len(a)-q])
	span(Insert, query, b[p:len(b)-q])
	span(Equal, query, b[len(b)-q:])
	return out
}
