// Package preview is the window's page preview: a page of the statement
// as the PDF engine typesets it, in any of the workspace's languages. It is
// the reference for right-to-left scripts, and shows where a language
// falls back to the source for parts not yet translated.
package preview

import (
	"fmt"
	"image"
	"slices"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"communique/app/export"
	"communique/app/pdf"
	"communique/app/statement"
	"communique/app/ui/langname"
	"communique/app/ui/widgets"
	"communique/app/workspace"
)

// a4 is the page size in points; the preview keeps this aspect ratio.
const a4Width, a4Height = 595.28, 841.89

// DefaultDelay is how long typing must pause before the page is typeset
// again.
const DefaultDelay = 300 * time.Millisecond

var zoomSteps = []float32{0.5, 0.75, 1, 1.25, 1.5, 2, 3}

// Host is what the preview needs of the window.
type Host struct {
	Kit       *widgets.Kit
	Workspace *workspace.Workspace
	// Lang is the language shown first ("": the source language).
	Lang string
}

// Preview shows a page of the statement as the PDF engine typesets it.
// It is the reference for right-to-left scripts, which Fyne's own text
// widgets cannot lay out. Typesetting runs off the UI thread, a short
// while after the last edit.
type Preview struct {
	h       Host
	Content fyne.CanvasObject
	st      *statement.Statement
	lang    string
	langs   []string

	langSel   *widgets.Picker
	img       *canvas.Image
	page      *pageBox
	scroll    *container.Scroll
	pageLabel *widgets.Label
	zoomLabel *widgets.Label
	note      *widgets.Label
	prev      *widgets.TipButton
	next      *widgets.TipButton

	pageNo, pages int
	zoom          float32 // 0: fit the width of the pane
	timer         *time.Timer
	gen           uint64  // bumped by every change; stale renders are dropped
	scale         float32 // pixels per point of the image shown
	busy, again   bool
	fresh         bool // a new page, language or zoom: scroll to where reading starts

	// Delay is how long typing must pause before the page is typeset
	// again (DefaultDelay unless changed).
	Delay time.Duration
	// OnShown is called when a page reached the screen.
	OnShown func()
}

// New makes the preview of h.Workspace's statements; Show picks one.
func New(h Host) *Preview {
	k, tx := h.Kit, h.Kit.Text()
	p := &Preview{h: h, pageNo: 1, Delay: DefaultDelay, lang: h.Lang}
	if p.lang == "" {
		p.lang = h.Workspace.Config.SourceLanguage
	}
	p.langSel = k.NewPicker(func(s string) {
		for _, l := range p.langs {
			if langname.Of(l) == s && l != p.lang {
				p.lang = l
				p.pageNo = 1
				p.fresh = true
				p.Schedule()
			}
		}
	})
	p.RefreshLanguages()
	p.img = canvas.NewImageFromImage(nil)
	p.img.FillMode = canvas.ImageFillStretch
	p.img.ScaleMode = canvas.ImageScaleSmooth
	p.page = newPageBox(p)
	p.scroll = container.NewScroll(container.NewCenter(p.page))
	p.pageLabel = widgets.NewLabel("", tx.Lang(), false)
	p.zoomLabel = widgets.NewLabel("", tx.Lang(), false)
	back, fwd := theme.NavigateBackIcon(), theme.NavigateNextIcon()
	rtl := widgets.RightToLeft(tx.Lang())
	if rtl {
		back, fwd = fwd, back // pages turn leftwards in a right-to-left interface
	}
	p.prev = k.NewTipButton(tx.T("PreviousPage"), back, func() { p.turn(-1) })
	p.next = k.NewTipButton(tx.T("NextPage"), fwd, func() { p.turn(1) })
	zoomOut := k.NewTipButton(tx.T("ZoomOut"), theme.ZoomOutIcon(), func() { p.zoomBy(-1) })
	zoomIn := k.NewTipButton(tx.T("ZoomIn"), theme.ZoomInIcon(), func() { p.zoomBy(1) })
	fit := k.NewTipButton(tx.T("ZoomFit"), theme.ZoomFitIcon(), func() { p.setZoom(0) })
	p.note = widgets.NewLabel("", tx.Lang(), true)
	p.note.Importance = widget.WarningImportance
	p.note.Hide()
	bar := container.NewHBox(p.prev, p.pageLabel, p.next, widget.NewSeparator(), zoomOut, p.zoomLabel, zoomIn, fit)
	if rtl {
		slices.Reverse(bar.Objects)
		bar.Objects = append([]fyne.CanvasObject{layout.NewSpacer()}, bar.Objects...)
	}
	top := container.NewVBox(
		k.Labelled(k.Heading(tx.T("Preview")), p.langSel.Content),
		bar, p.note)
	p.Content = container.NewBorder(top, nil, nil, nil, p.scroll)
	p.showZoom()
	return p
}

