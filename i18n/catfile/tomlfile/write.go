package tomlfile

import (
	"bytes"
	"fmt"
	"strings"

	"communique/i18n/catfile/tree"
)

// Writer returns the editor of a TOML catalog read from src.
func Writer(src []byte) tree.Syntax { return tomlSyntax{src: src} }

type tomlSyntax struct{ src []byte }

// Quote quotes s as BurntSushi/toml's encoder does (goi18n's
// writer), so text we write looks like text goi18n writes.
func Quote(s string) string {
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

func (t tomlSyntax) SetStr(old *tree.Value, s string) tree.Patch {
	return tree.Patch{Start: old.Start, End: old.End, Text: t.str(s, old)}
}

func (t tomlSyntax) str(s string, old *tree.Value) string {
	if old.Kind != tree.String {
		return Quote(s)
	}
	// A newline right after an opening """ or ''' is not content; keep the
	// translator's habit of putting one there.
	nlAfterOpen := func() string {
		if old.Start+3 < len(t.src) && t.src[old.Start+3] == '\n' {
			return "\n"
		}
		if old.Start+4 < len(t.src) && t.src[old.Start+3] == '\r' && t.src[old.Start+4] == '\n' {
			return "\r\n"
		}
		if strings.HasPrefix(s, "\n") || strings.HasPrefix(s, "\r\n") {
			return "\n"
		}
		return ""
	}
	switch old.Style {
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
	return Quote(s)
}

// tomlKey writes a key bare when TOML allows it, quoted otherwise.
func QuoteKey(k string) string {
	if k == "" {
		return `""`
	}
	for i := 0; i < len(k); i++ {
		if !isBareKeyByte(k[i]) {
			return Quote(k)
		}
	}
	return k
}

func (t tomlSyntax) ToTable(fields []tree.FieldText, _ *tree.Member, old *tree.Value) tree.Patch {
	if len(fields) == 0 {
		fields = []tree.FieldText{{Name: "other"}}
	}
	parts := make([]string, len(fields))
	for i, f := range fields {
		parts[i] = f.Name + " = " + Quote(f.Value)
	}
	return tree.Patch{Start: old.Start, End: old.End, Text: "{" + strings.Join(parts, ", ") + "}"}
}

func (t tomlSyntax) AddField(tbl *tree.Value, f tree.FieldText, before, last *tree.Member) tree.Patch {
	if tbl.Form == tomlInline {
		if before != nil {
			return tree.Patch{Start: before.SpanStart, End: before.SpanStart, Text: f.Name + " = " + Quote(f.Value) + ", "}
		}
		return tree.Patch{Start: last.SpanEnd, End: last.SpanEnd, Text: ", " + f.Name + " = " + Quote(f.Value)}
	}
	nl := tree.Newline(t.src)
	if tbl.Form == tomlImplicit {
		// Only [msg.translation] defines msg: there is no line of msg's
		// own to put a key on.
		return tree.Patch{Start: last.SpanStart, End: last.SpanStart, Err: fmt.Errorf("cannot add %q to a message that only has a [….translation] table; edit it by hand", f.Name)}
	}
	tmpl := last
	if before != nil {
		tmpl = before
	}
	if v := tmpl.Val; v.Kind == tree.Table && (v.Form == tomlHeader || v.Form == tomlImplicit) || v.Kind == tree.Array && v.Form == tomlArrayOfTables {
		// Next to a [table] there is no key line to copy, and a top-level
		// key must come before every table: start the file with it.
		return tree.Patch{Start: 0, End: 0, Text: f.Name + " = " + Quote(f.Value) + nl, Order: -1}
	}
	// Copy indentation and any dotted prefix ("msg." in msg.other = …).
	prefix := string(t.src[tmpl.LineStart:tmpl.KeyStart])
	line := prefix + f.Name + " = " + Quote(f.Value) + nl
	if before != nil {
		return tree.Patch{Start: before.SpanStart, End: before.SpanStart, Text: line}
	}
	at := last.SpanEnd
	if at > 0 && t.src[at-1] != '\n' {
		line = nl + line
	}
	return tree.Patch{Start: at, End: at, Text: line}
}

func (t tomlSyntax) ReplaceMember(_ *tree.Value, m *tree.Member, f tree.FieldText) tree.Patch {
	return tree.Patch{Start: m.KeyStart, End: m.Val.End, Text: f.Name + " = " + Quote(f.Value)}
}

func (t tomlSyntax) Remove(tbl *tree.Value, m *tree.Member) []tree.Patch {
	if tbl.Form == tomlInline {
		s, e := tree.RemoveListItem(t.src, m.SpanStart, m.SpanEnd)
		return []tree.Patch{{Start: s, End: e}}
	}
	return []tree.Patch{{Start: m.SpanStart, End: m.SpanEnd}}
}

func (t tomlSyntax) RemoveEntry(e *tree.Entry) []tree.Patch {
	switch {
	case e.Kind == tree.LocTable && (e.Val.Form == tomlHeader || e.Val.Form == tomlImplicit || e.Val.Form == tomlDotted):
		return t.removeTable(e.Val)
	case e.Mem != nil && e.Container != nil && e.Container.Form == tomlInline:
		s, end := tree.RemoveListItem(t.src, e.Mem.SpanStart, e.Mem.SpanEnd)
		return []tree.Patch{{Start: s, End: end}}
	case e.Mem != nil:
		return t.removeMember(e.Mem)
	}
	s, end := tree.RemoveListItem(t.src, e.Val.Start, e.Val.End)
	return []tree.Patch{{Start: s, End: end}}
}

// removeTable removes every line that defines table v: its [header] block,
// the blocks of its sub-tables ([msg.translation]) and dotted-key lines.
func (t tomlSyntax) removeTable(v *tree.Value) []tree.Patch {
	var ps []tree.Patch
	if v.Form == tomlHeader {
		start, end := v.Start, v.OpenEnd
		if isBlankLine(t.src, end) {
			end = tree.AfterLine(t.src, end)
		} else if start > 0 {
			if prev := tree.LineStartOf(t.src, start-1); isBlankLine(t.src, prev) {
				start = prev
			}
		}
		ps = append(ps, tree.Patch{Start: start, End: end})
	}
	for _, m := range v.Members {
		switch {
		case m.Val.Kind == tree.Table && (m.Val.Form == tomlHeader || m.Val.Form == tomlImplicit):
			ps = append(ps, t.removeTable(m.Val)...)
		case v.Form == tomlHeader:
			// Its own lines are inside the header block.
		default:
			ps = append(ps, t.removeMember(m)...)
		}
	}
	return ps
}

func (t tomlSyntax) removeMember(m *tree.Member) []tree.Patch {
	if m.Val.Kind == tree.Table && m.Val.Form == tomlDotted {
		var ps []tree.Patch
		for _, c := range m.Val.Members {
			ps = append(ps, t.removeMember(c)...)
		}
		return ps
	}
	return []tree.Patch{{Start: m.SpanStart, End: m.SpanEnd}}
}

// isBlankLine reports whether the line starting at off is empty or
// whitespace only (false at the end of the file).
func isBlankLine(src []byte, off int) bool {
	if off >= len(src) {
		return false
	}
	end := tree.AfterLine(src, off)
	return len(bytes.TrimSpace(src[off:end])) == 0
}

func (t tomlSyntax) AppendMessages(src []byte, root *tree.Value, ms []*tree.Message, _ map[any]bool) []tree.Patch {
	nl := tree.Newline(src)
	var b strings.Builder
	if len(src) > 0 && src[len(src)-1] != '\n' {
		b.WriteString(nl)
	}
	tables := false
	if root != nil {
		for _, m := range root.Members {
			if m.Val.Kind == tree.Table && (m.Val.Form == tomlHeader || m.Val.Form == tomlImplicit) || m.Val.Form == tomlArrayOfTables && m.Val.Kind == tree.Array {
				tables = true
				break
			}
		}
	}
	wrote := len(bytes.TrimSpace(src)) > 0
	for _, m := range ms {
		if !tables && tree.OnlyOther(m) {
			b.WriteString(QuoteKey(m.ID) + " = " + Quote(m.Other) + nl)
			wrote = true
			continue
		}
		tables = true
		if wrote {
			b.WriteString(nl)
		}
		b.WriteString("[" + QuoteKey(m.ID) + "]" + nl)
		fields := tree.FieldsOf(m)
		if len(fields) == 0 {
			fields = []tree.FieldText{{Name: "other"}}
		}
		for _, f := range fields {
			b.WriteString(f.Name + " = " + Quote(f.Value) + nl)
		}
		wrote = true
	}
	return []tree.Patch{{Start: len(src), End: len(src), Text: b.String(), Order: 1 << 30}}
}
