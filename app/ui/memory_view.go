package ui

import (
	"fmt"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"communique/app/statement"
	"communique/app/ui/textbox"
	"communique/app/ui/widgets"
	"communique/app/workspace"
	"communique/i18n/glossary"
	"communique/i18n/memory"
	"communique/i18n/worddiff"
)

// memoryPane is the side pane of the workbench (see memory_pane.go).
type memoryPane struct {
	b       *workbench
	content fyne.CanvasObject
	head    *widgets.Label // which message the pane is about
	legend  *widgets.Label
	matches *fyne.Container
	terms   *fyne.Container

	mems     memories
	gl       *glossary.Glossary
	glErr    error
	loading  bool // the imported TMX files are being read
	loadErr  error
	loaded   chan struct{}   // closed when the imported files are read (for tests)
	edited   map[string]bool // parts translated since mems.local was built
	id       string
	entry    *textbox.Edit // the translation the shortcuts insert into
	shown    suggestions
	nextTerm int // the term Ctrl+Shift+G inserts next
}

func newMemoryPane(b *workbench) *memoryPane {
	tx := b.c.tx
	p := &memoryPane{b: b, edited: map[string]bool{}}
	p.head = widgets.NewLabel(tx.T("MemoryPaneHint"), tx.Lang(), true)
	p.legend = widgets.NewLabel(tx.T("MemoryLegend"), tx.Lang(), true)
	p.legend.Importance = widget.LowImportance
	p.legend.Hide()
	p.matches = container.NewVBox()
	p.terms = container.NewVBox()
	memTitle := widgets.NewLabel(tx.T("MemoryTitle"), tx.Lang(), true)
	memTitle.Bold = true
	glTitle := widgets.NewLabel(tx.T("GlossaryTitle"), tx.Lang(), true)
	glTitle.Bold = true
	edit := b.c.kit.TextButton(tx.T("GlossaryEdit"), theme.DocumentCreateIcon(), b.c.glossaryDialog, widget.MediumImportance)
	// The keys, where the translator looks for them (also in Help).
	keys := widgets.NewLabel(tx.T("KeyboardShortcutsMemory"), tx.Lang(), true)
	keys.Importance = widget.LowImportance
	p.content = container.NewVScroll(container.NewVBox(
		p.head, widget.NewSeparator(),
		glTitle, p.terms, edit, widget.NewSeparator(),
		memTitle, p.matches, p.legend, widget.NewSeparator(), keys))
	return p
}

// reload reads the glossary and the memories again: the workbench shows
// another statement or language, or the workspace was reopened.
func (p *memoryPane) reload() {
	p.gl, p.glErr = p.b.c.ws.Glossary()
	p.mems.local = nil
	clear(p.edited)
	p.id, p.entry = "", nil
	if p.mems.imported == nil && !p.loading && !hasImportedMemory(p.b.c.ws.Dir) {
		p.mems.imported = memory.New()
	}
	if p.mems.imported == nil && !p.loading {
		// Imported TMX files can hold 100,000 segments: read them off the
		// UI thread. The catalogs' memory is built on it, in lookup.
		p.loading = true
		ws, done := p.b.c.ws, make(chan struct{})
		p.loaded = done
		go func() {
			m, err := ws.ImportedMemory()
			fyne.Do(func() {
				defer close(done)
				p.loading = false
				if p.b.c.ws != ws {
					return // another workspace was opened meanwhile
				}
				p.mems.imported, p.loadErr = m, err
				p.refresh()
			})
		}()
	}
	p.refresh()
}

// hasImportedMemory reports whether a workspace has TMX files to read.
func hasImportedMemory(dir string) bool {
	files, _ := filepath.Glob(filepath.Join(dir, workspace.MemoryDir, "*.tmx"))
	return len(files) > 0
}

// glossaryChanged shows the glossary just saved from the app.
func (p *memoryPane) glossaryChanged(g *glossary.Glossary) {
	p.gl, p.glErr = g, nil
	p.refresh()
	for _, r := range p.b.rows {
		r.update() // the glossary's QA lines
	}
	p.b.applyFilter()
}

// follow shows the suggestions for part id, whose translation form en has
// just got the focus.
func (p *memoryPane) follow(id string, en *textbox.Edit) {
	p.entry = en
	if id == p.id {
		return
	}
	p.id, p.nextTerm = id, 0
	p.refresh()
}

// translationEdited notes that part id has a new translation; the pane adds
// it to the catalogs' memory when it next looks something up (not at each
// key: the words typed so far are no translation yet).
func (p *memoryPane) translationEdited(id string) { p.edited[id] = true }

// sourceChanged looks up again when the source of the part shown changed.
func (p *memoryPane) sourceChanged(id string) {
	if id == p.id {
		p.refresh()
	}
}