// RefreshLanguages offers the workspace's languages again (one was added).
func (p *Preview) RefreshLanguages() {
	p.langs = p.h.Workspace.Languages()
	names := make([]string, len(p.langs))
	for i, l := range p.langs {
		names[i] = langname.Of(l)
	}
	p.langSel.SetOptions(names)
	p.langSel.SetSelected(langname.Of(p.lang))
}

// Show shows the first page of st (nil: none).
func (p *Preview) Show(st *statement.Statement) {
	p.st = st
	p.pageNo = 1
	p.fresh = true
	p.Schedule()
}

// SetLanguage follows the workbench's language.
func (p *Preview) SetLanguage(lang string) {
	if lang == p.lang {
		return
	}
	p.lang = lang
	p.pageNo = 1
	p.fresh = true
	p.langSel.SetSelected(langname.Of(lang))
	p.Schedule()
}

func (p *Preview) turn(d int) {
	n := p.pageNo + d
	if n < 1 || n > p.pages {
		return
	}
	p.pageNo = n
	p.fresh = true
	p.renderSoon(0)
}

func (p *Preview) zoomBy(d int) {
	cur := p.effectiveZoom()
	i := 0
	for i < len(zoomSteps) && zoomSteps[i] < cur-0.01 {
		i++
	}
	if d > 0 && i < len(zoomSteps) && zoomSteps[i] <= cur+0.01 {
		i++
	} else if d < 0 {
		i--
	}
	p.setZoom(zoomSteps[min(max(i, 0), len(zoomSteps)-1)])
}

func (p *Preview) setZoom(z float32) {
	p.zoom = z
	p.fresh = true
	p.showZoom()
	p.page.Refresh()
	p.renderSoon(0)
}

// effectiveZoom is the size of the page relative to 72 points per inch at
// scale 1 (100 % ≈ the paper size on a typical screen).
func (p *Preview) effectiveZoom() float32 {
	if p.zoom > 0 {
		return p.zoom
	}
	w := p.scroll.Size().Width - 2*theme.Padding()
	if w <= 0 {
		return 0.8
	}
	return w / a4Width
}

func (p *Preview) showZoom() {
	if p.zoom == 0 {
		p.zoomLabel.SetText(p.h.Kit.Text().T("ZoomFit"))
	} else {
		p.zoomLabel.SetText(fmt.Sprintf("%.0f %%", p.zoom*100))
	}
}

// Schedule typesets the page again once typing has paused.
func (p *Preview) Schedule() { p.renderSoon(p.Delay) }

func (p *Preview) renderSoon(delay time.Duration) {
	p.gen++
	if p.timer != nil {
		p.timer.Stop()
	}
	if delay == 0 {
		p.start()
		return
	}
	p.timer = time.AfterFunc(delay, func() { fyne.Do(p.start) })
}

// start typesets the current state in the background. The document is
// copied here, on the UI thread, so the workspace is never read while the
// user edits it.
func (p *Preview) start() {
	if p.busy {
		p.again = true
		return
	}
	if p.st == nil {
		p.img.Image = nil
		p.img.Refresh()
		p.pageLabel.SetText("")
		return
	}
	doc, fallback, err := document(p.h.Workspace, p.st, p.lang)
	if err != nil {
		// A missing logo is worth saying but should not hide the page.
		p.setNote(err.Error())
	}
	scale := p.effectiveZoom()
	if cv := fyne.CurrentApp().Driver().CanvasForObject(p.page); cv != nil {
		scale *= cv.Scale()
	}
	page, gen := p.pageNo, p.gen
	p.busy = true
	p.scale = scale
	go func() {
		img, pages, err := pdf.Render(doc, page, float64(scale))
		fyne.Do(func() { p.finish(gen, img, pages, fallback, err) })
	}()
}

