package tomlfile

import (
	"bytes"
	"errors"
	"strconv"
	"strings"
	"unicode/utf8"

	"communique/i18n/catfile/tree"
)

// TOML string styles.
const (
	tomlBasic uint8 = iota
	tomlLiteral
	tomlMultiBasic
	tomlMultiLiteral
)

// TOML table forms.
const (
	tomlRoot          uint8 = iota
	tomlImplicit            // created as the parent of a [header]
	tomlHeader              // defined by a [header]
	tomlDotted              // created by a dotted key (a.b = …)
	tomlInline              // { … }
	tomlArrayOfTables = tree.ArrayOfTables
)

// tomlScanner reads TOML (1.0, plus the 1.1 additions BurntSushi/toml v1.6
// accepts: newlines and trailing commas in inline tables, \e and \xHH) into a
// value tree with byte positions.
type tomlScanner struct {
	a      *tree.Arena
	keyBuf []tomlKey
	src    []byte
	pos    int
	root   *tree.Value
	cur    *tree.Value // table that key/value lines go into
	depth  int         // of inline tables and arrays around the scanner
	// curDepth is cur's depth: the parts of its [header]'s key. Dotted
	// keys nest without recursion, so their depth is counted here.
	curDepth int
}

// Scan reads a TOML catalog into the position tree and finds its messages
// by go-i18n's rules: the second phase of Read, and what the writer edits.
func Scan(a *tree.Arena, src []byte) (*tree.Value, []*tree.Entry, error) {
	if !utf8.Valid(src) {
		off := 0
		for off < len(src) {
			r, n := utf8.DecodeRune(src[off:])
			if r == utf8.RuneError && n <= 1 {
				break
			}
			off += n
		}
		return nil, nil, tree.ErrAt(off, "invalid UTF-8 byte")
	}
	s := newScanner(a, src)
	if err := s.document(); err != nil {
		return nil, nil, err
	}
	entries, err := tree.Messages(a, s.root)
	if err != nil {
		return nil, nil, err
	}
	for _, e := range entries {
		switch {
		case e.Kind == tree.LocTable && e.Val.Form == tomlHeader:
			e.Start, e.End = e.Val.Start, e.Val.OpenEnd
		case e.Mem != nil:
			e.Start, e.End = e.Mem.SpanStart, e.Mem.SpanEnd
		default:
			e.Start, e.End = e.Val.Start, e.Val.End
		}
	}
	return s.root, entries, nil
}

func newScanner(a *tree.Arena, src []byte) *tomlScanner {
	s := &tomlScanner{src: src, a: a}
	// A byte-order mark (Notepad writes one) is skipped, as go-i18n does,
	// and kept in the bytes so a save stays byte-identical.
	if bytes.HasPrefix(src, tree.BOM) {
		s.pos = len(tree.BOM)
	}
	s.root = s.a.NewValue(tree.Value{Kind: tree.Table, Form: tomlRoot})
	// Catalogs are mostly top-level messages: size the root's index once
	// (about one key per 80 bytes) instead of growing it thousands of times.
	s.root.Index = make(map[string]int, len(src)/80+8)
	s.cur = s.root
	return s
}

// CheckDepth reads TOML src only as far as it must to refuse nesting
// deeper than tree.MaxDepth (dotted keys, table headers, inline tables,
// arrays), with the position; whatever else is wrong with src is left to
// the caller's TOML library to say. It is for files read with
// BurntSushi/toml (communique.toml, the history, a glossary), which is
// quadratic in the parts of a dotted key: a 16 KB key took it 32 s, an
// inline table nested 2,700 deep 6.5 s.
func CheckDepth(src []byte) error {
	if err := newScanner(&tree.Arena{}, src).document(); errors.Is(err, tree.ErrDepth) {
		return err
	}
	return nil
}

func (s *tomlScanner) peek(off int) byte {
	if s.pos+off < len(s.src) {
		return s.src[s.pos+off]
	}
	return 0
}