// lookup computes the suggestions for the part shown.
func (p *memoryPane) lookup() suggestions {
	ws := p.b.c.ws
	if p.id == "" || ws == nil || p.b.lang == "" {
		return suggestions{}
	}
	if p.mems.local == nil {
		p.mems.local = ws.LocalMemory()
		clear(p.edited)
	}
	if t := ws.Catalogs[p.b.lang]; t != nil {
		for id := range p.edited {
			p.mems.local.AddMessage(ws.Source(), t, id)
		}
	}
	clear(p.edited)
	src := ws.Config.SourceLanguage
	return suggest(p.mems, p.gl, src, p.b.lang, p.id, ws.Text(src, p.id))
}

// refresh shows the suggestions for the part shown.
func (p *memoryPane) refresh() {
	tx := p.b.c.tx
	p.shown = p.lookup()
	if p.id == "" {
		p.head.SetText(tx.T("MemoryPaneHint"))
	} else {
		p.head.SetText(tx.T("MemoryPaneFor", "Part", p.b.rowName(p.id)))
	}
	var objs []fyne.CanvasObject
	query := p.b.c.ws.Text(p.b.c.ws.Config.SourceLanguage, p.id)
	for i, m := range p.shown.Matches {
		objs = append(objs, p.matchView(i, m.Segment.Target, scorePercent(m), m.Segment.Origin, matchSpans(m, query)))
	}
	switch {
	case len(objs) > 0:
	case p.loadErr != nil:
		objs = append(objs, p.note(p.loadErr.Error(), widget.DangerImportance))
	case p.id != "":
		objs = append(objs, p.note(tx.T("MemoryNone"), widget.MediumImportance))
	}
	p.legend.Hidden = len(p.shown.Matches) == 0
	p.matches.Objects = objs
	p.matches.Refresh()
	p.legend.Refresh()

	objs = nil
	for _, t := range p.shown.Terms {
		objs = append(objs, p.termView(t))
	}
	switch {
	case p.glErr != nil:
		objs = append(objs, p.note(p.glErr.Error(), widget.DangerImportance))
	case len(objs) == 0 && p.id != "":
		objs = append(objs, p.note(tx.T("GlossaryNone"), widget.MediumImportance))
	}
	p.terms.Objects = objs
	p.terms.Refresh()
}

func (p *memoryPane) note(text string, imp widget.Importance) fyne.CanvasObject {
	l := widgets.NewLabel(text, p.b.c.tx.Lang(), true)
	l.Importance = imp
	return l
}

// matchView shows one match: its key and score, where it came from, the
// stored source with its differences, and the translation (drawn by our
// text widgets, so Arabic reads right to left).
func (p *memoryPane) matchView(i int, target string, score int, origin string, spans []worddiff.Span) fyne.CanvasObject {
	tx := p.b.c.tx
	key := isolateLTR(fmt.Sprintf("Ctrl+%d", i+1))
	head := widgets.NewLabel(tx.T("MemoryMatch", "Key", key, "Score", score), tx.Lang(), false)
	head.Bold = true
	head.Importance = widget.WarningImportance
	if score == 100 {
		head.Importance = widget.SuccessImportance
	}
	from := widgets.NewLabel(tx.T("MemoryOrigin", "Origin", p.originName(origin)), tx.Lang(), true)
	from.Importance = widget.LowImportance
	src := widget.NewRichText(matchSegments(spans)...)
	src.Wrapping = fyne.TextWrapWord
	tgt := widgets.NewLabel(target, p.b.lang, true)
	use := p.b.c.kit.NewTipButton(tx.T("MemoryUse", "Key", key), theme.ContentPasteIcon(), func() { p.insertMatch(i) })
	top := container.NewBorder(nil, nil, nil, use, head)
	if widgets.RightToLeft(tx.Lang()) {
		top = container.NewBorder(nil, nil, use, nil, head)
	}
	return container.NewVBox(top, from, src, tgt, widget.NewSeparator())
}

// termView shows a glossary term: the source term, its approved
// translation, its forbidden renderings and the note.
func (p *memoryPane) termView(t termHit) fyne.CanvasObject {
	tx := p.b.c.tx
	src := widgets.NewLabel(t.Term.Source, p.b.c.ws.Config.SourceLanguage, true)
	src.Bold = true
	objs := []fyne.CanvasObject{src}
	if t.Approved != "" {
		ok := widgets.NewLabel(tx.T("GlossaryApproved", "Text", isolateIn(p.b.lang, t.Approved)), tx.Lang(), true)
		ok.Importance = widget.SuccessImportance
		objs = append(objs, ok)
	} else {
		objs = append(objs, p.note(tx.T("GlossaryNoApproved"), widget.MediumImportance))
	}
	for _, f := range t.Forbidden {
		bad := widgets.NewLabel(tx.T("GlossaryForbidden", "Text", isolateIn(p.b.lang, f)), tx.Lang(), true)
		bad.Importance = widget.DangerImportance
		objs = append(objs, bad)
	}
	if t.Term.Note != "" {
		objs = append(objs, widgets.NewLabel(t.Term.Note, "", true))
	}
	return container.NewVBox(objs...)
}

