package cli

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"communique/app/workspace"
	"communique/i18n/catalog"

	"github.com/BurntSushi/toml"
	"github.com/nicksnyder/go-i18n/v2/i18n"
	"go.yaml.in/yaml/v3"
)

// copyTree copies the files of src into dst, writable.
func copyTree(t *testing.T, src, dst string) {
	t.Helper()
	err := filepath.WalkDir(src, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// snapshot reads every file under dir, by path relative to it.
func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	files := map[string]string{}
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			data, _ := os.ReadFile(p)
			rel, _ := filepath.Rel(dir, p)
			files[rel] = string(data)
		}
		return nil
	})
	return files
}

// changedLines compares two versions of a file line by line after their
// common start and end: the lines removed and added in between.
func changedLines(before, after string) (removed, added []string) {
	a, b := strings.Split(before, "\n"), strings.Split(after, "\n")
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	j := 0
	for j < len(a)-i && j < len(b)-i && a[len(a)-1-j] == b[len(b)-1-j] {
		j++
	}
	return a[i : len(a)-j], b[i : len(b)-j]
}

// goi18nRead parses a catalog with go-i18n itself, as the project's own
// program would load it; lang names the language when the file name does
// not (fr/messages.yaml).
func goi18nRead(t *testing.T, path, data, lang string) map[string]i18n.Message {
	t.Helper()
	name := path
	if lang != "" {
		name = lang + filepath.Ext(path)
	}
	mf, err := i18n.ParseMessageFileBytes([]byte(data), name, map[string]i18n.UnmarshalFunc{
		"toml": toml.Unmarshal, "json": json.Unmarshal, "yaml": yaml.Unmarshal})
	if err != nil {
		t.Fatalf("go-i18n cannot read %s: %v", path, err)
	}
	out := map[string]i18n.Message{}
	for _, m := range mf.Messages {
		out[m.ID] = *m
	}
	return out
}

// checkOnlyMessageChanged: of all the files under dir, only file changed;
// in it, only lines holding wantText (and, for JSON, the comma closing
// the member before an added one) changed; and go-i18n reads every message
// as before except id, which now has wantText.
func checkOnlyMessageChanged(t *testing.T, dir string, before map[string]string, file, id, wantText, lang string) {
	t.Helper()
	after := snapshot(t, dir)
	if len(after) != len(before) {
		t.Errorf("files before %d, after %d: something was added to the project", len(before), len(after))
	}
	for name, data := range after {
		if name != file && data != before[name] {
			t.Errorf("%s changed, only %s should", name, file)
		}
	}
	// One message's block: its key, hash, forms, a blank line before it
	// or, in JSON, the comma after the member before it.
	removed, added := changedLines(before[file], after[file])
	if len(added) == 0 || len(added) > 6 || len(removed) > 1 {
		t.Errorf("%s: removed %q, added %q", file, removed, added)
	}
	if !strings.Contains(strings.Join(added, "\n"), id) && len(removed) != 1 {
		t.Errorf("%s: the changed lines %q are not message %s's", file, added, id)
	}
	old := goi18nRead(t, file, before[file], lang)
	now := goi18nRead(t, file, after[file], lang)
	for mid, m := range old {
		if mid != id && now[mid] != m {
			t.Errorf("go-i18n reads %s as %+v, was %+v", mid, now[mid], m)
		}
	}
	if now[id].Other != wantText {
		t.Errorf("go-i18n reads %s as %q, want %q", id, now[id].Other, wantText)
	}
}

// fyneTranslations is Fyne's own catalog folder in the module cache.
func fyneTranslations(t *testing.T) string {
	t.Helper()
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "fyne.io/fyne/v2").Output()
	if err != nil {
		t.Fatalf("go list fyne: %v", err)
	}
	return filepath.Join(strings.TrimSpace(string(out)), "lang", "translations")
}

