package catalog

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"sort"
	"strings"

	"communique/app/safefile"
	"communique/i18n/catfile"
	"communique/i18n/catfile/tomlfile"
	"communique/i18n/catfile/tree"

	"github.com/BurntSushi/toml"
)

// History remembers every source text ever written, by hash, so that a
// translation made from an older source can show what that source said.
// goi18n keeps only the hash and throws the stale translation away; we keep
// both and let a reviewer compare old and new source.
//
// On disk (source-history.toml) it is plain TOML, one table per hash:
//
//	["sha1-…"]
//	id = "statement.title"
//	description = "…"
//	other = "…"
type History struct {
	path    string
	stamp   safefile.Stamp
	entries map[string]Message
	dirty   bool
}

// NewHistory returns an empty history kept in memory only: Save writes
// nothing. A go-i18n project that did not ask for Communiqué's files gets
// none.
func NewHistory() *History { return &History{entries: map[string]Message{}} }

// LoadHistory reads the history file at path; a missing file is an empty
// history.
func LoadHistory(path string) (*History, error) {
	h := &History{path: path, entries: map[string]Message{}}
	data, err := catfile.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return h, nil
	}
	if err != nil {
		return nil, err
	}
	entries, err := parseHistory(path, data)
	if err != nil {
		return nil, err
	}
	h.entries = entries
	h.stamp = safefile.StampBytes(data)
	return h, nil
}

func parseHistory(path string, data []byte) (map[string]Message, error) {
	var raw map[string]map[string]string
	// Nesting that would stall the TOML library (see tomlfile.CheckDepth)
	// is refused first: the history comes with the workspace.
	if err := tomlfile.CheckDepth(data); err != nil {
		var pe *tree.PosError
		errors.As(err, &pe)
		line, col := tree.LineCol(data, pe.Off)
		return nil, &ParseError{Path: path, Line: line, Col: col, Msg: pe.Msg}
	}
	if _, err := toml.Decode(string(data), &raw); err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			return nil, &ParseError{Path: path, Line: pe.Position.Line, Col: pe.Position.Col, Msg: pe.Message}
		}
		return nil, &ParseError{Path: path, Line: 1, Col: 1, Msg: err.Error()}
	}
	entries := make(map[string]Message, len(raw))
	for hash, t := range raw {
		m := Message{Hash: hash}
		for k, v := range t {
			f, ok := tree.KeyOf(k)
			if !ok || f == tree.KeyTranslation || f == tree.KeyHash {
				continue
			}
			*tree.Field(&m, f) = v
		}
		entries[hash] = m
	}
	return entries, nil
}

// Remember records a source message under the hash of its current text.
// Remembering the same text twice changes nothing.
func (h *History) Remember(m Message) {
	hash := Hash(m.Description, m.Other)
	if _, ok := h.entries[hash]; ok {
		return
	}
	m.Hash = hash
	m.LeftDelim, m.RightDelim = "", ""
	h.entries[hash] = m
	h.dirty = true
}

// Lookup returns the source message that had the given hash.
func (h *History) Lookup(hash string) (Message, bool) {
	m, ok := h.entries[hash]
	return m, ok
}

// Len returns the number of remembered source texts.
func (h *History) Len() int { return len(h.entries) }

// Save writes the history, sorted by hash so the file diffs cleanly. The
// history only ever grows, so entries someone else added to the file
// meanwhile (another app instance, a git merge) are merged in rather than
// treated as a conflict.
func (h *History) Save() error {
	if h.path == "" {
		return nil // NewHistory: in memory only
	}
	for attempt := 0; ; attempt++ {
		disk, err := os.ReadFile(h.path)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			disk = nil
		case err != nil:
			return err
		}
		stamp := safefile.Stamp{}
		if disk != nil {
			stamp = safefile.StampBytes(disk)
			if stamp != h.stamp {
				theirs, err := parseHistory(h.path, disk)
				if err != nil {
					return fmt.Errorf("cannot merge with the history on disk: %w", err)
				}
				for k, m := range theirs {
					if _, ok := h.entries[k]; !ok {
						h.entries[k] = m
					}
				}
			}
		}
		data := h.Bytes()
		err = safefile.WriteIfUnchanged(h.path, data, 0o644, stamp)
		var conflict *safefile.ConflictError
		if errors.As(err, &conflict) && attempt < 3 {
			continue // changed between our read and write: merge again
		}
		if err != nil {
			return err
		}
		h.stamp = safefile.StampBytes(data)
		h.dirty = false
		return nil
	}
}

// Bytes returns the history file content.
func (h *History) Bytes() []byte {
	keys := make([]string, 0, len(h.entries))
	for k := range h.entries {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b strings.Builder
	for i, k := range keys {
		if i > 0 {
			b.WriteByte('\n')
		}
		m := h.entries[k]
		b.WriteString("[" + tomlfile.Quote(k) + "]\n")
		write := func(name, v string) {
			if v != "" {
				b.WriteString(name + " = " + tomlfile.Quote(v) + "\n")
			}
		}
		write("id", m.ID)
		write("description", m.Description)
		for _, f := range formNames {
			write(f, m.Form(f))
		}
	}
	return []byte(b.String())
}
