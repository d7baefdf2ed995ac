package catalog

import (
	"bytes"
	"encoding/json"
	"strings"
)

type jsonSyntax struct{ src []byte }

// jsonString encodes s as goi18n's writer does (encoding/json without HTML
// escaping).
func jsonString(s string) string {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(s) // a string always encodes
	return strings.TrimSuffix(b.String(), "\n")
}

func (j jsonSyntax) setStr(old *value, s string) patch {
	return patch{start: old.start, end: old.end, text: jsonString(s)}
}

// wsBefore returns the whitespace between a member (or element) and the
// separator before it: what a new sibling should be preceded by.
func (j jsonSyntax) wsBefore(start int) string {
	i := start
	for i > 0 && isSpace(j.src[i-1]) {
		i--
	}
	return string(j.src[i:start])
}

// indentUnit guesses the file's indentation step ("  " if it cannot tell).
func indentUnit(src []byte) string {
	best := ""
	for _, line := range bytes.Split(src, []byte("\n")) {
		trimmed := bytes.TrimLeft(line, " \t")
		n := len(line) - len(trimmed)
		if n > 0 && len(trimmed) > 0 && (best == "" || n < len(best)) {
			best = string(line[:n])
		}
	}
	if best == "" {
		return "  "
	}
	return best
}

// object renders fields as a JSON object whose closing brace is indented by
// indent; pretty decides between one line and one field per line.
func jsonObject(fields []fieldText, pretty bool, indent, unit, nl string) string {
	if len(fields) == 0 {
		fields = []fieldText{{"other", ""}}
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
		b.WriteString(jsonString(f.name) + ": " + jsonString(f.value))
	}
	if pretty {
		b.WriteString(nl + indent)
	}
	b.WriteByte('}')
	return b.String()
}

// lineIndent is the leading whitespace of the line containing off.
func lineIndent(src []byte, off int) string {
	ls := lineStartOf(src, off)
	i := ls
	for i < off && (src[i] == ' ' || src[i] == '\t') {
		i++
	}
	return string(src[ls:i])
}

func (j jsonSyntax) pretty() bool { return bytes.IndexByte(bytes.TrimSpace(j.src), '\n') >= 0 }

func (j jsonSyntax) table(fields []fieldText, mem *member, old *value) patch {
	at := old.start
	if mem != nil {
		at = mem.keyStart
	}
	return patch{start: old.start, end: old.end, text: jsonObject(fields, j.pretty(), lineIndent(j.src, at), indentUnit(j.src), newline(j.src))}
}

func (j jsonSyntax) addField(t *value, f fieldText, before, last *member) patch {
	kv := jsonString(f.name) + ": " + jsonString(f.value)
	if before != nil {
		return patch{start: before.keyStart, end: before.keyStart, text: kv + "," + j.wsBefore(before.keyStart)}
	}
	ws := j.wsBefore(last.keyStart)
	if ws == "" {
		ws = " "
	}
	return patch{start: last.spanEnd, end: last.spanEnd, text: "," + ws + kv}
}

func (j jsonSyntax) replaceMember(_ *value, m *member, f fieldText) patch {
	return patch{start: m.keyStart, end: m.val.end, text: jsonString(f.name) + ": " + jsonString(f.value)}
}

func (j jsonSyntax) remove(_ *value, m *member) []patch {
	s, e := removeListItem(j.src, m.spanStart, m.spanEnd)
	return []patch{{start: s, end: e}}
}

func (j jsonSyntax) removeEntry(e *entry) []patch {
	if e.container == nil {
		// The whole file is this one message.
		return []patch{{start: e.val.start, end: e.val.end, text: "{}"}}
	}
	start, end := e.val.start, e.val.end
	if e.mem != nil {
		start, end = e.mem.spanStart, e.mem.spanEnd
	}
	s, en := removeListItem(j.src, start, end)
	return []patch{{start: s, end: en}}
}

func (j jsonSyntax) appendMessages(src []byte, root *value, ms []*Message, gone map[any]bool) []patch {
	nl := newline(src)
	unit := indentUnit(src)
	if root == nil {
		// A new file, laid out as goi18n's encoder does.
		var b strings.Builder
		b.WriteString("{")
		for i, m := range ms {
			if i > 0 {
				b.WriteString(",")
			}
			b.WriteString(nl + unit + jsonString(m.ID) + ": " + jsonMessage(m, true, unit, unit, nl))
		}
		b.WriteString(nl + "}" + nl)
		return []patch{{start: 0, end: len(src), text: b.String()}}
	}
	// A file holding only "{}" (what init writes) has no layout to keep:
	// messages are laid out as goi18n writes them, one per line or block.
	pretty := j.pretty() || len(root.members) == 0 && len(root.elems) == 0
	var items []string
	for _, m := range ms {
		if root.kind == vArray {
			// go-i18n v1 list: each message an object with its id.
			fields := append([]fieldText{{"id", m.ID}}, fieldsOf(m)...)
			items = append(items, fields2obj(fields, pretty, unit, nl))
			continue
		}
		items = append(items, jsonString(m.ID)+": "+jsonMessage(m, pretty, unit, unit, nl))
	}
	var lastStart, lastEnd int
	var lastMem *member
	var lastEl *value
	for _, m := range root.members {
		if !gone[m] {
			lastMem = m
		}
	}
	for _, v := range root.elems {
		if !gone[v] {
			lastEl = v
		}
	}
	switch {
	case root.kind == vTable && lastMem != nil:
		lastStart, lastEnd = lastMem.keyStart, lastMem.spanEnd
	case root.kind == vArray && lastEl != nil:
		lastStart, lastEnd = lastEl.start, lastEl.end
	case root.kind == vTable || root.kind == vArray:
		// Empty (or emptied) container: write it afresh; the deletions
		// inside it fall within this patch.
		// Empty container: open it up.
		open, close := "{", "}"
		if root.kind == vArray {
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
		return []patch{{start: root.start, end: root.end, text: text + close}}
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
	return []patch{{start: lastEnd, end: lastEnd, text: b.String(), order: 1 << 30}}
}

func fields2obj(fields []fieldText, pretty bool, unit, nl string) string {
	return jsonObject(fields, pretty, unit, unit, nl)
}

// jsonMessage renders a message value at member indentation indent.
func jsonMessage(m *Message, pretty bool, indent, unit, nl string) string {
	if onlyOther(m) {
		return jsonString(m.Other)
	}
	return jsonObject(fieldsOf(m), pretty, indent, unit, nl)
}
