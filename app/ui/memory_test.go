package ui

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"communique/app/statement"
	"communique/app/ui/mempane"
	"communique/app/ui/textbox"
	"communique/app/ui/widgets"
	"communique/app/workspace"
	"communique/i18n/worddiff"
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

// memoryFixture is the seed workspace with a glossary and a second
// statement whose first paragraph is the seed's first with two words
// changed, and whose second is new.
func memoryFixture(t testing.TB) (*workspace.Workspace, *statement.Statement) {
	t.Helper()
	ws := fixture(t, 0)
	if err := os.WriteFile(ws.GlossaryPath(), []byte(testGlossary), 0o644); err != nil {
		t.Fatal(err)
	}
	seed := seedOf(t, ws)
	p1 := strings.Replace(ws.Text("en", seed.Paragraphs[0]), "met today virtually", "met in Rome", 1)
	st, err := ws.AddStatement(&statement.Text{Title: "Second statement",
		Paragraphs: []string{p1, "A paragraph about nothing the memory knows."}}, statement.Statement{ID: "second"})
	if err != nil {
		t.Fatal(err)
	}
	if err := ws.Save(); err != nil {
		t.Fatal(err)
	}
	return ws, st
}

func seedOf(t testing.TB, ws *workspace.Workspace) *statement.Statement {
	t.Helper()
	for _, st := range ws.Statements {
		if st.ID == "seed" {
			return st
		}
	}
	t.Fatal("no seed statement")
	return nil
}

// focusPart opens lang's workbench on st and focuses the translation of
// part id, as a click does.
func focusPart(t testing.TB, c *controller, st *statement.Statement, lang, id string) *textbox.Edit {
	t.Helper()
	c.selectStatement(st)
	c.openLanguage(lang)
	r := c.bench.rows[id]
	if r == nil {
		t.Fatalf("no workbench row for %s", id)
	}
	en := r.forms[0].entry
	c.win.Canvas().Focus(en)
	return en
}

// The pane shows, for the focused part, the fuzzy match from the first
// statement with its score, origin and changed words, and the glossary's
// terms with their approved translation; Ctrl+1 puts the match into the
// translation and the catalog, Ctrl+Shift+G inserts a term, Ctrl+Z undoes.
func TestMemoryPaneMatchesAndInsert(t *testing.T) {
	ws, st := memoryFixture(t)
	c := newTestUI(t, ws)
	seedP1 := seedOf(t, ws).Paragraphs[0]
	en := focusPart(t, c, st, "fr", st.Paragraphs[0])
	p := c.bench.pane
	if p.Following() != st.Paragraphs[0] {
		t.Fatalf("pane follows %q, want %q", p.Following(), st.Paragraphs[0])
	}
	if len(p.Shown().Matches) == 0 {
		t.Fatal("no memory match for a paragraph that differs from a translated one by two words")
	}
	m := p.Shown().Matches[0]
	want := ws.Text("fr", seedP1)
	if m.Segment.Target != want || m.Exact || m.Segment.Origin != seedP1+" (fr)" {
		t.Errorf("best match %q from %q (exact %v), want the seed's %q", m.Segment.Target, m.Segment.Origin, m.Exact, want)
	}
	if s := mempane.ScorePercent(m); s < 80 || s > 99 {
		t.Errorf("score %d%%, want a high fuzzy score", s)
	}
	var gone, more string
	for _, s := range mempane.MatchSpans(m, ws.Text("en", st.Paragraphs[0])) {
		switch s.Op {
		case worddiff.Delete:
			gone += s.Text
		case worddiff.Insert:
			more += s.Text
		}
	}
	if !strings.Contains(gone, "today virtually") || !strings.Contains(more, "in Rome") {
		t.Errorf("diff marks %q as only stored and %q as only current", gone, more)
	}
	head := p.Matches()[0].(*fyne.Container).Objects[0].(*fyne.Container).Objects[0].(*widgets.Label)
	from := p.Matches()[0].(*fyne.Container).Objects[1].(*widgets.Label)
	if txt := head.Text() + from.Text(); !strings.Contains(txt, "Ctrl+1") || !strings.Contains(txt, "%") || !strings.Contains(txt, "Paragraph 1") || !strings.Contains(txt, "Statement by the Political") {
		t.Errorf("match heading %q lacks the key, score or origin", txt)
	}
	if len(p.Shown().Terms) != 2 || p.Shown().Terms[0].Term.Source != "Global Coalition" || p.Shown().Terms[1].Approved != "Daech" {
		t.Errorf("terms %+v, want Global Coalition then Daesh → Daech", p.Shown().Terms)
	}

	en.TypedShortcut(mempane.ShortcutMatch[0])
	if en.Text() != want {
		t.Fatalf("after Ctrl+1 the translation is %q, want %q", en.Text(), want)
	}
	if got := ws.Text("fr", st.Paragraphs[0]); got != want {
		t.Errorf("catalog holds %q after Ctrl+1", got)
	}
	en.TypedShortcut(mempane.ShortcutTerm)
	en.TypedShortcut(mempane.ShortcutTerm)
	if !strings.HasSuffix(en.Text(), "Coalition mondialeDaech") {
		t.Errorf("Ctrl+Shift+G twice gave %q, want both terms' approved translations at the caret", en.Text())
	}
	en.TypedShortcut(&fyne.ShortcutUndo{})
	en.TypedShortcut(&fyne.ShortcutUndo{})
	en.TypedShortcut(&fyne.ShortcutUndo{})
	if en.Text() != "" || ws.Text("fr", st.Paragraphs[0]) != "" {
		t.Errorf("three undos left %q", en.Text())
	}
}

