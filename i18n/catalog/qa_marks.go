package catalog

import (
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

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
		if hasDoubleSpace(inner) && !strings.Contains(p.src, "  ") {
			out = append(out, Problem{"spacing", "double space inside the text" + formLabel(p.form)})
		}
	}
	return out
}

// hasDoubleSpace reports whether s holds two spaces in a row. Any such
// pair covers an odd index, so looking at every other byte suffices: with
// spaces every few bytes of prose this beats strings.Contains, which
// stops at each single space.
func hasDoubleSpace(s string) bool {
	for i := 1; i < len(s); i += 2 {
		if s[i] == ' ' && (s[i-1] == ' ' || i+1 < len(s) && s[i+1] == ' ') {
			return true
		}
	}
	return false
}

// bracketPairs are the marks that must pair up in a text, across scripts.
var bracketPairs = [...][2]rune{{'(', ')'}, {'[', ']'}, {'{', '}'}, {'«', '»'}, {'‹', '›'}, {'「', '」'}, {'『', '』'}, {'（', '）'}, {'【', '】'}, {'《', '》'}}

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
		var srcBad uint32
		if c.facts != nil {
			srcBad = c.facts.unbalanced[p.srcForm]
		} else {
			srcBad = unbalanced(p.src, c.sl, c.sr)
		}
		bad := unbalanced(p.tr, c.tl, c.trd) &^ srcBad // only what the source pairs up
		if bad == 0 {
			continue
		}
		var names []string
		for i, bp := range bracketPairs {
			if bad&(1<<i) != 0 {
				names = append(names, string(bp[0])+" "+string(bp[1]))
			}
		}
		if bad&straightQuoteBit != 0 {
			names = append(names, `"`)
		}
		if bad&curlyQuoteBit != 0 {
			names = append(names, "“ ”")
		}
		out = append(out, Problem{"brackets", "unbalanced " + strings.Join(names, ", ") + formLabel(p.form)})
	}
	return out
}

const (
	straightQuoteBit = 1 << 30
	curlyQuoteBit    = 1 << 29
)

// unbalanced returns a bit per mark that does not pair up in s, outside
// template actions: bit i for bracketPairs[i], straightQuoteBit and
// curlyQuoteBit for an odd number of quotation marks. One pass, no
// allocation: it runs on every message of every language.
func unbalanced(s, left, right string) uint32 {
	var depth [len(bracketPairs)]int
	var bad uint32
	straight, curly := 0, 0
	for i := 0; i < len(s); {
		b := s[i]
		if !markByte[b] && (left == "" || b != left[0]) {
			i++ // no mark starts here (nor inside a multi-byte letter)
			continue
		}
		if left != "" && b == left[0] && strings.HasPrefix(s[i:], left) {
			if j := strings.Index(s[i+len(left):], right); j >= 0 {
				i += len(left) + j + len(right)
				continue
			}
		}
		if b < utf8.RuneSelf {
			i++
			switch b {
			case '"':
				straight++
			case '(', ')', '[', ']', '{', '}':
				track(rune(b), &depth, &bad)
			}
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n
		switch r {
		case '“', '”', '„':
			curly++
		default:
			track(r, &depth, &bad)
		}
	}
	for k, d := range depth {
		if d != 0 {
			bad |= 1 << k
		}
	}
	if straight%2 != 0 {
		bad |= straightQuoteBit
	}
	if curly%2 != 0 {
		bad |= curlyQuoteBit
	}
	return bad
}

// markByte flags the bytes a mark of unbalanced can start with: ASCII
// quotes and brackets, and the lead bytes of the UTF-8 encodings of the
// others (« » from 0xC2, ‹ › “ ” „ from 0xE2, the CJK brackets from 0xE3
// and 0xEF). Every other byte, letters of any script included, is skipped
// without decoding: continuation bytes are never lead bytes.
var markByte = func() (t [256]bool) {
	for _, b := range []byte(`"()[]{}`) {
		t[b] = true
	}
	for _, bp := range bracketPairs {
		for _, r := range bp {
			t[string(r)[0]] = true
		}
	}
	for _, r := range "“”„" {
		t[string(r)[0]] = true
	}
	return t
}()

// track follows the nesting of the bracket pair r belongs to, if any; a
// closing mark with nothing open is unbalanced for good.
func track(r rune, depth *[len(bracketPairs)]int, bad *uint32) {
	for k, bp := range bracketPairs {
		switch r {
		case bp[0]:
			depth[k]++
		case bp[1]:
			if depth[k]--; depth[k] < 0 {
				*bad |= 1 << k
				depth[k] = 0
			}
		default:
			continue
		}
		return
	}
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
		if !hasMarkupStart(p.src) && !hasMarkupStart(p.tr) {
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

// hasMarkupStart reports whether s has a '<' or '&': two vectorised byte
// searches, cheaper than strings.ContainsAny on every message.
func hasMarkupStart(s string) bool {
	return strings.IndexByte(s, '<') >= 0 || strings.IndexByte(s, '&') >= 0
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
