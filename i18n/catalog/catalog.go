// Package catalog reads, edits and writes go-i18n message catalogs (TOML,
// JSON, YAML) without losing anything a translator put in them, and tells
// per language what is translated, stale or missing.
//
// go-i18n's own tooling decodes a catalog into a map and re-encodes it, which
// sorts keys and drops comments, custom layout and stale translations. This
// package instead keeps the original bytes and edits only the byte spans of
// the messages that changed, so a catalog that went through Communiqué still
// diffs cleanly in git and reads as the translator left it. What counts as a
// message (reserved keys, nested tables as dotted IDs, the v1 "translation"
// key and list form) follows go-i18n v2.7.0's parser exactly; fuzz tests hold
// the two side by side, and an interop test runs the real goi18n CLI.
//
// Around the catalog: Status (translated / needs_review / missing per
// message, with QA rules and CLDR plural forms), History (the old source
// texts, so a stale translation can be reviewed against what it translated),
// Handoff and Merge (the goi18n translate-file workflow, minus its losses).
//
// A Catalog is not safe for concurrent mutation; LoadAll and StatusAll do the
// read-only work of many languages on all cores.
package catalog

import (
	"bytes"
	"crypto/sha1"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"communique/app/safefile"

	"golang.org/x/text/language"
)

// Format is a catalog file format, named as go-i18n names it (the file
// extension).
type Format string

// The formats go-i18n's goi18n tool reads and writes.
const (
	TOML Format = "toml"
	JSON Format = "json"
	YAML Format = "yaml"
)

// FormatOf returns the format of a catalog file from its extension.
func FormatOf(path string) (Format, error) {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".toml":
		return TOML, nil
	case ".json":
		return JSON, nil
	case ".yaml", ".yml":
		return YAML, nil
	}
	return "", fmt.Errorf("%s: not a catalog file (want .toml, .json, .yaml or .yml)", path)
}

// Message mirrors go-i18n's i18n.Message: one translatable string with its
// CLDR plural forms.
type Message struct {
	ID, Description, Hash, LeftDelim, RightDelim string
	Zero, One, Two, Few, Many, Other             string
}

// Hash returns the hash goi18n stores in translation files to record which
// source text a translation was made from: "sha1-" and the hex SHA-1 of the
// description followed by the "other" text.
func Hash(description, other string) string {
	h := sha1.New()
	h.Write([]byte(description))
	h.Write([]byte(other))
	return "sha1-" + hex.EncodeToString(h.Sum(nil))
}

// SourceHash is Hash of the message's own description and other text.
func (m Message) SourceHash() string { return Hash(m.Description, m.Other) }

// Forms returns the plural forms the message has text for, in CLDR order
// (zero, one, two, few, many, other).
func (m Message) Forms() []string {
	var forms []string
	for _, f := range pluralFields {
		if *m.field(f) != "" {
			forms = append(forms, fieldNames[f])
		}
	}
	return forms
}

// Form returns the text of a plural form by its CLDR name ("one", "other"…).
func (m Message) Form(name string) string {
	switch name {
	case "other":
		return m.Other
	case "one":
		return m.One
	case "few":
		return m.Few
	case "many":
		return m.Many
	case "two":
		return m.Two
	case "zero":
		return m.Zero
	}
	return ""
}

// Empty reports whether the message has no text in any plural form.
func (m Message) Empty() bool {
	return m.Zero == "" && m.One == "" && m.Two == "" && m.Few == "" && m.Many == "" && m.Other == ""
}

// ParseError reports malformed catalog content at a position in a file.
type ParseError struct {
	Path      string
	Line, Col int
	Msg       string
}

func (e *ParseError) Error() string {
	return fmt.Sprintf("%s:%d:%d: %s", e.Path, e.Line, e.Col, excerpt(e.Msg))
}

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
	cacheMu   sync.Mutex
	srcHashes []string      // Hash of each of msgs, computed on first use
	facts     []sourceFacts // QA facts of each of msgs, computed on first use

	// Pending edits, applied by Bytes.
	edits   map[string]*Message // replaced content of an entry in src (nil = deleted)
	added   []*Message          // new messages, in the order they were added
	addedAt map[string]int      // index into added
	dirty   bool
	// renderErr is set by Bytes when an edit cannot be written safely.
	renderErr error
	// utf16 is the byte order of a YAML file read as UTF-16 (which YAML
	// allows): src holds it as UTF-8, and Bytes encodes it back.
	utf16 binary.ByteOrder
}

