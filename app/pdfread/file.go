package pdfread

import (
	"bytes"
	"errors"
	"fmt"
	"sort"
)

// Entry is one cross-reference entry.
type Entry struct {
	// Kind is 'n' (in use at Offset), 'c' (compressed: object Offset is
	// the object stream, Gen the index in it) or 'f' (free).
	Kind   byte
	Offset int64
	Gen    int
}

// Revision is one cross-reference section with its trailer: the original
// file or one incremental update.
type Revision struct {
	// Start and End delimit the revision's bytes: End is just after its
	// %%EOF marker, Start the previous revision's End (0 for the first).
	Start, End int64
	XrefOffset int64
	XrefStream bool
	Trailer    Dict
	// Entries are the objects this section defines or frees.
	Entries map[int]Entry
	// sections are the byte spans of the revision's cross-reference
	// sections with their trailers: one, or two for a linearized file
	// (the first-page section and the main one).
	sections  [][2]int64
	startxref int64       // the offset the startxref after the section names
	hybrid    *hybridPart // a table's /XRefStm stream (hybrid.go)
}

// File is a parsed PDF. Revisions are oldest first.
type File struct {
	data      []byte
	Revisions []*Revision
	lim       *budget
	objs      map[int64]*parsed // indirect objects by offset
	objstms   map[int64]*objStream
	nesting   int
	// defs lists, per object number, the revisions that define or free
	// it, oldest first: Lookup is a binary search, not a walk back
	// through every revision.
	defs      map[int][]int
	reachable map[int]error
	spans     []objSpan // every parsed indirect object, by offset
	// trailers are the offsets of the sections' trailer keywords.
	trailers map[int64]bool
	lin      Dict // the linearization dictionary, if the original is linearized
}

// Linearization returns the linearization dictionary of a linearized
// original (ISO 32000-1 Annex F), or nil.
func (f *File) Linearization() Dict { return f.lin }

type objSpan struct {
	start, end int64
	ref        Ref
	stream     bool
}

type parsed struct {
	num, gen int
	obj      Object
	end      int64
	err      error
}

// maxNesting bounds how many objects one parse may open to finish another
// (an indirect /Length, an object stream's own object).
const maxNesting = 4

// Open parses data strictly: every revision, every object its
// cross-reference lists, every reference reachable from each revision's
// trailer. Any fault is an *Error.
func Open(data []byte, lim Limits) (*File, error) {
	f := &File{data: data, lim: &budget{lim: lim}, objs: map[int64]*parsed{}, objstms: map[int64]*objStream{},
		defs: map[int][]int{}, reachable: map[int]error{}, trailers: map[int64]bool{}}
	if !bytes.HasPrefix(data, []byte("%PDF-")) {
		return nil, &Error{Msg: "the file does not start with %PDF-"}
	}
	if err := f.readChain(); err != nil {
		return nil, err
	}
	for k := range f.Revisions {
		if err := f.checkCoverage(k); err != nil {
			return nil, err
		}
		if err := f.checkRelisted(k); err != nil {
			return nil, err
		}
		if err := f.checkHybrid(k); err != nil {
			return nil, err
		}
	}
	if err := f.checkHidden(); err != nil {
		return nil, err
	}
	if err := f.CheckReachable(len(f.Revisions) - 1); err != nil {
		return nil, err
	}
	return f, nil
}

