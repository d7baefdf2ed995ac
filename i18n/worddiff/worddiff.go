// Package worddiff compares texts word by word: the longest common
// subsequence of their words, shown to a reviewer as what changed in a
// source since it was translated, and to a translator as how a memory
// match differs from the text at hand. The edit script is shared; each
// caller chooses its units (exact words here, case-folded words in
// i18n/memory).
package worddiff

import (
	"unicode"
	"unicode/utf8"
)

// Op says how a stretch of text differs between an old and a new text.
type Op uint8

const (
	Equal  Op = iota // in both texts
	Insert           // only in the new text
	Delete           // only in the old text
)

// Span is a stretch of text in a word diff.
type Span struct {
	Op   Op
	Text string
}

// Script is the edit script from a sequence of na units to one of nb
// units, same(i, j) saying whether unit i of the first equals unit j of
// the second: one Op per step, Equal consuming a unit of each, Delete
// one of the first, Insert one of the second. Deletions come before
// insertions, as diff tools show them. It takes na×nb time and memory;
// callers bound the inputs.
func Script(na, nb int, same func(i, j int) bool) []Op {
	// lcs[i][j] = length of the longest common subsequence of a[i:], b[j:].
	lcs := make([][]int32, na+1)
	for i := range lcs {
		lcs[i] = make([]int32, nb+1)
	}
	for i := na - 1; i >= 0; i-- {
		for j := nb - 1; j >= 0; j-- {
			if same(i, j) {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	out := make([]Op, 0, max(na, nb))
	i, j := 0, 0
	for i < na || j < nb {
		switch {
		case i < na && j < nb && same(i, j):
			out = append(out, Equal)
			i, j = i+1, j+1
		case i < na && (j == nb || lcs[i+1][j] >= lcs[i][j+1]):
			out = append(out, Delete)
			i++
		default:
			out = append(out, Insert)
			j++
		}
	}
	return out
}

// Words compares two texts word by word. Words, runs of spaces and
// single punctuation marks are the units, compared exactly: a changed
// comma shows as one changed comma, not a changed word, and a changed
// capital shows. Joining the spans of OldSide gives old back, of NewSide
// new.
func Words(old, new string) []Span {
	a, b := Tokens(old), Tokens(new)
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
	var out []Span
	emit := func(op Op, s string) {
		if n := len(out); n > 0 && out[n-1].Op == op {
			out[n-1].Text += s
			return
		}
		out = append(out, Span{op, s})
	}
	for _, t := range a[:pre] {
		emit(Equal, t)
	}
	ma, mb := a[pre:len(a)-suf], b[pre:len(b)-suf]
	i, j := 0, 0
	for _, op := range Script(len(ma), len(mb), func(i, j int) bool { return ma[i] == mb[j] }) {
		switch op {
		case Equal:
			emit(Equal, ma[i])
			i, j = i+1, j+1
		case Delete:
			emit(Delete, ma[i])
			i++
		case Insert:
			emit(Insert, mb[j])
			j++
		}
	}
	for _, t := range a[len(a)-suf:] {
		emit(Equal, t)
	}
	return out
}

// Tokens splits text into words (letters, digits and combining marks),
// runs of white space, and single other characters; joined, they give
// the text back.
func Tokens(s string) []string {
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

// runeClass is 0 for word characters, 1 for white space, 2 for the rest.
func runeClass(r rune) int {
	switch {
	case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r):
		return 0
	case unicode.IsSpace(r):
		return 1
	}
	return 2
}

// OldSide and NewSide select what a reviewer reads on each line: the old
// text with its deleted words marked, the new one with its inserted words.
func OldSide(d []Span) []Span { return side(d, Insert) }

// NewSide is the new text's side of d (see OldSide).
func NewSide(d []Span) []Span { return side(d, Delete) }

func side(d []Span, drop Op) []Span {
	var out []Span
	for _, s := range d {
		if s.Op != drop {
			out = append(out, s)
		}
	}
	return out
}
