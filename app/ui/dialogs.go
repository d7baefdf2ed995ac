package ui

import (
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// modal is a dialog whose title and buttons are drawn by the typesetting
// engine: Fyne's dialogs set their title and buttons with canvas.Text,
// which puts "تصدير البيان seed" in logical order and always on the left.
// Enter calls onConfirm and Escape onCancel while it is shown; both may
// change as the dialog moves on (an export under way takes Escape to
// cancel it).
type modal struct {
	c                   *controller
	pop                 *widget.PopUp
	title               *textLabel
	onConfirm, onCancel func()
	onClosed            func()
	prevKey             func(*fyne.KeyEvent)
	shown               bool
}

// newModal makes a dialog of body under title, with buttons (if any) in
// a row at the bottom, the confirming one last.
func (c *controller) newModal(title string, body fyne.CanvasObject, buttons ...*labelButton) *modal {
	m := &modal{c: c}
	m.title = newTextLabel(title, c.tx.Lang(), true)
	m.title.Bold = true
	var bottom fyne.CanvasObject
	if len(buttons) > 0 {
		bottom = c.buttonRow(buttons...)
	}
	content := container.NewBorder(container.NewVBox(m.title, widget.NewSeparator()), bottom, nil, nil, body)
	m.pop = widget.NewModalPopUp(content, c.win.Canvas())
	return m
}

// notice shows body under title with a Close button; Enter and Escape
// close it too.
func (c *controller) notice(title string, body fyne.CanvasObject) *modal {
	var m *modal
	closeB := c.newLabelButton(c.tx.T("Close"), nil, func() { m.Hide() }, widget.MediumImportance)
	m = c.newModal(title, body, closeB)
	m.onConfirm, m.onCancel = m.Hide, m.Hide
	m.Show()
	return m
}

// confirm asks a question: Enter (or the yes button) answers true, Escape
// (or the no button) false.
func (c *controller) confirm(title string, body fyne.CanvasObject, yes, no string, answered func(bool)) *modal {
	var m *modal
	answer := func(ok bool) func() {
		return func() {
			m.Hide()
			answered(ok)
		}
	}
	m = c.newModal(title, body,
		c.newLabelButton(no, theme.CancelIcon(), answer(false), widget.MediumImportance),
		c.newLabelButton(yes, theme.ConfirmIcon(), answer(true), widget.HighImportance))
	m.onConfirm, m.onCancel = answer(true), answer(false)
	m.Show()
	return m
}

// Show shows the dialog and takes Enter and Escape.
func (m *modal) Show() {
	if m.shown {
		return
	}
	m.shown = true
	cv := m.c.win.Canvas()
	m.prevKey = cv.OnTypedKey()
	cv.SetOnTypedKey(func(k *fyne.KeyEvent) {
		switch {
		case !m.pop.Visible(): // hidden behind our back (tests)
			if m.prevKey != nil {
				m.prevKey(k)
			}
		case (k.Name == fyne.KeyReturn || k.Name == fyne.KeyEnter) && m.onConfirm != nil:
			m.onConfirm()
		case k.Name == fyne.KeyEscape && m.onCancel != nil:
			m.onCancel()
		case m.prevKey != nil:
			m.prevKey(k)
		}
	})
	m.pop.Show()
}

// Hide closes the dialog and gives the keys back to the window.
func (m *modal) Hide() {
	if !m.shown {
		return
	}
	m.shown = false
	m.pop.Hide()
	m.c.win.Canvas().SetOnTypedKey(m.prevKey)
	if m.onClosed != nil {
		m.onClosed()
	}
}

// Resize sets the size of the dialog (not of the shade behind it).
func (m *modal) Resize(s fyne.Size) { m.pop.Resize(s) }

// labelButton is a button whose label is set by the typesetting engine, so
// "تصدير PDF…" reads right; in a right-to-left interface the icon goes to
// the right of the text. The label lies over a text-less button, which
// takes the taps and draws the hover. Put obj in containers.
type labelButton struct {
	*tapButton
	label *textLabel
	inner *fyne.Container // icon and label
	obj   fyne.CanvasObject
}

// tapButton is the text-less button under a labelButton's label; it
// keeps the label's text so that tests (and accessibility tools walking
// the widget tree) can find it by what it says.
type tapButton struct {
	widget.Button
	label string
}

func (c *controller) newLabelButton(label string, icon fyne.Resource, tapped func(), imp widget.Importance) *labelButton {
	b := &labelButton{tapButton: &tapButton{label: label}}
	b.OnTapped = tapped
	b.ExtendBaseWidget(b.tapButton)
	b.Importance = imp
	b.label = newTextLabel(label, c.tx.Lang(), false)
	if imp == widget.HighImportance || imp == widget.DangerImportance {
		b.label.Bold = true
	}
	var parts []fyne.CanvasObject
	if icon != nil {
		parts = append(parts, widget.NewIcon(icon))
	}
	parts = append(parts, b.label)
	if rightToLeft(c.tx.Lang()) {
		slices.Reverse(parts)
	}
	b.inner = container.NewHBox(parts...)
	b.obj = container.NewStack(b.tapButton, container.NewPadded(b.inner))
	return b
}

// centred is the button with its icon and label in the middle, for a
// column of wide buttons.
func (b *labelButton) centred() fyne.CanvasObject {
	return container.NewStack(b.tapButton, container.NewCenter(b.inner))
}

// SetText changes the label.
func (b *labelButton) SetText(s string) {
	b.tapButton.label = s
	b.label.SetText(s)
}

// Disable greys the button and its label.
func (b *labelButton) Disable() {
	b.Button.Disable()
	b.label.Disabled = true
	b.label.Refresh()
}

// Enable undoes Disable.
func (b *labelButton) Enable() {
	b.Button.Enable()
	b.label.Disabled = false
	b.label.Refresh()
}

// buttonRow puts a dialog's buttons at the trailing end, the confirming
// one last: at the right, or mirrored at the left in a right-to-left
// interface.
func (c *controller) buttonRow(buttons ...*labelButton) fyne.CanvasObject {
	objs := []fyne.CanvasObject{layout.NewSpacer()}
	for _, b := range buttons {
		objs = append(objs, b.obj)
	}
	if rightToLeft(c.tx.Lang()) {
		slices.Reverse(objs)
	}
	return container.NewHBox(objs...)
}

// withButton puts a small button after a field (before it, on the left,
// in a right-to-left interface).
func (c *controller) withButton(field, button fyne.CanvasObject) fyne.CanvasObject {
	if rightToLeft(c.tx.Lang()) {
		return container.NewBorder(nil, nil, button, nil, field)
	}
	return container.NewBorder(nil, nil, nil, button, field)
}

// checkLabelled is a check box with a typeset label after it.
func (c *controller) checkLabelled(check *widget.Check, label string) fyne.CanvasObject {
	objs := []fyne.CanvasObject{check, newTextLabel(label, c.tx.Lang(), false)}
	if rightToLeft(c.tx.Lang()) {
		objs = append([]fyne.CanvasObject{layout.NewSpacer()}, objs[1], objs[0])
	}
	return container.NewHBox(objs...)
}

// formField is a labelled field of a form dialog, with an optional hint
// under it.
type formField struct {
	label string
	field fyne.CanvasObject
	hint  string
}

// formModal is a form dialog with a confirming and a Cancel button. Enter
// in an entry (or on the dialog) confirms once every entry's validator
// passes; the first failing one says why under the form. Escape cancels.
func (c *controller) formModal(title, confirmText string, fields []formField, entries []*dialogEntry, submit func()) *modal {
	var m *modal
	problem := newTextLabel("", c.tx.Lang(), true)
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
	items := make([]formItem, len(fields))
	for i, f := range fields {
		items[i] = formItem{f.label, f.field}
		if f.hint != "" {
			hint := newTextLabel(f.hint, c.tx.Lang(), true)
			items[i].field = container.NewVBox(f.field, hint)
		}
	}
	body := container.NewVBox(c.form(items...), problem)
	m = c.newModal(title, body,
		c.newLabelButton(c.tx.T("Cancel"), theme.CancelIcon(), func() { m.Hide() }, widget.MediumImportance),
		c.newLabelButton(confirmText, theme.ConfirmIcon(), try, widget.HighImportance))
	m.onConfirm, m.onCancel = try, m.Hide
	for _, e := range entries {
		e.OnSubmitted = func(string) { try() }
		e.onEscape = m.Hide
	}
	return m
}

// leading puts o at the start of a row: the left, or the right in a
// right-to-left interface.
func (c *controller) leading(o fyne.CanvasObject) fyne.CanvasObject {
	if rightToLeft(c.tx.Lang()) {
		return container.NewHBox(layout.NewSpacer(), o)
	}
	return container.NewHBox(o)
}

// lineEdit is a one-line text box drawn by the typesetting engine, for
// fields that may hold right-to-left text or show a mixed placeholder
// (widget.Entry draws both left to right). lang "" lets the text's first
// strong character give its direction.
func (c *controller) lineEdit(lang, placeholder string) *textEdit {
	e := newTextEdit(lang, placeholder)
	e.SingleLine, e.MinLines = true, 1
	return e
}
