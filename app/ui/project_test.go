package ui

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"fyne.io/fyne/v2/test"

	"communique/app/safefile"
	"communique/app/statement"
	"communique/app/ui/widgets"
	"communique/app/workspace"
	"communique/i18n/catalog"
)

// fyneTranslations copies Fyne's own go-i18n catalogs
// (lang/translations/base.*.json, from the module cache) into a fresh
// folder: a real project nobody here wrote.
func fyneTranslations(t *testing.T) string {
	t.Helper()
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "fyne.io/fyne/v2").Output()
	if err != nil {
		t.Fatalf("go list fyne.io/fyne/v2: %v", err)
	}
	src := filepath.Join(strings.TrimSpace(string(out)), "lang", "translations")
	files, err := filepath.Glob(filepath.Join(src, "base.*.json"))
	if err != nil || len(files) < 5 {
		t.Fatalf("Fyne's catalogs in %s: %v (%d files)", src, err, len(files))
	}
	dir := filepath.Join(t.TempDir(), "fyne-lang")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, filepath.Base(f)), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// openProject opens dir as the user does with File → Open folder.
func openProject(t *testing.T, dir string) *controller {
	t.Helper()
	ws, err := workspace.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	if ws.Layout == nil || len(ws.Statements) > 0 {
		t.Fatalf("%s did not open as a go-i18n project", dir)
	}
	return newTestUI(t, ws)
}

// Fyne's own catalogs open as a project: the workbench lists every
// message of the source catalog by ID, typing into one translation with
// our text widget and saving changes that message's line only, and the
// statement features (editor, preview, export) are not offered.
func TestOpenFolderFyneCatalogsEditsOneMessage(t *testing.T) {
	dir := fyneTranslations(t)
	c := openProject(t, dir)
	if c.ws.Config.SourceLanguage != "en" {
		t.Fatalf("source language %q, want en", c.ws.Config.SourceLanguage)
	}
	c.openLanguage("fr")
	want := c.ws.Source().Messages()
	if len(c.bench.order) != len(want) {
		t.Fatalf("the workbench lists %d messages, the source catalog has %d", len(c.bench.order), len(want))
	}
	for i, m := range want {
		if c.bench.order[i] != m.ID || c.bench.rows[m.ID].head.Text() != m.ID {
			t.Fatalf("row %d is %q, want the message %q", i, c.bench.order[i], m.ID)
		}
	}
	if len(c.tabs.Items) != 1 || c.tabs.Items[0].Content != c.bench.content {
		t.Error("a project without statements shows statement tabs")
	}
	for _, o := range test.LaidOutObjects(c.win.Content()) {
		if o == c.preview.Content || o == c.editor.Content {
			t.Fatal("the preview or the statement editor is in a window with no statements")
		}
	}
	for _, it := range c.menu.Items[0].Items {
		if (it.Label == c.tx.T("ExportPDFs") || it.Label == c.tx.T("NewStatement")) && !it.Disabled {
			t.Errorf("menu item %q is offered with no statements", it.Label)
		}
	}

	path := c.ws.CatalogPath("fr")
	before, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	r := c.bench.rows["Quit"]
	if r == nil || len(r.forms) != 1 || r.forms[0].entry.Text() != "Quitter" {
		t.Fatalf("the Quit row does not show the French %q", "Quitter")
	}
	e := r.forms[0].entry
	e.SetCursor(utf8.RuneCountInString(e.Text()))
	test.Type(e, " l'application")
	c.save()
	waitSave(t, c)
	after, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	// Only the Quit message changed: its text, and the hash of the source
	// it translates, as goi18n merge records it.
	block := "    \"Quit\": {\n        \"hash\": \"" + catalog.Hash("", "Quit") + "\",\n        \"other\": \"Quitter l'application\"\n    },"
	wantFile := bytes.Replace(before, []byte(`    "Quit": "Quitter",`), []byte(block), 1)
	if bytes.Equal(wantFile, before) || !bytes.Equal(after, wantFile) {
		t.Fatalf("saving changed more than the Quit message of base.fr.json:\n%s", after)
	}
	// Settings applied in a project change nothing in it.
	c.settingsDialog()
	c.settings.Org.SetText("Fyne Project")
	test.Tap(overlayButton(t, c, c.tx.T("Save")))
	c.save()
	waitSave(t, c)
	if again, _ := os.ReadFile(path); !bytes.Equal(again, after) {
		t.Error("applying the settings changed base.fr.json")
	}
	if _, ok := c.ws.Source().Get(statement.OrganisationID); ok {
		t.Error("applying the settings added an organisation message to the project")
	}
	if _, err := os.Stat(filepath.Join(dir, workspace.ConfigFile)); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("saving a project wrote a %s into it (%v)", workspace.ConfigFile, err)
	}
	ws, err := workspace.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	if got := ws.Text("fr", "Quit"); got != "Quitter l'application" {
		t.Errorf("read back: %q", got)
	}
}