func (s *tomlScanner) skipWS() {
	for s.pos < len(s.src) && (s.src[s.pos] == ' ' || s.src[s.pos] == '\t') {
		s.pos++
	}
}

// comment skips a comment up to (not including) the newline.
func (s *tomlScanner) comment() error {
	for s.pos < len(s.src) && s.src[s.pos] != '\n' {
		c := s.src[s.pos]
		if c == '\r' && s.peek(1) == '\n' {
			return nil
		}
		if (c < 0x20 && c != '\t') || c == 0x7f {
			return tree.ErrAt(s.pos, "control character %s in comment", tree.QuoteByte(c))
		}
		s.pos++
	}
	return nil
}

// endOfLine expects optional whitespace and comment, then a newline or EOF,
// and returns the offset after the newline.
func (s *tomlScanner) endOfLine(what string) (int, error) {
	s.skipWS()
	if s.peek(0) == '#' {
		if err := s.comment(); err != nil {
			return 0, err
		}
	}
	switch {
	case s.pos >= len(s.src):
		return s.pos, nil
	case s.src[s.pos] == '\n':
		s.pos++
		return s.pos, nil
	case s.src[s.pos] == '\r' && s.peek(1) == '\n':
		s.pos += 2
		return s.pos, nil
	}
	return 0, tree.ErrAt(s.pos, "expected a newline after %s, got %s", what, tree.QuoteByte(s.src[s.pos]))
}

func (s *tomlScanner) document() error {
	for s.pos < len(s.src) {
		lineStart := s.pos
		s.skipWS()
		if s.pos >= len(s.src) {
			return nil
		}
		switch c := s.src[s.pos]; {
		case c == '\n':
			s.pos++
		case c == '\r' && s.peek(1) == '\n':
			s.pos += 2
		case c == '#':
			if err := s.comment(); err != nil {
				return err
			}
		case c == '[':
			if err := s.header(lineStart); err != nil {
				return err
			}
		default:
			if err := s.keyValue(s.cur, lineStart, false); err != nil {
				return err
			}
		}
	}
	return nil
}

func (s *tomlScanner) header(lineStart int) error {
	start := s.pos
	array := s.peek(1) == '['
	if array {
		s.pos += 2
	} else {
		s.pos++
	}
	s.skipWS()
	keys, _, err := s.key()
	if err != nil {
		return err
	}
	s.skipWS()
	if array {
		if s.peek(0) != ']' || s.peek(1) != ']' {
			return tree.ErrAt(s.pos, "expected ']]' to close the array-of-tables header")
		}
		s.pos += 2
	} else {
		if s.peek(0) != ']' {
			return tree.ErrAt(s.pos, "expected ']' to close the table header")
		}
		s.pos++
	}
	lineEnd, err := s.endOfLine("a table header")
	if err != nil {
		return err
	}
	if len(keys) > tree.MaxDepth {
		return tree.ErrTooDeep(start)
	}
	s.curDepth = len(keys)
	t := s.root
	for i, k := range keys {
		last := i == len(keys)-1
		m := t.Lookup(k.name)
		if m == nil {
			nt := s.a.NewValue(tree.Value{Kind: tree.Table, Form: tomlImplicit, Start: lineStart, OpenEnd: lineEnd})
			var v = nt
			if last {
				if array {
					v = s.a.NewValue(tree.Value{Kind: tree.Array, Typ: "an array of tables", Form: tomlArrayOfTables, Start: lineStart})
					nt.Form = tomlHeader
					v.Elems = append(v.Elems, nt)
				} else {
					nt.Form = tomlHeader
				}
			}
			t.Add(s.a, s.a.NewMember(tree.Member{Key: k.name, KeyStart: k.start, LineStart: lineStart, SpanStart: lineStart, SpanEnd: lineEnd, Val: v}))
			t = nt
			continue
		}
		switch v := m.Val; {
		case v.Kind == tree.Array && v.Form == tomlArrayOfTables:
			if last {
				if !array {
					return tree.ErrAt(start, "table %q is already an array of tables", joinKeys(keys))
				}
				nt := s.a.NewValue(tree.Value{Kind: tree.Table, Form: tomlHeader, Start: lineStart, OpenEnd: lineEnd})
				v.Elems = append(v.Elems, nt)
				t = nt
			} else {
				t = v.Elems[len(v.Elems)-1]
			}
		case v.Kind == tree.Table && v.Form != tomlInline:
			if last {
				if array || v.Form != tomlImplicit {
					return tree.ErrAt(start, "table %q defined twice", joinKeys(keys))
				}
				v.Form = tomlHeader
				v.Start, v.OpenEnd = lineStart, lineEnd
			}
			t = v
		default:
			return tree.ErrAt(start, "key %q is already defined as a value, it cannot be a table", joinKeys(keys[:i+1]))
		}
	}
	s.cur = t
	return nil
}

