package ui

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"communique/app/export"
	"communique/app/recovery"
	"communique/app/safefile"
	"communique/app/statement"
	"communique/app/ui/editor"
	"communique/app/ui/exportdlg"
	"communique/app/ui/fynelocale"
	"communique/app/ui/menubar"
	"communique/app/ui/preview"
	"communique/app/ui/settingsdlg"
	"communique/app/ui/widgets"
	"communique/app/workspace"
	"communique/i18n/catalog"
	"communique/i18n/uitext"
)

// controller owns what the window shows: the open workspace, the selected
// statement and language, the catalog status of every language, and the
// screens. Screens call it when the user changes something and it tells
// the others; they never talk to each other directly.
type controller struct {
	// generator names the program and its version in export manifests.
	generator string

	app   fyne.App
	win   fyne.Window
	prefs prefs
	tx    *uitext.Text
	// kit makes the typeset widgets; it asks tx, win and now each time,
	// as the interface language may change.
	kit *widgets.Kit

	ws      *workspace.Workspace
	st      *statement.Statement // selected statement, nil when there is none
	lang    string               // target language in the workbench
	reports map[string]catalog.Report
	index   map[string]map[string]int // lang → message ID → index in reports[lang].Entries

	sidebar *sidebar
	editor  *editor.Editor
	bench   *workbench
	preview *preview.Preview
	tabs    *widgets.Tabs
	status  *widgets.Label // status line at the bottom

	export    *exportdlg.Dialog   // the export dialog last opened
	settings  *settingsdlg.Dialog // the settings dialog last opened
	exporting bool                // an export reads the workspace: hold off saving
	work      *container.Split
	// menu is the main menu; bar draws it in the window (nil where the
	// system draws it, on macOS).
	menu *fyne.MainMenu
	bar  *menubar.Bar
	// inWindow is false while build fills screens not yet in the window.
	inWindow bool
	// firstFrame adds a probe that prints when the first frame is painted.
	firstFrame bool

	shownDirty bool
	// journal holds unsaved edits for crash recovery; journalTicks
	// writes it on a timer (the real window; tests flush by hand).
	journal         *recovery.Journal
	journalStop     chan struct{}
	journalTicks    bool
	pendingRecovery recovery.Recovery
	// now is the clock, replaceable in tests.
	now func() time.Time
	// previewDelay is the pause in typing after which the page is
	// typeset again.
	previewDelay time.Duration
	// saving is closed when the save under way has finished (nil: none).
	saving chan struct{}
	// lastSave is the latest save's, kept for tests to wait on.
	lastSave <-chan struct{}
	// editorTab and benchTab are the statement editor's and the
	// workbench's tabs (in mirrored order in a right-to-left interface).
	editorTab, benchTab *container.TabItem
	// verdictLine is the verdict of the last verification shown.
	verdictLine *widgets.Label
	// lockWait is how long a save waits for another process to release
	// the workspace folder.
	lockWait time.Duration
	// fontCoverage says which letters of a language no font can draw
	// (export.FontCoverage; replaceable in tests).
	fontCoverage func(lang string) (export.Coverage, error)
}

func newController(a fyne.App, w fyne.Window) *controller {
	c := &controller{app: a, win: w, prefs: prefs{a.Preferences()}, reports: map[string]catalog.Report{},
		index: map[string]map[string]int{}, now: time.Now, previewDelay: previewDelay,
		lockWait: workspace.DefaultLockWait, fontCoverage: export.FontCoverage}
	fynelocale.Align(c.prefs.uiLanguageChoice())
	c.kit = &widgets.Kit{
		Text: func() *uitext.Text { return c.tx },
		Win:  func() fyne.Window { return c.win },
		Now:  func() time.Time { return c.now() },
	}
	c.tx = uitext.New(c.prefs.uiLanguage())
	fynelocale.AddCatalog(c.tx.Lang())
	w.SetCloseIntercept(c.quit)
	w.SetOnDropped(c.dropped)
	return c
}

