package ui

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"communique/app/statement"
	"communique/app/ui/mempane"
	"communique/app/ui/textbox"
	"communique/app/ui/widgets"
	"communique/app/workspace"
	"communique/i18n/catalog"
	"communique/i18n/worddiff"
)

// filter values of the workbench's status filter.
const (
	filterAll = iota
	filterMissing
	filterReview
	filterTranslated
	filterQA
)

// workbench is where a translator works: each part of the statement with
// its source and translation side by side, its status and QA problems, and
// for a stale translation what changed in the source.
type workbench struct {
	c       *controller
	content fyne.CanvasObject
	st      *statement.Statement
	lang    string

	langSel  *widgets.Picker
	langs    []string
	filter   *widgets.Picker
	filters  []string
	search   *textbox.Edit
	progress *widgets.Progress
	counts   *widgets.Label
	list     *fyne.Container
	scroll   *container.Scroll
	none     *widget.Label
	rows     map[string]*benchRow
	order    []string        // part IDs in reading order
	onScreen bool            // the Translations tab is selected
	stale    bool            // rows not built for the current statement or language
	pending  map[string]bool // rows to update when the workbench is shown
	pane     *mempane.Pane   // matches and glossary terms for the focused part
}

// benchRow is one part of the statement in the workbench.
type benchRow struct {
	b       *workbench
	id      string
	box     *fyne.Container
	head    *widgets.Label
	state   *widgets.Label
	source  *widgets.Label
	forms   []*formEntry
	was     *widget.RichText
	now     *widget.RichText
	diffBox *fyne.Container
	qa      *widgets.Label
	review  *widget.Button
	loading bool
}

// formEntry edits one plural form of a translation ("other" for the
// ordinary, non-plural message).
type formEntry struct {
	form  string
	entry *textbox.Edit
}

func newWorkbench(c *controller) *workbench {
	b := &workbench{c: c, rows: map[string]*benchRow{}, pending: map[string]bool{}}
	b.langSel = c.kit.NewPicker(nil)
	b.refreshLanguages()
	b.langSel.OnChanged = func(s string) {
		for i, l := range b.langs {
			if languageName(l) == s && l != b.lang {
				c.setLanguage(b.langs[i])
			}
		}
	}
	b.filters = []string{c.tx.T("FilterAll"), c.tx.T("FilterMissing"), c.tx.T("FilterNeedsReview"), c.tx.T("FilterTranslated"), c.tx.T("FilterQA")}
	// The filter and the search are drawn by the typesetting engine, like
	// the text they find: a search for Arabic with digits reads as typed.
	b.filter = c.kit.NewPicker(func(string) { b.applyFilter() })
	b.filter.SetOptions(b.filters)
	b.filter.SetSelectedIndex(filterAll)
	b.search = textbox.NewEdit("", c.tx.T("SearchPlaceholder"))
	b.search.SingleLine, b.search.MinLines = true, 1
	b.search.OnChanged = func(string) { b.applyFilter() }
	search := container.NewBorder(nil, nil, nil, widget.NewIcon(theme.SearchIcon()), b.search)
	filterAndSearch := container.NewGridWithColumns(2, b.filter.Content, search)
	if widgets.RightToLeft(c.tx.Lang()) {
		search = container.NewBorder(nil, nil, widget.NewIcon(theme.SearchIcon()), nil, b.search)
		filterAndSearch = container.NewGridWithColumns(2, search, b.filter.Content)
	}
	b.progress = c.kit.NewProgress()
	b.counts = widgets.NewLabel("", c.tx.Lang(), true)
	b.none = widget.NewLabelWithStyle(c.tx.T("NothingMatches"), fyne.TextAlignCenter, fyne.TextStyle{Italic: true})
	b.none.Hide()
	b.list = container.NewVBox()

	top := container.NewVBox(
		c.kit.Labelled(widgets.NewLabel(c.tx.T("Language"), c.tx.Lang(), false), b.langSel.Content),
		filterAndSearch,
		b.progress, b.counts,
	)
	b.scroll = container.NewVScroll(container.NewVBox(b.none, b.list))
	b.pane = mempane.New(paneHost{b}, b.c.kit)
	split := container.NewHSplit(b.scroll, b.pane.Content)
	split.Offset = 0.6
	if widgets.RightToLeft(c.tx.Lang()) {
		// Mirrored: the pane on the left, the parts read from the right.
		split = container.NewHSplit(b.pane.Content, b.scroll)
		split.Offset = 0.4
	}
	b.content = container.NewBorder(top, nil, nil, nil, split)
	b.lang = c.lang
	b.selectLang()
	return b
}

