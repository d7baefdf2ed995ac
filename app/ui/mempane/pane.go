// Package mempane is the translation-memory pane beside the workbench:
// the memory's matches for the part being translated, how their stored
// source differs from this one, the glossary's terms found in it, and the
// keys that insert them.
package mempane

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
	"communique/i18n/uitext"
	"communique/i18n/worddiff"
)

// Host is what the pane needs of the workbench beside it.
type Host interface {
	Workspace() *workspace.Workspace
	Text() *uitext.Text // the interface's words
	TargetLang() string // the language being translated into
	// RowName is how the workbench names part id ("Paragraph 3").
	RowName(id string) string
	// PartName names a part of a statement for people.
	PartName(st *statement.Statement, part statement.Part) string
	// GlossaryChanged is called after SetGlossary, for the workbench's QA.
	GlossaryChanged()
}

// Pane is the side pane of the workbench (see suggest.go).
type Pane struct {
	h   Host
	kit *widgets.Kit
	// Content is the pane, to put beside the workbench.
	Content fyne.CanvasObject
	head    *widgets.Label // which message the pane is about
	legend  *widgets.Label
	matches *fyne.Container
	terms   *fyne.Container

	mems     Memories
	gl       *glossary.Glossary
	glErr    error
	loading  bool // the imported TMX files are being read
	loadErr  error
	loaded   chan struct{}   // closed when the imported files are read (for tests)
	edited   map[string]bool // parts translated since mems.Local was built
	id       string
	entry    *textbox.Edit // the translation the shortcuts insert into
	shown    Suggestions
	nextTerm int // the term Ctrl+Shift+G inserts next
}

// New makes the pane; Reload fills it.
func New(h Host, kit *widgets.Kit) *Pane {
	tx := h.Text()
	p := &Pane{h: h, kit: kit, edited: map[string]bool{}}
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
	edit := kit.TextButton(tx.T("GlossaryEdit"), theme.DocumentCreateIcon(), p.EditGlossary, widget.MediumImportance)
	// The keys, where the translator looks for them (also in Help).
	keys := widgets.NewLabel(tx.T("KeyboardShortcutsMemory"), tx.Lang(), true)
	keys.Importance = widget.LowImportance
	p.Content = container.NewVScroll(container.NewVBox(
		p.head, widget.NewSeparator(),
		glTitle, p.terms, edit, widget.NewSeparator(),
		memTitle, p.matches, p.legend, widget.NewSeparator(), keys))
	return p
}

// Reload reads the glossary and the Memories again: the workbench shows
// another statement or language, or the workspace was reopened.
func (p *Pane) Reload() {
	p.gl, p.glErr = p.h.Workspace().Glossary()
	p.mems.Local = nil
	clear(p.edited)
	p.id, p.entry = "", nil
	if p.mems.Imported == nil && !p.loading && !hasImportedMemory(p.h.Workspace().Dir) {
		p.mems.Imported = memory.New()
	}
	if p.mems.Imported == nil && !p.loading {
		// Imported TMX files can hold 100,000 segments: read them off the
		// UI thread. The catalogs' memory is built on it, in lookup.
		p.loading = true
		ws, done := p.h.Workspace(), make(chan struct{})
		p.loaded = done
		go func() {
			m, err := ws.ImportedMemory()
			fyne.Do(func() {
				defer close(done)
				p.loading = false
				if p.h.Workspace() != ws {
					return // another workspace was opened meanwhile
				}
				p.mems.Imported, p.loadErr = m, err
				p.Refresh()
			})
		}()
	}
	p.Refresh()
}

// hasImportedMemory reports whether a workspace has TMX files to read.
func hasImportedMemory(dir string) bool {
	files, _ := filepath.Glob(filepath.Join(dir, workspace.MemoryDir, "*.tmx"))
	return len(files) > 0
}

