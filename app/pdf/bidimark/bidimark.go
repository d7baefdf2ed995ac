// Package bidimark decides what a line of a PDF holding right-to-left
// text needs for one reader's sake: poppler's pdftotext orders a
// mixed-direction line by its own rules and needs a strong character at
// some boundaries, MuPDF takes a neutral's direction from the code drawn
// before it, and pdf.js guesses each text item's direction from the item
// alone (PDFjsItems). The writer (package pdf) draws each mark so that only
// the reader it is for sees it.
package bidimark

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"

	"golang.org/x/text/unicode/bidi"

	"communique/app/typeset"
)

// Hidden reports a mark only poppler must read.
func Hidden(text string) bool { return text == string(RLM) || text == string(LRM) }

// How poppler's pdftotext rebuilds a right-to-left line: it reads the
// characters in visual order, then walks from the right taking runs of
// "not L and not number" as right-to-left and runs of "not R" as
// left-to-right. A space or comma just left of a number or Latin word is
// therefore pulled into the left-to-right run and comes out on the wrong
// side; in a left-to-right line, the space after an Arabic word is pulled
// into the right-to-left run. An invisible mark in the text at such a
// boundary stops the run where the bidi algorithm stopped it. The mark
// sits where the neutral already resolved to that direction, so the
// copied text means the same, and the comparison of extracted text drops
// marks. Without them (tried) pdftotext gets every such line wrong: its
// reorderText (TextOutputDev.cc) gives a neutral between a number and a
// right-to-left word to the left-to-right run whatever the file says, and
// it builds lines from positions, so only a strong character there, which
// it then prints, changes its mind. Only poppler reads the marks: the
// writer draws them where pdf.js and MuPDF do not see them (hiddenMarks
// in ../textmap.go).
const (
	RLM = '\u061C'
	LRM = '\u200E'
	// MuPDF gives MuPDF alone the right-to-left direction: the writer
	// draws it off the page, where MuPDF and poppler drop it, and pdf.js
	// skips a format character.
	MuPDF = '\u200F'
)

type ptype uint8

const (
	pNeutral ptype = iota
	pR
	pL
	pNum
)

func popplerType(r rune) ptype {
	props, _ := bidi.LookupRune(r)
	switch props.Class() {
	case bidi.R, bidi.AL:
		return pR
	case bidi.L:
		return pL
	case bidi.EN, bidi.AN, bidi.ES, bidi.ET, bidi.CS:
		return pNum
	}
	return pNeutral
}

// WeakStart reports characters whose direction MuPDF takes from the glyph
// before them.
func WeakStart(r rune) bool {
	props, _ := bidi.LookupRune(r)
	switch props.Class() {
	case bidi.CS, bidi.ON, bidi.NSM, bidi.BN, bidi.WS, bidi.S, bidi.B:
		return true
	}
	return false
}

// Cluster is a cluster of a line with the characters a reader will meet
// for it, left to right.
type Cluster struct {
	Level  uint8 // bidi embedding level
	Space  bool  // white space only
	Visual string
	Mark   rune // set by Boundaries: the mark needed before the cluster
}

