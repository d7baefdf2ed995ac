package ui

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"communique/app/export"
	"communique/app/sign"
	"communique/app/workspace"
	"communique/i18n/catalog"
)

// Typing into a paragraph goes to the source catalog, and the Arabic
// translation of that paragraph turns "needs review" on screen, with the
// typed words shown as added.
func TestTypingInParagraphMakesTranslationsStale(t *testing.T) {
	ws := fixture(t, 0)
	c := newTestUI(t, ws)
	id := c.st.Paragraphs[0]
	if e, _ := c.entry("ar", id); e.State != catalog.Translated {
		t.Fatalf("before typing, ar %s is %s", id, e.State)
	}
	before := ws.Text("en", id)

	test.Type(c.editor.Rows[0].Entry, "Today, ")

	if got := ws.Text("en", id); got != "Today, "+before {
		t.Fatalf("source catalog has %q", got)
	}
	if e, _ := c.entry("ar", id); e.State != catalog.NeedsReview {
		t.Fatalf("after typing, ar %s is %s, want needs_review", id, e.State)
	}
	c.openLanguage("ar")
	r := c.bench.rows[id]
	if got, want := r.state.Text(), c.tx.T("StateNeedsReview"); got != want {
		t.Errorf("workbench shows %q, want %q", got, want)
	}
	if !r.diffBox.Visible() || !r.review.Visible() {
		t.Error("needs-review row shows neither the source diff nor the Mark reviewed button")
	}
	if added := markedText(r.now); !strings.Contains(added, "Today") {
		t.Errorf("the new source marks %q as added, want the typed words", added)
	}
	if !strings.HasPrefix(c.win.Title(), "•") {
		t.Errorf("window title %q has no unsaved mark", c.win.Title())
	}

	// Mark reviewed: the translation is current again.
	test.Tap(r.review)
	if e, _ := c.entry("ar", id); e.State != catalog.Translated {
		t.Errorf("after Mark reviewed, ar %s is %s", id, e.State)
	}
	if r.review.Visible() {
		t.Error("Mark reviewed still shown on a reviewed part")
	}
}

// TestEditingThePlaceMakesItsTranslationStale: the place is a translated
// part; changing it in the editor makes the Arabic place need review, in
// its own row of the workbench.
func TestEditingThePlaceMakesItsTranslationStale(t *testing.T) {
	ws := fixture(t, 0)
	c := newTestUI(t, ws)
	id := c.st.PlaceID()
	if e, _ := c.entry("ar", id); e.State != catalog.Translated {
		t.Fatalf("before editing, the Arabic place is %s", e.State)
	}
	c.editor.Place.SetText("Rome (Italy)")
	if got := ws.Text("en", id); got != "Rome (Italy)" {
		t.Fatalf("source catalog has place %q", got)
	}
	if e, _ := c.entry("ar", id); e.State != catalog.NeedsReview {
		t.Fatalf("after editing, the Arabic place is %s, want needs_review", e.State)
	}
	c.openLanguage("ar")
	r := c.bench.rows[id]
	if r == nil {
		t.Fatal("the workbench has no row for the place")
	}
	if r.head.Text() != c.tx.T("Place") || r.state.Text() != c.tx.T("StateNeedsReview") {
		t.Errorf("place row %q shows %q", r.head.Text(), r.state.Text())
	}
}

// markedText is the text of the bold (changed) segments of a diff.
func markedText(rt interface{ Visible() bool }) string {
	var b strings.Builder
	if rt != nil && rt.Visible() {
		for _, s := range rtSegments(rt) {
			if s.Style.TextStyle.Bold {
				b.WriteString(s.Text)
			}
		}
	}
	return b.String()
}

