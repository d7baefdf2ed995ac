package textbox

import (
	"image"
	"image/color"
	"image/draw"

	"communique/app/typeset"
)

// drawLayout paints the glyphs of l into an image w×h pixels, scale
// pixels per unit, each line's top pad units below the last, x from pad.
// Fyne's canvas.Text cannot do this: it draws runs in logical order.
func drawLayout(l *Layout, w, h int, scale, pad float64, ink color.Color) image.Image {
	return DrawAt(l, w, h, scale, pad, pad, ink)
}

// drawLayoutAt is drawLayout with different horizontal and vertical padding.
func DrawAt(l *Layout, w, h int, scale, padX, padY float64, ink color.Color) image.Image {
	return drawLayoutInto(nil, l, w, h, scale, padX, padY, ink)
}

// drawLayoutInto is drawLayoutAt reusing img when it has the size: a
// keystroke repaints its box, and a fresh megabyte a key is wasted work.
func drawLayoutInto(img *image.NRGBA, l *Layout, w, h int, scale, padX, padY float64, ink color.Color) *image.NRGBA {
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
			k := run.Size / run.Font.UnitsPerEm() * scale
			for _, g := range run.Glyphs {
				px := float32((padX + g.X) * scale)
				py := float32((base - g.Y) * scale)
				ix, fx := typeset.SubPixel(px)
				iy, fy := typeset.SubPixel(py)
				m, err := run.Font.Mask(g.ID, k, fx, fy)
				if err != nil || m == nil {
					continue
				}
				r := m.Mask.Bounds().Add(image.Pt(ix+m.DX, iy+m.DY))
				draw.DrawMask(img, r, src, image.Point{}, m.Mask, image.Point{}, draw.Over)
			}
		}
	}
	return img
}
