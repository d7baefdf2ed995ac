package pdfread

import "fmt"

// A hybrid-reference section (ISO 32000-1 §7.5.8.4, as Word and many other
// producers write) is a classic table whose trailer names, in /XRefStm, a
// cross-reference stream holding more entries of the same revision. A
// reader looks an object up in the table, then in that stream, then in the
// previous section (pdf.js queues the stream before /Prev; poppler reads it
// right after the table), so the revision's entries are the table's plus
// the stream's. Readers disagree, or some ignore the stream, in three
// places, and each is refused:
//   - both list a number differently, including a free table row with a
//     stream entry (pdf.js takes the table's free row, qpdf 11.10 and later
//     the stream; pdf-association/pdf-issues#237 leaves it open);
//   - the stream's dictionary chains (/Prev) or names a /Root, /Info,
//     /Encrypt or /ID other than the table's trailer (pdf.js would follow
//     its /Prev too; which trailer wins differs);
//   - a number only the stream defines is in use in the previous section:
//     a reader that ignores /XRefStm (any PDF 1.4 reader, and
//     digitorus/pdf, which signers use) shows that earlier object instead.
//     The specification's own layout marks such objects free there
//     ("hidden objects … have a free entry in some previous section").

// hybridPart is what a section's /XRefStm stream added to its revision.
type hybridPart struct {
	offset int64        // the stream object's header
	only   map[int]bool // numbers the stream lists and the table does not
}

// readHybrid merges the cross-reference stream the table's trailer names
// at XRefStm into rev, the table's revision.
func (f *File) readHybrid(rev *Revision, x Object) error {
	off, ok := x.(int64)
	if !ok || off <= 0 || off >= rev.XrefOffset {
		return &Error{Offset: rev.XrefOffset, Msg: fmt.Sprintf("/XRefStm %v does not point before its cross-reference table", x)}
	}
	stm := &Revision{Entries: map[int]Entry{}}
	if err := f.readXrefStream(&lexer{buf: f.data, pos: int(off), lim: f.lim}, stm); err != nil {
		return err
	}
	for _, key := range []Name{"Root", "Info", "Encrypt", "ID", "Prev"} {
		v, inStream := stm.Trailer[key]
		if inStream && !Equal(v, rev.Trailer[key]) {
			return &Error{Offset: off, Msg: fmt.Sprintf("the /XRefStm stream's /%s differs from its table's trailer (readers differ on which they use)", key)}
		}
	}
	if _, nested := stm.Trailer["XRefStm"]; nested {
		return &Error{Offset: off, Msg: "an /XRefStm stream names another /XRefStm"}
	}
	part := &hybridPart{offset: off, only: map[int]bool{}}
	for num, e := range stm.Entries {
		te, both := rev.Entries[num]
		switch {
		case !both:
			rev.Entries[num] = e
			part.only[num] = true
		case te.Kind == 'f' && e.Kind == 'f':
			// Two free rows agree whatever next free number they name.
		case te != e:
			return &Error{Offset: off, Msg: fmt.Sprintf("the cross-reference table and its /XRefStm stream disagree on object %d (readers differ on which wins)", num)}
		}
	}
	rev.hybrid = part
	return nil
}

// checkHybrid applies to revision k the rules a hybrid section's stream
// must also follow: it lies inside its revision, and what only it defines
// was not in use before.
func (f *File) checkHybrid(k int) error {
	rev := f.Revisions[k]
	h := rev.hybrid
	if h == nil {
		return nil
	}
	if h.offset < rev.Start {
		return &Error{Offset: h.offset, Msg: "the /XRefStm stream lies inside an earlier revision"}
	}
	for num := range h.only {
		if prev, ok := f.Lookup(k-1, num); ok && prev.Kind != 'f' {
			return &Error{Offset: h.offset, Msg: fmt.Sprintf("object %d is defined only by the /XRefStm stream, but is in use in the previous section (readers that ignore the stream show that object)", num)}
		}
	}
	return nil
}

// xrefStreams returns the offsets of revision k's cross-reference streams:
// its own sections if they are streams, or a hybrid section's stream.
func (rev *Revision) xrefStreams() []int64 {
	var offs []int64
	if rev.XrefStream {
		for _, s := range rev.sections {
			offs = append(offs, s[0])
		}
	}
	if rev.hybrid != nil {
		offs = append(offs, rev.hybrid.offset)
	}
	return offs
}