func TestFilterShowsOnlyMissing(t *testing.T) {
	c := newTestUI(t, fixture(t, 0))
	c.openLanguage("fr")
	last := c.st.Paragraphs[len(c.st.Paragraphs)-1]
	if n := len(c.bench.visibleRows()); n != 10 {
		t.Fatalf("unfiltered workbench shows %d parts, want 10 (letterhead, dateline, title, paragraphs)", n)
	}
	c.bench.filter.SetSelectedIndex(filterMissing)
	if got := c.bench.visibleRows(); !slices.Equal(got, []string{last}) {
		t.Errorf("Missing filter shows %v, want only %s", got, last)
	}
	c.bench.filter.SetSelectedIndex(filterTranslated)
	if got := c.bench.visibleRows(); len(got) != 9 || slices.Contains(got, last) {
		t.Errorf("Translated filter shows %v", got)
	}
	c.bench.filter.SetSelectedIndex(filterAll)
	test.Type(c.bench.search, "inherent resolve")
	if got := c.bench.visibleRows(); len(got) != 1 || !strings.Contains(ws(c).Text("en", got[0]), "Inherent Resolve") {
		t.Errorf("search shows %v", got)
	}

	// Translating the missing part makes French complete.
	c.bench.search.SetText("")
	test.Type(c.bench.rows[last].forms[0].entry, "Les directeurs politiques ont exprimé leur solidarité.")
	if e, _ := c.entry("fr", last); e.State != catalog.Translated {
		t.Errorf("after typing, fr %s is %s", last, e.State)
	}
	if rep := c.reports["fr"]; rep.Missing != 0 {
		t.Errorf("fr still reports %d missing", rep.Missing)
	}
}

func ws(c *controller) *workspace.Workspace { return c.ws }

// The export button writes signed PDFs, verified, with a manifest.
func TestExportButtonWritesSignedPDFs(t *testing.T) {
	c := newTestUI(t, fixture(t, 0))
	out := filepath.Join(t.TempDir(), "out")
	c.exportDialog()
	x := c.export
	if x.Checks["fr"].Checked || !x.Checks["fr"].Disabled() {
		t.Error("French lacks a paragraph but is offered for export")
	}
	if !x.Checks["ar"].Checked || !x.Checks["en"].Checked {
		t.Error("complete languages are not chosen by default")
	}
	x.Folder.SetText(out)
	x.SignIt.SetChecked(true)
	x.Ident.SetText(testIdentity(t))
	x.Pass.SetText("")
	x.Role.SetText("Spokesperson")
	done := make(chan error, 1)
	x.OnDone = func(_ *export.Manifest, err error) { done <- err }
	test.Tap(x.Start)
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(90 * time.Second):
		t.Fatal("export did not finish")
	}
	for _, lang := range []string{"en", "ar"} {
		data, err := os.ReadFile(filepath.Join(out, "seed."+lang+".pdf"))
		if err != nil {
			t.Fatal(err)
		}
		// Trust is explicit (issue 10): intact, signer not vouched for.
		rep, err := sign.VerifyWith(data, sign.VerifyOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if rep.Verdict != sign.VerdictUntrusted || len(rep.Signatures) != 1 || !rep.Signatures[0].CoversWholeDocument {
			t.Errorf("%s: verdict %s, %d signatures", lang, rep.Verdict, len(rep.Signatures))
		}
		if got := x.Bars[lang].Text(); got != c.tx.T("StageDone") {
			t.Errorf("%s progress says %q", lang, got)
		}
	}
	if _, err := os.Stat(filepath.Join(out, "seed.fr.pdf")); err == nil {
		t.Error("incomplete French was exported")
	}
	if _, err := os.Stat(filepath.Join(out, export.ManifestFile)); err != nil {
		t.Error(err)
	}
	if x.Pass.Text != "" {
		t.Error("the password stays in the dialog after export")
	}
	if c.prefs.p.String(prefIdentity) == "" || strings.Contains(strings.Join(c.prefs.p.StringList(prefRecent), ""), "password") {
		t.Error("identity path not remembered")
	}
}

func rtSegments(o any) []*widget.TextSegment {
	var out []*widget.TextSegment
	if rt, ok := o.(*widget.RichText); ok {
		for _, s := range rt.Segments {
			if ts, ok := s.(*widget.TextSegment); ok {
				out = append(out, ts)
			}
		}
	}
	return out
}