// refreshLanguages fills the language choice with the workspace's target
// languages.
func (b *workbench) refreshLanguages() {
	b.langs = b.c.ws.Languages()[1:]
	names := make([]string, len(b.langs))
	for i, l := range b.langs {
		names[i] = languageName(l)
	}
	b.langSel.SetOptions(names)
	b.selectLang()
}

func (b *workbench) selectLang() {
	if b.lang != "" {
		b.langSel.SetSelected(languageName(b.lang))
	}
}

func (b *workbench) setLanguage(lang string) {
	if lang == b.lang {
		return
	}
	b.lang = lang
	b.selectLang()
	b.show(b.st)
}

// show builds the rows of st in the current language. While the
// workbench is not on screen, building waits until it is (see visible).
func (b *workbench) show(st *statement.Statement) {
	b.st = st
	if !b.onScreen {
		b.stale = true
		return
	}
	b.stale = false
	clear(b.pending)
	clear(b.rows)
	b.pane.Reload()
	b.order = b.order[:0]
	var objs []fyne.CanvasObject
	if b.lang != "" && b.c.ws.Catalogs[b.lang] != nil {
		for _, it := range b.items(st) {
			r := b.newRow(it)
			b.rows[it.id] = r
			b.order = append(b.order, it.id)
			r.fill(false)
			objs = append(objs, r.box)
		}
	}
	b.list.Objects = objs
	b.c.refreshIfShown(b.list)
	b.updateProgress()
	b.applyFilter()
}

// partChanged updates the row of one part after its source or
// translation changed.
func (b *workbench) partChanged(id string) {
	if b.stale {
		return
	}
	if !b.onScreen {
		// Typing in the editor changes the source under a hidden
		// workbench: bring the row up to date when it is shown.
		b.pending[id] = true
		return
	}
	if r := b.rows[id]; r != nil {
		r.update()
	}
	b.pane.SourceChanged(id)
	b.updateProgress()
}

// visible tells the workbench whether its tab is on screen; rows are built
// only for a workbench someone looks at.
func (b *workbench) visible(on bool) {
	b.onScreen = on
	switch {
	case !on:
	case b.stale:
		b.show(b.st)
	case len(b.pending) > 0:
		for id := range b.pending {
			if r := b.rows[id]; r != nil {
				r.update()
			}
		}
		b.updateProgress()
		b.applyFilter()
	}
	clear(b.pending)
}

// entry is the catalog status of a part in the workbench's language.
func (b *workbench) entry(id string) (catalog.Entry, bool) {
	return b.c.entry(b.lang, id)
}

// updateProgress shows how much of this statement is translated.
func (b *workbench) updateProgress() {
	var done, missing, review, qa int
	for _, id := range b.order {
		e, _ := b.entry(id)
		switch stateOf(e) {
		case stateTranslated:
			done++
		case stateNeedsReview:
			review++
		default:
			missing++
		}
		qa += len(e.Problems)
	}
	total := len(b.order)
	b.progress.Set(done, total, b.c.tx.T("ProgressOf", "Done", done, "Total", total))
	if b.lang == "" {
		b.counts.SetText(b.c.tx.T("NoTargetLanguage"))
		return
	}
	if _, ok := b.c.reports[b.lang]; !ok || b.c.ws.Catalogs[b.lang] == nil {
		// An unreadable catalog is not "0 of 0, complete".
		b.progress.Set(0, 0, "")
		b.counts.SetText(b.c.tx.T("CatalogUnreadableShort"))
		return
	}
	text := b.c.summary(missing, review, qa)
	if rep, ok := b.c.reports[b.lang]; ok && rep.NoPluralRule {
		text += " · " + b.c.tx.T("RuleNoPluralRule")
	}
	b.counts.SetText(text)
}

// applyFilter shows the rows that pass the status filter and the search.
func (b *workbench) applyFilter() {
	if b.filter == nil || b.search == nil {
		return
	}
	f := b.filter.SelectedIndex()
	q := strings.ToLower(strings.TrimSpace(b.search.Text()))
	shown := 0
	for _, id := range b.order {
		r := b.rows[id]
		e, _ := b.entry(id)
		ok := true
		switch f {
		case filterMissing:
			ok = stateOf(e) == stateMissing
		case filterReview:
			ok = stateOf(e) == stateNeedsReview
		case filterTranslated:
			ok = stateOf(e) == stateTranslated
		case filterQA:
			ok = len(e.Problems) > 0 || len(b.glossaryProblems(id)) > 0
		}
		if ok && q != "" {
			ok = strings.Contains(strings.ToLower(b.c.ws.Text(b.c.ws.Config.SourceLanguage, id)), q) ||
				strings.Contains(strings.ToLower(allForms(e.Translation)), q)
		}
		if ok {
			shown++
			r.box.Show()
		} else {
			r.box.Hide()
		}
	}
	b.none.Hidden = shown > 0 || len(b.order) == 0
	b.none.Refresh()
	b.list.Refresh()
}