// readChain finds the last startxref and follows /Prev back to the first
// revision, requiring each section to sit exactly where it is announced and
// to be followed by its own startxref and %%EOF.
func (f *File) readChain() error {
	end := len(bytes.TrimRight(f.data, " \t\r\n\f\x00"))
	tailStart := max(0, end-1024)
	i := bytes.LastIndex(f.data[tailStart:end], []byte("startxref"))
	if i < 0 {
		return &Error{Offset: int64(end), Msg: "no startxref in the last 1024 bytes"}
	}
	l := &lexer{buf: f.data, pos: tailStart + i + len("startxref"), lim: f.lim}
	l.skipSpace()
	off, ok := l.uint()
	if !ok {
		return &Error{Offset: int64(l.pos), Msg: "startxref is not followed by an offset"}
	}
	seen := map[int64]bool{}
	var revs []*Revision
	for {
		if seen[off] {
			return &Error{Offset: off, Msg: "the cross-reference chain loops"}
		}
		seen[off] = true
		rev, err := f.readSection(off)
		if err != nil {
			return err
		}
		revs = append(revs, rev)
		prev, has := rev.Trailer["Prev"]
		p, ok := prev.(int64)
		if has && ok && p > off && f.linearized(off) {
			// The first-page section of a linearized file names the
			// main section after it: together they are the original.
			if err := f.mergeMainSection(rev, p); err != nil {
				return err
			}
			f.lin, _ = f.firstObject()
			break
		}
		if rev.startxref != off {
			return &Error{Offset: rev.End, Msg: fmt.Sprintf("startxref after the section at %d does not point to it", off)}
		}
		if !has {
			break
		}
		if !ok || p < 0 || p >= off {
			return &Error{Offset: off, Msg: fmt.Sprintf("/Prev %v does not point to an earlier cross-reference section", prev)}
		}
		off = p
	}
	for i, j := 0, len(revs)-1; i < j; i, j = i+1, j-1 {
		revs[i], revs[j] = revs[j], revs[i]
	}
	for k, rev := range revs {
		if k > 0 {
			rev.Start = revs[k-1].End
		}
		if rev.XrefOffset < rev.Start {
			return &Error{Offset: rev.XrefOffset, Msg: "a cross-reference section lies inside an earlier revision"}
		}
	}
	if last := revs[len(revs)-1].End; last != int64(end) {
		return &Error{Offset: last, Msg: fmt.Sprintf("%d bytes after the last %%%%EOF", int64(end)-last)}
	}
	f.Revisions = revs
	for k, rev := range revs {
		for num := range rev.Entries {
			f.defs[num] = append(f.defs[num], k)
		}
	}
	return f.checkEntries()
}

// checkEntries: in-use entries point inside their own or an earlier
// revision, and numbers stay below the trailer's /Size.
func (f *File) checkEntries() error {
	for _, rev := range f.Revisions {
		size, ok := rev.Trailer["Size"].(int64)
		if !ok || size < 1 || size > int64(f.lim.lim.MaxObjectNumber)+1 {
			return &Error{Offset: rev.XrefOffset, Msg: fmt.Sprintf("bad trailer /Size %v", rev.Trailer["Size"])}
		}
		for num, e := range rev.Entries {
			if int64(num) >= size {
				return &Error{Offset: rev.XrefOffset, Msg: fmt.Sprintf("object %d is not below the trailer's /Size %d", num, size)}
			}
			if e.Kind == 'n' && (e.Offset <= 0 || e.Offset >= rev.End) {
				return &Error{Offset: rev.XrefOffset, Msg: fmt.Sprintf("object %d's entry points to byte %d, outside its revision", num, e.Offset)}
			}
		}
	}
	return nil
}

// readSection reads the cross-reference table or stream at off and the
// startxref/%%EOF that must follow it.
func (f *File) readSection(off int64) (*Revision, error) {
	if off <= 0 || off >= int64(len(f.data)) {
		return nil, &Error{Offset: off, Msg: "cross-reference offset outside the file"}
	}
	rev := &Revision{XrefOffset: off, Entries: map[int]Entry{}}
	l := &lexer{buf: f.data, pos: int(off), lim: f.lim}
	var err error
	if l.keyword("xref") {
		err = f.readTable(l, rev)
		if x, hybrid := rev.Trailer["XRefStm"]; err == nil && hybrid {
			err = f.readHybrid(rev, x)
		}
	} else {
		err = f.readXrefStream(l, rev)
	}
	if err != nil {
		return nil, err
	}
	l.skip()
	if !l.keyword("startxref") {
		return nil, l.errf(l.pos, "the cross-reference section at %d is not followed by startxref", off)
	}
	l.skipSpace()
	n, ok := l.uint()
	if !ok {
		return nil, l.errf(l.pos, "startxref after the section at %d has no offset", off)
	}
	rev.startxref = n
	l.skipSpace()
	if !bytes.HasPrefix(f.data[l.pos:], []byte("%%EOF")) {
		return nil, l.errf(l.pos, "no %%%%EOF after startxref")
	}
	rev.End = int64(l.pos + len("%%EOF"))
	rev.sections = [][2]int64{{off, rev.End}}
	return rev, nil
}

