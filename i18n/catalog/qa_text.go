package catalog

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/language"
)

// CheckEmpty reports a translation with no text, or whose "other" form is
// empty or blank while the source has one.
func CheckEmpty(lang language.Tag, source, translation Message) []Problem {
	c := newCase(lang, &source, &translation, nil)
	return c.empty()
}

func (c *qaCase) empty() []Problem {
	source, translation := c.src, c.tr
	if translation.Empty() {
		return []Problem{{"empty", "no translation"}}
	}
	var out []Problem
	for _, p := range c.ps[:c.n] {
		if strings.TrimSpace(p.tr) == "" && strings.TrimSpace(p.src) != "" {
			out = append(out, Problem{"empty", "translation" + formLabel(p.form) + " is only whitespace"})
		}
	}
	if translation.Other == "" && source.Other != "" {
		out = append(out, Problem{"empty", `the "other" form is empty`})
	}
	return out
}

// CheckPlural reports plural forms the language needs and the translation
// lacks, for messages whose source has plural forms (as goi18n decides: a
// source with only "other" needs only "other"). A language without a CLDR
// rule in go-i18n is reported rather than skipped.
func CheckPlural(lang language.Tag, source, translation Message) []Problem {
	c := newCase(lang, &source, &translation, nil)
	return c.plural()
}

func (c *qaCase) plural() []Problem {
	if !hasPlurals(c.src) || c.tr.Empty() {
		return nil
	}
	forms, ok := PluralForms(c.lang)
	if !ok {
		return []Problem{{"plural", fmt.Sprintf("go-i18n has no CLDR plural rule for %s: cannot tell which plural forms are needed", c.lang)}}
	}
	var missing []string
	for _, f := range forms {
		if c.tr.Form(f) == "" {
			missing = append(missing, f)
		}
	}
	if len(missing) == 0 {
		return nil
	}
	return []Problem{{"plural", fmt.Sprintf("missing plural forms %s (%s needs %s)", strings.Join(missing, ", "), c.lang, strings.Join(forms, ", "))}}
}

func hasPlurals(m Message) bool {
	return m.Zero != "" || m.One != "" || m.Two != "" || m.Few != "" || m.Many != ""
}

// solidEnds reports whether s begins and ends with an ASCII character
// that is not whitespace: then it has no leading or trailing whitespace,
// which most texts are, and the Unicode space tables need not be looked at.
func solidEnds(s string) bool {
	return s != "" && s[0] > ' ' && s[0] < utf8.RuneSelf && s[len(s)-1] > ' ' && s[len(s)-1] < utf8.RuneSelf
}

func leadingSpace(s string) string {
	return s[:len(s)-len(strings.TrimLeftFunc(s, unicode.IsSpace))]
}

func trailingSpace(s string) string {
	return s[len(strings.TrimRightFunc(s, unicode.IsSpace)):]
}

// CheckWhitespace reports leading or trailing whitespace (spaces, line
// breaks) that differs from the source: it usually glues or splits text in
// the statement layout.
func CheckWhitespace(lang language.Tag, source, translation Message) []Problem {
	c := newCase(lang, &source, &translation, nil)
	return c.whitespace()
}

func (c *qaCase) whitespace() []Problem {
	var out []Problem
	for _, p := range c.ps[:c.n] {
		if solidEnds(p.src) && solidEnds(p.tr) {
			continue // no whitespace at either end of either text
		}
		if strings.TrimSpace(p.tr) == "" {
			continue // CheckEmpty's business
		}
		if a, b := leadingSpace(p.src), leadingSpace(p.tr); a != b {
			out = append(out, Problem{"whitespace", fmt.Sprintf("leading whitespace %q, source has %q%s", b, a, formLabel(p.form))})
		}
		if a, b := trailingSpace(p.src), trailingSpace(p.tr); a != b {
			out = append(out, Problem{"whitespace", fmt.Sprintf("trailing whitespace %q, source has %q%s", b, a, formLabel(p.form))})
		}
	}
	return out
}