func allForms(m catalog.Message) string {
	return strings.Join([]string{m.Zero, m.One, m.Two, m.Few, m.Many, m.Other}, "\n")
}

// benchItem is what a row translates: a part of a statement, or in a
// go-i18n project a message with its ID, description and variables.
type benchItem struct {
	id, name string
	message  *catalog.Message // nil for a statement's part
}

// items lists what the workbench translates: the parts of st, or in a
// go-i18n project every message of the source catalog, in file order.
func (b *workbench) items(st *statement.Statement) []benchItem {
	var items []benchItem
	if b.c.project() {
		for _, m := range b.c.ws.Source().Messages() {
			items = append(items, benchItem{id: m.ID, name: m.ID, message: &m})
		}
		return items
	}
	if st == nil {
		return nil
	}
	for _, p := range b.c.ws.Parts(st) {
		items = append(items, benchItem{id: p.ID, name: b.c.partName(st, p)})
	}
	return items
}

func (b *workbench) newRow(it benchItem) *benchRow {
	tx := b.c.tx
	r := &benchRow{b: b, id: it.id}
	// A message ID is the program's, not the interface's language.
	headLang := tx.Lang()
	if it.message != nil {
		headLang = "en"
	}
	r.head = widgets.NewLabel(it.name, headLang, false)
	r.head.Bold = true
	r.state = widgets.NewLabel("", tx.Lang(), false)
	r.source = widgets.NewLabel("", b.c.ws.Config.SourceLanguage, true)
	r.review = widget.NewButtonWithIcon(tx.T("MarkReviewed"), theme.ConfirmIcon(), func() {
		if err := b.c.ws.MarkReviewed(b.lang, r.id); err != nil {
			b.c.showError(err)
			return
		}
		b.c.translationEdited(b.lang, r.id)
	})
	r.review.Importance = widget.HighImportance
	r.was = widget.NewRichText()
	r.was.Wrapping = fyne.TextWrapWord
	r.now = widget.NewRichText()
	r.now.Wrapping = fyne.TextWrapWord
	legend := widget.NewLabel(tx.T("SourceChangedLegend"))
	legend.Wrapping = fyne.TextWrapWord
	legend.Importance = widget.WarningImportance
	r.diffBox = container.NewVBox(legend,
		container.NewBorder(nil, nil, widget.NewLabelWithStyle(tx.T("Was"), fyne.TextAlignLeading, fyne.TextStyle{Italic: true}), nil, r.was),
		container.NewBorder(nil, nil, widget.NewLabelWithStyle(tx.T("Now"), fyne.TextAlignLeading, fyne.TextStyle{Italic: true}), nil, r.now))
	r.qa = widgets.NewLabel("", tx.Lang(), true)
	r.qa.Importance = widget.DangerImportance

	forms := container.NewVBox()
	for _, f := range b.formsFor(it.id) {
		en := textbox.NewEdit(b.lang, tx.T("TranslationPlaceholder"))
		fe := &formEntry{form: f, entry: en}
		fe.entry.OnChanged = func(string) { r.edited() }
		fe.entry.OnFocus = func(gained bool) {
			b.c.focusChanged(gained)
			if gained {
				b.pane.Follow(r.id, fe.entry)
			}
		}
		fe.entry.OnShortcut = func(s fyne.Shortcut) bool { return b.pane.Shortcut(s) || b.shortcut(r.id, s) }
		r.forms = append(r.forms, fe)
		if len(b.formsFor(it.id)) > 1 {
			forms.Add(widget.NewLabelWithStyle(tx.T("PluralForm", "Form", f), fyne.TextAlignLeading, fyne.TextStyle{Italic: true}))
		}
		forms.Add(fe.entry)
	}
	head := container.NewHBox(r.head, r.state, layout.NewSpacer(), r.review)
	sides := container.NewGridWithColumns(2, r.source, forms)
	if widgets.RightToLeft(tx.Lang()) {
		// Mirrored: the heading and the source on the right.
		slices.Reverse(head.Objects)
		slices.Reverse(sides.Objects)
	}
	r.box = container.NewVBox(widget.NewSeparator(), head)
	if it.message != nil {
		r.box.Add(b.messageFacts(*it.message))
	}
	r.box.Add(sides)
	r.box.Add(r.diffBox)
	r.box.Add(r.qa)
	return r
}