// Boundaries sets the bidi marks that keep pdftotext's reordering
// faithful (see popplerType): in a right-to-left line a RIGHT-TO-LEFT MARK
// before a number or Latin text that a space or punctuation precedes, in a
// left-to-right line a LEFT-TO-RIGHT MARK after right-to-left text that a
// space or punctuation follows; and, for MuPDF, a MuPDF mark before the
// punctuation at the left end of a right-to-left line (items in visual
// order, rtl the line's direction).
func Boundaries(items []Cluster, rtl bool) {
	edge := func(v Cluster, last bool) ptype {
		if v.Space || len(v.Visual) == 0 {
			return pNeutral
		}
		if last {
			r, _ := utf8.DecodeLastRuneInString(v.Visual)
			return popplerType(r)
		}
		r, _ := utf8.DecodeRuneInString(v.Visual)
		return popplerType(r)
	}
	for i := range items {
		it := &items[i]
		if it.Space || len(it.Visual) == 0 {
			continue
		}
		if rtl {
			if i == 0 {
				// MuPDF gives a neutral the direction of the glyph drawn
				// before it, which for the left end of a line is the end
				// of another line: a mark makes the punctuation ending a
				// right-to-left line right to left.
				if r, _ := utf8.DecodeRuneInString(it.Visual); WeakStart(r) {
					it.Mark = MuPDF
				}
				continue
			}
			prev := items[i-1]
			t := edge(*it, false)
			sameRun := it.Level%2 == 0 && prev.Level%2 == 0
			if (t == pL || t == pNum) && !sameRun && edge(prev, true) != pR {
				it.Mark = RLM
			}
			continue
		}
		if it.Level%2 == 1 && i+1 < len(items) && items[i+1].Level%2 == 0 && len(items[i+1].Visual) > 0 {
			if t := edge(items[i+1], false); t != pL && t != pNum {
				items[i+1].Mark = LRM
			}
		}
	}
}

// LineMarks returns the marks Boundaries gives a typeset line's clusters,
// by the cluster's first character.
func LineMarks(l typeset.Line) map[int]rune {
	var items []Cluster
	var starts []int
	for _, r := range l.Runs {
		for _, cl := range r.Clusters {
			chars := ReaderChars(cl.Text, r.RTL())
			items = append(items, Cluster{Level: r.Level, Space: AllSpace(chars), Visual: chars})
			starts = append(starts, cl.Start)
		}
	}
	Boundaries(items, l.RTL)
	marks := make(map[int]rune, len(items))
	for i, it := range items {
		if it.Mark != 0 {
			marks[starts[i]] = it.Mark
		}
	}
	return marks
}

// ReaderChars returns a cluster's characters without the invisible
// controls, reversed in a right-to-left run.
func ReaderChars(text string, rtl bool) string {
	if r, n := utf8.DecodeRuneInString(text); n == len(text) && !Invisible(r) {
		return text
	}
	chars := []rune(strings.Map(func(r rune) rune {
		if Invisible(r) {
			return -1
		}
		return r
	}, text))
	if rtl {
		slices.Reverse(chars)
	}
	return string(chars)
}

// Invisible reports layout controls that are not text: the bidi
// embeddings, overrides, isolates and marks, and the soft hyphen.
func Invisible(r rune) bool {
	switch {
	case r >= 0x202A && r <= 0x202E, r >= 0x2066 && r <= 0x2069, r == 0x200E, r == 0x200F, r == 0x061C, r == 0x00AD:
		return true
	}
	return false
}

// AllSpace reports a text of white space only.
func AllSpace(rs string) bool {
	for _, r := range rs {
		if !unicode.IsSpace(r) {
			return false
		}
	}
	return len(rs) > 0
}

