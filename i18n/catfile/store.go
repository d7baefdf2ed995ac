package catfile

import (
	"slices"
	"strings"

	"communique/i18n/catfile/tree"
)

// index finds the position in msgs of the message read from src with ID id.
func (c *Catalog) index(id string) (int, bool) {
	k, ok := slices.BinarySearchFunc(c.order, id, func(i int32, id string) int {
		return strings.Compare(c.msgs[i].id, id)
	})
	if !ok {
		return 0, false
	}
	return int(c.order[k]), true
}

// stored is a message as a catalog keeps it: most messages have only an ID,
// a hash and "other", and a full Message is 176 bytes; with thousands of
// messages in dozens of languages that difference is most of the memory.
type stored struct {
	id, other, hash string
	full            *tree.Message // set when the message has any other field
}

func needsFull(m *tree.Message) bool {
	return m.Description != "" || m.LeftDelim != "" || m.RightDelim != "" ||
		m.Zero != "" || m.One != "" || m.Two != "" || m.Few != "" || m.Many != ""
}

// packAll packs messages, the full ones in one block: a catalog of
// thousands makes one allocation for them rather than one each, which is
// a good part of loading many languages.
func packAll(all []tree.Message) []stored {
	n := 0
	for i := range all {
		if needsFull(&all[i]) {
			n++
		}
	}
	full := make([]tree.Message, 0, n)
	msgs := make([]stored, len(all))
	for i := range all {
		m := &all[i]
		msgs[i] = stored{id: m.ID, other: m.Other, hash: m.Hash}
		if needsFull(m) {
			full = append(full, *m)
			msgs[i].full = &full[len(full)-1]
		}
	}
	return msgs
}

func (s *stored) msg() tree.Message {
	if s.full != nil {
		return *s.full
	}
	return tree.Message{ID: s.id, Other: s.other, Hash: s.hash}
}

// View reads a catalog's messages by index without copying them all: an
// unedited catalog (what status reads) in place, an edited one from a copy
// of Messages.
type View struct {
	st []stored
	ms []tree.Message
	c  *Catalog       // in place: IDs are found through c.order
	at map[string]int // a copy: indexed on the first Index
}

// View returns a view of the catalog's messages as they are now.
func (c *Catalog) View() *View {
	if !c.edited() {
		return &View{st: c.msgs, c: c}
	}
	ms := c.Messages()
	if ms == nil {
		ms = []tree.Message{}
	}
	return &View{ms: ms}
}

// Len is the number of messages.
func (v *View) Len() int {
	if v.ms != nil {
		return len(v.ms)
	}
	return len(v.st)
}

// At returns the message at index i.
func (v *View) At(i int) tree.Message {
	if v.ms != nil {
		return v.ms[i]
	}
	return v.st[i].msg()
}

// ID returns the ID of the message at index i.
func (v *View) ID(i int) string {
	if v.ms != nil {
		return v.ms[i].ID
	}
	return v.st[i].id
}

// Index returns the index of the message with ID id, -1 if there is none.
func (v *View) Index(id string) int {
	if v.ms == nil {
		if i, ok := v.c.index(id); ok {
			return i
		}
		return -1
	}
	if v.at == nil {
		v.at = make(map[string]int, len(v.ms))
		for i, m := range v.ms {
			v.at[m.ID] = i
		}
	}
	if i, ok := v.at[id]; ok {
		return i
	}
	return -1
}

// edited reports whether the catalog has edits on top of what it read.
func (c *Catalog) edited() bool { return len(c.edits) > 0 || len(c.added) > 0 }

// Derived returns what make computes from the catalog's messages, made
// once and kept until the content changes, so that work many callers
// repeat on one unedited catalog (the source's hashes and QA facts,
// compared with thirty languages at once) is done once. Callers tell their
// values apart by key. It is safe for concurrent use; an edited catalog
// keeps nothing, and Derived returns nil.
func (c *Catalog) Derived(key any, make func(v *View) any) any {
	if c.edited() {
		return nil
	}
	c.derivedMu.Lock()
	defer c.derivedMu.Unlock()
	if d, ok := c.derived[key]; ok {
		return d
	}
	d := make(c.View())
	if c.derived == nil {
		c.derived = map[any]any{}
	}
	c.derived[key] = d
	return d
}