// A part's own translation is not offered as a match for itself, and a
// part nothing resembles shows that there is no match.
func TestMemoryPaneLeavesOutOwnTranslation(t *testing.T) {
	ws, st := memoryFixture(t)
	c := newTestUI(t, ws)
	seed := seedOf(t, ws)
	focusPart(t, c, seed, "fr", seed.Paragraphs[0])
	for _, m := range c.bench.pane.Shown().Matches {
		if strings.HasPrefix(m.Segment.Origin, seed.Paragraphs[0]+" (fr)") {
			t.Errorf("the part's own translation is offered: %+v", m)
		}
	}
	focusPart(t, c, st, "fr", st.Paragraphs[1])
	if n := len(c.bench.pane.Shown().Matches); n != 0 {
		t.Errorf("%d matches for a sentence nobody translated", n)
	}
	if got := c.bench.pane.Matches()[0].(*widgets.Label).Text(); got != c.tx.T("MemoryNone") {
		t.Errorf("pane says %q", got)
	}
}

// In Arabic the pane's translations are drawn right to left by our text
// widgets, the forbidden rendering is marked, and the interface mirrors.
func TestMemoryPaneArabic(t *testing.T) {
	ws, st := memoryFixture(t)
	c := newTestUIIn(t, ws, "ar")
	focusPart(t, c, st, "ar", st.Paragraphs[0])
	p := c.bench.pane
	if len(p.Shown().Matches) == 0 {
		t.Fatal("no Arabic match")
	}
	tgt := p.Matches()[0].(*fyne.Container).Objects[3].(*widgets.Label)
	if tgt.Lang != "ar" || tgt.Text() != p.Shown().Matches[0].Segment.Target {
		t.Errorf("match drawn as %q in %q", tgt.Text(), tgt.Lang)
	}
	var daesh *fyne.Container
	for i, h := range p.Shown().Terms {
		if h.Term.Source == "Daesh" {
			daesh = p.Terms()[i].(*fyne.Container)
		}
	}
	if daesh == nil {
		t.Fatal("Daesh not among the terms")
	}
	bad := daesh.Objects[2].(*widgets.Label)
	if bad.Text() != c.tx.T("GlossaryForbidden", "Text", "\u2067تنظيم الدولة\u2069") || bad.Importance != widget.DangerImportance {
		t.Errorf("forbidden rendering shown as %q (%v, %s)", bad.Text(), bad.Importance, bad.Lang)
	}
	split := c.bench.content.(*fyne.Container).Objects[0]
	if s, ok := split.(interface{ MinSize() fyne.Size }); !ok || s == nil {
		t.Fatal("workbench has no split")
	}
}

