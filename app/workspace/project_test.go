package workspace

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// In an existing go-i18n project, edits that only a Communiqué workspace can
// hold (a new language in communique.toml, a letterhead) are refused with a
// reason, and saving afterwards writes nothing into the project.
func TestProjectRefusesWorkspaceOnlyEdits(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"i18n/en.toml": "greeting = \"Hello\"\n",
		"i18n/fr.toml": "greeting = \"Bonjour\"\n",
	}
	for name, data := range files {
		os.MkdirAll(filepath.Dir(filepath.Join(dir, name)), 0o755)
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	w, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	if w.Layout == nil {
		t.Fatal("the folder did not open as a go-i18n project")
	}
	if err := w.AddLanguage("de"); err == nil || !strings.Contains(err.Error(), "go-i18n project") {
		t.Errorf("AddLanguage in a project: %v, want a refusal", err)
	}
	if err := w.SetConfig("Ministry", "logo.png"); err == nil || !strings.Contains(err.Error(), "go-i18n project") {
		t.Errorf("SetConfig in a project: %v, want a refusal", err)
	}
	if err := w.Save(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, ConfigFile)); !os.IsNotExist(err) {
		t.Errorf("%s written into the project (%v)", ConfigFile, err)
	}
	for name, want := range files {
		if got, _ := os.ReadFile(filepath.Join(dir, name)); string(got) != want {
			t.Errorf("%s changed:\n%s", name, got)
		}
	}
}
