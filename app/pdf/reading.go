package pdf

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"communique/app/pdf/bidimark"
	"communique/app/pdf/carrier"
	"communique/app/typeset"
)

// lineCarriers returns the carriers (package carrier) of a line that mixes
// directions, or nil for any other line; pr gets the uses of their blank
// glyphs.
func lineCarriers(pl placedLine, faces map[*typeset.Font]*face, pr *program) []progCarrier {
	if !slices.ContainsFunc(pl.line.Runs, func(r typeset.Run) bool { return r.RTL() }) {
		return nil
	}
	cs := carrier.Clusters(pl.line, pl.x)
	if !carrier.Mixed(cs) {
		return nil
	}
	var out []progCarrier
	for _, w := range carrier.Words(cs, pl.line.Hyphenated && !pl.line.RTL, pl.cont) {
		f := faces[cs[w.First].Font]
		out = append(out, progCarrier{use: pr.useOf(use{form{face: f, gid: f.space}, string(w.Mark)}), x: w.X, text: w.Text})
	}
	return out
}

// lineReading returns the uses of a line's structure text
// (carrier.StructureText) for a line of a right-to-left paragraph or
// holding right-to-left text (whose glyphs carry poppler's bidi marks, or
// read backwards in content order), nil for any other: a blank glyph for
// each character of its text in reading order, except that a word holding
// a combining mark is one code: the space before it, then the word.
// pdf.js reads a code whose text holds a combining mark wherever it
// stands, but skips one whose text starts with white space. Such words
// get codes of their own, so past maxMarkedWords distinct ones in a
// document a line keeps the structure text of its glyphs rather than
// exhaust the font's codes.
func lineReading(pl placedLine, faces map[*typeset.Font]*face, pr *program) []uint32 {
	if len(pl.line.Runs) == 0 || !pl.line.RTL && !slices.ContainsFunc(pl.line.Runs, func(r typeset.Run) bool { return r.RTL() }) {
		return nil
	}
	f := faces[pl.line.Runs[0].Font]
	// Eight ems of advance keep the horizontal scaling that stretches it
	// down into the page (carrier.StructureText) under 32,767, the
	// largest number some readers take.
	blank := form{face: f, gid: f.space, adv: min(8*f.upem, 30000)}
	units := readingUnits(bidimark.ReaderChars(lineText(pl.line), false))
	for _, u := range units {
		if _, seen := pr.index[use{blank, u}]; !seen && strings.ContainsFunc(u, isMark) {
			if pr.markedWords++; pr.markedWords > maxMarkedWords {
				return nil
			}
		}
	}
	out := make([]uint32, len(units))
	for i, u := range units {
		out[i] = pr.useOf(use{blank, u})
	}
	return out
}

// maxMarkedWords bounds the codes structure text spends on words with
// combining marks: the document font has 6,400 Private Use codes for all
// its glyphs and texts.
const maxMarkedWords = 2000

// readingUnits splits a line's text into the texts of its structure-text
// codes: one per character, a word holding a combining mark whole, after
// the space before it (see lineReading).
func readingUnits(text string) []string {
	var units []string
	for rest := text; rest != ""; {
		r, n := utf8.DecodeRuneInString(rest)
		if unicode.IsSpace(r) {
			units = append(units, rest[:n])
			rest = rest[n:]
			continue
		}
		end := strings.IndexFunc(rest, unicode.IsSpace)
		if end < 0 {
			end = len(rest)
		}
		word := rest[:end]
		rest = rest[end:]
		if !strings.ContainsFunc(word, isMark) {
			for _, r := range word {
				units = append(units, string(r))
			}
			continue
		}
		if k := len(units) - 1; k >= 0 && units[k] == " " {
			units = units[:k]
		}
		units = append(units, " "+word)
	}
	return units
}

// progCarrier is a carrier in a page's program: its use, not yet its code.
type progCarrier struct {
	use  uint32
	x    float64
	text string
}