// SetGlossary shows the glossary just saved from the app.
func (p *Pane) SetGlossary(g *glossary.Glossary) {
	p.gl, p.glErr = g, nil
	p.Refresh()
	p.h.GlossaryChanged()
}

// Follow shows the Suggestions for part id, whose translation form en has
// just got the focus.
func (p *Pane) Follow(id string, en *textbox.Edit) {
	p.entry = en
	if id == p.id {
		return
	}
	p.id, p.nextTerm = id, 0
	p.Refresh()
}

// TranslationEdited notes that part id has a new translation; the pane adds
// it to the catalogs' memory when it next looks something up (not at each
// key: the words typed so far are no translation yet).
func (p *Pane) TranslationEdited(id string) { p.edited[id] = true }

// SourceChanged looks up again when the source of the part shown changed.
func (p *Pane) SourceChanged(id string) {
	if id == p.id {
		p.Refresh()
	}
}

// lookup computes the Suggestions for the part shown.
func (p *Pane) lookup() Suggestions {
	ws := p.h.Workspace()
	if p.id == "" || ws == nil || p.h.TargetLang() == "" {
		return Suggestions{}
	}
	if p.mems.Local == nil {
		p.mems.Local = ws.LocalMemory()
		clear(p.edited)
	}
	if t := ws.Catalogs[p.h.TargetLang()]; t != nil {
		for id := range p.edited {
			p.mems.Local.AddMessage(ws.Source(), t, id)
		}
	}
	clear(p.edited)
	src := ws.Config.SourceLanguage
	return Suggest(p.mems, p.gl, src, p.h.TargetLang(), p.id, ws.Text(src, p.id))
}