// messageFacts tells a translator what the program says about a message:
// its description, the template variables the translation must keep, and
// the plural forms of the source.
func (b *workbench) messageFacts(m catalog.Message) fyne.CanvasObject {
	tx := b.c.tx
	var lines []string
	if d := strings.TrimSpace(m.Description); d != "" {
		lines = append(lines, tx.T("MessageDescription", "Text", d))
	}
	if vars := templateVariables(m); len(vars) > 0 {
		lines = append(lines, tx.T("MessageVariables", "Names", widgets.IsolateLTR(strings.Join(vars, ", "))))
	}
	if forms := m.Forms(); len(forms) > 1 {
		lines = append(lines, tx.T("MessagePluralForms", "Forms", widgets.IsolateLTR(strings.Join(forms, ", "))))
	}
	facts := widgets.NewLabel(strings.Join(lines, "\n"), tx.Lang(), true)
	return facts
}

// templateVariables lists the {{.Name}} fields a message's texts use (with
// the message's own delimiters), sorted and once each.
func templateVariables(m catalog.Message) []string {
	left, right := cmp.Or(m.LeftDelim, "{{"), cmp.Or(m.RightDelim, "}}")
	var vars []string
	for _, text := range []string{m.Zero, m.One, m.Two, m.Few, m.Many, m.Other} {
		for {
			i := strings.Index(text, left)
			if i < 0 {
				break
			}
			text = text[i+len(left):]
			j := strings.Index(text, right)
			if j < 0 {
				break
			}
			action := strings.Trim(strings.TrimSpace(text[:j]), "-")
			for _, f := range strings.Fields(action) {
				if strings.HasPrefix(f, ".") && len(f) > 1 && !slices.Contains(vars, f) {
					vars = append(vars, f)
				}
			}
			text = text[j+len(right):]
		}
	}
	slices.Sort(vars)
	return vars
}

// formsFor lists the plural forms to edit for a part: the target
// language's CLDR forms when the source message is a plural one, else only
// "other". A language without a CLDR rule gets the source's forms.
func (b *workbench) formsFor(id string) []string {
	src, _ := b.c.ws.Source().Get(id)
	if forms := src.Forms(); len(forms) == 0 || (len(forms) == 1 && forms[0] == "other") {
		return []string{"other"}
	}
	if t := b.c.ws.Catalogs[b.lang]; t != nil {
		if forms, ok := catalog.PluralForms(t.Lang); ok {
			return forms
		}
	}
	return src.Forms()
}

// edited stores what the translator typed.
func (r *benchRow) edited() {
	if r.loading {
		return
	}
	b := r.b
	var other string
	forms := map[string]string{}
	for _, f := range r.forms {
		forms[f.form] = f.entry.Text()
		if f.form == "other" {
			other = f.entry.Text()
		}
	}
	if err := setTranslation(b.c.ws, b.lang, r.id, other, forms); err != nil {
		b.c.showError(err)
		return
	}
	b.pane.TranslationEdited(r.id)
	b.c.translationEdited(b.lang, r.id)
}

// update shows the part's current source, translation, status and
// problems.
func (r *benchRow) update() { r.fill(true) }

// fill puts the part's state into the row's widgets. A row that was never
// drawn gets plain field values (refresh false), so its text is laid out
// once, at its real width.
func (r *benchRow) fill(refresh bool) {
	b := r.b
	tx := b.c.tx
	e, _ := b.entry(r.id)
	setTextLabel(r.source, b.sourceText(r.id), refresh)
	r.loading = true
	for _, f := range r.forms {
		if t := e.Translation.Form(f.form); f.entry.Text() != t {
			f.entry.SetText(t)
		}
	}
	r.loading = false
	var state string
	switch stateOf(e) {
	case stateTranslated:
		state = tx.T("StateTranslated")
		r.state.Importance = widget.SuccessImportance
	case stateNeedsReview:
		state = tx.T("StateNeedsReview")
		r.state.Importance = widget.WarningImportance
	default:
		state = tx.T("StateMissing")
		r.state.Importance = widget.DangerImportance
	}
	setTextLabel(r.state, state, refresh)
	review := stateOf(e) == stateNeedsReview
	setShown(r.review, review, refresh)
	setShown(r.diffBox, review && e.OldSourceKnown, refresh)
	if review && e.OldSourceKnown {
		d := worddiff.Words(e.OldSource, e.Source.Other)
		r.was.Segments = diffSegments(worddiff.OldSide(d), worddiff.Delete)
		r.now.Segments = diffSegments(worddiff.NewSide(d), worddiff.Insert)
		if refresh {
			r.was.Refresh()
			r.now.Refresh()
		}
	}
	lines := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		lines[i] = tx.T("QAProblem", "Rule", ruleName(tx, p.Rule), "Detail", p.Detail)
	}
	lines = append(lines, b.glossaryLines(r.id)...)
	setTextLabel(r.qa, strings.Join(lines, "\n"), refresh)
	setShown(r.qa, len(lines) > 0, refresh)
}

