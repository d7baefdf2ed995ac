package jsonfile

import (
	"bytes"
	"encoding/json"
	"strings"

	"communique/i18n/catfile/tree"
)

// Writer returns the editor of a JSON catalog read from src.
func Writer(src []byte) tree.Syntax { return jsonSyntax{src: src} }

type jsonSyntax struct{ src []byte }

// Quote encodes s as goi18n's writer does (encoding/json without HTML
// escaping).
func Quote(s string) string {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(s) // a string always encodes
	return strings.TrimSuffix(b.String(), "\n")
}

func (j jsonSyntax) SetStr(old *tree.Value, s string) tree.Patch {
	return tree.Patch{Start: old.Start, End: old.End, Text: Quote(s)}
}

// wsBefore returns the whitespace between a member (or element) and the
// separator before it: what a new sibling should be preceded by.
func (j jsonSyntax) wsBefore(start int) string {
	i := start
	for i > 0 && tree.IsSpace(j.src[i-1]) {
		i--
	}
	return string(j.src[i:start])
}

// object renders fields as a JSON object whose closing brace is indented by
// indent; pretty decides between one line and one field per line.
func jsonObject(fields []tree.FieldText, pretty bool, indent, unit, nl string) string {
	if len(fields) == 0 {
		fields = []tree.FieldText{{Name: "other"}}
	}
	var b strings.Builder
	b.WriteByte('{')
	for i, f := range fields {
		if i > 0 {
			b.WriteByte(',')
			if !pretty {
				b.WriteByte(' ')
			}
		}
		if pretty {
			b.WriteString(nl + indent + unit)
		}
		b.WriteString(Quote(f.Name) + ": " + Quote(f.Value))
	}
	if pretty {
		b.WriteString(nl + indent)
	}
	b.WriteByte('}')
	return b.String()
}

// lineIndent is the leading whitespace of the line containing off.
func lineIndent(src []byte, off int) string {
	ls := tree.LineStartOf(src, off)
	i := ls
	for i < off && (src[i] == ' ' || src[i] == '\t') {
		i++
	}
	return string(src[ls:i])
}

func (j jsonSyntax) pretty() bool { return bytes.IndexByte(bytes.TrimSpace(j.src), '\n') >= 0 }

func (j jsonSyntax) ToTable(fields []tree.FieldText, mem *tree.Member, old *tree.Value) tree.Patch {
	at := old.Start
	if mem != nil {
		at = mem.KeyStart
	}
	return tree.Patch{Start: old.Start, End: old.End, Text: jsonObject(fields, j.pretty(), lineIndent(j.src, at), tree.IndentUnit(j.src), tree.Newline(j.src))}
}

func (j jsonSyntax) AddField(t *tree.Value, f tree.FieldText, before, last *tree.Member) tree.Patch {
	kv := Quote(f.Name) + ": " + Quote(f.Value)
	if before != nil {
		return tree.Patch{Start: before.KeyStart, End: before.KeyStart, Text: kv + "," + j.wsBefore(before.KeyStart)}
	}
	ws := j.wsBefore(last.KeyStart)
	if ws == "" {
		ws = " "
	}
	return tree.Patch{Start: last.SpanEnd, End: last.SpanEnd, Text: "," + ws + kv}
}

func (j jsonSyntax) ReplaceMember(_ *tree.Value, m *tree.Member, f tree.FieldText) tree.Patch {
	return tree.Patch{Start: m.KeyStart, End: m.Val.End, Text: Quote(f.Name) + ": " + Quote(f.Value)}
}

func (j jsonSyntax) Remove(_ *tree.Value, m *tree.Member) []tree.Patch {
	s, e := tree.RemoveListItem(j.src, m.SpanStart, m.SpanEnd)
	return []tree.Patch{{Start: s, End: e}}
}