// linearized tells whether the section at off is the first-page section of
// a linearized file (ISO 32000-1 Annex F): the file's first object is the
// linearization dictionary, and the section follows it.
func (f *File) linearized(off int64) bool {
	d, end := f.firstObject()
	if d == nil || end > off {
		return false
	}
	_, lin := d["Linearized"]
	return lin
}

// firstObject returns the file's first object if it is a dictionary, and
// where it ends.
func (f *File) firstObject() (Dict, int64) {
	l := &lexer{buf: f.data, lim: f.lim}
	l.skip()
	obj, end, err := f.parseIndirect(int64(l.pos), -1, -1, nil)
	d, isDict := obj.(Dict)
	if err != nil || !isDict {
		return nil, 0
	}
	return d, end
}

// mergeMainSection reads a linearized file's main section at p into rev,
// the first-page section: the main section must end the original file
// with a startxref naming the first-page section, and chain no further.
func (f *File) mergeMainSection(rev *Revision, p int64) error {
	main, err := f.readSection(p)
	if err != nil {
		return err
	}
	if main.startxref != rev.XrefOffset {
		return &Error{Offset: main.End, Msg: "the main section of a linearized file is not followed by a startxref naming its first-page section"}
	}
	if _, more := main.Trailer["Prev"]; more {
		return &Error{Offset: p, Msg: "the main section of a linearized file chains to another"}
	}
	if rev.hybrid != nil || main.hybrid != nil {
		return &Error{Offset: p, Msg: "a linearized file with a hybrid (/XRefStm) section"}
	}
	if rev.XrefStream != main.XrefStream {
		return &Error{Offset: p, Msg: "a linearized file mixes cross-reference tables and streams"}
	}
	for num, e := range main.Entries {
		if _, dup := rev.Entries[num]; dup {
			return &Error{Offset: p, Msg: fmt.Sprintf("object %d is listed by both sections of a linearized file", num)}
		}
		rev.Entries[num] = e
	}
	rev.sections = append(rev.sections, main.sections...)
	rev.End = main.End
	return nil
}

func (f *File) readTable(l *lexer, rev *Revision) error {
	for {
		l.skip()
		if at := l.pos; l.keyword("trailer") {
			f.trailers[int64(at)] = true
			break
		}
		at := l.pos
		start, ok1 := l.uint()
		l.skipSpace()
		count, ok2 := l.uint()
		if !ok1 || !ok2 {
			return l.errf(at, "bad cross-reference subsection header")
		}
		if start+count > int64(f.lim.lim.MaxObjectNumber)+1 {
			return l.errf(at, "cross-reference subsection %d+%d beyond the object number limit", start, count)
		}
		for l.pos < len(l.buf) && (l.buf[l.pos] == ' ' || l.buf[l.pos] == '\t') {
			l.pos++
		}
		if !l.eol() {
			return l.errf(l.pos, "bad cross-reference subsection header")
		}
		if count*20 > int64(len(l.buf)-l.pos) {
			return l.errf(at, "cross-reference subsection of %d entries is longer than the file", count)
		}
		for i := int64(0); i < count; i++ {
			e, err := l.tableEntry()
			if err != nil {
				return err
			}
			num := int(start + i)
			if _, dup := rev.Entries[num]; dup {
				return l.errf(l.pos-20, "object %d listed twice in one section", num)
			}
			rev.Entries[num] = e
		}
	}
	t, err := l.value(0)
	if err != nil {
		return err
	}
	d, ok := t.(Dict)
	if !ok {
		return l.errf(l.pos, "the trailer is not a dictionary")
	}
	rev.Trailer = d
	return nil
}