// pdf.js reorders each text item on its own, with a direction it guesses
// from the item alone: left to right when fewer than 30% of its characters
// are right to left (bidi.js, "numBidi / strLength < 0.3"), whatever the
// paragraph. A line drawn as one item therefore comes out wrong when the
// guess differs from the paragraph's direction: "The meeting in بغداد
// الكبرى began." read right to left, "COVID-19." alone on the last line of
// an Arabic paragraph read left to right (".COVID-19"). PDFjsItems
// decides how to draw such lines so that each item's guess is right:
//
//   - In a left-to-right line that pdf.js would read right to left, each
//     right-to-left stretch is an item of its own: it is set a hundredth
//     of a point larger (package pdf: itemNudge), and pdf.js ends an item
//     where the font size changes, keeping its space tracking. Items follow in visual
//     order, which is reading order at the paragraph's level, and the
//     spaces between them are gaps where the pen moves on, which pdf.js
//     reads as spaces. (A marked-content sequence would end the item too,
//     but poppler's structure text stops collecting an element's text at
//     the first nested EMC: MarkedContentOutputDev::endMarkedContent pops
//     its MCID stack on every EMC, pushing only for an MCID.)
//   - In a right-to-left line that pdf.js would read left to right, the
//     stretches at the paragraph's level and those above it (numbers,
//     Latin text) are drawn in reading order, each one left to right: the
//     pen moves back from one to the next, which ends an item. A move back
//     also loses a space pdf.js would read there, so this is done only
//     where no space lies between two stretches ("COVID-19.",
//     "(United Nations)."); punctuation at the paragraph's level, which
//     holds no right-to-left letter that would make pdf.js reverse it, is
//     drawn in reading order as well. "من Daesh/ISIS." stays one item,
//     which pdf.js reads with its words swapped (readertest.Lenient).
//
// PDFjsItems returns, for a line's clusters left to right, the order to
// draw them in (nil: left to right) and which to set larger (nil: none).
func PDFjsItems(items []Cluster, rtl bool) (order []int, nudge []bool) {
	if !rtl {
		if pdfjsReadsLTR(items) {
			return nil, nil
		}
		nudge = make([]bool, len(items))
		for i, it := range items {
			nudge[i] = it.Level > 0
		}
		return nil, nudge
	}
	if !pdfjsReadsLTR(items) {
		return nil, nil
	}
	var segs [][2]int // [start, end) in items
	for i := 0; i < len(items); {
		j := i
		for j < len(items) && (items[j].Level > 1) == (items[i].Level > 1) {
			j++
		}
		segs = append(segs, [2]int{i, j})
		i = j
	}
	if len(segs) < 2 {
		return nil, nil
	}
	spaced := func(it Cluster) bool {
		return it.Space || startsWithSpace(it.Visual) || endsWithSpace(it.Visual)
	}
	for k := 1; k < len(segs); k++ {
		if spaced(items[segs[k-1][1]-1]) || spaced(items[segs[k][0]]) {
			return nil, nil
		}
	}
	order = make([]int, 0, len(items))
	for _, seg := range slices.Backward(segs) {
		if items[seg[0]].Level > 1 || !pdfjsReadsLTR(items[seg[0]:seg[1]]) {
			for i := seg[0]; i < seg[1]; i++ {
				order = append(order, i)
			}
			continue
		}
		// Punctuation at the paragraph's level (").") has no
		// right-to-left letter for pdf.js to turn the item by: it is
		// drawn in reading order too, where no space is lost.
		for i := seg[1] - 1; i >= seg[0]; i-- {
			if spaced(items[i]) {
				return nil, nil
			}
			order = append(order, i)
		}
	}
	return order, nil
}

// pdfjsReadsLTR reports whether pdf.js would take the clusters, as one
// item, for left-to-right text: bidi.js counts the UTF-16 code units of
// classes R, AL and AN in the Hebrew and Arabic blocks and the Arabic
// presentation forms, against all of the item's code units, and leaves an
// item with none as it is.
func pdfjsReadsLTR(items []Cluster) bool {
	n, r := 0, 0
	for _, it := range items {
		for _, c := range it.Visual {
			n += utf16.RuneLen(c)
			switch {
			case c >= 0x0590 && c <= 0x05F4:
				r++
			case c >= 0x0600 && c <= 0x06FF:
				if p, _ := bidi.LookupRune(c); p.Class() == bidi.AL || p.Class() == bidi.AN || p.Class() == bidi.R {
					r++
				}
			case c >= 0x0700 && c <= 0x08AC, c >= 0xFB50 && c <= 0xFDFF, c >= 0xFE70 && c <= 0xFEFF:
				r++
			}
		}
	}
	return r == 0 || float64(r)/float64(n) < 0.3 && n > 4
}

func startsWithSpace(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsSpace(r)
}

func endsWithSpace(s string) bool {
	r, _ := utf8.DecodeLastRuneInString(s)
	return unicode.IsSpace(r)
}
