package yamlfile

import (
	"bytes"
	"strings"

	"communique/i18n/catfile/jsonfile"
	"communique/i18n/catfile/tree"

	"go.yaml.in/yaml/v3"
)

// Writer returns the editor of a YAML catalog read from src.
func Writer(src []byte) tree.Syntax { return yamlSyntax{src: src} }

type yamlSyntax struct{ src []byte }

func strNode(s string, style yaml.Style) *yaml.Node {
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s, Style: style}
}

// yamlEncode encodes a one-entry mapping {key: v} with yaml.v3 and returns
// its lines (without the final newline).
func yamlEncode(key *yaml.Node, v *yaml.Node, flow bool, indent int) []string {
	m := &yaml.Node{Kind: yaml.MappingNode, Content: []*yaml.Node{key, v}}
	if flow {
		m.Style = yaml.FlowStyle
	}
	var b bytes.Buffer
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(indent)
	if err := enc.Encode(m); err != nil {
		// Only unencodable input (invalid UTF-8) gets here; quote it.
		return []string{"k: " + jsonfile.Quote(v.Value)}
	}
	enc.Close()
	return strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n")
}

// scalarText renders s as the value of a key at column col, keeping style
// when yaml.v3 can write it that way.
func (y yamlSyntax) scalarText(s string, style yaml.Style, col int, flow bool) string {
	if flow {
		lines := yamlEncode(strNode("k", 0), strNode(s, 0), true, 2)
		one := strings.Join(lines, " ")
		one = strings.TrimPrefix(one, "{k: ")
		return strings.TrimSuffix(one, "}")
	}
	lines := yamlEncode(strNode("k", 0), strNode(s, style), false, 2)
	first := strings.TrimPrefix(strings.TrimPrefix(lines[0], "k:"), " ")
	nl := tree.Newline(y.src)
	var b strings.Builder
	b.WriteString(first)
	pad := strings.Repeat(" ", col+2)
	for _, l := range lines[1:] {
		b.WriteString(nl)
		if l != "" {
			b.WriteString(pad + strings.TrimPrefix(l, "  "))
		}
	}
	return b.String()
}

func (y yamlSyntax) SetStr(old *tree.Value, s string) tree.Patch {
	text := y.scalarText(s, yaml.Style(old.Style), int(old.Ind), old.Form == yamlFlow)
	p := tree.Patch{Start: old.Start, End: old.End, Text: text}
	if old.Start == old.End {
		// "key:" with no value: the colon needs a blank after it (and
		// "{key}" needs the colon too).
		p.Text = y.colonBefore(old) + " " + text
		for p.End < len(y.src) && (y.src[p.End] == ' ' || y.src[p.End] == '\t') {
			p.End++
		}
		if p.End < len(y.src) && y.src[p.End] == '#' && !strings.Contains(text, "\n") {
			p.Text += " " // keep the comment a comment
		}
	}
	if i := strings.IndexByte(text, '\n'); i >= 0 && old.Form != yamlFlow {
		// A block scalar: a comment after the old value must move up to
		// the header line, or it would become part of the text.
		e := p.End
		for e < len(y.src) && (y.src[e] == ' ' || y.src[e] == '\t') {
			e++
		}
		if e < len(y.src) && y.src[e] == '#' {
			ce := e
			for ce < len(y.src) && y.src[ce] != '\n' && y.src[ce] != '\r' {
				ce++
			}
			p.Text = p.Text[:i+len(p.Text)-len(text)] + " " + string(y.src[e:ce]) + p.Text[i+len(p.Text)-len(text):]
			p.End = ce
		} else {
			p.End = e // trailing blanks would end up inside the text
		}
		if p.End == len(y.src) {
			p.Text += tree.Newline(y.src) // a block scalar's last line break is content
		}
	}
	return p
}

// yamlUnit guesses the file's indentation step; goi18n writes 4.
func yamlUnit(src []byte) int {
	u := tree.IndentUnit(src)
	if strings.TrimSpace(u) != "" || !bytes.Contains(src, []byte("\n ")) {
		return 4
	}
	return len(u)
}

// colonBefore returns ":" when the key before off has none ({key} in a
// flow mapping).
func (y yamlSyntax) colonBefore(old *tree.Value) string {
	if old.Up == nil {
		return "" // a sequence item
	}
	i := old.Start
	for i > 0 && (y.src[i-1] == ' ' || y.src[i-1] == '\t') {
		i--
	}
	if i > 0 && y.src[i-1] == ':' {
		return ""
	}
	return ":"
}

