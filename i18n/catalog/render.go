package catalog

import (
	"bytes"
	"fmt"
	"sort"
	"strings"

	"go.yaml.in/yaml/v3"
)

// The writer never re-encodes a file. It computes patches (replace a byte
// span with new text) for the messages that changed and splices them into the
// original bytes, so everything else — comments, blank lines, order, quoting,
// keys it does not know — stays byte for byte.

type patch struct {
	start, end int
	text       string
	order      int   // tie-break for insertions at the same offset
	err        error // the edit cannot be written in this layout
}

// syntax is what the writer needs to know about one file format.
type syntax interface {
	// setStr replaces string value old with s, in old's style when it can.
	setStr(old *value, s string) patch
	// table replaces old (a string-form message that gained fields) with a
	// table of fields.
	table(fields []fieldText, mem *member, old *value) patch
	// addField adds a field to message table t, before sibling (if not nil)
	// or after the last field.
	addField(t *value, f fieldText, before *member, last *member) patch
	// replaceMember replaces member m of t (key and value) with field f.
	replaceMember(t *value, m *member, f fieldText) patch
	// remove deletes member m of container t.
	remove(t *value, m *member) []patch
	// removeEntry deletes a whole message.
	removeEntry(e *entry) []patch
	// appendMessages renders messages added to the file. gone holds the
	// root's members (or, in a list, elements) being deleted.
	appendMessages(src []byte, root *value, ms []*Message, gone map[any]bool) []patch
}

type fieldText struct {
	name, value string
}

// fieldsOf lists a message's non-empty fields in the order goi18n writes
// them (alphabetical, as its encoders sort map keys).
func fieldsOf(m *Message) []fieldText {
	var out []fieldText
	for _, f := range []field{fDescription, fFew, fHash, fLeftDelim, fMany, fOne, fOther, fRightDelim, fTwo, fZero} {
		if v := *m.field(f); v != "" {
			out = append(out, fieldText{fieldNames[f], v})
		}
	}
	return out
}

// onlyOther reports whether m can be written as a bare string.
func onlyOther(m *Message) bool {
	return m.Description == "" && m.Hash == "" && m.LeftDelim == "" && m.RightDelim == "" &&
		m.Zero == "" && m.One == "" && m.Two == "" && m.Few == "" && m.Many == ""
}

func (c *Catalog) syntax() syntax {
	switch c.Format {
	case JSON:
		return jsonSyntax{src: c.src}
	case YAML:
		return yamlSyntax{src: c.src}
	}
	return tomlSyntax{src: c.src}
}

func (c *Catalog) render() []byte {
	root, entries, err := scan(c.Format, c.src, true)
	if err != nil {
		// src parsed when it was loaded; it cannot fail now.
		panic(fmt.Sprintf("catalog: %s no longer parses: %v", c.Path, err))
	}
	syn := c.syntax()
	var patches []patch
	var collapsed map[*member]bool
	if c.Format == YAML {
		patches, collapsed = c.collapseYAML(entries)
	}
	c.renderErr = nil
	for _, e := range entries {
		m, edited := c.edits[e.ID]
		if !edited {
			continue
		}
		if c.Format == YAML && usesAnchor(e) {
			// Changing an anchored value would change every alias of it
			// too (and deleting it breaks them): leave such files to a
			// text editor rather than guess.
			c.renderErr = fmt.Errorf("%s: message %q uses a YAML anchor or alias (&/*); change it in a text editor (nothing was written)", c.Path, e.ID)
		}
		if m == nil && e.container == nil {
			// The whole file is this one message.
			empty := "{}" + newline(c.src)
			if c.Format == TOML {
				empty = ""
			}
			patches = append(patches, patch{start: 0, end: len(c.src), text: empty})
			continue
		}
		if m == nil {
			if e.mem == nil || !collapsed[e.mem] {
				patches = append(patches, syn.removeEntry(e)...)
			}
			continue
		}
		patches = append(patches, editEntry(syn, e, m)...)
	}
	var added []*Message
	for _, m := range c.added {
		if m != nil {
			added = append(added, m)
		}
	}
	for _, p := range patches {
		if p.err != nil && c.renderErr == nil {
			c.renderErr = fmt.Errorf("%s: %w (nothing was written)", c.Path, p.err)
		}
	}
	if len(added) > 0 {
		gone := map[any]bool{}
		for _, e := range entries {
			if m, edited := c.edits[e.ID]; edited && m == nil && e.container == root {
				if e.mem != nil {
					gone[e.mem] = true
				} else {
					gone[e.val] = true
				}
			}
		}
		if m := tableClash(root, added, gone, entries); m != "" && c.renderErr == nil {
			c.renderErr = fmt.Errorf("%s: %s (nothing was written)", c.Path, m)
		}
		patches = append(patches, syn.appendMessages(c.src, root, added, gone)...)
	}
	out := applyPatches(c.src, patches)
	if c.Format == YAML && root != nil && !yamlHasContent(out) {
		// The last message went and only comments are left: go-i18n
		// cannot load a YAML file with no document, so it says "{}".
		out = append(out, "{}"+newline(c.src)...)
	}
	return out
}

