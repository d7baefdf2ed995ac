package catfile

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"unicode/utf16"
	"unicode/utf8"

	"communique/app/safefile"
	"communique/i18n/catfile/tree"
)

// Limits on what a catalog file may make this package do. A catalog is
// hostile input as far as the process is concerned: it may come back from
// anyone a handoff was sent to.
const (
	// MaxFileSize is the largest catalog read. 30 languages of 5,000
	// messages are half a megabyte each; 64 MiB leaves a hundredfold
	// margin and keeps the whole process within a few hundred MB.
	MaxFileSize = 64 << 20
	// maxExcerpt is the most of a file's content an error message quotes.
	maxExcerpt = 120
)

// ReadFile reads path, refusing a file larger than MaxFileSize before
// reading it.
func ReadFile(path string) ([]byte, error) {
	data, err := safefile.ReadFile(path, MaxFileSize)
	var tl *safefile.TooLargeError
	if errors.As(err, &tl) {
		return nil, tooLarge(path, tl.Size)
	}
	return data, err
}

func tooLarge(path string, size int64) error {
	return &ParseError{Path: path, Line: 1, Col: 1,
		Msg: fmt.Sprintf("file is %.1f MiB; catalogs over %d MiB are refused (is it really a catalog?)", float64(size)/(1<<20), MaxFileSize>>20)}
}

// fromUTF16 turns YAML in UTF-16 (recognised by its byte-order mark, as
// YAML requires) into UTF-8 without the mark, and says which byte order it
// was in; other content is returned as it is with a nil order. Lone
// surrogates are refused: the file could not be written back as it was.
func fromUTF16(src []byte) ([]byte, binary.ByteOrder, error) {
	var order binary.ByteOrder
	switch {
	case bytes.HasPrefix(src, []byte{0xFE, 0xFF}):
		order = binary.BigEndian
	case bytes.HasPrefix(src, []byte{0xFF, 0xFE}):
		order = binary.LittleEndian
	default:
		return src, nil, nil
	}
	if len(src)%2 != 0 {
		return nil, nil, tree.ErrAt(0, "UTF-16 file with an odd number of bytes")
	}
	out := make([]byte, 0, len(src)/2*3/2)
	line := 1
	for i := 2; i < len(src); i += 2 {
		r := rune(order.Uint16(src[i:]))
		if utf16.IsSurrogate(r) {
			var r2 rune = -1
			if i+4 <= len(src) {
				r2 = rune(order.Uint16(src[i+2:]))
			}
			if r = utf16.DecodeRune(r, r2); r == utf8.RuneError {
				return nil, nil, &tree.PosError{Line: line, Col: 1, Msg: "invalid UTF-16 (a lone surrogate)"}
			}
			i += 2
		}
		if r == '\n' {
			line++
		}
		out = utf8.AppendRune(out, r)
	}
	return out, order, nil
}

// encode returns UTF-8 text in the catalog's own encoding.
func (c *Catalog) encode(text []byte) []byte {
	if c.utf16 == nil {
		return text
	}
	units := utf16.Encode([]rune(string(text)))
	out := make([]byte, 2+2*len(units))
	c.utf16.PutUint16(out, 0xFEFF)
	for i, u := range units {
		c.utf16.PutUint16(out[2+2*i:], u)
	}
	return out
}

// checkUTF8 refuses content that is not UTF-8, naming where, as TOML and
// YAML parsers do: go-i18n's JSON reader would turn the bad bytes into
// U+FFFD, which then reaches a PDF. (YAML in UTF-16 was made UTF-8 by
// fromUTF16 before this check.)
func checkUTF8(src []byte) error {
	if utf8.Valid(src) {
		return nil
	}
	off := 0
	for off < len(src) {
		r, n := utf8.DecodeRune(src[off:])
		if r == utf8.RuneError && n <= 1 {
			break
		}
		off += n
	}
	return tree.ErrAt(off, "invalid UTF-8 (byte 0x%02X); catalogs must be UTF-8", src[off])
}

// excerpt shortens a message that quotes file content, so that an error in
// a one-line file of 50 MB is one line of a terminal, not 50 MB of it. It
// keeps the start and the end, where a message says what is wrong with
// what it quoted.
func excerpt(msg string) string {
	const max = 4 * maxExcerpt
	if len(msg) <= max {
		return msg
	}
	head, tail := 2*maxExcerpt, len(msg)-maxExcerpt
	for head > 0 && !utf8.RuneStart(msg[head]) {
		head--
	}
	for tail < len(msg) && !utf8.RuneStart(msg[tail]) {
		tail++
	}
	return fmt.Sprintf("%s…(%d more bytes)…%s", msg[:head], tail-head, msg[tail:])
}