func (y yamlSyntax) ToTable(fields []tree.FieldText, mem *tree.Member, old *tree.Value) tree.Patch {
	if len(fields) == 0 {
		fields = []tree.FieldText{{Name: "other"}}
	}
	if old.Form == yamlFlow {
		parts := make([]string, len(fields))
		for i, f := range fields {
			parts[i] = f.Name + ": " + y.scalarText(f.Value, 0, 0, true)
		}
		return tree.Patch{Start: old.Start, End: old.End, Text: "{" + strings.Join(parts, ", ") + "}"}
	}
	col := int(old.Ind) + yamlUnit(y.src)
	nl := tree.Newline(y.src)
	var b strings.Builder
	for _, f := range fields {
		b.WriteString(nl + strings.Repeat(" ", col) + f.Name + ": " + y.scalarText(f.Value, 0, col, false))
	}
	// Replace from just after the colon, so no blank is left behind it,
	// and keep a comment that followed the value on the key's line.
	start := old.Start
	for start > 0 && (y.src[start-1] == ' ' || y.src[start-1] == '\t') {
		start--
	}
	end := old.End
	for end < len(y.src) && (y.src[end] == ' ' || y.src[end] == '\t') {
		end++
	}
	text := b.String()
	if old.Start == old.End {
		text = y.colonBefore(old) + text
	}
	if end < len(y.src) && y.src[end] == '#' {
		ce := end
		for ce < len(y.src) && y.src[ce] != '\n' && y.src[ce] != '\r' {
			ce++
		}
		text = " " + string(y.src[end:ce]) + text
		end = ce
	}
	if end == len(y.src) {
		text += tree.Newline(y.src)
	}
	return tree.Patch{Start: start, End: end, Text: text}
}

func (y yamlSyntax) AddField(t *tree.Value, f tree.FieldText, before, last *tree.Member) tree.Patch {
	if t.Form == yamlFlow || t.Form == yamlAliased {
		kv := f.Name + ": " + y.scalarText(f.Value, 0, 0, true)
		if before != nil {
			return tree.Patch{Start: before.KeyStart, End: before.KeyStart, Text: kv + ", "}
		}
		return tree.Patch{Start: last.Val.End, End: last.Val.End, Text: ", " + kv}
	}
	col := last.KeyStart - last.LineStart
	nl := tree.Newline(y.src)
	line := strings.Repeat(" ", col) + f.Name + ": " + y.scalarText(f.Value, 0, col, false) + nl
	if before != nil && before.SpanStart == before.LineStart {
		return tree.Patch{Start: before.SpanStart, End: before.SpanStart, Text: line}
	}
	at := last.SpanEnd
	if at == 0 || y.src[at-1] != '\n' {
		line = nl + line
	}
	return tree.Patch{Start: at, End: at, Text: line}
}

func (y yamlSyntax) ReplaceMember(t *tree.Value, m *tree.Member, f tree.FieldText) tree.Patch {
	// Double-quoted keeps it on one line, whatever the text.
	v := y.scalarText(f.Value, yaml.DoubleQuotedStyle, m.KeyStart-m.LineStart, t.Form == yamlFlow)
	end := m.Val.End
	if m.Val.Start == m.Val.End && m.Val.Up != nil && y.colonBefore(m.Val) == ":" {
		end = m.KeyStart + len(m.Key) // "{key}": there is no colon to replace
	}
	return tree.Patch{Start: m.KeyStart, End: end, Text: f.Name + ": " + v}
}

func (y yamlSyntax) Remove(t *tree.Value, m *tree.Member) []tree.Patch {
	if t.Form == yamlFlow {
		s, e := tree.RemoveListItem(y.src, m.SpanStart, m.SpanEnd)
		return []tree.Patch{{Start: s, End: e}}
	}
	return []tree.Patch{{Start: m.SpanStart, End: m.SpanEnd}}
}

func (y yamlSyntax) RemoveEntry(e *tree.Entry) []tree.Patch {
	switch {
	case e.Container == nil:
		return []tree.Patch{{Start: e.Val.Start, End: e.Val.End, Text: "{}"}}
	case e.Container.Form == yamlFlow:
		start, end := e.Val.Start, e.Val.End
		if e.Mem != nil {
			start, end = e.Mem.SpanStart, e.Mem.SpanEnd
		}
		s, en := tree.RemoveListItem(y.src, start, end)
		return []tree.Patch{{Start: s, End: en}}
	case e.Mem != nil:
		return []tree.Patch{{Start: e.Mem.SpanStart, End: e.Mem.SpanEnd}}
	}
	// An item of a block sequence: from its dash to the end of its lines.
	ls := tree.LineStartOf(y.src, e.Val.Start)
	b := &yamlBuilder{src: y.src}
	return []tree.Patch{{Start: ls, End: b.restOfLine(e.Val.End)}}
}

