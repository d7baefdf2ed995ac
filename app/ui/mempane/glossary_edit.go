package mempane

import (
	"errors"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"communique/app/safefile"
	"communique/app/ui/langname"
	"communique/app/ui/textbox"
	"communique/app/ui/widgets"
	"communique/app/workspace"
	"communique/i18n/glossary"
	"communique/i18n/uitext"
)

// glossaryEditor lists the workspace's glossary terms and adds, edits and
// deletes them. Each change is saved at once to glossary.toml (under the
// workspace's lock, refused if the file changed on disk since it was read:
// the editor then shows the file as it is now).
type glossaryEditor struct {
	pane *Pane
	kit  *widgets.Kit
	tx   *uitext.Text
	ws   *workspace.Workspace
	lang string // the workbench's target language
	list *fyne.Container
}

// EditGlossary opens the glossary editor.
func (p *Pane) EditGlossary() {
	if _, err := p.Glossary(); err != nil {
		p.kit.Error(err)
		return
	}
	ed := p.glossaryEditor()
	ed.fill()
	add := ed.kit.TextButton(ed.tx.T("GlossaryAddTerm"), theme.ContentAddIcon(), func() { ed.editTerm(-1) }, widget.HighImportance)
	content := container.NewBorder(ed.kit.Leading(add), nil, nil, nil, container.NewVScroll(ed.list))
	// Our own dialog, not Fyne's: its title and buttons are typeset and
	// mirrored in a right-to-left interface.
	d := ed.kit.Notice(ed.tx.T("GlossaryTitle"), content)
	d.Resize(fyne.NewSize(640, 460))
}

func (p *Pane) glossaryEditor() *glossaryEditor {
	return &glossaryEditor{pane: p, kit: p.kit, tx: p.h.Text(), ws: p.h.Workspace(), lang: p.h.TargetLang(), list: container.NewVBox()}
}

// fill shows one line per term: the source term, its translation into
// the workbench's language, and the edit and delete buttons.
func (ed *glossaryEditor) fill() {
	var rows []fyne.CanvasObject
	for i, t := range ed.gl().Terms {
		src := widgets.NewLabel(t.Source, ed.ws.Config.SourceLanguage, false)
		src.Bold = true
		tgt := widgets.NewLabel(t.Approved[ed.lang], ed.lang, false)
		edit := ed.kit.NewTipButton(ed.tx.T("GlossaryEditTerm"), theme.DocumentCreateIcon(), func() { ed.editTerm(i) })
		del := ed.kit.NewTipButton(ed.tx.T("GlossaryDeleteTerm"), theme.DeleteIcon(), func() { ed.deleteTerm(i) })
		objs := []fyne.CanvasObject{src, tgt, layout.NewSpacer(), edit, del}
		if widgets.RightToLeft(ed.tx.Lang()) {
			slices.Reverse(objs)
		}
		rows = append(rows, container.NewHBox(objs...))
	}
	if len(rows) == 0 {
		rows = append(rows, widgets.NewLabel(ed.tx.T("GlossaryEmpty"), ed.tx.Lang(), true))
	}
	ed.list.Objects = rows
	ed.list.Refresh()
}

// termForm holds the fields of one term being edited.
type termForm struct {
	source, note        *textbox.Edit
	approved, forbidden map[string]*textbox.Edit // by target language
}

// editTerm edits term i, or adds one when i < 0.
func (ed *glossaryEditor) editTerm(i int) {
	var t glossary.Term
	if i >= 0 {
		t = ed.gl().Terms[i]
	}
	f, rows := ed.termFields(t)
	title := ed.tx.T("GlossaryAddTerm")
	if i >= 0 {
		title = ed.tx.T("GlossaryEditTerm")
	}
	// Our own rows rather than a widget.Form: its labels cannot set
	// "المعتمد (fr · français)" in the right order.
	var d *widgets.Modal
	save := func() {
		nt := f.term()
		if err := nt.Validate(); err != nil {
			ed.kit.Error(err)
			return
		}
		d.Hide()
		ed.save(func(terms []glossary.Term) []glossary.Term {
			if i < 0 {
				return append(terms, nt)
			}
			terms[i] = nt
			return terms
		})
	}
	d = ed.kit.NewModal(title, container.NewVBox(rows...),
		ed.kit.NewLabelButton(ed.tx.T("Cancel"), theme.CancelIcon(), func() { d.Hide() }, widget.MediumImportance),
		ed.kit.NewLabelButton(ed.tx.T("Save"), theme.ConfirmIcon(), save, widget.HighImportance))
	d.OnCancel = d.Hide // Enter belongs to the text fields
	d.Show()
	d.Resize(fyne.NewSize(560, d.Content().MinSize().Height))
	ed.kit.Win().Canvas().Focus(f.source)
}

