// Package editor is the window's statement editor: a statement's title,
// issuing body, place, date and paragraphs in the source language, with
// the tools that add, move, split, merge and delete paragraphs. Every
// keystroke goes to the source catalog through the workspace; saving, and
// telling the other screens, is the window's job (Host).
package editor

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
	"communique/app/workspace"
	"communique/i18n/uitext"
)

// Host is what the editor needs of the window, and what it tells it.
type Host struct {
	Kit       *widgets.Kit
	Workspace *workspace.Workspace
	// FocusChanged is told when a text box gains or loses the focus.
	FocusChanged func(gained bool)
	// SourceEdited is told after the source text of part id changed;
	// MetadataEdited after the issuing body, place or date; and
	// StructureChanged after paragraphs were added, removed, split,
	// merged or moved (the editor is shown again then).
	SourceEdited     func(id string)
	MetadataEdited   func()
	StructureChanged func()
	// RefreshIfShown redraws a container if it is in the window.
	RefreshIfShown func(fyne.CanvasObject)
}

// Editor edits a statement in the source language. Its fields are its
// boxes, for scripts (COMMUNIQUE_DEMO) and tests to type into.
type Editor struct {
	c       *host
	Content *fyne.Container
	st      *statement.Statement

	Title       *textbox.Edit
	Body, Place *textbox.Edit
	Date        *widgets.DateField
	paras       *fyne.Container
	Rows        []*Row // the paragraphs, in order
	scroll      *container.Scroll
	form        fyne.CanvasObject
	empty       fyne.CanvasObject
	loading     bool // fields are being filled from the model
}

// Row is one paragraph in the editor.
type Row struct {
	ID    string // the paragraph's message ID
	Num   *widgets.Label
	Entry *textbox.Edit
	box   *fyne.Container
}

// New makes the editor of h.Workspace's statements; Show picks one.
func New(h Host) *Editor {
	c := &host{Host: h, tx: h.Kit.Text()}
	e := &Editor{c: c}
	e.Title = textbox.NewEdit(c.Workspace.Config.SourceLanguage, c.tx.T("TitlePlaceholder"))
	e.Title.OnFocus = c.FocusChanged
	e.Title.OnChanged = func(s string) {
		if e.loading || e.st == nil {
			return
		}
		c.Workspace.SetSource(e.st, e.st.TitleID, s)
		c.SourceEdited(e.st.TitleID)
	}
	// The issuing body and place are in the source language, which may
	// be written right to left.
	e.Body = textbox.NewEdit(c.Workspace.Config.SourceLanguage, "")
	e.Body.SingleLine, e.Body.MinLines = true, 1
	e.Body.OnChanged = func(s string) {
		if !e.loading && e.st != nil {
			e.st.IssuingBody = s
			c.MetadataEdited()
		}
	}
	e.Place = textbox.NewEdit(c.Workspace.Config.SourceLanguage, "")
	e.Place.SingleLine, e.Place.MinLines = true, 1
	e.Place.OnChanged = func(s string) {
		if !e.loading && e.st != nil {
			e.st.Place = s
			c.MetadataEdited()
		}
	}
	e.Date = c.Kit.NewDateField()
	e.Date.OnChanged = func(t *time.Time) {
		if e.loading || e.st == nil {
			return
		}
		if t == nil {
			e.st.Date = time.Time{}
		} else {
			e.st.Date = time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
		}
		c.MetadataEdited()
	}
	meta := c.Kit.Form(
		widgets.FormItem{Label: c.tx.T("Title"), Field: e.Title},
		widgets.FormItem{Label: c.tx.T("IssuingBody"), Field: e.Body},
		widgets.FormItem{Label: c.tx.T("Place"), Field: e.Place},
		widgets.FormItem{Label: c.tx.T("Date"), Field: e.Date.Content},
	)
	e.paras = container.NewVBox()
	add := c.Kit.NewLabelButton(c.tx.T("AddParagraph"), theme.ContentAddIcon(), func() { e.Insert(len(e.st.Paragraphs)) }, widget.MediumImportance)
	e.scroll = container.NewVScroll(container.NewVBox(meta, widget.NewSeparator(), c.heading(c.tx.T("Paragraphs")), e.paras, c.Kit.Leading(add.Obj)))
	e.form = e.scroll
	empty := widgets.NewLabel(c.tx.T("NoStatement"), c.tx.Lang(), true)
	empty.Center = true
	e.empty = container.NewCenter(container.NewGridWrap(fyne.NewSize(360, empty.MinSize().Height), empty))
	e.Content = container.NewStack(e.empty)
	return e
}

