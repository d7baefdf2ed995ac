package typeset

import (
	"slices"
	"strings"
	"unicode"
)

// Kashida justification: an Arabic line is justified partly by
// lengthening the joins inside its words with tatweel (U+0640) glyphs,
// as Arabic typesetting does, rather than by widening the spaces alone.
// The rules (after LibreOffice's and the W3C's Arabic layout notes):
//
//   - only for Arabic (ar); Persian, Sorani, Kurdish and Urdu do not
//     customarily use kashida (Urdu's Nastaliq lengthens differently);
//   - at most one site a word, where the word's letter joins the next:
//     never after a letter that does not join to the left (alef, dal, reh,
//     waw…), never at a word's last letter, never across a zero-width
//     non-joiner or inside a ligature (lam-alef), never before a final yeh;
//   - the site chosen is the best by priority, the one nearest the word's
//     end among equals: after seen or sad; before a final teh marbuta, heh
//     or dal; before alef, tah, lam, kaf or gaf; a medial beh-like letter
//     before reh or yeh; before a final waw, ain, qaf or feh; anywhere else;
//   - the tatweels are glyphs of the letter's cluster (drawn before its
//     glyphs, visually to its left), so a reader extracts the letter alone
//     and the text has no tatweel;
//   - whole tatweels only, a few a site at most, round-robin over the
//     line's sites; the spaces take what is left.

// tatweel is the kashida glyph of a font.
type tatweel struct {
	font  *Font
	id    uint16
	xAdv  int32   // 1/64 font units
	width float64 // points
}

// tatweelOf returns the tatweel of the font the first Arabic letter of
// text is set in, or nil.
func (e *Engine) tatweelOf(text []rune, items []item, size float64) *tatweel {
	for _, it := range items {
		if it.level&1 == 0 {
			continue
		}
		for i := it.start; i < it.end; i++ {
			if !dualJoining(text[i]) {
				continue
			}
			gid, ok := it.font.parsed.NominalGlyph('\u0640')
			if !ok {
				return nil
			}
			units := e.face(it.font).HorizontalAdvance(gid)
			return &tatweel{font: it.font, id: uint16(gid), xAdv: int32(units * 64), width: float64(units) * size / it.font.upem}
		}
	}
	return nil
}

// kashidaLang reports the languages justified with kashida.
func kashidaLang(lang string) bool { return primaryTag(lang) == "ar" }

// maxKashidas is the most tatweels one site gets.
const maxKashidas = 3

// rightJoining letters join the letter before them but not the one after.
func rightJoining(r rune) bool {
	switch r {
	case 'ا', 'أ', 'إ', 'آ', 'ٱ', 'د', 'ذ', 'ر', 'ز', 'و', 'ؤ', 'ة', 'ژ', 'ڈ', 'ڑ', 'ۆ', 'ۇ', 'ۈ', 'ۋ', 'ۏ', 'ە', 'ڕ', 'ۊ', 'ۅ', 'ۉ':
		return true
	}
	return false
}

// dualJoining letters join on both sides.
func dualJoining(r rune) bool {
	return unicode.Is(unicode.Arabic, r) && unicode.IsLetter(r) && !rightJoining(r) && r != 'ء' && r != '\u0640'
}

// The letter groups of the priority rules.
const (
	seenSad     = "سشصض"
	finalTehHeh = "ةهدذ"
	alefTahLam  = "اأإآطظلكگ"
	behLike     = "بتثنيئ"
	rehYeh      = "رزيى"
	finalWawAin = "وعقف"
	finalYeh    = "يى"
)

// kashidaPriority ranks a site after letter x followed by letter next
// (last: next ends the word), from 6 (after seen or sad) down to 1 (any
// other join); 0 is no site.
func kashidaPriority(x, next rune, last bool) int {
	in := func(r rune, set string) bool { return strings.ContainsRune(set, r) }
	switch {
	case !dualJoining(x) || !(dualJoining(next) || rightJoining(next)), last && in(next, finalYeh):
		return 0
	case in(x, seenSad):
		return 6
	case last && in(next, finalTehHeh):
		return 5
	case in(next, alefTahLam):
		return 4
	case in(x, behLike) && in(next, rehYeh):
		return 3
	case last && in(next, finalWawAin):
		return 2
	}
	return 1
}

