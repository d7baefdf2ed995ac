package typeset

import (
	"unicode"

	"github.com/go-text/typesetting/language"
	"github.com/go-text/typesetting/unicodedata"
)

// item is a maximal stretch of text with one bidi level, one script and one
// font: the unit HarfBuzz shapes.
type item struct {
	start, end int
	level      uint8
	script     language.Script
	font       *Font
}

func mirrorOf(r rune) (rune, bool) { return unicodedata.LookupMirrorChar(r) }

// resolveScripts gives every rune a real script: common and inherited
// characters (spaces, digits, punctuation, marks) take the script of the
// text before them, a closing bracket that of its opening bracket, and
// leading common characters that of the first real script, else def.
func resolveScripts(text []rune, def language.Script) []language.Script {
	scripts := make([]language.Script, len(text))
	type open struct {
		closing rune
		index   int
	}
	var stack []open
	cur := language.Common
	firstReal := -1
	for i, r := range text {
		s := language.LookupScript(r)
		if s == language.Common || s == language.Inherited {
			s = cur
			if m, opening, ok := pairedBracket(r); ok {
				if opening {
					stack = append(stack, open{canonicalBracket(m), i})
				} else {
					cr := canonicalBracket(r)
					for j := len(stack) - 1; j >= 0; j-- {
						if stack[j].closing == cr {
							if o := scripts[stack[j].index]; o != language.Common {
								s = o
							}
							stack = stack[:j]
							break
						}
					}
				}
			}
		} else {
			if firstReal < 0 {
				firstReal = i
			}
			cur = s
		}
		scripts[i] = s
	}
	lead := def
	if firstReal >= 0 {
		lead = scripts[firstReal]
	} else {
		firstReal = len(text)
	}
	for i := 0; i < firstReal; i++ {
		scripts[i] = lead
	}
	return scripts
}

// sticky reports whether r should stay in the font of the character before
// it when that font can draw it: spaces, marks and invisible controls, so
// that runs are not split needlessly and marks stay with their base.
func sticky(r rune) bool {
	return unicode.IsSpace(r) || unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Me, r) || needsNoGlyph(r)
}

// itemize splits text into items. It fails on the first character no font
// of the set can draw.
func itemize(text []rune, levels []uint8, scripts []language.Script, fonts *FontSet, bold bool) ([]item, error) {
	var items []item
	var prev *Font
	var buf []int
	for i, r := range text {
		var f *Font
		if prev != nil && sticky(r) && (needsNoGlyph(r) || prev.HasRune(r)) {
			f = prev
		} else {
			buf = fonts.candidates(scripts[i], buf)
			for _, k := range buf {
				if c := fonts.Families[k].weight(bold); c.HasRune(r) {
					f = c
					break
				}
			}
			if f == nil {
				if !needsNoGlyph(r) {
					return nil, &MissingGlyphError{Char: r, Index: i}
				}
				f = fonts.Families[buf[0]].weight(bold)
			}
		}
		prev = f
		script := scripts[i]
		if !fonts.serves(f, script) {
			// A fallback font (Noto Sans for a bracket in Arabic text)
			// has no shaping rules for the script; shaping it as such
			// only makes HarfBuzz synthesize an Arabic fallback plan on
			// every call.
			script = language.Common
		}
		if n := len(items); n > 0 {
			last := &items[n-1]
			if last.level == levels[i] && last.script == script && last.font == f {
				last.end = i + 1
				continue
			}
		}
		items = append(items, item{start: i, end: i + 1, level: levels[i], script: script, font: f})
	}
	return items, nil
}