type tomlKey struct {
	name       string
	start, end int
}

func joinKeys(keys []tomlKey) string {
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = k.name
	}
	return strings.Join(parts, ".")
}

// key reads a (dotted) key.
func (s *tomlScanner) key() ([]tomlKey, int, error) {
	keys := s.keyBuf[:0] // valid until the next call
	defer func() { s.keyBuf = keys[:0] }()
	first := s.pos
	for {
		start := s.pos
		var name string
		switch c := s.peek(0); {
		case c == '"':
			str, err := s.basicString()
			if err != nil {
				return nil, 0, err
			}
			name = str
		case c == '\'':
			str, err := s.literalString()
			if err != nil {
				return nil, 0, err
			}
			name = str
		case isBareKeyByte(c):
			for s.pos < len(s.src) && isBareKeyByte(s.src[s.pos]) {
				s.pos++
			}
			name = tree.ZeroCopy(s.src[start:s.pos])
		case s.pos >= len(s.src):
			return nil, 0, tree.ErrAt(s.pos, "unexpected end of file, expected a key")
		default:
			return nil, 0, tree.ErrAt(s.pos, "unexpected %s, expected a key", tree.QuoteByte(c))
		}
		keys = append(keys, tomlKey{name: name, start: start, end: s.pos})
		save := s.pos
		s.skipWS()
		if s.peek(0) != '.' {
			s.pos = save
			return keys, first, nil
		}
		s.pos++
		s.skipWS()
	}
}

func isBareKeyByte(c byte) bool {
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-'
}

// keyValue reads "key = value" into t. Inside an inline table the member
// span is the key and value only; elsewhere it is the whole line.
func (s *tomlScanner) keyValue(t *tree.Value, lineStart int, inline bool) error {
	keys, first, err := s.key()
	if err != nil {
		return err
	}
	if s.curDepth+s.depth+len(keys) > tree.MaxDepth {
		return tree.ErrTooDeep(first)
	}
	s.skipWS()
	if s.peek(0) != '=' {
		if s.pos >= len(s.src) {
			return tree.ErrAt(s.pos, "unexpected end of file after key %q, expected '='", joinKeys(keys))
		}
		return tree.ErrAt(s.pos, "expected '=' after key %q, got %s", joinKeys(keys), tree.QuoteByte(s.src[s.pos]))
	}
	s.pos++
	s.skipWS()
	if c := s.peek(0); c == '{' || c == '[' {
		keys = append([]tomlKey(nil), keys...) // the value's own keys reuse the buffer
	}
	v, err := s.value()
	if err != nil {
		return err
	}
	spanStart, spanEnd := lineStart, 0
	if inline {
		spanStart, spanEnd = first, v.End
	} else if spanEnd, err = s.endOfLine("a key/value pair"); err != nil {
		return err
	}
	if inline {
		lineStart = first
	}
	// Walk the dotted part, creating tables as TOML's dotted keys do.
	for _, k := range keys[:len(keys)-1] {
		m := t.Lookup(k.name)
		if m == nil {
			form := tomlDotted
			if inline {
				form = tomlInline
			}
			nt := s.a.NewValue(tree.Value{Kind: tree.Table, Form: form, Start: k.start})
			t.Add(s.a, s.a.NewMember(tree.Member{Key: k.name, KeyStart: k.start, LineStart: lineStart, SpanStart: spanStart, SpanEnd: spanEnd, Val: nt}))
			t = nt
			continue
		}
		if m.Val.Kind != tree.Table || m.Val.Form == tomlInline && !inline || m.Val.Form == tomlHeader {
			return tree.ErrAt(k.start, "key %q is already defined, it cannot be extended with a dotted key", k.name)
		}
		t = m.Val
	}
	last := keys[len(keys)-1]
	if prev := t.Lookup(last.name); prev != nil {
		l, _ := tree.LineCol(s.src, prev.KeyStart)
		return tree.ErrAt(last.start, "key %q defined twice (first on line %d)", joinKeys(keys), l)
	}
	t.Add(s.a, s.a.NewMember(tree.Member{Key: last.name, KeyStart: last.start, LineStart: lineStart, SpanStart: spanStart, SpanEnd: spanEnd, Val: v}))
	if !inline && s.cur.Form == tomlHeader {
		s.cur.OpenEnd = spanEnd
	}
	return nil
}

