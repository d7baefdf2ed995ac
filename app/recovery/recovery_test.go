package recovery

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"communique/app/statement"
	"communique/app/workspace"
)

func testWorkspace(t *testing.T) *workspace.Workspace {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "ws")
	ws, err := workspace.Init(dir, workspace.Config{Organisation: "Ministry of Tests", SourceLanguage: "en", Languages: []string{"fr"}})
	if err != nil {
		t.Fatal(err)
	}
	txt, err := statement.ParseText("A title\n\nFirst paragraph.\n\nSecond paragraph.\n", statement.ParseOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ws.AddStatement(txt, statement.Statement{ID: "s", IssuingBody: "Body", Place: "Rome", Date: time.Date(2020, 6, 3, 0, 0, 0, 0, time.UTC)}); err != nil {
		t.Fatal(err)
	}
	if err := ws.Save(); err != nil {
		t.Fatal(err)
	}
	ws, err = workspace.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	return ws
}

// A journal written after edits and read by a fresh open of the same
// workspace offers exactly those edits, and restoring them reproduces them;
// saving removes it.
func TestJournalRoundTrip(t *testing.T) {
	ws := testWorkspace(t)
	st := ws.Statements[0]
	p0 := st.Paragraphs[0]
	j := New()
	if err := j.Flush(ws, time.Now()); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(Path(ws.Dir)); !errors.Is(err, fs.ErrNotExist) {
		t.Fatal("a journal with nothing noted was written")
	}
	ws.SetSource(st, p0, "Edited first paragraph.")
	j.NoteEdit("en", p0)
	if err := ws.SetTranslation("fr", p0, "Premier paragraphe."); err != nil {
		t.Fatal(err)
	}
	j.NoteEdit("fr", p0)
	st.Place = "Paris"
	j.NoteMeta(st)
	if err := ws.DeleteParagraph(st, 1); err != nil {
		t.Fatal(err)
	}
	j.NoteStructure(st)
	if err := j.Flush(ws, time.Now()); err != nil {
		t.Fatal(err)
	}

	fresh, err := workspace.Open(ws.Dir)
	if err != nil {
		t.Fatal(err)
	}
	_, r, err := Read(fresh)
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Edits) != 2 || len(r.Meta) != 1 || len(r.Structure) != 1 {
		t.Fatalf("offered %d edits, %d metadata, %d structures; want 2, 1, 1", len(r.Edits), len(r.Meta), len(r.Structure))
	}
	j2 := New()
	if err := Restore(fresh, r, j2); err != nil {
		t.Fatal(err)
	}
	fst := fresh.Statements[0]
	if got := fresh.Text("en", p0); got != "Edited first paragraph." {
		t.Errorf("source %q", got)
	}
	if got := fresh.Text("fr", p0); got != "Premier paragraphe." {
		t.Errorf("translation %q", got)
	}
	if fst.Place != "Paris" || !slices.Equal(fst.Paragraphs, st.Paragraphs) {
		t.Errorf("place %q, paragraphs %v; want Paris, %v", fst.Place, fst.Paragraphs, st.Paragraphs)
	}
	if j2.written {
		t.Error("restored edits are not noted for the next flush")
	}
	if err := j2.Saved(fresh.Dir); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(Path(ws.Dir)); !errors.Is(err, fs.ErrNotExist) {
		t.Error("the journal outlived the save")
	}
}

// A damaged journal is an error naming the file, not a panic or an offer.
func TestDamagedJournal(t *testing.T) {
	ws := testWorkspace(t)
	if err := os.WriteFile(Path(ws.Dir), []byte(`{"version":1,"edits":[{"lang":`), 0o600); err != nil {
		t.Fatal(err)
	}
	_, r, err := Read(ws)
	if err == nil || r.Size() != 0 {
		t.Fatalf("damaged journal: err %v, %d offered", err, r.Size())
	}
	if !filepath.IsAbs(Path(ws.Dir)) || !strings.Contains(err.Error(), Name) {
		t.Errorf("error %q does not name the journal", err)
	}
}