// eol consumes one end of line.
func (l *lexer) eol() bool {
	switch {
	case bytes.HasPrefix(l.buf[l.pos:], []byte("\r\n")):
		l.pos += 2
	case l.pos < len(l.buf) && (l.buf[l.pos] == '\n' || l.buf[l.pos] == '\r'):
		l.pos++
	default:
		return false
	}
	return true
}

// tableEntry reads one 20-byte "oooooooooo ggggg n\r\n" entry.
func (l *lexer) tableEntry() (Entry, error) {
	b := l.buf[l.pos : l.pos+20]
	at := l.pos
	l.pos += 20
	var off, gen int64
	for i, c := range b[:18] {
		switch {
		case i < 10 && c >= '0' && c <= '9':
			off = off*10 + int64(c-'0')
		case i > 10 && i < 16 && c >= '0' && c <= '9':
			gen = gen*10 + int64(c-'0')
		case (i == 10 || i == 16) && c == ' ':
		case i == 17 && (c == 'n' || c == 'f'):
		default:
			return Entry{}, l.errf(at, "bad cross-reference entry %q", b)
		}
	}
	if eol := string(b[18:]); eol != " \n" && eol != " \r" && eol != "\r\n" {
		return Entry{}, l.errf(at, "bad cross-reference entry %q", b)
	}
	if gen > 65535 {
		return Entry{}, l.errf(at, "generation %d out of range", gen)
	}
	return Entry{Kind: b[17], Offset: off, Gen: int(gen)}, nil
}

func (f *File) readXrefStream(l *lexer, rev *Revision) error {
	off := int64(l.pos)
	obj, end, err := f.parseIndirect(off, -1, -1, nil)
	if err != nil {
		return err
	}
	s, ok := obj.(*Stream)
	if !ok || s.Dict["Type"] != Name("XRef") {
		return &Error{Offset: off, Msg: "startxref points to neither xref nor a cross-reference stream"}
	}
	rev.XrefStream = true
	rev.Trailer = s.Dict
	w, ok := s.Dict["W"].(Array)
	if !ok || len(w) != 3 {
		return &Error{Offset: off, Msg: "cross-reference stream without a /W of three numbers"}
	}
	var widths [3]int
	for i, x := range w {
		n, ok := x.(int64)
		if !ok || n < 0 || n > 8 {
			return &Error{Offset: off, Msg: "bad /W in a cross-reference stream"}
		}
		widths[i] = int(n)
	}
	size, _ := s.Dict["Size"].(int64)
	index := Array{int64(0), size}
	if ix, ok := s.Dict["Index"].(Array); ok {
		index = ix
	}
	data, err := f.Decode(s)
	if err != nil {
		return &Error{Offset: off, Msg: "cross-reference stream: " + err.Error()}
	}
	row := widths[0] + widths[1] + widths[2]
	if row == 0 || len(index)%2 != 0 {
		return &Error{Offset: off, Msg: "bad /Index or /W in a cross-reference stream"}
	}
	pos := 0
	for i := 0; i < len(index); i += 2 {
		start, ok1 := index[i].(int64)
		count, ok2 := index[i+1].(int64)
		if !ok1 || !ok2 || start < 0 || count < 0 || start+count > int64(f.lim.lim.MaxObjectNumber)+1 {
			return &Error{Offset: off, Msg: "bad /Index in a cross-reference stream"}
		}
		if count*int64(row) > int64(len(data)-pos) {
			return &Error{Offset: off, Msg: "cross-reference stream shorter than its /Index says"}
		}
		for j := int64(0); j < count; j++ {
			e, err := streamEntry(data[pos:pos+row], widths)
			if err != nil {
				return &Error{Offset: off, Msg: err.Error()}
			}
			pos += row
			num := int(start + j)
			if _, dup := rev.Entries[num]; dup {
				return &Error{Offset: off, Msg: fmt.Sprintf("object %d listed twice in one section", num)}
			}
			if e.Kind != 0 {
				rev.Entries[num] = e
			}
		}
	}
	if pos != len(data) {
		return &Error{Offset: off, Msg: "cross-reference stream longer than its /Index says"}
	}
	l.pos = int(end)
	return nil
}