// value reads a value: a string, an inline table, an array, or a bare
// word (number, bool, date).
func (s *tomlScanner) value() (*tree.Value, error) {
	start := s.pos
	switch s.peek(0) {
	case '{':
		return s.inlineTable()
	case '[':
		return s.array()
	}
	if s.pos >= len(s.src) {
		return nil, tree.ErrAt(s.pos, "unexpected end of file, expected a value")
	}
	str, style, isStr, err := s.str()
	if err != nil {
		return nil, err
	}
	if isStr {
		return s.a.NewValue(tree.Value{Kind: tree.String, Str: str, Start: start, End: s.pos, Style: style}), nil
	}
	return s.word()
}

// str reads a string in any of TOML's four styles. isStr is false, and
// nothing is read, when no string starts at s.pos.
func (s *tomlScanner) str() (str string, style uint8, isStr bool, err error) {
	switch c := s.peek(0); {
	case c == '"' && s.peek(1) == '"' && s.peek(2) == '"':
		str, err = s.multiBasic()
		style = tomlMultiBasic
	case c == '"':
		str, err = s.basicString()
		style = tomlBasic
	case c == '\'' && s.peek(1) == '\'' && s.peek(2) == '\'':
		str, err = s.multiLiteral()
		style = tomlMultiLiteral
	case c == '\'':
		str, err = s.literalString()
		style = tomlLiteral
	default:
		return "", 0, false, nil
	}
	return str, style, true, err
}

// word reads a bare value: numbers, booleans and dates are never valid
// in a catalog, so only their extent and what to call them matter (the
// semantic pass reports them).
func (s *tomlScanner) word() (*tree.Value, error) {
	start := s.pos
	for s.pos < len(s.src) {
		c := s.src[s.pos]
		if c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == ',' || c == ']' || c == '}' || c == '#' {
			break
		}
		s.pos++
	}
	if s.pos == start {
		return nil, tree.ErrAt(s.pos, "unexpected %s, expected a value", tree.QuoteByte(s.src[s.pos]))
	}
	word := string(s.src[start:s.pos])
	typ, ok := wordType(word)
	if !ok {
		return nil, tree.ErrAt(start, "invalid value %q (strings must be quoted)", word)
	}
	return s.a.NewValue(tree.Value{Kind: tree.Other, Typ: typ, Start: start, End: s.pos}), nil
}

// wordType says what a bare TOML word is ("a number", "a bool", "a
// date/time"); ok is false when it is none of them.
func wordType(word string) (typ string, ok bool) {
	switch {
	case word == "true" || word == "false":
		return "a bool", true
	case strings.Contains(word, ":") || strings.Count(word, "-") >= 2 && !strings.ContainsAny(word, "eE"):
		return "a date/time", true
	}
	digits := strings.ReplaceAll(word, "_", "")
	if _, err := strconv.ParseFloat(digits, 64); err == nil {
		return "a number", true
	}
	if _, err := strconv.ParseInt(digits, 0, 64); err == nil {
		return "a number", true
	}
	switch word {
	case "inf", "nan", "+inf", "-inf", "+nan", "-nan":
		return "a number", true
	}
	return "", false
}

