package ui

import (
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"communique/app/statement"
	"communique/app/ui/textbox"
	"communique/app/ui/widgets"
)

// editor edits a statement in the source language: title, issuing body,
// place, date and the paragraphs. Every keystroke goes to the source
// catalog through the workspace; saving is the controller's job.
type editor struct {
	c       *controller
	content *fyne.Container
	st      *statement.Statement

	title       *textbox.Edit
	body, place *textbox.Edit
	date        *widgets.DateField
	paras       *fyne.Container
	rows        []*paraRow
	scroll      *container.Scroll
	form        fyne.CanvasObject
	empty       fyne.CanvasObject
	loading     bool // fields are being filled from the model
}

// paraRow is one paragraph in the editor.
type paraRow struct {
	id    string
	num   *widgets.Label
	entry *textbox.Edit
	box   *fyne.Container
}

func newEditor(c *controller) *editor {
	e := &editor{c: c}
	e.title = textbox.NewEdit(c.ws.Config.SourceLanguage, c.tx.T("TitlePlaceholder"))
	e.title.OnFocus = c.focusChanged
	e.title.OnChanged = func(s string) {
		if e.loading || e.st == nil {
			return
		}
		c.ws.SetSource(e.st, e.st.TitleID, s)
		c.sourceEdited(e.st.TitleID)
	}
	// The issuing body and place are in the source language, which may
	// be written right to left.
	e.body = textbox.NewEdit(c.ws.Config.SourceLanguage, "")
	e.body.SingleLine, e.body.MinLines = true, 1
	e.body.OnChanged = func(s string) {
		if !e.loading && e.st != nil {
			e.st.IssuingBody = s
			c.metadataEdited()
		}
	}
	e.place = textbox.NewEdit(c.ws.Config.SourceLanguage, "")
	e.place.SingleLine, e.place.MinLines = true, 1
	e.place.OnChanged = func(s string) {
		if !e.loading && e.st != nil {
			e.st.Place = s
			c.metadataEdited()
		}
	}
	e.date = c.kit.NewDateField()
	e.date.OnChanged = func(t *time.Time) {
		if e.loading || e.st == nil {
			return
		}
		if t == nil {
			e.st.Date = time.Time{}
		} else {
			e.st.Date = time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
		}
		c.metadataEdited()
	}
	meta := c.kit.Form(
		widgets.FormItem{Label: c.tx.T("Title"), Field: e.title},
		widgets.FormItem{Label: c.tx.T("IssuingBody"), Field: e.body},
		widgets.FormItem{Label: c.tx.T("Place"), Field: e.place},
		widgets.FormItem{Label: c.tx.T("Date"), Field: e.date.Content},
	)
	e.paras = container.NewVBox()
	add := c.kit.NewLabelButton(c.tx.T("AddParagraph"), theme.ContentAddIcon(), func() { e.insert(len(e.st.Paragraphs)) }, widget.MediumImportance)
	e.scroll = container.NewVScroll(container.NewVBox(meta, widget.NewSeparator(), c.heading(c.tx.T("Paragraphs")), e.paras, c.kit.Leading(add.Obj)))
	e.form = e.scroll
	empty := widgets.NewLabel(c.tx.T("NoStatement"), c.tx.Lang(), true)
	empty.Center = true
	e.empty = container.NewCenter(container.NewGridWrap(fyne.NewSize(360, empty.MinSize().Height), empty))
	e.content = container.NewStack(e.empty)
	return e
}

// show fills the editor with st (nil: nothing to edit).
func (e *editor) show(st *statement.Statement) {
	e.st = st
	if st == nil {
		e.content.Objects = []fyne.CanvasObject{e.empty}
		e.content.Refresh()
		return
	}
	e.loading = true
	defer func() { e.loading = false }()
	ws := e.c.ws
	e.title.Lang = ws.Config.SourceLanguage
	e.title.SetText(ws.Text(ws.Config.SourceLanguage, st.TitleID))
	e.body.Lang, e.place.Lang = e.title.Lang, e.title.Lang
	e.body.SetText(st.IssuingBody)
	e.place.SetText(st.Place)
	if st.Date.IsZero() {
		e.date.SetDate(nil)
	} else {
		d := st.Date
		e.date.SetDate(&d)
	}
	e.rebuildParagraphs()
	if len(e.content.Objects) != 1 || e.content.Objects[0] != e.form {
		e.content.Objects = []fyne.CanvasObject{e.form}
		e.c.refreshIfShown(e.content)
	}
}

// rebuildParagraphs makes one row per paragraph, reusing the rows of
// paragraphs that are still there so focus and cursor survive a move.
func (e *editor) rebuildParagraphs() {
	old := map[string]*paraRow{}
	for _, r := range e.rows {
		old[r.id] = r
	}
	e.rows = e.rows[:0]
	objs := make([]fyne.CanvasObject, 0, len(e.st.Paragraphs))
	for i, id := range e.st.Paragraphs {
		text := e.c.ws.Text(e.c.ws.Config.SourceLanguage, id)
		num := e.c.tx.T("ParagraphNumber", "N", i+1)
		r := old[id]
		if r == nil {
			r = e.newRow(id, num, text)
		} else {
			r.num.SetText(num)
			r.entry.SetText(text)
		}
		e.rows = append(e.rows, r)
		objs = append(objs, r.box)
	}
	e.paras.Objects = objs
	e.c.refreshIfShown(e.paras)
}