// endPunct classifies the sentence-ending punctuation of s: the same class
// for a full stop in Latin, Arabic, Urdu, Devanagari or CJK script, and so
// on. Closing quotes and brackets are looked through.
func endPunct(s string) (class string, mark string) {
	s = strings.TrimRightFunc(s, unicode.IsSpace)
	for s != "" {
		r, n := utf8.DecodeLastRuneInString(s)
		// The mark as written in s: string(r) would allocate for every
		// message of every language.
		written := s[len(s)-n:]
		if strings.ContainsRune(`"'»«”“’‘)]}›‹」』`, r) {
			s = strings.TrimRightFunc(s[:len(s)-n], unicode.IsSpace)
			continue
		}
		if strings.HasSuffix(s, "...") {
			return "ellipsis", "..."
		}
		switch r {
		case '.', '。', '۔', '।', '．', '\u0589', '\u1362', '\u17d4', '\u104b': // … Armenian, Ethiopic, Khmer, Myanmar
			return "full stop", written
		case '?', '؟', '？':
			return "question mark", written
		case '!', '！':
			return "exclamation mark", written
		case ':', '：':
			return "colon", written
		case ';', '؛', '；':
			return "semicolon", written
		case ',', '،', '，', '、':
			return "comma", written
		case '…':
			return "ellipsis", written
		case '\u037e': // Greek question mark looks like ;
			return "question mark", written
		}
		return "", ""
	}
	return "", ""
}

// endsWithAbbreviation reports whether s ends with an abbreviation's full
// stop: a last word with a full stop inside it too (D.C., U.S., e.g.), or
// one of the abbreviations that end company and place names.
func endsWithAbbreviation(s string) bool {
	s = strings.TrimRightFunc(s, func(r rune) bool { return unicode.IsSpace(r) || strings.ContainsRune(`"'»«”“’‘)]}›‹`, r) })
	if !strings.HasSuffix(s, ".") || strings.HasSuffix(s, "..") {
		return false
	}
	word := s[strings.LastIndexFunc(s, unicode.IsSpace)+1:]
	if strings.Contains(word[:len(word)-1], ".") {
		return true
	}
	switch strings.ToLower(strings.TrimLeft(word, "(")) {
	case "inc.", "ltd.", "co.", "corp.", "st.", "jr.", "sr.", "bros.":
		return true
	}
	return false
}

// CheckPunctuation reports a translation that ends with different
// punctuation than the source (Arabic ؟ ، ؛ count as ? , ;).
func CheckPunctuation(lang language.Tag, source, translation Message) []Problem {
	c := newCase(lang, &source, &translation, nil)
	return c.punctuation()
}

func (c *qaCase) punctuation() []Problem {
	var out []Problem
	base, _ := c.lang.Base()
	for _, p := range c.ps[:c.n] {
		var sc, sm string
		if c.facts != nil {
			sc, sm = c.facts.punct[p.srcForm][0], c.facts.punct[p.srcForm][1]
		} else {
			sc, sm = endPunct(p.src)
		}
		tc, tm := endPunct(p.tr)
		switch base.String() {
		case "el":
			if tm == ";" { // Greek writes its question mark as a semicolon
				tc = "question mark"
			}
		case "th", "lo":
			if sc == "full stop" && tc == "" { // Thai and Lao end sentences without a mark
				continue
			}
		}
		if sc == tc || strings.TrimSpace(p.tr) == "" {
			continue
		}
		// The full stop of an abbreviation ("Washington, D.C.", "Acme
		// Inc.") ends a name, not a sentence: the other text may well
		// end without one ("Washington", "واشنطن العاصمة").
		if sc == "full stop" && tc == "" && endsWithAbbreviation(p.src) ||
			tc == "full stop" && sc == "" && endsWithAbbreviation(p.tr) {
			continue
		}
		var d string
		switch {
		case sc == "":
			d = fmt.Sprintf("ends with %q, source has no end punctuation", tm)
		case tc == "":
			d = fmt.Sprintf("source ends with %s %q, translation does not", sc, sm)
		default:
			d = fmt.Sprintf("ends with %s %q, source ends with %s %q", tc, tm, sc, sm)
		}
		out = append(out, Problem{"punctuation", d + formLabel(p.form)})
	}
	return out
}

// CheckIdentical reports a translation that is the source text unchanged
// (ignoring text without letters, such as "{{.Count}}" or "2024", which is
// the same in every language). It is what an untranslated goi18n pre-fill
// looks like.
func CheckIdentical(lang language.Tag, source, translation Message) []Problem {
	c := newCase(lang, &source, &translation, nil)
	return c.identical()
}

func (c *qaCase) identical() []Problem {
	var out []Problem
	for _, p := range c.ps[:c.n] {
		if p.src == p.tr && hasLetter(p.tr, c.tl, c.trd) && !c.opt.identicalAllowed(p.src, c.sl, c.sr) {
			out = append(out, Problem{"identical", "same text as the source" + formLabel(p.form)})
		}
	}
	return out
}