// skipBlank skips whitespace, newlines and comments (inside arrays and
// inline tables).
func (s *tomlScanner) skipBlank() error {
	for s.pos < len(s.src) {
		switch c := s.src[s.pos]; {
		case c == ' ' || c == '\t' || c == '\n':
			s.pos++
		case c == '\r' && s.peek(1) == '\n':
			s.pos += 2
		case c == '#':
			if err := s.comment(); err != nil {
				return err
			}
		default:
			return nil
		}
	}
	return nil
}

func (s *tomlScanner) array() (*tree.Value, error) {
	if s.depth++; s.depth > tree.MaxDepth {
		return nil, tree.ErrTooDeep(s.pos)
	}
	defer func() { s.depth-- }()
	a := s.a.NewValue(tree.Value{Kind: tree.Array, Typ: "an array", Start: s.pos})
	s.pos++
	for {
		if err := s.skipBlank(); err != nil {
			return nil, err
		}
		if s.peek(0) == ']' {
			s.pos++
			a.End = s.pos
			return a, nil
		}
		v, err := s.value()
		if err != nil {
			return nil, err
		}
		a.Elems = append(a.Elems, v)
		if done, err := s.endOfItem(']', "array", a); err != nil {
			return nil, err
		} else if done {
			return a, nil
		}
	}
}

// endOfItem reads what follows an array element or an inline-table pair:
// a comma (more follow) or closer (done: c ends past it). what names the
// collection in errors.
func (s *tomlScanner) endOfItem(closer byte, what string, c *tree.Value) (done bool, err error) {
	if err := s.skipBlank(); err != nil {
		return false, err
	}
	switch s.peek(0) {
	case ',':
		s.pos++
		return false, nil
	case closer:
		s.pos++
		c.End = s.pos
		return true, nil
	}
	if s.pos >= len(s.src) {
		return false, tree.ErrAt(s.pos, "unexpected end of file in %s", what)
	}
	return false, tree.ErrAt(s.pos, "expected ',' or '%c' in %s, got %s", closer, what, tree.QuoteByte(s.src[s.pos]))
}

func (s *tomlScanner) inlineTable() (*tree.Value, error) {
	if s.depth++; s.depth > tree.MaxDepth {
		return nil, tree.ErrTooDeep(s.pos)
	}
	defer func() { s.depth-- }()
	t := s.a.NewValue(tree.Value{Kind: tree.Table, Form: tomlInline, Start: s.pos})
	s.pos++
	for {
		if err := s.skipBlank(); err != nil {
			return nil, err
		}
		if s.peek(0) == '}' {
			s.pos++
			t.End = s.pos
			return t, nil
		}
		if s.peek(0) == ',' {
			return nil, tree.ErrAt(s.pos, "unexpected comma in inline table")
		}
		if err := s.keyValue(t, s.pos, true); err != nil {
			return nil, err
		}
		if done, err := s.endOfItem('}', "inline table", t); err != nil {
			return nil, err
		} else if done {
			return t, nil
		}
	}
}

// plainByte marks bytes a basic string can hold with no further checks.
var plainByte = func() (t [256]bool) {
	for c := 0x20; c < 0x100; c++ {
		t[c] = c != '"' && c != '\\' && c != 0x7f
	}
	t['\t'] = true
	return t
}()

