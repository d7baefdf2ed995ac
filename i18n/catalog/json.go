package catalog

import (
	"bytes"
	"encoding/json"
	"unicode/utf8"
	"unsafe"
)

// jsonScanner is a position-aware JSON reader producing a value tree. It
// accepts what encoding/json accepts, except that a key given twice in one
// object is an error (encoding/json would silently keep the last one).
type jsonScanner struct {
	a     *arena
	src   []byte
	pos   int
	depth int
}

func parseJSON(a *arena, src []byte) (*value, []*entry, error) {
	if len(src) == 0 {
		return nil, nil, nil // go-i18n: an empty file has no messages
	}
	if bytes.HasPrefix(src, utf8BOM) {
		// go-i18n's JSON reader refuses it too, so accepting it would
		// make a catalog goi18n and the app cannot read.
		return nil, nil, errAt(0, "the file starts with a byte-order mark, which JSON readers (go-i18n's too) refuse; save it as UTF-8 without BOM")
	}
	s := &jsonScanner{src: src, a: a}
	s.ws()
	root, err := s.value()
	if err != nil {
		return nil, nil, err
	}
	s.ws()
	if s.pos < len(src) {
		return nil, nil, errAt(s.pos, "invalid character %s after top-level value", quoteByte(src[s.pos]))
	}
	entries, err := messages(a, root)
	if err != nil {
		return nil, nil, err
	}
	for _, e := range entries {
		if e.mem != nil {
			e.start, e.end = e.mem.spanStart, e.mem.spanEnd
		} else {
			e.start, e.end = e.val.start, e.val.end
		}
	}
	return root, entries, nil
}

func quoteByte(b byte) string {
	if b < 0x20 || b >= 0x7f {
		return "0x" + string("0123456789abcdef"[b>>4]) + string("0123456789abcdef"[b&15])
	}
	return "'" + string(b) + "'"
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

const maxDepth = 10000

func (s *jsonScanner) value() (*value, error) {
	if s.pos >= len(s.src) {
		return nil, errAt(s.pos, "unexpected end of JSON input")
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
		return s.a.val(value{kind: vString, str: str, start: start, end: s.pos}), nil
	case c == 't':
		return s.literal("true", vOther, "a bool")
	case c == 'f':
		return s.literal("false", vOther, "a bool")
	case c == 'n':
		return s.literal("null", vNull, "null")
	case c == '-' || (c >= '0' && c <= '9'):
		return s.number()
	default:
		return nil, errAt(s.pos, "invalid character %s looking for beginning of value", quoteByte(c))
	}
}

func (s *jsonScanner) literal(word string, k vkind, typ string) (*value, error) {
	start := s.pos
	if len(s.src)-s.pos < len(word) || string(s.src[s.pos:s.pos+len(word)]) != word {
		return nil, errAt(s.pos, "invalid literal, expected %q", word)
	}
	s.pos += len(word)
	return s.a.val(value{kind: k, typ: typ, start: start, end: s.pos}), nil
}

func (s *jsonScanner) number() (*value, error) {
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
		return nil, errAt(s.pos, "invalid number")
	}
	if s.pos < len(s.src) && s.src[s.pos] == '.' {
		s.pos++
		if digits() == 0 {
			return nil, errAt(s.pos, "invalid number")
		}
	}
	if s.pos < len(s.src) && (s.src[s.pos] == 'e' || s.src[s.pos] == 'E') {
		s.pos++
		if s.pos < len(s.src) && (s.src[s.pos] == '+' || s.src[s.pos] == '-') {
			s.pos++
		}
		if digits() == 0 {
			return nil, errAt(s.pos, "invalid number")
		}
	}
	return s.a.val(value{kind: vOther, typ: "a number", start: start, end: s.pos}), nil
}

