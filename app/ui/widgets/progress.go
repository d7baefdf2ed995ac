package widgets

import (
	"image"
	"image/color"
	"image/draw"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Progress is a progress bar whose text is set by the typesetting engine
// ("9 من 10 مترجمة" reads right) and which fills from the right in a
// right-to-left interface. widget.ProgressBar does neither.
//
// Its text is drawn in two inks: the theme's text colour over the empty
// track and the colour for text on the primary colour over the filled
// part, cut at the fill's edge. One ink for both is unreadable in one of
// the themes (dark grey on blue in the light theme).
type Progress struct {
	widget.BaseWidget
	rtl         bool
	done, total int
	label       *Label
	onFill      *Label
}

// NewProgress makes an empty bar.
func (k *Kit) NewProgress() *Progress {
	p := &Progress{rtl: k.RTL(), label: NewLabel("", k.Lang(), false), onFill: NewLabel("", k.Lang(), false)}
	p.label.Center, p.onFill.Center = true, true
	p.onFill.ink = theme.ColorNameForegroundOnPrimary
	p.ExtendBaseWidget(p)
	return p
}

// set shows done of total with the text s.
func (p *Progress) Set(done, total int, s string) {
	p.done, p.total = done, total
	p.label.SetText(s)
	p.onFill.SetText(s)
	p.Refresh()
}

// Text is the text on the bar, for tests.
func (p *Progress) Text() string { return p.label.Text() }

func (p *Progress) CreateRenderer() fyne.WidgetRenderer {
	bg := canvas.NewRectangle(barBackground())
	bg.CornerRadius = theme.InputRadiusSize()
	fill := canvas.NewRectangle(theme.Color(theme.ColorNamePrimary))
	fill.CornerRadius = theme.InputRadiusSize()
	r := &progressRenderer{p: p, bg: bg, fill: fill}
	r.text = canvas.NewRaster(r.drawText)
	return r
}

type progressRenderer struct {
	p        *Progress
	bg, fill *canvas.Rectangle
	text     *canvas.Raster
}

// drawText draws the text in the track's ink, then over it, where the
// bar is filled, in the fill's ink.
func (r *progressRenderer) drawText(w, h int) image.Image {
	track := (&labelRenderer{l: r.p.label}).draw(w, h)
	filled := (&labelRenderer{l: r.p.onFill}).draw(w, h)
	out := image.NewNRGBA(image.Rect(0, 0, w, h))
	size := r.p.Size()
	if size.Width <= 0 {
		return out
	}
	scale := float32(w) / size.Width
	x0 := int(r.fill.Position().X * scale)
	x1 := int((r.fill.Position().X + r.fill.Size().Width) * scale)
	draw.Draw(out, out.Bounds(), track, image.Point{}, draw.Src)
	draw.Draw(out, image.Rect(x0, 0, x1, h), filled, image.Pt(x0, 0), draw.Src)
	return out
}

func (r *progressRenderer) Destroy() {}

func (r *progressRenderer) Objects() []fyne.CanvasObject {
	return []fyne.CanvasObject{r.bg, r.fill, r.text}
}

func (r *progressRenderer) MinSize() fyne.Size {
	m := r.p.label.MinSize()
	return fyne.NewSize(m.Width, max(m.Height, theme.TextSize()+2*theme.InnerPadding()))
}

func (r *progressRenderer) Layout(size fyne.Size) {
	r.bg.Resize(size)
	r.p.label.Resize(size)
	r.p.onFill.Resize(size)
	r.text.Resize(size)
	w := float32(0)
	if r.p.total > 0 {
		w = size.Width * float32(min(r.p.done, r.p.total)) / float32(r.p.total)
	}
	r.fill.Resize(fyne.NewSize(w, size.Height))
	if r.p.rtl {
		r.fill.Move(fyne.NewPos(size.Width-w, 0))
	} else {
		r.fill.Move(fyne.NewPos(0, 0))
	}
}

func (r *progressRenderer) Refresh() {
	r.bg.FillColor = barBackground()
	r.fill.FillColor = theme.Color(theme.ColorNamePrimary)
	r.Layout(r.p.Size())
	r.bg.Refresh()
	r.fill.Refresh()
	r.p.label.Refresh()
	r.p.onFill.Refresh()
	r.text.Refresh()
}

// barBackground is the unfilled part of a bar: the primary colour, faint.
func barBackground() color.Color {
	r, g, b, _ := theme.Color(theme.ColorNamePrimary).RGBA()
	return color.NRGBA{uint8(r >> 8), uint8(g >> 8), uint8(b >> 8), 0x50}
}

// Count is how many of how many the bar shows done.
func (p *Progress) Count() (done, total int) { return p.done, p.total }