func (s *tomlScanner) basicString() (string, error) {
	start := s.pos
	s.pos++
	simple := true
	for s.pos < len(s.src) {
		for s.pos < len(s.src) && plainByte[s.src[s.pos]] {
			s.pos++
		}
		if s.pos >= len(s.src) {
			break
		}
		c := s.src[s.pos]
		switch {
		case c == '"':
			s.pos++
			if simple {
				return tree.ZeroCopy(s.src[start+1 : s.pos-1]), nil
			}
			return s.unescape(start+1, s.pos-1, false)
		case c == '\\':
			simple = false
			if err := s.checkEscape(false); err != nil {
				return "", err
			}
		case c == '\n' || c == '\r':
			return "", tree.ErrAt(s.pos, "newline in a single-line string (use \"\"\" for multi-line text)")
		case c < 0x20 && c != '\t' || c == 0x7f:
			return "", tree.ErrAt(s.pos, "control character %s in string", tree.QuoteByte(c))
		default:
			s.pos++
		}
	}
	return "", tree.ErrAt(start, "string not closed before the end of the file")
}

// checkEscape validates the escape at s.pos and moves past it.
func (s *tomlScanner) checkEscape(multi bool) error {
	at := s.pos
	s.pos++
	hex := 0
	switch c := s.peek(0); c {
	case 'b', 't', 'n', 'f', 'r', 'e', '"', '\\':
		s.pos++
		return nil
	case 'x':
		hex = 2
	case 'u':
		hex = 4
	case 'U':
		hex = 8
	case ' ', '\t', '\n', '\r':
		if !multi {
			return tree.ErrAt(at, "invalid escape '\\%c'", c)
		}
		// Line-ending backslash: whitespace up to a newline.
		p := s.pos
		for p < len(s.src) && (s.src[p] == ' ' || s.src[p] == '\t') {
			p++
		}
		if p < len(s.src) && (s.src[p] == '\n' || s.src[p] == '\r' && p+1 < len(s.src) && s.src[p+1] == '\n') {
			s.pos = p
			return nil
		}
		return tree.ErrAt(at, "invalid escape: '\\' followed by whitespace must end the line")
	default:
		if s.pos >= len(s.src) {
			return tree.ErrAt(at, "string not closed before the end of the file")
		}
		r, _ := utf8.DecodeRune(s.src[s.pos:])
		return tree.ErrAt(at, "invalid escape '\\%c'", r)
	}
	s.pos++
	if s.pos+hex > len(s.src) {
		return tree.ErrAt(at, "incomplete escape")
	}
	for _, h := range s.src[s.pos : s.pos+hex] {
		if !tree.IsHex(h) {
			return tree.ErrAt(at, "invalid escape: expected %d hexadecimal digits", hex)
		}
	}
	n, _ := strconv.ParseUint(string(s.src[s.pos:s.pos+hex]), 16, 32)
	if !utf8.ValidRune(rune(n)) {
		return tree.ErrAt(at, "escaped character is not valid Unicode")
	}
	s.pos += hex
	return nil
}

// unescape decodes an already validated basic string body.
func (s *tomlScanner) unescape(from, to int, multi bool) (string, error) {
	body := s.src[from:to]
	var b strings.Builder
	b.Grow(len(body))
	for i := 0; i < len(body); {
		c := body[i]
		if c != '\\' {
			b.WriteByte(c)
			i++
			continue
		}
		switch e := body[i+1]; e {
		case 'b':
			b.WriteByte('\b')
		case 't':
			b.WriteByte('\t')
		case 'n':
			b.WriteByte('\n')
		case 'f':
			b.WriteByte('\f')
		case 'r':
			b.WriteByte('\r')
		case 'e':
			b.WriteByte(0x1b)
		case '"':
			b.WriteByte('"')
		case '\\':
			b.WriteByte('\\')
		case 'x', 'u', 'U':
			n := map[byte]int{'x': 2, 'u': 4, 'U': 8}[e]
			r, _ := strconv.ParseUint(string(body[i+2:i+2+n]), 16, 32)
			b.WriteRune(rune(r))
			i += 2 + n
			continue
		default: // line-ending backslash: drop all whitespace and newlines after it
			j := i + 1
			for j < len(body) && (body[j] == ' ' || body[j] == '\t' || body[j] == '\n' || body[j] == '\r') {
				j++
			}
			i = j
			continue
		}
		i += 2
	}
	return b.String(), nil
}

