package widgets

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
)

// Heading is a bold label in the interface language, aligned to its
// start (the right in Arabic).
func (k *Kit) Heading(text string) *Label {
	l := NewLabel(text, k.Lang(), false)
	l.Bold = true
	return l
}

// DialogText is a dialog's message, set by the typesetting engine (it may
// quote a path, a name or an error in another script than the interface's)
// and as tall as its lines at width, scrolling beyond a screenful. lang
// gives its direction; "" lets its first strong character decide.
func (k *Kit) DialogText(text, lang string, width float32) fyne.CanvasObject {
	l := NewLabel(text, lang, true)
	l.Resize(fyne.NewSize(width, 0))
	h := l.MinSize().Height
	if h > maxDialogText {
		return container.NewGridWrap(fyne.NewSize(width, maxDialogText), container.NewVScroll(l))
	}
	return container.NewGridWrap(fyne.NewSize(width, h), l)
}

// maxDialogText is the tallest a dialog's message grows before it scrolls.
const maxDialogText = 360

// Info shows a message in the interface language with a Close button.
func (k *Kit) Info(title, text string) {
	k.Notice(title, k.DialogText(text, k.Lang(), 420))
}

// Error shows an error, which may be ours (translated) or the system's
// (English, with paths): its first strong character gives its direction.
func (k *Kit) Error(err error) {
	k.Notice(k.Text().T("ErrorTitle"), k.DialogText(err.Error(), "", 480))
}
