package ui

import (
	"os"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"communique/app/recovery"
	"communique/app/workspace"
)

// Unsaved edits go to the journal; a new window on the same workspace
// offers them back, and restoring puts them in the (still unsaved)
// workspace. Saving removes the journal.
func TestJournalOffersUnsavedEditsBack(t *testing.T) {
	ws := fixture(t, 0)
	c := newTestUI(t, ws)
	id := c.st.Paragraphs[0]
	before := ws.Text("en", id)
	test.Type(c.editor.Rows[0].Entry, "Lost? ")
	c.openLanguage("fr")
	last := c.st.Paragraphs[len(c.st.Paragraphs)-1]
	test.Type(c.bench.rows[last].forms[0].entry, "Jamais perdu.")
	c.editor.Place.SetText("Roma")
	c.flushJournal()
	path := recovery.Path(ws.Dir)
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("no journal after flush: %v", err)
	}
	if !strings.Contains(string(data), "Jamais perdu.") {
		t.Fatalf("journal lacks the translation:\n%s", data)
	}

	// "Restart": the files on disk are as before the edits.
	ws2, err := workspace.Open(ws.Dir)
	if err != nil {
		t.Fatal(err)
	}
	if ws2.Text("en", id) != before {
		t.Fatal("edits reached the workspace without saving")
	}
	c2 := newTestUI(t, ws2)
	if n := c2.pendingRecovery.Size(); n != 3 {
		t.Fatalf("recovery offers %d edits, want 3 (paragraph, translation, place)", n)
	}
	c2.restoreJournal()
	if got := ws2.Text("en", id); got != "Lost? "+before {
		t.Errorf("restored source %q", got)
	}
	if got := ws2.Text("fr", last); got != "Jamais perdu." {
		t.Errorf("restored translation %q", got)
	}
	if got := ws2.Statements[0].Place; got != "Roma" {
		t.Errorf("restored place %q", got)
	}
	if !ws2.Dirty() {
		t.Error("restored edits are not marked unsaved")
	}
	c2.save()
	waitSave(t, c2)
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Errorf("journal still there after saving: %v", err)
	}
}

// A journal whose edits are all on disk already offers nothing.
func TestJournalWithNothingNewIsDropped(t *testing.T) {
	ws := fixture(t, 0)
	c := newTestUI(t, ws)
	test.Type(c.editor.Rows[0].Entry, "Saved ")
	c.flushJournal()
	data, _ := os.ReadFile(recovery.Path(ws.Dir))
	c.save()
	waitSave(t, c)
	if err := os.WriteFile(recovery.Path(ws.Dir), data, 0o600); err != nil {
		t.Fatal(err)
	}
	ws2, err := workspace.Open(ws.Dir)
	if err != nil {
		t.Fatal(err)
	}
	c2 := newTestUI(t, ws2)
	if c2.pendingRecovery.Size() != 0 {
		t.Errorf("offered %d edits that are already saved", c2.pendingRecovery.Size())
	}
	if _, err := os.Stat(recovery.Path(ws.Dir)); !os.IsNotExist(err) {
		t.Error("stale journal kept")
	}
}

// Structural edits are journaled too: after deleting, adding, splitting
// and moving paragraphs, a new window on the unsaved workspace offers the
// new paragraph order back, and restoring it gives the same statement
// (texts, order, no deleted message) as before the "crash".
func TestJournalOffersParagraphStructureBack(t *testing.T) {
	ws := fixture(t, 0)
	c := newTestUI(t, ws)
	st := c.st
	gone := st.Paragraphs[1]
	c.editor.Remove(1)
	c.editor.Insert(len(st.Paragraphs))
	test.Type(c.editor.Rows[len(st.Paragraphs)-1].Entry, "A paragraph added before the crash.")
	first := c.editor.Rows[0].Entry
	first.SetCursor(strings.Index(first.Text(), " ") + 1)
	c.editor.Split(0, first)
	c.editor.Move(len(st.Paragraphs)-1, 0)
	wantOrder := slices.Clone(st.Paragraphs)
	wantText := map[string]string{}
	for _, id := range wantOrder {
		wantText[id] = ws.Text("en", id)
	}
	c.flushJournal()

	ws2, err := workspace.Open(ws.Dir)
	if err != nil {
		t.Fatal(err)
	}
	if slices.Equal(ws2.Statements[0].Paragraphs, wantOrder) {
		t.Fatal("the structural edits reached the disk without saving")
	}
	c2 := newTestUI(t, ws2)
	if len(c2.pendingRecovery.Structure) != 1 {
		t.Fatalf("recovery offers %d paragraph orders, want 1", len(c2.pendingRecovery.Structure))
	}
	if got := overlayText(c2); !strings.Contains(got, c2.tx.T("RecoveryStructure", "Statement", st.ID)) {
		t.Errorf("the recovery dialog does not mention the paragraph changes:\n%s", got)
	}
	c2.restoreJournal()
	st2 := ws2.Statements[0]
	if !slices.Equal(st2.Paragraphs, wantOrder) {
		t.Fatalf("restored order %q, want %q", st2.Paragraphs, wantOrder)
	}
	for _, id := range wantOrder {
		if got := ws2.Text("en", id); got != wantText[id] {
			t.Errorf("restored %s: %q, want %q", id, got, wantText[id])
		}
	}
	c2.save()
	waitSave(t, c2)
	ws3, err := workspace.Open(ws.Dir)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(ws3.Statements[0].Paragraphs, wantOrder) {
		t.Errorf("saved order %q, want %q", ws3.Statements[0].Paragraphs, wantOrder)
	}
	if _, ok := ws3.Source().Get(gone); ok {
		t.Errorf("the deleted paragraph %s came back", gone)
	}
	// A paragraph added after the restore does not take a deleted one's ID.
	if id, _ := ws3.InsertParagraph(ws3.Statements[0], 0, "x"); slices.Contains(append(wantOrder, gone), id) {
		t.Errorf("a new paragraph reuses the ID %s", id)
	}
}
