package sfnt

import (
	"bytes"
	"encoding/binary"
	"testing"
)

// TestWriteRead: tables written come back by tag, 4-byte aligned, and the
// whole file sums to 0xB1B0AFBA as head.checkSumAdjustment requires.
func TestWriteRead(t *testing.T) {
	head := make([]byte, 54)
	binary.BigEndian.PutUint32(head[8:], 12345) // overwritten
	tables := []Table{{Tag: "head", Data: head}, {Tag: "glyf", Data: []byte{1, 2, 3}}, {Tag: "cmap", Data: []byte{9, 9, 9, 9, 9}}}
	file := Write(tables)
	got, err := ReadTables(file)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got["glyf"], []byte{1, 2, 3}) || !bytes.Equal(got["cmap"], []byte{9, 9, 9, 9, 9}) || len(got["head"]) != 54 {
		t.Fatalf("tables back: %v", got)
	}
	if sum := tableChecksum(file); sum != 0xB1B0AFBA {
		t.Errorf("file checksum %#x, want 0xB1B0AFBA", sum)
	}
	for _, bad := range [][]byte{nil, file[:20], append([]byte{0, 0, 0, 9}, file[4:]...)} {
		if _, err := ReadTables(bad); err == nil {
			t.Errorf("ReadTables(% x…) did not fail", bad[:min(8, len(bad))])
		}
	}
}

// TestBuildCmap: a format-4 subtable maps each code to its glyph, runs of
// one delta as delta segments, others through the glyph array.
func TestBuildCmap(t *testing.T) {
	entries := []CmapEntry{{'A', 10}, {'B', 11}, {'C', 12}, {0xE000, 7}, {0xE001, 3}}
	cmap, err := BuildCmap(entries)
	if err != nil {
		t.Fatal(err)
	}
	sub := cmap[12:]
	be := binary.BigEndian
	segs := int(be.Uint16(sub[6:])) / 2
	lookup := func(c rune) uint16 {
		for i := range segs {
			end := rune(be.Uint16(sub[14+2*i:]))
			start := rune(be.Uint16(sub[16+2*segs+2*i:]))
			if c < start || c > end {
				continue
			}
			delta := be.Uint16(sub[16+4*segs+2*i:])
			rangeAt := 16 + 6*segs + 2*i
			if ro := int(be.Uint16(sub[rangeAt:])); ro != 0 {
				return be.Uint16(sub[rangeAt+ro+2*int(c-start):])
			}
			return uint16(c) + delta
		}
		return 0
	}
	for _, e := range entries {
		if g := lookup(e.Code); g != e.GID {
			t.Errorf("code %U: glyph %d, want %d", e.Code, g, e.GID)
		}
	}
	if g := lookup('D'); g != 0 {
		t.Errorf("unmapped code gives glyph %d", g)
	}
}

// TestUnhinted: a simple glyph loses its instructions and keeps the rest.
func TestUnhinted(t *testing.T) {
	// one contour, end point 0, 2 bytes of instructions, one flag, x, y
	g := []byte{0, 1, 0, 0, 0, 0, 0, 10, 0, 10, 0, 0, 0, 2, 0xAA, 0xBB, 1, 5, 5}
	out, err := Unhinted(g)
	if err != nil {
		t.Fatal(err)
	}
	want := []byte{0, 1, 0, 0, 0, 0, 0, 10, 0, 10, 0, 0, 0, 0, 1, 5, 5}
	if !bytes.Equal(out, want) {
		t.Errorf("Unhinted = % x, want % x", out, want)
	}
	if _, err := Unhinted(g[:13]); err == nil {
		t.Error("a truncated glyph did not fail")
	}
}