// entry is a message found in src, with where its bytes are.
type entry struct {
	Message
	loc
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
	data, err := readLimited(path)
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
	data, err := readLimited(path)
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

// langAndFormat splits a file name the way go-i18n's parsePath does: the
// format is after the last dot, the language between the dot before it (or
// the start of the base name) and that.
func langAndFormat(path string) (lang, format string) {
	base := filepath.Base(path)
	i := strings.LastIndexByte(base, '.')
	if i < 0 {
		return "", ""
	}
	format = base[i+1:]
	rest := base[:i]
	if j := strings.LastIndexByte(rest, '.'); j >= 0 {
		rest = rest[j+1:]
	}
	return rest, format
}

// scan parses src into its position tree and messages.
func scan(format Format, src []byte, positions bool) (*value, []*entry, error) {
	a := &arena{positions: positions}
	switch format {
	case TOML:
		return parseTOML(a, src)
	case JSON:
		return parseJSON(a, src)
	case YAML:
		return parseYAML(a, src)
	}
	return nil, nil, fmt.Errorf("unsupported format %q", format)
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
	if c.Format == TOML {
		scratch := messageScratch.Get().(*[]Message)
		msgs, ok := fastTOMLInto(src, *scratch)
		if ok {
			*scratch = msgs[:0] // keep what it grew to
			err := c.setMessages(src, msgs, nil)
			messageScratch.Put(scratch)
			return err
		}
		messageScratch.Put(scratch)
	}
	_, entries, err := scan(c.Format, src, false)
	if err != nil {
		return c.parseError(src, err)
	}
	msgs := make([]Message, len(entries))
	for i, e := range entries {
		msgs[i] = e.Message
	}
	return c.setMessages(src, msgs, entries)
}

// messageScratch holds the buffers fastTOML reads messages into before
// setMessages packs them: loading 30 catalogs of 5,000 messages would
// otherwise allocate and zero a megabyte and a half per file only to drop
// it. A buffer keeps the last file's strings reachable until it is reused
// or the pool is emptied, which the GC does within two cycles.
var messageScratch = sync.Pool{New: func() any { return new([]Message) }}

// parseError turns a scanner error into a *ParseError naming the file.
func (c *Catalog) parseError(src []byte, err error) error {
	var pe *posError
	if errors.As(err, &pe) {
		line, col := lineCol(src, pe.off)
		if pe.line > 0 {
			line, col = pe.line, pe.col
		}
		return &ParseError{Path: c.Path, Line: line, Col: col, Msg: excerpt(pe.msg)}
	}
	return &ParseError{Path: c.Path, Line: 1, Col: 1, Msg: excerpt(err.Error())}
}

// setMessages makes msgs, read from src, the catalog's content. entries
// (nil from the fast path) give positions for error messages.
func (c *Catalog) setMessages(src []byte, all []Message, entries []*entry) error {
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
			l1, _ := lineCol(src, first.start)
			l2, c2 := lineCol(src, e.start)
			// go-i18n would keep one of the two at random (map order);
			// refusing is the only way not to lose one silently.
			return &ParseError{Path: c.Path, Line: l2, Col: c2, Msg: excerpt(fmt.Sprintf("message %q defined twice (first on line %d)", e.ID, l1))}
		}
	}
	msgs := packAll(all)
	c.src = src
	c.msgs = msgs
	c.srcHashes = nil
	c.facts = nil
	c.order = order
	c.edits = nil
	c.added = nil
	c.addedAt = nil
	c.dirty = false
	return nil
}

// lineCol converts a byte offset to a 1-based line and column (in bytes).
func lineCol(src []byte, off int) (line, col int) {
	if off > len(src) {
		off = len(src)
	}
	if off < 0 {
		off = 0
	}
	line = 1 + bytes.Count(src[:off], []byte{'\n'})
	col = off - bytes.LastIndexByte(src[:off], '\n')
	return line, col
}

// posError is a parse error at a byte offset (or an explicit line/column).
type posError struct {
	off       int
	line, col int
	msg       string
}

