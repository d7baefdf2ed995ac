package mempane

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"communique/i18n/glossary"
	"communique/i18n/memory"
	"communique/i18n/worddiff"
)

// The memory pane beside the workbench shows, for the message whose
// translation has the focus, what the translator can reuse: the translation
// memory's matches (score, origin, and how the stored source differs from
// this one) and the glossary's terms found in the source with their
// approved translation. Keys, typed in a translation:
//
//	Ctrl+1 … Ctrl+3  replace the translation with match 1 … 3
//	Ctrl+Shift+G     insert the next term's approved translation at the caret
//
// Lookups are synchronous: with 100,000 stored segments a pane update takes
// a few milliseconds (BenchmarkMemoryPane), well inside a frame, so there is
// no race between the pane and the text being typed. Only reading imported
// TMX files, which can be large, happens off the UI thread.

// MaxMatches is how many matches the pane shows, one shortcut each.
const MaxMatches = 3

var (
	// ShortcutMatch are the keys that insert match 1, 2, 3.
	ShortcutMatch = [MaxMatches]*desktop.CustomShortcut{
		{KeyName: fyne.Key1, Modifier: fyne.KeyModifierShortcutDefault},
		{KeyName: fyne.Key2, Modifier: fyne.KeyModifierShortcutDefault},
		{KeyName: fyne.Key3, Modifier: fyne.KeyModifierShortcutDefault},
	}
	// ShortcutTerm inserts the next term's approved translation.
	ShortcutTerm = &desktop.CustomShortcut{KeyName: fyne.KeyG, Modifier: fyne.KeyModifierShortcutDefault | fyne.KeyModifierShift}
)

// TermHit is a glossary term found in a source, once per term.
type TermHit struct {
	Term      *glossary.Term
	Approved  string   // in the target language; "" when there is none
	Forbidden []string // renderings the target language must not use
}

// Suggestions is what the pane shows for one message.
type Suggestions struct {
	Matches []memory.Match
	Terms   []TermHit
}

// Memories are the two sources of matches: the workspace's own catalogs
// (rebuilt when translations change, cheap) and the imported TMX files
// (read once, possibly large).
type Memories struct {
	Local, Imported *memory.Memory
}

// Suggest looks up the matches and terms for the message id, whose source
// text is source, translated from srcLang into tgtLang. The message's own
// current translation is not a match for itself.
func Suggest(mems Memories, g *glossary.Glossary, srcLang, tgtLang, id, source string) Suggestions {
	var s Suggestions
	own := fmt.Sprintf("%s (%s)", id, tgtLang)
	opt := memory.Options{Max: MaxMatches + 2}
	for _, m := range []*memory.Memory{mems.Local, mems.Imported} {
		if m == nil {
			continue
		}
		for _, mt := range m.Lookup(srcLang, tgtLang, source, opt) {
			if o := mt.Segment.Origin; o == own || strings.HasPrefix(o, own+", ") {
				continue
			}
			s.Matches = append(s.Matches, mt)
		}
	}
	slices.SortStableFunc(s.Matches, func(a, b memory.Match) int {
		if c := cmp.Compare(b.Score, a.Score); c != 0 {
			return c
		}
		return boolOrder(b.Exact, a.Exact)
	})
	s.Matches = dedupeTargets(s.Matches)
	if len(s.Matches) > MaxMatches {
		s.Matches = s.Matches[:MaxMatches]
	}
	if g != nil {
		s.Terms = termsIn(g, source, tgtLang)
	}
	return s
}

func boolOrder(a, b bool) int {
	switch {
	case a == b:
		return 0
	case a:
		return 1
	}
	return -1
}

// dedupeTargets keeps the best of matches that would insert the same text:
// a sentence translated alike in three statements is one suggestion.
func dedupeTargets(ms []memory.Match) []memory.Match {
	seen := map[string]bool{}
	out := ms[:0]
	for _, m := range ms {
		if !seen[m.Segment.Target] {
			seen[m.Segment.Target] = true
			out = append(out, m)
		}
	}
	return out
}

// termsIn lists the glossary's terms found in source, in the order they
// first occur, each once.
func termsIn(g *glossary.Glossary, source, tgtLang string) []TermHit {
	hits := g.Hits(source, tgtLang)
	slices.SortStableFunc(hits, func(a, b glossary.Hit) int { return cmp.Compare(a.Start, b.Start) })
	var out []TermHit
	seen := map[*glossary.Term]bool{}
	for _, h := range hits {
		if seen[h.Term] {
			continue
		}
		seen[h.Term] = true
		out = append(out, TermHit{Term: h.Term, Approved: h.Approved, Forbidden: forbiddenIn(h.Term, tgtLang)})
	}
	return out
}

// forbiddenIn is a term's forbidden renderings for a language ("ar-EG"
// falls back to "ar"), as the glossary's QA rule reads them.
func forbiddenIn(t *glossary.Term, lang string) []string {
	if f, ok := t.Forbidden[lang]; ok {
		return f
	}
	base, _, _ := strings.Cut(strings.ToLower(strings.ReplaceAll(lang, "_", "-")), "-")
	return t.Forbidden[base]
}

// ScorePercent is a match's score as shown: exact is 100, and a fuzzy
// match never rounds up to 100.
func ScorePercent(m memory.Match) int {
	if m.Exact {
		return 100
	}
	return min(99, int(math.Round(m.Score*100)))
}

// MatchSpans turns a match's edit script against query (the current
// source) into what the pane shows: the words both sources share, those
// only the stored source has (removed) and those only the current source
// has (added). Spacing between words of the current source is its own.
func MatchSpans(m memory.Match, query string) []worddiff.Span {
	var out []worddiff.Span
	last := -1 // end in query of the last Equal or Insert
	for _, e := range m.Diff {
		text := e.Text
		switch {
		case e.Op == memory.Delete:
			if len(out) > 0 && !startsWithPunct(text) {
				text = " " + text
			}
		case last >= 0 && last <= e.Start && e.Start <= len(query):
			text = query[last:e.Start] + text
		}
		if e.Op != memory.Delete {
			last = e.End
		}
		out = append(out, worddiff.Span{Op: e.Op, Text: text})
	}
	return out
}

// matchSegments draws the stored source with both kinds of difference
// marked, in colour and in style (so they read without colour too).
func matchSegments(spans []worddiff.Span) []widget.RichTextSegment {
	var segs []widget.RichTextSegment
	for _, s := range spans {
		seg := &widget.TextSegment{Text: s.Text, Style: widget.RichTextStyleInline}
		switch s.Op {
		case worddiff.Delete:
			seg.Style.TextStyle = fyne.TextStyle{Bold: true, Italic: true}
			seg.Style.ColorName = theme.ColorNameError
		case worddiff.Insert:
			seg.Style.TextStyle = fyne.TextStyle{Bold: true, Underline: true}
			seg.Style.ColorName = theme.ColorNameSuccess
		}
		segs = append(segs, seg)
	}
	return segs
}

func startsWithPunct(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsPunct(r) && !strings.ContainsRune("«(\"“‘¿¡", r)
}
