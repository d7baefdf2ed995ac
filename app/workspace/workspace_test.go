package workspace

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"communique/app/safefile"
	"communique/app/statement"
	"communique/i18n/catalog"
)

// snapshot reads every file under dir, to prove a failed operation changed
// nothing.
func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	files := map[string]string{}
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			b, _ := os.ReadFile(p)
			files[p] = string(b)
		}
		return err
	})
	return files
}

func sameFiles(t *testing.T, before, after map[string]string) {
	t.Helper()
	if len(before) != len(after) {
		t.Errorf("file count changed: %d → %d", len(before), len(after))
	}
	for p, b := range before {
		if after[p] != b {
			t.Errorf("%s changed", p)
		}
	}
}

func TestMalformedFilesNameFileAndLine(t *testing.T) {
	tests := []struct {
		name    string
		file    string // relative to the workspace
		content string
		line    int
		want    string
	}{
		{"config syntax", ConfigFile, "organisation = \"x\"\nsource_language = \"en\"\nlanguages = [\"fr\",\n", 3, "expected value"},
		{"config unknown key", ConfigFile, "source_language = \"en\"\ncatalog_format = \"toml\"\ncolour = \"red\"\n", 3, "unknown setting \"colour\""},
		{"config bad format", ConfigFile, "source_language = \"en\"\ncatalog_format = \"xml\"\n", 2, "catalog_format"},
		{"config bad language", ConfigFile, "source_language = \"en\"\nlanguages = [\"fr\", \"not a lang\"]\n", 2, "not a lang"},
		{"statement syntax", "statements/s.toml", "id = \"s\"\ntitle = \"s.title\nsource_language = \"en\"\n", 2, ""},
		{"statement wrong type", "statements/s.toml", "id = \"s\"\ntitle = \"s.title\"\nsource_language = \"en\"\nparagraphs = \"s.p1\"\n", 4, ""},
		{"statement duplicate part", "statements/s.toml", "id = \"s\"\ntitle = \"s.title\"\nsource_language = \"en\"\nparagraphs = [\"s.p1\", \"s.p1\"]\n", 4, "used twice"},
		{"statement id mismatch", "statements/s.toml", "source_language = \"en\"\nid = \"t\"\ntitle = \"t.title\"\n", 2, "does not match the file name"},
		{"statement bad date", "statements/s.toml", "id = \"s\"\ntitle = \"s.title\"\nsource_language = \"en\"\ndate = 2020-13-45\n", 4, ""},
		// Nesting that took the TOML library minutes (a 16 KB dotted key:
		// 32 s) is refused before it is asked.
		{"config dotted-key bomb", ConfigFile, "source_language = \"en\"\n" + strings.Repeat("a.", 32<<10) + "b = 1\n", 2, "nested more than 100 levels"},
		{"statement inline-table bomb", "statements/s.toml", "id = \"s\"\ntitle = \"s.title\"\nsource_language = \"en\"\nx = " + strings.Repeat("{a = ", 10000) + "1" + strings.Repeat("}", 10000) + "\n", 4, "nested more than 100 levels"},
		{"statement header bomb", "statements/s.toml", "id = \"s\"\ntitle = \"s.title\"\nsource_language = \"en\"\n[" + strings.Repeat("a.", 32<<10) + "b]\n", 4, "nested more than 100 levels"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			if _, err := Init(dir, Config{SourceLanguage: "en", Languages: []string{"fr"}}); err != nil {
				t.Fatal(err)
			}
			p := filepath.Join(dir, filepath.FromSlash(tc.file))
			if err := os.WriteFile(p, []byte(tc.content), 0o644); err != nil {
				t.Fatal(err)
			}
			before := snapshot(t, dir)
			_, err := Open(dir)
			var fe *FileError
			if !errors.As(err, &fe) {
				t.Fatalf("want *FileError, got %T %v", err, err)
			}
			if fe.Path != p || fe.Line != tc.line {
				t.Errorf("error at %s:%d, want %s:%d (%v)", fe.Path, fe.Line, p, tc.line, err)
			}
			if !strings.Contains(err.Error(), p+":") || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("message %q should name the file and say %q", err, tc.want)
			}
			sameFiles(t, before, snapshot(t, dir))
		})
	}
}

