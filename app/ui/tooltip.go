package ui

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"
)

// tipButton is an icon-only button that says what it does when the
// pointer rests on it (Fyne 2.7 has no tooltips).
type tipButton struct {
	widget.Button
	Tip   string
	lang  string
	popup *widget.PopUp
	timer *time.Timer
}

// tipDelay is how long the pointer rests before the tip shows.
const tipDelay = 500 * time.Millisecond

func (c *controller) newTipButton(tip string, icon fyne.Resource, tapped func()) *tipButton {
	b := &tipButton{Tip: tip, lang: c.tx.Lang()}
	b.Icon, b.OnTapped = icon, tapped
	b.ExtendBaseWidget(b)
	return b
}

// MouseIn starts the delay before the tip shows.
func (b *tipButton) MouseIn(e *desktop.MouseEvent) {
	b.Button.MouseIn(e)
	if b.timer != nil {
		b.timer.Stop()
	}
	b.timer = time.AfterFunc(tipDelay, func() { fyne.Do(b.showTip) })
}

func (b *tipButton) MouseMoved(e *desktop.MouseEvent) { b.Button.MouseMoved(e) }

// MouseOut hides the tip.
func (b *tipButton) MouseOut() {
	b.Button.MouseOut()
	if b.timer != nil {
		b.timer.Stop()
	}
	b.hideTip()
}

// Tapped hides the tip and does the button's job.
func (b *tipButton) Tapped(e *fyne.PointEvent) {
	b.hideTip()
	b.Button.Tapped(e)
}

func (b *tipButton) showTip() {
	cv := fyne.CurrentApp().Driver().CanvasForObject(b)
	if cv == nil || b.Tip == "" {
		return
	}
	if b.popup == nil {
		b.popup = widget.NewPopUp(newTextLabel(b.Tip, b.lang, false), cv)
	}
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(b)
	b.popup.ShowAtPosition(pos.Add(fyne.NewPos(0, b.Size().Height+2)))
}

func (b *tipButton) hideTip() {
	if b.popup != nil {
		b.popup.Hide()
	}
}

// textButton is a button with a typeset label (see labelButton).
func (c *controller) textButton(label string, icon fyne.Resource, tapped func(), imp widget.Importance) fyne.CanvasObject {
	return c.newLabelButton(label, icon, tapped, imp).obj
}
