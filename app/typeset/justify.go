package typeset

import (
	"strings"
	"unicode"

	"github.com/go-text/typesetting/language"
)

// Justification fills a line's box by widening its inter-word spaces and,
// where the script allows, the gaps between its characters:
//
//   - Chinese and Japanese have no spaces between words: the slack goes
//     between their characters (JLREQ §3.8, inter-character spacing
//     expansion), never before a closing bracket, comma, full stop or
//     other punctuation that hangs on the character before it, never after
//     an opening bracket, and never at the line's end.
//   - Latin, Cyrillic and Greek letters may be spaced apart by a little,
//     letterStretch at most, as the letter-spacing tolerance of desktop
//     composers (InDesign's justification settings) allows: a word gap
//     then carries less of a loose line's slack. The tolerance is a few
//     percent of a space, below what the eye reads as spaced-out letters,
//     and far below the 0.1 em at which text extractors see a word break.
//     Only in left-to-right paragraphs: Arabic is justified with kashida.
//   - No gap is opened inside a cluster (a ligature, a letter and its
//     marks), next to a space, a soft hyphen or an invisible control.
//
// The extra room is added between clusters, outside any glyph's advance:
// a glyph keeps its width, so a PDF draws it with its font's advance and
// moves the pen by the gap.

// gapKind is what may open between a character and the next one.
type gapKind uint8

const (
	noGap     gapKind = iota
	letterGap         // between two letters of a Latin, Cyrillic or Greek word
	cjkGap            // next to a Chinese or Japanese character
)

// How much a gap may stretch, in ems. A space stretches by half its width
// (spaceStretch, about 0.13 em in Noto Sans): a gap between ideographs
// takes a comparable share of a mixed line's slack; a Latin letter gap
// takes a twentieth of a space's stretch at most.
const (
	letterStretch = 0.013
	cjkStretch    = 0.125
)

// cjkMaxGap is the widest gap opened between two CJK characters, in ems:
// pdf.js reads a gap of 0.102 em between two glyphs as a space (poppler
// one of 0.1 em), so a line that would need more (a long Latin word pushed
// to the next line) is left ragged rather than extracted as "政 治 主 任".
// Forty ideographs take 35 points of slack at 11 points, three ideographs'
// width: a line ending before one rarely needs more.
const cjkMaxGap = 0.08

// gapKinds returns, for every rune of a bidi paragraph, the gap that may
// open after it; starts marks the runes that begin a cluster (len(text)+1
// long); rtl is the paragraph's direction.
func gapKinds(text []rune, items []item, starts []bool, rtl bool) []gapKind {
	kinds := make([]gapKind, len(text))
	for k, it := range items {
		for i := it.start; i < it.end; i++ {
			if i+1 >= len(text) || !starts[i+1] || it.level&1 == 1 {
				continue
			}
			a, b := text[i], text[i+1]
			if !visible(a) || !visible(b) {
				continue
			}
			nextItem := it
			if i+1 >= it.end {
				nextItem = items[k+1]
			}
			switch {
			case nextItem.level&1 == 1:
			case cjk(a) || cjk(b):
				if !opening(a) && !closing(b) {
					kinds[i] = cjkGap
				}
			case !rtl && i+1 < it.end && letterScript(it.script):
				kinds[i] = letterGap
			}
		}
	}
	return kinds
}

func visible(r rune) bool {
	if r < 0x80 {
		return r > ' ' && r != 0x7F
	}
	return !unicode.IsSpace(r) && r != softHyphen && !unicode.Is(unicode.Cf, r) && !unicode.Is(unicode.Cc, r)
}

func letterScript(s language.Script) bool {
	return s == language.Latin || s == language.Cyrillic || s == language.Greek
}

// cjk reports the characters of Chinese and Japanese text: ideographs,
// kana, bopomofo, CJK punctuation and fullwidth forms. Hangul is not one:
// Korean separates its words with spaces.
func cjk(r rune) bool {
	switch {
	case r < 0x2E80: // below the CJK radicals: every alphabet
		return false
	case r >= 0x3000 && r <= 0x303F, r >= 0xFF00 && r <= 0xFFEF, r >= 0x31F0 && r <= 0x31FF:
		return true
	}
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Bopomofo)
}