// TestFyneCatalogsOpenAsTheyAre opens a copy of Fyne v2.7.1's
// lang/translations/base.*.json, edits one message through the model (as
// the window does) and one through `communique merge`, and checks that
// only that message's lines change and go-i18n reads the rest as before.
func TestFyneCatalogsOpenAsTheyAre(t *testing.T) {
	dir := t.TempDir()
	copyTree(t, fyneTranslations(t), filepath.Join(dir, "lang", "translations"))
	before := snapshot(t, dir)

	w, err := workspace.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	if w.Layout == nil || w.Layout.Pattern != "base.<lang>.json" || w.Config.SourceLanguage != "en" || len(w.Statements) != 0 {
		t.Fatalf("layout %+v, source %q", w.Layout, w.Config.SourceLanguage)
	}
	langs := strings.Join(w.Languages(), " ")
	if !strings.Contains(langs, "pt_BR") || !strings.Contains(langs, "zh_Hans") {
		t.Errorf("languages %s: want the codes as the files spell them", langs)
	}
	// The model: the translator changes one French word.
	if err := w.SetTranslation("fr", "Quit", "Fermer"); err != nil {
		t.Fatal(err)
	}
	if err := w.Save(); err != nil {
		t.Fatal(err)
	}
	checkOnlyMessageChanged(t, dir, before, filepath.Join("lang", "translations", "base.fr.json"), "Quit", "Fermer", "")

	// A translator's file for pt-BR, merged: only that message is added.
	before = snapshot(t, dir)
	out := t.TempDir()
	code, stdout, stderr := run(t, "handoff", "--workspace", dir, "--lang", "pt-BR", "--out", out)
	if code != 0 || !strings.Contains(stdout, "14 messages (14 missing") {
		t.Fatalf("handoff: %d %s %s", code, stdout, stderr)
	}
	returned := filepath.Join(out, "translate.pt-BR.json")
	data, _ := os.ReadFile(returned)
	var tr map[string]map[string]string
	if err := json.Unmarshal(data, &tr); err != nil {
		t.Fatal(err)
	}
	tr = map[string]map[string]string{"friday": {"hash": tr["friday"]["hash"], "other": "Sexta-feira"}}
	data, _ = json.Marshal(tr)
	os.WriteFile(returned, data, 0o644)
	if code, stdout, stderr := run(t, "merge", "--workspace", dir, returned); code != 0 || !strings.Contains(stdout, "1 added") {
		t.Fatalf("merge: %d %s %s", code, stdout, stderr)
	}
	checkOnlyMessageChanged(t, dir, before, filepath.Join("lang", "translations", "base.pt_BR.json"), "friday", "Sexta-feira", "")
}

// TestHugoI18nFolder: a Hugo site's i18n/<lang>.toml, with comments and
// plural tables, opened from the site's root; status lists what needs
// work; one message edited in the model, one merged.
func TestHugoI18nFolder(t *testing.T) {
	dir := t.TempDir()
	copyTree(t, "testdata/hugo", dir)
	before := snapshot(t, dir)

	code, stdout, stderr := run(t, "status", "--workspace", dir, "--details", "--json")
	if code != 0 {
		t.Fatalf("status: %d %s", code, stderr)
	}
	var rep statusReport
	if err := json.Unmarshal([]byte(stdout), &rep); err != nil {
		t.Fatal(err)
	}
	if rep.Source != "en" || rep.Catalogs != filepath.Join(dir, "i18n", "<lang>.toml") || len(rep.Languages) != 3 {
		t.Fatalf("status: %+v", rep)
	}
	var missing []string
	for _, l := range rep.Languages {
		if l.Lang == "fr" {
			for _, m := range l.NeedsWork {
				missing = append(missing, m.ID+" "+m.State)
			}
		}
	}
	sort.Strings(missing)
	// wordCount lacks French's CLDR "many" form (1 million de mots).
	if strings.Join(missing, ",") != "readingTime missing,wordCount needs_review" {
		t.Errorf("fr needs work: %v", missing)
	}
	if !equalSnapshots(before, snapshot(t, dir)) {
		t.Fatal("status changed the project")
	}

	w, err := workspace.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := w.SetTranslationForms("fr", "readingTime", map[string]string{"one": "Une minute de lecture", "other": "{{ .Count }} minutes de lecture"}); err != nil {
		t.Fatal(err)
	}
	if err := w.Save(); err != nil {
		t.Fatal(err)
	}
	checkOnlyMessageChanged(t, dir, before, filepath.Join("i18n", "fr.toml"), "readingTime", "{{ .Count }} minutes de lecture", "")

	// Merged from a goi18n-style file for pt-BR: the project's pt_BR.toml
	// gets it.
	before = snapshot(t, dir)
	ret := filepath.Join(t.TempDir(), "translate.pt-BR.toml")
	os.WriteFile(ret, []byte("[readMore]\nhash = \""+catalog.Hash("", "Read more")+"\"\nother = \"Leia mais\"\n"), 0o644)
	if code, stdout, stderr := run(t, "merge", "--workspace", dir, ret); code != 0 || !strings.Contains(stdout, "1 added") {
		t.Fatalf("merge: %d %s %s", code, stdout, stderr)
	}
	checkOnlyMessageChanged(t, dir, before, filepath.Join("i18n", "pt_BR.toml"), "readMore", "Leia mais", "")
}

