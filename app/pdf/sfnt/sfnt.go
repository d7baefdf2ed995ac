// Package sfnt reads and writes the TrueType (sfnt) structures a PDF's
// embedded font is made of: the table directory with its checksums, a
// format-4 cmap, and glyph descriptions (instructions stripped, composite
// components found). Package pdf builds each document's own font with it.
package sfnt

import (
	"encoding/binary"
	"errors"
	"fmt"
	"slices"
	"sort"
)

// Table is one table of a font file.
type Table struct {
	Tag  string
	Data []byte
}

// ReadTables returns a TrueType file's tables by tag; the slices share the
// file's bytes.
func ReadTables(data []byte) (map[string][]byte, error) {
	if len(data) < 12 {
		return nil, errors.New("font file too short")
	}
	if v := binary.BigEndian.Uint32(data); v != 0x00010000 && v != 0x74727565 {
		return nil, fmt.Errorf("not a TrueType font (version %#x)", v)
	}
	n := int(binary.BigEndian.Uint16(data[4:]))
	if len(data) < 12+16*n {
		return nil, errors.New("truncated table directory")
	}
	tables := make(map[string][]byte, n)
	for i := range n {
		rec := data[12+16*i:]
		tag := string(rec[:4])
		off := binary.BigEndian.Uint32(rec[8:])
		length := binary.BigEndian.Uint32(rec[12:])
		if uint64(off)+uint64(length) > uint64(len(data)) {
			return nil, fmt.Errorf("table %q out of bounds", tag)
		}
		tables[tag] = data[off : off+length]
	}
	return tables, nil
}

func tableChecksum(b []byte) uint32 {
	var sum uint32
	for i := 0; i < len(b); i += 4 {
		var w [4]byte
		copy(w[:], b[i:])
		sum += binary.BigEndian.Uint32(w[:])
	}
	return sum
}

// Write assembles a TrueType file with 4-byte aligned tables and
// correct checksums, including head.checkSumAdjustment.
func Write(tables []Table) []byte {
	sort.Slice(tables, func(i, j int) bool { return tables[i].Tag < tables[j].Tag })
	n := len(tables)
	entrySelector := 0
	for 1<<(entrySelector+1) <= n {
		entrySelector++
	}
	searchRange := (1 << entrySelector) * 16
	size := 12 + 16*n
	for _, t := range tables {
		size += (len(t.Data) + 3) &^ 3
	}
	out := make([]byte, size)
	binary.BigEndian.PutUint32(out, 0x00010000)
	binary.BigEndian.PutUint16(out[4:], uint16(n))
	binary.BigEndian.PutUint16(out[6:], uint16(searchRange))
	binary.BigEndian.PutUint16(out[8:], uint16(entrySelector))
	binary.BigEndian.PutUint16(out[10:], uint16(n*16-searchRange))
	off := 12 + 16*n
	headOff := -1
	for i, t := range tables {
		data := t.Data
		if t.Tag == "head" && len(data) >= 12 {
			data = slices.Clone(data)
			binary.BigEndian.PutUint32(data[8:], 0)
			headOff = off
		}
		rec := out[12+16*i:]
		copy(rec, t.Tag)
		binary.BigEndian.PutUint32(rec[4:], tableChecksum(data))
		binary.BigEndian.PutUint32(rec[8:], uint32(off))
		binary.BigEndian.PutUint32(rec[12:], uint32(len(data)))
		copy(out[off:], data)
		off += (len(data) + 3) &^ 3
	}
	if headOff >= 0 {
		binary.BigEndian.PutUint32(out[headOff+8:], 0xB1B0AFBA-tableChecksum(out))
	}
	return out
}

// CmapEntry maps a code point to a glyph.
type CmapEntry struct {
	Code rune
	GID  uint16
}