// RemoveRun deletes neighbouring members first … last with one comma:
// the one after last, or, when nothing follows, the one before first.
func (j jsonSyntax) RemoveRun(_ *tree.Value, first, last *tree.Member) []tree.Patch {
	s, e := tree.RemoveListItem(j.src, first.SpanStart, last.SpanEnd)
	return []tree.Patch{{Start: s, End: e}}
}

func (j jsonSyntax) RemoveEntry(e *tree.Entry) []tree.Patch {
	if e.Container == nil {
		// The whole file is this one message.
		return []tree.Patch{{Start: e.Val.Start, End: e.Val.End, Text: "{}"}}
	}
	start, end := e.Val.Start, e.Val.End
	if e.Mem != nil {
		start, end = e.Mem.SpanStart, e.Mem.SpanEnd
	}
	s, en := tree.RemoveListItem(j.src, start, end)
	return []tree.Patch{{Start: s, End: en}}
}

func (j jsonSyntax) AppendMessages(src []byte, root *tree.Value, ms []*tree.Message, gone map[any]bool) []tree.Patch {
	nl := tree.Newline(src)
	unit := tree.IndentUnit(src)
	if root == nil {
		// A new file, laid out as goi18n's encoder does.
		var b strings.Builder
		b.WriteString("{")
		for i, m := range ms {
			if i > 0 {
				b.WriteString(",")
			}
			b.WriteString(nl + unit + Quote(m.ID) + ": " + jsonMessage(m, true, unit, unit, nl))
		}
		b.WriteString(nl + "}" + nl)
		return []tree.Patch{{Start: 0, End: len(src), Text: b.String()}}
	}
	// A file holding only "{}" (what init writes) has no layout to keep:
	// messages are laid out as goi18n writes them, one per line or block.
	pretty := j.pretty() || len(root.Members) == 0 && len(root.Elems) == 0
	var items []string
	for _, m := range ms {
		if root.Kind == tree.Array {
			// go-i18n v1 list: each message an object with its id.
			fields := append([]tree.FieldText{{Name: "id", Value: m.ID}}, tree.FieldsOf(m)...)
			items = append(items, jsonObject(fields, pretty, unit, unit, nl))
			continue
		}
		items = append(items, Quote(m.ID)+": "+jsonMessage(m, pretty, unit, unit, nl))
	}
	var lastStart, lastEnd int
	var lastMem *tree.Member
	var lastEl *tree.Value
	for _, m := range root.Members {
		if !gone[m] {
			lastMem = m
		}
	}
	for _, v := range root.Elems {
		if !gone[v] {
			lastEl = v
		}
	}
	switch {
	case root.Kind == tree.Table && lastMem != nil:
		lastStart, lastEnd = lastMem.KeyStart, lastMem.SpanEnd
	case root.Kind == tree.Array && lastEl != nil:
		lastStart, lastEnd = lastEl.Start, lastEl.End
	case root.Kind == tree.Table || root.Kind == tree.Array:
		// Empty (or emptied) container: write it afresh; the deletions
		// inside it fall within this patch.
		// Empty container: open it up.
		open, close := "{", "}"
		if root.Kind == tree.Array {
			open, close = "[", "]"
		}
		sep := nl + unit
		if !pretty {
			sep = ""
		}
		text := open + sep + strings.Join(items, ","+sep)
		if pretty {
			text += nl
		}
		return []tree.Patch{{Start: root.Start, End: root.End, Text: text + close}}
	default:
		return nil // a single-message file cannot grow; Save's check reports it
	}
	ws := j.wsBefore(lastStart)
	if ws == "" && !pretty {
		ws = " "
	}
	var b strings.Builder
	for _, it := range items {
		b.WriteString("," + ws + it)
	}
	return []tree.Patch{{Start: lastEnd, End: lastEnd, Text: b.String(), Order: 1 << 30}}
}

// jsonMessage renders a message value at member indentation indent.
func jsonMessage(m *tree.Message, pretty bool, indent, unit, nl string) string {
	if tree.OnlyOther(m) {
		return Quote(m.Other)
	}
	return jsonObject(tree.FieldsOf(m), pretty, indent, unit, nl)
}
