package workspace

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"communique/app/safefile"
)

// TestOneCatalogOneLockByAnyFolder: the same catalogs reached through two
// folders (a project's root and its catalogs' folder; a workspace and its
// locales folder opened with --locales) exclude each other. Each process
// used to lock only the folder it was given, and two merges that reached
// one project by its root and by its catalogs' folder both saved: 12 of 60
// changes were lost in 30 rounds.
func TestOneCatalogOneLockByAnyFolder(t *testing.T) {
	project := t.TempDir()
	for name, data := range map[string]string{
		"lang/base.en.json": "{\n  \"hi\": \"Hello\"\n}\n",
		"lang/base.fr.json": "{\n  \"hi\": \"Bonjour\"\n}\n",
	} {
		os.MkdirAll(filepath.Dir(filepath.Join(project, name)), 0o755)
		if err := os.WriteFile(filepath.Join(project, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	ws := t.TempDir()
	if _, err := Init(ws, Config{SourceLanguage: "en", Languages: []string{"fr"}}); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name   string
		a, b   string
		bOpt   Options
		saveBy string // a workspace opened unlocked, whose Save must wait
	}{
		{"project root, then its catalogs' folder", project, filepath.Join(project, "lang"), Options{Locales: true}, ""},
		{"catalogs' folder, then the project root", filepath.Join(project, "lang"), project, Options{}, ""},
		{"workspace, then its locales with --locales", ws, filepath.Join(ws, LocalesDir), Options{Locales: true}, ""},
		{"project root held, app save by catalogs' folder", project, "", Options{}, filepath.Join(project, "lang")},
		{"workspace held, app save by its locales", ws, "", Options{}, filepath.Join(ws, LocalesDir)},
	} {
		t.Run(c.name, func(t *testing.T) {
			held, err := OpenLocked(c.a, Options{Exclusive: true, Locales: c.a != ws && c.a != project})
			if err != nil {
				t.Fatal(err)
			}
			defer held.Close()
			if c.saveBy != "" {
				w, err := OpenWith(c.saveBy, Options{Locales: true})
				if err != nil {
					t.Fatal(err)
				}
				w.LockWait = 1 // ns: do not wait
				if err := w.Save(); !errors.Is(err, safefile.ErrLocked) {
					t.Fatalf("save while another process holds the catalogs: %v", err)
				}
				return
			}
			opt := c.bOpt
			opt.Exclusive, opt.LockWait = true, 1
			if w, err := OpenLocked(c.b, opt); !errors.Is(err, safefile.ErrLocked) {
				if err == nil {
					w.Close()
				}
				t.Fatalf("second writer by another folder: %v", err)
			}
		})
	}
}
