package pdfread

import "fmt"

// objStream is a decoded object stream: object numbers in order, and each
// object's bytes.
type objStream struct {
	num   int
	nums  []int
	spans [][2]int
	data  []byte
	where string
	objs  map[int]Object
}

// objStm returns the object stream that is object num (entry e) in
// revision k. An object stream may not itself be compressed, so looking
// one up never chains into another.
func (f *File) objStm(k, num int) (*objStream, error) {
	e, ok := f.Lookup(k, num)
	if !ok || e.Kind != 'n' {
		return nil, &Error{Msg: fmt.Sprintf("object stream %d is not an uncompressed object", num)}
	}
	if os, ok := f.objstms[e.Offset]; ok {
		if os == nil {
			return nil, &Error{Offset: e.Offset, Msg: fmt.Sprintf("object stream %d is unreadable", num)}
		}
		return os, nil
	}
	f.objstms[e.Offset] = nil
	obj, err := f.Object(k, Ref{num, e.Gen})
	if err != nil {
		return nil, err
	}
	s, ok := obj.(*Stream)
	if !ok || s.Dict["Type"] != Name("ObjStm") {
		return nil, &Error{Offset: e.Offset, Msg: fmt.Sprintf("object %d is used as an object stream but is none", num)}
	}
	where := fmt.Sprintf("object stream %d", num)
	n, ok1 := s.Dict["N"].(int64)
	first, ok2 := s.Dict["First"].(int64)
	data, err := f.Decode(s)
	if err != nil {
		return nil, &Error{Offset: e.Offset, Msg: where + ": " + err.Error()}
	}
	// Each header pair takes at least four bytes: refuse a count the
	// data cannot hold before allocating for it.
	if !ok1 || !ok2 || n < 0 || first < 0 || first > int64(len(data)) || n*4 > first+1 {
		return nil, &Error{Offset: e.Offset, Msg: where + ": bad /N or /First"}
	}
	os := &objStream{num: num, where: where, data: data, objs: map[int]Object{}}
	l := &lexer{buf: data[:first], where: where, lim: f.lim}
	seen := map[int]bool{}
	offs := make([]int, 0, n)
	for i := int64(0); i < n; i++ {
		l.skipSpace()
		on, ok1 := l.uint()
		l.skipSpace()
		oo, ok2 := l.uint()
		if !ok1 || !ok2 || on > int64(f.lim.lim.MaxObjectNumber) || oo > int64(len(data))-first {
			return nil, l.errf(l.pos, "bad object stream header")
		}
		// Readers differ on which copy of a number they take: the
		// first (digitorus), or the one at the xref's index (poppler).
		if seen[int(on)] {
			return nil, l.errf(l.pos, "object %d appears twice in the object stream", on)
		}
		if len(offs) > 0 && int(oo) <= offs[len(offs)-1] {
			return nil, l.errf(l.pos, "object stream offsets are not increasing")
		}
		seen[int(on)] = true
		os.nums = append(os.nums, int(on))
		offs = append(offs, int(oo))
	}
	for i, o := range offs {
		end := len(data)
		if i+1 < len(offs) {
			end = int(first) + offs[i+1]
		}
		os.spans = append(os.spans, [2]int{int(first) + o, end})
	}
	f.objstms[e.Offset] = os
	return os, nil
}

// compressed returns object num stored per entry e (stream, index).
func (f *File) compressed(k, num int, e Entry) (Object, error) {
	os, err := f.objStm(k, int(e.Offset))
	if err != nil {
		return nil, err
	}
	if e.Gen < 0 || e.Gen >= len(os.nums) || os.nums[e.Gen] != num {
		return nil, &Error{Msg: fmt.Sprintf("the cross-reference puts object %d at index %d of object stream %d, which holds another object there", num, e.Gen, os.num)}
	}
	if o, ok := os.objs[e.Gen]; ok {
		return o, nil
	}
	sp := os.spans[e.Gen]
	l := &lexer{buf: os.data[:sp[1]], pos: sp[0], where: os.where, lim: f.lim}
	v, err := l.value(0)
	if err != nil {
		return nil, err
	}
	l.skip()
	if l.pos != sp[1] {
		return nil, l.errf(l.pos, "object %d is followed by other data in the object stream", num)
	}
	os.objs[e.Gen] = v
	return v, nil
}

// checkObjStm requires every object in the stream (object num, defined in
// revision k) to be listed at its index by revision k's section: an
// object the cross-reference does not point to is a hidden definition.
func (f *File) checkObjStm(k, num int, e Entry) error {
	os, err := f.objStm(k, num)
	if err != nil {
		return err
	}
	for i, on := range os.nums {
		ce, ok := f.Revisions[k].Entries[on]
		if !ok || ce.Kind != 'c' || ce.Offset != int64(num) || ce.Gen != i {
			return &Error{Offset: e.Offset, Where: os.where, Msg: fmt.Sprintf("object %d in the stream is not listed there by the cross-reference", on)}
		}
	}
	return nil
}
