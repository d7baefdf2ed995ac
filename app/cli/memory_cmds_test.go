package cli

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"communique/app/workspace"
	"communique/i18n/catalog"
)

const secondStatement = `Second statement of the Small Group

The Political Directors agreed that Operation Inherent Resolve’s training role, temporarily suspended due to the pandemic, will resume as conditions permit.

A sentence that no one has translated before.
`

// The sample through the command line: importing a statement that
// reuses a paragraph pre-fills it from memory as needs-review.
func TestImportPrefillsFromMemory(t *testing.T) {
	dir := sampleWorkspace(t)
	txt := filepath.Join(t.TempDir(), "second.txt")
	if err := os.WriteFile(txt, []byte(secondStatement), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, stderr := run(t, "import", "--workspace", dir, "--date", "2020-05-01", txt)
	if code != 0 {
		t.Fatalf("import: %s", stderr)
	}
	// The Arabic of that paragraph is stale in the sample, so only French has it.
	want := "fr second-small-group.p1: pre-filled from translation memory (political-directors-global-coalition.p3 (fr)), needs review"
	if !strings.Contains(out, want) || strings.Contains(out, "ar second-small-group") {
		t.Errorf("import said:\n%s", out)
	}
	w, err := workspace.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	rep, _ := w.Status("fr")
	for _, e := range rep.Entries {
		if e.ID == "second-small-group.p1" && e.State != catalog.NeedsReview {
			t.Errorf("pre-filled message is %s", e.State)
		}
	}
}

// An XLIFF handoff edited the way OmegaT writes targets, merged back.
func TestHandoffAndMergeXLIFF(t *testing.T) {
	dir := sampleWorkspace(t)
	out := t.TempDir()
	code, stdout, stderr := run(t, "handoff", "--workspace", dir, "--lang", "fr", "--out", out, "--format", "xliff")
	if code != 0 {
		t.Fatalf("handoff: %s", stderr)
	}
	path := filepath.Join(out, "translate.fr.xlf")
	if !strings.Contains(stdout, path) {
		t.Errorf("handoff said %q", stdout)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	src := regexp.MustCompile(`<source>([^<]*)</source>`)
	filled := src.ReplaceAllString(string(data), `<source>$1</source><target state="translated">FR $1</target>`)
	if err := os.WriteFile(path, []byte(filled), 0o644); err != nil {
		t.Fatal(err)
	}
	// The translator's work is not overwritten by another handoff.
	if code, _, stderr := run(t, "handoff", "--workspace", dir, "--lang", "fr", "--out", out, "--format", "xliff"); code != ExitUsage || !strings.Contains(stderr, "already exists") {
		t.Errorf("second handoff: %d %s", code, stderr)
	}
	code, stdout, stderr = run(t, "merge", "--workspace", dir, path)
	if code != 0 || !strings.Contains(stdout, "0 rejected") {
		t.Fatalf("merge: %d\n%s\n%s", code, stdout, stderr)
	}
	w, err := workspace.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	rep, _ := w.Status("fr")
	if rep.Translated != rep.Total {
		t.Errorf("%d of %d translated after the merge", rep.Translated, rep.Total)
	}
	p4 := w.Statements[0].Paragraphs[3]
	if got, want := w.Text("fr", p4), "FR "+w.Text("en", p4); got != want {
		t.Errorf("merged %q, want %q", got, want)
	}
}

func TestTMXExportImportAndMatches(t *testing.T) {
	dir := sampleWorkspace(t)
	tmx := filepath.Join(t.TempDir(), "coalition.tmx")
	code, out, stderr := run(t, "tmx", "export", "--workspace", dir, tmx)
	if code != 0 || !strings.Contains(out, "segments") {
		t.Fatalf("export: %s %s", out, stderr)
	}
	// A new workspace with no translations: matches can only come from the TMX.
	other := filepath.Join(t.TempDir(), "new")
	if code, _, stderr := run(t, "init", other, "--langs", "fr"); code != 0 {
		t.Fatal(stderr)
	}
	if code, out, stderr := run(t, "tmx", "import", "--workspace", other, tmx); code != 0 || !strings.Contains(out, "imported") {
		t.Fatalf("import: %s %s", out, stderr)
	}
	code, out, _ = run(t, "matches", "--workspace", other, "--lang", "fr", "The Political Directors agreed that Operation Inherent Resolve’s training role will resume as conditions permit.")
	if code != 0 || !strings.Contains(out, "69% political-directors-global-coalition.p3 (fr)") || !strings.Contains(out, "[-, temporarily suspended due to the pandemic,-]") {
		t.Errorf("matches:\n%s", out)
	}
	if code, _, stderr := run(t, "tmx", "import", "--workspace", other, filepath.Join(dir, "communique.toml")); code != ExitUsage || !strings.Contains(stderr, "communique.toml") {
		t.Errorf("importing a non-TMX file: %d %s", code, stderr)
	}
}

func TestGlossaryCommand(t *testing.T) {
	dir := sampleWorkspace(t)
	gl := "[[term]]\nsource = \"Daesh\"\n[term.approved]\nar = \"داعش\"\n[term.forbidden]\nar = [\"تنظيم الدولة\"]\n"
	if err := os.WriteFile(filepath.Join(dir, "glossary.toml"), []byte(gl), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, out, stderr := run(t, "glossary", "--workspace", dir, "--lang", "ar"); code != 0 {
		t.Fatalf("the sample's Arabic uses the approved term: %s %s", out, stderr)
	}
	w, err := workspace.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	id := w.Statements[0].Paragraphs[0]
	if err := w.SetTranslation("ar", id, strings.ReplaceAll(w.Text("ar", id), "داعش", "تنظيم الدولة")); err != nil {
		t.Fatal(err)
	}
	if err := w.Save(); err != nil {
		t.Fatal(err)
	}
	code, out, _ := run(t, "glossary", "--workspace", dir, "--lang", "ar")
	if code != ExitInvalid || !strings.Contains(out, id+": approved_term_not_used") || !strings.Contains(out, id+": forbidden_term_used") {
		t.Errorf("glossary: %d\n%s", code, out)
	}
}

// An XLIFF 2.0 handoff (what --format xliff2 writes), its segments given
// targets by a CAT tool, merged back: merge reads 2.0 by its version.
func TestHandoffAndMergeXLIFF2(t *testing.T) {
	dir := sampleWorkspace(t)
	out := t.TempDir()
	code, stdout, stderr := run(t, "handoff", "--workspace", dir, "--lang", "fr", "--format", "xliff2", "--out", out)
	if code != 0 {
		t.Fatalf("handoff: %d %s", code, stderr)
	}
	path := filepath.Join(out, "translate.fr.xlf")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), `version="2.0"`) || !strings.Contains(stdout, path) {
		t.Fatalf("not an XLIFF 2.0 handoff:\n%s", data)
	}
	seg := regexp.MustCompile(`<segment>\s*<source>([^<]*)</source>\s*</segment>`)
	filled := seg.ReplaceAllString(string(data), `<segment state="translated"><source>$1</source><target>FR $1</target></segment>`)
	if err := os.WriteFile(path, []byte(filled), 0o644); err != nil {
		t.Fatal(err)
	}
	code, so, se := run(t, "merge", "--workspace", dir, path)
	if code != 0 || !strings.Contains(so, "0 rejected") {
		t.Fatalf("merge: %d\n%s\n%s", code, so, se)
	}
	w, err := workspace.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	if rep, _ := w.Status("fr"); rep.Translated != rep.Total {
		t.Errorf("%d of %d translated after the merge", rep.Translated, rep.Total)
	}
	p4 := w.Statements[0].Paragraphs[3]
	if got, want := w.Text("fr", p4), "FR "+w.Text("en", p4); got != want {
		t.Errorf("merged %q, want %q", got, want)
	}
}