func streamEntry(b []byte, w [3]int) (Entry, error) {
	field := func(b []byte) int64 {
		var n int64
		for _, c := range b {
			n = n<<8 | int64(c)
		}
		return n
	}
	typ := int64(1)
	if w[0] > 0 {
		typ = field(b[:w[0]])
	}
	a, c := field(b[w[0]:w[0]+w[1]]), field(b[w[0]+w[1]:])
	if a < 0 || c < 0 || c > 1<<31 {
		return Entry{}, errors.New("cross-reference stream entry out of range")
	}
	switch typ {
	case 0:
		return Entry{Kind: 'f', Offset: a, Gen: int(c)}, nil
	case 1:
		return Entry{Kind: 'n', Offset: a, Gen: int(c)}, nil
	case 2:
		return Entry{Kind: 'c', Offset: a, Gen: int(c)}, nil
	}
	// Unknown types are to be read as null references (§7.5.8.3).
	return Entry{}, nil
}

// Lookup returns the entry in force for object num in revision k.
func (f *File) Lookup(k, num int) (Entry, bool) {
	revs := f.defs[num]
	i := sort.SearchInts(revs, k+1) - 1
	if i < 0 {
		return Entry{}, false
	}
	return f.Revisions[revs[i]].Entries[num], true
}

// Resolve follows o if it is a reference, as revision k sees it.
func (f *File) Resolve(k int, o Object) (Object, error) {
	r, ok := o.(Ref)
	if !ok {
		return o, nil
	}
	return f.Object(k, r)
}

// Object returns the object r names in revision k; a reference to a free,
// missing or differently numbered object is an error.
func (f *File) Object(k int, r Ref) (Object, error) {
	e, ok := f.Lookup(k, r.Num)
	switch {
	case !ok:
		return nil, &Error{Msg: fmt.Sprintf("reference %v to an object the cross-reference does not list", r)}
	case e.Kind == 'f':
		return nil, &Error{Msg: fmt.Sprintf("reference %v to a free object", r)}
	case e.Kind == 'c':
		if r.Gen != 0 {
			return nil, &Error{Msg: fmt.Sprintf("reference %v to a compressed object, whose generation is 0", r)}
		}
		return f.compressed(k, r.Num, e)
	case e.Gen != r.Gen:
		return nil, &Error{Msg: fmt.Sprintf("reference %v, but the cross-reference has generation %d", r, e.Gen)}
	}
	obj, _, err := f.parseIndirect(e.Offset, r.Num, r.Gen, func(lr Ref) (Object, error) { return f.Object(k, lr) })
	return obj, err
}

// ObjectAt returns the uncompressed object whose bytes contain offset off,
// and whether it is a stream.
func (f *File) ObjectAt(off int64) (r Ref, stream, ok bool) {
	if f.spans == nil {
		for start, p := range f.objs {
			if p.err == nil {
				_, isStream := p.obj.(*Stream)
				f.spans = append(f.spans, objSpan{start, p.end, Ref{p.num, p.gen}, isStream})
			}
		}
		sort.Slice(f.spans, func(i, j int) bool { return f.spans[i].start < f.spans[j].start })
	}
	i := sort.Search(len(f.spans), func(i int) bool { return f.spans[i].start > off }) - 1
	if i < 0 || off >= f.spans[i].end {
		return Ref{}, false, false
	}
	return f.spans[i].ref, f.spans[i].stream, true
}

// Span returns the bytes [start, end) of the uncompressed object r in
// revision k.
func (f *File) Span(k int, r Ref) (start, end int64, ok bool) {
	e, found := f.Lookup(k, r.Num)
	if !found || e.Kind != 'n' {
		return 0, 0, false
	}
	p := f.objs[e.Offset]
	if p == nil || p.err != nil {
		return 0, 0, false
	}
	return e.Offset, p.end, true
}