// termFields makes the form's rows for t: its source and note, and for
// each target language its approved translation and forbidden renderings
// (one per line), each field set in its language's direction.
func (ed *glossaryEditor) termFields(t glossary.Term) (*termForm, []fyne.CanvasObject) {
	f := &termForm{approved: map[string]*textbox.Edit{}, forbidden: map[string]*textbox.Edit{}}
	f.source = textbox.NewEdit(ed.ws.Config.SourceLanguage, "Daesh")
	f.source.SingleLine, f.source.MinLines = true, 1
	f.source.SetText(t.Source)
	f.note = textbox.NewEdit("", ed.tx.T("GlossaryNotePlaceholder"))
	f.note.SetText(t.Note)
	rows := []fyne.CanvasObject{
		ed.row(ed.tx.T("GlossarySource"), f.source),
		ed.row(ed.tx.T("GlossaryNote"), f.note),
	}
	for _, lang := range ed.ws.Languages()[1:] {
		ok := textbox.NewEdit(lang, "")
		ok.SingleLine, ok.MinLines = true, 1
		ok.SetText(t.Approved[lang])
		bad := textbox.NewEdit(lang, ed.tx.T("GlossaryForbiddenPlaceholder"))
		bad.SetText(strings.Join(t.Forbidden[lang], "\n"))
		f.approved[lang], f.forbidden[lang] = ok, bad
		name := widgets.IsolateLTR(langname.Of(lang))
		rows = append(rows,
			ed.row(ed.tx.T("GlossaryApprovedIn", "Language", name), ok),
			ed.row(ed.tx.T("GlossaryForbiddenIn", "Language", name), bad))
	}
	return f, rows
}

// row is a labelled field of the term form, the label on the reading side
// and as wide as the widest label, so the fields line up.
func (ed *glossaryEditor) row(label string, field fyne.CanvasObject) fyne.CanvasObject {
	l := widgets.NewLabel(label, ed.tx.Lang(), false)
	l.Bold = true
	box := container.New(layout.NewGridWrapLayout(fyne.NewSize(190, l.MinSize().Height)), l)
	if widgets.RightToLeft(ed.tx.Lang()) {
		return container.NewBorder(nil, nil, nil, box, field)
	}
	return container.NewBorder(nil, nil, box, nil, field)
}

// term is what the form holds. Languages of the term that the workspace
// no longer translates into are not in the form and are dropped.
func (f *termForm) term() glossary.Term {
	t := glossary.Term{Source: strings.TrimSpace(f.source.Text()), Note: strings.TrimSpace(f.note.Text()),
		Approved: map[string]string{}, Forbidden: map[string][]string{}}
	for lang, e := range f.approved {
		if s := strings.TrimSpace(e.Text()); s != "" {
			t.Approved[lang] = s
		}
	}
	for lang, e := range f.forbidden {
		for _, l := range strings.Split(e.Text(), "\n") {
			if l = strings.TrimSpace(l); l != "" {
				t.Forbidden[lang] = append(t.Forbidden[lang], l)
			}
		}
	}
	return t
}

// deleteTerm asks, then deletes term i.
func (ed *glossaryEditor) deleteTerm(i int) {
	src := ed.gl().Terms[i].Source
	ask := ed.kit.DialogText(ed.tx.T("GlossaryDeleteAsk", "Term", src), ed.tx.Lang(), 420)
	ed.kit.Confirm(ed.tx.T("GlossaryDeleteTerm"), ask, ed.tx.T("Delete"), ed.tx.T("Cancel"), func(ok bool) {
		if ok {
			ed.save(func(terms []glossary.Term) []glossary.Term { return slices.Delete(terms, i, i+1) })
		}
	})
}

// save applies change to a copy of the glossary and writes it. Whether it
// worked or the file had changed on disk, the glossary is then read again,
// so the editor, the pane and the QA show what the file holds.
func (ed *glossaryEditor) save(change func([]glossary.Term) []glossary.Term) {
	p := ed.pane
	g := *ed.gl()
	g.Terms = change(slices.Clone(ed.gl().Terms))
	err := ed.ws.SaveGlossary(&g)
	if err != nil {
		ed.kit.Error(err)
		if !errors.As(err, new(*safefile.ConflictError)) {
			return
		}
	}
	fresh, rerr := ed.ws.Glossary()
	if rerr != nil {
		ed.kit.Error(rerr)
		return
	}
	p.SetGlossary(fresh)
	ed.fill()
}

// gl is the glossary being edited (read without error: the editor does
// not open otherwise).
func (ed *glossaryEditor) gl() *glossary.Glossary {
	g, _ := ed.pane.Glossary()
	return g
}