// Show fills the editor with st (nil: nothing to edit).
func (e *Editor) Show(st *statement.Statement) {
	e.st = st
	if st == nil {
		e.Content.Objects = []fyne.CanvasObject{e.empty}
		e.Content.Refresh()
		return
	}
	e.loading = true
	defer func() { e.loading = false }()
	ws := e.c.Workspace
	e.Title.Lang = ws.Config.SourceLanguage
	e.Title.SetText(ws.Text(ws.Config.SourceLanguage, st.TitleID))
	e.Body.Lang, e.Place.Lang = e.Title.Lang, e.Title.Lang
	e.Body.SetText(st.IssuingBody)
	e.Place.SetText(st.Place)
	if st.Date.IsZero() {
		e.Date.SetDate(nil)
	} else {
		d := st.Date
		e.Date.SetDate(&d)
	}
	e.rebuildParagraphs()
	if len(e.Content.Objects) != 1 || e.Content.Objects[0] != e.form {
		e.Content.Objects = []fyne.CanvasObject{e.form}
		e.c.RefreshIfShown(e.Content)
	}
}

// rebuildParagraphs makes one row per paragraph, reusing the rows of
// paragraphs that are still there so focus and cursor survive a move.
func (e *Editor) rebuildParagraphs() {
	old := map[string]*Row{}
	for _, r := range e.Rows {
		old[r.ID] = r
	}
	e.Rows = e.Rows[:0]
	objs := make([]fyne.CanvasObject, 0, len(e.st.Paragraphs))
	for i, id := range e.st.Paragraphs {
		text := e.c.Workspace.Text(e.c.Workspace.Config.SourceLanguage, id)
		num := e.c.tx.T("ParagraphNumber", "N", i+1)
		r := old[id]
		if r == nil {
			r = e.newRow(id, num, text)
		} else {
			r.Num.SetText(num)
			r.Entry.SetText(text)
		}
		e.Rows = append(e.Rows, r)
		objs = append(objs, r.box)
	}
	e.paras.Objects = objs
	e.c.RefreshIfShown(e.paras)
}

// newRow makes the row of a paragraph. Its widgets get their text before
// they are first drawn, so nothing is laid out twice.
func (e *Editor) newRow(id, num, text string) *Row {
	r := &Row{ID: id, Num: widgets.NewLabel(num, e.c.tx.Lang(), false)}
	r.Num.Bold = true
	r.Entry = textbox.NewEdit(e.c.Workspace.Config.SourceLanguage, e.c.tx.T("ParagraphPlaceholder"))
	r.Entry.Fill(text)
	r.Entry.OnFocus = e.c.FocusChanged
	r.Entry.OnChanged = func(s string) {
		// A row whose paragraph was deleted may still hold the focus
		// for a moment: its keystrokes must not bring the message back.
		if e.loading || e.st == nil || e.indexOf(r.ID) < 0 {
			return
		}
		e.c.Workspace.SetSource(e.st, r.ID, s)
		e.c.SourceEdited(r.ID)
	}
	tx := e.c.tx
	do := func(f func(i int)) func() {
		return func() {
			if i := e.indexOf(r.ID); i >= 0 {
				f(i)
			}
		}
	}
	btn := func(label string, icon fyne.Resource, f func(i int)) fyne.CanvasObject {
		return e.c.Kit.NewLabelButton(label, icon, do(f), widget.LowImportance).Obj
	}
	// Icon-only buttons say what they do when the pointer rests on them.
	tip := func(text string, icon fyne.Resource, f func(i int)) *widgets.TipButton {
		b := e.c.Kit.NewTipButton(text, icon, do(f))
		b.Importance = widget.LowImportance
		return b
	}
	tools := container.NewHBox(
		tip(tx.T("MoveUp"), theme.MoveUpIcon(), func(i int) { e.Move(i, i-1) }),
		tip(tx.T("MoveDown"), theme.MoveDownIcon(), func(i int) { e.Move(i, i+1) }),
		btn(tx.T("Split"), theme.ContentCutIcon(), func(i int) { e.Split(i, r.Entry) }),
		btn(tx.T("MergeWithNext"), theme.ContentPasteIcon(), e.Merge),
		tip(tx.T("InsertParagraphAfter"), theme.ContentAddIcon(), func(i int) { e.Insert(i + 1) }),
		layout.NewSpacer(),
		tip(tx.T("DeleteParagraph"), theme.DeleteIcon(), e.ConfirmDelete),
	)
	if widgets.RightToLeft(tx.Lang()) {
		slices.Reverse(tools.Objects)
	}
	r.box = container.NewBorder(r.Num, tools, nil, nil, r.Entry)
	return r
}

