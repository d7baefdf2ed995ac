package pdf

import (
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"math"

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
	black, gray := vector.NewRasterizer(w, h), vector.NewRasterizer(w, h)
	for _, pl := range pg.lines {
		z := black
		if pl.gray {
			z = gray
		}
		for _, run := range pl.line.Runs {
			fc, ok := faces[run.Font]
			if !ok {
				fc = font.NewFace(run.Font.Parsed())
				faces[run.Font] = fc
			}
			k := run.Size / run.Font.UnitsPerEm()
			for _, g := range run.Glyphs {
				outline, ok := fc.GlyphData(font.GID(g.ID)).(font.GlyphOutline)
				if !ok {
					continue
				}
				ox, oy := pl.x+g.X, pl.y+g.Y
				pt := func(p font.SegmentPoint) (float32, float32) {
					return toPx(ox+float64(p.X)*k, oy+float64(p.Y)*k)
				}
				for _, s := range outline.Segments {
					switch s.Op {
					case ot.SegmentOpMoveTo:
						z.ClosePath()
						x, y := pt(s.Args[0])
						z.MoveTo(x, y)
					case ot.SegmentOpLineTo:
						x, y := pt(s.Args[0])
						z.LineTo(x, y)
					case ot.SegmentOpQuadTo:
						bx, by := pt(s.Args[0])
						cx, cy := pt(s.Args[1])
						z.QuadTo(bx, by, cx, cy)
					case ot.SegmentOpCubeTo:
						bx, by := pt(s.Args[0])
						cx, cy := pt(s.Args[1])
						dx, dy := pt(s.Args[2])
						z.CubeTo(bx, by, cx, cy, dx, dy)
					}
				}
				z.ClosePath()
			}
		}
	}
	black.Draw(img, img.Bounds(), image.Black, image.Point{})
	gray.Draw(img, img.Bounds(), image.NewUniform(color.Gray{90}), image.Point{})
	return img, n, nil
}
