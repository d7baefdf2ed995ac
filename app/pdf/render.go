package pdf

import (
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"math"
	"sync"

	xdraw "golang.org/x/image/draw"
	"golang.org/x/image/vector"

	"github.com/go-text/typesetting/font"
	ot "github.com/go-text/typesetting/font/opentype"

	"communique/app/typeset"
)

// Render paints page (1-based) of doc at scale pixels per point (1 = 72 dpi)
// from the same layout Export writes, rasterizing the glyph outlines. It
// also returns the number of pages.
func Render(doc Document, pageNo int, scale float64) (image.Image, int, error) {
	if scale <= 0 || scale > 16 {
		return nil, 0, fmt.Errorf("pdf: render scale %g out of range (0, 16]", scale)
	}
	doc = sanitize(doc)
	c, err := compose(&doc)
	if err != nil {
		return nil, 0, err
	}
	n := len(c.pages)
	if pageNo < 1 || pageNo > n {
		return nil, n, fmt.Errorf("pdf: %s: page %d out of range 1–%d", doc.Lang, pageNo, n)
	}
	pg := c.pages[pageNo-1]
	// Round up, as poppler does, so the last partial pixel of the page shows.
	w, h := int(math.Ceil(pageW*scale)), int(math.Ceil(pageH*scale))
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	draw.Draw(img, img.Bounds(), image.White, image.Point{}, draw.Src)

	// toPx maps PDF user space (y up) to pixels (y down).
	toPx := func(x, y float64) (float32, float32) {
		return float32(x * scale), float32((pageH - y) * scale)
	}

	if pg.logo != nil && c.logo != nil {
		logo := c.logo.img
		x0, y0 := toPx(pg.logo.x0, pg.logo.y1)
		x1, y1 := toPx(pg.logo.x1, pg.logo.y0)
		dst := image.Rect(int(x0+0.5), int(y0+0.5), int(x1+0.5), int(y1+0.5))
		xdraw.CatmullRom.Scale(img, dst, logo, logo.Bounds(), draw.Over, nil)
	}

	rules := vector.NewRasterizer(w, h)
	for _, r := range pg.rules {
		x0, y0 := toPx(r.x0, r.y1)
		x1, y1 := toPx(r.x1, r.y0)
		rules.MoveTo(x0, y0)
		rules.LineTo(x1, y0)
		rules.LineTo(x1, y1)
		rules.LineTo(x0, y1)
		rules.ClosePath()
	}
	rules.Draw(img, img.Bounds(), image.NewUniform(color.Gray{110}), image.Point{})

	faces := make(map[*typeset.Font]*font.Face)
	black, gray := image.NewUniform(color.Black), image.NewUniform(color.Gray{90})
	for _, pl := range pg.lines {
		ink := black
		if pl.gray {
			ink = gray
		}
		for _, run := range pl.line.Runs {
			fc, ok := faces[run.Font]
			if !ok {
				outlines, err := run.Font.Outlines()
				if err != nil {
					return nil, 0, err
				}
				fc = font.NewFace(outlines)
				faces[run.Font] = fc
			}
			k := run.Size / run.Font.UnitsPerEm() * scale // font units → pixels
			for _, g := range run.Glyphs {
				px, py := toPx(pl.x+g.X, pl.y+g.Y)
				ix, fx := subpixel(px)
				iy, fy := subpixel(py)
				m := cachedGlyph(maskKey{run.Font, g.ID, k, fx, fy}, fc)
				if m == nil {
					continue
				}
				r := m.mask.Bounds().Add(image.Pt(ix+m.dx, iy+m.dy))
				draw.DrawMask(img, r, ink, image.Point{}, m.mask, image.Point{}, draw.Over)
			}
		}
	}
	return img, n, nil
}

// Glyphs are rasterized once per font, glyph, size and quarter-pixel phase,
// then stamped where they occur: a page repeats a few hundred distinct
// glyphs thousands of times, and the live preview re-renders the same page at
// the same scale after every pause in typing.
type maskKey struct {
	font   *typeset.Font
	gid    uint16
	k      float64 // font units to pixels
	fx, fy uint8   // subpixel phase, in quarters
}

type glyphMask struct {
	mask   *image.Alpha
	dx, dy int // mask origin relative to the glyph origin's pixel
}

var glyphCache struct {
	sync.Mutex
	m map[maskKey]*glyphMask
}

// maxCachedGlyphs bounds the cache (a few MB); zooming through many scales
// starts it afresh rather than growing without end.
const maxCachedGlyphs = 20000

// subpixel splits a pixel coordinate into its whole pixel and a phase in
// quarters of a pixel.
func subpixel(v float32) (int, uint8) {
	q := int(math.Round(float64(v) * 4))
	i := q >> 2
	return i, uint8(q - i<<2)
}

func cachedGlyph(key maskKey, fc *font.Face) *glyphMask {
	glyphCache.Lock()
	m, ok := glyphCache.m[key]
	glyphCache.Unlock()
	if ok {
		return m
	}
	m = rasterizeGlyph(key, fc)
	glyphCache.Lock()
	if glyphCache.m == nil || len(glyphCache.m) >= maxCachedGlyphs {
		glyphCache.m = make(map[maskKey]*glyphMask)
	}
	glyphCache.m[key] = m
	glyphCache.Unlock()
	return m
}

// rasterizeGlyph paints a glyph's outline into an alpha mask; nil for a
// glyph with no outline (a space).
func rasterizeGlyph(key maskKey, fc *font.Face) *glyphMask {
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
	return &glyphMask{mask: mask, dx: dx, dy: dy}
}