// build makes every screen for the current interface language and puts
// them in the window. It runs again when the language changes; the
// workspace and selection are kept.
func (c *controller) build() {
	c.applyTheme()
	c.setMenu()
	c.addShortcuts()
	c.status = widgets.NewLabel("", c.tx.Lang(), false)
	if c.ws == nil {
		c.sidebar, c.editor, c.bench, c.preview, c.tabs = nil, nil, nil, nil, nil
		c.setContent(container.NewBorder(nil, c.statusLine(), nil, nil, c.welcome()))
		c.updateTitle()
		return
	}
	c.inWindow = false
	c.sidebar = newSidebar(c)
	c.editor = newEditor(c)
	c.bench = newWorkbench(c)
	c.preview = newPreview(c)
	c.editorTab = container.NewTabItemWithIcon(c.tx.T("TabStatement"), theme.DocumentCreateIcon(), c.editor.Content)
	c.benchTab = container.NewTabItemWithIcon(c.tx.T("TabTranslations"), theme.ListIcon(), c.bench.content)
	items := []*container.TabItem{c.editorTab, c.benchTab}
	if c.project() {
		// A go-i18n project has messages, not statements: no editor.
		items = items[1:]
		c.bench.visible(true)
	}
	if widgets.RightToLeft(c.tx.Lang()) {
		// Mirrored: read from the right, the statement comes first.
		slices.Reverse(items)
	}
	c.tabs = c.kit.NewTabs(items...)
	if !c.project() {
		c.tabs.Select(c.editorTab) // mirrored, it is not the first
	}
	c.tabs.OnSelected = func(t *container.TabItem) { c.bench.visible(t == c.benchTab) }
	main := c.panes()
	var top fyne.CanvasObject = c.toolbar()
	if n := c.ws.Config.Notice; n != "" {
		notice := widgets.NewLabel(n, "", true) // the workspace's words, in its own language
		notice.Importance = widget.WarningImportance
		top = container.NewVBox(top, notice)
	}
	if len(c.ws.CatalogErrors) > 0 {
		msg := widgets.NewLabel(c.tx.N("CatalogsUnreadable", len(c.ws.CatalogErrors), "Errors", errors.Join(c.ws.CatalogErrors...).Error()), c.tx.Lang(), true)
		msg.Importance = widget.DangerImportance
		top = container.NewVBox(top, msg)
	}
	// Fill the screens before they are in the window, so that everything
	// is laid out once, at the window's size.
	c.showStatement(c.st)
	c.setContent(container.NewBorder(top, c.statusLine(), nil, nil, main))
	c.inWindow = true
	c.updateTitle()
}

// panes puts the sidebar, the editing tabs and the preview side by side:
// from the left in a left-to-right interface, from the right (mirrored) in
// a right-to-left one. The preview stays a page either way.
func (c *controller) panes() fyne.CanvasObject {
	if c.project() {
		// No statements, so no page to preview.
		c.work = nil
		if widgets.RightToLeft(c.tx.Lang()) {
			main := container.NewHSplit(c.tabs, c.sidebar.content)
			main.Offset = 0.78
			return main
		}
		main := container.NewHSplit(c.sidebar.content, c.tabs)
		main.Offset = 0.22
		return main
	}
	if !widgets.RightToLeft(c.tx.Lang()) {
		c.work = container.NewHSplit(c.tabs, c.preview.Content)
		c.work.Offset = 0.58
		main := container.NewHSplit(c.sidebar.content, c.work)
		main.Offset = 0.19
		return main
	}
	c.work = container.NewHSplit(c.preview.Content, c.tabs)
	c.work.Offset = 0.42
	main := container.NewHSplit(c.work, c.sidebar.content)
	main.Offset = 0.81
	return main
}