func (e *Editor) indexOf(id string) int {
	for i, p := range e.st.Paragraphs {
		if p == id {
			return i
		}
	}
	return -1
}

// Insert adds an empty paragraph at position at and puts the cursor in it.
func (e *Editor) Insert(at int) {
	id, err := e.c.Workspace.InsertParagraph(e.st, at, "")
	if err != nil {
		e.c.showError(err)
		return
	}
	e.c.StructureChanged()
	e.focus(id)
}

// Move moves paragraph from to position to.
func (e *Editor) Move(from, to int) {
	if to < 0 || to >= len(e.st.Paragraphs) {
		return
	}
	if err := e.c.Workspace.MoveParagraph(e.st, from, to); err != nil {
		e.c.showError(err)
		return
	}
	e.c.StructureChanged()
	e.focus(e.st.Paragraphs[to])
}

// Split cuts paragraph i at the entry's cursor.
func (e *Editor) Split(i int, en *textbox.Edit) {
	runes := []rune(en.Text())
	off := en.CursorOffset()
	if off <= 0 || off >= len(runes) || strings.TrimSpace(string(runes[:off])) == "" || strings.TrimSpace(string(runes[off:])) == "" {
		e.c.showInfo(e.c.tx.T("Split"), e.c.tx.T("SplitHowTo"))
		return
	}
	id, err := e.c.Workspace.SplitParagraph(e.st, i, len(string(runes[:off])))
	if err != nil {
		e.c.showError(err)
		return
	}
	e.c.StructureChanged()
	e.focus(id)
}

// Merge joins paragraph i and the next.
func (e *Editor) Merge(i int) {
	if i+1 >= len(e.st.Paragraphs) {
		e.c.showInfo(e.c.tx.T("MergeWithNext"), e.c.tx.T("MergeNoNext"))
		return
	}
	if err := e.c.Workspace.MergeParagraphs(e.st, i); err != nil {
		e.c.showError(err)
		return
	}
	e.c.StructureChanged()
	e.focus(e.st.Paragraphs[i])
}

// ConfirmDelete asks, then deletes paragraph i.
func (e *Editor) ConfirmDelete(i int) {
	e.c.Kit.Confirm(e.c.tx.T("DeleteParagraphTitle", "N", i+1), e.c.dialogText(e.c.tx.T("DeleteParagraphExplain", "N", i+1), e.c.tx.Lang(), 420),
		e.c.tx.T("Delete"), e.c.tx.T("Cancel"), func(ok bool) {
			if ok {
				e.Remove(i)
			}
		})
}

// Remove deletes paragraph i and puts the focus in the paragraph that
// takes its place (or the one before), never leaving it in the removed
// box, where typing would bring the message back.
func (e *Editor) Remove(i int) {
	if err := e.c.Workspace.DeleteParagraph(e.st, i); err != nil {
		e.c.showError(err)
		return
	}
	e.c.StructureChanged()
	if n := len(e.st.Paragraphs); n > 0 {
		e.focus(e.st.Paragraphs[min(i, n-1)])
	} else {
		e.c.Kit.Win().Canvas().Unfocus()
	}
}

// focus puts the keyboard focus in the paragraph with this ID.
func (e *Editor) focus(id string) {
	for _, r := range e.Rows {
		if r.ID == id {
			// The window's canvas, not CanvasForObject: a row made a
			// moment ago has not been drawn and belongs to no canvas yet.
			e.c.Kit.Win().Canvas().Focus(r.Entry)
			r.Entry.SetCursor(r.Entry.Len())
			e.scroll.ScrollToOffset(fyne.NewPos(0, r.box.Position().Y+e.paras.Position().Y))
			return
		}
	}
}

// host is the Host with the helpers the editor shares with the window.
type host struct {
	Host
	tx *uitext.Text
}

func (c *host) showError(err error)                { c.Kit.Error(err) }
func (c *host) showInfo(title, text string)        { c.Kit.Info(title, text) }
func (c *host) heading(text string) *widgets.Label { return c.Kit.Heading(text) }
func (c *host) dialogText(text, lang string, width float32) fyne.CanvasObject {
	return c.Kit.DialogText(text, lang, width)
}
