package catfile

import (
	"bytes"

	"communique/i18n/catfile/tree"
)

// Messages returns the catalog's messages in file order, new ones last.
func (c *Catalog) Messages() []tree.Message {
	out := make([]tree.Message, 0, len(c.msgs)+len(c.added))
	for i := range c.msgs {
		if e, edited := c.edits[c.msgs[i].id]; edited {
			if e != nil {
				out = append(out, *e)
			}
			continue
		}
		out = append(out, c.msgs[i].msg())
	}
	for _, m := range c.added {
		if m != nil {
			out = append(out, *m)
		}
	}
	return out
}

// Len returns the number of messages.
func (c *Catalog) Len() int {
	n := len(c.msgs)
	for _, m := range c.edits {
		if m == nil {
			n--
		}
	}
	for _, m := range c.added {
		if m != nil {
			n++
		}
	}
	return n
}

// Get returns the message with the given ID.
func (c *Catalog) Get(id string) (tree.Message, bool) {
	if m, edited := c.edits[id]; edited {
		if m == nil {
			return tree.Message{}, false
		}
		return *m, true
	}
	if i, ok := c.index(id); ok {
		return c.msgs[i].msg(), true
	}
	if i, ok := c.addedAt[id]; ok && c.added[i] != nil {
		return *c.added[i], true
	}
	return tree.Message{}, false
}

// Set stores m under m.ID: an existing message is updated where it stands
// (only its own lines change), a new one is added at the end of the file.
// Set replaces all fields, except that a message keeps its leftdelim and
// rightdelim when m has none, so that code which builds a Message from
// scratch cannot strip a translator's custom delimiters.
func (c *Catalog) Set(m tree.Message) {
	if m.LeftDelim == "" && m.RightDelim == "" {
		if old, ok := c.Get(m.ID); ok {
			m.LeftDelim, m.RightDelim = old.LeftDelim, old.RightDelim
		}
	}
	if old, ok := c.Get(m.ID); ok && old == m {
		return
	}
	if i, ok := c.index(m.ID); ok {
		if c.msgs[i].msg() == m {
			delete(c.edits, m.ID)
		} else {
			if c.edits == nil {
				c.edits = map[string]*tree.Message{}
			}
			c.edits[m.ID] = &m
		}
		c.dirty = true
		return
	}
	if i, ok := c.addedAt[m.ID]; ok {
		c.added[i] = &m
		c.dirty = true
		return
	}
	if c.addedAt == nil {
		c.addedAt = map[string]int{}
	}
	c.addedAt[m.ID] = len(c.added)
	c.added = append(c.added, &m)
	c.dirty = true
}

// Delete removes the message with the given ID, if there is one.
func (c *Catalog) Delete(id string) {
	if i, ok := c.addedAt[id]; ok {
		c.added[i] = nil
		delete(c.addedAt, id)
		c.dirty = true
		return
	}
	if _, ok := c.index(id); ok {
		if m, edited := c.edits[id]; edited && m == nil {
			return
		}
		if c.edits == nil {
			c.edits = map[string]*tree.Message{}
		}
		c.edits[id] = nil
		c.dirty = true
	}
}

// Dirty reports whether the catalog has changes not yet saved.
func (c *Catalog) Dirty() bool {
	if !c.dirty {
		return false
	}
	return !bytes.Equal(c.text(), c.src)
}
