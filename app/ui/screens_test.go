package ui

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"communique/app/export"
	"communique/app/sign"
	"communique/app/ui/widgets"
	"communique/i18n/catalog"
	"communique/i18n/uitext"
)

// walk visits o and everything drawn inside it.
func walk(o fyne.CanvasObject, visit func(fyne.CanvasObject)) {
	visit(o)
	switch x := o.(type) {
	case *fyne.Container:
		for _, c := range x.Objects {
			walk(c, visit)
		}
	case fyne.Widget:
		for _, c := range test.WidgetRenderer(x).Objects() {
			walk(c, visit)
		}
	}
}

// overlayButton finds a button by its text in the topmost dialog.
func overlayButton(t *testing.T, c *controller, text string) *widget.Button {
	t.Helper()
	top := c.win.Canvas().Overlays().Top()
	if top == nil {
		t.Fatalf("no dialog is open (looking for %q)", text)
	}
	var found *widget.Button
	walk(top, func(o fyne.CanvasObject) {
		if b, ok := o.(*widget.Button); ok && b.Text == text && found == nil {
			found = b
		}
		if b, ok := o.(*widgets.TapButton); ok && b.Caption() == text && found == nil {
			found = &b.Button
		}
	})
	if found == nil {
		t.Fatalf("the dialog has no %q button", text)
	}
	return found
}

// overlayText is all label text in the topmost dialog.
func overlayText(c *controller) string {
	top := c.win.Canvas().Overlays().Top()
	if top == nil {
		return ""
	}
	var b strings.Builder
	walk(top, func(o fyne.CanvasObject) {
		switch l := o.(type) {
		case *widget.Label:
			b.WriteString(l.Text + "\n")
		case *widgets.Label:
			b.WriteString(l.Text() + "\n")
		}
	})
	return b.String()
}

