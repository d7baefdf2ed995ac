package widgets

import (
	"image"
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"communique/app/typeset"
	"communique/app/ui/textbox"
)

// Label shows text that may hold right-to-left runs (statement text,
// translations, language names, UI strings in Arabic), set by the
// typesetting engine so mixed Arabic, digits and Latin read in the right
// order. widget.Label draws runs in logical order.
type Label struct {
	widget.BaseWidget

	text string
	// Lang gives the paragraph direction; empty: the first strong
	// character decides.
	Lang string
	Bold bool
	// Wrap breaks lines at the widget's width; otherwise the label is as
	// wide as its text.
	Wrap   bool
	Center bool
	// FlushRight and FlushLeft put an unwrapped text against one edge
	// whatever its direction: a Latin file name in a mirrored list, an
	// Arabic one in a left-to-right list.
	FlushRight, FlushLeft bool
	// Truncate cuts an unwrapped text that does not fit with an ellipsis
	// (at its end in reading order), and asks for no width.
	Truncate   bool
	Importance widget.Importance
	// Disabled greys the text, as on a disabled button.
	Disabled bool
	// ink, when set, is the text's colour whatever the importance (the
	// part of a progress bar's text over its fill).
	ink fyne.ThemeColorName

	lay *textbox.Layout
}

// NewLabel makes a label of text in lang ("": the text decides its
// direction), wrapped at its width when wrap is set.
func NewLabel(text, lang string, wrap bool) *Label {
	l := &Label{text: text, Lang: lang, Wrap: wrap}
	l.ExtendBaseWidget(l)
	return l
}

// Text returns the label's text.
func (l *Label) Text() string { return l.text }

// SetText changes the text and redraws.
func (l *Label) SetText(s string) {
	if s == l.text {
		return
	}
	l.text, l.lay = s, nil
	l.Refresh()
}

func (l *Label) direction() typeset.Direction { return typeset.DirectionOf(l.Lang) }

func (l *Label) align() typeset.Align {
	switch {
	case l.Center:
		return typeset.AlignCenter
	case l.FlushRight && l.direction() != typeset.RightToLeft && typeset.DirectionOfText(l.text) != typeset.RightToLeft:
		return typeset.AlignEnd
	case l.FlushLeft && (l.direction() == typeset.RightToLeft || l.direction() == typeset.Auto && typeset.DirectionOfText(l.text) == typeset.RightToLeft):
		return typeset.AlignEnd
	}
	return typeset.AlignStart
}

func (l *Label) layout() *textbox.Layout {
	pad := float64(theme.InnerPadding())
	w := float64(l.Size().Width) - 2*pad
	if !l.Wrap || l.Size().Width <= 0 {
		w = 1e6
	}
	if l.lay != nil && l.lay.Width() == w {
		return l.lay
	}
	lay, err := textbox.LayoutAligned(l.text, w, float64(theme.TextSize()), l.Lang, l.direction(), l.Bold, l.align())
	if err != nil {
		fyne.LogError("label layout", err)
		lay = textbox.Empty(w, float64(theme.TextSize()))
	}
	l.lay = lay
	return lay
}

func (l *Label) color() color.Color {
	if l.ink != "" {
		return theme.Color(l.ink)
	}
	if l.Disabled {
		return theme.Color(theme.ColorNameDisabled)
	}
	switch l.Importance {
	case widget.DangerImportance:
		return theme.Color(theme.ColorNameError)
	case widget.WarningImportance:
		return theme.Color(theme.ColorNameWarning)
	case widget.SuccessImportance:
		return theme.Color(theme.ColorNameSuccess)
	case widget.HighImportance:
		return theme.Color(theme.ColorNamePrimary)
	}
	return theme.Color(theme.ColorNameForeground)
}

func (l *Label) CreateRenderer() fyne.WidgetRenderer {
	l.ExtendBaseWidget(l)
	r := &labelRenderer{l: l}
	r.raster = canvas.NewRaster(r.draw)
	return r
}

type labelRenderer struct {
	l      *Label
	raster *canvas.Raster
}

func (r *labelRenderer) Destroy() {}

func (r *labelRenderer) Objects() []fyne.CanvasObject { return []fyne.CanvasObject{r.raster} }

func (r *labelRenderer) Layout(size fyne.Size) { r.raster.Resize(size) }

func (r *labelRenderer) MinSize() fyne.Size {
	lay := r.l.layout()
	pad := float64(theme.InnerPadding())
	w := 2 * pad
	if !r.l.Wrap && !r.l.Truncate {
		w += lay.NaturalWidth()
	}
	return fyne.NewSize(float32(w), float32(lay.Height()+2*pad*0.5))
}

func (r *labelRenderer) Refresh() {
	r.l.lay = nil
	r.raster.Refresh()
}

// draw paints the text; an unwrapped label lays its one line out in its
// actual width, so alignment follows the direction.
func (r *labelRenderer) draw(w, h int) image.Image {
	l := r.l
	size := l.Size()
	if size.Width <= 0 || l.text == "" {
		return image.NewNRGBA(image.Rect(0, 0, 1, 1))
	}
	pad := float64(theme.InnerPadding())
	lay := l.layout()
	if !l.Wrap {
		avail := float64(size.Width) - 2*pad
		text, natural := l.text, lay.NaturalWidth()
		if l.Truncate && natural > avail {
			text = l.truncated(avail)
			if tl, err := textbox.LayoutText(text, 1e6, float64(theme.TextSize()), l.Lang, l.direction(), l.Bold); err == nil {
				natural = tl.NaturalWidth()
			}
		}
		var err error
		// At least the natural width: a hair less (float32 sizes) would
		// wrap the last letter out of sight.
		lay, err = textbox.LayoutAligned(text, max(avail, natural+0.5), float64(theme.TextSize()), l.Lang, l.direction(), l.Bold, l.align())
		if err != nil {
			return image.NewNRGBA(image.Rect(0, 0, 1, 1))
		}
	}
	scale := float64(w) / float64(size.Width)
	// Centred vertically: a label may be given more height than its lines.
	top := max(pad*0.5, (float64(size.Height)-lay.Height())/2)
	return textbox.DrawAt(lay, w, h, scale, pad, top, l.color())
}

// truncated is the longest start of the text that fits in width with an
// ellipsis after it (a binary search over whole graphemes).
func (l *Label) truncated(width float64) string {
	runes := []rune(l.text)
	g := textbox.GraphemeBoundaries(runes)
	fits := func(n int) bool {
		lay, err := textbox.LayoutText(string(runes[:n])+"…", 1e6, float64(theme.TextSize()), l.Lang, l.direction(), l.Bold)
		return err == nil && lay.NaturalWidth() <= width
	}
	lo, hi := 0, len(runes)
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if fits(mid) {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	for lo > 0 && !g[lo] {
		lo--
	}
	return string(runes[:lo]) + "…"
}

// SetTextQuiet changes the text without redrawing, for a caller that
// refreshes a whole row at once.
func (l *Label) SetTextQuiet(s string) { l.text, l.lay = s, nil }

// RightToLeft reports whether the text is laid out as a right-to-left
// paragraph, and whether its first line runs right to left.
func (l *Label) RightToLeft() (paragraph, line bool) { return l.layout().RightToLeft() }
