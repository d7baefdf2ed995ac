package catalog

import (
	"bytes"
	"strings"

	"go.yaml.in/yaml/v3"
)

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
		return []string{"k: " + jsonString(v.Value)}
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
	nl := newline(y.src)
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

func (y yamlSyntax) setStr(old *value, s string) patch {
	text := y.scalarText(s, yaml.Style(old.style), int(old.ind), old.form == yamlFlow)
	p := patch{start: old.start, end: old.end, text: text}
	if old.start == old.end {
		// "key:" with no value: the colon needs a blank after it (and
		// "{key}" needs the colon too).
		p.text = y.colonBefore(old) + " " + text
		for p.end < len(y.src) && (y.src[p.end] == ' ' || y.src[p.end] == '\t') {
			p.end++
		}
		if p.end < len(y.src) && y.src[p.end] == '#' && !strings.Contains(text, "\n") {
			p.text += " " // keep the comment a comment
		}
	}
	if i := strings.IndexByte(text, '\n'); i >= 0 && old.form != yamlFlow {
		// A block scalar: a comment after the old value must move up to
		// the header line, or it would become part of the text.
		e := p.end
		for e < len(y.src) && (y.src[e] == ' ' || y.src[e] == '\t') {
			e++
		}
		if e < len(y.src) && y.src[e] == '#' {
			ce := e
			for ce < len(y.src) && y.src[ce] != '\n' && y.src[ce] != '\r' {
				ce++
			}
			p.text = p.text[:i+len(p.text)-len(text)] + " " + string(y.src[e:ce]) + p.text[i+len(p.text)-len(text):]
			p.end = ce
		} else {
			p.end = e // trailing blanks would end up inside the text
		}
		if p.end == len(y.src) {
			p.text += newline(y.src) // a block scalar's last line break is content
		}
	}
	return p
}

// yamlUnit guesses the file's indentation step; goi18n writes 4.
func yamlUnit(src []byte) int {
	u := indentUnit(src)
	if strings.TrimSpace(u) != "" || !bytes.Contains(src, []byte("\n ")) {
		return 4
	}
	return len(u)
}

// colonBefore returns ":" when the key before off has none ({key} in a
// flow mapping).
func (y yamlSyntax) colonBefore(old *value) string {
	if old.up == nil {
		return "" // a sequence item
	}
	i := old.start
	for i > 0 && (y.src[i-1] == ' ' || y.src[i-1] == '\t') {
		i--
	}
	if i > 0 && y.src[i-1] == ':' {
		return ""
	}
	return ":"
}

func (y yamlSyntax) table(fields []fieldText, mem *member, old *value) patch {
	if len(fields) == 0 {
		fields = []fieldText{{"other", ""}}
	}
	if old.form == yamlFlow {
		parts := make([]string, len(fields))
		for i, f := range fields {
			parts[i] = f.name + ": " + y.scalarText(f.value, 0, 0, true)
		}
		return patch{start: old.start, end: old.end, text: "{" + strings.Join(parts, ", ") + "}"}
	}
	col := int(old.ind) + yamlUnit(y.src)
	nl := newline(y.src)
	var b strings.Builder
	for _, f := range fields {
		b.WriteString(nl + strings.Repeat(" ", col) + f.name + ": " + y.scalarText(f.value, 0, col, false))
	}
	// Replace from just after the colon, so no blank is left behind it,
	// and keep a comment that followed the value on the key's line.
	start := old.start
	for start > 0 && (y.src[start-1] == ' ' || y.src[start-1] == '\t') {
		start--
	}
	end := old.end
	for end < len(y.src) && (y.src[end] == ' ' || y.src[end] == '\t') {
		end++
	}
	text := b.String()
	if old.start == old.end {
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
		text += newline(y.src)
	}
	return patch{start: start, end: end, text: text}
}

func (y yamlSyntax) addField(t *value, f fieldText, before, last *member) patch {
	if t.form == yamlFlow || t.form == yamlAliased {
		kv := f.name + ": " + y.scalarText(f.value, 0, 0, true)
		if before != nil {
			return patch{start: before.keyStart, end: before.keyStart, text: kv + ", "}
		}
		return patch{start: last.val.end, end: last.val.end, text: ", " + kv}
	}
	col := last.keyStart - last.lineStart
	nl := newline(y.src)
	line := strings.Repeat(" ", col) + f.name + ": " + y.scalarText(f.value, 0, col, false) + nl
	if before != nil && before.spanStart == before.lineStart {
		return patch{start: before.spanStart, end: before.spanStart, text: line}
	}
	at := last.spanEnd
	if at == 0 || y.src[at-1] != '\n' {
		line = nl + line
	}
	return patch{start: at, end: at, text: line}
}

func (y yamlSyntax) replaceMember(t *value, m *member, f fieldText) patch {
	// Double-quoted keeps it on one line, whatever the text.
	v := y.scalarText(f.value, yaml.DoubleQuotedStyle, m.keyStart-m.lineStart, t.form == yamlFlow)
	end := m.val.end
	if m.val.start == m.val.end && m.val.up != nil && y.colonBefore(m.val) == ":" {
		end = m.keyStart + len(m.key) // "{key}": there is no colon to replace
	}
	return patch{start: m.keyStart, end: end, text: f.name + ": " + v}
}

func (y yamlSyntax) remove(t *value, m *member) []patch {
	if t.form == yamlFlow {
		s, e := removeListItem(y.src, m.spanStart, m.spanEnd)
		return []patch{{start: s, end: e}}
	}
	return []patch{{start: m.spanStart, end: m.spanEnd}}
}