// refresh shows the Suggestions for the part shown.
func (p *Pane) Refresh() {
	tx := p.h.Text()
	p.shown = p.lookup()
	if p.id == "" {
		p.head.SetText(tx.T("MemoryPaneHint"))
	} else {
		p.head.SetText(tx.T("MemoryPaneFor", "Part", p.h.RowName(p.id)))
	}
	var objs []fyne.CanvasObject
	query := p.h.Workspace().Text(p.h.Workspace().Config.SourceLanguage, p.id)
	for i, m := range p.shown.Matches {
		objs = append(objs, p.matchView(i, m.Segment.Target, ScorePercent(m), m.Segment.Origin, MatchSpans(m, query)))
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

func (p *Pane) note(text string, imp widget.Importance) fyne.CanvasObject {
	l := widgets.NewLabel(text, p.h.Text().Lang(), true)
	l.Importance = imp
	return l
}

// matchView shows one match: its key and score, where it came from, the
// stored source with its differences, and the translation (drawn by our
// text widgets, so Arabic reads right to left).
func (p *Pane) matchView(i int, target string, score int, origin string, spans []worddiff.Span) fyne.CanvasObject {
	tx := p.h.Text()
	key := widgets.IsolateLTR(fmt.Sprintf("Ctrl+%d", i+1))
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
	tgt := widgets.NewLabel(target, p.h.TargetLang(), true)
	use := p.kit.NewTipButton(tx.T("MemoryUse", "Key", key), theme.ContentPasteIcon(), func() { p.insertMatch(i) })
	top := container.NewBorder(nil, nil, nil, use, head)
	if widgets.RightToLeft(tx.Lang()) {
		top = container.NewBorder(nil, nil, use, nil, head)
	}
	return container.NewVBox(top, from, src, tgt, widget.NewSeparator())
}

// termView shows a glossary term: the source term, its approved
// translation, its forbidden renderings and the note.
func (p *Pane) termView(t TermHit) fyne.CanvasObject {
	tx := p.h.Text()
	src := widgets.NewLabel(t.Term.Source, p.h.Workspace().Config.SourceLanguage, true)
	src.Bold = true
	objs := []fyne.CanvasObject{src}
	if t.Approved != "" {
		ok := widgets.NewLabel(tx.T("GlossaryApproved", "Text", widgets.IsolateIn(p.h.TargetLang(), t.Approved)), tx.Lang(), true)
		ok.Importance = widget.SuccessImportance
		objs = append(objs, ok)
	} else {
		objs = append(objs, p.note(tx.T("GlossaryNoApproved"), widget.MediumImportance))
	}
	for _, f := range t.Forbidden {
		bad := widgets.NewLabel(tx.T("GlossaryForbidden", "Text", widgets.IsolateIn(p.h.TargetLang(), f)), tx.Lang(), true)
		bad.Importance = widget.DangerImportance
		objs = append(objs, bad)
	}
	if t.Term.Note != "" {
		objs = append(objs, widgets.NewLabel(t.Term.Note, "", true))
	}
	return container.NewVBox(objs...)
}

// Shortcut handles the pane's keys typed in a translation.
func (p *Pane) Shortcut(s fyne.Shortcut) bool {
	for i, sc := range ShortcutMatch {
		if sameShortcut(s, sc) {
			p.insertMatch(i)
			return true
		}
	}
	if sameShortcut(s, ShortcutTerm) {
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
func (p *Pane) insertMatch(i int) {
	if i >= len(p.shown.Matches) || p.entry == nil {
		return
	}
	p.entry.Replace(p.shown.Matches[i].Segment.Target, true)
	p.kit.Win().Canvas().Focus(p.entry)
}

// insertTerm inserts at the caret the approved translation of the next
// term that has one, going round the terms on each press.
func (p *Pane) insertTerm() {
	terms := slices.DeleteFunc(slices.Clone(p.shown.Terms), func(t TermHit) bool { return t.Approved == "" })
	if len(terms) == 0 || p.entry == nil {
		return
	}
	t := terms[p.nextTerm%len(terms)]
	p.nextTerm++
	p.entry.Replace(t.Approved, false)
	p.kit.Win().Canvas().Focus(p.entry)
}

// ApprovedIn is a term's approved translation into lang ("ar-EG" falls
// back to "ar").
func ApprovedIn(t *glossary.Term, lang string) string {
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
func (p *Pane) originName(origin string) string {
	ws, tx := p.h.Workspace(), p.h.Text()
	m := catalogOrigin.FindStringSubmatch(origin)
	if m == nil {
		return widgets.IsolateLTR(origin)
	}
	for _, st := range ws.Statements {
		for _, part := range ws.Parts(st) {
			if part.ID != m[1] || part.Kind == statement.Organisation {
				continue
			}
			title := []rune(ws.Text(ws.Config.SourceLanguage, st.TitleID))
			if len(title) > 40 {
				title = append(title[:39], '…')
			}
			name := widgets.IsolateIn(ws.Config.SourceLanguage, string(title)) + " · " + p.h.PartName(st, part)
			if m[3] != "" {
				name += " · " + tx.T("MemoryOriginSentence", "N", m[3])
			}
			return name
		}
	}
	return widgets.IsolateLTR(origin)
}

// Glossary is the workspace glossary the pane shows, or why it could not
// be read.
func (p *Pane) Glossary() (*glossary.Glossary, error) { return p.gl, p.glErr }

// Shown is what the pane shows for the part followed.
func (p *Pane) Shown() Suggestions { return p.shown }

// Matches are the views of the matches shown (or the note that there are
// none).
func (p *Pane) Matches() []fyne.CanvasObject { return p.matches.Objects }

// Loaded is closed once the imported memory files are read (nil when
// none were being read).
func (p *Pane) Loaded() <-chan struct{} { return p.loaded }

// UseImported replaces the memory read from the workspace's TMX files
// (benchmarks give it a large one).
func (p *Pane) UseImported(m *memory.Memory) { p.mems.Imported = m }

// Following is the part whose suggestions the pane shows ("" for none).
func (p *Pane) Following() string { return p.id }

// Terms are the views of the glossary terms shown.
func (p *Pane) Terms() []fyne.CanvasObject { return p.terms.Objects }