// tableClash describes a new message whose ID is already the key of a
// group of nested messages at the top of the file ("nav" where "nav.back"
// is written as nav: {back: …}): go-i18n cannot hold a message and a group
// of the same name, so the only honest answer is to refuse it.
func tableClash(root *value, added []*Message, gone map[any]bool, entries []*entry) string {
	if root == nil || root.kind != vTable {
		return ""
	}
	for _, m := range added {
		mem := root.lookup(m.ID)
		if mem == nil || gone[mem] || gone[mem.val] {
			continue
		}
		inside := ""
		for _, e := range entries {
			if strings.HasPrefix(e.ID, m.ID+".") {
				inside = e.ID
				break
			}
		}
		return fmt.Sprintf("message %q cannot be added: %q is already a group of messages in this file (%s); go-i18n cannot read a message and a group of the same name, so rename one of them", m.ID, m.ID, inside)
	}
	return ""
}

// yamlHasContent reports whether YAML data has a document with content
// (not only comments and blank lines).
func yamlHasContent(data []byte) bool {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return true // not for this check to report; Save's read-back does
	}
	return doc.Kind != 0 && len(doc.Content) > 0
}

func usesAnchor(e *entry) bool {
	if e.val.anchored || e.val.form == yamlAliased && e.val.kind == vTable {
		return true
	}
	for _, fl := range e.fields {
		if fl.mem.val.anchored {
			return true
		}
	}
	return false
}

// collapseYAML handles deleting every message of a nested YAML block
// mapping: "a:" left with nothing under it would read as a message "a" with
// no text, so the emptied mapping's own key goes too (and so on upwards).
// It returns the patches for such keys and every member they cover.
func (c *Catalog) collapseYAML(entries []*entry) ([]patch, map[*member]bool) {
	gone := map[*member]bool{}
	for _, e := range entries {
		if m, edited := c.edits[e.ID]; edited && m == nil && e.mem != nil {
			gone[e.mem] = true
		}
	}
	if len(gone) == 0 {
		return nil, nil
	}
	emptied := map[*member]bool{}
	for changed := true; changed; {
		changed = false
		for m := range gone {
			p := m.parent
			if p == nil || p.up == nil || p.form != yamlBlock || gone[p.up] {
				continue
			}
			all := true
			for _, sib := range p.members {
				if !gone[sib] {
					all = false
					break
				}
			}
			if all {
				gone[p.up] = true
				emptied[p.up] = true
				changed = true
			}
		}
	}
	covered := map[*member]bool{}
	var visit func(m *member)
	visit = func(m *member) {
		covered[m] = true
		if m.val.kind == vTable {
			for _, k := range m.val.members {
				visit(k)
			}
		}
	}
	var patches []patch
	for m := range emptied {
		if p := m.parent; p != nil && p.up != nil && emptied[p.up] {
			continue // inside a bigger emptied mapping
		}
		visit(m)
		patches = append(patches, patch{start: m.spanStart, end: m.spanEnd})
	}
	return patches, covered
}