// parseIndirect parses "num gen obj … endobj" at off; num and gen of -1
// accept any. resolve, when not nil, reads an indirect /Length.
func (f *File) parseIndirect(off int64, num, gen int, resolve func(Ref) (Object, error)) (Object, int64, error) {
	if p, ok := f.objs[off]; ok {
		if p.err != nil {
			return nil, 0, p.err
		}
		if num >= 0 && (p.num != num || p.gen != gen) {
			return nil, 0, &Error{Offset: off, Msg: fmt.Sprintf("the cross-reference points object %d %d at object %d %d", num, gen, p.num, p.gen)}
		}
		return p.obj, p.end, nil
	}
	if f.nesting >= maxNesting {
		return nil, 0, &Error{Offset: off, Msg: "objects depend on each other too deeply (/Length chain)"}
	}
	f.nesting++
	defer func() { f.nesting-- }()
	// Mark the offset while parsing, so a /Length that refers back to
	// its own object fails instead of looping.
	f.objs[off] = &parsed{err: &Error{Offset: off, Msg: "an object's /Length refers to itself"}}
	p := f.parseAt(off, resolve)
	f.objs[off] = p
	if p.err != nil {
		return nil, 0, p.err
	}
	if num >= 0 && (p.num != num || p.gen != gen) {
		return nil, 0, &Error{Offset: off, Msg: fmt.Sprintf("the cross-reference points object %d %d at object %d %d", num, gen, p.num, p.gen)}
	}
	return p.obj, p.end, nil
}

func (f *File) parseAt(off int64, resolve func(Ref) (Object, error)) *parsed {
	l := &lexer{buf: f.data, pos: int(off), lim: f.lim}
	fail := func(e *Error) *parsed { return &parsed{err: e} }
	if off < 0 || off >= int64(len(f.data)) || f.data[off] < '0' || f.data[off] > '9' {
		return fail(l.errf(int(max(0, min(off, int64(len(f.data))))), "no object starts here"))
	}
	num, ok1 := l.uint()
	l.skipSpace()
	gen, ok2 := l.uint()
	l.skipSpace()
	if !ok1 || !ok2 || !l.keyword("obj") || gen > 65535 || num > int64(f.lim.lim.MaxObjectNumber) {
		return fail(l.errf(int(off), "no object header (N G obj) here"))
	}
	v, err := l.value(0)
	if err != nil {
		return fail(err.(*Error))
	}
	l.skip()
	if l.keyword("stream") {
		s, err := f.streamBody(l, v, resolve)
		if err != nil {
			return fail(err)
		}
		v = s
		l.skip()
	}
	if !l.keyword("endobj") {
		return fail(l.errf(l.pos, "object %d %d has no endobj", num, gen))
	}
	return &parsed{num: int(num), gen: int(gen), obj: v, end: int64(l.pos)}
}

func (f *File) streamBody(l *lexer, v Object, resolve func(Ref) (Object, error)) (*Stream, *Error) {
	d, ok := v.(Dict)
	if !ok {
		return nil, l.errf(l.pos, "stream data after something other than a dictionary")
	}
	if !l.eol() {
		return nil, l.errf(l.pos, "the stream keyword is not followed by an end of line")
	}
	lenObj := d["Length"]
	if r, isRef := lenObj.(Ref); isRef {
		if resolve == nil {
			return nil, l.errf(l.pos, "a cross-reference stream's /Length must be direct")
		}
		var err error
		if lenObj, err = resolve(r); err != nil {
			return nil, asError(err, l.pos)
		}
	}
	n, ok := lenObj.(int64)
	if !ok || n < 0 || n > int64(len(l.buf)-l.pos) {
		return nil, l.errf(l.pos, "bad stream /Length %v", lenObj)
	}
	raw := l.buf[l.pos : l.pos+int(n)]
	l.pos += int(n)
	l.skipSpace()
	if !l.keyword("endstream") {
		return nil, l.errf(l.pos, "the stream's data does not end where its /Length says")
	}
	return &Stream{Dict: d, Raw: raw}, nil
}

func asError(err error, at int) *Error {
	var e *Error
	if errors.As(err, &e) {
		return e
	}
	return &Error{Offset: int64(at), Msg: err.Error()}
}

