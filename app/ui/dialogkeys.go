package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"
)

// dialogKeys makes Enter confirm and Escape cancel a dialog while it is
// shown (Fyne's dialogs take neither). The keys reach the window's canvas
// because a dialog takes the focus away from the widgets behind it.
func (c *controller) dialogKeys(d dialog.Dialog, confirm, cancel func()) {
	cv := c.win.Canvas()
	prev := cv.OnTypedKey()
	cv.SetOnTypedKey(func(k *fyne.KeyEvent) {
		switch k.Name {
		case fyne.KeyReturn, fyne.KeyEnter:
			if confirm != nil {
				confirm()
			}
		case fyne.KeyEscape:
			if cancel != nil {
				cancel()
			}
		default:
			if prev != nil {
				prev(k)
			}
		}
	})
	d.SetOnClosed(func() { cv.SetOnTypedKey(prev) })
}

// dialogEntry is a one-line entry for form dialogs: Enter submits the
// form, Escape cancels it (widget.Entry swallows Escape).
type dialogEntry struct {
	widget.Entry
	onEscape func()
}

func newDialogEntry() *dialogEntry {
	e := &dialogEntry{}
	e.ExtendBaseWidget(e)
	return e
}

// TypedKey cancels on Escape and otherwise edits.
func (e *dialogEntry) TypedKey(k *fyne.KeyEvent) {
	if k.Name == fyne.KeyEscape && e.onEscape != nil {
		e.onEscape()
		return
	}
	e.Entry.TypedKey(k)
}

// formKeys wires Enter and Escape of a form dialog and its entries.
func (c *controller) formKeys(d *dialog.FormDialog, entries ...*dialogEntry) {
	for _, e := range entries {
		e.OnSubmitted = func(string) { d.Submit() }
		e.onEscape = d.Hide
	}
	c.dialogKeys(d, d.Submit, d.Hide)
}
