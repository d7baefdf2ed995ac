package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"communique/app/statement"
	"communique/app/ui/widgets"
)

// sidebar lists the workspace's statements and its languages with their
// progress. Choosing a statement or a language goes through the
// controller.
type sidebar struct {
	c       *controller
	content fyne.CanvasObject
	list    *widget.List
	langs   *fyne.Container
	rows    map[string]*langRow
	quiet   bool // selection set by the program, not the user
}

type langRow struct {
	button fyne.CanvasObject
	bar    *widgets.Progress
	detail *widgets.Label
	shown  [5]int // counts on screen, to redraw only what changed
}

func newSidebar(c *controller) *sidebar {
	s := &sidebar{c: c, rows: map[string]*langRow{}}
	s.list = widget.NewList(
		func() int { return len(c.ws.Statements) },
		func() fyne.CanvasObject {
			// The title is in the source language, which may be
			// written right to left.
			title := widgets.NewLabel("", c.ws.Config.SourceLanguage, false)
			title.Bold, title.Truncate = true, true
			id := widget.NewLabel("")
			id.SizeName = theme.SizeNameCaptionText
			id.Truncation = fyne.TextTruncateEllipsis
			return container.NewVBox(title, id)
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			st := c.ws.Statements[i]
			box := o.(*fyne.Container)
			title := c.ws.Text(c.ws.Config.SourceLanguage, st.TitleID)
			if title == "" {
				title = c.tx.T("Untitled")
			}
			box.Objects[0].(*widgets.Label).SetText(title)
			box.Objects[1].(*widget.Label).SetText(st.ID)
		})
	s.list.OnSelected = func(i widget.ListItemID) {
		if !s.quiet {
			c.selectStatement(c.ws.Statements[i])
		}
	}
	newSt := c.kit.TextButton(c.tx.T("NewStatementShort"), theme.ContentAddIcon(), c.newStatementDialog, widget.MediumImportance)
	imp := c.kit.TextButton(c.tx.T("ImportShort"), theme.FileTextIcon(), c.importDialog, widget.MediumImportance)
	statements := container.NewBorder(c.heading(c.tx.T("Statements")), container.NewGridWithColumns(2, newSt, imp), nil, nil, s.list)

	s.langs = container.NewVBox()
	add := c.kit.TextButton(c.tx.T("AddLanguage"), theme.ContentAddIcon(), c.addLanguageDialog, widget.MediumImportance)
	// The languages scroll: with ten of them the window must still fit a
	// 1024×600 screen.
	var bottom fyne.CanvasObject = add
	if c.project() {
		// Adding a language would write a communique.toml into a project
		// that did not ask for one.
		bottom = nil
	}
	languages := container.NewBorder(container.NewVBox(widget.NewSeparator(), c.heading(c.tx.T("Languages"))), bottom, nil, nil,
		container.NewVScroll(s.langs))
	if c.project() {
		// A go-i18n project has no statements to list.
		s.content = languages
	} else {
		split := container.NewVSplit(statements, languages)
		split.Offset = 0.3
		s.content = split
	}
	s.showLanguages()
	return s
}

// heading is a bold label in the interface language (widgets.Kit.Heading).
func (c *controller) heading(text string) *widgets.Label { return c.kit.Heading(text) }

func (s *sidebar) selectStatement(st *statement.Statement) {
	s.quiet = true
	defer func() { s.quiet = false }()
	for i, x := range s.c.ws.Statements {
		if x == st {
			s.list.Select(i)
			return
		}
	}
	s.list.UnselectAll()
}

func (s *sidebar) refreshStatements() { s.list.Refresh() }

// refreshTitles shows an edited title in the list.
func (s *sidebar) refreshTitles() { s.list.Refresh() }

// showLanguages rebuilds the language rows (the set or the selected one
// changed).
func (s *sidebar) showLanguages() {
	s.langs.RemoveAll()
	clear(s.rows)
	for _, lang := range s.c.ws.Languages()[1:] {
		r := &langRow{bar: s.c.kit.NewProgress(), detail: widgets.NewLabel("", s.c.tx.Lang(), false)}
		// Drawn with the bundled fonts: a Sorani or Arabic name must not
		// depend on the fonts the system has.
		imp := widget.LowImportance
		if lang == s.c.lang {
			imp = widget.HighImportance
		}
		r.button = s.c.kit.TextButton(languageName(lang), nil, func() { s.c.openLanguage(lang) }, imp)
		s.rows[lang] = r
		s.langs.Add(container.NewVBox(r.button, r.bar, r.detail))
	}
	s.showProgress()
}

// showProgress updates every language's bar and counts.
func (s *sidebar) showProgress() {
	for lang, r := range s.rows {
		rep, ok := s.c.reports[lang]
		if !ok {
			r.detail.SetText(s.c.tx.T("CatalogUnreadableShort"))
			r.bar.Set(0, 0, "")
			continue
		}
		counts := [5]int{rep.Total, rep.Translated, rep.Missing, rep.NeedsReview, rep.QAProblems}
		if counts == r.shown && r.bar.Text() != "" {
			continue
		}
		r.shown = counts
		done, total := rep.Translated, rep.Total
		r.bar.Set(done, total, s.c.tx.T("ProgressOf", "Done", done, "Total", total))
		r.detail.SetText(s.c.summary(rep.Missing, rep.NeedsReview, rep.QAProblems))
	}
}
