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
// they are what a rebuilding reader would show instead.
//
// Where the scanners look (read in their sources):
//   - poppler (XRef::constructXRef) reads the file line by line, stream
//     data included, and takes "N G obj" at the start of a line or after
//     an "endobj" on it;
//   - qpdf (QPDF::reconstruct_xref) takes the first tokens of every line,
//     stream data included;
//   - pdf.js (XRef.indexObjects) takes headers where its tokens start
//     (after a line break or '<') between objects, and inside an object,
//     stream data included, any "N G obj" after white space followed by
//     white space or '<' (its recovery from a missing endobj);
//   - MuPDF (pdf_repair_xref) lexes tokens, so a header counts anywhere
//     between tokens, but it parses dictionaries and strings and skips a
//     stream's data by a direct /Length.
//
// So a header inside a stream's data is a header to three of the four,
// and stream data cannot be exempt. Every one of them takes the last
// header of a number as its definition, and reads an object after it: a
// header followed by no object ("12 0 obj is how an object starts", on a
// page about PDF) gives a rebuilding reader nothing it could show, only
// an object it fails to read, which is what the same text risks in any
// file and only a file needing a rebuild exposes (Open refuses those on
// their own). A header followed by the start of an object can carry
// content, and is refused: it is what the "hide" shadow attacks plant in
// a signed stream. The positions are the union of the four readers'
// (after white space, a delimiter, a line break or an endobj). Likewise a
// trailer counts at the start of a line or after an endobj (poppler;
// pdf.js and MuPDF look for trailers only between objects, where any byte
// is refused already), and only when a dictionary follows: the word
// "trailer" starting a line of text defines nothing.
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
		if start, ok := headerBefore(f.data, at); ok && !objects[int64(start)] && objectFollows(f.data, at+3) {
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
		if (lineStart(f.data, at) || afterEndobj(f.data, at)) && !f.trailers[int64(at)] && dictFollows(f.data, at+7) {
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
// a scanner would see, and where it starts: the number begins the data or
// follows white space or a delimiter other than '/' (which would make it
// part of a name) and '%' (a comment).
func headerBefore(data []byte, at int) (int, bool) {
	if e := at + 3; e < len(data) && isWordByte(data[e]) {
		return 0, false // "objects", "obj1": not the keyword
	}
	j := at - 1
	digits := func() bool {
		n := 0
		for j >= 0 && data[j] >= '0' && data[j] <= '9' {
			j--
			n++
		}
		// Longer numbers are still numbers to poppler's atoi and
		// pdf.js's \d+; 20 digits bound the walk back.
		return n >= 1 && n <= 20
	}
	spaces := func() bool {
		k := j
		for j >= 0 && isSpace(data[j]) {
			j--
		}
		return j < k
	}
	if !spaces() || !digits() || !spaces() || !digits() {
		return 0, false
	}
	start := j + 1
	if j < 0 || isSpace(data[j]) || isDelim(data[j]) && data[j] != '/' && data[j] != '%' || afterEndobj(data, start) {
		return start, true
	}
	return 0, false
}

// afterEndobj tells whether an "endobj" and blanks come just before at:
// poppler goes on scanning a line after each endobj in it.
func afterEndobj(data []byte, at int) bool {
	j := at - 1
	for j >= 0 && isBlank(data[j]) {
		j--
	}
	return j >= 5 && string(data[j-5:j+1]) == "endobj"
}

// dictFollows tells whether a dictionary starts after at, past white
// space: poppler and pdf.js take a trailer only if one does.
func dictFollows(data []byte, at int) bool {
	for at < len(data) && isSpace(data[at]) {
		at++
	}
	return at+1 < len(data) && data[at] == '<' && data[at+1] == '<'
}

// objectFollows tells whether the bytes after a header at at start an
// object: a dictionary, array, string, name, number, or true, false or
// null.
func objectFollows(data []byte, at int) bool {
	for at < len(data) && isSpace(data[at]) {
		at++
	}
	if at >= len(data) {
		return false
	}
	switch c := data[at]; {
	case c == '[' || c == '(' || c == '/':
		return true
	case c == '<':
		// "<<" or a hex string; "</" and other markup are neither.
		return at+1 < len(data) && (data[at+1] == '<' || data[at+1] == '>' || isSpace(data[at+1]) || isHex(data[at+1]))
	case c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.':
		return true
	}
	for _, kw := range []string{"true", "false", "null"} {
		if end := at + len(kw); bytes.HasPrefix(data[at:], []byte(kw)) && (end == len(data) || !isRegular(data[end])) {
			return true
		}
	}
	return false
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