// shortcut handles the pane's keys typed in a translation.
func (p *memoryPane) shortcut(s fyne.Shortcut) bool {
	for i, sc := range shortcutMatch {
		if sameShortcut(s, sc) {
			p.insertMatch(i)
			return true
		}
	}
	if sameShortcut(s, shortcutTerm) {
		p.insertTerm()
		return true
	}
	return false
}

func sameShortcut(s fyne.Shortcut, want fyne.Shortcut) bool {
	return s.ShortcutName() == want.ShortcutName()
}

// insertMatch replaces the translation with match i, as one step Ctrl+Z
// undoes.
func (p *memoryPane) insertMatch(i int) {
	if i >= len(p.shown.Matches) || p.entry == nil {
		return
	}
	p.entry.Replace(p.shown.Matches[i].Segment.Target, true)
	p.b.c.win.Canvas().Focus(p.entry)
}

// insertTerm inserts at the caret the approved translation of the next
// term that has one, going round the terms on each press.
func (p *memoryPane) insertTerm() {
	terms := slices.DeleteFunc(slices.Clone(p.shown.Terms), func(t termHit) bool { return t.Approved == "" })
	if len(terms) == 0 || p.entry == nil {
		return
	}
	t := terms[p.nextTerm%len(terms)]
	p.nextTerm++
	p.entry.Replace(t.Approved, false)
	p.b.c.win.Canvas().Focus(p.entry)
}

// rowName is how the workbench names a part ("Paragraph 3").
func (b *workbench) rowName(id string) string {
	if r := b.rows[id]; r != nil {
		return r.head.Text()
	}
	return id
}

// isolateIn sets s apart in its language's direction inside a sentence of
// the interface ("Approved: داعش" in English, "المعتمد: Daech" in Arabic).
func isolateIn(lang, s string) string {
	if widgets.RightToLeft(lang) {
		return "\u2067" + s + "\u2069"
	}
	return isolateLTR(s)
}

// glossaryProblems applies the glossary's rules to the translation of part
// id (none for a part not translated yet: every term would be "not used").
func (b *workbench) glossaryProblems(id string) []glossary.Problem {
	if b.pane == nil || b.pane.gl == nil || len(b.pane.gl.Terms) == 0 || b.lang == "" {
		return nil
	}
	src, tgt := b.c.ws.Text(b.c.ws.Config.SourceLanguage, id), b.c.ws.Text(b.lang, id)
	if src == "" || tgt == "" {
		return nil
	}
	return b.pane.gl.Check(src, tgt, b.lang)
}

// glossaryLines words the glossary's problems with part id for the
// workbench's QA line, the terms set apart in their own direction.
func (b *workbench) glossaryLines(id string) []string {
	tx, tgt := b.c.tx, b.c.ws.Text(b.lang, id)
	var lines []string
	for _, p := range b.glossaryProblems(id) {
		approved := isolateIn(b.lang, approvedIn(p.Term, b.lang))
		var detail string
		if p.Rule == glossary.ForbiddenUsed {
			detail = tx.T("GlossaryForbiddenUsed", "Found", isolateIn(b.lang, tgt[p.Start:p.End]), "Approved", approved)
		} else {
			detail = tx.T("GlossaryApprovedNotUsed", "Term", isolateLTR(p.Term.Source), "Approved", approved)
		}
		lines = append(lines, tx.T("QAProblem", "Rule", tx.T("RuleGlossary"), "Detail", detail))
	}
	return lines
}

// approvedIn is a term's approved translation into lang ("ar-EG" falls
// back to "ar").
func approvedIn(t *glossary.Term, lang string) string {
	if a, ok := t.Approved[lang]; ok {
		return a
	}
	base, _, _ := strings.Cut(strings.ToLower(strings.ReplaceAll(lang, "_", "-")), "-")
	return t.Approved[base]
}

// catalogOrigin reads the origin memory gives a catalog segment:
// "<message ID> (<lang>)", then ", sentence <n>" for one sentence of it.
var catalogOrigin = regexp.MustCompile(`^(.+) \(([^()]+)\)(?:, sentence (\d+))?$`)

// originName names where a match came from for people: the statement's
// title and the part ("Statement by… · Paragraph 3 · sentence 2"), or the
// origin as memory gives it (an imported file and unit, a project's
// message ID).
func (p *memoryPane) originName(origin string) string {
	c := p.b.c
	m := catalogOrigin.FindStringSubmatch(origin)
	if m == nil {
		return isolateLTR(origin)
	}
	for _, st := range c.ws.Statements {
		for _, part := range c.ws.Parts(st) {
			if part.ID != m[1] || part.Kind == statement.Organisation {
				continue
			}
			title := []rune(c.ws.Text(c.ws.Config.SourceLanguage, st.TitleID))
			if len(title) > 40 {
				title = append(title[:39], '…')
			}
			name := isolateIn(c.ws.Config.SourceLanguage, string(title)) + " · " + c.partName(st, part)
			if m[3] != "" {
				name += " · " + c.tx.T("MemoryOriginSentence", "N", m[3])
			}
			return name
		}
	}
	return isolateLTR(origin)
}
