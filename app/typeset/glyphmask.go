package typeset

import (
	"image"
	"math"
	"sync"

	"github.com/go-text/typesetting/font"
	ot "github.com/go-text/typesetting/font/opentype"
	"golang.org/x/image/vector"
)

// GlyphMask is a glyph's outline filled into an alpha mask: the live
// preview and the window's text boxes draw text with the outlines the PDF
// embeds, so what is seen on screen is what is printed.
type GlyphMask struct {
	Mask   *image.Alpha
	DX, DY int // mask origin relative to the glyph origin's pixel
}

// Glyphs are rasterized once per font, glyph, size and quarter-pixel phase,
// then stamped where they occur: a page repeats a few hundred distinct glyphs
// thousands of times, and a keystroke repaints a paragraph of a few dozen.
type maskKey struct {
	font   *Font
	gid    uint16
	k      float64 // font units to pixels
	fx, fy uint8   // subpixel phase, in quarters
}

var glyphMasks struct {
	sync.Mutex
	m map[maskKey]*GlyphMask
}

// maxGlyphMasks bounds the cache (a few MB); zooming through many scales
// starts it afresh rather than growing without end.
const maxGlyphMasks = 20000

// SubPixel splits a pixel coordinate into its whole pixel and a phase in
// quarters of a pixel.
func SubPixel(v float32) (int, uint8) {
	q := int(math.Round(float64(v) * 4))
	i := q >> 2
	return i, uint8(q - i<<2)
}

// Mask returns glyph gid of f at k pixels per font unit, its origin at
// phase (fx, fy) quarters of a pixel; nil for a glyph with no outline (a
// space).
func (f *Font) Mask(gid uint16, k float64, fx, fy uint8) (*GlyphMask, error) {
	key := maskKey{f, gid, k, fx, fy}
	glyphMasks.Lock()
	m, ok := glyphMasks.m[key]
	glyphMasks.Unlock()
	if ok {
		return m, nil
	}
	outlines, err := f.Outlines()
	if err != nil {
		return nil, err
	}
	// A face per miss: faces carry mutable state, and misses are rare.
	m = rasterize(key, font.NewFace(outlines))
	glyphMasks.Lock()
	if glyphMasks.m == nil || len(glyphMasks.m) >= maxGlyphMasks {
		glyphMasks.m = make(map[maskKey]*GlyphMask)
	}
	glyphMasks.m[key] = m
	glyphMasks.Unlock()
	return m, nil
}

func rasterize(key maskKey, fc *font.Face) *GlyphMask {
	outline, ok := fc.GlyphData(font.GID(key.gid)).(font.GlyphOutline)
	if !ok || len(outline.Segments) == 0 {
		return nil
	}
	ox, oy := float32(key.fx)/4, float32(key.fy)/4
	k := float32(key.k)
	// Outline points in pixels from the glyph origin's pixel corner (y down).
	pt := func(p font.SegmentPoint) (float32, float32) { return ox + p.X*k, oy - p.Y*k }
	minX, minY := float32(math.MaxFloat32), float32(math.MaxFloat32)
	maxX, maxY := -minX, -minY
	for _, s := range outline.Segments {
		for _, a := range s.ArgsSlice() {
			x, y := pt(a)
			minX, maxX = min(minX, x), max(maxX, x)
			minY, maxY = min(minY, y), max(maxY, y)
		}
	}
	dx, dy := int(math.Floor(float64(minX))), int(math.Floor(float64(minY)))
	w, h := int(math.Ceil(float64(maxX)))-dx+1, int(math.Ceil(float64(maxY)))-dy+1
	z := vector.NewRasterizer(w, h)
	at := func(p font.SegmentPoint) (float32, float32) {
		x, y := pt(p)
		return x - float32(dx), y - float32(dy)
	}
	for _, s := range outline.Segments {
		switch s.Op {
		case ot.SegmentOpMoveTo:
			z.ClosePath()
			z.MoveTo(at(s.Args[0]))
		case ot.SegmentOpLineTo:
			z.LineTo(at(s.Args[0]))
		case ot.SegmentOpQuadTo:
			bx, by := at(s.Args[0])
			cx, cy := at(s.Args[1])
			z.QuadTo(bx, by, cx, cy)
		case ot.SegmentOpCubeTo:
			bx, by := at(s.Args[0])
			cx, cy := at(s.Args[1])
			ex, ey := at(s.Args[2])
			z.CubeTo(bx, by, cx, cy, ex, ey)
		}
	}
	z.ClosePath()
	mask := image.NewAlpha(image.Rect(0, 0, w, h))
	z.Draw(mask, mask.Bounds(), image.Opaque, image.Point{})
	return &GlyphMask{Mask: mask, DX: dx, DY: dy}
}
