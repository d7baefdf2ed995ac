package pdfobj

import (
	"bytes"
	"encoding/hex"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode/utf16"

	"communique/app/pdfread"
)

// maxNesting bounds recursion into direct objects; the reader caps nesting
// too, but a writer must not rely on who built the value.
const maxNesting = 64

// writeValue serializes a direct value, references kept as references.
func writeValue(w *bytes.Buffer, v pdfread.Object, depth int) error {
	if depth > maxNesting {
		return errors.New("objects nested too deeply")
	}
	switch x := v.(type) {
	case nil:
		w.WriteString("null")
	case bool:
		w.WriteString(strconv.FormatBool(x))
	case int64:
		w.WriteString(strconv.FormatInt(x, 10))
	case float64:
		w.WriteString(FormatReal(x))
	case pdfread.String:
		w.WriteString(HexString([]byte(x)))
	case pdfread.Name:
		w.WriteString(Name(string(x)))
	case pdfread.Ref:
		w.WriteString(x.String())
	case pdfread.Array:
		w.WriteByte('[')
		for i, e := range x {
			if i > 0 {
				w.WriteByte(' ')
			}
			if err := writeValue(w, e, depth+1); err != nil {
				return err
			}
		}
		w.WriteByte(']')
	case pdfread.Dict:
		w.WriteString("<<")
		for _, k := range sortedKeys(x) {
			w.WriteString(Name(string(k)))
			w.WriteByte(' ')
			if err := writeValue(w, x[k], depth+1); err != nil {
				return err
			}
		}
		w.WriteString(">>")
	default:
		return fmt.Errorf("cannot copy a %T value in place", v)
	}
	return nil
}

func sortedKeys(d pdfread.Dict) []pdfread.Name {
	keys := make([]pdfread.Name, 0, len(d))
	for k := range d {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// DictEntries serializes the entries of d except the keys in skip, one per
// line, without the << >> brackets, so the caller can add its own.
func DictEntries(d pdfread.Dict, skip ...pdfread.Name) ([]byte, error) {
	var b bytes.Buffer
	for _, k := range sortedKeys(d) {
		if slices.Contains(skip, k) {
			continue
		}
		b.WriteString(Name(string(k)))
		b.WriteByte(' ')
		if err := writeValue(&b, d[k], 1); err != nil {
			return nil, err
		}
		b.WriteByte('\n')
	}
	return b.Bytes(), nil
}

// Items serializes the elements of a, each followed by a space, without
// the brackets, so the caller can append its own.
func Items(a pdfread.Array) ([]byte, error) {
	var b bytes.Buffer
	for _, e := range a {
		if err := writeValue(&b, e, 1); err != nil {
			return nil, err
		}
		b.WriteByte(' ')
	}
	return b.Bytes(), nil
}

// FormatReal writes a number the shortest way that reads back exactly.
func FormatReal(f float64) string {
	s := strconv.FormatFloat(f, 'f', -1, 64)
	if s == "-0" {
		return "0"
	}
	return s
}

// HexString writes b as a hexadecimal string.
func HexString(b []byte) string {
	return "<" + strings.ToUpper(hex.EncodeToString(b)) + ">"
}

// Name escapes a name so any byte survives (ISO 32000-1 §7.3.5).
func Name(s string) string {
	var b strings.Builder
	b.WriteByte('/')
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x21 || c > 0x7e || strings.IndexByte("#()<>[]{}/%", c) >= 0 {
			fmt.Fprintf(&b, "#%02X", c)
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}

// TextString encodes a PDF text string: a literal for printable ASCII, else
// UTF-16BE with a byte-order mark written as hex, so no byte of a Cyrillic
// or Arabic name can be mistaken for a parenthesis or backslash.
func TextString(s string) string {
	ascii := true
	for _, r := range s {
		if r < 0x20 || r > 0x7e {
			ascii = false
			break
		}
	}
	if ascii {
		r := strings.NewReplacer(`\`, `\\`, `(`, `\(`, `)`, `\)`)
		return "(" + r.Replace(s) + ")"
	}
	u := utf16.Encode([]rune(s))
	buf := make([]byte, 2, 2+2*len(u))
	buf[0], buf[1] = 0xFE, 0xFF
	for _, c := range u {
		buf = append(buf, byte(c>>8), byte(c))
	}
	return HexString(buf)
}
