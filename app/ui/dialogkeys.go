package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
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
