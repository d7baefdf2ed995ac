package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

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
	test.Type(c.editor.row(0).entry, "Lost? ")
	c.openLanguage("fr")
	last := c.st.Paragraphs[len(c.st.Paragraphs)-1]
	test.Type(c.bench.rows[last].forms[0].entry, "Jamais perdu.")
	c.editor.place.SetText("Roma")
	c.flushJournal()
	path := filepath.Join(ws.Dir, journalName)
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
	if n := c2.pendingRecovery.size(); n != 3 {
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
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Errorf("journal still there after saving: %v", err)
	}
}

// A journal whose edits are all on disk already offers nothing.
func TestJournalWithNothingNewIsDropped(t *testing.T) {
	ws := fixture(t, 0)
	c := newTestUI(t, ws)
	test.Type(c.editor.row(0).entry, "Saved ")
	c.flushJournal()
	data, _ := os.ReadFile(filepath.Join(ws.Dir, journalName))
	c.save()
	waitSave(t, c)
	if err := os.WriteFile(filepath.Join(ws.Dir, journalName), data, 0o600); err != nil {
		t.Fatal(err)
	}
	ws2, err := workspace.Open(ws.Dir)
	if err != nil {
		t.Fatal(err)
	}
	c2 := newTestUI(t, ws2)
	if c2.pendingRecovery.size() != 0 {
		t.Errorf("offered %d edits that are already saved", c2.pendingRecovery.size())
	}
	if _, err := os.Stat(filepath.Join(ws.Dir, journalName)); !os.IsNotExist(err) {
		t.Error("stale journal kept")
	}
}