// closing reports the characters no gap may open before (JLREQ's closing
// brackets, hyphens, dividing punctuation, middle dots, full stops and
// commas: they stay with the character they follow).
func closing(r rune) bool {
	return unicode.In(r, unicode.Pe, unicode.Pf) || strings.ContainsRune("、。，．：；！？‼⁇⁈⁉・･｡､〜゠–—…‥", r)
}

// opening reports the characters no gap may open after (opening brackets
// and quotation marks, and the middle dot, which sits between its
// neighbours).
func opening(r rune) bool {
	return unicode.In(r, unicode.Ps, unicode.Pi) || r == '・' || r == '･'
}

// gapAfter returns the gap opened after glyph i of a piece: after the
// last glyph of a cluster, if the cluster's last rune allows one, unless
// the line ends there. Only left-to-right pieces open gaps.
func gapAfter(pc piece, i int, kinds []gapKind, lineEnd int) gapKind {
	if kinds == nil || pc.it.level&1 == 1 {
		return noGap
	}
	next := pc.to
	if i+1 < len(pc.glyphs) {
		if pc.glyphs[i+1].cluster == pc.glyphs[i].cluster {
			return noGap
		}
		next = pc.glyphs[i+1].cluster
	}
	if next >= lineEnd || next <= 0 || next > len(kinds) {
		return noGap
	}
	return kinds[next-1]
}

// adjustment is what justification adds to each space and to each gap of
// a line (negative for a space: shrunk).
type adjustment struct {
	space, letter, cjk float64
}

func (a adjustment) gap(k gapKind) float64 {
	switch k {
	case letterGap:
		return a.letter
	case cjkGap:
		return a.cjk
	}
	return 0
}

// lineCounts are what a line has to justify with.
type lineCounts struct {
	natural, spaceWidth   float64
	spaces, letters, cjks int
}

func countLine(text []rune, pieces []piece, kinds []gapKind, lineEnd int, size float64) lineCounts {
	var c lineCounts
	for _, pc := range pieces {
		scale := size / pc.it.font.upem / 64
		for i, g := range pc.glyphs {
			a := float64(g.xAdv) * scale
			c.natural += a
			if g.cluster < len(text) && stretchable(text[g.cluster]) {
				c.spaces++
				c.spaceWidth += a
			}
			switch gapAfter(pc, i, kinds, lineEnd) {
			case letterGap:
				c.letters++
			case cjkGap:
				c.cjks++
			}
		}
	}
	return c
}

// justification returns what justification adds to each space and gap of
// the line so it fills width. Stretch is shared in proportion to what each
// may take (a space half its width, a letter gap letterStretch, a CJK gap
// cjkStretch); past that, letter gaps stay at their most and spaces and
// CJK gaps take the rest. A line that would need a space wider than
// maxStretch or a CJK gap wider than cjkMaxGap (an unbreakable word pushed
// to the next line) is left ragged: rivers of white read worse, and
// extractors take such gaps for column breaks or spaces. Only spaces shrink, by spaceShrink at most.
func justification(text []rune, pieces []piece, kinds []gapKind, lineEnd int, width, size float64) (adjustment, bool) {
	c := countLine(text, pieces, kinds, lineEnd, size)
	slack := width - c.natural
	if slack == 0 || c.spaces == 0 && c.cjks == 0 && c.letters == 0 {
		return adjustment{}, false
	}
	if slack < 0 {
		if c.spaces == 0 || -slack/float64(c.spaces) > spaceShrink*c.spaceWidth/float64(c.spaces)+1e-9 {
			return adjustment{}, false
		}
		return adjustment{space: slack / float64(c.spaces)}, true
	}
	s := spaceStretch * c.spaceWidth
	l := float64(c.letters) * letterStretch * size
	k := float64(c.cjks) * cjkStretch * size
	if s+k == 0 {
		// Letter gaps alone (one word): never spaced out past their
		// tolerance.
		if slack > l {
			return adjustment{}, false
		}
		return adjustment{letter: slack / float64(c.letters)}, true
	}
	r := slack / (s + l + k)
	adj := adjustment{letter: r * letterStretch * size}
	if r > 1 {
		adj.letter = letterStretch * size
		r = (slack - l) / (s + k)
	}
	if c.spaces > 0 {
		adj.space = r * s / float64(c.spaces)
	}
	adj.cjk = r * cjkStretch * size
	if adj.space > maxStretch*size || c.cjks > 0 && adj.cjk > cjkMaxGap*size {
		return adjustment{}, false
	}
	return adj, true
}
