package catfile

import (
	"bytes"
	"errors"
	"fmt"
	"strings"

	"communique/i18n/catfile/jsonfile"
	"communique/i18n/catfile/tomlfile"
	"communique/i18n/catfile/tree"
	"communique/i18n/catfile/yamlfile"
)

func (c *Catalog) syntax() tree.Syntax {
	switch c.Format {
	case JSON:
		return jsonfile.Writer(c.src)
	case YAML:
		return yamlfile.Writer(c.src)
	}
	return tomlfile.Writer(c.src)
}

// render returns src with the pending edits written in, or sets renderErr
// when they cannot be written safely.
func (c *Catalog) render() []byte {
	c.renderErr = nil
	root, entries, err := scan(c.Format, c.src, true)
	if err != nil {
		// src parsed when it was loaded, so this is a bug; Save must not
		// write, and Bytes keeps the content as it was.
		c.renderErr = fmt.Errorf("%s: internal error, the catalog no longer parses (nothing was written): %w", c.Path, err)
		return bytes.Clone(c.src)
	}
	syn := c.syntax()
	var patches []tree.Patch
	var collapsed map[*tree.Member]bool
	if c.Format == YAML {
		patches, collapsed = yamlfile.Collapse(entries, c.deleted)
	}
	for _, e := range entries {
		m, edited := c.edits[e.ID]
		if !edited {
			continue
		}
		if c.Format == YAML && yamlfile.UsesAnchor(e) {
			// Changing an anchored value would change every alias of it
			// too (and deleting it breaks them): leave such files to a
			// text editor rather than guess.
			c.renderErr = c.refuse(fmt.Errorf("message %q uses a YAML anchor or alias (&/*); change it in a text editor", e.ID))
		}
		if m == nil && e.Container == nil {
			// The whole file is this one message.
			empty := "{}" + tree.Newline(c.src)
			if c.Format == TOML {
				empty = ""
			}
			patches = append(patches, tree.Patch{Start: 0, End: len(c.src), Text: empty})
			continue
		}
		if m == nil {
			if e.Mem == nil || !collapsed[e.Mem] {
				patches = append(patches, syn.RemoveEntry(e)...)
			}
			continue
		}
		patches = append(patches, tree.EditEntry(syn, e, m)...)
	}
	var added []*tree.Message
	for _, m := range c.added {
		if m != nil {
			added = append(added, m)
		}
	}
	for _, p := range patches {
		if p.Err != nil && c.renderErr == nil {
			c.renderErr = c.refuse(p.Err)
		}
	}
	if len(added) > 0 {
		gone := map[any]bool{}
		for _, e := range entries {
			if m, edited := c.edits[e.ID]; edited && m == nil && e.Container == root {
				if e.Mem != nil {
					gone[e.Mem] = true
				} else {
					gone[e.Val] = true
				}
			}
		}
		if m := tableClash(root, added, gone, entries); m != "" && c.renderErr == nil {
			c.renderErr = c.refuse(errors.New(m))
		}
		patches = append(patches, syn.AppendMessages(c.src, root, added, gone)...)
	}
	out := tree.ApplyPatches(c.src, patches)
	if c.Format == YAML && root != nil && !yamlfile.HasContent(out) {
		// The last message went and only comments are left: go-i18n
		// cannot load a YAML file with no document, so it says "{}".
		out = append(out, "{}"+tree.Newline(c.src)...)
	}
	return out
}

// deleted reports whether the message id read from the file is deleted.
func (c *Catalog) deleted(id string) bool {
	m, edited := c.edits[id]
	return edited && m == nil
}

// tableClash describes a new message whose ID is already the key of a
// group of nested messages at the top of the file ("nav" where "nav.back"
// is written as nav: {back: …}): go-i18n cannot hold a message and a group
// of the same name, so the only honest answer is to refuse it.
func tableClash(root *tree.Value, added []*tree.Message, gone map[any]bool, entries []*tree.Entry) string {
	if root == nil || root.Kind != tree.Table {
		return ""
	}
	for _, m := range added {
		mem := root.Lookup(m.ID)
		if mem == nil || gone[mem] || gone[mem.Val] {
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

// ErrEditRefused is what Save's error wraps when an edit cannot be written
// safely in the file's own layout (a YAML anchor, a new message whose ID is
// already a group of messages, a key with no line of its own to go on):
// nothing was written, and the change needs a text editor.
var ErrEditRefused = errors.New("edit refused")

// refusedError is an ErrEditRefused saying what was refused.
type refusedError struct {
	path string
	why  error
}

func (e *refusedError) Error() string {
	return e.path + ": " + e.why.Error() + " (nothing was written)"
}

func (e *refusedError) Unwrap() []error { return []error{ErrEditRefused, e.why} }

func (c *Catalog) refuse(why error) error { return &refusedError{path: c.Path, why: why} }
