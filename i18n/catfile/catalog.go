package catfile

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"

	"communique/i18n/catfile/tree"

	"golang.org/x/text/language"
)

// Catalog is one catalog file: its messages in file order, and the original
// bytes it edits in place.
type Catalog struct {
	Path   string
	Lang   language.Tag
	Format Format

	src   []byte     // bytes as read (or as last saved); never modified in place
	msgs  []stored   // src's messages in file order; strings point into src
	order []int32    // indexes of msgs sorted by ID: a quarter of a map's memory
	stamp *lazyStamp // of the bytes as read or last saved; nil for New
	// The byte positions of messages are not kept: a large catalog's
	// position tree is many times the size of the file. The writer scans
	// src again when there is something to write.
	derivedMu sync.Mutex
	derived   map[any]any // see Derived

	// Pending edits, applied by Bytes.
	edits   map[string]*tree.Message // replaced content of an entry in src (nil = deleted)
	added   []*tree.Message          // new messages, in the order they were added
	addedAt map[string]int           // index into added
	dirty   bool
	// renderErr is set by Bytes when an edit cannot be written safely.
	renderErr error
	// utf16 is the byte order of a YAML file read as UTF-16 (which YAML
	// allows): src holds it as UTF-8, and Bytes encodes it back.
	utf16 binary.ByteOrder
}

// Parse reads a catalog from data. The language and format come from the file
// name, as go-i18n derives them: the format is the extension, the language the
// name part before it (active.fr.toml and fr.toml are both French).
func Parse(path string, data []byte) (*Catalog, error) {
	c, err := newCatalog(path)
	if err != nil {
		return nil, err
	}
	// Own a private copy: message strings point into it.
	src := bytes.Clone(data)
	if src == nil {
		src = []byte{}
	}
	if err := c.parse(src); err != nil {
		return nil, err
	}
	return c, nil
}

// Load reads and parses the catalog at path and remembers its content, so
// that Save can tell whether someone else changed the file meanwhile.
func Load(path string) (*Catalog, error) {
	data, err := ReadFile(path)
	if err != nil {
		return nil, err
	}
	c, err := newCatalog(path)
	if err != nil {
		return nil, err
	}
	if err := c.parse(data); err != nil {
		return nil, err
	}
	c.stamp = stampOf(data)
	return c, nil
}

// LoadAs is Load for a file whose name does not give its language
// (locales/fr/messages.yaml): the language is lang.
func LoadAs(path string, lang language.Tag) (*Catalog, error) {
	data, err := ReadFile(path)
	if err != nil {
		return nil, err
	}
	format, err := FormatOf(path)
	if err != nil {
		return nil, err
	}
	c := &Catalog{Path: path, Lang: lang, Format: format}
	if err := c.parse(data); err != nil {
		return nil, err
	}
	c.stamp = stampOf(data)
	return c, nil
}

// New returns an empty catalog for a file that does not exist yet. Save
// refuses to overwrite a file that appeared at path in the meantime.
func New(path string) (*Catalog, error) {
	c, err := newCatalog(path)
	if err != nil {
		return nil, err
	}
	c.src = []byte{}
	return c, nil
}

func newCatalog(path string) (*Catalog, error) {
	format, err := FormatOf(path)
	if err != nil {
		return nil, err
	}
	langPart, _ := langAndFormat(path)
	tag, err := language.Parse(langPart)
	if err != nil || langPart == "" {
		return nil, fmt.Errorf("%s: file name has no language tag (want active.<lang>.%s or <lang>.%s): %q", path, format, format, langPart)
	}
	return &Catalog{Path: path, Lang: tag, Format: format}, nil
}

func (c *Catalog) parse(src []byte) error {
	if c.Format == YAML {
		dec, order, err := fromUTF16(src)
		if err != nil {
			return c.parseError(src, err)
		}
		if order != nil {
			src, c.utf16 = dec, order
		}
	}
	if err := checkUTF8(src); err != nil {
		return c.parseError(src, err)
	}
	scratch := messageScratch.Get().(*[]tree.Message)
	defer messageScratch.Put(scratch)
	msgs, entries, err := read(c.Format, src, *scratch)
	if err != nil {
		return c.parseError(src, err)
	}
	*scratch = msgs[:0] // keep what it grew to
	return c.setMessages(src, msgs, entries)
}

// messageScratch holds the buffers read reads messages into before
// setMessages packs them: loading 30 catalogs of 5,000 messages would
// otherwise allocate and zero a megabyte and a half per file only to drop
// it. A buffer keeps the last file's strings reachable until it is reused
// or the pool is emptied, which the GC does within two cycles.
var messageScratch = sync.Pool{New: func() any { return new([]tree.Message) }}

// parseError turns a scanner error into a *ParseError naming the file.
func (c *Catalog) parseError(src []byte, err error) error {
	var pe *tree.PosError
	if errors.As(err, &pe) {
		line, col := tree.LineCol(src, pe.Off)
		if pe.Line > 0 {
			line, col = pe.Line, pe.Col
		}
		return &ParseError{Path: c.Path, Line: line, Col: col, Msg: excerpt(pe.Msg)}
	}
	return &ParseError{Path: c.Path, Line: 1, Col: 1, Msg: excerpt(err.Error())}
}

// setMessages makes msgs, read from src, the catalog's content. entries
// (nil from the fast path) give positions for error messages.
func (c *Catalog) setMessages(src []byte, all []tree.Message, entries []*tree.Entry) error {
	order := make([]int32, len(all))
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortFunc(order, func(a, b int32) int {
		if c := strings.Compare(all[a].ID, all[b].ID); c != 0 {
			return c
		}
		return int(a - b)
	})
	for k := 1; k < len(order); k++ {
		if all[order[k-1]].ID == all[order[k]].ID {
			if entries == nil {
				// The fast path gives no positions (and does not look for
				// TOML's own duplicate keys): let the scanner report it.
				var err error
				if _, entries, err = scan(c.Format, src, false); err != nil {
					return c.parseError(src, err)
				}
			}
			first, e := entries[order[k-1]], entries[order[k]]
			l1, _ := tree.LineCol(src, first.Start)
			l2, c2 := tree.LineCol(src, e.Start)
			// go-i18n would keep one of the two at random (map order);
			// refusing is the only way not to lose one silently.
			return &ParseError{Path: c.Path, Line: l2, Col: c2, Msg: excerpt(fmt.Sprintf("message %q defined twice (first on line %d)", e.ID, l1))}
		}
	}
	msgs := packAll(all)
	c.src = src
	c.msgs = msgs
	c.derived = nil
	c.order = order
	c.edits = nil
	c.added = nil
	c.addedAt = nil
	c.dirty = false
	return nil
}
