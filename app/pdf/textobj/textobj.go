// Package textobj writes the text objects of a PDF page: glyph codes on a
// baseline batched into one TJ, each where the previous one's /W advance
// leaves the pen, give or take a TJ number for rounding, so that readers
// do not take a new object for a new word or line. Package pdf decides
// which codes go where; this package only writes the operators.
package textobj

import (
	"math"
	"strconv"
)

// Object is a text object being built: a stretch of glyphs on one baseline
// that one text object draws.
type Object struct {
	x, y, next float64
	size       float64
	tj         []byte // the TJ array's contents so far
	open       bool   // tj ends inside a string
	n          int
	// body holds the operators of the text object before the TJ being
	// built (AddOffPage).
	body []byte
	// resumed: the text object goes on where the last one left the pen,
	// at origin exactly (see Resume).
	resumed bool
	origin  float64
}

// Resume ends the object (appending it to out) so that the next glyphs
// make a new one that starts where a reader's pen is after the pending
// ones, to the last bit, and keeps the writer's own reckoning of the pen:
// the glyphs land exactly where one text object would have put them. It
// returns that origin's x as the number to write, or nil when nothing was
// pending (the caller then places what it draws at x itself).
func (o *Object) Resume(out []byte, x float64) ([]byte, []byte) {
	if o.n == 0 {
		return out, nil
	}
	start, y, next, size := o.x, o.y, o.next, o.size
	origin := math.Round(start*100)/100 + (next - start)
	if o.resumed {
		origin = o.origin + (next - start)
	}
	// The TJ number that would have moved the pen to the next glyph at x
	// moves the origin instead.
	move := math.Round((next-x)*1000/size*10) / 10 * size / 1000
	origin, next = origin-move, next-move
	out = o.Flush(out)
	o.x, o.y, o.next, o.size, o.resumed, o.origin = next, y, next, size, true, origin
	return out, strconv.AppendFloat(nil, origin, 'f', -1, 64)
}

// Add draws a two-byte code whose /W advance is width (thousandths of the
// size) with its origin at (x, y); a new baseline or size first ends the
// pending object into out.
func (o *Object) Add(out []byte, width int, size, x, y float64, code rune) []byte {
	out = o.start(out, size, x, y)
	// A TJ number moves the pen left by thousandths of the size.
	if adj := math.Round((o.next-x)*1000/size*10) / 10; adj != 0 {
		if o.open {
			o.tj = append(o.tj, ')')
			o.open = false
		}
		o.tj = strconv.AppendFloat(o.tj, adj, 'f', -1, 64)
		o.next -= adj * size / 1000
	}
	if !o.open {
		o.tj = append(o.tj, '(')
		o.open = true
	}
	o.tj = escapeCode(o.tj, code)
	o.n++
	o.next += float64(width) * size / 1000
	return out
}

func (o *Object) start(out []byte, size, x, y float64) []byte {
	if o.n > 0 && (y != o.y || size != o.size) {
		out = o.Flush(out)
	}
	if o.n == 0 && !o.resumed {
		o.x, o.y, o.next, o.size = x, y, x, size
	}
	return out
}

// OffPage is how far above its line AddOffPage draws a code, in points
// (Ts, text rise): off the page from anywhere on it.
const OffPage = 1000

// AddOffPage draws a code of no width off the page, raised by OffPage in
// the object: MuPDF and poppler drop a glyph outside the page, and pdf.js
// skips a format character without moving, so only the direction MuPDF
// gives the next neutral changes (see hiddenMarks in package pdf). The
// pen does not move, and the line stays one text object.
func (o *Object) AddOffPage(out []byte, size, x, y float64, code rune) []byte {
	out = o.start(out, size, x, y)
	o.endTJ()
	o.body = AppendNums(o.body, OffPage)
	o.body = append(o.body, "Ts ["...)
	o.body = AppendCode(o.body, code)
	o.body = append(o.body, "] TJ 0 Ts "...)
	o.n++
	return out
}

// endTJ moves the TJ being built into the object's body.
func (o *Object) endTJ() {
	if len(o.tj) == 0 {
		return
	}
	if o.open {
		o.tj = append(o.tj, ')')
	}
	o.body = append(o.body, '[')
	o.body = append(o.body, o.tj...)
	o.body = append(o.body, "] TJ "...)
	o.tj, o.open = o.tj[:0], false
}

// Flush appends the pending glyphs to out as one text object. The font
// and size are in the graphics state already; codes are two-byte CIDs
// (Identity-H).
func (o *Object) Flush(out []byte) []byte {
	if o.n == 0 {
		o.resumed = false // a new size: the next glyph starts afresh
		return out
	}
	o.endTJ()
	out = append(out, "BT "...)
	if o.resumed {
		out = strconv.AppendFloat(out, o.origin, 'f', -1, 64)
		out = append(out, ' ')
		out = AppendNums(out, o.y)
	} else {
		out = AppendNums(out, o.x, o.y)
	}
	out = append(out, "Td "...)
	out = append(out, o.body...)
	out = append(out, "ET\n"...)
	o.body, o.n, o.resumed = o.body[:0], 0, false
	return out
}

// AppendNums appends numbers rounded to hundredths, each followed by a
// space.
func AppendNums(b []byte, vs ...float64) []byte {
	for _, v := range vs {
		b = strconv.AppendFloat(b, math.Round(v*100)/100, 'f', -1, 64)
		b = append(b, ' ')
	}
	return b
}

// AppendCode appends a two-byte code as a PDF string.
func AppendCode(b []byte, code rune) []byte {
	return append(escapeCode(append(b, '('), code), ')')
}

// escapeCode appends a two-byte code's bytes as they go in a PDF string.
func escapeCode(b []byte, code rune) []byte {
	for _, c := range []byte{byte(code >> 8), byte(code)} {
		switch c {
		case '(', ')', '\\':
			b = append(b, '\\', c)
		case '\r':
			b = append(b, '\\', 'r')
		case '\n':
			b = append(b, '\\', 'n')
		default:
			b = append(b, c)
		}
	}
	return b
}
