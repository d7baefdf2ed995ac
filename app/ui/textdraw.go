package ui

import (
	"image"
	"image/color"
	"image/draw"
	"math"
	"sync"

	"github.com/go-text/typesetting/font"
	ot "github.com/go-text/typesetting/font/opentype"
	"golang.org/x/image/vector"

	"communique/app/typeset"
)

// drawLayout paints the glyphs of l into an image w×h pixels, scale
// pixels per unit, each line's top pad units below the last, x from pad.
// Fyne's canvas.Text cannot do this: it draws runs in logical order.
func drawLayout(l *textLayout, w, h int, scale, pad float64, ink color.Color) image.Image {
	return drawLayoutAt(l, w, h, scale, pad, pad, ink)
}

// drawLayoutAt is drawLayout with different horizontal and vertical padding.
func drawLayoutAt(l *textLayout, w, h int, scale, padX, padY float64, ink color.Color) image.Image {
	return drawLayoutInto(nil, l, w, h, scale, padX, padY, ink)
}

// drawLayoutInto is drawLayoutAt reusing img when it has the size: a
// keystroke repaints its box, and a fresh megabyte a key is wasted work.
func drawLayoutInto(img *image.NRGBA, l *textLayout, w, h int, scale, padX, padY float64, ink color.Color) *image.NRGBA {
	r := image.Rect(0, 0, max(w, 1), max(h, 1))
	if img == nil || img.Rect != r {
		img = image.NewNRGBA(r)
	} else {
		clear(img.Pix)
	}
	src := image.NewUniform(ink)
	for k := range l.lines {
		ln := &l.lines[k].line
		base := padY + float64(k)*l.leading + (l.leading-l.ascent+l.descent)/2 + l.ascent
		for _, run := range ln.Runs {
			fc, err := outlineFace(run.Font)
			if err != nil {
				continue
			}
			k := run.Size / run.Font.UnitsPerEm() * scale
			for _, g := range run.Glyphs {
				px := float32((padX + g.X) * scale)
				py := float32((base - g.Y) * scale)
				ix, fx := quarterPixel(px)
				iy, fy := quarterPixel(py)
				m := glyphMaskOf(maskID{run.Font, g.ID, k, fx, fy}, fc)
				if m == nil {
					continue
				}
				r := m.mask.Bounds().Add(image.Pt(ix+m.dx, iy+m.dy))
				draw.DrawMask(img, r, src, image.Point{}, m.mask, image.Point{}, draw.Over)
			}
		}
	}
	return img
}

var outlineFaces struct {
	sync.Mutex
	m map[*typeset.Font]*font.Face
}

func outlineFace(f *typeset.Font) (*font.Face, error) {
	outlineFaces.Lock()
	defer outlineFaces.Unlock()
	if fc, ok := outlineFaces.m[f]; ok {
		return fc, nil
	}
	o, err := f.Outlines()
	if err != nil {
		return nil, err
	}
	if outlineFaces.m == nil {
		outlineFaces.m = map[*typeset.Font]*font.Face{}
	}
	fc := font.NewFace(o)
	outlineFaces.m[f] = fc
	return fc, nil
}

// maskID names a rasterized glyph: font, glyph, size in pixels per font
// unit and the quarter-pixel phase of its origin.
type maskID struct {
	font   *typeset.Font
	gid    uint16
	k      float64
	fx, fy uint8
}

type glyphAlpha struct {
	mask   *image.Alpha
	dx, dy int
}

// Glyphs are rasterized once and stamped where they occur: a keystroke
// repaints its paragraph, and a paragraph repeats a few dozen glyphs.
var glyphMasks struct {
	sync.Mutex
	m map[maskID]*glyphAlpha
}

const maxGlyphMasks = 20000

func quarterPixel(v float32) (int, uint8) {
	q := int(math.Round(float64(v) * 4))
	i := q >> 2
	return i, uint8(q - i<<2)
}

func glyphMaskOf(id maskID, fc *font.Face) *glyphAlpha {
	glyphMasks.Lock()
	m, ok := glyphMasks.m[id]
	glyphMasks.Unlock()
	if ok {
		return m
	}
	m = rasterize(id, fc)
	glyphMasks.Lock()
	if glyphMasks.m == nil || len(glyphMasks.m) >= maxGlyphMasks {
		glyphMasks.m = map[maskID]*glyphAlpha{}
	}
	glyphMasks.m[id] = m
	glyphMasks.Unlock()
	return m
}

// rasterize fills a glyph outline into an alpha mask; nil for a glyph
// with no outline (a space).
func rasterize(id maskID, fc *font.Face) *glyphAlpha {
	outline, ok := fc.GlyphData(font.GID(id.gid)).(font.GlyphOutline)
	if !ok || len(outline.Segments) == 0 {
		return nil
	}
	ox, oy, k := float32(id.fx)/4, float32(id.fy)/4, float32(id.k)
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
	return &glyphAlpha{mask: mask, dx: dx, dy: dy}
}
