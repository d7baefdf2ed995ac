package mempane

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"communique/app/statement"
	"communique/app/ui/widgets"
	"communique/app/workspace"
	"communique/i18n/glossary"
	"communique/i18n/uitext"
)

const testGlossary = `[[term]]
source = "Daesh"
note = "Never 'Islamic State'."
[term.approved]
ar = "داعش"
fr = "Daech"
[term.forbidden]
ar = ["تنظيم الدولة"]

[[term]]
source = "Global Coalition"
[term.approved]
fr = "Coalition mondiale"
`

// testHost is the workbench as the pane sees it, translating into lang.
type testHost struct {
	ws      *workspace.Workspace
	tx      *uitext.Text
	lang    string
	changed int // GlossaryChanged calls
}

func (h *testHost) Workspace() *workspace.Workspace { return h.ws }
func (h *testHost) Text() *uitext.Text              { return h.tx }
func (h *testHost) TargetLang() string              { return h.lang }
func (h *testHost) RowName(id string) string        { return id }
func (h *testHost) GlossaryChanged()                { h.changed++ }

func (h *testHost) PartName(_ *statement.Statement, part statement.Part) string { return part.ID }

// The glossary editor adds, edits and deletes terms in glossary.toml; a
// file changed by hand since it was read is not overwritten, and the
// editor then shows the file as it is.
func TestGlossaryEditor(t *testing.T) {
	p, h, w := glossaryFixture(t, "en", "fr")
	ws := h.ws
	p.Reload()
	p.EditGlossary()
	if w.Canvas().Overlays().Top() == nil {
		t.Fatal("the glossary editor did not open")
	}
	ed := p.glossaryEditor()
	f, rows := ed.termFields(ed.gl().Terms[0])
	if len(rows) != 2+2*2 || f.approved["ar"].Lang != "ar" || f.approved["ar"].Text() != "داعش" {
		t.Fatalf("term form has %d rows, Arabic field %q in %q", len(rows), f.approved["ar"].Text(), f.approved["ar"].Lang)
	}
	f.approved["fr"].SetText("Daesh (Daech)")
	f.forbidden["fr"].SetText("État islamique\n\n EI ")
	nt := f.term()
	ed.save(func(ts []glossary.Term) []glossary.Term { ts[0] = nt; return ts })
	ed.save(func(ts []glossary.Term) []glossary.Term { return ts[1:] })
	g, err := ws.Glossary()
	if err != nil {
		t.Fatal(err)
	}
	if len(g.Terms) != 1 || g.Terms[0].Source != "Global Coalition" {
		t.Fatalf("after edit and delete the file holds %+v", g.Terms)
	}
	ed.save(func(ts []glossary.Term) []glossary.Term { return append(ts, nt) })
	g, _ = ws.Glossary()
	if len(g.Terms) != 2 || g.Terms[1].Approved["fr"] != "Daesh (Daech)" || strings.Join(g.Terms[1].Forbidden["fr"], "|") != "État islamique|EI" {
		t.Fatalf("added term read back as %+v", g.Terms)
	}
	if pg, _ := p.Glossary(); len(pg.Terms) != 2 || pg.Terms[1].Approved["fr"] != "Daesh (Daech)" {
		t.Errorf("pane holds %+v after the edit", pg.Terms)
	}
	if h.changed != 3 {
		t.Errorf("the workbench heard of %d glossary changes, want 3", h.changed)
	}

	hand := append(g.Read, []byte("\n[[term]]\nsource = \"Operation Inherent Resolve\"\n")...)
	if err := os.WriteFile(ws.GlossaryPath(), hand, 0o644); err != nil {
		t.Fatal(err)
	}
	ed.save(func(ts []glossary.Term) []glossary.Term { return nil })
	if now, _ := os.ReadFile(ws.GlossaryPath()); string(now) != string(hand) {
		t.Fatal("a hand edit of glossary.toml was overwritten")
	}
	if len(ed.gl().Terms) != 3 || len(ed.list.Objects) != 3 {
		t.Errorf("after the refused save the editor shows %d terms (%d rows), want the file's 3", len(ed.gl().Terms), len(ed.list.Objects))
	}
}

// Deleting a term asks in our own dialog (typeset, mirrored), whose
// buttons say what they do; the answer is written to the file.
func TestGlossaryDeleteAsksInOwnDialog(t *testing.T) {
	p, h, w := glossaryFixture(t, "ar", "ar")
	ws := h.ws
	p.Reload()
	ed := p.glossaryEditor()
	before := len(ed.gl().Terms)
	ed.deleteTerm(0)
	top := w.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("deleting a term asked nothing")
	}
	var yes *widgets.TapButton
	var captions []string
	walkObjects(top, func(o fyne.CanvasObject) {
		if b, ok := o.(*widgets.TapButton); ok {
			captions = append(captions, b.Caption())
			if b.Caption() == h.tx.T("Delete") {
				yes = b
			}
		}
	})
	if yes == nil {
		t.Fatalf("the question's buttons are %q, want one saying %q", captions, h.tx.T("Delete"))
	}
	test.Tap(yes)
	g, err := ws.Glossary()
	if err != nil {
		t.Fatal(err)
	}
	if len(g.Terms) != before-1 {
		t.Errorf("after answering Delete the file holds %d terms, want %d", len(g.Terms), before-1)
	}
	if w.Canvas().Overlays().Top() != nil {
		t.Error("the question stays open after the answer")
	}
}

func walkObjects(o fyne.CanvasObject, visit func(fyne.CanvasObject)) {
	visit(o)
	switch v := o.(type) {
	case *fyne.Container:
		for _, c := range v.Objects {
			walkObjects(c, visit)
		}
	case fyne.Widget:
		for _, c := range test.WidgetRenderer(v).Objects() {
			walkObjects(c, visit)
		}
	}
}

// glossaryFixture is a pane over a workspace (en → fr, ar) holding
// testGlossary, in a window of the given interface language, its
// workbench on target.
func glossaryFixture(t *testing.T, uiLang, target string) (*Pane, *testHost, fyne.Window) {
	t.Helper()
	a := test.NewApp()
	t.Cleanup(func() { a.Quit() })
	w := a.NewWindow("test")
	w.Resize(fyne.NewSize(1024, 768))
	ws, err := workspace.Init(filepath.Join(t.TempDir(), "ws"), workspace.Config{Organisation: "Ministry of Tests",
		SourceLanguage: "en", Languages: []string{"fr", "ar"}})
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(ws.GlossaryPath(), []byte(testGlossary), 0o644); err != nil {
		t.Fatal(err)
	}
	h := &testHost{ws: ws, tx: uitext.New(uiLang), lang: target}
	kit := &widgets.Kit{Text: func() *uitext.Text { return h.tx }, Win: func() fyne.Window { return w }, Now: time.Now}
	return New(h, kit), h, w
}