func (c *controller) toolbar() fyne.CanvasObject {
	b := func(label string, icon fyne.Resource, f func()) fyne.CanvasObject {
		return c.kit.TextButton(label, icon, f, widget.LowImportance)
	}
	items := []fyne.CanvasObject{b(c.tx.T("Save"), theme.DocumentSaveIcon(), c.save), widget.NewSeparator()}
	if !c.project() {
		items = append(items,
			b(c.tx.T("NewStatement"), theme.ContentAddIcon(), c.newStatementDialog),
			b(c.tx.T("ImportText"), theme.FileTextIcon(), c.importDialog),
			widget.NewSeparator(),
			b(c.tx.T("ExportPDFs"), theme.UploadIcon(), c.exportDialog))
	}
	items = append(items,
		b(c.tx.T("VerifyPDF"), theme.ConfirmIcon(), c.verifyDialog),
		widget.NewSeparator(),
		b(c.tx.T("Settings"), theme.SettingsIcon(), c.settingsDialog))
	if widgets.RightToLeft(c.tx.Lang()) {
		// Mirrored: the first tool at the right edge.
		slices.Reverse(items)
		items = append([]fyne.CanvasObject{layout.NewSpacer()}, items...)
	}
	return container.NewHBox(items...)
}

// setMenu gives the window its main menu: the system's on macOS, else
// our own bar (typeset, mirrored in a right-to-left interface), with the
// items' shortcuts, F10 and Alt+letter working in the window.
func (c *controller) setMenu() {
	c.menu = c.mainMenu()
	if menubar.Native() {
		c.bar = nil
		c.win.SetMainMenu(c.menu)
		return
	}
	// Alt+letter from the title's first letter, or from the English
	// title's when the interface's script has no key for it.
	en := uitext.New("en")
	var keys []fyne.KeyName
	for _, title := range [][2]string{{c.tx.T("MenuFile"), en.T("MenuFile")}, {c.tx.T("MenuHelp"), en.T("MenuHelp")}} {
		t := []rune(title[0])
		if len(t) == 0 || t[0] > unicode.MaxASCII || !unicode.IsLetter(t[0]) {
			t = []rune(title[1])
		}
		keys = append(keys, fyne.KeyName(strings.ToUpper(string(t[0]))))
	}
	c.bar = menubar.New(c.kit, c.menu, keys...)
	c.bar.Register(c.win.Canvas())
	c.win.Canvas().SetOnTypedKey(func(k *fyne.KeyEvent) {
		if c.bar != nil {
			c.bar.TypedKey(k)
		}
	})
}

// setContent shows o under the menu bar (when the window draws one).
func (c *controller) setContent(o fyne.CanvasObject) {
	if c.bar != nil {
		o = container.NewBorder(c.bar.Obj, nil, nil, nil, o)
	}
	c.win.SetContent(o)
}

