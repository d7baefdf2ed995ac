package ui

import (
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"communique/app/ui/widgets"
)

// overlayTextLabels lists the typeset labels of the top dialog.
func overlayTextLabels(c *controller) []*widgets.Label {
	var out []*widgets.Label
	if top := c.win.Canvas().Overlays().Top(); top != nil {
		walk(top, func(o fyne.CanvasObject) {
			if l, ok := o.(*widgets.Label); ok {
				out = append(out, l)
			}
		})
	}
	return out
}

// In the Arabic interface the tabs read from the right (the statement
// first), the filter sits right of the search box, both are drawn by the
// typesetting engine, and a search typed in Arabic with digits finds its
// row; in English the order is the usual one.
func TestArabicTabsFilterAndSearchMirrored(t *testing.T) {
	c := newTestUIIn(t, fixture(t, 0), "ar")
	if c.tabs.Items[0] != c.benchTab || c.tabs.Items[1] != c.editorTab {
		t.Error("the Arabic tabs are not mirrored: the statement tab is not the right one")
	}
	if c.tabs.Selected() != c.editorTab {
		t.Error("the Arabic window does not open on the statement")
	}
	c.openLanguage("ar")
	if c.tabs.Selected() != c.benchTab {
		t.Fatal("opening a language did not show the workbench")
	}
	test.LaidOutObjects(c.win.Content()) // lay everything out
	fx := fyne.CurrentApp().Driver().AbsolutePositionForObject(c.bench.filter.Content).X
	sx := fyne.CurrentApp().Driver().AbsolutePositionForObject(c.bench.search).X
	if fx <= sx {
		t.Errorf("filter at x=%.0f, search at x=%.0f: the filter is not at the right", fx, sx)
	}
	if c.bench.search.Lang != "" {
		t.Error("the search box has a fixed direction; it must follow what is typed")
	}
	id := c.st.Paragraphs[2]
	if c.tabs.Selected() != c.benchTab || len(c.bench.visibleRows()) == 0 {
		t.Fatal("the workbench shows no rows")
	}
	query := c.ws.Text("ar", id) // Arabic with a digit
	test.Type(c.bench.search, query)
	if got := c.bench.visibleRows(); len(got) != 1 || got[0] != id {
		t.Errorf("searching the Arabic %q shows rows %q, want %s", query, got, id)
	}

	en := newTestUI(t, fixture(t, 0))
	if en.tabs.Items[0] != en.editorTab {
		t.Error("the English tabs are mirrored")
	}
}

// Dialog bodies are typeset: in the Arabic interface the unsaved-changes
// question reads right to left with the workspace's Latin name kept whole
// at its place, and an English error keeps its own direction.
func TestDialogBodiesReadInTheirDirection(t *testing.T) {
	ws := fixture(t, 0)
	c := newTestUIIn(t, ws, "ar")
	test.Type(c.editor.Rows[0].Entry, "Draft ")
	c.whenSaved(func() {})
	var q *widgets.Label
	for _, l := range overlayTextLabels(c) {
		if strings.Contains(l.Text(), filepath.Base(ws.Dir)) {
			q = l
		}
	}
	if q == nil {
		t.Fatal("the unsaved-changes question is not a typeset label")
	}
	if para, line := q.RightToLeft(); !para || !line {
		t.Errorf("the Arabic question %q is not laid out right to left", q.Text())
	}
	c.win.Canvas().Overlays().Top().Hide()

	c.showError(errTest("open /tmp/ws/fr.toml: permission denied"))
	labels := overlayTextLabels(c)
	if len(labels) == 0 {
		t.Fatal("the error is not a typeset label")
	}
	if para, _ := labels[0].RightToLeft(); para {
		t.Error("an English error is laid out right to left")
	}
}

type errTest string

func (e errTest) Error() string { return string(e) }

// In the Arabic interface the tab row starts at the right and a dialog's
// title and buttons are typeset, its confirming button leftmost (mirrored);
// in English the tabs start at the left and the confirming button is
// rightmost.
func TestTabsAndDialogButtonsMirrored(t *testing.T) {
	for _, tc := range []struct {
		lang string
		rtl  bool
	}{{"ar", true}, {"en", false}} {
		c := newTestUIIn(t, fixture(t, 0), tc.lang)
		c.win.Resize(fyne.NewSize(1280, 800))
		first := c.tabs.Buttons()[0].Obj
		last := c.tabs.Buttons()[len(c.tabs.Items)-1].Obj
		w := c.tabs.Size().Width
		rightEdge := fyne.CurrentApp().Driver().AbsolutePositionForObject(last).X + last.Size().Width
		left := fyne.CurrentApp().Driver().AbsolutePositionForObject(first).X
		tabsX := fyne.CurrentApp().Driver().AbsolutePositionForObject(c.tabs).X
		if tc.rtl && tabsX+w-rightEdge > 20 {
			t.Errorf("%s: the tab row ends %.0f px short of the right edge", tc.lang, tabsX+w-rightEdge)
		}
		if !tc.rtl && left-tabsX > 20 {
			t.Errorf("%s: the tab row starts %.0f px from the left edge", tc.lang, left-tabsX)
		}

		c.editor.ConfirmDelete(0)
		top := c.win.Canvas().Overlays().Top()
		byLabel := map[string]*widgets.TapButton{}
		walk(top, func(o fyne.CanvasObject) {
			if b, ok := o.(*widgets.TapButton); ok {
				byLabel[b.Caption()] = b
			}
		})
		del, cancel := byLabel[c.tx.T("Delete")], byLabel[c.tx.T("Cancel")]
		if del == nil || cancel == nil {
			t.Fatalf("%s: the dialog's buttons are not typeset (%v)", tc.lang, byLabel)
		}
		dx, cx := offsetIn(top, del).X, offsetIn(top, cancel).X
		if tc.rtl != (dx < cx) {
			t.Errorf("%s: Delete at x=%.0f, Cancel at x=%.0f", tc.lang, dx, cx)
		}
		var title *widgets.Label
		for _, l := range overlayTextLabels(c) {
			if l.Text() == c.tx.T("DeleteParagraphTitle", "N", 1) {
				title = l
			}
		}
		if title == nil {
			t.Fatalf("%s: the dialog's title is not typeset", tc.lang)
		}
		if para, _ := title.RightToLeft(); para != tc.rtl {
			t.Errorf("%s: title laid out right to left = %v", tc.lang, para)
		}
		n := len(c.st.Paragraphs)
		test.Tap(&cancel.Button)
		if len(c.st.Paragraphs) != n || c.win.Canvas().Overlays().Top() != nil {
			t.Errorf("%s: Cancel deleted the paragraph or left the dialog open", tc.lang)
		}
	}
}

// offsetIn is where target lies inside root, found by walking the tree
// (the test driver does not place overlay objects).
func offsetIn(root, target fyne.CanvasObject) fyne.Position {
	var find func(o fyne.CanvasObject, at fyne.Position) (fyne.Position, bool)
	find = func(o fyne.CanvasObject, at fyne.Position) (fyne.Position, bool) {
		if o == target {
			return at, true
		}
		var kids []fyne.CanvasObject
		switch x := o.(type) {
		case *fyne.Container:
			kids = x.Objects
		case fyne.Widget:
			kids = test.WidgetRenderer(x).Objects()
		}
		for _, k := range kids {
			if p, ok := find(k, at.Add(k.Position())); ok {
				return p, true
			}
		}
		return at, false
	}
	p, _ := find(root, fyne.Position{})
	return p
}
