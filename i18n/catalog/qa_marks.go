package catalog

import (
	"regexp"
	"slices"
	"strings"
	"unicode"

	"golang.org/x/text/language"
)

// QAOptions tune the rules for one project.
type QAOptions struct {
	// IdenticalMaxWords is the longest source, in words, that a
	// translation may leave as it is without the "identical" problem:
	// short UI words and names ("OK", "Email", "Paris") are often the same
	// in both languages. Zero means 1; a negative value flags every
	// identical text.
	IdenticalMaxWords int
	// IdenticalOK lists source texts that may always stay as they are
	// (product names, slogans kept in English).
	IdenticalOK []string
}

func (o *QAOptions) identicalAllowed(src, left, right string) bool {
	if o != nil && slices.Contains(o.IdenticalOK, src) {
		return true
	}
	max := 1
	if o != nil && o.IdenticalMaxWords != 0 {
		max = o.IdenticalMaxWords
	}
	words := 0
	for _, w := range strings.FieldsFunc(stripActions(src, left, right), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '-' && r != '\'' }) {
		if strings.IndexFunc(w, unicode.IsLetter) >= 0 {
			words++
		}
	}
	return words <= max
}

// CheckSpacing reports runs of spaces inside a translation where the
// source has none: a double space from an edit, which typesetting keeps.
func CheckSpacing(lang language.Tag, source, translation Message) []Problem {
	c := newCase(lang, &source, &translation, nil)
	return c.spacing()
}

func (c *qaCase) spacing() []Problem {
	var out []Problem
	for _, p := range c.ps[:c.n] {
		inner := strings.TrimSpace(p.tr)
		if strings.Contains(inner, "  ") && !strings.Contains(p.src, "  ") {
			out = append(out, Problem{"spacing", "double space inside the text" + formLabel(p.form)})
		}
	}
	return out
}

// bracketPairs are the marks that must pair up in a text, across scripts.
var bracketPairs = [][2]rune{{'(', ')'}, {'[', ']'}, {'{', '}'}, {'«', '»'}, {'‹', '›'}, {'「', '」'}, {'『', '』'}, {'（', '）'}, {'【', '】'}, {'《', '》'}}

// CheckBrackets reports brackets and quotation marks that pair up in the
// source but not in the translation: "(see annex" where the source closes
// it. Typographic double quotes are counted together, since languages pair
// them differently („…“, “…”, ”…”).
func CheckBrackets(lang language.Tag, source, translation Message) []Problem {
	c := newCase(lang, &source, &translation, nil)
	return c.brackets()
}

func (c *qaCase) brackets() []Problem {
	var out []Problem
	for _, p := range c.ps[:c.n] {
		src, tr := stripActions(p.src, c.sl, c.sr), stripActions(p.tr, c.tl, c.trd)
		if !strings.ContainsAny(src+tr, "()[]{}«»‹›「」『』（）【】《》\"“”„") {
			continue
		}
		var bad []string
		for _, bp := range bracketPairs {
			if balanced(src, bp) && !balanced(tr, bp) {
				bad = append(bad, string(bp[0])+" "+string(bp[1]))
			}
		}
		if strings.Count(src, `"`)%2 == 0 && strings.Count(tr, `"`)%2 != 0 {
			bad = append(bad, `"`)
		}
		if curlyQuotes(src)%2 == 0 && curlyQuotes(tr)%2 != 0 {
			bad = append(bad, "“ ”")
		}
		if len(bad) > 0 {
			out = append(out, Problem{"brackets", "unbalanced " + strings.Join(bad, ", ") + formLabel(p.form)})
		}
	}
	return out
}

// balanced reports whether every opening mark of bp in s is closed, in
// order.
func balanced(s string, bp [2]rune) bool {
	depth := 0
	for _, r := range s {
		switch r {
		case bp[0]:
			depth++
		case bp[1]:
			if depth--; depth < 0 {
				return false
			}
		}
	}
	return depth == 0
}

func curlyQuotes(s string) int {
	return strings.Count(s, "“") + strings.Count(s, "”") + strings.Count(s, "„")
}

// markupRE finds HTML/XML tags and character entities.
var markupRE = regexp.MustCompile(`</?[A-Za-z][A-Za-z0-9:-]*(?:\s[^<>]*)?/?>|&(?:[A-Za-z][A-Za-z0-9]*|#[0-9]+|#[xX][0-9A-Fa-f]+);`)

// CheckMarkup reports HTML tags and entities that the translation drops,
// adds or changes: <b> where the source has <strong>, a lost </a>, &amp;.
// Attributes other than the tag name are not compared (a translated title=
// is fine).
func CheckMarkup(lang language.Tag, source, translation Message) []Problem {
	c := newCase(lang, &source, &translation, nil)
	return c.markup()
}

func (c *qaCase) markup() []Problem {
	var out []Problem
	for _, p := range c.ps[:c.n] {
		if !strings.ContainsAny(p.src, "<&") && !strings.ContainsAny(p.tr, "<&") {
			continue
		}
		missing, extra := sortedDiff(markupOf(stripActions(p.src, c.sl, c.sr)), markupOf(stripActions(p.tr, c.tl, c.trd)))
		var parts []string
		if len(missing) > 0 {
			parts = append(parts, "missing "+strings.Join(missing, " "))
		}
		if len(extra) > 0 {
			parts = append(parts, "not in source "+strings.Join(extra, " "))
		}
		if len(parts) > 0 {
			out = append(out, Problem{"markup", strings.Join(parts, "; ") + formLabel(p.form)})
		}
	}
	return out
}

// markupOf lists the tags (by name: <a>, </a>, <br/>) and entities of s,
// sorted.
func markupOf(s string) []string {
	var out []string
	for _, m := range markupRE.FindAllString(s, -1) {
		if m[0] == '&' {
			out = append(out, m)
			continue
		}
		closing := strings.HasPrefix(m, "</")
		self := strings.HasSuffix(m, "/>")
		name := strings.TrimLeft(m, "</")
		if i := strings.IndexFunc(name, func(r rune) bool { return unicode.IsSpace(r) || r == '>' || r == '/' }); i >= 0 {
			name = name[:i]
		}
		name = strings.ToLower(name)
		switch {
		case closing:
			name = "</" + name + ">"
		case self:
			name = "<" + name + "/>"
		default:
			name = "<" + name + ">"
		}
		out = append(out, name)
	}
	slices.Sort(out)
	return out
}