// site is where a kashida may go: after the letter at rune at, which
// joins the letter at rune next.
type site struct{ at, next, priority int }

// kashidaSites returns the kashida site of each word of text[a:b] (a
// line) that has one.
func kashidaSites(text []rune, a, b int) []site {
	var sites []site
	for i := a; i < b; {
		if !unicode.Is(unicode.Arabic, text[i]) {
			i++
			continue
		}
		j := i
		for j < b && (unicode.Is(unicode.Arabic, text[j]) || text[j] == '\u200C') {
			j++
		}
		if s, ok := wordSite(text, i, j); ok {
			sites = append(sites, s)
		}
		i = j
	}
	return sites
}

// wordSite returns the best kashida site of the word text[a:b].
func wordSite(text []rune, a, b int) (site, bool) {
	// The letters of the word, marks skipped; a ZWNJ breaks the joining.
	var letters []int
	for k := a; k < b; k++ {
		if r := text[k]; unicode.IsLetter(r) || r == '\u200C' {
			letters = append(letters, k)
		}
	}
	var best site
	for n := 0; n+1 < len(letters); n++ {
		x, next := text[letters[n]], text[letters[n+1]]
		if x == '\u200C' || next == '\u200C' {
			continue
		}
		if p := kashidaPriority(x, next, n+2 == len(letters)); p >= best.priority && p > 0 {
			best = site{letters[n], letters[n+1], p}
		}
	}
	return best, best.priority > 0
}

// kashidaJustify lengthens the words of a justified Arabic line with
// tatweels towards width, whole tatweels only, up to maxKashidas a site,
// the best sites first; the spaces are left the rest.
func kashidaJustify(text []rune, pieces []piece, a, b int, width, size float64, tw *tatweel) []piece {
	natural := 0.0
	starts := map[int]bool{} // runes that start a cluster of the line
	for _, pc := range pieces {
		scale := size / pc.it.font.upem / 64
		for _, g := range pc.glyphs {
			natural += float64(g.xAdv) * scale
			starts[g.cluster] = true
		}
	}
	n := int((width - natural) / tw.width)
	if n <= 0 {
		return pieces
	}
	var sites []site
	for _, s := range kashidaSites(text, a, b) {
		// Not inside a ligature (lam-alef): both letters start clusters.
		if starts[s.at] && starts[s.next] {
			sites = append(sites, s)
		}
	}
	slices.SortStableFunc(sites, func(x, y site) int { return y.priority - x.priority })
	counts := map[int]int{}
	for round := 0; round < maxKashidas && n > 0; round++ {
		for _, s := range sites {
			if n == 0 {
				break
			}
			counts[s.at]++
			n--
		}
	}
	if len(counts) == 0 {
		return pieces
	}
	return insertKashidas(pieces, counts, tw)
}

// insertKashidas returns the line's pieces, copied where they change,
// with counts[x] tatweels drawn before the glyphs of the cluster of the
// letter at rune x (visually to its left, in its cluster).
func insertKashidas(pieces []piece, counts map[int]int, tw *tatweel) []piece {
	out := slices.Clone(pieces)
	for k, pc := range out {
		if pc.it.level&1 == 0 || pc.it.font != tw.font {
			continue
		}
		var glyphs []shapedGlyph
		for i, g := range pc.glyphs {
			if n := counts[g.cluster]; n > 0 && (i == 0 || pc.glyphs[i-1].cluster != g.cluster) {
				if glyphs == nil {
					glyphs = slices.Clone(pc.glyphs[:i])
				}
				for range n {
					glyphs = append(glyphs, shapedGlyph{cluster: g.cluster, id: tw.id, xAdv: tw.xAdv})
				}
			}
			if glyphs != nil {
				glyphs = append(glyphs, g)
			}
		}
		if glyphs != nil {
			out[k].glyphs = glyphs
		}
	}
	return out
}