// Segments of imported TMX files are offered too, read off the UI thread.
func TestMemoryPaneImportedTMX(t *testing.T) {
	ws, st := memoryFixture(t)
	tmx := filepath.Join(t.TempDir(), "old.tmx")
	const unit = `<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header srclang="en" datatype="plaintext" segtype="sentence" adminlang="en" creationtool="test" creationtoolversion="1" o-tmf="test"/>
<body><tu tuid="7"><tuv xml:lang="en"><seg>A paragraph about nothing the memory knows.</seg></tuv>
<tuv xml:lang="fr"><seg>Un paragraphe que la mémoire connaît.</seg></tuv></tu></body></tmx>`
	if err := os.WriteFile(tmx, []byte(unit), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := ws.ImportTMX(tmx); err != nil {
		t.Fatal(err)
	}
	c := newTestUI(t, ws)
	c.selectStatement(st)
	c.openLanguage("fr")
	<-c.bench.pane.Loaded()
	focusPart(t, c, st, "fr", st.Paragraphs[1])
	p := c.bench.pane
	if len(p.Shown().Matches) != 1 || !p.Shown().Matches[0].Exact || p.Shown().Matches[0].Segment.Origin != "memory/old.tmx:7" {
		t.Fatalf("matches %+v, want the imported exact one", p.Shown().Matches)
	}
}

// The pane's lookups need no display: suggest on its own.
func TestSuggestMergesMemoriesBestFirst(t *testing.T) {
	ws, _ := memoryFixture(t)
	g, err := ws.Glossary()
	if err != nil {
		t.Fatal(err)
	}
	seed := seedOf(t, ws)
	src := ws.Text("en", seed.Paragraphs[0])
	s := mempane.Suggest(mempane.Memories{Local: ws.LocalMemory()}, g, "en", "ar", "elsewhere", src)
	if len(s.Matches) == 0 || !s.Matches[0].Exact || mempane.ScorePercent(s.Matches[0]) != 100 {
		t.Fatalf("matches %+v, want the exact one first", s.Matches)
	}
	if s.Matches[0].Segment.Target != ws.Text("ar", seed.Paragraphs[0]) {
		t.Errorf("exact match %q", s.Matches[0].Segment.Target)
	}
}

// The sample in the window: the glossary's "Daesh → داعش" flags an
// Arabic paragraph that writes "تنظيم الدولة" instead, in the row's QA
// line and under the QA filter.
func TestWorkbenchFlagsForbiddenTerm(t *testing.T) {
	ws, _ := memoryFixture(t)
	seed := seedOf(t, ws)
	id := seed.Paragraphs[0]
	if err := ws.SetTranslation("ar", id, "اجتمع المديرون السياسيون للتحالف الدولي لهزيمة تنظيم الدولة اليوم."); err != nil {
		t.Fatal(err)
	}
	c := newTestUI(t, ws)
	c.selectStatement(seed)
	c.openLanguage("ar")
	qa := c.bench.rows[id].qa
	if !qa.Visible() || !strings.Contains(qa.Text(), "تنظيم الدولة") || !strings.Contains(qa.Text(), "داعش") {
		t.Errorf("QA line %q (shown %v) does not flag the forbidden rendering", qa.Text(), qa.Visible())
	}
	c.bench.filter.SetSelectedIndex(filterQA)
	if rows := c.bench.visibleRows(); !slices.Contains(rows, id) {
		t.Errorf("the QA filter shows %v, not %s", rows, id)
	}
	other := seed.Paragraphs[2]
	if strings.Contains(c.bench.rows[other].qa.Text(), c.tx.T("RuleGlossary")) {
		t.Errorf("a paragraph without the term is flagged: %q", c.bench.rows[other].qa.Text())
	}
}
