package tree

// The three scanners turn a file into a tree of values that remembers where
// every key and value is; Messages then applies go-i18n's rules (ported
// from i18n/parse.go and message.go, v2.7.0) to that tree.

// Kind is what a value is, as go-i18n tells values apart.
type Kind uint8

const (
	String Kind = iota
	Table
	Array
	Null
	Other // a number, bool, date…: never valid in a go-i18n catalog
)

// ArrayOfTables is the Form of an array that its syntax makes a list of
// tables (TOML's [[…]]): go-i18n's TOML decoder gives it as
// []map[string]any, which go-i18n rejects, so no catalog may hold one.
const ArrayOfTables uint8 = 0xFF

// Value is a value of the document with the byte span of its text; the
// fields after End say, per format, how it is written.
type Value struct {
	Kind    Kind
	Str     string
	Members []*Member // Table, in file order
	Elems   []*Value  // Array
	Index   map[string]int

	Start, End int   // byte span of the value's text (a header-defined TOML table: the header line)
	Style      uint8 // how the string is quoted, format-specific
	Typ        string
	Form       uint8   // container layout, format-specific
	Ind        int32   // YAML: indentation of the block the value belongs to
	Up         *Member // YAML: the member whose value this is
	Anchored   bool    // YAML: carries an &anchor or is an *alias
	OpenEnd    int     // TOML header table: end of its last line so far
}

// Member is a key of a table with its value, and the spans the writer
// needs to change or remove it.
type Member struct {
	Key       string
	KeyStart  int // start of this key's text (TOML: its last dotted part)
	LineStart int // start of the text to copy as the prefix of a new sibling key
	SpanStart int // span removed when the member is deleted
	SpanEnd   int
	Val       *Value
	Parent    *Value // YAML: the table the member is in
}

// Lookup returns the member of table t with key key, or nil.
func (t *Value) Lookup(key string) *Member {
	if t.Index != nil {
		if i, ok := t.Index[key]; ok {
			return t.Members[i]
		}
		return nil
	}
	for _, m := range t.Members {
		if m.Key == key {
			return m
		}
	}
	return nil
}

// Add appends member m to table t, indexing the table once it is large.
func (t *Value) Add(a *Arena, m *Member) {
	if t.Members == nil {
		t.Members = a.memberSlice()
	}
	t.Members = append(t.Members, m)
	if t.Index == nil && len(t.Members) > 8 {
		t.Index = make(map[string]int, 16)
		for i, m := range t.Members {
			t.Index[m.Key] = i
		}
	} else if t.Index != nil {
		t.Index[m.Key] = len(t.Members) - 1
	}
}

// Arena hands out values, members and entries from large blocks: a catalog
// of thousands of messages would otherwise cost a heap allocation per key.
type Arena struct {
	Positions bool // record where each field is (only the writer needs it)
	vals      []Value
	mems      []Member
	ptrs      []*Member
	ents      []Entry
}

const arenaBlock = 512

// NewValue returns a pointer to a copy of v, from the arena.
func (a *Arena) NewValue(v Value) *Value {
	if len(a.vals) == cap(a.vals) {
		a.vals = make([]Value, 0, arenaBlock)
	}
	a.vals = append(a.vals, v)
	return &a.vals[len(a.vals)-1]
}

// NewMember returns a pointer to a copy of m, from the arena.
func (a *Arena) NewMember(m Member) *Member {
	if len(a.mems) == cap(a.mems) {
		a.mems = make([]Member, 0, arenaBlock)
	}
	a.mems = append(a.mems, m)
	return &a.mems[len(a.mems)-1]
}

// memberSlice returns an empty slice with room for four members, carved
// from a shared block (most tables are messages with a few keys).
func (a *Arena) memberSlice() []*Member {
	if cap(a.ptrs)-len(a.ptrs) < 4 {
		a.ptrs = make([]*Member, 0, 4*arenaBlock)
	}
	n := len(a.ptrs)
	a.ptrs = a.ptrs[:n+4]
	return a.ptrs[n : n : n+4]
}

func (a *Arena) ent(e Entry) *Entry {
	if len(a.ents) == cap(a.ents) {
		a.ents = make([]Entry, 0, arenaBlock)
	}
	a.ents = append(a.ents, e)
	return &a.ents[len(a.ents)-1]
}