// TestHugeSettingsFileRefused: a statement file of megabytes (they hold
// message IDs, a few kilobytes) is refused by name before it is read.
func TestHugeSettingsFileRefused(t *testing.T) {
	dir := t.TempDir()
	if _, err := Init(dir, Config{SourceLanguage: "en", Languages: []string{"fr"}}); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, StatementsDir, "s.toml")
	if err := os.WriteFile(p, []byte("id = \"s\"\n#"+strings.Repeat("x", maxSettingsFile)+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := Open(dir)
	var tl *safefile.TooLargeError
	if !errors.As(err, &tl) || tl.Path != p {
		t.Fatalf("want a refusal naming %s, got %v", p, err)
	}
}

func newWorkspace(t *testing.T) (*Workspace, *statement.Statement) {
	t.Helper()
	dir := t.TempDir()
	w, err := Init(dir, Config{Organisation: "Org", SourceLanguage: "en", Languages: []string{"fr", "ar"}})
	if err != nil {
		t.Fatal(err)
	}
	st, err := w.AddStatement(&statement.Text{Title: "A title", Paragraphs: []string{"One.", "Two.", "Three."}},
		statement.Statement{Place: "Paris"})
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Save(); err != nil {
		t.Fatal(err)
	}
	return w, st
}

func TestAddStatementWritesCatalogAndStatement(t *testing.T) {
	w, st := newWorkspace(t)
	if st.ID != "title" {
		t.Errorf("id %q from title", st.ID)
	}
	w2, err := Open(w.Dir)
	if err != nil {
		t.Fatal(err)
	}
	got := w2.Statement(st.ID)
	if got == nil || len(got.Paragraphs) != 3 || got.Place != "Paris" || got.NextParagraph != 4 {
		t.Fatalf("statement did not round-trip: %+v", got)
	}
	src := w2.Source()
	m, ok := src.Get(st.Paragraphs[1])
	if !ok || m.Other != "Two." || m.Description != `Paragraph 2 of 3 of statement "title"` {
		t.Errorf("source message %+v", m)
	}
	// A second import with the same title gets its own ID.
	st2, err := w2.AddStatement(&statement.Text{Title: "A title", Paragraphs: []string{"x"}}, statement.Statement{})
	if err != nil || st2.ID != "title-2" {
		t.Errorf("second statement: %v %v", st2, err)
	}
}

func TestReorderKeepsTranslationsCurrent(t *testing.T) {
	w, st := newWorkspace(t)
	for i, id := range st.Paragraphs {
		if err := w.SetTranslation("fr", id, []string{"Un.", "Deux.", "Trois."}[i]); err != nil {
			t.Fatal(err)
		}
	}
	if err := st.Move(0, 2); err != nil {
		t.Fatal(err)
	}
	w.StatementChanged(st)
	r := catalog.Status(w.Source(), w.Catalogs["fr"], w.History)
	if r.NeedsReview != 0 || r.Translated != 4-1 {
		t.Errorf("after reorder: %d translated, %d need review; want 3, 0 (title untranslated)", r.Translated, r.NeedsReview)
	}
	m, _ := w.Source().Get(st.Paragraphs[2])
	if m.Description != `Paragraph 3 of 3 of statement "title"` {
		t.Errorf("description not updated: %q", m.Description)
	}
	// Editing the source text does make the translation stale, and the old
	// text is remembered.
	w.SetSource(st, st.Paragraphs[2], "One, edited.")
	r = catalog.Status(w.Source(), w.Catalogs["fr"], w.History)
	if r.NeedsReview != 1 {
		t.Fatalf("after edit: %d need review, want 1", r.NeedsReview)
	}
	for _, e := range r.Entries {
		if e.ID == st.Paragraphs[2] && (!e.OldSourceKnown || e.OldSource != "One.") {
			t.Errorf("old source %q known=%v, want %q", e.OldSource, e.OldSourceKnown, "One.")
		}
	}
	if err := w.Save(); err != nil {
		t.Fatal(err)
	}
	if w.Dirty() {
		t.Error("dirty after save")
	}
}

func TestSaveRefusesToOverwriteHandEdit(t *testing.T) {
	w, st := newWorkspace(t)
	fr := w.CatalogPath("fr")
	if err := w.SetTranslation("fr", st.TitleID, "Un titre"); err != nil {
		t.Fatal(err)
	}
	hand := []byte("# edited by a translator\n[x]\nother = \"mine\"\n")
	os.WriteFile(fr, hand, 0o644)
	err := w.Save()
	var ce *safefile.ConflictError
	if !errors.As(err, &ce) {
		t.Fatalf("want a conflict, got %v", err)
	}
	if got, _ := os.ReadFile(fr); !bytes.Equal(got, hand) {
		t.Errorf("hand edit overwritten:\n%s", got)
	}
	if !strings.Contains(err.Error(), fr) {
		t.Errorf("error %q does not name %s", err, fr)
	}
}

func TestBrokenCatalogDoesNotStopOthers(t *testing.T) {
	w, _ := newWorkspace(t)
	ar := w.CatalogPath("ar")
	os.WriteFile(ar, []byte("[a]\nother = \"unterminated\n"), 0o644)
	w2, err := Open(w.Dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(w2.CatalogErrors) != 1 || !strings.Contains(w2.CatalogErrors[0].Error(), ar+":2") {
		t.Errorf("catalog errors %v, want one naming %s:2", w2.CatalogErrors, ar)
	}
	if w2.Catalogs["fr"] == nil || w2.Catalogs["ar"] != nil {
		t.Error("fr should load, ar should not")
	}
}

func TestInitRefusesExistingWorkspaceAndBadConfig(t *testing.T) {
	w, _ := newWorkspace(t)
	if _, err := Init(w.Dir, Config{SourceLanguage: "en"}); err == nil {
		t.Error("Init over an existing workspace succeeded")
	}
	if _, err := Init(t.TempDir(), Config{SourceLanguage: "en", CatalogFormat: "xml"}); err == nil {
		t.Error("xml format accepted")
	}
	if _, err := Open(t.TempDir()); !errors.Is(err, ErrNotWorkspace) {
		t.Errorf("empty folder: %v", err)
	}
}

func TestJSONAndYAMLWorkspaces(t *testing.T) {
	for _, f := range []string{"json", "yaml"} {
		t.Run(f, func(t *testing.T) {
			dir := t.TempDir()
			w, err := Init(dir, Config{SourceLanguage: "en", Languages: []string{"fr"}, CatalogFormat: f})
			if err != nil {
				t.Fatal(err)
			}
			st, err := w.AddStatement(&statement.Text{Title: "T", Paragraphs: []string{"P"}}, statement.Statement{ID: "s"})
			if err != nil {
				t.Fatal(err)
			}
			w.SetTranslation("fr", st.TitleID, "T fr")
			if err := w.Save(); err != nil {
				t.Fatal(err)
			}
			w2, err := Open(dir)
			if err != nil {
				t.Fatal(err)
			}
			if got := w2.Text("fr", "s.title"); got != "T fr" {
				t.Errorf("fr title %q", got)
			}
			if !strings.HasSuffix(w2.CatalogPath("fr"), ".fr."+f) {
				t.Errorf("catalog path %s", w2.CatalogPath("fr"))
			}
		})
	}
}

func TestSetTranslationForms(t *testing.T) {
	w, st := newWorkspace(t)
	// Give the title plural forms in the source, as a hand-edited catalog might.
	src, _ := w.Source().Get(st.TitleID)
	src.One = "One statement"
	w.Source().Set(src)
	if err := w.SetTranslationForms("ar", st.TitleID, map[string]string{"zero": "لا بيانات", "one": "بيان واحد",
		"two": "بيانان", "few": "بيانات", "many": "بيانًا", "other": "بيان"}); err != nil {
		t.Fatal(err)
	}
	m, _ := w.Catalogs["ar"].Get(st.TitleID)
	if m.Two != "بيانان" || m.Other != "بيان" || m.Hash != catalog.Hash(src.Description, src.Other) {
		t.Errorf("stored %+v", m)
	}
	if err := w.SetTranslationForms("ar", st.TitleID, map[string]string{"dual": "x"}); err == nil {
		t.Error("unknown plural form accepted")
	}
	if err := w.Save(); err != nil {
		t.Fatal(err)
	}
	w2, err := Open(w.Dir)
	if err != nil {
		t.Fatal(err)
	}
	if m2, _ := w2.Catalogs["ar"].Get(st.TitleID); m2.Few != "بيانات" {
		t.Errorf("after reopening: %+v", m2)
	}
}

// TestConflictWritesNothing: when one file changed on disk, Save writes none
// of the others either, so the workspace is never half saved.
func TestConflictWritesNothing(t *testing.T) {
	w, _ := newWorkspace(t)
	if _, err := w.AddStatement(&statement.Text{Title: "New one", Paragraphs: []string{"Text."}}, statement.Statement{ID: "new"}); err != nil {
		t.Fatal(err)
	}
	w.SetConfig("Renamed organisation", "")
	src := w.CatalogPath("en")
	data, _ := os.ReadFile(src)
	os.WriteFile(src, append(data, []byte("# pulled from git\n")...), 0o644)
	before := snapshot(t, w.Dir)
	err := w.Save()
	var ce *safefile.ConflictError
	if !errors.As(err, &ce) || ce.Path != src {
		t.Fatalf("want a conflict on %s, got %v", src, err)
	}
	sameFiles(t, before, snapshot(t, w.Dir))
	if !w.Dirty() {
		t.Error("the unsaved work was marked saved")
	}
}

func TestControlCharactersInSettingsRoundTrip(t *testing.T) {
	w, _ := newWorkspace(t)
	org := "Ministry\vof \"Foreign\" Affairs\\\a\u2028"
	w.SetConfig(org, "")
	if err := w.Save(); err != nil {
		t.Fatal(err)
	}
	w2, err := Open(w.Dir)
	if err != nil {
		t.Fatal(err)
	}
	if w2.Config.Organisation != org {
		t.Errorf("organisation %q, want %q", w2.Config.Organisation, org)
	}
}

// TestStructureEditsKeepTranslationsCurrent: inserting, deleting, splitting
// and merging paragraphs changes the "Paragraph N of M" descriptions (part of
// goi18n's hash) but not the text of the other paragraphs, whose translations
// must stay current — also in a catalog that could not be read at the time,
// and in a handoff file made before the change.
func TestStructureEditsKeepTranslationsCurrent(t *testing.T) {
	w, st := newWorkspace(t)
	for i, id := range st.Parts() {
		w.SetTranslation("fr", id.ID, []string{"Un titre", "Un.", "Deux.", "Trois."}[i])
		w.SetTranslation("ar", id.ID, []string{"عنوان", "واحد.", "اثنان.", "ثلاثة."}[i])
	}
	for i, id := range []string{statement.OrganisationID, st.PlaceID()} {
		w.SetTranslation("fr", id, []string{"Organisation", "Paris"}[i])
		w.SetTranslation("ar", id, []string{"منظمة", "باريس"}[i])
	}
	if err := w.Save(); err != nil {
		t.Fatal(err)
	}
	// A handoff made now, for a paragraph the translator will return later.
	w.Catalogs["fr"].Delete(st.Paragraphs[2])
	handoff := catalog.Handoff(w.Source(), w.Catalogs["fr"], w.History, catalog.TOML)
	w.SetTranslation("fr", st.Paragraphs[2], "Trois.")

	// Arabic cannot be read while the structure changes.
	arPath := w.CatalogPath("ar")
	arData, _ := os.ReadFile(arPath)
	os.WriteFile(arPath, []byte("[broken\n"), 0o644)
	w2, err := Open(w.Dir)
	if err != nil {
		t.Fatal(err)
	}
	st2 := w2.Statement(st.ID)
	w2.SetTranslation("fr", st.Paragraphs[2], "Trois.")
	if _, err := w2.InsertParagraph(st2, 0, "Zero."); err != nil {
		t.Fatal(err)
	}
	if _, err := w2.SplitParagraph(st2, 3, len("Three")); err != nil { // "Three." → "Three" + "."
		t.Fatal(err)
	}
	if err := w2.DeleteParagraph(st2, 4); err != nil {
		t.Fatal(err)
	}
	if err := w2.Save(); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(arPath, arData, 0o644)
	w3, err := Open(w.Dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, lang := range []string{"fr", "ar"} {
		r, _ := w3.Status(lang)
		// Organisation, place, title, One, Two are unchanged; Three was
		// edited by the split; Zero is new.
		if r.Translated != 5 || r.NeedsReview != 1 || r.Missing != 1 {
			t.Errorf("%s: %d translated, %d need review, %d missing; want 5, 1, 1", lang, r.Translated, r.NeedsReview, r.Missing)
		}
	}
	// The handoff made before the insert still merges.
	returned, err := catalog.Parse(filepath.Join(t.TempDir(), "translate.fr.toml"),
		bytes.Replace(handoff, []byte(`other = "Three."`), []byte(`other = "Trois (returned)."`), 1))
	if err != nil {
		t.Fatal(err)
	}
	st3 := w3.Statement(st.ID)
	w3.SetSource(st3, st.Paragraphs[2], "Three.") // undo the split's edit: the text is what was handed off
	rep := catalog.MergeWithHistory(w3.Source(), w3.Catalogs["fr"], returned, w3.History)
	if rep.Rejected != 0 || rep.Updated+rep.Added != 1 {
		t.Errorf("merge after insert: %+v", rep.Results)
	}
}

func TestInconsistentWorkspacesAreRefused(t *testing.T) {
	tests := []struct {
		name string
		edit func(w *Workspace)
		file string // the file the error must name
		line int
		want string
	}{
		{"part missing from the source catalog", func(w *Workspace) {
			p := w.StatementPath("title")
			data, _ := os.ReadFile(p)
			os.WriteFile(p, bytes.Replace(data, []byte(`  "title.p3",`), []byte("  \"title.p3\",\n  \"title.p9\","), 1), 0o644)
		}, "statements/title.toml", 11, `message "title.p9" is not in`},
		{"source catalog deleted", func(w *Workspace) { os.Remove(w.CatalogPath("en")) }, "statements/title.toml", 6, "is not in"},
		{"catalog format differs from the files", func(w *Workspace) {
			p := filepath.Join(w.Dir, ConfigFile)
			data, _ := os.ReadFile(p)
			os.WriteFile(p, bytes.Replace(data, []byte(`catalog_format = "toml"`), []byte(`catalog_format = "json"`), 1), 0o644)
		}, ConfigFile, 4, "set catalog_format to match"},
		{"statement in another source language", func(w *Workspace) {
			p := w.StatementPath("title")
			data, _ := os.ReadFile(p)
			os.WriteFile(p, bytes.Replace(data, []byte(`source_language = "en"`), []byte(`source_language = "fr"`), 1), 0o644)
		}, "statements/title.toml", 5, "differs from the workspace"},
		{"two statements share a message", func(w *Workspace) {
			data, _ := os.ReadFile(w.StatementPath("title"))
			os.WriteFile(w.StatementPath("copy"), bytes.Replace(data, []byte(`id = "title"`), []byte(`id = "copy"`), 1), 0o644)
		}, "statements/copy.toml", 6, `must start with "copy."`},
		{"a title from another statement's namespace", func(w *Workspace) {
			p := w.StatementPath("title")
			data, _ := os.ReadFile(p)
			os.WriteFile(p, bytes.Replace(data, []byte(`title = "title.title"`), []byte(`title = "other.title"`), 1), 0o644)
		}, "statements/title.toml", 6, `must start with "title."`},
		{"non-canonical language", func(w *Workspace) {
			p := filepath.Join(w.Dir, ConfigFile)
			data, _ := os.ReadFile(p)
			os.WriteFile(p, bytes.Replace(data, []byte(`"fr"`), []byte(`"pt-br"`), 1), 0o644)
		}, ConfigFile, 3, `write it as "pt-BR"`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			w, _ := newWorkspace(t)
			tc.edit(w)
			_, err := Open(w.Dir)
			var fe *FileError
			if !errors.As(err, &fe) {
				t.Fatalf("want a FileError, got %v", err)
			}
			if !strings.HasSuffix(filepath.ToSlash(fe.Path), tc.file) {
				t.Errorf("error names %s, want %s (%v)", fe.Path, tc.file, err)
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %q does not say %q", err, tc.want)
			}
			if fe.Line != tc.line {
				t.Errorf("error names line %d, want %d: %v", fe.Line, tc.line, err)
			}
		})
	}
}

func TestOpenSkipsEditorLitter(t *testing.T) {
	w, _ := newWorkspace(t)
	os.Symlink("user@host.1234", filepath.Join(w.Dir, StatementsDir, ".#title.toml")) // an Emacs lock
	os.WriteFile(filepath.Join(w.Dir, StatementsDir, "._title.toml"), []byte{0, 5, 22, 7}, 0o644)
	if _, err := Open(w.Dir); err != nil {
		t.Fatal(err)
	}
}

func TestEditingGuards(t *testing.T) {
	w, st := newWorkspace(t)
	w.SetSource(st, st.Paragraphs[0], "Ünïcode text")
	if _, err := w.SplitParagraph(st, 0, 1); err == nil { // inside "Ü"
		t.Error("split inside a character accepted")
	}
	if err := w.MarkReviewed("de", st.TitleID); err == nil {
		t.Error("MarkReviewed for a language not in the workspace accepted")
	}
	if err := w.AddLanguage("pt-br"); err != nil {
		t.Fatal(err)
	}
	if !strings.HasSuffix(w.CatalogPath("pt-BR"), "active.pt-BR.toml") || w.Catalogs["pt-BR"] == nil {
		t.Error("pt-br not added as pt-BR")
	}
	// A new statement may not take over IDs left in a target catalog.
	fr := w.Catalogs["fr"]
	fr.Set(catalog.Message{ID: "old.title", Other: "Ancien titre"})
	if _, err := w.AddStatement(&statement.Text{Title: "Old", Paragraphs: []string{"x"}}, statement.Statement{ID: "old"}); err == nil ||
		!strings.Contains(err.Error(), "active.fr.toml") {
		t.Errorf("ID left in fr reused: %v", err)
	}
}

// TestLetterheadIsTranslated: the organisation, the issuing body and the
// place are messages of the catalogs, in page order among the parts, and
// a change to one makes its translations need review.
func TestLetterheadIsTranslated(t *testing.T) {
	w, st := newWorkspace(t)
	st.IssuingBody = "Ministry"
	w.StatementChanged(st)
	var ids []string
	for _, p := range w.Parts(st) {
		ids = append(ids, p.ID)
	}
	want := []string{statement.OrganisationID, "title.title", "title.body", "title.place", "title.p1", "title.p2", "title.p3"}
	if !slices.Equal(ids, want) {
		t.Fatalf("parts %v, want %v", ids, want)
	}
	for id, text := range map[string]string{statement.OrganisationID: "Org", "title.body": "Ministry", "title.place": "Paris"} {
		if got := w.Text("en", id); got != text {
			t.Errorf("%s: source %q, want %q", id, got, text)
		}
	}
	w.SetTranslation("fr", statement.OrganisationID, "L’organisation")
	w.SetTranslation("fr", st.PlaceID(), "Paris")
	if err := w.Save(); err != nil {
		t.Fatal(err)
	}
	w.SetConfig("Org (renamed)", "")
	st.Place = ""
	w.StatementChanged(st)
	if err := w.Save(); err != nil {
		t.Fatal(err)
	}
	w2, err := Open(w.Dir)
	if err != nil {
		t.Fatal(err)
	}
	st2 := w2.Statement(st.ID)
	if w2.Config.Organisation != "Org (renamed)" || st2.IssuingBody != "Ministry" || st2.Place != "" {
		t.Errorf("reopened: organisation %q, body %q, place %q", w2.Config.Organisation, st2.IssuingBody, st2.Place)
	}
	if slices.ContainsFunc(w2.Parts(st2), func(p statement.Part) bool { return p.Kind == statement.Place }) {
		t.Error("a cleared place is still a part")
	}
	if _, ok := w2.Source().Get(st.PlaceID()); ok {
		t.Error("a cleared place is still in the source catalog")
	}
	if _, ok := w2.History.Lookup(catalog.Hash(st.Description(st.PlaceID()), "Paris")); !ok {
		t.Error("the cleared place's text is not in the history")
	}
	r, _ := w2.Status("fr")
	for _, e := range r.Entries {
		if e.ID == statement.OrganisationID && e.State != catalog.NeedsReview {
			t.Errorf("the French organisation is %v after the English changed, want needs review", e.State)
		}
	}
	for _, f := range []string{ConfigFile, filepath.Join(StatementsDir, st.ID+".toml")} {
		data, _ := os.ReadFile(filepath.Join(w.Dir, f))
		if bytes.Contains(data, []byte("Org")) || bytes.Contains(data, []byte("Ministry")) {
			t.Errorf("%s still holds letterhead text:\n%s", f, data)
		}
	}
}

// TestLetterheadFromOlderFiles: workspaces written before the letterhead
// was translatable, or files edited by hand, hold the organisation in
// communique.toml and the issuing body and place in the statement file.
// Those values are the newer ones: they go into the source catalog, and the
// files lose them at the next save.
func TestLetterheadFromOlderFiles(t *testing.T) {
	w, st := newWorkspace(t)
	w.SetTranslation("fr", st.PlaceID(), "Paris")
	if err := w.Save(); err != nil {
		t.Fatal(err)
	}
	cfgPath := filepath.Join(w.Dir, ConfigFile)
	cfg, _ := os.ReadFile(cfgPath)
	os.WriteFile(cfgPath, append([]byte("organisation = \"Old Org\"\n"), cfg...), 0o644)
	stPath := w.StatementPath(st.ID)
	data, _ := os.ReadFile(stPath)
	data = bytes.Replace(data, []byte("id = "), []byte("issuing_body = \"Old Body\"\nplace = \"Lyon\"\nid = "), 1)
	os.WriteFile(stPath, data, 0o644)

	w2, err := Open(w.Dir)
	if err != nil {
		t.Fatal(err)
	}
	st2 := w2.Statement(st.ID)
	if w2.Config.Organisation != "Old Org" || st2.IssuingBody != "Old Body" || st2.Place != "Lyon" {
		t.Fatalf("organisation %q, body %q, place %q", w2.Config.Organisation, st2.IssuingBody, st2.Place)
	}
	for id, text := range map[string]string{statement.OrganisationID: "Old Org", st.BodyID(): "Old Body", st.PlaceID(): "Lyon"} {
		if got := w2.Text("en", id); got != text {
			t.Errorf("%s: source %q, want %q", id, got, text)
		}
	}
	r, _ := w2.Status("fr")
	for _, e := range r.Entries {
		if e.ID == st.PlaceID() && e.State != catalog.NeedsReview {
			t.Errorf("French place %v after the place changed from Paris to Lyon, want needs review", e.State)
		}
	}
	if !w2.Dirty() {
		t.Fatal("the files still hold the letterhead, but nothing is left to save")
	}
	if err := w2.Save(); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{cfgPath, stPath} {
		data, _ := os.ReadFile(p)
		if bytes.Contains(data, []byte("Old")) || bytes.Contains(data, []byte("Lyon")) {
			t.Errorf("%s still holds letterhead text after saving:\n%s", p, data)
		}
	}
	w3, err := Open(w.Dir)
	if err != nil {
		t.Fatal(err)
	}
	if w3.Config.Organisation != "Old Org" || w3.Statement(st.ID).Place != "Lyon" || w3.Dirty() {
		t.Errorf("after saving and reopening: organisation %q, place %q, dirty %v", w3.Config.Organisation, w3.Statement(st.ID).Place, w3.Dirty())
	}
}

// TestLetterheadSaveInterrupted: Save writes the catalogs and the history
// before communique.toml. If it stops in between, the file still holds the
// organisation the catalog has already replaced; the history shows it is
// the older one, so the new name stays.
func TestLetterheadSaveInterrupted(t *testing.T) {
	w, _ := newWorkspace(t)
	cfgPath := filepath.Join(w.Dir, ConfigFile)
	cfg, _ := os.ReadFile(cfgPath)
	os.WriteFile(cfgPath, append([]byte("organisation = \"Old Org\"\n"), cfg...), 0o644)
	w2, err := Open(w.Dir)
	if err != nil {
		t.Fatal(err)
	}
	w2.SetConfig("New Org", "")
	// The save stops after the catalogs and the history.
	if err := w2.Source().Save(); err != nil {
		t.Fatal(err)
	}
	if err := w2.History.Save(); err != nil {
		t.Fatal(err)
	}
	w3, err := Open(w.Dir)
	if err != nil {
		t.Fatal(err)
	}
	if w3.Config.Organisation != "New Org" {
		t.Errorf("organisation %q after an interrupted save, want the new name", w3.Config.Organisation)
	}
	// Cleared, and the save stops at the same point: it stays cleared.
	// (Since Save writes the history first, the catalog is never newer
	// than the history that explains it.)
	w3.SetConfig("", "")
	if err := w3.History.Save(); err != nil {
		t.Fatal(err)
	}
	if err := w3.Source().Save(); err != nil {
		t.Fatal(err)
	}
	// communique.toml, never rewritten, still says "Old Org".
	w4, err := Open(w.Dir)
	if err != nil {
		t.Fatal(err)
	}
	if w4.Config.Organisation != "" {
		t.Errorf("a cleared organisation came back as %q", w4.Config.Organisation)
	}
	w3 = w4
	// Nothing typed is lost either way: the replaced names are in the history.
	for _, name := range []string{"Org", "Old Org", "New Org"} {
		if _, ok := w3.History.Lookup(catalog.Hash(statement.OrganisationDescription, name)); !ok {
			t.Errorf("%q is not in the history", name)
		}
	}
}

func TestParagraphNumber(t *testing.T) {
	for id, want := range map[string]int{"st.p1": 1, "st.p42": 42, "a.b.p7": 7, "st.title": -1, "st.p": -1, "st.p1x": -1, "st.px1": -1, "p3": -1} {
		n, ok := paragraphNumber(id)
		if !ok {
			n = -1
		}
		if n != want {
			t.Errorf("paragraphNumber(%q) = %d, want %d", id, n, want)
		}
	}
}

// TestNamesMayStayAsTheyAre: a place or organisation returned unchanged
// from a handoff is a translation ("Paris" in French), and keeping it is
// no QA problem; an untouched paragraph is still refused.
func TestNamesMayStayAsTheyAre(t *testing.T) {
	w, st := newWorkspace(t)
	handoff := catalog.Handoff(w.Source(), w.Catalogs["fr"], w.History, catalog.TOML)
	returned, err := catalog.Parse("translate.fr.toml", handoff)
	if err != nil {
		t.Fatal(err)
	}
	rep := catalog.MergeWith(w.Source(), w.Catalogs["fr"], returned, catalog.MergeOptions{History: w.History, Names: w.IsName})
	got := map[string]catalog.MergeAction{}
	for _, r := range rep.Results {
		got[r.ID] = r.Action
	}
	for id, want := range map[string]catalog.MergeAction{statement.OrganisationID: catalog.Added, st.PlaceID(): catalog.Added,
		st.TitleID: catalog.Rejected, st.Paragraphs[0]: catalog.Rejected} {
		if got[id] != want {
			t.Errorf("%s: %s, want %s", id, got[id], want)
		}
	}
	r, _ := w.Status("fr")
	for _, e := range r.Entries {
		if w.IsName(e.ID) && (e.State != catalog.Translated || len(e.Problems) != 0) {
			t.Errorf("%s kept as it is: %s %v", e.ID, e.State, e.Problems)
		}
	}
	if r.QAProblems != 0 {
		t.Errorf("%d QA problems", r.QAProblems)
	}
	if w.IsName(st.TitleID) || w.IsName("nobody.place") || w.IsName(st.BodyID()) {
		t.Error("IsName takes the title, an unknown statement or the issuing body for a name")
	}
	// The same handoff returned untouched again, after someone translated
	// the place: the translation stays.
	w.SetTranslation("fr", st.PlaceID(), "Parigi")
	rep = catalog.MergeWith(w.Source(), w.Catalogs["fr"], returned, catalog.MergeOptions{History: w.History, Names: w.IsName})
	if got := w.Text("fr", st.PlaceID()); got != "Parigi" {
		t.Errorf("a stale handoff replaced the place's translation with %q (%v)", got, rep.Results)
	}
}
