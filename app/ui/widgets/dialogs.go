package widgets

import (
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"communique/app/ui/textbox"
)

// Modal is a dialog whose title and buttons are drawn by the typesetting
// engine: Fyne's dialogs set their title and buttons with canvas.Text,
// which puts "تصدير البيان seed" in logical order and always on the left.
// Enter calls OnConfirm and Escape OnCancel while it is shown; both may
// change as the dialog moves on (an export under way takes Escape to
// cancel it).
type Modal struct {
	k                   *Kit
	pop                 *widget.PopUp
	title               *Label
	OnConfirm, OnCancel func()
	OnClosed            func()
	prevKey             func(*fyne.KeyEvent)
	shown               bool
}

// NewModal makes a dialog of body under title, with buttons (if any) in
// a row at the bottom, the confirming one last.
func (k *Kit) NewModal(title string, body fyne.CanvasObject, buttons ...*LabelButton) *Modal {
	m := &Modal{k: k}
	m.title = NewLabel(title, k.Lang(), true)
	m.title.Bold = true
	var bottom fyne.CanvasObject
	if len(buttons) > 0 {
		bottom = k.ButtonRow(buttons...)
	}
	content := container.NewBorder(container.NewVBox(m.title, widget.NewSeparator()), bottom, nil, nil, body)
	m.pop = widget.NewModalPopUp(content, k.Win().Canvas())
	return m
}

// Notice shows body under title with a Close button; Enter and Escape
// close it too.
func (k *Kit) Notice(title string, body fyne.CanvasObject) *Modal {
	var m *Modal
	closeB := k.NewLabelButton(k.Text().T("Close"), nil, func() { m.Hide() }, widget.MediumImportance)
	m = k.NewModal(title, body, closeB)
	m.OnConfirm, m.OnCancel = m.Hide, m.Hide
	m.Show()
	return m
}

// Confirm asks a question: Enter (or the yes button) answers true, Escape
// (or the no button) false.
func (k *Kit) Confirm(title string, body fyne.CanvasObject, yes, no string, answered func(bool)) *Modal {
	var m *Modal
	answer := func(ok bool) func() {
		return func() {
			m.Hide()
			answered(ok)
		}
	}
	m = k.NewModal(title, body,
		k.NewLabelButton(no, theme.CancelIcon(), answer(false), widget.MediumImportance),
		k.NewLabelButton(yes, theme.ConfirmIcon(), answer(true), widget.HighImportance))
	m.OnConfirm, m.OnCancel = answer(true), answer(false)
	m.Show()
	return m
}

// Show shows the dialog and takes Enter and Escape.
func (m *Modal) Show() {
	if m.shown {
		return
	}
	m.shown = true
	cv := m.k.Win().Canvas()
	m.prevKey = cv.OnTypedKey()
	cv.SetOnTypedKey(func(k *fyne.KeyEvent) {
		switch {
		case !m.pop.Visible(): // hidden behind our back (tests)
			if m.prevKey != nil {
				m.prevKey(k)
			}
		case (k.Name == fyne.KeyReturn || k.Name == fyne.KeyEnter) && m.OnConfirm != nil:
			m.OnConfirm()
		case k.Name == fyne.KeyEscape && m.OnCancel != nil:
			m.OnCancel()
		case m.prevKey != nil:
			m.prevKey(k)
		}
	})
	m.pop.Show()
}

// Hide closes the dialog and gives the keys back to the window.
func (m *Modal) Hide() {
	if !m.shown {
		return
	}
	m.shown = false
	m.pop.Hide()
	m.k.Win().Canvas().SetOnTypedKey(m.prevKey)
	if m.OnClosed != nil {
		m.OnClosed()
	}
}

// Content is what the dialog shows: title, body and buttons.
func (m *Modal) Content() fyne.CanvasObject { return m.pop.Content }

// Resize sets the size of the dialog (not of the shade behind it).
func (m *Modal) Resize(s fyne.Size) { m.pop.Resize(s) }

// LabelButton is a button whose label is set by the typesetting engine, so
// "تصدير PDF…" reads right; in a right-to-left interface the icon goes to
// the right of the text. The label lies over a text-less button, which
// takes the taps and draws the hover. Put Obj in containers.
type LabelButton struct {
	*TapButton
	Label *Label
	inner *fyne.Container // icon and label
	Obj   fyne.CanvasObject
}

// TapButton is the text-less button under a LabelButton's label; it
// keeps the label's text so that tests (and accessibility tools walking
// the widget tree) can find it by what it says.
type TapButton struct {
	widget.Button
	label string
}

// Caption is the text of the label over the button.
func (b *TapButton) Caption() string { return b.label }