func (c *controller) mainMenu() *fyne.MainMenu {
	item := func(label string, sc fyne.Shortcut, f func()) *fyne.MenuItem {
		it := fyne.NewMenuItem(label, f)
		it.Shortcut = sc
		return it
	}
	recent := fyne.NewMenuItem(c.tx.T("OpenRecent"), nil)
	for _, dir := range c.prefs.recent() {
		recent.ChildMenu = appendMenu(recent.ChildMenu, fyne.NewMenuItem(dir, func() { c.openWorkspace(dir) }))
	}
	if recent.ChildMenu == nil {
		recent.Disabled = true
	}
	// Statement features only where there can be statements: not in a
	// go-i18n project opened as it is.
	hasWS := c.ws != nil && !c.project()
	save := item(c.tx.T("Save"), shortcutSave, c.save)
	save.Icon = theme.DocumentSaveIcon()
	items := []*fyne.MenuItem{
		item(c.tx.T("NewWorkspace"), nil, c.newWorkspaceDialog),
		item(c.tx.T("OpenFolderMenu"), ctrl(fyne.KeyO), c.openWorkspaceDialog),
		recent,
		fyne.NewMenuItemSeparator(),
		save,
		fyne.NewMenuItemSeparator(),
		disabledUnless(hasWS, item(c.tx.T("NewStatement"), ctrl(fyne.KeyN), c.newStatementDialog)),
		disabledUnless(hasWS, item(c.tx.T("ImportText"), ctrl(fyne.KeyI), c.importDialog)),
		disabledUnless(hasWS, item(c.tx.T("ExportPDFs"), ctrl(fyne.KeyE), c.exportDialog)),
		item(c.tx.T("VerifyPDF"), nil, c.verifyDialog),
		fyne.NewMenuItemSeparator(),
		item(c.tx.T("Settings"), ctrl(fyne.KeyComma), c.settingsDialog),
	}
	quit := item(c.tx.T("Quit"), ctrl(fyne.KeyQ), c.quit)
	quit.IsQuit = true
	items = append(items, fyne.NewMenuItemSeparator(), quit)
	file := fyne.NewMenu(c.tx.T("MenuFile"), items...)
	help := fyne.NewMenu(c.tx.T("MenuHelp"),
		fyne.NewMenuItem(c.tx.T("KeyboardShortcuts"), c.shortcutList),
		fyne.NewMenuItem(c.tx.T("About"), c.about))
	return fyne.NewMainMenu(file, help)
}

// ctrl is Ctrl+key (Cmd+key on macOS).
func ctrl(k fyne.KeyName) fyne.Shortcut {
	return &desktop.CustomShortcut{KeyName: k, Modifier: fyne.KeyModifierShortcutDefault}
}

func appendMenu(m *fyne.Menu, item *fyne.MenuItem) *fyne.Menu {
	if m == nil {
		return fyne.NewMenu("", item)
	}
	m.Items = append(m.Items, item)
	return m
}

func disabledUnless(ok bool, item *fyne.MenuItem) *fyne.MenuItem {
	item.Disabled = !ok
	return item
}

var shortcutSave = &desktop.CustomShortcut{KeyName: fyne.KeyS, Modifier: fyne.KeyModifierShortcutDefault}

// addShortcuts makes Ctrl+S work where no main menu catches it (in tests
// and on platforms that show no menu bar).
func (c *controller) addShortcuts() {
	c.win.Canvas().RemoveShortcut(shortcutSave)
	c.win.Canvas().AddShortcut(shortcutSave, func(fyne.Shortcut) { c.save() })
	c.addWorkbenchShortcuts()
}

// setWorkspace shows ws, which replaces whatever was open.
func (c *controller) setWorkspace(ws *workspace.Workspace) {
	c.ws = ws
	c.st = nil
	if len(ws.Statements) > 0 {
		c.st = ws.Statements[0]
	}
	c.lang = ""
	if langs := ws.Languages()[1:]; len(langs) > 0 {
		c.lang = langs[0]
	}
	c.prefs.opened(ws.Dir)
	c.refreshStatus()
	c.build()
	c.setStatus(c.tx.T("Opened", "Path", widgets.IsolateLTR(ws.Dir)))
	c.startJournal()
	c.offerRecovery()
}

// openWorkspace opens the workspace in dir, first asking what to do with
// unsaved changes in the current one.
func (c *controller) openWorkspace(dir string) {
	c.whenSaved(func() {
		ws, err := workspace.Open(dir)
		if err != nil {
			if errors.Is(err, workspace.ErrNotWorkspace) {
				c.prefs.forget(dir)
			}
			c.showError(err)
			return
		}
		c.setWorkspace(ws)
	})
}

// reload reads the workspace again from disk, dropping unsaved edits.
func (c *controller) reload() {
	if c.ws == nil {
		return
	}
	sel := ""
	if c.st != nil {
		sel = c.st.ID
	}
	lang := c.lang
	ws, err := workspace.Open(c.ws.Dir)
	if err != nil {
		c.showError(err)
		return
	}
	c.setWorkspace(ws)
	if st := ws.Statement(sel); st != nil {
		c.selectStatement(st)
	}
	if slices.Contains(ws.Languages()[1:], lang) {
		c.setLanguage(lang)
	}
}

