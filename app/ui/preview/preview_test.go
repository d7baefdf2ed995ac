package preview

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"communique/app/pdf"
	"communique/app/statement"
	"communique/app/ui/widgets"
	"communique/app/workspace"
	"communique/i18n/uitext"
)

// fixture builds a workspace on disk: the seed statement in English,
// complete Arabic, French missing its last paragraph.
func fixture(tb testing.TB) (*workspace.Workspace, *statement.Statement) {
	tb.Helper()
	ws, err := workspace.Init(filepath.Join(tb.TempDir(), "ws"), workspace.Config{Organisation: "Ministry of Tests",
		SourceLanguage: "en", Languages: []string{"fr", "ar"}})
	if err != nil {
		tb.Fatal(err)
	}
	src, err := os.ReadFile(filepath.Join("..", "testdata", "seed-statement.txt"))
	if err != nil {
		tb.Fatal(err)
	}
	txt, err := statement.ParseText(string(src), statement.ParseOptions{})
	if err != nil {
		tb.Fatal(err)
	}
	st, err := ws.AddStatement(txt, statement.Statement{ID: "seed", IssuingBody: "Global Coalition", Place: "Rome",
		Date: time.Date(2020, 6, 3, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		tb.Fatal(err)
	}
	parts := ws.Parts(st)
	for i, p := range parts {
		if err := ws.SetTranslation("ar", p.ID, fmt.Sprintf("ترجمة الجزء %d من البيان.", i+1)); err != nil {
			tb.Fatal(err)
		}
		if i < len(parts)-1 {
			if err := ws.SetTranslation("fr", p.ID, fmt.Sprintf("Traduction de la partie %d du communiqué.", i+1)); err != nil {
				tb.Fatal(err)
			}
		}
	}
	return ws, st
}

// newTestPreview shows the preview of the fixture's statement in a test
// window, in an English interface, as wide as the window's preview pane;
// it typesets only when a test asks (Delay of an hour).
func newTestPreview(tb testing.TB) (*Preview, *statement.Statement) {
	tb.Helper()
	a := test.NewApp()
	a.Settings().SetTheme(theme.DefaultTheme())
	tb.Cleanup(func() { a.Quit() })
	w := a.NewWindow("test")
	tx := uitext.New("en")
	kit := &widgets.Kit{Text: func() *uitext.Text { return tx }, Win: func() fyne.Window { return w }, Now: time.Now}
	ws, st := fixture(tb)
	p := New(Host{Kit: kit, Workspace: ws})
	p.Delay = time.Hour
	w.SetContent(p.Content)
	w.Resize(fyne.NewSize(440, 800))
	w.Show()
	p.Show(st)
	return p, st
}

// waitFor polls cond for up to five seconds (the preview renders in the
// background).
func waitFor(cond func() bool) {
	for range 100 {
		if cond() {
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func TestPreviewShowsTypesetPage(t *testing.T) {
	p, _ := newTestPreview(t)
	shown := make(chan struct{}, 4)
	p.OnShown = func() { shown <- struct{}{} }
	p.Delay = time.Millisecond
	p.SetLanguage("ar")
	select {
	case <-shown:
	case <-time.After(30 * time.Second):
		t.Fatal("the preview never showed a page")
	}
	if p.img.Image == nil || p.pages != 1 {
		t.Fatalf("preview: image %v, %d pages", p.img.Image != nil, p.pages)
	}
	if b := p.img.Image.Bounds(); b.Dx() < 100 || b.Dy() <= b.Dx() {
		t.Errorf("the page image is %v, not a portrait page", b)
	}
	if !p.note.Hidden {
		t.Errorf("complete Arabic shows a note: %q", p.note.Text())
	}
	p.SetLanguage("fr")
	<-shown
	if p.note.Hidden || !strings.Contains(p.note.Text(), "English") {
		t.Errorf("French lacks a paragraph but the preview says %q", p.note.Text())
	}
}

// An Arabic page wider than the pane opens scrolled to its right edge,
// where the lines start.
func TestRightToLeftPreviewOpensAtTheRight(t *testing.T) {
	p, _ := newTestPreview(t)
	p.SetLanguage("ar")
	p.setZoom(3)
	if p.scroll.Content.MinSize().Width <= p.scroll.Size().Width {
		t.Fatalf("page %v not wider than the pane %v", p.scroll.Content.MinSize(), p.scroll.Size())
	}
	waitFor(func() bool { return p.scroll.Offset.X > 0 && !p.busy })
	if p.scroll.Offset.X <= 0 {
		t.Errorf("Arabic page at offset %v, want scrolled to the right", p.scroll.Offset)
	}
	p.SetLanguage("fr")
	p.setZoom(3)
	waitFor(func() bool { return p.scroll.Offset.X == 0 && !p.busy })
	if p.scroll.Offset != (fyne.Position{}) {
		t.Errorf("French page at offset %v, want the top left", p.scroll.Offset)
	}
}

// Icon-only buttons show what they do when the pointer rests on them.
func TestIconButtonsHaveTips(t *testing.T) {
	p, _ := newTestPreview(t)
	b := p.next
	if b.Tip != p.h.Kit.Text().T("NextPage") {
		t.Fatalf("next-page button tip %q", b.Tip)
	}
	b.MouseIn(&desktop.MouseEvent{})
	deadline := time.Now().Add(3 * time.Second)
	for !b.TipShown() && time.Now().Before(deadline) {
		time.Sleep(50 * time.Millisecond)
	}
	if !b.TipShown() {
		t.Fatal("no tip after resting on the button")
	}
	b.MouseOut()
	if b.TipShown() {
		t.Error("tip stays after the pointer left")
	}
}

// BenchmarkPreviewRefresh typesets the Arabic page as the preview does
// after a pause in typing: copy the statement, render page 1 at the size
// the pane shows it (fit: the pane's width in a 1280-pixel window; 100 %;
// 200 % as on a high-density screen), put the image on screen.
// Target: ≤ 100 ms.
func BenchmarkPreviewRefresh(b *testing.B) {
	p, st := newTestPreview(b)
	p.SetLanguage("ar")
	for _, tc := range []struct {
		name  string
		scale float32
	}{{"fit", p.effectiveZoom()}, {"100%", 1}, {"200%", 2}} {
		b.Run(tc.name, func(b *testing.B) {
			for b.Loop() {
				doc, fallback, err := document(p.h.Workspace, st, "ar")
				if err != nil {
					b.Fatal(err)
				}
				img, pages, err := pdf.Render(doc, 1, float64(tc.scale))
				if err != nil {
					b.Fatal(err)
				}
				p.gen++
				p.busy = true
				p.finish(p.gen, img, pages, fallback, nil)
			}
			b.ReportMetric(float64(tc.scale), "px/pt")
		})
	}
}
