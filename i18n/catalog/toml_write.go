package catalog

import (
	"bytes"
	"fmt"
	"strings"
)

type tomlSyntax struct{ src []byte }

// tomlBasicString quotes s as BurntSushi/toml's encoder does (goi18n's
// writer), so text we write looks like text goi18n writes.
func tomlBasicString(s string) string {
	var b strings.Builder
	b.Grow(len(s) + 2)
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"':
			b.WriteString(`\"`)
		case r == '\\':
			b.WriteString(`\\`)
		case r == '\b':
			b.WriteString(`\b`)
		case r == '\t':
			b.WriteString(`\t`)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\f':
			b.WriteString(`\f`)
		case r == '\r':
			b.WriteString(`\r`)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

func hasControl(s string, allowNewline bool) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '\n' && allowNewline || c == '\t' {
			continue
		}
		if c < 0x20 || c == 0x7f {
			return true
		}
	}
	return false
}

func (t tomlSyntax) setStr(old *value, s string) patch {
	return patch{start: old.start, end: old.end, text: t.str(s, old)}
}

func (t tomlSyntax) str(s string, old *value) string {
	if old.kind != vString {
		return tomlBasicString(s)
	}
	// A newline right after an opening """ or ''' is not content; keep the
	// translator's habit of putting one there.
	nlAfterOpen := func() string {
		if old.start+3 < len(t.src) && t.src[old.start+3] == '\n' {
			return "\n"
		}
		if old.start+4 < len(t.src) && t.src[old.start+3] == '\r' && t.src[old.start+4] == '\n' {
			return "\r\n"
		}
		if strings.HasPrefix(s, "\n") || strings.HasPrefix(s, "\r\n") {
			return "\n"
		}
		return ""
	}
	switch old.style {
	case tomlLiteral:
		if !strings.ContainsAny(s, "'\n\r") && !hasControl(s, false) {
			return "'" + s + "'"
		}
	case tomlMultiLiteral:
		if !strings.Contains(s, "'''") && !strings.HasSuffix(s, "'") && !strings.Contains(s, "\r") && !hasControl(s, true) {
			return "'''" + nlAfterOpen() + s + "'''"
		}
	case tomlMultiBasic:
		var b strings.Builder
		b.WriteString(`"""`)
		b.WriteString(nlAfterOpen())
		for _, r := range s {
			switch {
			case r == '"':
				b.WriteString(`\"`)
			case r == '\\':
				b.WriteString(`\\`)
			case r == '\n' || r == '\t':
				b.WriteRune(r)
			case r < 0x20 || r == 0x7f:
				fmt.Fprintf(&b, `\u%04x`, r)
			default:
				b.WriteRune(r)
			}
		}
		b.WriteString(`"""`)
		return b.String()
	}
	return tomlBasicString(s)
}

// tomlKey writes a key bare when TOML allows it, quoted otherwise.
func quoteTOMLKey(k string) string {
	if k == "" {
		return `""`
	}
	for i := 0; i < len(k); i++ {
		if !isBareKeyByte(k[i]) {
			return tomlBasicString(k)
		}
	}
	return k
}

func (t tomlSyntax) table(fields []fieldText, _ *member, old *value) patch {
	if len(fields) == 0 {
		fields = []fieldText{{"other", ""}}
	}
	parts := make([]string, len(fields))
	for i, f := range fields {
		parts[i] = f.name + " = " + tomlBasicString(f.value)
	}
	return patch{start: old.start, end: old.end, text: "{" + strings.Join(parts, ", ") + "}"}
}

func (t tomlSyntax) addField(tbl *value, f fieldText, before, last *member) patch {
	if tbl.form == tomlInline {
		if before != nil {
			return patch{start: before.spanStart, end: before.spanStart, text: f.name + " = " + tomlBasicString(f.value) + ", "}
		}
		return patch{start: last.spanEnd, end: last.spanEnd, text: ", " + f.name + " = " + tomlBasicString(f.value)}
	}
	nl := newline(t.src)
	if tbl.form == tomlImplicit {
		// Only [msg.translation] defines msg: there is no line of msg's
		// own to put a key on.
		return patch{start: last.spanStart, end: last.spanStart, err: fmt.Errorf("cannot add %q to a message that only has a [….translation] table; edit it by hand", f.name)}
	}
	tmpl := last
	if before != nil {
		tmpl = before
	}
	if v := tmpl.val; v.kind == vTable && (v.form == tomlHeader || v.form == tomlImplicit) || v.kind == vArray && v.form == tomlArrayOfTables {
		// Next to a [table] there is no key line to copy, and a top-level
		// key must come before every table: start the file with it.
		return patch{start: 0, end: 0, text: f.name + " = " + tomlBasicString(f.value) + nl, order: -1}
	}
	// Copy indentation and any dotted prefix ("msg." in msg.other = …).
	prefix := string(t.src[tmpl.lineStart:tmpl.keyStart])
	line := prefix + f.name + " = " + tomlBasicString(f.value) + nl
	if before != nil {
		return patch{start: before.spanStart, end: before.spanStart, text: line}
	}
	at := last.spanEnd
	if at > 0 && t.src[at-1] != '\n' {
		line = nl + line
	}
	return patch{start: at, end: at, text: line}
}

