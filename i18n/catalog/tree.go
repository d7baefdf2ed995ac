package catalog

import (
	"sort"
	"strings"
)

// The three scanners turn a file into a tree of values that remembers where
// every key and value is; messages() then applies go-i18n's rules (ported
// from i18n/parse.go and message.go, v2.7.0) to that tree.

type vkind uint8

const (
	vString vkind = iota
	vTable
	vArray
	vNull
	vOther // a number, bool, date…: never valid in a go-i18n catalog
)

type value struct {
	kind    vkind
	str     string
	members []*member // vTable, in file order
	elems   []*value  // vArray
	index   map[string]int

	start, end int   // byte span of the value's text (a header-defined TOML table: the header line)
	style      uint8 // how the string is quoted, format-specific
	typ        string
	form       uint8   // container layout, format-specific
	ind        int32   // YAML: indentation of the block the value belongs to
	up         *member // YAML: the member whose value this is
	anchored   bool    // YAML: carries an &anchor or is an *alias
	openEnd    int     // TOML header table: end of its last line so far
}

type member struct {
	key       string
	keyStart  int // start of this key's text (TOML: its last dotted part)
	lineStart int // start of the text to copy as the prefix of a new sibling key
	spanStart int // span removed when the member is deleted
	spanEnd   int
	val       *value
	parent    *value // YAML: the table the member is in
}

func (t *value) lookup(key string) *member {
	if t.index != nil {
		if i, ok := t.index[key]; ok {
			return t.members[i]
		}
		return nil
	}
	for _, m := range t.members {
		if m.key == key {
			return m
		}
	}
	return nil
}

func (t *value) add(a *arena, m *member) {
	if t.members == nil {
		t.members = a.memberSlice()
	}
	t.members = append(t.members, m)
	if t.index == nil && len(t.members) > 8 {
		t.index = make(map[string]int, 16)
		for i, m := range t.members {
			t.index[m.key] = i
		}
	} else if t.index != nil {
		t.index[m.key] = len(t.members) - 1
	}
}

// field identifies a reserved message key.
type field uint8

const (
	fID field = iota
	fDescription
	fHash
	fLeftDelim
	fRightDelim
	fZero
	fOne
	fTwo
	fFew
	fMany
	fOther
	fTranslation // v1: the text, or a table of plural forms
	numFields
)

var fieldNames = [numFields]string{"id", "description", "hash", "leftdelim", "rightdelim", "zero", "one", "two", "few", "many", "other", "translation"}

var pluralFields = []field{fZero, fOne, fTwo, fFew, fMany, fOther}

func fieldOf(key string) (field, bool) {
	// Case-insensitive, as go-i18n lowercases keys; without allocating.
	if len(key) < 2 || len(key) > 11 {
		return 0, false
	}
	c := key[0] | 0x20
	for f, n := range fieldNames {
		if n[0] == c && len(n) == len(key) && (n == key || strings.EqualFold(n, key)) {
			return field(f), true
		}
	}
	return 0, false
}

func (m *Message) field(f field) *string {
	switch f {
	case fID:
		return &m.ID
	case fDescription:
		return &m.Description
	case fHash:
		return &m.Hash
	case fLeftDelim:
		return &m.LeftDelim
	case fRightDelim:
		return &m.RightDelim
	case fZero:
		return &m.Zero
	case fOne:
		return &m.One
	case fTwo:
		return &m.Two
	case fFew:
		return &m.Few
	case fMany:
		return &m.Many
	case fOther:
		return &m.Other
	}
	return nil
}

// loc is where a message is in the file.
type loc struct {
	kind       uint8 // locString or locTable
	start, end int   // span removed to delete the message (set by the format's scanner)
	val        *value
	container  *value // the table or array holding the message (nil: file root is the message)
	mem        *member
	fields     []fieldLoc
}

const (
	locString = iota // the message is a bare string: its "other" text
	locTable         // the message is a table of reserved keys
)

type fieldLoc struct {
	f   field
	mem *member
	via *member // the v1 "translation" table the field sits in, if any
}

// isReserved mirrors go-i18n: a reserved key name holding a string, or the
// exact key "translation" holding anything.
func isReserved(m *member) bool {
	if _, ok := fieldOf(m.key); ok {
		if m.key == "translation" {
			return true
		}
		return m.val.kind == vString
	}
	return false
}

// isMessage mirrors go-i18n's isMessage.
func isMessage(v *value) (bool, error) {
	switch v.kind {
	case vNull, vString:
		return true, nil
	case vTable:
		nres := 0
		for _, m := range v.members {
			if isReserved(m) {
				nres++
			}
		}
		if nres > 0 && nres < len(v.members) {
			var res, unres []string
			for _, m := range v.members {
				if isReserved(m) {
					res = append(res, m.key)
				} else {
					unres = append(unres, m.key)
				}
			}
			sort.Strings(res)
			sort.Strings(unres)
			return false, errAt(v.start, "reserved keys %v mixed with unreserved keys %v", res, unres)
		}
		return nres > 0, nil
	}
	return false, nil
}

// messages mirrors go-i18n's ParseMessageBytes on a scanned tree.
func messages(a *arena, root *value) ([]*entry, error) {
	isMsg, err := isMessage(root)
	if err != nil {
		return nil, err
	}
	switch root.kind {
	case vString, vNull:
		return nil, errAt(root.start, "invalid translation file, expected key-values, got a single value")
	}
	return getMessages(a, root, nil, nil, isMsg)
}

