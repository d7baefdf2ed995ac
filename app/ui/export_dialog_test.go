package ui

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"communique/app/export"
)

// waitExport waits for the export dialog's run to finish.
func waitExport(t *testing.T, done <-chan error) error {
	t.Helper()
	select {
	case err := <-done:
		return err
	case <-time.After(90 * time.Second):
		t.Fatal("export did not finish")
	}
	return nil
}

// The dialog exports as a batch: every ready language is written, and a
// language that is not (French lacks a paragraph) is shown as left out
// with its reason, the untranslated part named.
func TestExportDialogReportsSkippedLanguages(t *testing.T) {
	c := newTestUI(t, fixture(t, 0))
	out := filepath.Join(t.TempDir(), "out")
	c.exportDialog()
	x := c.export
	x.Folder.SetText(out)
	x.SignIt.SetChecked(false)
	done := make(chan error, 1)
	x.OnDone = func(_ *export.Manifest, err error) { done <- err }
	test.Tap(x.Start)
	if err := waitExport(t, done); err != nil {
		t.Fatal(err)
	}
	m := x.Manifest()
	var written []string
	for _, f := range m.Files {
		written = append(written, f.Lang)
	}
	if !slices.Equal(written, []string{"en", "ar"}) {
		t.Errorf("wrote %v, want en and ar", written)
	}
	if len(m.Skipped) != 1 || m.Skipped[0].Lang != "fr" {
		t.Fatalf("skipped %+v, want fr", m.Skipped)
	}
	last := c.st.Paragraphs[len(c.st.Paragraphs)-1]
	shown := overlayText(c)
	for _, want := range []string{c.tx.T("SkippedLanguage", "Language", languageName("fr"), "File", "seed.fr.pdf"), last, "seed.ar.pdf"} {
		if !strings.Contains(shown, want) {
			t.Errorf("the result does not show %q:\n%s", want, shown)
		}
	}
	if _, err := os.Stat(filepath.Join(out, "seed.fr.pdf")); err == nil {
		t.Error("incomplete French was exported")
	}
}

// Cancel stops an export waiting on a timestamp server that never
// answers: the export ends at once with nothing written, and says so.
func TestExportDialogCancel(t *testing.T) {
	c := newTestUI(t, fixture(t, 0))
	asked := make(chan struct{}, 16)
	stop := make(chan struct{})
	tsa := httptest.NewServer(http.HandlerFunc(func(_ http.ResponseWriter, r *http.Request) {
		asked <- struct{}{}
		select { // hangs until the client gives up (or the test ends)
		case <-r.Context().Done():
		case <-stop:
		}
	}))
	defer tsa.Close()
	defer close(stop)
	out := filepath.Join(t.TempDir(), "out")
	c.exportDialog()
	x := c.export
	x.Folder.SetText(out)
	x.SignIt.SetChecked(true)
	x.Ident.SetText(testIdentity(t))
	x.TSA.SetText(tsa.URL)
	done := make(chan error, 1)
	x.OnDone = func(_ *export.Manifest, err error) { done <- err }
	test.Tap(x.Start)
	select {
	case <-asked:
	case err := <-done:
		t.Fatalf("export finished without asking the timestamp server: %v", err)
	case <-time.After(60 * time.Second):
		t.Fatal("the timestamp server was never asked")
	}
	if x.Stop == nil || x.Stop.Disabled() {
		t.Fatal("no Cancel button while the export runs")
	}
	test.Tap(x.Stop)
	if err := waitExport(t, done); !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	if ents, _ := os.ReadDir(out); len(ents) != 0 {
		t.Errorf("a cancelled export wrote %d entries", len(ents))
	}
	if shown := overlayText(c); !strings.Contains(shown, c.tx.T("ExportCancelled")) {
		t.Errorf("the dialog does not say the export was cancelled:\n%s", shown)
	}
	if c.exporting {
		t.Error("saving is still held off after the cancelled export")
	}
}

// Adding a language no font covers warns at once, naming the language and
// letters it lacks; a covered one (French, from the real fonts) does not.
func TestAddLanguageWarnsWithoutFont(t *testing.T) {
	c := newTestUI(t, fixture(t, 0))
	if err := c.ws.AddLanguage("de"); err != nil {
		t.Fatal(err)
	}
	c.languagesChanged("de")
	if top := c.win.Canvas().Overlays().Top(); top != nil {
		t.Fatalf("adding German warned:\n%s", overlayText(c))
	}
	c.fontCoverage = func(lang string) (export.Coverage, error) {
		return export.Coverage{Lang: lang, Known: true, Exemplars: 27, Missing: []rune("אבגדה")}, nil
	}
	if err := c.ws.AddLanguage("he"); err != nil {
		t.Fatal(err)
	}
	c.languagesChanged("he")
	shown := overlayText(c)
	if !strings.Contains(shown, languageName("he")) || !strings.Contains(shown, "א ב ג") {
		t.Errorf("the warning does not name the language and its letters:\n%s", shown)
	}
}

// In a 1024×600 window the export dialog fits, its buttons on screen.
func TestExportDialogFitsSmallWindow(t *testing.T) {
	c := newTestUI(t, fixture(t, 0))
	c.win.Resize(fyne.NewSize(1024, 600))
	c.exportDialog()
	cs := c.win.Canvas().Size()
	got := c.export.Modal.Content().Size()
	if got.Height > cs.Height || got.Width > cs.Width {
		t.Errorf("export dialog %v in a %v window", got, cs)
	}
}
