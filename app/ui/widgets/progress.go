package widgets

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Progress is a progress bar whose text is set by the typesetting engine
// ("9 من 10 مترجمة" reads right) and which fills from the right in a
// right-to-left interface. widget.ProgressBar does neither.
type Progress struct {
	widget.BaseWidget
	rtl         bool
	done, total int
	label       *Label
}

// NewProgress makes an empty bar.
func (k *Kit) NewProgress() *Progress {
	p := &Progress{rtl: k.RTL(), label: NewLabel("", k.Lang(), false)}
	p.label.Center = true
	p.ExtendBaseWidget(p)
	return p
}

// set shows done of total with the text s.
func (p *Progress) Set(done, total int, s string) {
	p.done, p.total = done, total
	p.label.SetText(s)
	p.Refresh()
}

// Text is the text on the bar, for tests.
func (p *Progress) Text() string { return p.label.Text() }

func (p *Progress) CreateRenderer() fyne.WidgetRenderer {
	bg := canvas.NewRectangle(barBackground())
	bg.CornerRadius = theme.InputRadiusSize()
	fill := canvas.NewRectangle(theme.Color(theme.ColorNamePrimary))
	fill.CornerRadius = theme.InputRadiusSize()
	return &progressRenderer{p: p, bg: bg, fill: fill}
}

type progressRenderer struct {
	p        *Progress
	bg, fill *canvas.Rectangle
}

func (r *progressRenderer) Destroy() {}

func (r *progressRenderer) Objects() []fyne.CanvasObject {
	return []fyne.CanvasObject{r.bg, r.fill, r.p.label}
}

func (r *progressRenderer) MinSize() fyne.Size {
	m := r.p.label.MinSize()
	return fyne.NewSize(m.Width, max(m.Height, theme.TextSize()+2*theme.InnerPadding()))
}

func (r *progressRenderer) Layout(size fyne.Size) {
	r.bg.Resize(size)
	r.p.label.Resize(size)
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
}

// barBackground is the unfilled part of a bar: the primary colour, faint.
func barBackground() color.Color {
	r, g, b, _ := theme.Color(theme.ColorNamePrimary).RGBA()
	return color.NRGBA{uint8(r >> 8), uint8(g >> 8), uint8(b >> 8), 0x50}
}

// Count is how many of how many the bar shows done.
func (p *Progress) Count() (done, total int) { return p.done, p.total }
