package tree

import (
	"bytes"
	"slices"
	"sort"
)

// The writer never re-encodes a file. It computes patches (replace a byte
// span with new text) for the messages that changed and splices them into the
// original bytes, so everything else — comments, blank lines, order, quoting,
// keys it does not know — stays byte for byte.

// Patch replaces the bytes [Start, End) of a file with Text: the writer
// never re-encodes a file, it splices patches into the original bytes.
type Patch struct {
	Start, End int
	Text       string
	Order      int   // tie-break for insertions at the same offset
	Err        error // the edit cannot be written in this layout
}

// Syntax is what the writer needs to know about one file format.
type Syntax interface {
	// setStr replaces string value old with s, in old's style when it can.
	SetStr(old *Value, s string) Patch
	// table replaces old (a string-form message that gained fields) with a
	// table of fields.
	ToTable(fields []FieldText, mem *Member, old *Value) Patch
	// addField adds a field to message table t, before sibling (if not nil)
	// or after the last field.
	AddField(t *Value, f FieldText, before *Member, last *Member) Patch
	// replaceMember replaces member m of t (key and value) with field f.
	ReplaceMember(t *Value, m *Member, f FieldText) Patch
	// remove deletes member m of container t.
	Remove(t *Value, m *Member) []Patch
	// removeEntry deletes a whole message.
	RemoveEntry(e *Entry) []Patch
	// appendMessages renders messages added to the file. gone holds the
	// root's members (or, in a list, elements) being deleted.
	AppendMessages(src []byte, root *Value, ms []*Message, gone map[any]bool) []Patch
}

// RunRemover is a Syntax whose removal of several neighbouring members
// must be one edit: in JSON, each member's removal takes a comma with it,
// and two neighbours would both take the one between them, leaving the
// one before the first (`{"a": 1,}`).
type RunRemover interface {
	// RemoveRun deletes members first … last of t, which are next to one
	// another.
	RemoveRun(t *Value, first, last *Member) []Patch
}

// FieldText is a message field to write: its key and its text.
type FieldText struct {
	Name, Value string
}

// FieldsOf lists a message's non-empty fields in the order goi18n writes
// them (alphabetical, as its encoders sort map keys).
func FieldsOf(m *Message) []FieldText {
	var out []FieldText
	for _, f := range []Key{KeyDescription, KeyFew, KeyHash, KeyLeftDelim, KeyMany, KeyOne, KeyOther, KeyRightDelim, KeyTwo, KeyZero} {
		if v := *Field(m, f); v != "" {
			out = append(out, FieldText{KeyNames[f], v})
		}
	}
	return out
}

// OnlyOther reports whether m can be written as a bare string.
func OnlyOther(m *Message) bool {
	return m.Description == "" && m.Hash == "" && m.LeftDelim == "" && m.RightDelim == "" &&
		m.Zero == "" && m.One == "" && m.Two == "" && m.Few == "" && m.Many == ""
}