func TestCtrlSSaves(t *testing.T) {
	c := newTestUI(t, fixture(t, 0))
	id := c.st.Paragraphs[1]
	test.Type(c.editor.Rows[1].Entry, "Yesterday ")
	if !c.ws.Dirty() || !strings.HasPrefix(c.win.Title(), "•") {
		t.Fatal("an edit does not show as unsaved")
	}
	c.win.Canvas().(fyne.Shortcutable).TypedShortcut(shortcutSave)
	waitSave(t, c)
	if c.ws.Dirty() || strings.HasPrefix(c.win.Title(), "•") {
		t.Errorf("after Ctrl+S: dirty=%v, title %q", c.ws.Dirty(), c.win.Title())
	}
	data, err := os.ReadFile(c.ws.CatalogPath("en"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(data, []byte("Yesterday The Political Directors")) {
		t.Errorf("%s does not hold the edit of %s", c.ws.CatalogPath("en"), id)
	}
}

// A catalog changed on disk is never overwritten: saving says so and
// offers to reload, which brings back the other person's version.
func TestSaveConflictOffersReload(t *testing.T) {
	c := newTestUI(t, fixture(t, 0))
	test.Type(c.editor.Rows[0].Entry, "Mine: ")
	p := c.ws.CatalogPath("en")
	theirs, _ := os.ReadFile(p)
	theirs = append(theirs, []byte("\n# edited by a colleague\n")...)
	if err := os.WriteFile(p, theirs, 0o644); err != nil {
		t.Fatal(err)
	}
	c.save()
	waitSave(t, c)
	if got := overlayText(c); !strings.Contains(got, "changed") {
		t.Fatalf("no conflict explained; dialog says %q", got)
	}
	if data, _ := os.ReadFile(p); !bytes.Equal(data, theirs) {
		t.Fatal("the colleague's file was overwritten")
	}
	test.Tap(overlayButton(t, c, c.tx.T("ReloadFromDisk")))
	if c.ws.Dirty() {
		t.Error("still dirty after reload")
	}
	if strings.HasPrefix(c.ws.Text("en", c.st.Paragraphs[0]), "Mine: ") {
		t.Error("reload kept the discarded edit")
	}
}

func TestClosingWithUnsavedChangesAsks(t *testing.T) {
	c := newTestUI(t, fixture(t, 0))
	windows := func() int { return len(fyne.CurrentApp().Driver().AllWindows()) }
	open := windows()
	test.Type(c.editor.Rows[0].Entry, "Draft ")
	c.quit()
	test.Tap(overlayButton(t, c, c.tx.T("Cancel")))
	if windows() != open {
		t.Fatal("Cancel closed the window")
	}
	c.quit()
	test.Tap(overlayButton(t, c, c.tx.T("Save")))
	waitSave(t, c)
	if windows() != open-1 {
		t.Fatal("Save did not close the window")
	}
	data, _ := os.ReadFile(c.ws.CatalogPath("en"))
	if !bytes.Contains(data, []byte("Draft The Political")) {
		t.Error("Save on close did not save")
	}
}

func TestParagraphOperations(t *testing.T) {
	c := newTestUI(t, fixture(t, 0))
	st := c.st
	n := len(st.Paragraphs)
	first := c.ws.Text("en", st.Paragraphs[0])

	// Split paragraph 1 after its first sentence-like part.
	en := c.editor.Rows[0].Entry
	cut := strings.Index(first, " to reaffirm")
	en.SetCursor(len([]rune(first[:cut])))
	c.editor.Split(0, en)
	if len(st.Paragraphs) != n+1 {
		t.Fatalf("split: %d paragraphs, want %d", len(st.Paragraphs), n+1)
	}
	if a, b := c.ws.Text("en", st.Paragraphs[0]), c.ws.Text("en", st.Paragraphs[1]); a != strings.TrimSpace(first[:cut]) || !strings.HasPrefix(b, "to reaffirm") {
		t.Errorf("split gave %q | %q", a, b)
	}
	if len(c.editor.Rows) != n+1 {
		t.Errorf("editor shows %d rows", len(c.editor.Rows))
	}
	if e, _ := c.entry("ar", st.Paragraphs[0]); e.State != catalog.NeedsReview {
		t.Errorf("the split paragraph's Arabic is %s, want needs_review", e.State)
	}

	// Merge it back.
	c.editor.Merge(0)
	if len(st.Paragraphs) != n || c.ws.Text("en", st.Paragraphs[0]) != first {
		t.Errorf("merge gave %d paragraphs, first %q", len(st.Paragraphs), c.ws.Text("en", st.Paragraphs[0]))
	}

	// Move paragraph 1 down: IDs move, translations stay current.
	id := st.Paragraphs[0]
	c.editor.Move(0, 1)
	if st.Paragraphs[1] != id {
		t.Errorf("move: %v", st.Paragraphs)
	}
	if c.editor.Rows[1].ID != id || c.editor.Rows[1].Num.Text() != c.tx.T("ParagraphNumber", "N", 2) {
		t.Error("the editor does not show the moved paragraph second")
	}

	// Insert an empty paragraph, then delete it through the confirmation.
	c.editor.Insert(2)
	if len(st.Paragraphs) != n+1 || c.ws.Text("en", st.Paragraphs[2]) != "" {
		t.Fatalf("insert: %d paragraphs", len(st.Paragraphs))
	}
	c.editor.ConfirmDelete(2)
	test.Tap(overlayButton(t, c, c.tx.T("Delete")))
	if len(st.Paragraphs) != n {
		t.Errorf("delete: %d paragraphs, want %d", len(st.Paragraphs), n)
	}
	if !strings.HasPrefix(c.win.Title(), "•") {
		t.Error("structure edits do not show as unsaved")
	}
}

func TestImportShowsDroppedBoilerplate(t *testing.T) {
	c := newTestUI(t, fixture(t, 0))
	seed, _ := filepath.Abs(filepath.Join("testdata", "seed-statement.txt"))
	// A second copy under another title, so it gets its own ID.
	data, _ := os.ReadFile(seed)
	p := filepath.Join(t.TempDir(), "second.txt")
	os.WriteFile(p, bytes.Replace(data, []byte("Statement by"), []byte("Second statement by"), 1), 0o644)
	c.importFile(p)
	got := overlayText(c)
	for _, want := range []string{c.tx.N("ImportFoundParagraphs", 6), "cookies", c.tx.N("ImportDropped", 1)} {
		if !strings.Contains(got, want) {
			t.Errorf("import report lacks %q:\n%s", want, got)
		}
	}
	test.Tap(overlayButton(t, c, c.tx.T("Import")))
	if len(c.ws.Statements) != 2 || c.st == nil || !strings.HasPrefix(c.st.ID, "second-") {
		t.Fatalf("after import: %d statements, selected %v", len(c.ws.Statements), c.st)
	}
	if len(c.st.Paragraphs) != 6 || len(c.editor.Rows) != 6 {
		t.Errorf("imported statement has %d paragraphs, editor %d rows", len(c.st.Paragraphs), len(c.editor.Rows))
	}
	for _, id := range c.st.Paragraphs {
		if strings.Contains(c.ws.Text("en", id), "cookies") {
			t.Error("the cookie banner was imported")
		}
	}
}

func TestVerifySaysWhatItMeans(t *testing.T) {
	ws := fixture(t, 0)
	out := t.TempDir()
	id, err := sign.LoadFile(testIdentity(t), "")
	if err != nil {
		t.Fatal(err)
	}
	plan, err := export.Prepare(ws, export.Options{Langs: []string{"en"}, OutDir: out, Identity: id})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := plan.Run(context.Background()); err != nil {
		t.Fatal(err)
	}
	c := newTestUI(t, ws)
	good := filepath.Join(out, "seed.en.pdf")
	<-c.verifyFile(good) // verification runs off the UI thread
	got := overlayText(c)
	// Intact, but nothing in this workspace vouches for the signer.
	for _, want := range []string{c.tx.T("VerdictUntrusted"), c.tx.T("TrustSelfSigned"), c.tx.T("CoversWhole"), "Test Spokesperson"} {
		if !strings.Contains(got, want) {
			t.Errorf("report on a good file lacks %q:\n%s", want, got)
		}
	}
	if c.verdictLine.Importance != widget.WarningImportance {
		t.Errorf("an untrusted signer is shown with importance %d, want a warning", c.verdictLine.Importance)
	}

	data, _ := os.ReadFile(good)
	bad := filepath.Join(out, "tampered.pdf")
	os.WriteFile(bad, append(data, []byte("\n% appended after signing\n")...), 0o644)
	<-c.verifyFile(bad) // verification runs off the UI thread
	if got := overlayText(c); strings.Contains(got, c.tx.T("VerdictValid")) || c.verdictLine.Importance != widget.DangerImportance {
		t.Errorf("a file with bytes appended is not shown as a danger:\n%s", got)
	}

	notPDF := filepath.Join(out, "note.pdf")
	os.WriteFile(notPDF, []byte("hello"), 0o644)
	<-c.verifyFile(notPDF) // verification runs off the UI thread
	if got := overlayText(c); !strings.Contains(got, "cannot be verified") {
		t.Errorf("a non-PDF is not reported plainly:\n%s", got)
	}
}

func TestSettingsChangeLanguageAndKeepNoPassword(t *testing.T) {
	c := newTestUI(t, fixture(t, 0))
	test.Type(c.editor.Rows[0].Entry, "Unsaved ")
	c.settingsDialog()
	s := c.settings
	for i, code := range s.Codes {
		if code == "fr" {
			s.UILang.SetSelectedIndex(i)
		}
	}
	s.Identity.SetText("/keys/officer.p12")
	s.TSA.SetText("http://127.0.0.1:1/tsr")
	s.Org.SetText("Ministère des Tests")
	test.Tap(overlayButton(t, c, c.tx.T("Save")))
	if c.tx.Lang() != "fr" || c.tabs.Items[1].Text != uitext.New("fr").T("TabTranslations") {
		t.Fatalf("interface did not switch to French (tab %q)", c.tabs.Items[1].Text)
	}
	if !strings.HasPrefix(c.ws.Text("en", c.st.Paragraphs[0]), "Unsaved ") || !c.ws.Dirty() {
		t.Error("switching language lost the unsaved edit")
	}
	if c.editor.Rows[0].Entry.Text() != c.ws.Text("en", c.st.Paragraphs[0]) {
		t.Error("the rebuilt editor does not show the edit")
	}
	if c.prefs.Identity() != "/keys/officer.p12" || c.prefs.TSA() != "http://127.0.0.1:1/tsr" {
		t.Error("identity path or TSA URL not stored")
	}
	if c.ws.Config.Organisation != "Ministère des Tests" {
		t.Error("letterhead not set on the workspace")
	}
	if !strings.Contains(c.win.Title(), "non enregistré") {
		t.Errorf("title %q not in French", c.win.Title())
	}
}

func TestAddLanguage(t *testing.T) {
	c := newTestUI(t, fixture(t, 0))
	if err := c.ws.AddLanguage("de"); err != nil {
		t.Fatal(err)
	}
	c.languagesChanged("de")
	if _, ok := c.sidebar.rows["de"]; !ok {
		t.Error("the sidebar does not list German")
	}
	if c.lang != "de" || c.bench.lang != "de" || c.preview.Lang() != "de" {
		t.Errorf("language now %q/%q/%q", c.lang, c.bench.lang, c.preview.Lang())
	}
	c.tabs.SelectIndex(1)
	// Organisation, title, issuing body, place and six paragraphs.
	if got := c.reports["de"]; got.Missing != 10 {
		t.Errorf("German reports %d missing, want 10", got.Missing)
	}
	if got := len(c.bench.visibleRows()); got != 10 {
		t.Errorf("workbench shows %d German parts", got)
	}
}

// A plural source message gets one box per CLDR form of the target
// language: six for Arabic.
func TestPluralFormsPerLanguage(t *testing.T) {
	ws := fixture(t, 0)
	st := ws.Statements[0]
	src := ws.Source()
	m, _ := src.Get(st.TitleID)
	m.One, m.Other = "{{.Count}} statement", "{{.Count}} statements"
	src.Set(m)
	c := newTestUI(t, ws)
	c.openLanguage("ar")
	r := c.bench.rows[st.TitleID]
	var forms []string
	for _, f := range r.forms {
		forms = append(forms, f.form)
	}
	if strings.Join(forms, ",") != "zero,one,two,few,many,other" {
		t.Fatalf("Arabic plural boxes: %v", forms)
	}
	for _, f := range r.forms {
		f.entry.SetText("")
	}
	test.Type(r.forms[3].entry, "{{.Count}} بيانات")
	test.Type(r.forms[5].entry, "{{.Count}} بيان")
	got, _ := ws.Catalogs["ar"].Get(st.TitleID)
	if got.Few != "{{.Count}} بيانات" || got.Other != "{{.Count}} بيان" || got.Hash != catalog.Hash(m.Description, m.Other) {
		t.Errorf("stored %+v", got)
	}
	if e, _ := c.entry("ar", st.TitleID); len(e.Problems) == 0 {
		t.Error("missing plural forms raise no QA problem")
	}
}

// Without a workspace the window offers to open, create or try the
// sample, and lists recent workspaces; one that is gone is forgotten.
func TestWelcomeAndRecentWorkspaces(t *testing.T) {
	ws := fixture(t, 0)
	gone := filepath.Join(t.TempDir(), "gone")
	a := test.NewApp()
	defer a.Quit()
	a.Preferences().SetString(prefUILanguage, "en")
	a.Preferences().SetStringList(prefRecent, []string{ws.Dir, gone})
	w := a.NewWindow("t")
	c := newController(a, w)
	if dir := c.startWorkspace(); dir != "" {
		t.Fatalf("with recent workspaces but none open, start opens %q", dir)
	}
	c.build()
	var buttons []string
	walk(w.Content(), func(o fyne.CanvasObject) {
		if b, ok := o.(*widget.Button); ok {
			buttons = append(buttons, b.Text)
		}
		if b, ok := o.(*widgets.TapButton); ok {
			buttons = append(buttons, b.Caption())
		}
	})
	for _, want := range []string{c.tx.T("OpenWorkspace"), c.tx.T("NewWorkspace"), c.tx.T("OpenSample"), ws.Dir, gone} {
		if !slices.Contains(buttons, want) {
			t.Errorf("welcome screen lacks %q (has %q)", want, buttons)
		}
	}
	c.openWorkspace(gone)
	if slices.Contains(c.prefs.recent(), gone) {
		t.Error("a folder that is not a workspace stays in the recent list")
	}
	c.openWorkspace(ws.Dir)
	if c.ws == nil || c.prefs.lastWorkspace() != ws.Dir || c.prefs.recent()[0] != ws.Dir {
		t.Errorf("opening did not record %s (recent %v)", ws.Dir, c.prefs.recent())
	}
	if !strings.Contains(w.Title(), filepath.Base(ws.Dir)) {
		t.Errorf("title %q does not name the workspace", w.Title())
	}
}

// Dropping files on the window: a PDF is verified, a text file imported.
func TestDroppedFiles(t *testing.T) {
	c := newTestUI(t, fixture(t, 0))
	dir := t.TempDir()
	unsigned := filepath.Join(dir, "plain.pdf")
	os.WriteFile(unsigned, []byte("%PDF-1.7\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"), 0o644)
	c.dropped(fyne.NewPos(10, 10), []fyne.URI{storage.NewFileURI(unsigned)})
	// Verification runs off the UI thread; its dialog comes when it is done.
	for deadline := time.Now().Add(10 * time.Second); !strings.Contains(overlayText(c), "plain.pdf") && time.Now().Before(deadline); {
		time.Sleep(10 * time.Millisecond)
	}
	if got := overlayText(c); !strings.Contains(got, "plain.pdf") {
		t.Errorf("dropping a PDF did not verify it:\n%s", got)
	}
	seed, _ := filepath.Abs(filepath.Join("testdata", "seed-statement.txt"))
	c.dropped(fyne.NewPos(10, 10), []fyne.URI{storage.NewFileURI(seed)})
	if got := overlayText(c); !strings.Contains(got, c.tx.N("ImportFoundParagraphs", 6)) {
		t.Errorf("dropping a text file did not offer to import it:\n%s", got)
	}
}

// First start, as `make run` on a new machine: no preferences, so the
// window opens a fresh copy of the bundled sample statement.
func TestFirstStartOpensSample(t *testing.T) {
	cfg := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", cfg)
	t.Setenv("HOME", cfg)
	t.Setenv("COMMUNIQUE_WORKSPACE", "")
	a := test.NewApp()
	defer a.Quit()
	a.Preferences().SetString(prefUILanguage, "en")
	w := a.NewWindow("t")
	c := newController(a, w)
	c.start()
	if c.ws == nil {
		t.Fatal("no workspace open on first start")
	}
	if !strings.HasPrefix(c.ws.Dir, cfg) || len(c.ws.Statements) != 1 || len(c.ws.Languages()) != 4 {
		t.Errorf("opened %s with %d statements, languages %v", c.ws.Dir, len(c.ws.Statements), c.ws.Languages())
	}
	if !strings.Contains(w.Title(), "Sample workspace") {
		t.Errorf("title %q does not name the sample", w.Title())
	}
	if c.prefs.lastWorkspace() != c.ws.Dir {
		t.Error("the sample was not remembered for the next start")
	}
}