func (y yamlSyntax) AppendMessages(src []byte, root *tree.Value, ms []*tree.Message, gone map[any]bool) []tree.Patch {
	nl := tree.Newline(src)
	unit := yamlUnit(src)
	if root != nil && root.Form == yamlFlow {
		if root.Kind == tree.Table && len(root.Members) == 0 {
			// Only "{}" (what init writes): no layout to keep, so the
			// messages are laid out as goi18n writes them, one per block.
			text := strings.TrimSuffix(y.blockText(ms, 0, unit, nl, false), nl)
			return []tree.Patch{{Start: root.Start, End: root.End, Text: text, Order: 1 << 30}}
		}
		return y.appendFlow(root, ms, gone)
	}
	// New messages go at the end of the document: before a "..." line
	// that ends it, if there is one (what follows is not read).
	at := len(src)
	from := 0
	if root != nil {
		from = root.End
	}
	for ls := tree.LineStartOf(src, from); ls < len(src); ls = tree.AfterLine(src, ls) {
		if ls >= from && isDocMarker(src, ls) && src[ls] == '.' {
			at = ls
			break
		}
	}
	lead := ""
	if at > 0 && src[at-1] != '\n' {
		lead = nl
	}
	seq := root != nil && root.Kind == tree.Array
	// New keys line up with the root's first key (or dash).
	col := 0
	switch {
	case root != nil && root.Kind == tree.Table && len(root.Members) > 0:
		col = root.Members[0].KeyStart - root.Members[0].LineStart
	case seq:
		col = root.Start - tree.LineStartOf(src, root.Start)
	}
	// An empty or comment-only file keeps what is there too.
	return []tree.Patch{{Start: at, End: at, Text: lead + y.blockText(ms, col, unit, nl, seq), Order: 1 << 30}}
}

// appendFlow adds messages to a flow collection ({a: x} or [{id: a}]),
// after its last remaining item.
func (y yamlSyntax) appendFlow(root *tree.Value, ms []*tree.Message, gone map[any]bool) []tree.Patch {
	var items []string
	for _, m := range ms {
		if root.Kind == tree.Array {
			fields := append([]tree.FieldText{{Name: "id", Value: m.ID}}, tree.FieldsOf(m)...)
			parts := make([]string, len(fields))
			for i, f := range fields {
				parts[i] = f.Name + ": " + y.scalarText(f.Value, 0, 0, true)
			}
			items = append(items, "{"+strings.Join(parts, ", ")+"}")
			continue
		}
		key := y.scalarText(m.ID, 0, 0, true)
		if tree.OnlyOther(m) {
			items = append(items, key+": "+y.scalarText(m.Other, 0, 0, true))
			continue
		}
		parts := []string{}
		for _, f := range tree.FieldsOf(m) {
			parts = append(parts, f.Name+": "+y.scalarText(f.Value, 0, 0, true))
		}
		items = append(items, key+": {"+strings.Join(parts, ", ")+"}")
	}
	lastEnd := -1
	for _, m := range root.Members {
		if !gone[m] {
			lastEnd = m.SpanEnd
		}
	}
	for _, v := range root.Elems {
		if !gone[v] {
			lastEnd = v.End
		}
	}
	if lastEnd < 0 {
		// Empty (or emptied): write the collection afresh.
		open, close := "{", "}"
		if root.Kind == tree.Array {
			open, close = "[", "]"
		}
		return []tree.Patch{{Start: root.Start, End: root.End, Text: open + strings.Join(items, ", ") + close}}
	}
	return []tree.Patch{{Start: lastEnd, End: lastEnd, Text: ", " + strings.Join(items, ", "), Order: 1 << 30}}
}

// blockText renders messages in block style at column col: as keys of a
// mapping, or as items of a go-i18n v1 list when seq.
func (y yamlSyntax) blockText(ms []*tree.Message, col, unit int, nl string, seq bool) string {
	var b strings.Builder
	pad0 := strings.Repeat(" ", col)
	for _, m := range ms {
		if seq {
			fields := append([]tree.FieldText{{Name: "id", Value: m.ID}}, tree.FieldsOf(m)...)
			for i, f := range fields {
				lead := pad0 + "  "
				if i == 0 {
					lead = pad0 + "- "
				}
				b.WriteString(lead + f.Name + ": " + y.scalarText(f.Value, 0, col+2, false) + nl)
			}
			continue
		}
		keyLines := yamlEncode(strNode(m.ID, 0), strNode("", 0), false, 2)
		key := pad0 + strings.TrimSuffix(keyLines[0], ` ""`)
		if tree.OnlyOther(m) {
			b.WriteString(key + " " + y.scalarText(m.Other, 0, col, false) + nl)
			continue
		}
		b.WriteString(key + nl)
		fields := tree.FieldsOf(m)
		if len(fields) == 0 {
			fields = []tree.FieldText{{Name: "other"}}
		}
		pad := strings.Repeat(" ", col+unit)
		for _, f := range fields {
			b.WriteString(pad + f.Name + ": " + y.scalarText(f.Value, 0, col+unit, false) + nl)
		}
	}
	return b.String()
}
