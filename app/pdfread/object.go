package pdfread

import (
	"bytes"
	"errors"
	"fmt"
	"strconv"
)

// Object is a parsed PDF value: nil (null), bool, int64, float64, String,
// Name, Array, Dict, Ref or *Stream.
type Object any

// Name is a PDF name without its slash, escapes decoded.
type Name string

// String is a PDF string's bytes, escapes decoded.
type String string

// Array is a PDF array.
type Array []Object

// Dict is a PDF dictionary.
type Dict map[Name]Object

// Ref is an indirect reference.
type Ref struct{ Num, Gen int }

func (r Ref) String() string { return fmt.Sprintf("%d %d R", r.Num, r.Gen) }

// Stream is a stream object: its dictionary and its encoded bytes, which
// are a slice of the file (or of an object stream) and must not be changed.
type Stream struct {
	Dict Dict
	Raw  []byte
}

// Error is a structural fault, at a byte offset of the file (or of a
// decoded object stream, named by Where).
type Error struct {
	Offset int64
	Where  string // "" for the file itself, else e.g. "object stream 12"
	Msg    string
	// Err, when set, is a sentinel callers test with errors.Is
	// (ErrEncrypted).
	Err error
}

// ErrEncrypted is wrapped by the *Error for an encrypted document, which
// this reader does not decrypt: a signer refuses it by this error.
var ErrEncrypted = errors.New("encrypted documents are not supported")

func (e *Error) Unwrap() error { return e.Err }

func (e *Error) Error() string {
	if e.Where != "" {
		return fmt.Sprintf("%s, byte %d: %s", e.Where, e.Offset, e.Msg)
	}
	return fmt.Sprintf("byte %d: %s", e.Offset, e.Msg)
}

// dictCost is what a dictionary and each of its entries count against
// Limits.MaxValues beyond the values themselves.
const dictCost = 4

// lexer reads PDF tokens from buf. Every loop advances pos, every nested
// value increases depth, and every value counts against the file's budget.
type lexer struct {
	buf   []byte
	pos   int
	where string
	lim   *budget
}

func (l *lexer) errf(at int, format string, args ...any) *Error {
	return &Error{Offset: int64(at), Where: l.where, Msg: fmt.Sprintf(format, args...)}
}

func isSpace(c byte) bool {
	return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == 0
}

func isDelim(c byte) bool {
	return bytes.IndexByte([]byte("()<>[]{}/%"), c) >= 0
}

func isRegular(c byte) bool { return !isSpace(c) && !isDelim(c) }

// skip passes white space and comments.
func (l *lexer) skip() {
	for l.pos < len(l.buf) {
		c := l.buf[l.pos]
		switch {
		case isSpace(c):
			l.pos++
		case c == '%':
			for l.pos < len(l.buf) && l.buf[l.pos] != '\n' && l.buf[l.pos] != '\r' {
				l.pos++
			}
		default:
			return
		}
	}
}

// skipSpace passes white space only (not comments: %%EOF is one).
func (l *lexer) skipSpace() {
	for l.pos < len(l.buf) && isSpace(l.buf[l.pos]) {
		l.pos++
	}
}

// keyword consumes the regular-character token kw if it is next.
func (l *lexer) keyword(kw string) bool {
	end := l.pos + len(kw)
	if end > len(l.buf) || string(l.buf[l.pos:end]) != kw {
		return false
	}
	if end < len(l.buf) && isRegular(l.buf[end]) {
		return false
	}
	l.pos = end
	return true
}

// token returns the regular characters at pos without consuming them.
func (l *lexer) peekToken() []byte {
	end := l.pos
	for end < len(l.buf) && isRegular(l.buf[end]) {
		end++
	}
	return l.buf[l.pos:end]
}

// uint reads an unsigned decimal integer token of at most 10 digits.
func (l *lexer) uint() (int64, bool) {
	tok := l.peekToken()
	if len(tok) == 0 || len(tok) > 10 {
		return 0, false
	}
	var n int64
	for _, c := range tok {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int64(c-'0')
	}
	l.pos += len(tok)
	return n, true
}

