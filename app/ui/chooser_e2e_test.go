package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"communique/app/workspace"
)

// Opening a workspace through our own folder chooser with the keyboard
// alone, as File → Open folder (Ctrl+O) under Xvfb: Ctrl+L to the path
// field, a typed path and Enter, Down/Up through folders of both scripts,
// Enter into the workspace, Enter to choose it. The window then shows it.
func TestEndToEndOpenWorkspaceByKeyboard(t *testing.T) {
	x := startX(t)
	first := fixture(t, 0)
	parent := t.TempDir()
	for _, d := range []string{"أرشيف", "Archive"} {
		if err := os.Mkdir(filepath.Join(parent, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := workspace.Init(filepath.Join(parent, "Beta-ws"), workspace.Config{Organisation: "Ministry of Tests",
		SourceLanguage: "en", Languages: []string{"fr"}}); err != nil {
		t.Fatal(err)
	}
	x.run(first.Dir, "editor")
	x.xdo("key", "ctrl+o")
	x.xdo("key", "ctrl+l")
	x.xdo("type", "--delay", "20", parent)
	// The list, sorted: Archive, Beta-ws, أرشيف.
	for _, k := range []string{"Return", "Down", "Down", "Down", "Up", "Return", "Return"} {
		x.xdo("key", "--delay", "150", k)
	}
	out := x.xdo("search", "--sync", "--onlyvisible", "--name", "Beta-ws")
	if strings.TrimSpace(out) == "" {
		t.Fatal("no window shows the Beta-ws workspace")
	}
}
