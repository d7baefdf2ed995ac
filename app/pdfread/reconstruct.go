package pdfread

import (
	"bytes"
	"fmt"
)

// A reader that finds a file broken rebuilds its cross-reference by
// scanning for "N G obj" and "trailer" (poppler's XRef::constructXRef,
// pdf.js's indexObjects, MuPDF's repair), and takes the last definition of
// every object. A file is only unambiguous if that scan finds the document
// its cross-reference describes: every header and trailer keyword a
// scanner can see is one the sections list, and a section re-listing bytes
// of an earlier revision names what they held there.

// checkHidden refuses object headers and trailers the cross-reference
// does not account for: inside a stream, a string or between objects,
// they are what a rebuilding reader would show instead. It looks where
// the scanners look: an object header at the start of a line or after
// '<' (pdf.js splits its tokens there), a trailer at the start of a line.
func (f *File) checkHidden() error {
	objects := map[int64]bool{}
	for _, rev := range f.Revisions {
		for _, e := range rev.Entries {
			if e.Kind == 'n' {
				objects[e.Offset] = true
			}
		}
		for _, off := range rev.xrefStreams() {
			objects[off] = true // a cross-reference stream's own header
		}
	}
	for from := 0; ; {
		i := bytes.Index(f.data[from:], []byte("obj"))
		if i < 0 {
			break
		}
		at := from + i
		from = at + 3
		if start, ok := headerBefore(f.data, at); ok && !objects[int64(start)] {
			return &Error{Offset: int64(start), Msg: "an object header the cross-reference does not list (readers that rebuild the file would take it)"}
		}
	}
	for from := 0; ; {
		i := bytes.Index(f.data[from:], []byte("trailer"))
		if i < 0 {
			break
		}
		at := from + i
		from = at + 7
		if lineStart(f.data, at) && !f.trailers[int64(at)] {
			return &Error{Offset: int64(at), Msg: "a trailer that belongs to no cross-reference section (readers that rebuild the file would take it)"}
		}
	}
	return nil
}

func isWordByte(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c == '_'
}

func isBlank(c byte) bool { return c == 0 || c == '\t' || c == '\f' || c == ' ' }

// lineStart tells whether only blanks separate at from the start of the
// data or of a line.
func lineStart(data []byte, at int) bool {
	j := at - 1
	for j >= 0 && isBlank(data[j]) {
		j--
	}
	return j < 0 || data[j] == '\r' || data[j] == '\n'
}

// headerBefore tells whether the "obj" at at ends a header "N G obj" that
// a scanner would see, and where it starts.
func headerBefore(data []byte, at int) (int, bool) {
	if e := at + 3; e < len(data) && isWordByte(data[e]) {
		return 0, false // "objects", "obj1": not the keyword
	}
	j := at - 1
	digits := func(most int) bool {
		n := 0
		for j >= 0 && data[j] >= '0' && data[j] <= '9' {
			j--
			n++
		}
		return n >= 1 && n <= most
	}
	spaces := func() bool {
		k := j
		for j >= 0 && isSpace(data[j]) {
			j--
		}
		return j < k
	}
	if !spaces() || !digits(5) || !spaces() || !digits(10) {
		return 0, false
	}
	start := j + 1
	for j >= 0 && isBlank(data[j]) {
		j--
	}
	if j < 0 || data[j] == '\r' || data[j] == '\n' || data[j] == '<' {
		return start, true
	}
	return 0, false
}

// checkRelisted requires an entry of revision k that names bytes before
// the revision (an object of an earlier one, or an object stream of an
// earlier one) to repeat the entry in force before it: pointing an object
// number at another earlier definition makes the last definition in the
// file, which rebuilding readers take, differ from the one the
// cross-reference names.
func (f *File) checkRelisted(k int) error {
	rev := f.Revisions[k]
	// A cross-reference stream is an object too: taking the number of
	// an object still in use makes it that object's last definition in
	// the file.
	for _, off := range rev.xrefStreams() {
		p := f.objs[off]
		if p == nil || p.err != nil {
			continue
		}
		if e, ok := f.Lookup(k, p.num); ok && e.Kind != 'f' && !(e.Kind == 'n' && e.Offset == off) {
			return &Error{Offset: off, Msg: fmt.Sprintf("the cross-reference stream takes the number of object %d, which is in use", p.num)}
		}
	}
	for num, e := range rev.Entries {
		var own bool
		switch e.Kind {
		case 'f':
			continue
		case 'n':
			own = e.Offset >= rev.Start
		case 'c':
			st, ok := rev.Entries[int(e.Offset)]
			own = ok && st.Kind == 'n' && st.Offset >= rev.Start
		}
		if own {
			continue
		}
		if prev, ok := f.Lookup(k-1, num); !ok || prev != e {
			return &Error{Offset: rev.XrefOffset, Msg: fmt.Sprintf("object %d's entry names bytes of an earlier revision that did not hold it there", num)}
		}
	}
	return nil
}