// refreshStatus recomputes the status of every target language.
func (c *controller) refreshStatus() {
	clear(c.reports)
	clear(c.index)
	if c.ws == nil {
		return
	}
	for _, lang := range c.ws.Languages()[1:] {
		c.refreshLang(lang)
	}
}

func (c *controller) refreshLang(lang string) {
	rep, ok := c.ws.Status(lang)
	if !ok {
		delete(c.reports, lang)
		delete(c.index, lang)
		return
	}
	c.reports[lang] = rep
	idx := c.index[lang]
	if idx == nil {
		idx = make(map[string]int, len(rep.Entries))
		c.index[lang] = idx
	} else {
		clear(idx)
	}
	for i, e := range rep.Entries {
		idx[e.ID] = i
	}
}

// selectStatement shows st in the editor, workbench and preview.
func (c *controller) selectStatement(st *statement.Statement) {
	if st == c.st {
		return
	}
	c.st = st
	c.showStatement(st)
	c.updateTitle()
}

func (c *controller) showStatement(st *statement.Statement) {
	if c.sidebar == nil {
		return
	}
	c.sidebar.selectStatement(st)
	c.editor.Show(st)
	c.bench.show(st)
	c.preview.Show(st)
}

// setLanguage picks the target language of the workbench (and follows it
// in the preview).
func (c *controller) setLanguage(lang string) {
	if c.bench == nil {
		return
	}
	c.lang = lang
	c.bench.setLanguage(lang)
	c.preview.SetLanguage(lang)
	c.sidebar.showLanguages()
}

// openLanguage shows the workbench for lang.
func (c *controller) openLanguage(lang string) {
	c.setLanguage(lang)
	c.tabs.Select(c.benchTab)
}

// showEditor brings the statement editor's tab to the front.
func (c *controller) showEditor() {
	if !c.project() {
		c.tabs.Select(c.editorTab)
	}
}

// project reports whether the open folder is an existing go-i18n project
// (opened as it is, without communique.toml): the window then offers its
// messages to translate and no statement features.
func (c *controller) project() bool { return c.ws != nil && c.ws.Layout != nil }

// sourceEdited is called after the source text of a part changed.
func (c *controller) sourceEdited(id string) {
	c.noteEdit(c.ws.Config.SourceLanguage, id)
	c.refreshStatus()
	c.bench.partChanged(id)
	c.sidebar.showProgress()
	if c.st != nil && id == c.st.TitleID {
		c.sidebar.refreshTitles()
	}
	c.preview.Schedule()
	c.updateTitle()
}

// translationEdited is called after a translation changed.
func (c *controller) translationEdited(lang, id string) {
	c.noteEdit(lang, id)
	c.refreshLang(lang)
	c.bench.partChanged(id)
	c.sidebar.showProgress()
	if c.preview.Lang() == lang {
		c.preview.Schedule()
	}
	c.updateTitle()
}

// structureChanged is called after paragraphs were added, removed, split,
// merged or moved.
func (c *controller) structureChanged() {
	c.noteStructure(c.st)
	c.refreshStatus()
	c.editor.Show(c.st)
	c.bench.show(c.st)
	c.sidebar.showProgress()
	c.preview.Schedule()
	c.updateTitle()
}

// metadataEdited is called after the issuing body, place or date changed.
// The issuing body and the place are translated parts: the workbench gains,
// loses or updates their rows.
func (c *controller) metadataEdited() {
	c.ws.StatementChanged(c.st)
	c.noteMeta(c.st)
	c.letterheadChanged()
}

// letterheadChanged is called after the organisation, an issuing body or a
// place changed in the source catalog.
func (c *controller) letterheadChanged() {
	c.refreshStatus()
	c.bench.show(c.st)
	c.sidebar.showProgress()
	c.preview.Schedule()
	c.updateTitle()
}