// sourceText is the source of a row: its text, or for a plural message
// each of its forms on its own line ("one: …", "other: …").
func (b *workbench) sourceText(id string) string {
	src := b.c.ws.Config.SourceLanguage
	m, _ := b.c.ws.Source().Get(id)
	forms := m.Forms()
	if len(forms) < 2 {
		return b.c.ws.Text(src, id)
	}
	lines := make([]string, len(forms))
	for i, f := range forms {
		lines[i] = f + ": " + m.Form(f)
	}
	return strings.Join(lines, "\n")
}

func setTextLabel(l *widgets.Label, text string, refresh bool) {
	if l.Text() == text {
		return
	}
	if refresh {
		l.SetText(text)
	} else {
		l.SetTextQuiet(text)
	}
}

// setShown shows or hides o. Hiding a widget that was never drawn costs
// nothing, so unlike text this needs no care for fresh rows.
func setShown(o fyne.CanvasObject, show, _ bool) {
	if o.Visible() == show {
		return
	}
	if show {
		o.Show()
	} else {
		o.Hide()
	}
}

// diffSegments shows one side of a word diff, the changed words marked
// in colour and weight (so the change is visible without colour too).
func diffSegments(spans []worddiff.Span, mark worddiff.Op) []widget.RichTextSegment {
	var segs []widget.RichTextSegment
	for _, s := range spans {
		seg := &widget.TextSegment{Text: s.Text, Style: widget.RichTextStyleInline}
		if s.Op == mark {
			seg.Style.TextStyle = fyne.TextStyle{Bold: true, Underline: mark == worddiff.Insert}
			if mark == worddiff.Delete {
				seg.Style.ColorName = theme.ColorNameError
				seg.Style.TextStyle.Italic = true
			} else {
				seg.Style.ColorName = theme.ColorNameSuccess
			}
		}
		segs = append(segs, seg)
	}
	return segs
}

// addLanguageDialog adds a target language to the workspace.
func (c *controller) addLanguageDialog() {
	code := widgets.NewDialogEntry()
	code.SetPlaceHolder("de, tr, ckb…")
	code.Validator = func(s string) error {
		if err := workspace.ValidLanguage(strings.TrimSpace(s)); err != nil {
			return fmt.Errorf("%s", c.tx.T("LanguageCodeInvalid"))
		}
		return nil
	}
	// Our own dialog: mirrored in a right-to-left interface, and its hint
	// ("de, tr, ckb…" inside Arabic) set by the typesetting engine.
	fields := []widgets.FormField{{Label: c.tx.T("LanguageCode"), Field: code, Hint: c.tx.T("LanguageCodeHint")}}
	d := c.kit.FormModal(c.tx.T("AddLanguage"), c.tx.T("Add"), fields, []*widgets.DialogEntry{code}, func() {
		lang := strings.TrimSpace(code.Text)
		if err := c.ws.AddLanguage(lang); err != nil {
			c.showError(err)
			return
		}
		c.languagesChanged(lang)
	})
	d.Resize(fyne.NewSize(460, d.Content().MinSize().Height))
	d.Show()
	c.win.Canvas().Focus(code)
}

// partName names a part of a statement for people: "Title", "Paragraph 3".
func (c *controller) partName(st *statement.Statement, p statement.Part) string {
	switch p.Kind {
	case statement.Title:
		return c.tx.T("Title")
	case statement.Organisation:
		return c.tx.T("Organisation")
	case statement.IssuingBody:
		return c.tx.T("IssuingBody")
	case statement.Place:
		return c.tx.T("Place")
	}
	return c.tx.T("ParagraphNumber", "N", paragraphIndex(st, p.ID)+1)
}