func equalSnapshots(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

// TestLayouts: the common ways projects name their catalogs are found,
// with the source language from the files or from --source.
func TestLayouts(t *testing.T) {
	cases := []struct {
		files   map[string]string
		pattern string
		source  string
	}{
		{map[string]string{"locales/en/messages.yaml": "a: A\nb: B\n", "locales/fr/messages.yaml": "a: Un\n", "locales/de/messages.yaml": "{}\n"},
			filepath.Join("<lang>", "messages.yaml"), "en"},
		{map[string]string{"active.en.toml": "a = \"A\"\nb = \"B\"\n", "active.pt-BR.toml": "a = \"Um\"\n",
			"translate.pt-BR.toml": "[b]\nhash = \"x\"\nother = \"B\"\n"}, "active.<lang>.toml", "en"},
		{map[string]string{"i18n/es.json": "{\"a\": \"Uno\"}", "i18n/de.json": "{\"a\": \"A\", \"b\": \"B\"}"}, "<lang>.json", "de"},
	}
	for _, tc := range cases {
		dir := t.TempDir()
		for name, data := range tc.files {
			os.MkdirAll(filepath.Dir(filepath.Join(dir, name)), 0o755)
			os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644)
		}
		w, err := workspace.Open(dir)
		if err != nil {
			t.Fatalf("%v: %v", tc.files, err)
		}
		if w.Layout.Pattern != tc.pattern || w.Config.SourceLanguage != tc.source {
			t.Errorf("%v: pattern %q source %q, want %q %q", tc.files, w.Layout.Pattern, w.Config.SourceLanguage, tc.pattern, tc.source)
		}
	}
	// --source overrides the guess; --locales names the folder itself.
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "en.json"), []byte(`{"a": "A"}`), 0o644)
	os.WriteFile(filepath.Join(dir, "fr.json"), []byte(`{"a": "Un", "b": "Deux"}`), 0o644)
	code, stdout, stderr := run(t, "status", "--locales", dir, "--source", "en", "--json")
	var rep statusReport
	json.Unmarshal([]byte(stdout), &rep)
	if code != 0 || rep.Source != "en" {
		t.Errorf("--source en: %d %s %s", code, rep.Source, stderr)
	}
	if code, _, stderr := run(t, "status", "--locales", dir, "--source", "ja"); code != ExitUsage || !strings.Contains(stderr, `source language "ja"`) {
		t.Errorf("--source ja: %d %s", code, stderr)
	}
	// init there points at the catalogs instead of making empty ones.
	if code, _, stderr := run(t, "init", dir, "--langs", "fr"); code != ExitUsage || !strings.Contains(stderr, "already holds go-i18n catalogs") {
		t.Errorf("init over a project: %d %s", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, workspace.ConfigFile)); err == nil {
		t.Error("init wrote communique.toml into the project")
	}
	// import has no statements to add to.
	txt := filepath.Join(t.TempDir(), "s.txt")
	os.WriteFile(txt, []byte("Title\n\nA paragraph.\n"), 0o644)
	if code, _, stderr := run(t, "import", "--workspace", dir, txt); code != ExitUsage || !strings.Contains(stderr, "not Communiqué statements") {
		t.Errorf("import into a project: %d %s", code, stderr)
	}
	if data, _ := os.ReadFile(filepath.Join(dir, "fr.json")); !bytes.Equal(data, []byte(`{"a": "Un", "b": "Deux"}`)) {
		t.Error("fr.json changed")
	}
}