// NewLabelButton makes a button labelled in the interface language,
// bold when it is the important one.
func (k *Kit) NewLabelButton(label string, icon fyne.Resource, tapped func(), imp widget.Importance) *LabelButton {
	b := &LabelButton{TapButton: &TapButton{label: label}}
	b.OnTapped = tapped
	b.ExtendBaseWidget(b.TapButton)
	b.Importance = imp
	b.Label = NewLabel(label, k.Lang(), false)
	if imp == widget.HighImportance || imp == widget.DangerImportance {
		b.Label.Bold = true
	}
	var parts []fyne.CanvasObject
	if icon != nil {
		parts = append(parts, widget.NewIcon(icon))
	}
	parts = append(parts, b.Label)
	if k.RTL() {
		slices.Reverse(parts)
	}
	b.inner = container.NewHBox(parts...)
	b.Obj = container.NewStack(b.TapButton, container.NewPadded(b.inner))
	return b
}

// Centred is the button with its icon and label in the middle, for a
// column of wide buttons.
func (b *LabelButton) Centred() fyne.CanvasObject {
	return container.NewStack(b.TapButton, container.NewCenter(b.inner))
}

// SetText changes the label.
func (b *LabelButton) SetText(s string) {
	b.TapButton.label = s
	b.Label.SetText(s)
}

// Disable greys the button and its label.
func (b *LabelButton) Disable() {
	b.Button.Disable()
	b.Label.Disabled = true
	b.Label.Refresh()
}

// Enable undoes Disable.
func (b *LabelButton) Enable() {
	b.Button.Enable()
	b.Label.Disabled = false
	b.Label.Refresh()
}

// ButtonRow puts a dialog's buttons at the trailing end, the confirming
// one last: at the right, or mirrored at the left in a right-to-left
// interface.
func (k *Kit) ButtonRow(buttons ...*LabelButton) fyne.CanvasObject {
	objs := []fyne.CanvasObject{layout.NewSpacer()}
	for _, b := range buttons {
		objs = append(objs, b.Obj)
	}
	if k.RTL() {
		slices.Reverse(objs)
	}
	return container.NewHBox(objs...)
}

// WithButton puts a small button after a field (before it, on the left,
// in a right-to-left interface).
func (k *Kit) WithButton(field, button fyne.CanvasObject) fyne.CanvasObject {
	if k.RTL() {
		return container.NewBorder(nil, nil, button, nil, field)
	}
	return container.NewBorder(nil, nil, nil, button, field)
}

// CheckLabelled is a check box with a typeset label after it.
func (k *Kit) CheckLabelled(check *widget.Check, label string) fyne.CanvasObject {
	objs := []fyne.CanvasObject{check, NewLabel(label, k.Lang(), false)}
	if k.RTL() {
		objs = append([]fyne.CanvasObject{layout.NewSpacer()}, objs[1], objs[0])
	}
	return container.NewHBox(objs...)
}

// FormField is a labelled field of a form dialog, with an optional hint
// under it.
type FormField struct {
	Label string
	Field fyne.CanvasObject
	Hint  string
}

// FormModal is a form dialog with a confirming and a Cancel button. Enter
// in an entry (or on the dialog) confirms once every entry's validator
// passes; the first failing one says why under the form. Escape cancels.
func (k *Kit) FormModal(title, confirmText string, fields []FormField, entries []*DialogEntry, submit func()) *Modal {
	var m *Modal
	problem := NewLabel("", k.Lang(), true)
	problem.Importance = widget.DangerImportance
	problem.Hide()
	try := func() {
		for _, e := range entries {
			if e.Validator == nil {
				continue
			}
			if err := e.Validator(e.Text); err != nil {
				problem.SetText(err.Error())
				problem.Show()
				return
			}
		}
		m.Hide()
		submit()
	}
	items := make([]FormItem, len(fields))
	for i, f := range fields {
		items[i] = FormItem{f.Label, f.Field}
		if f.Hint != "" {
			hint := NewLabel(f.Hint, k.Lang(), true)
			items[i].Field = container.NewVBox(f.Field, hint)
		}
	}
	body := container.NewVBox(k.Form(items...), problem)
	m = k.NewModal(title, body,
		k.NewLabelButton(k.Text().T("Cancel"), theme.CancelIcon(), func() { m.Hide() }, widget.MediumImportance),
		k.NewLabelButton(confirmText, theme.ConfirmIcon(), try, widget.HighImportance))
	m.OnConfirm, m.OnCancel = try, m.Hide
	for _, e := range entries {
		e.OnSubmitted = func(string) { try() }
		e.OnEscape = m.Hide
	}
	return m
}

// Leading puts o at the start of a row: the left, or the right in a
// right-to-left interface.
func (k *Kit) Leading(o fyne.CanvasObject) fyne.CanvasObject {
	if k.RTL() {
		return container.NewHBox(layout.NewSpacer(), o)
	}
	return container.NewHBox(o)
}

// LineEdit is a one-line text box drawn by the typesetting engine, for
// fields that may hold right-to-left text or show a mixed placeholder
// (widget.Entry draws both left to right). lang "" lets the text's first
// strong character give its direction.
func (k *Kit) LineEdit(lang, placeholder string) *textbox.Edit {
	e := textbox.NewEdit(lang, placeholder)
	e.SingleLine, e.MinLines = true, 1
	return e
}
