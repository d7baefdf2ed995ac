package jsonfile

import (
	"bytes"
	"encoding/json"
	"unicode/utf8"

	"communique/i18n/catfile/tree"
)

// jsonScanner is a position-aware JSON reader producing a value tree. It
// accepts what encoding/json accepts, except that a key given twice in one
// object is an error (encoding/json would silently keep the last one).
type jsonScanner struct {
	a     *tree.Arena
	src   []byte
	pos   int
	depth int
}

// Scan reads a JSON catalog into the position tree and finds its messages
// by go-i18n's rules. An empty file has no messages, as in go-i18n.
func Scan(a *tree.Arena, src []byte) (*tree.Value, []*tree.Entry, error) {
	if len(src) == 0 {
		return nil, nil, nil // go-i18n: an empty file has no messages
	}
	if bytes.HasPrefix(src, tree.BOM) {
		// go-i18n's JSON reader refuses it too, so accepting it would
		// make a catalog goi18n and the app cannot read.
		return nil, nil, tree.ErrAt(0, "the file starts with a byte-order mark, which JSON readers (go-i18n's too) refuse; save it as UTF-8 without BOM")
	}
	s := &jsonScanner{src: src, a: a}
	s.ws()
	root, err := s.value()
	if err != nil {
		return nil, nil, err
	}
	s.ws()
	if s.pos < len(src) {
		return nil, nil, tree.ErrAt(s.pos, "invalid character %s after top-level value", tree.QuoteByte(src[s.pos]))
	}
	entries, err := tree.Messages(a, root)
	if err != nil {
		return nil, nil, err
	}
	for _, e := range entries {
		if e.Mem != nil {
			e.Start, e.End = e.Mem.SpanStart, e.Mem.SpanEnd
		} else {
			e.Start, e.End = e.Val.Start, e.Val.End
		}
	}
	return root, entries, nil
}

func (s *jsonScanner) ws() {
	for s.pos < len(s.src) {
		switch s.src[s.pos] {
		case ' ', '\t', '\n', '\r':
			s.pos++
		default:
			return
		}
	}
}

func (s *jsonScanner) value() (*tree.Value, error) {
	if s.pos >= len(s.src) {
		return nil, tree.ErrAt(s.pos, "unexpected end of JSON input")
	}
	start := s.pos
	switch c := s.src[s.pos]; {
	case c == '{':
		return s.object()
	case c == '[':
		return s.array()
	case c == '"':
		str, err := s.str()
		if err != nil {
			return nil, err
		}
		return s.a.NewValue(tree.Value{Kind: tree.String, Str: str, Start: start, End: s.pos}), nil
	case c == 't':
		return s.literal("true", tree.Other, "a bool")
	case c == 'f':
		return s.literal("false", tree.Other, "a bool")
	case c == 'n':
		return s.literal("null", tree.Null, "null")
	case c == '-' || (c >= '0' && c <= '9'):
		return s.number()
	default:
		return nil, tree.ErrAt(s.pos, "invalid character %s looking for beginning of value", tree.QuoteByte(c))
	}
}

func (s *jsonScanner) literal(word string, k tree.Kind, typ string) (*tree.Value, error) {
	start := s.pos
	if len(s.src)-s.pos < len(word) || string(s.src[s.pos:s.pos+len(word)]) != word {
		return nil, tree.ErrAt(s.pos, "invalid literal, expected %q", word)
	}
	s.pos += len(word)
	return s.a.NewValue(tree.Value{Kind: k, Typ: typ, Start: start, End: s.pos}), nil
}

func (s *jsonScanner) number() (*tree.Value, error) {
	start := s.pos
	digits := func() int {
		n := 0
		for s.pos < len(s.src) && s.src[s.pos] >= '0' && s.src[s.pos] <= '9' {
			s.pos++
			n++
		}
		return n
	}
	if s.src[s.pos] == '-' {
		s.pos++
	}
	if s.pos < len(s.src) && s.src[s.pos] == '0' {
		s.pos++
	} else if digits() == 0 {
		return nil, tree.ErrAt(s.pos, "invalid number")
	}
	if s.pos < len(s.src) && s.src[s.pos] == '.' {
		s.pos++
		if digits() == 0 {
			return nil, tree.ErrAt(s.pos, "invalid number")
		}
	}
	if s.pos < len(s.src) && (s.src[s.pos] == 'e' || s.src[s.pos] == 'E') {
		s.pos++
		if s.pos < len(s.src) && (s.src[s.pos] == '+' || s.src[s.pos] == '-') {
			s.pos++
		}
		if digits() == 0 {
			return nil, tree.ErrAt(s.pos, "invalid number")
		}
	}
	return s.a.NewValue(tree.Value{Kind: tree.Other, Typ: "a number", Start: start, End: s.pos}), nil
}