func getMessages(a *arena, v, container *value, mem *member, isMsg bool) ([]*entry, error) {
	return collect(a, v, container, mem, isMsg, nil)
}

// collect appends v's messages to out.
func collect(a *arena, v, container *value, mem *member, isMsg bool, out []*entry) ([]*entry, error) {
	switch v.kind {
	case vString, vNull:
		e := a.ent(entry{loc: loc{kind: locString, val: v, container: container, mem: mem}})
		e.Other = v.str
		return append(out, e), nil
	case vTable:
		if isMsg {
			e, err := newMessage(a, v, container, mem)
			if err != nil {
				return nil, err
			}
			return append(out, e), nil
		}
		for _, m := range v.members {
			child, err := isMessage(m.val)
			if err != nil {
				return nil, err
			}
			start := len(out)
			if out, err = collect(a, m.val, v, m, child, out); err != nil {
				return nil, err
			}
			for _, e := range out[start:] {
				if child {
					if e.ID == "" {
						e.ID = m.key
					}
				} else {
					e.ID = m.key + "." + e.ID
				}
			}
		}
		return out, nil
	case vArray:
		if v.form == tomlArrayOfTables {
			// BurntSushi/toml decodes [[a]] as []map[string]any, which
			// go-i18n rejects.
			return nil, errAt(v.start, "arrays of tables ([[…]]) are not supported by go-i18n")
		}
		for _, el := range v.elems {
			child, err := isMessage(el)
			if err != nil {
				return nil, err
			}
			if out, err = collect(a, el, v, nil, child, out); err != nil {
				return nil, err
			}
		}
		return out, nil
	}
	return nil, errAt(v.start, "unsupported value %s (go-i18n catalogs hold only strings and tables)", v.typ)
}

// newMessage mirrors go-i18n's NewMessage on a table, remembering which key
// holds which field. Where go-i18n's result would depend on Go's random map
// order (the same field given twice), it is an error.
func newMessage(a *arena, t, container *value, mem *member) (*entry, error) {
	e := a.ent(entry{loc: loc{kind: locTable, val: t, container: container, mem: mem}})
	seen := [numFields]bool{}
	var walk func(t *value, via *member) error
	walk = func(t *value, via *member) error {
		for _, m := range t.members {
			if m.key == "translation" {
				switch m.val.kind {
				case vString:
					if err := set(a, e, &seen, fOther, m, via); err != nil {
						return err
					}
					continue
				case vTable:
					if err := walk(m.val, m); err != nil {
						return err
					}
					continue
				case vNull:
					return errAt(m.keyStart, "unsupported type <nil> for key %q", m.key)
				}
				return errAt(m.keyStart, "unsupported type %s for key %q", m.val.typ, m.key)
			}
			switch m.val.kind {
			case vString:
			case vNull:
				continue
			default:
				return errAt(m.keyStart, "expected value for key %q be a string but got %s", m.key, kindName(m.val))
			}
			f, ok := fieldOf(m.key)
			if !ok || f == fTranslation {
				continue // go-i18n ignores it too; it stays in the file untouched
			}
			if err := set(a, e, &seen, f, m, via); err != nil {
				return err
			}
		}
		return nil
	}
	if err := walk(t, nil); err != nil {
		return nil, err
	}
	return e, nil
}

func set(a *arena, e *entry, seen *[numFields]bool, f field, m, via *member) error {
	if seen[f] {
		return errAt(m.keyStart, "key %q given twice for the same message (go-i18n would keep one at random)", fieldNames[f])
	}
	seen[f] = true
	*e.field(f) = m.val.str
	if a.positions {
		e.fields = append(e.fields, fieldLoc{f: f, mem: m, via: via})
	}
	return nil
}

func kindName(v *value) string {
	switch v.kind {
	case vTable:
		return "a table"
	case vArray:
		return "an array"
	case vOther:
		return v.typ
	}
	return "a string"
}

// arena hands out values, members and entries from large blocks: a catalog
// of thousands of messages would otherwise cost a heap allocation per key.
type arena struct {
	positions bool // record where each field is (only the writer needs it)
	vals      []value
	mems      []member
	ptrs      []*member
	ents      []entry
}

const arenaBlock = 512

func (a *arena) val(v value) *value {
	if len(a.vals) == cap(a.vals) {
		a.vals = make([]value, 0, arenaBlock)
	}
	a.vals = append(a.vals, v)
	return &a.vals[len(a.vals)-1]
}

func (a *arena) mem(m member) *member {
	if len(a.mems) == cap(a.mems) {
		a.mems = make([]member, 0, arenaBlock)
	}
	a.mems = append(a.mems, m)
	return &a.mems[len(a.mems)-1]
}

// memberSlice returns an empty slice with room for four members, carved
// from a shared block (most tables are messages with a few keys).
func (a *arena) memberSlice() []*member {
	if cap(a.ptrs)-len(a.ptrs) < 4 {
		a.ptrs = make([]*member, 0, 4*arenaBlock)
	}
	n := len(a.ptrs)
	a.ptrs = a.ptrs[:n+4]
	return a.ptrs[n : n : n+4]
}

func (a *arena) ent(e entry) *entry {
	if len(a.ents) == cap(a.ents) {
		a.ents = make([]entry, 0, arenaBlock)
	}
	a.ents = append(a.ents, e)
	return &a.ents[len(a.ents)-1]
}