// value parses one object at pos (after white space).
func (l *lexer) value(depth int) (Object, error) {
	l.skip()
	if l.pos >= len(l.buf) {
		return nil, l.errf(l.pos, "unexpected end of data")
	}
	if err := l.lim.value(); err != nil {
		return nil, l.errf(l.pos, "%v", err)
	}
	start := l.pos
	switch c := l.buf[l.pos]; {
	case c == '[':
		return l.array(depth + 1)
	case c == '<' && l.pos+1 < len(l.buf) && l.buf[l.pos+1] == '<':
		return l.dict(depth + 1)
	case c == '<':
		return l.hexString()
	case c == '(':
		return l.literalString()
	case c == '/':
		return l.name()
	case c == '+' || c == '-' || c == '.' || c >= '0' && c <= '9':
		return l.number()
	case l.keyword("true"):
		return true, nil
	case l.keyword("false"):
		return false, nil
	case l.keyword("null"):
		return nil, nil
	default:
		tok := l.peekToken()
		if len(tok) == 0 {
			return nil, l.errf(start, "unexpected %q", c)
		}
		return nil, l.errf(start, "unexpected %q", truncate(tok))
	}
}

func truncate(b []byte) string {
	if len(b) > 20 {
		return string(b[:20]) + "…"
	}
	return string(b)
}

func (l *lexer) array(depth int) (Object, error) {
	if depth > l.lim.lim.MaxDepth {
		return nil, l.errf(l.pos, "objects nested deeper than %d levels", l.lim.lim.MaxDepth)
	}
	l.pos++ // [
	arr := Array{}
	for {
		l.skip()
		if l.pos >= len(l.buf) {
			return nil, l.errf(l.pos, "unterminated array")
		}
		if l.buf[l.pos] == ']' {
			l.pos++
			return arr, nil
		}
		v, err := l.value(depth)
		if err != nil {
			return nil, err
		}
		arr = append(arr, v)
	}
}

func (l *lexer) dict(depth int) (Object, error) {
	if depth > l.lim.lim.MaxDepth {
		return nil, l.errf(l.pos, "objects nested deeper than %d levels", l.lim.lim.MaxDepth)
	}
	l.pos += 2 // <<
	if err := l.lim.charge(dictCost); err != nil {
		return nil, l.errf(l.pos, "%v", err)
	}
	d := Dict{}
	for {
		l.skip()
		if l.pos+1 < len(l.buf) && l.buf[l.pos] == '>' && l.buf[l.pos+1] == '>' {
			l.pos += 2
			return d, nil
		}
		if l.pos >= len(l.buf) {
			return nil, l.errf(l.pos, "unterminated dictionary")
		}
		at := l.pos
		if l.buf[l.pos] != '/' {
			return nil, l.errf(at, "a dictionary key must be a name")
		}
		k, err := l.name()
		if err != nil {
			return nil, err
		}
		v, err := l.value(depth)
		if err != nil {
			return nil, err
		}
		if err := l.lim.charge(dictCost); err != nil {
			return nil, l.errf(at, "%v", err)
		}
		// Readers disagree on which of two equal keys wins.
		if _, dup := d[k.(Name)]; dup {
			return nil, l.errf(at, "dictionary key /%s appears twice", k.(Name))
		}
		d[k.(Name)] = v
	}
}

func (l *lexer) name() (Object, error) {
	l.pos++ // /
	var b []byte
	for l.pos < len(l.buf) && isRegular(l.buf[l.pos]) {
		c := l.buf[l.pos]
		if c == '#' {
			if l.pos+2 >= len(l.buf)+0 || !isHex(l.buf[l.pos+1]) || !isHex(l.buf[l.pos+2]) {
				return nil, l.errf(l.pos, "bad escape in a name")
			}
			c = unhex(l.buf[l.pos+1])<<4 | unhex(l.buf[l.pos+2])
			l.pos += 2
		}
		b = append(b, c)
		l.pos++
	}
	return Name(b), nil
}

func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

func unhex(c byte) byte {
	switch {
	case c >= '0' && c <= '9':
		return c - '0'
	case c >= 'a' && c <= 'f':
		return c - 'a' + 10
	}
	return c - 'A' + 10
}