func editEntry(syn syntax, e *entry, m *Message) []patch {
	if e.kind == locString {
		if onlyOther(m) {
			return []patch{syn.setStr(e.val, m.Other)}
		}
		return []patch{syn.table(fieldsOf(m), e.mem, e.val)}
	}
	var patches []patch
	want := fieldsOf(m)
	if len(want) == 0 {
		want = []fieldText{{"other", ""}}
	}
	wantVal := map[string]string{}
	for _, f := range want {
		wantVal[f.name] = f.value
	}
	have := map[string]bool{}
	removed := map[*member]*value{} // member → the table it is removed from
	var removedOrder []*member
	for _, fl := range e.fields {
		name := fieldNames[fl.f]
		have[name] = true
		if fl.f == fID {
			continue
		}
		nv, keep := wantVal[name]
		switch {
		case !keep:
			container := e.val
			if fl.via != nil {
				container = fl.via.val
			}
			removed[fl.mem] = container
			removedOrder = append(removedOrder, fl.mem)
		case nv != fl.mem.val.str:
			patches = append(patches, syn.setStr(fl.mem.val, nv))
		}
	}
	var add []fieldText
	for _, f := range want {
		if !have[f.name] {
			add = append(add, f)
		}
	}
	// New fields go next to the message's own keys that stay.
	var anchors []*member
	for _, mem := range e.val.members {
		if _, gone := removed[mem]; !gone {
			anchors = append(anchors, mem)
		}
	}
	var replaced *member
	if len(anchors) == 0 && len(add) > 0 {
		// Every key goes: turn the first one into the first new field
		// rather than leave nothing to place new keys next to.
		for _, r := range removedOrder {
			if removed[r] == e.val {
				patches = append(patches, syn.replaceMember(e.val, r, add[0]))
				delete(removed, r)
				replaced = r
				anchors = []*member{r}
				add = add[1:]
				break
			}
		}
	}
	for _, r := range removedOrder {
		if t, ok := removed[r]; ok {
			patches = append(patches, syn.remove(t, r)...)
		}
	}
	var last *member
	for _, mem := range anchors {
		if last == nil || mem.spanEnd > last.spanEnd {
			last = mem
		}
	}
	for i, f := range add {
		// Keep alphabetical files alphabetical: insert before the first
		// key that sorts after this one.
		var before *member
		for _, mem := range anchors {
			if mem != replaced && mem.key > f.name && (before == nil || mem.spanStart < before.spanStart) {
				before = mem
			}
		}
		p := syn.addField(e.val, f, before, last)
		p.order = i
		patches = append(patches, p)
	}
	return patches
}

func applyPatches(src []byte, patches []patch) []byte {
	sort.SliceStable(patches, func(i, j int) bool {
		if patches[i].start != patches[j].start {
			return patches[i].start < patches[j].start
		}
		return patches[i].order < patches[j].order
	})
	var b bytes.Buffer
	b.Grow(len(src) + 256)
	pos := 0
	for _, p := range patches {
		if p.start < pos {
			// Overlap would be a writer bug; Save's read-back check
			// refuses the result rather than corrupt the file.
			if p.end <= pos {
				b.WriteString(p.text)
				continue
			}
			p.start = pos
		}
		b.Write(src[pos:p.start])
		b.WriteString(p.text)
		pos = p.end
	}
	b.Write(src[pos:])
	return b.Bytes()
}

// lineStartOf returns the offset of the start of the line containing off.
func lineStartOf(src []byte, off int) int {
	ls := bytes.LastIndexByte(src[:off], '\n') + 1
	// A byte-order mark is not part of the first line: text inserted at
	// its start goes after the mark, and the mark is no indentation.
	if ls == 0 && off >= len(utf8BOM) && bytes.HasPrefix(src, utf8BOM) {
		return len(utf8BOM)
	}
	return ls
}

// afterLine returns the offset just past the newline ending the line that
// contains off (or len(src)).
func afterLine(src []byte, off int) int {
	if i := bytes.IndexByte(src[off:], '\n'); i >= 0 {
		return off + i + 1
	}
	return len(src)
}

// newline returns the file's line ending.
func newline(src []byte) string {
	if i := bytes.IndexByte(src, '\n'); i > 0 && src[i-1] == '\r' {
		return "\r\n"
	}
	return "\n"
}

// removeListItem returns the span to delete for an item [start, end) of a
// comma-separated list (JSON object/array, TOML inline table, YAML flow
// collection), taking one neighbouring comma with it.
func removeListItem(src []byte, start, end int) (int, int) {
	i := end
	for i < len(src) && isSpace(src[i]) {
		i++
	}
	if i < len(src) && src[i] == ',' {
		i++
		// Drop the whitespace up to the next item, so it moves into the
		// deleted item's place with the deleted item's indentation.
		for i < len(src) && isSpace(src[i]) {
			i++
		}
		return start, i
	}
	j := start
	for j > 0 && isSpace(src[j-1]) {
		j--
	}
	if j > 0 && src[j-1] == ',' {
		return j - 1, end
	}
	return start, end
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }
