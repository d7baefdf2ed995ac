package pdfread

import (
	"fmt"
	"regexp"
)

// A reader that finds a file broken rebuilds its cross-reference by
// scanning for "N G obj" and "trailer" (poppler's XRef::constructXRef,
// pdf.js's indexObjects, MuPDF's repair), and takes the last definition of
// every object. A file is only unambiguous if that scan finds the document
// its cross-reference describes: every header and trailer keyword a
// scanner can see is one the sections list, and a section re-listing bytes
// of an earlier revision names what they held there.

// headerRE and trailerRE match where the scanners look: an object header
// at the start of a line or after '<' (pdf.js splits its tokens there), a
// trailer at the start of a line.
var (
	headerRE  = regexp.MustCompile(`(?:^|[\r\n<])[\x00\t\f ]*(\d{1,10}[\x00\t\n\f\r ]+\d{1,5}[\x00\t\n\f\r ]+obj\b)`)
	trailerRE = regexp.MustCompile(`(?:^|[\r\n])[\x00\t\f ]*(trailer)`)
)

// checkHidden refuses object headers and trailers the cross-reference
// does not account for: inside a stream, a string or between objects,
// they are what a rebuilding reader would show instead.
func (f *File) checkHidden() error {
	objects := map[int64]bool{}
	for _, rev := range f.Revisions {
		for _, e := range rev.Entries {
			if e.Kind == 'n' {
				objects[e.Offset] = true
			}
		}
		for _, s := range rev.sections {
			objects[s[0]] = true // a cross-reference stream's own header
		}
	}
	for _, m := range headerRE.FindAllSubmatchIndex(f.data, -1) {
		if !objects[int64(m[2])] {
			return &Error{Offset: int64(m[2]), Msg: "an object header the cross-reference does not list (readers that rebuild the file would take it)"}
		}
	}
	for _, m := range trailerRE.FindAllSubmatchIndex(f.data, -1) {
		if !f.trailers[int64(m[2])] {
			return &Error{Offset: int64(m[2]), Msg: "a trailer that belongs to no cross-reference section (readers that rebuild the file would take it)"}
		}
	}
	return nil
}

// checkRelisted requires an entry of revision k that names bytes before
// the revision (an object of an earlier one, or an object stream of an
// earlier one) to repeat the entry in force before it: pointing an object
// number at another earlier definition makes the last definition in the
// file, which rebuilding readers take, differ from the one the
// cross-reference names.
func (f *File) checkRelisted(k int) error {
	rev := f.Revisions[k]
	if rev.XrefStream {
		// A cross-reference stream is an object too: taking the number
		// of an object still in use makes it that object's last
		// definition in the file.
		for _, s := range rev.sections {
			p := f.objs[s[0]]
			if p == nil || p.err != nil {
				continue
			}
			if e, ok := f.Lookup(k, p.num); ok && e.Kind != 'f' && !(e.Kind == 'n' && e.Offset == s[0]) {
				return &Error{Offset: s[0], Msg: fmt.Sprintf("the cross-reference stream takes the number of object %d, which is in use", p.num)}
			}
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