// statementsChanged is called after a statement was added.
func (c *controller) statementsChanged(st *statement.Statement) {
	c.refreshStatus()
	c.sidebar.refreshStatements()
	c.st = nil
	c.selectStatement(st)
	c.sidebar.showProgress()
	c.updateTitle()
}

// languagesChanged is called after a language was added.
func (c *controller) languagesChanged(lang string) {
	c.refreshStatus()
	c.bench.refreshLanguages()
	c.preview.RefreshLanguages()
	c.setLanguage(lang)
	c.updateTitle()
	c.warnFontCoverage(lang)
}

// warnFontCoverage says at once when no font can draw a newly added
// language, rather than at its first export.
func (c *controller) warnFontCoverage(lang string) {
	cov, err := c.fontCoverage(lang)
	if err != nil {
		c.showError(err)
		return
	}
	if cov.Covered() {
		return
	}
	sample := cov.Missing[:min(len(cov.Missing), 8)]
	c.showInfo(c.tx.T("FontNotCoveredTitle"), c.tx.T("FontNotCovered", "Language", languageName(lang),
		"Count", len(cov.Missing), "Total", cov.Exemplars, "Sample", strings.Join(strings.Split(string(sample), ""), " ")))
}

// updateTitle shows the workspace, the statement and the unsaved mark.
func (c *controller) updateTitle() {
	if c.ws == nil {
		c.win.SetTitle(c.tx.T("AppName"))
		return
	}
	dirty := c.ws.Dirty()
	name := filepath.Base(c.ws.Dir)
	var title string
	if dirty {
		title = c.tx.T("WindowTitleUnsaved", "Workspace", name)
	} else {
		title = c.tx.T("WindowTitle", "Workspace", name)
	}
	c.win.SetTitle(title)
	if dirty != c.shownDirty {
		c.shownDirty = dirty
		if dirty {
			c.setStatus(c.tx.T("UnsavedChanges"))
		}
	}
}

// refreshIfShown redraws a container that is in the window. One that is
// not yet is laid out when it arrives, at its real size: laying it out now
// would wrap every paragraph at zero width for nothing.
func (c *controller) refreshIfShown(o fyne.CanvasObject) {
	if c.inWindow {
		o.Refresh()
	}
}

func (c *controller) statusLine() fyne.CanvasObject {
	if c.firstFrame {
		return container.NewBorder(nil, nil, nil, c.frameProbe(), c.status)
	}
	return c.status
}

func (c *controller) setStatus(s string) {
	if c.status != nil {
		c.status.SetText(s)
	}
}

// save writes every change. A file someone else changed meanwhile is not
// overwritten: the user chooses between reloading and keeping their edits.
func (c *controller) save() {
	c.saveThen(nil)
}

func (c *controller) saveThen(after func()) <-chan struct{} {
	if c.ws == nil {
		return closed()
	}
	if c.exporting {
		c.setStatus(c.tx.T("SaveAfterExport"))
		return closed()
	}
	if c.saving != nil {
		return c.saving // the save under way writes these edits too
	}
	done := make(chan struct{})
	c.saving, c.lastSave = done, done
	c.setStatus(c.tx.T("Saving"))
	ws := c.ws
	go func() {
		// Another process (a merge) may hold the folder for seconds:
		// wait for it here, off the UI thread. The writing itself reads
		// the model the UI edits, so it runs on the UI thread, quickly.
		// The workspace's locks are its folder's and its catalogs' (a
		// merge may reach the catalogs by their own folder).
		l, err := ws.Lock(true, c.lockWait)
		if err == nil {
			err = l.Unlock()
		}
		fyne.Do(func() {
			defer close(done)
			c.saving = nil
			if c.ws != ws {
				return // another workspace was opened meanwhile
			}
			c.saveNow(err, after)
		})
	}()
	return done
}

func closed() <-chan struct{} {
	ch := make(chan struct{})
	close(ch)
	return ch
}

