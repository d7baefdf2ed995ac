package typeset

import (
	"testing"

	"communique/assets/fonts"
)

// A letter fills a mask whose ink sits where the outline is, a space has
// none, and a second request is served from the cache.
func TestGlyphMask(t *testing.T) {
	f, err := NewFont("NotoSans-Regular", fonts.NotoSansRegular)
	if err != nil {
		t.Fatal(err)
	}
	gid, ok := f.Parsed().NominalGlyph('H')
	if !ok {
		t.Fatal("no H")
	}
	k := 20 / f.UnitsPerEm() // 20 px to the em
	m, err := f.Mask(uint16(gid), k, 0, 0)
	if err != nil || m == nil {
		t.Fatalf("H: mask %v, err %v", m, err)
	}
	b := m.Mask.Bounds()
	// H stands on the baseline: its ink is above the origin (negative y),
	// about 0.7 em tall, and starts right of the origin.
	if m.DY > -12 || m.DY+b.Dy() > 2 || m.DX < 0 || b.Dx() < 8 || b.Dx() > 16 {
		t.Errorf("H at 20 px: mask %v at (%d,%d)", b, m.DX, m.DY)
	}
	inked := 0
	for _, a := range m.Mask.Pix {
		if a > 128 {
			inked++
		}
	}
	if inked < 30 {
		t.Errorf("H at 20 px has %d inked pixels", inked)
	}
	if again, _ := f.Mask(uint16(gid), k, 0, 0); again != m {
		t.Error("the same glyph, size and phase was rasterized again")
	}
	if shifted, _ := f.Mask(uint16(gid), k, 2, 0); shifted == m {
		t.Error("another phase returned the same mask")
	}
	space, _ := f.Parsed().NominalGlyph(' ')
	if m, err := f.Mask(uint16(space), k, 0, 0); err != nil || m != nil {
		t.Errorf("space: mask %v, err %v", m, err)
	}
	if i, q := SubPixel(10.6); i != 10 || q != 2 {
		t.Errorf("SubPixel(10.6) = %d, %d; want 10, 2", i, q)
	}
}
