package ui

import (
	"slices"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"communique/app/ui/widgets"
	"communique/i18n/catalog"
	"communique/i18n/uitext"
)

// typeFocused types into whatever has the window's focus, as the keyboard
// does.
func typeFocused(t *testing.T, c *controller, s string) {
	t.Helper()
	f := c.win.Canvas().Focused()
	if f == nil {
		t.Fatal("nothing has the focus")
	}
	for _, r := range s {
		f.TypedRune(r)
	}
}

// Deleting a focused paragraph moves the focus to the paragraph that took
// its place; typing then edits that one, and no message comes back.
func TestDeleteParagraphNeverWritesToIt(t *testing.T) {
	c := newTestUI(t, fixture(t, 0))
	st := c.st
	gone := st.Paragraphs[1]
	next := st.Paragraphs[2]
	old := c.editor.Rows[1].Entry
	c.win.Canvas().Focus(old)
	test.Type(old, "Temporary paragraph")
	c.editor.Remove(1)
	if slices.Contains(st.Paragraphs, gone) {
		t.Fatal("paragraph not deleted")
	}
	if c.win.Canvas().Focused() == old {
		t.Fatal("the removed paragraph kept the focus")
	}
	before := c.ws.Text("en", next)
	typeFocused(t, c, "ghost")
	// The old box, if a stale event reached it, writes nothing either.
	old.TypedRune('x')
	if _, ok := c.ws.Source().Get(gone); ok {
		t.Errorf("typing brought the deleted message %s back: %q", gone, c.ws.Text("en", gone))
	}
	if got := c.ws.Text("en", next); got != before+"ghost" {
		t.Errorf("typing after delete went elsewhere: next paragraph is %q", got)
	}
}

// "+" focuses the new, empty paragraph: typing goes there, not into the
// paragraph that had the focus.
func TestAddParagraphTakesFocus(t *testing.T) {
	c := newTestUI(t, fixture(t, 0))
	st := c.st
	first := c.editor.Rows[0].Entry
	c.win.Canvas().Focus(first)
	before := c.ws.Text("en", st.Paragraphs[0])
	c.editor.Insert(len(st.Paragraphs))
	added := st.Paragraphs[len(st.Paragraphs)-1]
	typeFocused(t, c, "A new closing paragraph.")
	if got := c.ws.Text("en", added); got != "A new closing paragraph." {
		t.Errorf("new paragraph holds %q", got)
	}
	if got := c.ws.Text("en", st.Paragraphs[0]); got != before {
		t.Errorf("typing went to the previously focused paragraph: %q", got)
	}
	if e, _ := c.entry("ar", st.Paragraphs[0]); e.State != catalog.Translated {
		t.Errorf("first paragraph's Arabic is %s, want still translated", e.State)
	}
}

// Ctrl+Enter on the French workbench with nothing focused focuses the
// first message that needs work, with the caret at the end of its text;
// from there, Ctrl+Enter goes on to the next one, Ctrl+Up and Ctrl+Down
// step through the messages shown.
func TestCtrlEnterGoesToNextMessageNeedingWork(t *testing.T) {
	c := newTestUI(t, fixture(t, 0))
	c.openLanguage("fr")
	last := c.st.Paragraphs[len(c.st.Paragraphs)-1]
	c.win.Canvas().Unfocus()
	c.bench.shortcut(c.bench.focusedRow(), shortcutNextWork)
	en := c.bench.rows[last].forms[0].entry
	if c.win.Canvas().Focused() != en {
		t.Fatalf("Ctrl+Enter focused %v, want the missing last paragraph", c.win.Canvas().Focused())
	}
	typeFocused(t, c, "Fin.")
	if e, _ := c.entry("fr", last); e.Translation.Other != "Fin." || e.State != catalog.Translated {
		t.Fatalf("typed translation is %q (%s)", e.Translation.Other, e.State)
	}
	// Make the title stale, then Ctrl+Enter from the last paragraph wraps
	// around to it, the caret at the end of its text.
	title := c.st.TitleID
	test.Type(c.editor.Title, "New ")
	en.TypedShortcut(shortcutNextWork)
	te := c.bench.rows[title].forms[0].entry
	if c.win.Canvas().Focused() != te {
		t.Fatalf("Ctrl+Enter did not wrap around to the stale title")
	}
	if te.CursorOffset() != len([]rune(te.Text())) {
		t.Errorf("caret at %d of %d", te.CursorOffset(), len([]rune(te.Text())))
	}
	te.TypedShortcut(shortcutNextMsg)
	next := c.bench.order[slices.Index(c.bench.order, title)+1]
	if c.win.Canvas().Focused() != fyne.Focusable(c.bench.rows[next].forms[0].entry) {
		t.Errorf("Ctrl+Down did not go to the next message")
	}
	c.bench.rows[next].forms[0].entry.TypedShortcut(shortcutPrevMsg)
	if c.win.Canvas().Focused() != te {
		t.Errorf("Ctrl+Up did not come back")
	}
}

