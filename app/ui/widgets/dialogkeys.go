package widgets

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"
)

// DialogKeys makes Enter confirm and Escape cancel a dialog while it is
// shown (Fyne's dialogs take neither). The keys reach the window's canvas
// because a dialog takes the focus away from the widgets behind it.
func (k *Kit) DialogKeys(d dialog.Dialog, confirm, cancel func()) {
	cv := k.Win().Canvas()
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

// DialogEntry is a one-line entry for form dialogs: Enter submits the
// form, Escape cancels it (widget.Entry swallows Escape).
type DialogEntry struct {
	widget.Entry
	OnEscape func()
}

// NewDialogEntry makes an entry; FormKeys or FormModal wire its keys.
func NewDialogEntry() *DialogEntry {
	e := &DialogEntry{}
	e.ExtendBaseWidget(e)
	return e
}

// TypedKey cancels on Escape and otherwise edits.
func (e *DialogEntry) TypedKey(k *fyne.KeyEvent) {
	if k.Name == fyne.KeyEscape && e.OnEscape != nil {
		e.OnEscape()
		return
	}
	e.Entry.TypedKey(k)
}

// FormKeys wires Enter and Escape of a form dialog and its entries.
func (k *Kit) FormKeys(d *dialog.FormDialog, entries ...*DialogEntry) {
	for _, e := range entries {
		e.OnSubmitted = func(string) { d.Submit() }
		e.OnEscape = d.Hide
	}
	k.DialogKeys(d, d.Submit, d.Hide)
}