// EditEntry returns the patches that turn message e, as the file has it,
// into m: changed fields rewritten in place, new ones next to the fields
// that stay (in alphabetical order when the file is), gone ones removed.
func EditEntry(syn Syntax, e *Entry, m *Message) []Patch {
	if e.Kind == LocString {
		if OnlyOther(m) {
			return []Patch{syn.SetStr(e.Val, m.Other)}
		}
		return []Patch{syn.ToTable(FieldsOf(m), e.Mem, e.Val)}
	}
	var patches []Patch
	want := FieldsOf(m)
	if len(want) == 0 {
		want = []FieldText{{"other", ""}}
	}
	wantVal := map[string]string{}
	for _, f := range want {
		wantVal[f.Name] = f.Value
	}
	have := map[string]bool{}
	removed := map[*Member]*Value{} // member → the table it is removed from
	var removedOrder []*Member
	for _, fl := range e.Fields {
		name := KeyNames[fl.Key]
		have[name] = true
		if fl.Key == KeyID {
			continue
		}
		nv, keep := wantVal[name]
		switch {
		case !keep:
			container := e.Val
			if fl.Via != nil {
				container = fl.Via.Val
			}
			removed[fl.Mem] = container
			removedOrder = append(removedOrder, fl.Mem)
		case nv != fl.Mem.Val.Str:
			patches = append(patches, syn.SetStr(fl.Mem.Val, nv))
		}
	}
	var add []FieldText
	for _, f := range want {
		if !have[f.Name] {
			add = append(add, f)
		}
	}
	// New fields go next to the message's own keys that stay.
	var anchors []*Member
	for _, mem := range e.Val.Members {
		if _, gone := removed[mem]; !gone {
			anchors = append(anchors, mem)
		}
	}
	var replaced *Member
	if len(anchors) == 0 && len(add) > 0 {
		// Every key goes: turn the first one into the first new field
		// rather than leave nothing to place new keys next to.
		for _, r := range removedOrder {
			if removed[r] == e.Val {
				patches = append(patches, syn.ReplaceMember(e.Val, r, add[0]))
				delete(removed, r)
				replaced = r
				anchors = []*Member{r}
				add = add[1:]
				break
			}
		}
	}
	patches = append(patches, removeMembers(syn, removed, removedOrder)...)
	var last *Member
	for _, mem := range anchors {
		if last == nil || mem.SpanEnd > last.SpanEnd {
			last = mem
		}
	}
	for i, f := range add {
		// Keep alphabetical files alphabetical: insert before the first
		// key that sorts after this one.
		var before *Member
		for _, mem := range anchors {
			if mem != replaced && mem.Key > f.Name && (before == nil || mem.SpanStart < before.SpanStart) {
				before = mem
			}
		}
		p := syn.AddField(e.Val, f, before, last)
		p.Order = i
		patches = append(patches, p)
	}
	return patches
}

// ApplyPatches splices patches into src, in order of position (Order
// breaks ties), and returns the new bytes.
func ApplyPatches(src []byte, patches []Patch) []byte {
	sort.SliceStable(patches, func(i, j int) bool {
		if patches[i].Start != patches[j].Start {
			return patches[i].Start < patches[j].Start
		}
		return patches[i].Order < patches[j].Order
	})
	var b bytes.Buffer
	b.Grow(len(src) + 256)
	pos := 0
	for _, p := range patches {
		// A patch past the end is a writer bug too (a YAML position
		// yaml.v3 counted in lines this package did not see): the result
		// goes to the read-back check, not to a panic.
		p.Start = min(max(p.Start, 0), len(src))
		p.End = min(max(p.End, p.Start), len(src))
		if p.Start < pos {
			// Overlap would be a writer bug; Save's read-back check
			// refuses the result rather than corrupt the file.
			if p.End <= pos {
				b.WriteString(p.Text)
				continue
			}
			p.Start = pos
		}
		b.Write(src[pos:p.Start])
		b.WriteString(p.Text)
		pos = p.End
	}
	b.Write(src[pos:])
	return b.Bytes()
}

// removeMembers deletes the members removed maps to their containers,
// neighbours together when the syntax needs that (RunRemover).
func removeMembers(syn Syntax, removed map[*Member]*Value, order []*Member) []Patch {
	var patches []Patch
	done := map[*Member]bool{}
	for _, r := range order {
		t, ok := removed[r]
		if !ok || done[r] {
			continue
		}
		rr, runs := syn.(RunRemover)
		k := slices.Index(t.Members, r)
		if !runs || k < 0 {
			done[r] = true
			patches = append(patches, syn.Remove(t, r)...)
			continue
		}
		// Widen to the run of removed neighbours around r.
		first, last := k, k
		for first > 0 && removed[t.Members[first-1]] == t {
			first--
		}
		for last+1 < len(t.Members) && removed[t.Members[last+1]] == t {
			last++
		}
		for _, m := range t.Members[first : last+1] {
			done[m] = true
		}
		patches = append(patches, rr.RemoveRun(t, t.Members[first], t.Members[last])...)
	}
	return patches
}
