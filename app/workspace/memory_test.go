package workspace

import (
	"os"
	"strings"
	"testing"

	"communique/app/statement"
	"communique/assets"
	"communique/i18n/catalog"
	"communique/i18n/glossary"
	"communique/i18n/segment"
)

// TestSecondStatementPrefilledFromMemory is the sample: a second
// statement reusing paragraphs of the first gets their translations from
// memory, marked needs-review with the origin in the history, and nothing
// counts as translated until someone reviews it.
func TestSecondStatementPrefilledFromMemory(t *testing.T) {
	dir := t.TempDir()
	if err := os.CopyFS(dir, assets.Sample()); err != nil {
		t.Fatal(err)
	}
	w, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	first := w.Statements[0]
	p1, p3 := w.Text("en", first.Paragraphs[0]), w.Text("en", first.Paragraphs[2])
	// A paragraph made of the second sentence of paragraph 2 and paragraph 1,
	// and one where only the first sentence is known.
	p2 := segment.Texts(w.Text("en", first.Paragraphs[1]))
	mixed := p2[1] + " " + p1
	partly := p2[0] + " A sentence nobody has translated."
	mem, err := w.Memory()
	if err != nil {
		t.Fatal(err)
	}
	st, err := w.AddStatement(&statement.Text{
		Title:      "Second statement of the Small Group",
		Paragraphs: []string{p1, "A paragraph nobody has translated yet.", p3, mixed, partly},
	}, statement.Statement{})
	if err != nil {
		t.Fatal(err)
	}
	filled := w.PrefillFromMemory(st, mem)
	if err := w.Save(); err != nil {
		t.Fatal(err)
	}
	w, err = Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, f := range filled {
		got[f.Lang+" "+f.ID] = f.Origin
	}
	want := map[string]string{
		"ar " + st.Paragraphs[0]:  first.Paragraphs[0] + " (ar)",
		"fr " + st.Paragraphs[0]:  first.Paragraphs[0] + " (fr)",
		"ckb " + st.Paragraphs[0]: first.Paragraphs[0] + " (ckb)",
		// The Arabic of p3 is stale, so only French offers it.
		"fr " + st.Paragraphs[2]: first.Paragraphs[2] + " (fr)",
		// Sentence by sentence, where source and translation have as many.
		"ar " + st.Paragraphs[3]: first.Paragraphs[1] + " (ar), sentence 2; " + first.Paragraphs[0] + " (ar)",
		"fr " + st.Paragraphs[3]: first.Paragraphs[1] + " (fr), sentence 2; " + first.Paragraphs[0] + " (fr)",
		// st.Paragraphs[4] has a sentence no one translated: not filled.
	}
	if len(got) != len(want) {
		t.Errorf("prefilled %v, want %v", got, want)
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s: origin %q, want %q", k, got[k], v)
		}
	}
	arP2 := segment.Texts(w.Text("ar", first.Paragraphs[1]))
	if got := w.Text("ar", st.Paragraphs[3]); got != arP2[1]+" "+w.Text("ar", first.Paragraphs[0]) {
		t.Errorf("sentence-level prefill: %q", got)
	}
	for lang := range map[string]bool{"ar": true, "fr": true} {
		rep, _ := w.Status(lang)
		for _, e := range rep.Entries {
			if e.ID != st.Paragraphs[0] {
				continue
			}
			if e.State != catalog.NeedsReview || !e.OldSourceKnown || e.OldSource != p1 {
				t.Errorf("%s %s: state %s, old source %q (known %v)", lang, e.ID, e.State, e.OldSource, e.OldSourceKnown)
			}
			if e.Translation.Other != w.Text(lang, first.Paragraphs[0]) {
				t.Errorf("%s: prefilled %q", lang, e.Translation.Other)
			}
			old, _ := w.History.Lookup(e.Translation.Hash)
			if !strings.Contains(old.Description, "translation memory: "+first.Paragraphs[0]) {
				t.Errorf("%s: history description %q does not name the origin", lang, old.Description)
			}
		}
	}
}

// The glossary sample, on the workspace file: "Daesh → داعش" flags
// an Arabic paragraph that writes "تنظيم الدولة" instead.
func TestWorkspaceGlossaryFlagsArabic(t *testing.T) {
	dir := t.TempDir()
	if err := os.CopyFS(dir, assets.Sample()); err != nil {
		t.Fatal(err)
	}
	w, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	if g, err := w.Glossary(); err != nil || len(g.Terms) != 0 {
		t.Fatalf("no file: %v %v", g, err)
	}
	if err := os.WriteFile(w.GlossaryPath(), []byte("[[term]]\nsource = \"Daesh\"\n[term.approved]\nar = \"داعش\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	g, err := w.Glossary()
	if err != nil {
		t.Fatal(err)
	}
	id := w.Statements[0].Paragraphs[0]
	src := w.Text("en", id)
	ar := strings.ReplaceAll(w.Text("ar", id), "داعش", "تنظيم الدولة")
	ps := g.Check(src, ar, "ar")
	if len(ps) != 1 || ps[0].Rule != glossary.ApprovedNotUsed {
		t.Fatalf("problems %+v", ps)
	}
	if ps := g.Check(src, w.Text("ar", id), "ar"); len(ps) != 0 {
		t.Errorf("the sample's own Arabic flagged: %+v", ps)
	}
}
