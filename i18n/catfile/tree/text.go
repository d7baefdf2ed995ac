package tree

import (
	"bytes"
	"errors"
	"fmt"
	"unsafe"
)

// lineCol converts a byte offset to a 1-based line and column (in bytes).
func LineCol(src []byte, off int) (line, col int) {
	if off > len(src) {
		off = len(src)
	}
	if off < 0 {
		off = 0
	}
	line = 1 + bytes.Count(src[:off], []byte{'\n'})
	col = off - bytes.LastIndexByte(src[:off], '\n')
	return line, col
}

// PosError is a parse error at a byte offset (or an explicit line/column).
type PosError struct {
	Off       int
	Line, Col int
	Msg       string
	kind      error // what errors.Is finds (ErrDepth), or nil
}

func (e *PosError) Error() string { return e.Msg }

func (e *PosError) Unwrap() error { return e.kind }

// ErrAt returns a *PosError at byte offset off.
func ErrAt(off int, format string, args ...any) error {
	return &PosError{Off: off, Msg: fmt.Sprintf(format, args...)}
}

// lineStartOf returns the offset of the start of the line containing off.
func LineStartOf(src []byte, off int) int {
	ls := bytes.LastIndexByte(src[:off], '\n') + 1
	// A byte-order mark is not part of the first line: text inserted at
	// its start goes after the mark, and the mark is no indentation.
	if ls == 0 && off >= len(BOM) && bytes.HasPrefix(src, BOM) {
		return len(BOM)
	}
	return ls
}

// afterLine returns the offset just past the newline ending the line that
// contains off (or len(src)).
func AfterLine(src []byte, off int) int {
	if i := bytes.IndexByte(src[off:], '\n'); i >= 0 {
		return off + i + 1
	}
	return len(src)
}

// newline returns the file's line ending.
func Newline(src []byte) string {
	if i := bytes.IndexByte(src, '\n'); i > 0 && src[i-1] == '\r' {
		return "\r\n"
	}
	return "\n"
}

// removeListItem returns the span to delete for an item [start, end) of a
// comma-separated list (JSON object/array, TOML inline table, YAML flow
// collection), taking one neighbouring comma with it.
func RemoveListItem(src []byte, start, end int) (int, int) {
	i := end
	for i < len(src) && IsSpace(src[i]) {
		i++
	}
	if i < len(src) && src[i] == ',' {
		i++
		// Drop the whitespace up to the next item, so it moves into the
		// deleted item's place with the deleted item's indentation.
		for i < len(src) && IsSpace(src[i]) {
			i++
		}
		return start, i
	}
	j := start
	for j > 0 && IsSpace(src[j-1]) {
		j--
	}
	if j > 0 && src[j-1] == ',' {
		return j - 1, end
	}
	return start, end
}

// IsSpace reports ASCII blanks and line ends.
func IsSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// BOM is the UTF-8 byte-order mark, which go-i18n skips and a save keeps.
var BOM = []byte("\uFEFF")

// QuoteByte shows a byte in an error message: 'x', or 0x1f when it is not
// printable ASCII.
func QuoteByte(b byte) string {
	if b < 0x20 || b >= 0x7f {
		return "0x" + string("0123456789abcdef"[b>>4]) + string("0123456789abcdef"[b&15])
	}
	return "'" + string(b) + "'"
}

// MaxDepth is the deepest nesting of tables and arrays a catalog may have.
// Real catalogs nest a few levels. The bound is far below the 10,000 of
// encoding/json and yaml.v3 because message IDs are the keys on the path
// joined by dots: a file nested d levels deep costs d times its size to
// read, and a 64 KB TOML file of one dotted key 30,000 parts long took
// seconds (go-i18n's TOML library takes minutes on it).
const MaxDepth = 100

// ErrDepth is what errors.Is finds in every error of ErrTooDeep.
var ErrDepth = errors.New("nested too deep")

// ErrTooDeep is the error for a value at off nested deeper than MaxDepth.
func ErrTooDeep(off int) error {
	return &PosError{Off: off, Msg: fmt.Sprintf("nested more than %d levels deep; refused (exceeded max depth)", MaxDepth), kind: ErrDepth}
}

// IsHex reports hexadecimal digits.
func IsHex(c byte) bool {
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')
}

// zeroCopy returns b as a string without copying. Catalogs never modify
// their source bytes after parsing, so the string stays valid and immutable.
func ZeroCopy(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	return unsafe.String(&b[0], len(b))
}

// indentUnit guesses the file's indentation step ("  " if it cannot tell).
func IndentUnit(src []byte) string {
	best := ""
	for _, line := range bytes.Split(src, []byte("\n")) {
		trimmed := bytes.TrimLeft(line, " \t")
		n := len(line) - len(trimmed)
		if n > 0 && len(trimmed) > 0 && (best == "" || n < len(best)) {
			best = string(line[:n])
		}
	}
	if best == "" {
		return "  "
	}
	return best
}