func (t tomlSyntax) replaceMember(_ *value, m *member, f fieldText) patch {
	return patch{start: m.keyStart, end: m.val.end, text: f.name + " = " + tomlBasicString(f.value)}
}

func (t tomlSyntax) remove(tbl *value, m *member) []patch {
	if tbl.form == tomlInline {
		s, e := removeListItem(t.src, m.spanStart, m.spanEnd)
		return []patch{{start: s, end: e}}
	}
	return []patch{{start: m.spanStart, end: m.spanEnd}}
}

func (t tomlSyntax) removeEntry(e *entry) []patch {
	switch {
	case e.kind == locTable && (e.val.form == tomlHeader || e.val.form == tomlImplicit || e.val.form == tomlDotted):
		return t.removeTable(e.val)
	case e.mem != nil && e.container != nil && e.container.form == tomlInline:
		s, end := removeListItem(t.src, e.mem.spanStart, e.mem.spanEnd)
		return []patch{{start: s, end: end}}
	case e.mem != nil:
		return t.removeMember(e.mem)
	}
	s, end := removeListItem(t.src, e.val.start, e.val.end)
	return []patch{{start: s, end: end}}
}

// removeTable removes every line that defines table v: its [header] block,
// the blocks of its sub-tables ([msg.translation]) and dotted-key lines.
func (t tomlSyntax) removeTable(v *value) []patch {
	var ps []patch
	if v.form == tomlHeader {
		start, end := v.start, v.openEnd
		if isBlankLine(t.src, end) {
			end = afterLine(t.src, end)
		} else if start > 0 {
			if prev := lineStartOf(t.src, start-1); isBlankLine(t.src, prev) {
				start = prev
			}
		}
		ps = append(ps, patch{start: start, end: end})
	}
	for _, m := range v.members {
		switch {
		case m.val.kind == vTable && (m.val.form == tomlHeader || m.val.form == tomlImplicit):
			ps = append(ps, t.removeTable(m.val)...)
		case v.form == tomlHeader:
			// Its own lines are inside the header block.
		default:
			ps = append(ps, t.removeMember(m)...)
		}
	}
	return ps
}

func (t tomlSyntax) removeMember(m *member) []patch {
	if m.val.kind == vTable && m.val.form == tomlDotted {
		var ps []patch
		for _, c := range m.val.members {
			ps = append(ps, t.removeMember(c)...)
		}
		return ps
	}
	return []patch{{start: m.spanStart, end: m.spanEnd}}
}

// isBlankLine reports whether the line starting at off is empty or
// whitespace only (false at the end of the file).
func isBlankLine(src []byte, off int) bool {
	if off >= len(src) {
		return false
	}
	end := afterLine(src, off)
	return len(bytes.TrimSpace(src[off:end])) == 0
}

func (t tomlSyntax) appendMessages(src []byte, root *value, ms []*Message, _ map[any]bool) []patch {
	nl := newline(src)
	var b strings.Builder
	if len(src) > 0 && src[len(src)-1] != '\n' {
		b.WriteString(nl)
	}
	tables := false
	if root != nil {
		for _, m := range root.members {
			if m.val.kind == vTable && (m.val.form == tomlHeader || m.val.form == tomlImplicit) || m.val.form == tomlArrayOfTables && m.val.kind == vArray {
				tables = true
				break
			}
		}
	}
	wrote := len(bytes.TrimSpace(src)) > 0
	for _, m := range ms {
		if !tables && onlyOther(m) {
			b.WriteString(quoteTOMLKey(m.ID) + " = " + tomlBasicString(m.Other) + nl)
			wrote = true
			continue
		}
		tables = true
		if wrote {
			b.WriteString(nl)
		}
		b.WriteString("[" + quoteTOMLKey(m.ID) + "]" + nl)
		fields := fieldsOf(m)
		if len(fields) == 0 {
			fields = []fieldText{{"other", ""}}
		}
		for _, f := range fields {
			b.WriteString(f.name + " = " + tomlBasicString(f.value) + nl)
		}
		wrote = true
	}
	return []patch{{start: len(src), end: len(src), text: b.String(), order: 1 << 30}}
}