// Enter confirms and Escape cancels a dialog: here, deleting a paragraph.
func TestDialogEnterAndEscape(t *testing.T) {
	c := newTestUI(t, fixture(t, 0))
	n := len(c.st.Paragraphs)
	key := func(k fyne.KeyName) { c.win.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: k}) }
	c.editor.ConfirmDelete(1)
	key(fyne.KeyEscape)
	if len(c.st.Paragraphs) != n {
		t.Fatalf("Escape deleted the paragraph")
	}
	if len(c.win.Canvas().Overlays().List()) != 0 {
		t.Fatalf("Escape left the dialog open")
	}
	c.editor.ConfirmDelete(1)
	key(fyne.KeyReturn)
	if len(c.st.Paragraphs) != n-1 {
		t.Fatalf("Enter did not delete: %d paragraphs", len(c.st.Paragraphs))
	}
}

// With ten target languages the window still fits a 1024×600 screen: the
// language list scrolls.
func TestTenLanguagesFitSmallScreen(t *testing.T) {
	ws := fixture(t, 0)
	for _, l := range []string{"de", "es", "it", "tr", "ru", "fa", "ckb", "ur"} {
		if err := ws.AddLanguage(l); err != nil {
			t.Fatal(err)
		}
	}
	for _, ui := range []string{"en", "ar"} {
		c := newTestUI(t, ws)
		if ui == "ar" {
			c.tx = uitext.New("ar")
			c.build()
		}
		for _, tab := range []int{0, 1} {
			c.tabs.SelectIndex(tab)
			m := c.win.Content().MinSize()
			t.Logf("%s interface, tab %d: minimum %v", ui, tab, m)
			if m.Width > 1024 || m.Height > 600 {
				t.Errorf("%s interface, tab %d: window needs %v, more than 1024×600", ui, tab, m)
			}
		}
	}
}

// In a form dialog, Enter in a field submits and Escape cancels.
func TestFormDialogEnterAndEscape(t *testing.T) {
	c := newTestUI(t, fixture(t, 0))
	n := len(c.ws.Languages())
	c.addLanguageDialog()
	code := c.win.Canvas().Overlays().Top()
	entry := findDialogEntry(code)
	if entry == nil {
		t.Fatal("no entry in the add-language dialog")
	}
	test.Type(entry, "de")
	entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if len(c.ws.Languages()) != n || c.win.Canvas().Overlays().Top() != nil {
		t.Fatalf("Escape did not cancel: %v", c.ws.Languages())
	}
	c.addLanguageDialog()
	entry = findDialogEntry(c.win.Canvas().Overlays().Top())
	test.Type(entry, "de")
	entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if len(c.ws.Languages()) != n+1 {
		t.Fatalf("Enter did not add the language: %v", c.ws.Languages())
	}
}

func findDialogEntry(o fyne.CanvasObject) *widgets.DialogEntry {
	if o == nil {
		return nil
	}
	if e, ok := o.(*widgets.DialogEntry); ok {
		return e
	}
	if w, ok := o.(fyne.Widget); ok {
		for _, ch := range test.WidgetRenderer(w).Objects() {
			if e := findDialogEntry(ch); e != nil {
				return e
			}
		}
	}
	if ctr, ok := o.(*fyne.Container); ok {
		for _, ch := range ctr.Objects {
			if e := findDialogEntry(ch); e != nil {
				return e
			}
		}
	}
	return nil
}