// checkCoverage requires every byte of revision k to belong to an object
// its section lists, to the section itself, or to white space and
// comments: readers that rebuild a broken file by scanning would find
// anything else, and show it.
func (f *File) checkCoverage(k int) error {
	rev := f.Revisions[k]
	type span struct{ start, end int64 }
	var spans []span
	for _, s := range rev.sections {
		spans = append(spans, span{s[0], s[1]})
	}
	nums := make([]int, 0, len(rev.Entries))
	for num := range rev.Entries {
		nums = append(nums, num)
	}
	sort.Ints(nums)
	for _, num := range nums {
		e := rev.Entries[num]
		switch e.Kind {
		case 'n':
			obj, err := f.Object(k, Ref{num, e.Gen})
			if err != nil {
				return asError(err, int(e.Offset))
			}
			if e.Offset >= rev.Start {
				spans = append(spans, span{e.Offset, f.objs[e.Offset].end})
			}
			if s, ok := obj.(*Stream); ok && s.Dict["Type"] == Name("ObjStm") {
				if err := f.checkObjStm(k, num, e); err != nil {
					return err
				}
			}
		case 'c':
			if _, err := f.Object(k, Ref{num, 0}); err != nil {
				return asError(err, int(rev.XrefOffset))
			}
		}
	}
	if h := rev.hybrid; h != nil {
		if e, self := rev.Entries[f.objs[h.offset].num]; !self || e.Kind != 'n' || e.Offset != h.offset {
			spans = append(spans, span{h.offset, f.objs[h.offset].end})
		}
	}
	sort.Slice(spans, func(i, j int) bool { return spans[i].start < spans[j].start })
	l := &lexer{buf: f.data[:rev.End], pos: int(rev.Start), lim: f.lim}
	for i := 0; ; {
		l.skip()
		if l.pos >= int(rev.End) {
			return nil
		}
		for i < len(spans) && spans[i].start < int64(l.pos) {
			if spans[i].end > int64(l.pos) {
				return &Error{Offset: spans[i].start, Msg: "two objects overlap"}
			}
			i++
		}
		if i >= len(spans) || spans[i].start != int64(l.pos) {
			return &Error{Offset: int64(l.pos), Msg: "bytes that belong to no object the cross-reference lists (readers that rebuild the file would show them)"}
		}
		l.pos = int(spans[i].end)
		i++
	}
}

// CheckReachable resolves every reference reachable from revision k's
// trailer: a dangling reference, or one to a free object, makes readers
// disagree (some repair, some show nothing). Open checks the last
// revision; the verifier also checks each signed one. Results are cached.
func (f *File) CheckReachable(k int) error {
	if err, done := f.reachable[k]; done {
		return err
	}
	err := f.checkReachable(k)
	f.reachable[k] = err
	return err
}

// Spend counts n object visits of a whole-document walk against
// Limits.MaxWork; past it, the file is too costly to check.
func (f *File) Spend(n int) error {
	f.lim.work += n
	if f.lim.work > f.lim.lim.MaxWork {
		return &Error{Msg: fmt.Sprintf("more than %d object visits: too many revisions or objects to check", f.lim.lim.MaxWork)}
	}
	return nil
}

func (f *File) checkReachable(k int) error {
	trailer := f.Revisions[k].Trailer
	if _, enc := trailer["Encrypt"]; enc {
		return &Error{Offset: f.Revisions[k].XrefOffset, Msg: ErrEncrypted.Error(), Err: ErrEncrypted}
	}
	if _, ok := trailer["Root"].(Ref); !ok {
		return &Error{Offset: f.Revisions[k].XrefOffset, Msg: "the trailer has no /Root reference"}
	}
	seen := map[Ref]bool{}
	stack := []Object{trailer["Root"], trailer["Info"]}
	for len(stack) > 0 {
		o := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		switch v := o.(type) {
		case Ref:
			if seen[v] {
				continue
			}
			seen[v] = true
			if err := f.Spend(1); err != nil {
				return err
			}
			obj, err := f.Object(k, v)
			if err != nil {
				return asError(err, int(f.Revisions[k].XrefOffset))
			}
			stack = append(stack, obj)
		case Array:
			stack = append(stack, v...)
		case Dict:
			for _, x := range v {
				stack = append(stack, x)
			}
		case *Stream:
			for _, x := range v.Dict {
				stack = append(stack, x)
			}
		}
	}
	return nil
}