func (y yamlSyntax) removeEntry(e *entry) []patch {
	switch {
	case e.container == nil:
		return []patch{{start: e.val.start, end: e.val.end, text: "{}"}}
	case e.container.form == yamlFlow:
		start, end := e.val.start, e.val.end
		if e.mem != nil {
			start, end = e.mem.spanStart, e.mem.spanEnd
		}
		s, en := removeListItem(y.src, start, end)
		return []patch{{start: s, end: en}}
	case e.mem != nil:
		return []patch{{start: e.mem.spanStart, end: e.mem.spanEnd}}
	}
	// An item of a block sequence: from its dash to the end of its lines.
	ls := lineStartOf(y.src, e.val.start)
	b := &yamlBuilder{src: y.src}
	return []patch{{start: ls, end: b.restOfLine(e.val.end)}}
}

func (y yamlSyntax) appendMessages(src []byte, root *value, ms []*Message, gone map[any]bool) []patch {
	nl := newline(src)
	unit := yamlUnit(src)
	if root != nil && root.form == yamlFlow {
		if root.kind == vTable && len(root.members) == 0 {
			// Only "{}" (what init writes): no layout to keep, so the
			// messages are laid out as goi18n writes them, one per block.
			text := strings.TrimSuffix(y.blockText(ms, 0, unit, nl, false), nl)
			return []patch{{start: root.start, end: root.end, text: text, order: 1 << 30}}
		}
		return y.appendFlow(root, ms, gone)
	}
	// New messages go at the end of the document: before a "..." line
	// that ends it, if there is one (what follows is not read).
	at := len(src)
	from := 0
	if root != nil {
		from = root.end
	}
	for ls := lineStartOf(src, from); ls < len(src); ls = afterLine(src, ls) {
		if ls >= from && isDocMarker(src, ls) && src[ls] == '.' {
			at = ls
			break
		}
	}
	lead := ""
	if at > 0 && src[at-1] != '\n' {
		lead = nl
	}
	seq := root != nil && root.kind == vArray
	// New keys line up with the root's first key (or dash).
	col := 0
	switch {
	case root != nil && root.kind == vTable && len(root.members) > 0:
		col = root.members[0].keyStart - root.members[0].lineStart
	case seq:
		col = root.start - lineStartOf(src, root.start)
	}
	// An empty or comment-only file keeps what is there too.
	return []patch{{start: at, end: at, text: lead + y.blockText(ms, col, unit, nl, seq), order: 1 << 30}}
}

// appendFlow adds messages to a flow collection ({a: x} or [{id: a}]),
// after its last remaining item.
func (y yamlSyntax) appendFlow(root *value, ms []*Message, gone map[any]bool) []patch {
	var items []string
	for _, m := range ms {
		if root.kind == vArray {
			fields := append([]fieldText{{"id", m.ID}}, fieldsOf(m)...)
			parts := make([]string, len(fields))
			for i, f := range fields {
				parts[i] = f.name + ": " + y.scalarText(f.value, 0, 0, true)
			}
			items = append(items, "{"+strings.Join(parts, ", ")+"}")
			continue
		}
		key := y.scalarText(m.ID, 0, 0, true)
		if onlyOther(m) {
			items = append(items, key+": "+y.scalarText(m.Other, 0, 0, true))
			continue
		}
		parts := []string{}
		for _, f := range fieldsOf(m) {
			parts = append(parts, f.name+": "+y.scalarText(f.value, 0, 0, true))
		}
		items = append(items, key+": {"+strings.Join(parts, ", ")+"}")
	}
	lastEnd := -1
	for _, m := range root.members {
		if !gone[m] {
			lastEnd = m.spanEnd
		}
	}
	for _, v := range root.elems {
		if !gone[v] {
			lastEnd = v.end
		}
	}
	if lastEnd < 0 {
		// Empty (or emptied): write the collection afresh.
		open, close := "{", "}"
		if root.kind == vArray {
			open, close = "[", "]"
		}
		return []patch{{start: root.start, end: root.end, text: open + strings.Join(items, ", ") + close}}
	}
	return []patch{{start: lastEnd, end: lastEnd, text: ", " + strings.Join(items, ", "), order: 1 << 30}}
}

// blockText renders messages in block style at column col: as keys of a
// mapping, or as items of a go-i18n v1 list when seq.
func (y yamlSyntax) blockText(ms []*Message, col, unit int, nl string, seq bool) string {
	var b strings.Builder
	pad0 := strings.Repeat(" ", col)
	for _, m := range ms {
		if seq {
			fields := append([]fieldText{{"id", m.ID}}, fieldsOf(m)...)
			for i, f := range fields {
				lead := pad0 + "  "
				if i == 0 {
					lead = pad0 + "- "
				}
				b.WriteString(lead + f.name + ": " + y.scalarText(f.value, 0, col+2, false) + nl)
			}
			continue
		}
		keyLines := yamlEncode(strNode(m.ID, 0), strNode("", 0), false, 2)
		key := pad0 + strings.TrimSuffix(keyLines[0], ` ""`)
		if onlyOther(m) {
			b.WriteString(key + " " + y.scalarText(m.Other, 0, col, false) + nl)
			continue
		}
		b.WriteString(key + nl)
		fields := fieldsOf(m)
		if len(fields) == 0 {
			fields = []fieldText{{"other", ""}}
		}
		pad := strings.Repeat(" ", col+unit)
		for _, f := range fields {
			b.WriteString(pad + f.name + ": " + y.scalarText(f.value, 0, col+unit, false) + nl)
		}
	}
	return b.String()
}