// hugoProject writes a Hugo-style i18n/ folder with what go-i18n messages
// can carry: a description, template variables and plural forms.
func hugoProject(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "site")
	i18n := filepath.Join(dir, "i18n")
	if err := os.MkdirAll(i18n, 0o755); err != nil {
		t.Fatal(err)
	}
	files := map[string]string{
		"en.toml": `# Strings of the site theme.
[readingTime]
description = "Under each article title"
one = "{{ .Count }} minute to read"
other = "{{ .Count }} minutes to read"

[greeting]
description = "Top of the home page"
other = "Hello {{.Name}}, welcome to {{ .Site }}"

[home]
other = "Home"
`,
		"fr.toml": `# Chaînes du thème.
[readingTime]
one = "{{ .Count }} minute de lecture"
other = "{{ .Count }} minutes de lecture"

[home]
other = "Accueil"
`,
	}
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(i18n, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// A Hugo-style project: each row says what the program says about its
// message (description, variables, plural forms), a plural message gets
// one box per French form, and saving a new translation adds only that
// message to fr.toml.
func TestOpenFolderHugoMessagesShowFacts(t *testing.T) {
	dir := hugoProject(t)
	c := openProject(t, dir)
	c.openLanguage("fr")
	if !slices.Equal(c.bench.order, []string{"readingTime", "greeting", "home"}) {
		t.Fatalf("rows %q", c.bench.order)
	}
	facts := func(id string) string { return c.bench.rows[id].box.Objects[2].(*widgets.Label).Text() }
	rt := facts("readingTime")
	for _, want := range []string{"Under each article title", ".Count", "one, other"} {
		if !strings.Contains(rt, want) {
			t.Errorf("readingTime's facts %q lack %q", rt, want)
		}
	}
	if g := facts("greeting"); !strings.Contains(g, ".Name, .Site") || !strings.Contains(g, "Top of the home page") {
		t.Errorf("greeting's facts %q lack its description or variables", g)
	}
	r := c.bench.rows["readingTime"]
	if got, want := r.source.Text(), "one: {{ .Count }} minute to read\nother: {{ .Count }} minutes to read"; got != want {
		t.Errorf("the plural source shows %q, want %q", got, want)
	}
	var forms []string
	for _, f := range r.forms {
		forms = append(forms, f.form)
	}
	if !slices.Equal(forms, []string{"one", "many", "other"}) {
		t.Errorf("French plural boxes %q, want one, many, other", forms)
	}

	path := c.ws.CatalogPath("fr")
	before, _ := os.ReadFile(path)
	test.Type(c.bench.rows["greeting"].forms[0].entry, "Bonjour {{.Name}}, bienvenue sur {{ .Site }}")
	c.save()
	waitSave(t, c)
	after, _ := os.ReadFile(path)
	if !bytes.HasPrefix(after, before) {
		t.Fatalf("saving rewrote the existing lines of fr.toml:\n%s", after)
	}
	added := string(after[len(before):])
	if !strings.Contains(added, "[greeting]") || !strings.Contains(added, `Bonjour {{.Name}}, bienvenue sur {{ .Site }}`) ||
		strings.Contains(added, "readingTime") || strings.Contains(added, "home") {
		t.Errorf("saving added more or less than the greeting:\n%s", added)
	}
}

// Saving while another process holds the folder's lock (a merge): the
// window stays responsive, the wait happens off the UI thread, and then a
// clear "folder in use" message says nothing was written.
func TestSaveWhileFolderLockedSaysSo(t *testing.T) {
	t.Run("project folder", func(t *testing.T) { saveWhileLocked(t, func(dir, _ string) string { return dir }) })
	// A merge run with --locales on the catalogs' own folder locks that
	// folder, not the project's.
	t.Run("catalogs folder", func(t *testing.T) {
		saveWhileLocked(t, func(_, catalog string) string { return filepath.Dir(catalog) })
	})
}

func saveWhileLocked(t *testing.T, lockedDir func(dir, catalog string) string) {
	dir := hugoProject(t)
	c := openProject(t, dir)
	c.openLanguage("fr")
	c.lockWait = 300 * time.Millisecond
	path := c.ws.CatalogPath("fr")
	if filepath.Dir(path) == dir {
		t.Fatal("the project's catalogs are in its own folder; the test needs them apart")
	}
	lock, err := safefile.LockDir(lockedDir(dir, path), true, time.Second)
	if err != nil {
		t.Fatal(err)
	}
	before, _ := os.ReadFile(path)
	test.Type(c.bench.rows["greeting"].forms[0].entry, "Bonjour")

	start := time.Now()
	c.save()
	if d := time.Since(start); d >= c.lockWait {
		t.Errorf("save held the UI thread for %v while the folder was locked", d)
	}
	if got := c.status.Text(); got != c.tx.T("Saving") {
		t.Errorf("status while waiting: %q", got)
	}
	waitSave(t, c)
	if got := overlayText(c); !strings.Contains(got, c.tx.T("FolderInUse")) {
		t.Errorf("no folder-in-use message; overlay says %q", got)
	}
	if after, _ := os.ReadFile(path); !bytes.Equal(before, after) {
		t.Error("fr.toml was written while another process held the folder")
	}
	if !c.ws.Dirty() {
		t.Error("the edit was dropped")
	}

	// Once the other process is done, saving works.
	if err := lock.Unlock(); err != nil {
		t.Fatal(err)
	}
	c.save()
	waitSave(t, c)
	if after, _ := os.ReadFile(path); !bytes.Contains(after, []byte(`"Bonjour"`)) {
		t.Errorf("saving after the lock was released did not write:\n%s", after)
	}
}