func (l *lexer) hexString() (Object, error) {
	start := l.pos
	l.pos++ // <
	var b []byte
	var hi byte
	odd := false
	for {
		if l.pos >= len(l.buf) {
			return nil, l.errf(start, "unterminated hex string")
		}
		c := l.buf[l.pos]
		l.pos++
		switch {
		case c == '>':
			if odd {
				b = append(b, hi<<4)
			}
			return String(b), nil
		case isSpace(c):
		case isHex(c):
			if odd {
				b = append(b, hi<<4|unhex(c))
			} else {
				hi = unhex(c)
			}
			odd = !odd
		default:
			return nil, l.errf(l.pos-1, "bad character %q in a hex string", c)
		}
	}
}

func (l *lexer) literalString() (Object, error) {
	start := l.pos
	l.pos++ // (
	var b []byte
	depth := 1
	for {
		if l.pos >= len(l.buf) {
			return nil, l.errf(start, "unterminated string")
		}
		c := l.buf[l.pos]
		l.pos++
		switch c {
		case '(':
			depth++
		case ')':
			depth--
			if depth == 0 {
				return String(b), nil
			}
		case '\\':
			if l.pos >= len(l.buf) {
				return nil, l.errf(start, "unterminated string")
			}
			c = l.buf[l.pos]
			l.pos++
			switch c {
			case 'n':
				c = '\n'
			case 'r':
				c = '\r'
			case 't':
				c = '\t'
			case 'b':
				c = '\b'
			case 'f':
				c = '\f'
			case '\r':
				if l.pos < len(l.buf) && l.buf[l.pos] == '\n' {
					l.pos++
				}
				continue
			case '\n':
				continue
			default:
				if c >= '0' && c <= '7' {
					v := int(c - '0')
					for i := 0; i < 2 && l.pos < len(l.buf) && l.buf[l.pos] >= '0' && l.buf[l.pos] <= '7'; i++ {
						v = v*8 + int(l.buf[l.pos]-'0')
						l.pos++
					}
					c = byte(v)
				}
			}
		}
		b = append(b, c)
	}
}

// number reads an integer or real, or a reference "N G R".
func (l *lexer) number() (Object, error) {
	start := l.pos
	tok := l.peekToken()
	l.pos += len(tok)
	if isInteger(tok) {
		n, err := strconv.ParseInt(string(tok), 10, 64)
		if err != nil {
			return nil, l.errf(start, "integer %q out of range", truncate(tok))
		}
		if n >= 0 && tok[0] != '+' {
			if r, ok := l.refTail(n); ok {
				return r, nil
			}
		}
		return n, nil
	}
	f, err := strconv.ParseFloat(string(tok), 64)
	if err != nil || !isReal(tok) {
		return nil, l.errf(start, "bad number %q", truncate(tok))
	}
	return f, nil
}

// refTail, after the integer n, consumes " G R" if it follows.
func (l *lexer) refTail(n int64) (Ref, bool) {
	save := l.pos
	l.skipSpace()
	gen, ok := l.uint()
	if ok {
		l.skipSpace()
		if l.keyword("R") {
			if n > int64(l.lim.lim.MaxObjectNumber) || gen > 65535 {
				l.pos = save
				return Ref{}, false
			}
			return Ref{int(n), int(gen)}, true
		}
	}
	l.pos = save
	return Ref{}, false
}

func isInteger(tok []byte) bool {
	if len(tok) > 0 && (tok[0] == '+' || tok[0] == '-') {
		tok = tok[1:]
	}
	if len(tok) == 0 {
		return false
	}
	for _, c := range tok {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

func isReal(tok []byte) bool {
	if len(tok) > 0 && (tok[0] == '+' || tok[0] == '-') {
		tok = tok[1:]
	}
	dots, digits := 0, 0
	for _, c := range tok {
		switch {
		case c == '.':
			dots++
		case c >= '0' && c <= '9':
			digits++
		default:
			return false
		}
	}
	return dots <= 1 && digits > 0
}
