package catalog

import (
	"slices"
	"strings"
	"text/template/parse"
	"unicode"

	"golang.org/x/text/language"
)

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

// placeholders appends to buf the template actions in s, without their
// delimiters and whitespace-normalised ("{{ .Name }}" and "{{.Name}}" are
// the same), trim markers dropped, sorted.
func placeholders(buf []string, s, left, right string) []string {
	for {
		i := strings.Index(s, left)
		if i < 0 {
			break
		}
		rest := s[i+len(left):]
		j := strings.Index(rest, right)
		if j < 0 {
			break
		}
		action := strings.TrimSpace(strings.TrimSuffix(strings.TrimPrefix(rest[:j], "-"), "-"))
		if strings.ContainsAny(action, " \t\r\n") {
			action = strings.Join(strings.Fields(action), " ")
		}
		buf = append(buf, action)
		s = rest[j+len(right):]
	}
	slices.Sort(buf)
	return buf
}

// sortedDiff returns what sorted list a has more of than b, and b than a.
func sortedDiff(a, b []string) (onlyA, onlyB []string) {
	i, j := 0, 0
	for i < len(a) || j < len(b) {
		switch {
		case j >= len(b) || i < len(a) && a[i] < b[j]:
			onlyA = append(onlyA, a[i])
			i++
		case i >= len(a) || b[j] < a[i]:
			onlyB = append(onlyB, b[j])
			j++
		default:
			i++
			j++
		}
	}
	return onlyA, onlyB
}

func wrap(actions []string, left, right string) string {
	out := make([]string, len(actions))
	for i, a := range actions {
		out[i] = left + a + right
	}
	return strings.Join(out, " ")
}

// CheckPlaceholders reports template actions ({{.Name}}) that the
// translation drops or invents. A plural form other than "other" may drop
// the count ("un message" for one), so only invented ones count there.
func CheckPlaceholders(lang language.Tag, source, translation Message) []Problem {
	c := newCase(lang, &source, &translation, nil)
	return c.placeholders()
}

func (c *qaCase) placeholders() []Problem {
	var out []Problem
	for i := range c.ps[:c.n] {
		p := &c.ps[i]
		if p.trAct < 0 && !strings.Contains(p.src, c.sl) {
			continue
		}
		var sb, tb [8]string
		trActions := tb[:0]
		if p.trAct >= 0 {
			trActions = placeholders(trActions, p.tr[p.trAct:], c.tl, c.trd)
		}
		missing, extra := sortedDiff(c.srcActions(p, sb[:0]), trActions)
		if p.form != "other" {
			missing = nil
		}
		var parts []string
		if len(missing) > 0 {
			parts = append(parts, "missing "+wrap(missing, c.sl, c.sr))
		}
		if len(extra) > 0 {
			parts = append(parts, "not in source "+wrap(extra, c.tl, c.trd))
		}
		if len(parts) > 0 {
			out = append(out, Problem{"placeholders", strings.Join(parts, "; ") + formLabel(p.form)})
		}
	}
	return out
}

// CheckTemplate reports translations that are not valid Go templates. It
// only parses: statement text is never executed.
func CheckTemplate(lang language.Tag, source, translation Message) []Problem {
	c := newCase(lang, &source, &translation, nil)
	return c.template()
}

func (c *qaCase) template() []Problem {
	l, r := c.tl, c.trd
	var out []Problem
	for _, p := range c.ps[:c.n] {
		s := p.tr
		if p.trAct < 0 || simpleTemplate(s[p.trAct:], l, r) {
			continue
		}
		// Functions are not checked: go-i18n lets the caller add them
		// (Funcs), and the source uses the same ones.
		t := parse.New("")
		t.Mode = parse.SkipFuncCheck
		if _, err := t.Parse(s, l, r, map[string]*parse.Tree{}); err != nil {
			msg := err.Error()
			msg = strings.TrimPrefix(msg, "template: :")
			out = append(out, Problem{"template", "does not parse: " + msg + formLabel(p.form)})
		}
	}
	return out
}

// simpleTemplate reports whether every action in s is a plain field
// reference ({{.Name}}, {{ .A.B }}), which always parses: the common case,
// checked without text/template's allocations.
func simpleTemplate(s, left, right string) bool {
	for {
		i := strings.Index(s, left)
		if i < 0 {
			return true
		}
		rest := s[i+len(left):]
		j := strings.Index(rest, right)
		if j < 0 {
			return false
		}
		if !isFieldChain(strings.Trim(rest[:j], " ")) {
			return false
		}
		s = rest[j+len(right):]
	}
}

func isFieldChain(a string) bool {
	if len(a) < 2 {
		return false
	}
	for len(a) > 0 {
		if a[0] != '.' || len(a) < 2 {
			return false
		}
		a = a[1:]
		k := 0
		for k < len(a) && (a[k] == '_' || a[k] >= 'a' && a[k] <= 'z' || a[k] >= 'A' && a[k] <= 'Z' || k > 0 && a[k] >= '0' && a[k] <= '9') {
			k++
		}
		if k == 0 {
			return false
		}
		a = a[k:]
	}
	return true
}

// hasLetter reports whether s has a letter outside template actions.
func hasLetter(s, left, right string) bool {
	return strings.IndexFunc(stripActions(s, left, right), unicode.IsLetter) >= 0
}

// stripActions replaces each template action in s by a space.
func stripActions(s, left, right string) string {
	if left == "" || right == "" {
		return s // no delimiters, no actions (and no endless search for "")
	}
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