func (s *jsonScanner) object() (*tree.Value, error) {
	if s.depth++; s.depth > tree.MaxDepth {
		return nil, tree.ErrTooDeep(s.pos)
	}
	defer func() { s.depth-- }()
	t := s.a.NewValue(tree.Value{Kind: tree.Table, Start: s.pos})
	if s.depth == 1 {
		t.Index = make(map[string]int, len(s.src)/80+8) // see tomlfile.Scan
	}
	s.pos++ // {
	s.ws()
	if s.pos < len(s.src) && s.src[s.pos] == '}' {
		s.pos++
		t.End = s.pos
		return t, nil
	}
	for {
		s.ws()
		if s.pos >= len(s.src) {
			return nil, tree.ErrAt(s.pos, "unexpected end of JSON input")
		}
		if s.src[s.pos] != '"' {
			return nil, tree.ErrAt(s.pos, "invalid character %s looking for beginning of object key string", tree.QuoteByte(s.src[s.pos]))
		}
		keyStart := s.pos
		key, err := s.str()
		if err != nil {
			return nil, err
		}
		if prev := t.Lookup(key); prev != nil {
			l, _ := tree.LineCol(s.src, prev.KeyStart)
			return nil, tree.ErrAt(keyStart, "key %q given twice in one object (first on line %d)", key, l)
		}
		s.ws()
		if s.pos >= len(s.src) || s.src[s.pos] != ':' {
			if s.pos >= len(s.src) {
				return nil, tree.ErrAt(s.pos, "unexpected end of JSON input")
			}
			return nil, tree.ErrAt(s.pos, "invalid character %s after object key", tree.QuoteByte(s.src[s.pos]))
		}
		s.pos++
		s.ws()
		v, err := s.value()
		if err != nil {
			return nil, err
		}
		t.Add(s.a, s.a.NewMember(tree.Member{Key: key, KeyStart: keyStart, LineStart: keyStart, SpanStart: keyStart, SpanEnd: v.End, Val: v}))
		if done, err := s.endOfItem('}', "object key:value pair", t); err != nil {
			return nil, err
		} else if done {
			return t, nil
		}
	}
}

func (s *jsonScanner) array() (*tree.Value, error) {
	if s.depth++; s.depth > tree.MaxDepth {
		return nil, tree.ErrTooDeep(s.pos)
	}
	defer func() { s.depth-- }()
	a := s.a.NewValue(tree.Value{Kind: tree.Array, Typ: "an array", Start: s.pos})
	s.pos++ // [
	s.ws()
	if s.pos < len(s.src) && s.src[s.pos] == ']' {
		s.pos++
		a.End = s.pos
		return a, nil
	}
	for {
		s.ws()
		v, err := s.value()
		if err != nil {
			return nil, err
		}
		a.Elems = append(a.Elems, v)
		if done, err := s.endOfItem(']', "array element", a); err != nil {
			return nil, err
		} else if done {
			return a, nil
		}
	}
}

// endOfItem reads what follows an array element or an object member: a
// comma (more follow) or closer (done: c ends past it). what names the item
// in errors, worded as encoding/json words them.
func (s *jsonScanner) endOfItem(closer byte, what string, c *tree.Value) (done bool, err error) {
	s.ws()
	if s.pos >= len(s.src) {
		return false, tree.ErrAt(s.pos, "unexpected end of JSON input")
	}
	switch s.src[s.pos] {
	case ',':
		s.pos++
		return false, nil
	case closer:
		s.pos++
		c.End = s.pos
		return true, nil
	}
	return false, tree.ErrAt(s.pos, "invalid character %s after %s", tree.QuoteByte(s.src[s.pos]), what)
}

// str reads a JSON string starting at the opening quote. Strings without
// escapes point into src (which is never modified); others are decoded by
// encoding/json so that every corner (surrogates, invalid UTF-8) matches what
// go-i18n sees.
func (s *jsonScanner) str() (string, error) {
	start := s.pos
	s.pos++
	simple := true
	for s.pos < len(s.src) {
		c := s.src[s.pos]
		switch {
		case c == '"':
			s.pos++
			raw := s.src[start:s.pos]
			if simple {
				inner := raw[1 : len(raw)-1]
				if utf8.Valid(inner) {
					return tree.ZeroCopy(inner), nil
				}
			}
			var out string
			if err := json.Unmarshal(raw, &out); err != nil {
				return "", tree.ErrAt(start, "invalid string: %v", err)
			}
			return out, nil
		case c == '\\':
			simple = false
			if s.pos+1 >= len(s.src) {
				return "", tree.ErrAt(s.pos, "unexpected end of JSON input")
			}
			switch s.src[s.pos+1] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				s.pos += 2
			case 'u':
				if s.pos+6 > len(s.src) {
					return "", tree.ErrAt(s.pos, "unexpected end of JSON input")
				}
				for _, h := range s.src[s.pos+2 : s.pos+6] {
					if !tree.IsHex(h) {
						return "", tree.ErrAt(s.pos, "invalid character in \\u hexadecimal character escape")
					}
				}
				s.pos += 6
			default:
				return "", tree.ErrAt(s.pos, "invalid escape %s in string literal", tree.QuoteByte(s.src[s.pos+1]))
			}
		case c < 0x20:
			return "", tree.ErrAt(s.pos, "invalid character %s in string literal", tree.QuoteByte(c))
		default:
			s.pos++
		}
	}
	return "", tree.ErrAt(start, "unexpected end of JSON input: string not closed")
}
