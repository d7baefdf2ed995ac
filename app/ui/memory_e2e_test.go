package ui

import (
	"fmt"
	"testing"
	"time"

	"communique/app/workspace"
)

// TestEndToEndMemoryInsert runs the real window under Xvfb: in the French
// workbench of the second statement, type the title, go to the paragraph
// the first statement nearly shares, press Ctrl+1 (the memory's match) and
// Ctrl+Shift+G (the first glossary term), save. On disk the title holds
// what was typed and the paragraph the match followed by the term.
func TestEndToEndMemoryInsert(t *testing.T) {
	x := startX(t)
	ws, st := memoryFixture(t)
	seed := seedOf(t, ws)
	match := ws.Text("fr", seed.Paragraphs[0])
	if match == "" {
		t.Fatal("the seed's first paragraph has no French translation")
	}
	const title = "Deuxième communiqué"
	// The accented letters' keys are bound before the app starts too, so
	// its first keymap already has them (typeSlowly binds them again).
	x.keymap(title)
	x.run(ws.Dir, "workbench:fr:missing")
	x.xdo("key", "ctrl+Return") // the title, the first part that needs work
	x.typeSlowly(title)
	x.xdo("key", "ctrl+Down") // the first paragraph
	time.Sleep(300 * time.Millisecond)
	x.xdo("key", "ctrl+1")
	time.Sleep(300 * time.Millisecond)
	x.xdo("key", "ctrl+shift+g")
	time.Sleep(300 * time.Millisecond)
	x.xdo("key", "ctrl+s")
	waitSaved(t, ws.Dir, func(w *workspace.Workspace) error {
		if got := w.Text("fr", st.TitleID); got != title {
			return fmt.Errorf("title on disk: %q, typed %q", got, title)
		}
		if got, want := w.Text("fr", st.Paragraphs[0]), match+"Coalition mondiale"; got != want {
			return fmt.Errorf("paragraph on disk: %q, want %q", got, want)
		}
		return nil
	})
}