// saveNow writes the workspace once the folder was found free (waitErr
// nil). The lock is taken again by Save with a short wait, as another
// process may just have taken it.
func (c *controller) saveNow(waitErr error, after func()) {
	err := waitErr
	if err == nil {
		c.ws.LockWait = saveLockWait
		err = c.ws.Save()
	}
	if err != nil {
		var conflict *safefile.ConflictError
		switch {
		case errors.As(err, &conflict):
			c.conflictDialog(err)
		case errors.Is(err, safefile.ErrLocked):
			c.setStatus(c.tx.T("FolderInUseTitle"))
			c.showInfo(c.tx.T("FolderInUseTitle"), c.tx.T("FolderInUse"))
		default:
			c.showError(err)
		}
		c.updateTitle()
		return
	}
	c.updateTitle()
	c.journalSaved()
	c.setStatus(c.tx.T("SavedAt", "Time", c.now().Format("15:04")))
	if after != nil {
		after()
	}
}

// saveLockWait is how long a save on the UI thread waits for the folder's
// lock, which it found free a moment before.
const saveLockWait = 300 * time.Millisecond

func (c *controller) conflictDialog(err error) {
	c.kit.Confirm(c.tx.T("ConflictTitle"), c.dialogText(c.tx.T("ConflictExplain", "Error", err.Error()), "", 480),
		c.tx.T("ReloadFromDisk"), c.tx.T("KeepMyEdits"), func(reload bool) {
			if reload {
				c.reload()
			}
		})
}

// whenSaved runs next once the user has decided about unsaved changes:
// save them, discard them, or cancel (next is not run).
func (c *controller) whenSaved(next func()) {
	if c.ws == nil || !c.ws.Dirty() {
		next()
		return
	}
	var d *widgets.Modal
	save := func() {
		d.Hide()
		c.saveThen(next)
	}
	cancel := func() { d.Hide() }
	msg := c.dialogText(c.tx.T("UnsavedQuestion", "Workspace", widgets.IsolateLTR(filepath.Base(c.ws.Dir))), c.tx.Lang(), 420)
	d = c.kit.NewModal(c.tx.T("UnsavedTitle"), msg,
		c.kit.NewLabelButton(c.tx.T("Cancel"), nil, cancel, widget.MediumImportance),
		c.kit.NewLabelButton(c.tx.T("DontSave"), nil, func() { d.Hide(); c.journalSaved(); next() }, widget.DangerImportance),
		c.kit.NewLabelButton(c.tx.T("Save"), theme.DocumentSaveIcon(), save, widget.HighImportance))
	d.OnConfirm, d.OnCancel = save, cancel
	d.Show()
}

// quit closes the window once unsaved changes are dealt with.
func (c *controller) quit() {
	c.whenSaved(func() {
		c.win.SetCloseIntercept(nil)
		c.win.Close()
	})
}

func (c *controller) showError(err error) { c.kit.Error(err) }

func (c *controller) about() {
	c.kit.Notice(c.tx.T("AppName"), c.dialogText(c.tx.T("AboutText", "Version", c.app.Metadata().Version), c.tx.Lang(), 420))
}

// dropped handles files dropped on the window: a PDF is verified, a text
// file imported, a workspace folder opened.
func (c *controller) dropped(_ fyne.Position, uris []fyne.URI) {
	if len(uris) == 0 {
		return
	}
	p := uris[0].Path()
	switch ext := filepath.Ext(p); {
	case ext == ".pdf" || ext == ".PDF":
		c.verifyFile(p)
	case ext == ".txt" || ext == ".TXT":
		if c.ws != nil {
			c.importFile(p)
		}
	default:
		if fi, err := os.Stat(filepath.Join(p, workspace.ConfigFile)); err == nil && !fi.IsDir() {
			c.openWorkspace(p)
		} else {
			c.showError(fmt.Errorf("%s: %s", p, c.tx.T("DropUnknown")))
		}
	}
}
