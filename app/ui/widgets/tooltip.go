package widgets

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"
)

// TipButton is an icon-only button that says what it does when the
// pointer rests on it (Fyne 2.7 has no tooltips).
type TipButton struct {
	widget.Button
	Tip   string
	lang  string
	popup *widget.PopUp
	timer *time.Timer
}

// tipDelay is how long the pointer rests before the tip shows.
const tipDelay = 500 * time.Millisecond

// NewTipButton makes an icon button that shows tip when the pointer
// rests on it.
func (k *Kit) NewTipButton(tip string, icon fyne.Resource, tapped func()) *TipButton {
	b := &TipButton{Tip: tip, lang: k.Lang()}
	b.Icon, b.OnTapped = icon, tapped
	b.ExtendBaseWidget(b)
	return b
}

// MouseIn starts the delay before the tip shows.
func (b *TipButton) MouseIn(e *desktop.MouseEvent) {
	b.Button.MouseIn(e)
	if b.timer != nil {
		b.timer.Stop()
	}
	b.timer = time.AfterFunc(tipDelay, func() { fyne.Do(b.showTip) })
}

func (b *TipButton) MouseMoved(e *desktop.MouseEvent) { b.Button.MouseMoved(e) }

// MouseOut hides the tip.
func (b *TipButton) MouseOut() {
	b.Button.MouseOut()
	if b.timer != nil {
		b.timer.Stop()
	}
	b.hideTip()
}

// Tapped hides the tip and does the button's job.
func (b *TipButton) Tapped(e *fyne.PointEvent) {
	b.hideTip()
	b.Button.Tapped(e)
}

func (b *TipButton) showTip() {
	cv := fyne.CurrentApp().Driver().CanvasForObject(b)
	if cv == nil || b.Tip == "" {
		return
	}
	if b.popup == nil {
		b.popup = widget.NewPopUp(NewLabel(b.Tip, b.lang, false), cv)
	}
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(b)
	b.popup.ShowAtPosition(pos.Add(fyne.NewPos(0, b.Size().Height+2)))
}

func (b *TipButton) hideTip() {
	if b.popup != nil {
		b.popup.Hide()
	}
}

// TextButton is a button with a typeset label (see LabelButton).
func (k *Kit) TextButton(label string, icon fyne.Resource, tapped func(), imp widget.Importance) fyne.CanvasObject {
	return k.NewLabelButton(label, icon, tapped, imp).Obj
}

// TipShown reports whether the tip is on screen.
func (b *TipButton) TipShown() bool { return b.popup != nil && b.popup.Visible() }