func (s *jsonScanner) object() (*value, error) {
	if s.depth++; s.depth > maxDepth {
		return nil, errAt(s.pos, "exceeded max depth")
	}
	defer func() { s.depth-- }()
	t := s.a.val(value{kind: vTable, start: s.pos})
	if s.depth == 1 {
		t.index = make(map[string]int, len(s.src)/80+8) // see parseTOML
	}
	s.pos++ // {
	s.ws()
	if s.pos < len(s.src) && s.src[s.pos] == '}' {
		s.pos++
		t.end = s.pos
		return t, nil
	}
	for {
		s.ws()
		if s.pos >= len(s.src) {
			return nil, errAt(s.pos, "unexpected end of JSON input")
		}
		if s.src[s.pos] != '"' {
			return nil, errAt(s.pos, "invalid character %s looking for beginning of object key string", quoteByte(s.src[s.pos]))
		}
		keyStart := s.pos
		key, err := s.str()
		if err != nil {
			return nil, err
		}
		if prev := t.lookup(key); prev != nil {
			l, _ := lineCol(s.src, prev.keyStart)
			return nil, errAt(keyStart, "key %q given twice in one object (first on line %d)", key, l)
		}
		s.ws()
		if s.pos >= len(s.src) || s.src[s.pos] != ':' {
			if s.pos >= len(s.src) {
				return nil, errAt(s.pos, "unexpected end of JSON input")
			}
			return nil, errAt(s.pos, "invalid character %s after object key", quoteByte(s.src[s.pos]))
		}
		s.pos++
		s.ws()
		v, err := s.value()
		if err != nil {
			return nil, err
		}
		t.add(s.a, s.a.mem(member{key: key, keyStart: keyStart, lineStart: keyStart, spanStart: keyStart, spanEnd: v.end, val: v}))
		if done, err := s.endOfItem('}', "object key:value pair", t); err != nil {
			return nil, err
		} else if done {
			return t, nil
		}
	}
}

func (s *jsonScanner) array() (*value, error) {
	if s.depth++; s.depth > maxDepth {
		return nil, errAt(s.pos, "exceeded max depth")
	}
	defer func() { s.depth-- }()
	a := s.a.val(value{kind: vArray, typ: "an array", start: s.pos})
	s.pos++ // [
	s.ws()
	if s.pos < len(s.src) && s.src[s.pos] == ']' {
		s.pos++
		a.end = s.pos
		return a, nil
	}
	for {
		s.ws()
		v, err := s.value()
		if err != nil {
			return nil, err
		}
		a.elems = append(a.elems, v)
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
func (s *jsonScanner) endOfItem(closer byte, what string, c *value) (done bool, err error) {
	s.ws()
	if s.pos >= len(s.src) {
		return false, errAt(s.pos, "unexpected end of JSON input")
	}
	switch s.src[s.pos] {
	case ',':
		s.pos++
		return false, nil
	case closer:
		s.pos++
		c.end = s.pos
		return true, nil
	}
	return false, errAt(s.pos, "invalid character %s after %s", quoteByte(s.src[s.pos]), what)
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
					return zeroCopy(inner), nil
				}
			}
			var out string
			if err := json.Unmarshal(raw, &out); err != nil {
				return "", errAt(start, "invalid string: %v", err)
			}
			return out, nil
		case c == '\\':
			simple = false
			if s.pos+1 >= len(s.src) {
				return "", errAt(s.pos, "unexpected end of JSON input")
			}
			switch s.src[s.pos+1] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				s.pos += 2
			case 'u':
				if s.pos+6 > len(s.src) {
					return "", errAt(s.pos, "unexpected end of JSON input")
				}
				for _, h := range s.src[s.pos+2 : s.pos+6] {
					if !isHex(h) {
						return "", errAt(s.pos, "invalid character in \\u hexadecimal character escape")
					}
				}
				s.pos += 6
			default:
				return "", errAt(s.pos, "invalid escape %s in string literal", quoteByte(s.src[s.pos+1]))
			}
		case c < 0x20:
			return "", errAt(s.pos, "invalid character %s in string literal", quoteByte(c))
		default:
			s.pos++
		}
	}
	return "", errAt(start, "unexpected end of JSON input: string not closed")
}

func isHex(c byte) bool {
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')
}

// zeroCopy returns b as a string without copying. Catalogs never modify
// their source bytes after parsing, so the string stays valid and immutable.
func zeroCopy(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	return unsafe.String(&b[0], len(b))
}
