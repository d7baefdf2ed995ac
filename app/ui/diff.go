package ui

import (
	"unicode"
	"unicode/utf8"
)

// change says how a stretch of text differs between an old and a new source.
type change uint8

const (
	same change = iota
	removed
	added
)

// span is a stretch of text in a word diff.
type span struct {
	Change change
	Text   string
}

// wordDiff compares two texts word by word, so a reviewer sees which words
// of a source paragraph changed since it was translated. Words, runs of
// spaces and single punctuation marks are the units: a changed comma shows
// as one changed comma, not a changed word.
func wordDiff(old, new string) []span {
	a, b := tokens(old), tokens(new)
	// Common prefix and suffix first: an edit usually touches a small part
	// of a paragraph, and this keeps the quadratic table small.
	pre := 0
	for pre < len(a) && pre < len(b) && a[pre] == b[pre] {
		pre++
	}
	suf := 0
	for suf < len(a)-pre && suf < len(b)-pre && a[len(a)-1-suf] == b[len(b)-1-suf] {
		suf++
	}
	var out []span
	emit := func(c change, s string) {
		if n := len(out); n > 0 && out[n-1].Change == c {
			out[n-1].Text += s
			return
		}
		out = append(out, span{c, s})
	}
	for _, t := range a[:pre] {
		emit(same, t)
	}
	ma, mb := a[pre:len(a)-suf], b[pre:len(b)-suf]
	// lcs[i][j] = length of the longest common subsequence of ma[i:], mb[j:].
	lcs := make([][]int32, len(ma)+1)
	for i := range lcs {
		lcs[i] = make([]int32, len(mb)+1)
	}
	for i := len(ma) - 1; i >= 0; i-- {
		for j := len(mb) - 1; j >= 0; j-- {
			if ma[i] == mb[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	i, j := 0, 0
	for i < len(ma) || j < len(mb) {
		switch {
		case i < len(ma) && j < len(mb) && ma[i] == mb[j]:
			emit(same, ma[i])
			i, j = i+1, j+1
		case i < len(ma) && (j == len(mb) || lcs[i+1][j] >= lcs[i][j+1]):
			emit(removed, ma[i])
			i++
		default:
			emit(added, mb[j])
			j++
		}
	}
	for _, t := range a[len(a)-suf:] {
		emit(same, t)
	}
	return out
}

// tokens splits text into words (letters, digits and combining marks),
// runs of white space, and single other characters.
func tokens(s string) []string {
	var out []string
	for len(s) > 0 {
		r, n := utf8.DecodeRuneInString(s)
		class := runeClass(r)
		if class == 2 {
			out = append(out, s[:n])
			s = s[n:]
			continue
		}
		end := n
		for end < len(s) {
			r, m := utf8.DecodeRuneInString(s[end:])
			if runeClass(r) != class {
				break
			}
			end += m
		}
		out = append(out, s[:end])
		s = s[end:]
	}
	return out
}

func runeClass(r rune) int {
	switch {
	case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r):
		return 0
	case unicode.IsSpace(r):
		return 1
	}
	return 2
}

// oldSide and newSide select what a reviewer reads on each line: the old
// source with its removed words marked, the new one with its added words.
func oldSide(d []span) []span { return side(d, added) }
func newSide(d []span) []span { return side(d, removed) }

func side(d []span, drop change) []span {
	var out []span
	for _, s := range d {
		if s.Change != drop {
			out = append(out, s)
		}
	}
	return out
}
