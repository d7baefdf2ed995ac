package sign

import (
	"bytes"
	"encoding/hex"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf16"

	"github.com/digitorus/pdf"
)

// The PDF reader (github.com/digitorus/pdf) panics on malformed input; every
// call into it goes through guard so a hostile or damaged file becomes an
// error, never a crash.
func guard(what string, fn func() error) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%s: damaged PDF structure (%v)", what, r)
		}
	}()
	return fn()
}

// openPDF parses data; it fails on anything that is not a readable PDF.
func openPDF(data []byte) (*pdf.Reader, error) {
	var r *pdf.Reader
	err := guard("reading PDF", func() error {
		var err error
		r, err = pdf.NewReader(bytes.NewReader(data), int64(len(data)))
		return err
	})
	if err != nil {
		if strings.Contains(err.Error(), "damaged PDF structure") {
			return nil, err
		}
		return nil, fmt.Errorf("unreadable PDF: %v", err)
	}
	return r, nil
}

// ref is an indirect object number and generation.
type ref struct {
	id  uint32
	gen uint16
}

func (r ref) String() string { return fmt.Sprintf("%d %d R", r.id, r.gen) }

func refOf(v pdf.Value) ref {
	p := v.GetPtr()
	return ref{p.GetID(), p.GetGen()}
}

// isIndirect tells whether child, reached from a container that lives in
// object parent, came through a reference: the reader stamps every value with
// the object it was loaded from.
func isIndirect(child pdf.Value, parent ref) bool {
	return !child.IsNull() && refOf(child) != parent && refOf(child).id != 0
}

// maxNesting bounds recursion into direct objects; real files nest a handful
// of levels, crafted ones could nest until the stack runs out.
const maxNesting = 64

// writeValue serializes v, found inside object parent, keeping references as
// references so a rewritten page or catalog points at the same objects.
func writeValue(w *bytes.Buffer, v pdf.Value, parent ref, depth int) error {
	if depth > maxNesting {
		return errors.New("objects nested too deeply")
	}
	if v.IsNull() {
		w.WriteString("null")
		return nil
	}
	if isIndirect(v, parent) {
		w.WriteString(refOf(v).String())
		return nil
	}
	switch v.Kind() {
	case pdf.Bool:
		w.WriteString(strconv.FormatBool(v.Bool()))
	case pdf.Integer:
		w.WriteString(strconv.FormatInt(v.Int64(), 10))
	case pdf.Real:
		w.WriteString(formatReal(v.Float64()))
	case pdf.String:
		w.WriteString(hexString([]byte(v.RawString())))
	case pdf.Name:
		w.WriteString(pdfName(v.Name()))
	case pdf.Array:
		w.WriteByte('[')
		for i := 0; i < v.Len(); i++ {
			if i > 0 {
				w.WriteByte(' ')
			}
			if err := writeValue(w, v.Index(i), parent, depth+1); err != nil {
				return err
			}
		}
		w.WriteByte(']')
	case pdf.Dict:
		w.WriteString("<<")
		for _, k := range v.Keys() {
			w.WriteString(pdfName(k))
			w.WriteByte(' ')
			if err := writeValue(w, v.Key(k), parent, depth+1); err != nil {
				return err
			}
		}
		w.WriteString(">>")
	default:
		return fmt.Errorf("cannot copy a %v value in place", v.Kind())
	}
	return nil
}

// writeDictEntries serializes the entries of dictionary d (found in object
// self) except the keys in skip, one per line, without the << >> brackets, so
// the caller can add its own entries.
func writeDictEntries(w *bytes.Buffer, d pdf.Value, self ref, skip ...string) error {
	for _, k := range d.Keys() {
		if contains(skip, k) {
			continue
		}
		w.WriteString(pdfName(k))
		w.WriteByte(' ')
		if err := writeValue(w, d.Key(k), self, 1); err != nil {
			return err
		}
		w.WriteByte('\n')
	}
	return nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func formatReal(f float64) string {
	s := strconv.FormatFloat(f, 'f', -1, 64)
	if s == "-0" {
		return "0"
	}
	return s
}

func hexString(b []byte) string {
	return "<" + strings.ToUpper(hex.EncodeToString(b)) + ">"
}

// pdfName escapes a name so any byte survives (ISO 32000-1 §7.3.5).
func pdfName(s string) string {
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

// textString encodes a PDF text string: a literal for printable ASCII, else
// UTF-16BE with a byte-order mark written as hex, so no byte of a Cyrillic or
// Arabic name can be mistaken for a parenthesis or backslash.
func textString(s string) string {
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
	return hexString(buf)
}

// pdfDate formats t as a PDF date string, D:YYYYMMDDHHmmSS+HH'mm'.
func pdfDate(t time.Time) string {
	_, off := t.Zone()
	sign := byte('+')
	if off < 0 {
		sign, off = '-', -off
	}
	if off == 0 {
		return "(D:" + t.Format("20060102150405") + "Z)"
	}
	return fmt.Sprintf("(D:%s%c%02d'%02d')", t.Format("20060102150405"), sign, off/3600, (off%3600)/60)
}

// parsePDFDate reads the common forms of a PDF date; ok is false otherwise.
func parsePDFDate(s string) (time.Time, bool) {
	s = strings.TrimPrefix(strings.TrimSpace(s), "D:")
	if len(s) < 4 {
		return time.Time{}, false
	}
	digits := 0
	for digits < len(s) && digits < 14 && s[digits] >= '0' && s[digits] <= '9' {
		digits++
	}
	layout := "20060102150405"[:digits]
	t, err := time.Parse(layout, s[:digits])
	if err != nil {
		return time.Time{}, false
	}
	rest := s[digits:]
	if rest == "" || rest[0] == 'Z' {
		return t, true
	}
	if rest[0] != '+' && rest[0] != '-' {
		return t, true
	}
	var hh, mm int
	fields := strings.FieldsFunc(rest[1:], func(r rune) bool { return r == '\'' })
	if len(fields) > 0 {
		hh, _ = strconv.Atoi(fields[0])
	}
	if len(fields) > 1 {
		mm, _ = strconv.Atoi(fields[1])
	}
	off := hh*3600 + mm*60
	if rest[0] == '-' {
		off = -off
	}
	return time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), 0, time.FixedZone("", off)), true
}
