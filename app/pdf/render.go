package pdf

import (
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"math"

	xdraw "golang.org/x/image/draw"
	"golang.org/x/image/vector"

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
	c, err := compose(&doc, nil)
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
		mark := c.logo.Img
		x0, y0 := toPx(pg.logo.x0, pg.logo.y1)
		x1, y1 := toPx(pg.logo.x1, pg.logo.y0)
		dst := image.Rect(int(x0+0.5), int(y0+0.5), int(x1+0.5), int(y1+0.5))
		xdraw.CatmullRom.Scale(img, dst, mark, mark.Bounds(), draw.Over, nil)
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

	black, gray := image.NewUniform(color.Black), image.NewUniform(color.Gray{90})
	for _, pl := range pg.lines {
		ink := black
		if pl.gray {
			ink = gray
		}
		for _, run := range pl.line.Runs {
			k := run.Size / run.Font.UnitsPerEm() * scale // font units → pixels
			for _, g := range run.Glyphs {
				px, py := toPx(pl.x+g.X, pl.y+g.Y)
				ix, fx := typeset.SubPixel(px)
				iy, fy := typeset.SubPixel(py)
				m, err := run.Font.Mask(g.ID, k, fx, fy)
				if err != nil {
					return nil, 0, err
				}
				if m == nil {
					continue
				}
				r := m.Mask.Bounds().Add(image.Pt(ix+m.DX, iy+m.DY))
				draw.DrawMask(img, r, ink, image.Point{}, m.Mask, image.Point{}, draw.Over)
			}
		}
	}
	return img, n, nil
}