func (e *posError) Error() string { return e.msg }

func errAt(off int, format string, args ...any) error {
	return &posError{off: off, msg: fmt.Sprintf(format, args...)}
}

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

// position returns the index in list() of the message with ID id, or -1
// when it is not there or the catalog is edited (list() is then a copy).
func (c *Catalog) position(id string) int {
	if len(c.edits) == 0 && len(c.added) == 0 {
		if i, ok := c.index(id); ok {
			return i
		}
	}
	return -1
}

// stored is a message as a catalog keeps it: most messages have only an ID,
// a hash and "other", and a full Message is 176 bytes; with thousands of
// messages in dozens of languages that difference is most of the memory.
type stored struct {
	id, other, hash string
	full            *Message // set when the message has any other field
}

func needsFull(m *Message) bool {
	return m.Description != "" || m.LeftDelim != "" || m.RightDelim != "" ||
		m.Zero != "" || m.One != "" || m.Two != "" || m.Few != "" || m.Many != ""
}

// packAll packs messages, the full ones in one block: a catalog of
// thousands makes one allocation for them rather than one each, which is
// a good part of loading many languages.
func packAll(all []Message) []stored {
	n := 0
	for i := range all {
		if needsFull(&all[i]) {
			n++
		}
	}
	full := make([]Message, 0, n)
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

func (s *stored) msg() Message {
	if s.full != nil {
		return *s.full
	}
	return Message{ID: s.id, Other: s.other, Hash: s.hash}
}

// msgList reads a catalog's messages by index without copying them all.
type msgList struct {
	st []stored
	ms []Message
}

func (l msgList) len() int {
	if l.ms != nil {
		return len(l.ms)
	}
	return len(l.st)
}

func (l msgList) at(i int) Message {
	if l.ms != nil {
		return l.ms[i]
	}
	return l.st[i].msg()
}

func (l msgList) id(i int) string {
	if l.ms != nil {
		return l.ms[i].ID
	}
	return l.st[i].id
}

// list returns the messages; unedited catalogs are read in place.
func (c *Catalog) list() msgList {
	if len(c.edits) == 0 && len(c.added) == 0 {
		return msgList{st: c.msgs}
	}
	ms := c.Messages()
	if ms == nil {
		ms = []Message{}
	}
	return msgList{ms: ms}
}

// qaCache returns the source hash and QA facts of each message, computed
// once while the catalog is unedited, so that Status can compare one source
// with many languages (also concurrently, see StatusAll). It returns nils
// for an edited catalog.
func (c *Catalog) qaCache() ([]string, []sourceFacts) {
	if len(c.edits) > 0 || len(c.added) > 0 {
		return nil, nil
	}
	c.cacheMu.Lock()
	defer c.cacheMu.Unlock()
	if c.srcHashes == nil {
		hashes := make([]string, len(c.msgs))
		facts := make([]sourceFacts, len(c.msgs))
		for i := range c.msgs {
			m := c.msgs[i].msg()
			hashes[i] = Hash(m.Description, m.Other)
			facts[i] = newSourceFacts(&m)
		}
		c.srcHashes, c.facts = hashes, facts
	}
	return c.srcHashes, c.facts
}

// Messages returns the catalog's messages in file order, new ones last.
func (c *Catalog) Messages() []Message {
	out := make([]Message, 0, len(c.msgs)+len(c.added))
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
func (c *Catalog) Get(id string) (Message, bool) {
	if m, edited := c.edits[id]; edited {
		if m == nil {
			return Message{}, false
		}
		return *m, true
	}
	if i, ok := c.index(id); ok {
		return c.msgs[i].msg(), true
	}
	if i, ok := c.addedAt[id]; ok && c.added[i] != nil {
		return *c.added[i], true
	}
	return Message{}, false
}

// Set stores m under m.ID: an existing message is updated where it stands
// (only its own lines change), a new one is added at the end of the file.
// Set replaces all fields, except that a message keeps its leftdelim and
// rightdelim when m has none, so that code which builds a Message from
// scratch cannot strip a translator's custom delimiters.
func (c *Catalog) Set(m Message) {
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
				c.edits = map[string]*Message{}
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
			c.edits = map[string]*Message{}
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
