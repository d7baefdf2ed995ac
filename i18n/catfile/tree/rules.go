package tree

import "sort"

// Entry is a message found in src, with where its bytes are.
type Entry struct {
	Message
	Loc
}

// Loc is where a message is in the file.
type Loc struct {
	Kind       uint8 // locString or locTable
	Start, End int   // span removed to delete the message (set by the format's scanner)
	Val        *Value
	Container  *Value // the table or array holding the message (nil: file root is the message)
	Mem        *Member
	Fields     []FieldLoc
}

const (
	LocString = iota // the message is a bare string: its "other" text
	LocTable         // the message is a table of reserved keys
)

// FieldLoc is where a message field is in the tree.
type FieldLoc struct {
	Key Key
	Mem *Member
	Via *Member // the v1 "translation" table the field sits in, if any
}

// isReserved mirrors go-i18n: a reserved key name holding a string, or the
// exact key "translation" holding anything.
func isReserved(m *Member) bool {
	if _, ok := KeyOf(m.Key); ok {
		if m.Key == "translation" {
			return true
		}
		return m.Val.Kind == String
	}
	return false
}

// isMessage mirrors go-i18n's isMessage.
func isMessage(v *Value) (bool, error) {
	switch v.Kind {
	case Null, String:
		return true, nil
	case Table:
		nres := 0
		for _, m := range v.Members {
			if isReserved(m) {
				nres++
			}
		}
		if nres > 0 && nres < len(v.Members) {
			var res, unres []string
			for _, m := range v.Members {
				if isReserved(m) {
					res = append(res, m.Key)
				} else {
					unres = append(unres, m.Key)
				}
			}
			sort.Strings(res)
			sort.Strings(unres)
			return false, ErrAt(v.Start, "reserved keys %v mixed with unreserved keys %v", res, unres)
		}
		return nres > 0, nil
	}
	return false, nil
}

// Messages mirrors go-i18n's ParseMessageBytes on a scanned tree.
func Messages(a *Arena, root *Value) ([]*Entry, error) {
	isMsg, err := isMessage(root)
	if err != nil {
		return nil, err
	}
	switch root.Kind {
	case String, Null:
		return nil, ErrAt(root.Start, "invalid translation file, expected key-values, got a single value")
	}
	return collect(a, root, nil, nil, isMsg, nil, 0)
}

// collect appends v's messages to out. depth bounds the nesting the
// scanners do not count (TOML's dotted keys and table headers).
func collect(a *Arena, v, container *Value, mem *Member, isMsg bool, out []*Entry, depth int) ([]*Entry, error) {
	if depth > MaxDepth {
		return nil, ErrTooDeep(v.Start)
	}
	switch v.Kind {
	case String, Null:
		e := a.ent(Entry{Loc: Loc{Kind: LocString, Val: v, Container: container, Mem: mem}})
		e.Other = v.Str
		return append(out, e), nil
	case Table:
		if isMsg {
			e, err := newMessage(a, v, container, mem)
			if err != nil {
				return nil, err
			}
			return append(out, e), nil
		}
		for _, m := range v.Members {
			child, err := isMessage(m.Val)
			if err != nil {
				return nil, err
			}
			start := len(out)
			if out, err = collect(a, m.Val, v, m, child, out, depth+1); err != nil {
				return nil, err
			}
			for _, e := range out[start:] {
				if child {
					if e.ID == "" {
						e.ID = m.Key
					}
				} else {
					e.ID = m.Key + "." + e.ID
				}
			}
		}
		return out, nil
	case Array:
		if v.Form == ArrayOfTables {
			// BurntSushi/toml decodes [[a]] as []map[string]any, which
			// go-i18n rejects.
			return nil, ErrAt(v.Start, "arrays of tables ([[…]]) are not supported by go-i18n")
		}
		for _, el := range v.Elems {
			child, err := isMessage(el)
			if err != nil {
				return nil, err
			}
			if out, err = collect(a, el, v, nil, child, out, depth+1); err != nil {
				return nil, err
			}
		}
		return out, nil
	}
	return nil, ErrAt(v.Start, "unsupported value %s (go-i18n catalogs hold only strings and tables)", v.Typ)
}

// newMessage mirrors go-i18n's NewMessage on a table, remembering which key
// holds which field. Where go-i18n's result would depend on Go's random map
// order (the same field given twice), it is an error.
func newMessage(a *Arena, t, container *Value, mem *Member) (*Entry, error) {
	e := a.ent(Entry{Loc: Loc{Kind: LocTable, Val: t, Container: container, Mem: mem}})
	seen := [NumKeys]bool{}
	var walk func(t *Value, via *Member) error
	walk = func(t *Value, via *Member) error {
		for _, m := range t.Members {
			if m.Key == "translation" {
				switch m.Val.Kind {
				case String:
					if err := set(a, e, &seen, KeyOther, m, via); err != nil {
						return err
					}
					continue
				case Table:
					if err := walk(m.Val, m); err != nil {
						return err
					}
					continue
				case Null:
					return ErrAt(m.KeyStart, "unsupported type <nil> for key %q", m.Key)
				}
				return ErrAt(m.KeyStart, "unsupported type %s for key %q", m.Val.Typ, m.Key)
			}
			switch m.Val.Kind {
			case String:
			case Null:
				continue
			default:
				return ErrAt(m.KeyStart, "expected value for key %q be a string but got %s", m.Key, kindName(m.Val))
			}
			f, ok := KeyOf(m.Key)
			if !ok || f == KeyTranslation {
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

func set(a *Arena, e *Entry, seen *[NumKeys]bool, f Key, m, via *Member) error {
	if seen[f] {
		return ErrAt(m.KeyStart, "key %q given twice for the same message (go-i18n would keep one at random)", KeyNames[f])
	}
	seen[f] = true
	*Field(&e.Message, f) = m.Val.Str
	if a.Positions {
		e.Fields = append(e.Fields, FieldLoc{Key: f, Mem: m, Via: via})
	}
	return nil
}

func kindName(v *Value) string {
	switch v.Kind {
	case Table:
		return "a table"
	case Array:
		return "an array"
	case Other:
		return v.Typ
	}
	return "a string"
}