func (s *tomlScanner) literalString() (string, error) {
	start := s.pos
	s.pos++
	for s.pos < len(s.src) {
		c := s.src[s.pos]
		switch {
		case c == '\'':
			s.pos++
			return tree.ZeroCopy(s.src[start+1 : s.pos-1]), nil
		case c == '\n' || c == '\r':
			return "", tree.ErrAt(s.pos, "newline in a single-line literal string")
		case c < 0x20 && c != '\t' || c == 0x7f:
			return "", tree.ErrAt(s.pos, "control character %s in string", tree.QuoteByte(c))
		}
		s.pos++
	}
	return "", tree.ErrAt(start, "string not closed before the end of the file")
}

// skipFirstNewline implements "a newline immediately following the opening
// delimiter is trimmed".
func (s *tomlScanner) skipFirstNewline() {
	if s.peek(0) == '\n' {
		s.pos++
	} else if s.peek(0) == '\r' && s.peek(1) == '\n' {
		s.pos += 2
	}
}

func (s *tomlScanner) multiBasic() (string, error) {
	start := s.pos
	s.pos += 3
	s.skipFirstNewline()
	bodyStart := s.pos
	simple := true
	for s.pos < len(s.src) {
		c := s.src[s.pos]
		switch {
		case c == '"' && s.peek(1) == '"' && s.peek(2) == '"':
			end, err := s.closeMulti('"')
			if err != nil {
				return "", err
			}
			if simple {
				return normalizeCRLF(s.src[bodyStart:end]), nil
			}
			return s.unescape(bodyStart, end, true)
		case c == '\\':
			simple = false
			if err := s.checkEscape(true); err != nil {
				return "", err
			}
		default:
			if err := s.multiLineByte(c); err != nil {
				return "", err
			}
		}
	}
	return "", tree.ErrAt(start, "multi-line string not closed before the end of the file")
}

func (s *tomlScanner) multiLiteral() (string, error) {
	start := s.pos
	s.pos += 3
	s.skipFirstNewline()
	bodyStart := s.pos
	for s.pos < len(s.src) {
		c := s.src[s.pos]
		switch {
		case c == '\'' && s.peek(1) == '\'' && s.peek(2) == '\'':
			end, err := s.closeMulti('\'')
			if err != nil {
				return "", err
			}
			return normalizeCRLF(s.src[bodyStart:end]), nil
		default:
			if err := s.multiLineByte(c); err != nil {
				return "", err
			}
		}
	}
	return "", tree.ErrAt(start, "multi-line string not closed before the end of the file")
}

// multiLineByte steps over byte c of a multi-line string's content, which
// is neither its delimiter nor an escape: both kinds allow tabs and
// newlines (CRLF too) and refuse every other control character.
func (s *tomlScanner) multiLineByte(c byte) error {
	switch {
	case c == '\r':
		if s.peek(1) != '\n' {
			return tree.ErrAt(s.pos, "carriage return not followed by a newline")
		}
		s.pos += 2
	case c < 0x20 && c != '\t' && c != '\n' || c == 0x7f:
		return tree.ErrAt(s.pos, "control character %s in string", tree.QuoteByte(c))
	default:
		s.pos++
	}
	return nil
}

// closeMulti reads the closing delimiter (three q) of a multi-line string
// at s.pos, where up to two more q before it belong to the content, and
// returns where the content ends.
func (s *tomlScanner) closeMulti(q byte) (int, error) {
	end := s.pos
	s.pos += 3
	for i := 0; i < 2 && s.peek(0) == q; i++ {
		s.pos++
		end++
	}
	if s.peek(0) == q {
		return 0, tree.ErrAt(s.pos, "too many quotes at the end of a multi-line string")
	}
	return end, nil
}

// normalizeCRLF returns a multi-line string body as it is: a CRLF line end
// inside the string stays CRLF, as BurntSushi/toml (go-i18n's parser) reads
// it, so text and hashes agree with goi18n for files saved on Windows.
func normalizeCRLF(b []byte) string {
	return tree.ZeroCopy(b)
}