func (p *Preview) finish(gen uint64, img image.Image, pages, fallback int, err error) {
	p.busy = false
	if p.again {
		p.again = false
		p.start()
		if gen != p.gen {
			return
		}
	}
	if gen != p.gen {
		return
	}
	switch {
	case err != nil:
		p.setNote(p.h.Kit.Text().T("PreviewFailed", "Error", err.Error()))
	case fallback > 0:
		p.setNote(p.h.Kit.Text().N("PreviewFallback", fallback, "Language", langname.In(p.h.Kit.Text().Lang(), p.h.Workspace.Config.SourceLanguage)))
	default:
		p.note.Hide()
	}
	if err == nil {
		p.pages = pages
		p.img.Image = img
		p.img.Refresh()
		p.page.Refresh()
		if p.fresh {
			p.fresh = false
			p.scrollToStart()
		}
	}
	p.pageLabel.SetText(p.h.Kit.Text().T("PageOf", "Page", p.pageNo, "Pages", max(p.pages, 1)))
	p.prev.Disable()
	p.next.Disable()
	if p.pageNo > 1 {
		p.prev.Enable()
	}
	if p.pageNo < p.pages {
		p.next.Enable()
	}
	if p.OnShown != nil {
		p.OnShown()
	}
}

func (p *Preview) setNote(s string) {
	p.note.SetText(s)
	p.note.Show()
}

// pageBox holds the page image at the zoomed size.
type pageBox struct {
	widget.BaseWidget
	p *Preview
}

func newPageBox(p *Preview) *pageBox {
	b := &pageBox{p: p}
	b.ExtendBaseWidget(b)
	return b
}

func (b *pageBox) CreateRenderer() fyne.WidgetRenderer {
	border := canvas.NewRectangle(theme.Color(theme.ColorNameShadow))
	return &pageRenderer{b: b, border: border}
}

type pageRenderer struct {
	b      *pageBox
	border *canvas.Rectangle
}

func (r *pageRenderer) Layout(s fyne.Size) {
	// A page shown much larger or smaller than it was typeset for is
	// typeset again at the new size, so it stays sharp.
	if p := r.b.p; p.scale > 0 && s.Width > 0 {
		need := s.Width / a4Width
		if cv := fyne.CurrentApp().Driver().CanvasForObject(r.b); cv != nil {
			need *= cv.Scale()
		}
		if d := need/p.scale - 1; d > 0.1 || d < -0.1 {
			p.scale = need // once per size change
			p.renderSoon(p.Delay / 2)
		}
	}
	r.border.Move(fyne.NewPos(2, 2))
	r.border.Resize(s)
	r.b.p.img.Move(fyne.NewPos(0, 0))
	r.b.p.img.Resize(s)
}

func (r *pageRenderer) MinSize() fyne.Size {
	z := r.b.p.effectiveZoom()
	return fyne.NewSize(a4Width*z, a4Height*z)
}

func (r *pageRenderer) Refresh() {
	r.border.FillColor = theme.Color(theme.ColorNameShadow)
	r.border.Refresh()
	r.b.p.img.Refresh()
}

func (r *pageRenderer) Objects() []fyne.CanvasObject {
	return []fyne.CanvasObject{r.border, r.b.p.img}
}

func (r *pageRenderer) Destroy() {}

// scrollToStart shows the top of the page at the side where its lines
// start: the right for a right-to-left language.
func (p *Preview) scrollToStart() {
	p.scroll.Refresh() // lay the page out at its new size first
	x := float32(0)
	if widgets.RightToLeft(p.lang) {
		x = max(0, p.scroll.Content.MinSize().Width-p.scroll.Size().Width)
	}
	p.scroll.ScrollToOffset(fyne.NewPos(x, 0))
}

// Lang is the language shown.
func (p *Preview) Lang() string { return p.lang }

// document is the page the preview shows: export.Preview, the same mapping
// the PDF export uses, with untranslated parts in the source language
// (counted in fallback so the preview can say so).
func document(ws *workspace.Workspace, st *statement.Statement, lang string) (pdf.Document, int, error) {
	doc, fallback, err := export.Preview(ws, st, lang)
	return doc, len(fallback), err
}