// newRow makes the row of a paragraph. Its widgets get their text before
// they are first drawn, so nothing is laid out twice.
func (e *editor) newRow(id, num, text string) *paraRow {
	r := &paraRow{id: id, num: widgets.NewLabel(num, e.c.tx.Lang(), false)}
	r.num.Bold = true
	r.entry = textbox.NewEdit(e.c.ws.Config.SourceLanguage, e.c.tx.T("ParagraphPlaceholder"))
	r.entry.Fill(text)
	r.entry.OnFocus = e.c.focusChanged
	r.entry.OnChanged = func(s string) {
		// A row whose paragraph was deleted may still hold the focus
		// for a moment: its keystrokes must not bring the message back.
		if e.loading || e.st == nil || e.indexOf(r.id) < 0 {
			return
		}
		e.c.ws.SetSource(e.st, r.id, s)
		e.c.sourceEdited(r.id)
	}
	tx := e.c.tx
	do := func(f func(i int)) func() {
		return func() {
			if i := e.indexOf(r.id); i >= 0 {
				f(i)
			}
		}
	}
	btn := func(label string, icon fyne.Resource, f func(i int)) fyne.CanvasObject {
		return e.c.kit.NewLabelButton(label, icon, do(f), widget.LowImportance).Obj
	}
	// Icon-only buttons say what they do when the pointer rests on them.
	tip := func(text string, icon fyne.Resource, f func(i int)) *widgets.TipButton {
		b := e.c.kit.NewTipButton(text, icon, do(f))
		b.Importance = widget.LowImportance
		return b
	}
	tools := container.NewHBox(
		tip(tx.T("MoveUp"), theme.MoveUpIcon(), func(i int) { e.move(i, i-1) }),
		tip(tx.T("MoveDown"), theme.MoveDownIcon(), func(i int) { e.move(i, i+1) }),
		btn(tx.T("Split"), theme.ContentCutIcon(), func(i int) { e.split(i, r.entry) }),
		btn(tx.T("MergeWithNext"), theme.ContentPasteIcon(), e.merge),
		tip(tx.T("InsertParagraphAfter"), theme.ContentAddIcon(), func(i int) { e.insert(i + 1) }),
		layout.NewSpacer(),
		tip(tx.T("DeleteParagraph"), theme.DeleteIcon(), e.confirmDelete),
	)
	if widgets.RightToLeft(tx.Lang()) {
		slices.Reverse(tools.Objects)
	}
	r.box = container.NewBorder(r.num, tools, nil, nil, r.entry)
	return r
}

func (e *editor) indexOf(id string) int {
	for i, p := range e.st.Paragraphs {
		if p == id {
			return i
		}
	}
	return -1
}

func (e *editor) insert(at int) {
	id, err := e.c.ws.InsertParagraph(e.st, at, "")
	if err != nil {
		e.c.showError(err)
		return
	}
	e.c.structureChanged()
	e.focus(id)
}

func (e *editor) move(from, to int) {
	if to < 0 || to >= len(e.st.Paragraphs) {
		return
	}
	if err := e.c.ws.MoveParagraph(e.st, from, to); err != nil {
		e.c.showError(err)
		return
	}
	e.c.structureChanged()
	e.focus(e.st.Paragraphs[to])
}

// split cuts paragraph i at the entry's cursor.
func (e *editor) split(i int, en *textbox.Edit) {
	runes := []rune(en.Text())
	off := en.CursorOffset()
	if off <= 0 || off >= len(runes) || strings.TrimSpace(string(runes[:off])) == "" || strings.TrimSpace(string(runes[off:])) == "" {
		e.c.showInfo(e.c.tx.T("Split"), e.c.tx.T("SplitHowTo"))
		return
	}
	id, err := e.c.ws.SplitParagraph(e.st, i, len(string(runes[:off])))
	if err != nil {
		e.c.showError(err)
		return
	}
	e.c.structureChanged()
	e.focus(id)
}

func (e *editor) merge(i int) {
	if i+1 >= len(e.st.Paragraphs) {
		e.c.showInfo(e.c.tx.T("MergeWithNext"), e.c.tx.T("MergeNoNext"))
		return
	}
	if err := e.c.ws.MergeParagraphs(e.st, i); err != nil {
		e.c.showError(err)
		return
	}
	e.c.structureChanged()
	e.focus(e.st.Paragraphs[i])
}

func (e *editor) confirmDelete(i int) {
	e.c.kit.Confirm(e.c.tx.T("DeleteParagraphTitle", "N", i+1), e.c.dialogText(e.c.tx.T("DeleteParagraphExplain", "N", i+1), e.c.tx.Lang(), 420),
		e.c.tx.T("Delete"), e.c.tx.T("Cancel"), func(ok bool) {
			if ok {
				e.remove(i)
			}
		})
}

// remove deletes paragraph i and puts the focus in the paragraph that
// takes its place (or the one before), never leaving it in the removed
// box, where typing would bring the message back.
func (e *editor) remove(i int) {
	if err := e.c.ws.DeleteParagraph(e.st, i); err != nil {
		e.c.showError(err)
		return
	}
	e.c.structureChanged()
	if n := len(e.st.Paragraphs); n > 0 {
		e.focus(e.st.Paragraphs[min(i, n-1)])
	} else {
		e.c.win.Canvas().Unfocus()
	}
}

// focus puts the keyboard focus in the paragraph with this ID.
func (e *editor) focus(id string) {
	for _, r := range e.rows {
		if r.id == id {
			// The window's canvas, not CanvasForObject: a row made a
			// moment ago has not been drawn and belongs to no canvas yet.
			e.c.win.Canvas().Focus(r.entry)
			r.entry.SetCursor(r.entry.Len())
			e.scroll.ScrollToOffset(fyne.NewPos(0, r.box.Position().Y+e.paras.Position().Y))
			return
		}
	}
}

// row returns the editor row of paragraph i, for tests.
func (e *editor) row(i int) *paraRow { return e.rows[i] }
