package catalog

import (
	"fmt"
	"slices"
	"strings"
	"text/template"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/language"
)

// Problem is one QA finding on a translation.
type Problem struct {
	Rule   string // the rule's name, e.g. "placeholders"
	Detail string
}

// QARule is a named check of a translation against its source.
type QARule struct {
	Name  string
	Check func(lang language.Tag, source, translation Message) []Problem
}

// QARules are the checks Status runs, in the order their problems are listed.
var QARules = []QARule{
	{"empty", CheckEmpty},
	{"plural", CheckPlural},
	{"placeholders", CheckPlaceholders},
	{"template", CheckTemplate},
	{"numbers", CheckNumbers},
	{"whitespace", CheckWhitespace},
	{"punctuation", CheckPunctuation},
	{"identical", CheckIdentical},
}

// QA runs every rule on a translation of source into lang.
func QA(lang language.Tag, source, translation Message) []Problem {
	var out []Problem
	for _, r := range QARules {
		out = append(out, r.Check(lang, source, translation)...)
	}
	return out
}

// pairs lists (form, source text, translated text) for each plural form the
// translation has, comparing with the source's same form or, when the
// source has no such form (it is English, the target may need "few"), with
// the source's "other".
func pairs(source, translation Message) [][3]string {
	var out [][3]string
	for _, f := range formNames {
		tr := translation.Form(f)
		if tr == "" {
			continue
		}
		src := source.Form(f)
		if src == "" {
			src = source.Other
		}
		out = append(out, [3]string{f, src, tr})
	}
	return out
}

func formLabel(form string) string {
	if form == "other" {
		return ""
	}
	return " (" + form + ")"
}

