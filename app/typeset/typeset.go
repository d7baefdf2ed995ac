// Package typeset turns a paragraph of text into positioned glyph lines:
// it itemizes the text by bidi level, script and font (falling back between
// Latin and Arabic faces run by run), shapes each run with HarfBuzz, breaks
// lines at UAX #14 opportunities using the shaped widths, justifies them and
// reorders each line visually (UAX #9). The PDF writer and the preview
// rasterizer both draw the same Lines, so what is previewed is what is
// exported.
package typeset

import (
	"strings"

	"github.com/go-text/typesetting/language"
)

// Direction is a paragraph direction.
type Direction uint8

const (
	// Auto takes the direction of the first strong character (UAX #9 P2–P3),
	// left to right when there is none.
	Auto Direction = iota
	LeftToRight
	RightToLeft
)

func (d Direction) String() string {
	switch d {
	case LeftToRight:
		return "ltr"
	case RightToLeft:
		return "rtl"
	}
	return "auto"
}

// Align is the alignment of lines in their box. Start and End follow the
// paragraph direction.
type Align uint8

const (
	AlignStart Align = iota
	AlignEnd
	AlignCenter
	// AlignJustify stretches inter-word spaces so every line but the last
	// of a paragraph fills the width, and the gaps between Chinese and
	// Japanese characters, and a little those between Latin, Cyrillic and
	// Greek letters (see justify.go); Arabic letters stay joined (kashida
	// lengthens them instead).
	AlignJustify
)

// Style describes how a paragraph is set.
type Style struct {
	Fonts *FontSet
	Bold  bool
	// Size is the font size in points.
	Size float64
	// Leading is the baseline-to-baseline distance in points; zero means
	// 1.4 × Size.
	Leading float64
	// Lang is a BCP 47 tag; it selects language-specific glyph forms and,
	// when Dir is Auto, the paragraph direction.
	Lang  string
	Dir   Direction
	Align Align
}

func (s *Style) leading() float64 {
	if s.Leading > 0 {
		return s.Leading
	}
	return 1.4 * s.Size
}

// Paragraph is a laid-out paragraph.
type Paragraph struct {
	// RTL is the resolved direction of the (first) paragraph.
	RTL   bool
	Width float64 // the box width the lines were set in
	// Leading is the baseline-to-baseline distance in points.
	Leading float64
	Lines   []Line
}

// Height returns the height of the paragraph's lines at its leading.
func (p *Paragraph) Height() float64 { return float64(len(p.Lines)) * p.Leading }

// Line is one line of a paragraph: runs in visual order, left to right.
type Line struct {
	Runs []Run
	// Start and End delimit the line's characters in the paragraph text
	// (rune offsets); End includes the trailing spaces that were dropped.
	Start, End int
	// Width is the advance width of the line's content after
	// justification; Left is where that content starts in the box.
	Left, Width float64
	// Ascent (positive) and Descent (negative) of the fonts on the line.
	Ascent, Descent float64
	RTL             bool
	Justified       bool
	// Hyphenated marks a line that ends inside a word, at a hyphenation
	// point or a soft hyphen, with a hyphen drawn: the next line goes on
	// with the same word, so text joined across lines takes no space there.
	Hyphenated bool
}

// Run is a sequence of glyphs from one font at one bidi level.
type Run struct {
	Font  *Font
	Size  float64
	Level uint8
	// Glyphs in visual order.
	Glyphs []Glyph
	// Clusters in visual order; each covers consecutive Glyphs.
	Clusters []Cluster
}

// RTL reports whether the run was shaped right to left.
func (r *Run) RTL() bool { return r.Level&1 == 1 }

// Glyph is a glyph placed on a line.
type Glyph struct {
	ID uint16
	// X is where the glyph origin goes, from the left edge of the box; Y is
	// its offset from the baseline, upwards. Both include HarfBuzz's offsets.
	X, Y float64
	// Advance is the horizontal advance, including a justified space's
	// stretch.
	Advance float64
}

// Cluster is the smallest unit of glyphs that maps back to text: one or
// more characters (in logical order) drawn by one or more glyphs.
type Cluster struct {
	Text string
	// Start and End are the cluster's rune offsets in the paragraph.
	Start, End int
	// FirstGlyph and NumGlyphs locate the cluster in Run.Glyphs.
	FirstGlyph, NumGlyphs int
	// X is the left edge of the cluster's advance box, from the left of
	// the paragraph box, and Advance its width (a justified space's
	// stretch included; a gap justification opens between two characters
	// lies between their clusters, in neither).
	X, Advance float64
}

// DirectionOf returns the writing direction of a language tag: RightToLeft
// for languages written in Arabic or Hebrew script, LeftToRight for the
// left-to-right languages Communiqué knows, Auto for the rest.
func DirectionOf(lang string) Direction {
	primary, script := splitTag(lang)
	switch script {
	case "arab", "hebr", "syrc", "thaa", "nkoo", "adlm", "rohg":
		return RightToLeft
	case "latn", "cyrl", "grek":
		return LeftToRight
	}
	switch primary {
	case "ar", "fa", "ckb", "he", "iw", "ur", "ps", "sd", "ug", "yi", "dv", "syr":
		return RightToLeft
	case "en", "fr", "de", "tr", "ru", "ku", "es", "it", "nl", "pt", "uk", "el":
		return LeftToRight
	}
	return Auto
}

// scriptOf returns the script a language is usually written in, used for
// text made only of common characters (digits, punctuation).
func scriptOf(lang string) language.Script {
	primary, script := splitTag(lang)
	switch script {
	case "arab":
		return language.Arabic
	case "latn":
		return language.Latin
	case "cyrl":
		return language.Cyrillic
	}
	switch primary {
	case "ar", "fa", "ckb", "ur", "ps", "sd", "ug":
		return language.Arabic
	case "ru", "uk", "bg", "sr":
		return language.Cyrillic
	case "":
		return language.Common
	}
	return language.Latin
}

func splitTag(lang string) (primary, script string) {
	parts := strings.FieldsFunc(strings.ToLower(lang), func(r rune) bool { return r == '-' || r == '_' })
	if len(parts) == 0 {
		return "", ""
	}
	primary = parts[0]
	for _, p := range parts[1:] {
		if len(p) == 4 {
			script = p
		}
	}
	return primary, script
}
