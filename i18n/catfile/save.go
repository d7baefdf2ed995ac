package catfile

import (
	"bytes"
	"fmt"
	"sync"

	"communique/app/safefile"
)

// Bytes returns the catalog file content: the bytes it was read from with
// only the changed messages rewritten. With no changes it is byte-identical to
// what was read, in the file's encoding.
func (c *Catalog) Bytes() []byte { return c.encode(c.text()) }

// text is the content as UTF-8, which is what the writer edits.
func (c *Catalog) text() []byte {
	if !c.dirty {
		return bytes.Clone(c.src)
	}
	return c.render()
}

// Save writes the catalog to Path, unless the file changed on disk since it
// was loaded (then it returns a *safefile.ConflictError and writes nothing).
// Before writing, the new content is parsed again and compared with the
// catalog's messages, so a writer bug can never put a file on disk that loses
// or garbles a message.
func (c *Catalog) Save() error {
	text := c.text()
	if c.renderErr != nil {
		return c.renderErr
	}
	if err := c.verify(text); err != nil {
		return err
	}
	data := c.encode(text)
	if err := safefile.WriteIfUnchanged(c.Path, data, 0o644, c.stamp.get()); err != nil {
		return err
	}
	c.stamp = stampOf(data)
	return c.parse(data)
}

// Stamp returns the stamp of the content the catalog was loaded from (or last
// saved); the zero Stamp for a catalog made with New.
func (c *Catalog) Stamp() safefile.Stamp { return c.stamp.get() }

// lazyStamp is the stamp of content read or written, hashed the first
// time it is needed: a SHA-256 of every file is a twentieth of what
// status spends on 30 languages, and status never saves. data is the
// catalog's own unmodified bytes (c.src for UTF-8), so keeping it costs
// nothing.
type lazyStamp struct {
	once  sync.Once
	data  []byte
	stamp safefile.Stamp
}

func stampOf(data []byte) *lazyStamp { return &lazyStamp{data: data} }

// get returns the stamp; the zero Stamp for nil (a catalog made with New).
func (s *lazyStamp) get() safefile.Stamp {
	if s == nil {
		return safefile.Stamp{}
	}
	s.once.Do(func() {
		s.stamp = safefile.StampBytes(s.data)
		s.data = nil
	})
	return s.stamp
}

// verify checks that data reads back as exactly the catalog's messages.
func (c *Catalog) verify(data []byte) error {
	want := c.Messages()
	again, err := Parse(c.Path, data)
	if err != nil {
		return fmt.Errorf("%s: internal error, the edited catalog does not read back (nothing was written): %w", c.Path, err)
	}
	got := again.Messages()
	if len(got) != len(want) {
		return fmt.Errorf("%s: internal error, the edited catalog reads back with %d messages instead of %d (nothing was written)", c.Path, len(got), len(want))
	}
	// By ID: where nested tables are split over the file, the order
	// messages are read in can shift when one of them goes.
	for _, w := range want {
		if g, ok := again.Get(w.ID); !ok || g != w {
			return fmt.Errorf("%s: internal error, message %q does not read back as written (nothing was written)", c.Path, w.ID)
		}
	}
	return nil
}