// BuildCmap returns a cmap table with one format-4 subtable (platform 3,
// encoding 1) for entries sorted by code, all in the BMP.
func BuildCmap(entries []CmapEntry) ([]byte, error) {
	type segment struct {
		start, end rune
		delta      uint16
		array      []uint16 // nil for a delta segment
	}
	var segs []segment
	for i := 0; i < len(entries); {
		j := i + 1
		for j < len(entries) && entries[j].Code == entries[j-1].Code+1 {
			j++
		}
		run := entries[i:j]
		sameDelta := true
		for _, e := range run[1:] {
			if int(e.GID)-int(e.Code) != int(run[0].GID)-int(run[0].Code) {
				sameDelta = false
				break
			}
		}
		s := segment{start: run[0].Code, end: run[len(run)-1].Code}
		if sameDelta {
			s.delta = uint16(int(run[0].GID) - int(run[0].Code))
		} else {
			for _, e := range run {
				s.array = append(s.array, e.GID)
			}
		}
		segs = append(segs, s)
		i = j
	}
	segs = append(segs, segment{start: 0xFFFF, end: 0xFFFF, delta: 1})
	segCount := len(segs)
	arrayLen := 0
	for _, s := range segs {
		arrayLen += len(s.array)
	}
	length := 16 + 8*segCount + 2*arrayLen
	if length > 0xFFFF {
		return nil, fmt.Errorf("cmap subtable too large (%d bytes)", length)
	}
	entrySelector := 0
	for 1<<(entrySelector+1) <= segCount {
		entrySelector++
	}
	searchRange := 2 << entrySelector
	sub := make([]byte, length)
	be := binary.BigEndian
	be.PutUint16(sub[0:], 4)
	be.PutUint16(sub[2:], uint16(length))
	be.PutUint16(sub[6:], uint16(2*segCount))
	be.PutUint16(sub[8:], uint16(searchRange))
	be.PutUint16(sub[10:], uint16(entrySelector))
	be.PutUint16(sub[12:], uint16(2*segCount-searchRange))
	endAt, startAt := 14, 16+2*segCount
	deltaAt, rangeAt := startAt+2*segCount, startAt+4*segCount
	arrayAt := rangeAt + 2*segCount
	arrayIndex := 0
	for i, s := range segs {
		be.PutUint16(sub[endAt+2*i:], uint16(s.end))
		be.PutUint16(sub[startAt+2*i:], uint16(s.start))
		be.PutUint16(sub[deltaAt+2*i:], s.delta)
		if s.array != nil {
			be.PutUint16(sub[rangeAt+2*i:], uint16(2*(segCount-i)+2*arrayIndex))
			for _, g := range s.array {
				be.PutUint16(sub[arrayAt+2*arrayIndex:], g)
				arrayIndex++
			}
		}
	}
	head := []byte{0, 0, 0, 1, 0, 3, 0, 1, 0, 0, 0, 12}
	return append(head, sub...), nil
}

// Unhinted returns a glyph description without its instructions.
func Unhinted(g []byte) ([]byte, error) {
	if len(g) == 0 {
		return nil, nil
	}
	if len(g) < 10 {
		return nil, errors.New("truncated glyph header")
	}
	be := binary.BigEndian
	contours := int(int16(be.Uint16(g)))
	if contours >= 0 {
		at := 10 + 2*contours
		if at+2 > len(g) {
			return nil, errors.New("truncated simple glyph")
		}
		n := int(be.Uint16(g[at:]))
		if at+2+n > len(g) {
			return nil, errors.New("instructions past the glyph end")
		}
		out := make([]byte, 0, len(g)-n)
		out = append(out, g[:at]...)
		out = append(out, 0, 0)
		return append(out, g[at+2+n:]...), nil
	}
	out := slices.Clone(g)
	end, err := walkComponents(out, func(flagsAt int) {
		be.PutUint16(out[flagsAt:], be.Uint16(out[flagsAt:])&^haveInstructions)
	})
	if err != nil {
		return nil, err
	}
	// The composite's own instructions follow its last component.
	return out[:end], nil
}

// Composite-glyph component flags (OpenType glyf table).
const (
	ArgsAreWords     = 0x0001
	ArgsAreXY        = 0x0002
	haveScale        = 0x0008
	MoreComponents   = 0x0020
	haveXYScale      = 0x0040
	haveTwoByTwo     = 0x0080
	haveInstructions = 0x0100
)

// Components calls fn with the offset of each component glyph index of a
// composite glyph description; it does nothing for a simple glyph.
func Components(g []byte, fn func(at int)) error {
	if len(g) < 10 || int16(binary.BigEndian.Uint16(g)) >= 0 {
		return nil
	}
	_, err := walkComponents(g, func(flagsAt int) { fn(flagsAt + 2) })
	return err
}

// walkComponents steps through the component records of a composite glyph,
// calling fn with the offset of each record's flags, and returns where the
// records end.
func walkComponents(g []byte, fn func(flagsAt int)) (int, error) {
	at := 10
	for {
		if at+4 > len(g) {
			return 0, errors.New("truncated composite glyph")
		}
		flags := binary.BigEndian.Uint16(g[at:])
		fn(at)
		at += 4
		if flags&ArgsAreWords != 0 {
			at += 4
		} else {
			at += 2
		}
		switch {
		case flags&haveScale != 0:
			at += 2
		case flags&haveXYScale != 0:
			at += 4
		case flags&haveTwoByTwo != 0:
			at += 8
		}
		if at > len(g) {
			return 0, errors.New("truncated composite glyph")
		}
		if flags&MoreComponents == 0 {
			return at, nil
		}
	}
}
