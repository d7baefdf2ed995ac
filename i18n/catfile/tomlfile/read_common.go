package tomlfile

import (
	"bytes"

	"communique/i18n/catfile/tree"
)

// Read reads the messages of a TOML catalog, appending them to buf[:0]. It
// is one reader in two phases. The first reads the layout nearly every real
// catalog has, top-level `id = "text"` lines and `[id]` tables of reserved
// keys with string values, comments and blank lines between, straight into
// messages; it is most of what loading thirty languages costs, so it makes
// no position tree. Anything else (nesting, dotted keys, inline tables,
// arrays, "id" or "translation" keys, duplicates, errors) ends it, and the
// second phase, Scan, which mirrors go-i18n in every case, reads the file
// into the tree: entries is nil when the first phase answered.
//
// A key given twice is left to the caller, which finds the duplicate ID
// and has Scan report it. FuzzTOMLPhasesAgree checks that whenever the
// first phase answers, it answers what Scan would.
func Read(src []byte, buf []tree.Message) (msgs []tree.Message, entries []*tree.Entry, err error) {
	if msgs, ok := readCommon(src, buf); ok {
		return msgs, nil, nil
	}
	_, entries, err = Scan(&tree.Arena{}, src)
	if err != nil {
		return nil, nil, err
	}
	msgs = buf[:0]
	if cap(msgs) < len(entries) {
		msgs = make([]tree.Message, 0, len(entries))
	}
	for _, e := range entries {
		msgs = append(msgs, e.Message)
	}
	return msgs, entries, nil
}

// readCommon is Read's first phase: the common layout, or ok false.
func readCommon(src []byte, buf []tree.Message) ([]tree.Message, bool) {
	s := &tomlScanner{src: src}
	if bytes.HasPrefix(src, tree.BOM) {
		s.pos = len(tree.BOM)
	}
	msgs := buf[:0]
	if msgs == nil {
		msgs = make([]tree.Message, 0, len(src)/100+4)
	}
	var cur *tree.Message // the [table] being read, nil at the top level
	var seen [tree.NumKeys]bool
	for s.pos < len(src) {
		s.skipWS()
		if s.pos >= len(src) {
			break
		}
		switch c := src[s.pos]; {
		case c == '\n':
			s.pos++
			continue
		case c == '\r' && s.peek(1) == '\n':
			s.pos += 2
			continue
		case c == '#':
			if s.comment() != nil {
				return nil, false
			}
			continue
		case c == '[':
			if cur != nil && seen == [tree.NumKeys]bool{} {
				return nil, false // an empty table
			}
			if s.peek(1) == '[' {
				return nil, false
			}
			s.pos++
			s.skipWS()
			name, ok := s.fastKey()
			if !ok {
				return nil, false
			}
			s.skipWS()
			if s.peek(0) != ']' {
				return nil, false
			}
			s.pos++
			if _, err := s.endOfLine(""); err != nil {
				return nil, false
			}
			if name == "translation" {
				return nil, false // it would make the file a v1 message
			}
			msgs = append(msgs, tree.Message{ID: name})
			cur = &msgs[len(msgs)-1]
			seen = [tree.NumKeys]bool{}
			continue
		}
		name, ok := s.fastKey()
		if !ok {
			return nil, false
		}
		s.skipWS()
		if s.peek(0) != '=' {
			return nil, false
		}
		s.pos++
		s.skipWS()
		text, ok := s.fastString()
		if !ok {
			return nil, false
		}
		if _, err := s.endOfLine(""); err != nil {
			return nil, false
		}
		f, reserved := tree.KeyOf(name)
		if cur == nil {
			// A top-level reserved key would make the file itself a
			// message (go-i18n's rule); leave that to the general path.
			if reserved {
				return nil, false
			}
			msgs = append(msgs, tree.Message{ID: name, Other: text})
			continue
		}
		if !reserved || f == tree.KeyID || f == tree.KeyTranslation || seen[f] {
			return nil, false
		}
		seen[f] = true
		*tree.Field(cur, f) = text
	}
	if cur != nil && seen == [tree.NumKeys]bool{} {
		return nil, false
	}
	return msgs, true
}

// fastKey reads a single (not dotted) bare or quoted key.
func (s *tomlScanner) fastKey() (string, bool) {
	start := s.pos
	var name string
	switch c := s.peek(0); {
	case c == '"':
		str, err := s.basicString()
		if err != nil {
			return "", false
		}
		name = str
	case c == '\'':
		str, err := s.literalString()
		if err != nil {
			return "", false
		}
		name = str
	case isBareKeyByte(c):
		for s.pos < len(s.src) && isBareKeyByte(s.src[s.pos]) {
			s.pos++
		}
		name = tree.ZeroCopy(s.src[start:s.pos])
	default:
		return "", false
	}
	save := s.pos
	s.skipWS()
	if s.peek(0) == '.' {
		return "", false
	}
	s.pos = save
	return name, true
}

// fastString reads a string value of any TOML style.
func (s *tomlScanner) fastString() (string, bool) {
	str, _, isStr, err := s.str()
	return str, isStr && err == nil
}