// CheckEmpty reports a translation with no text, or whose "other" form is
// empty or blank while the source has one.
func CheckEmpty(_ language.Tag, source, translation Message) []Problem {
	if translation.Empty() {
		return []Problem{{"empty", "no translation"}}
	}
	var out []Problem
	for _, f := range formNames {
		tr := translation.Form(f)
		if tr != "" && strings.TrimSpace(tr) == "" && strings.TrimSpace(source.Form(f)+source.Other) != "" {
			out = append(out, Problem{"empty", "translation" + formLabel(f) + " is only whitespace"})
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
	if !hasPlurals(source) || translation.Empty() {
		return nil
	}
	forms, ok := PluralForms(lang)
	if !ok {
		return []Problem{{"plural", fmt.Sprintf("go-i18n has no CLDR plural rule for %s: cannot tell which plural forms are needed", lang)}}
	}
	var missing []string
	for _, f := range forms {
		if translation.Form(f) == "" {
			missing = append(missing, f)
		}
	}
	if len(missing) == 0 {
		return nil
	}
	return []Problem{{"plural", fmt.Sprintf("missing plural forms %s (%s needs %s)", strings.Join(missing, ", "), lang, strings.Join(forms, ", "))}}
}

func hasPlurals(m Message) bool {
	return m.Zero != "" || m.One != "" || m.Two != "" || m.Few != "" || m.Many != ""
}

func delims(m Message) (string, string) {
	l, r := m.LeftDelim, m.RightDelim
	if l == "" {
		l = "{{"
	}
	if r == "" {
		r = "}}"
	}
	return l, r
}

// placeholders returns the template actions in s, whitespace-normalised
// ("{{ .Name }}" and "{{.Name}}" are the same), trim markers dropped.
func placeholders(s, left, right string) []string {
	var out []string
	for {
		i := strings.Index(s, left)
		if i < 0 {
			return out
		}
		rest := s[i+len(left):]
		j := strings.Index(rest, right)
		if j < 0 {
			return out
		}
		action := strings.TrimPrefix(rest[:j], "-")
		action = strings.TrimSuffix(action, "-")
		out = append(out, left+strings.Join(strings.Fields(action), " ")+right)
		s = rest[j+len(right):]
	}
}

// multisetDiff returns what a has more of than b, and b more than a.
func multisetDiff(a, b []string) (onlyA, onlyB []string) {
	count := map[string]int{}
	for _, x := range a {
		count[x]++
	}
	for _, x := range b {
		count[x]--
	}
	for _, x := range a {
		if count[x] > 0 {
			onlyA = append(onlyA, x)
			count[x]--
		}
	}
	for _, x := range b {
		if count[x] < 0 {
			onlyB = append(onlyB, x)
			count[x]++
		}
	}
	return onlyA, onlyB
}

// CheckPlaceholders reports template actions ({{.Name}}) that the
// translation drops or invents. A plural form other than "other" may drop
// the count ("un message" for one), so only invented ones count there.
func CheckPlaceholders(_ language.Tag, source, translation Message) []Problem {
	sl, sr := delims(source)
	tl, tr := delims(translation)
	var out []Problem
	for _, p := range pairs(source, translation) {
		missing, extra := multisetDiff(placeholders(p[1], sl, sr), placeholders(p[2], tl, tr))
		if p[0] != "other" {
			missing = nil
		}
		var parts []string
		if len(missing) > 0 {
			parts = append(parts, "missing "+strings.Join(missing, " "))
		}
		if len(extra) > 0 {
			parts = append(parts, "not in source "+strings.Join(extra, " "))
		}
		if len(parts) > 0 {
			out = append(out, Problem{"placeholders", strings.Join(parts, "; ") + formLabel(p[0])})
		}
	}
	return out
}

// CheckTemplate reports translations that are not valid Go templates. It
// only parses: statement text is never executed.
func CheckTemplate(_ language.Tag, _ Message, translation Message) []Problem {
	l, r := delims(translation)
	var out []Problem
	for _, f := range formNames {
		s := translation.Form(f)
		if !strings.Contains(s, l) {
			continue
		}
		if _, err := template.New("").Delims(l, r).Parse(s); err != nil {
			msg := err.Error()
			msg = strings.TrimPrefix(msg, "template: :")
			out = append(out, Problem{"template", "does not parse: " + msg + formLabel(f)})
		}
	}
	return out
}

// digitValue maps Latin, Arabic-Indic (٠-٩) and Extended Arabic-Indic /
// Persian (۰-۹) digits to 0-9.
func digitValue(r rune) (byte, bool) {
	switch {
	case r >= '0' && r <= '9':
		return byte(r - '0'), true
	case r >= '٠' && r <= '٩':
		return byte(r - '٠'), true
	case r >= '۰' && r <= '۹':
		return byte(r - '۰'), true
	}
	return 0, false
}

// isGroupSep reports characters that separate digit groups or decimals in
// some locale: 1,000.5 · 1.000,5 · 1 000,5 · ١٬٠٠٠٫٥.
func isGroupSep(r rune) bool {
	switch r {
	case ',', '.', '\'', '\u00a0', '\u202f', '\u066b', '\u066c', '\u2009':
		return true
	}
	return false
}

// numbers returns the numbers in s as Latin digit strings, ignoring group
// and decimal separators (locales write them differently) and anything
// inside template actions.
func numbers(s, left, right string) []string {
	s = stripActions(s, left, right) // {{.Count}} is not a number
	var out []string
	var cur []byte
	flush := func() {
		if len(cur) > 0 {
			out = append(out, string(cur))
			cur = cur[:0]
		}
	}
	rs := []rune(s)
	for i := 0; i < len(rs); i++ {
		if d, ok := digitValue(rs[i]); ok {
			cur = append(cur, '0'+d)
			continue
		}
		// A separator between two digits continues the number; so does a
		// plain space before exactly three digits (1 000).
		if len(cur) > 0 && i+1 < len(rs) {
			if _, next := digitValue(rs[i+1]); next {
				if isGroupSep(rs[i]) {
					continue
				}
				if rs[i] == ' ' && threeDigits(rs[i+1:]) {
					continue
				}
			}
		}
		flush()
	}
	flush()
	slices.Sort(out)
	return out
}

func threeDigits(rs []rune) bool {
	n := 0
	for _, r := range rs {
		if _, ok := digitValue(r); !ok {
			break
		}
		n++
	}
	return n == 3
}

// CheckNumbers reports numbers that differ between source and translation.
// Arabic-Indic and Persian digits count as the digits they stand for, and
// grouping is ignored, so ٢٠٢٤ matches 2024 and 1 000 matches 1,000.
func CheckNumbers(_ language.Tag, source, translation Message) []Problem {
	sl, sr := delims(source)
	tl, tr := delims(translation)
	var out []Problem
	for _, p := range pairs(source, translation) {
		src, got := numbers(p[1], sl, sr), numbers(p[2], tl, tr)
		missing, extra := multisetDiff(src, got)
		if p[0] != "other" && len(extra) == 0 {
			continue // "one" may spell the number out
		}
		if len(missing) > 0 || len(extra) > 0 {
			var parts []string
			if len(missing) > 0 {
				parts = append(parts, "missing "+strings.Join(missing, ", "))
			}
			if len(extra) > 0 {
				parts = append(parts, "not in source "+strings.Join(extra, ", "))
			}
			out = append(out, Problem{"numbers", strings.Join(parts, "; ") + formLabel(p[0])})
		}
	}
	return out
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
func CheckWhitespace(_ language.Tag, source, translation Message) []Problem {
	var out []Problem
	for _, p := range pairs(source, translation) {
		if strings.TrimSpace(p[2]) == "" {
			continue // CheckEmpty's business
		}
		if a, b := leadingSpace(p[1]), leadingSpace(p[2]); a != b {
			out = append(out, Problem{"whitespace", fmt.Sprintf("leading whitespace %q, source has %q%s", b, a, formLabel(p[0]))})
		}
		if a, b := trailingSpace(p[1]), trailingSpace(p[2]); a != b {
			out = append(out, Problem{"whitespace", fmt.Sprintf("trailing whitespace %q, source has %q%s", b, a, formLabel(p[0]))})
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
		if strings.ContainsRune(`"'»«”“’‘)]}›‹」』`, r) {
			s = strings.TrimRightFunc(s[:len(s)-n], unicode.IsSpace)
			continue
		}
		if strings.HasSuffix(s, "...") {
			return "ellipsis", "..."
		}
		switch r {
		case '.', '。', '۔', '।', '．':
			return "full stop", string(r)
		case '?', '؟', '？':
			return "question mark", string(r)
		case '!', '！':
			return "exclamation mark", string(r)
		case ':', '：':
			return "colon", string(r)
		case ';', '؛', '；':
			return "semicolon", string(r)
		case ',', '،', '，', '、':
			return "comma", string(r)
		case '…':
			return "ellipsis", string(r)
		case '\u037e': // Greek question mark looks like ;
			return "question mark", string(r)
		}
		return "", ""
	}
	return "", ""
}

// CheckPunctuation reports a translation that ends with different
// punctuation than the source (Arabic ؟ ، ؛ count as ? , ;).
func CheckPunctuation(_ language.Tag, source, translation Message) []Problem {
	var out []Problem
	for _, p := range pairs(source, translation) {
		sc, sm := endPunct(p[1])
		tc, tm := endPunct(p[2])
		if sc == tc || strings.TrimSpace(p[2]) == "" {
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
		out = append(out, Problem{"punctuation", d + formLabel(p[0])})
	}
	return out
}

// CheckIdentical reports a translation that is the source text unchanged
// (ignoring text without letters, such as "{{.Count}}" or "2024", which is
// the same in every language). It is what an untranslated goi18n pre-fill
// looks like.
func CheckIdentical(_ language.Tag, source, translation Message) []Problem {
	l, r := delims(translation)
	var out []Problem
	for _, p := range pairs(source, translation) {
		if p[1] == p[2] && hasLetter(p[2], l, r) {
			out = append(out, Problem{"identical", "same text as the source" + formLabel(p[0])})
		}
	}
	return out
}

// hasLetter reports whether s has a letter outside template actions.
func hasLetter(s, left, right string) bool {
	return strings.IndexFunc(stripActions(s, left, right), unicode.IsLetter) >= 0
}

// stripActions replaces each template action in s by a space.
func stripActions(s, left, right string) string {
	var b strings.Builder
	for {
		i := strings.Index(s, left)
		if i < 0 {
			break
		}
		j := strings.Index(s[i+len(left):], right)
		if j < 0 {
			break
		}
		b.WriteString(s[:i])
		b.WriteByte(' ')
		s = s[i+len(left)+j+len(right):]
	}
	b.WriteString(s)
	return b.String()
}
