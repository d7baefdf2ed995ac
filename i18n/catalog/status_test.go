package catalog

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// problemLines lists a report's QA problems as the CLI prints them.
func problemLines(r Report) []string {
	var out []string
	for _, e := range r.Entries {
		for _, p := range e.Problems {
			out = append(out, fmt.Sprintf("%s %s %s: %s", r.Lang, e.ID, p.Rule, p.Detail))
		}
	}
	return out
}

func loadStatusFixture(t *testing.T) (src, ar *Catalog, hist *History) {
	t.Helper()
	var err error
	if src, err = Load("testdata/status/active.en.toml"); err != nil {
		t.Fatal(err)
	}
	if ar, err = Load("testdata/status/active.ar.toml"); err != nil {
		t.Fatal(err)
	}
	if hist, err = LoadHistory("testdata/status/source-history.toml"); err != nil {
		t.Fatal(err)
	}
	return src, ar, hist
}

func TestStatusStaleArabicParagraphNeedsReview(t *testing.T) {
	src, ar, hist := loadStatusFixture(t)
	r := Status(src, ar, hist)

	if r.Lang.String() != "ar" || r.Total != 5 || r.Translated != 2 || r.NeedsReview != 2 || r.Missing != 1 {
		t.Fatalf("counts: lang %s total %d translated %d review %d missing %d", r.Lang, r.Total, r.Translated, r.NeedsReview, r.Missing)
	}
	want := []struct {
		id    string
		state State
	}{{"title", Translated}, {"para1", NeedsReview}, {"para2", Missing}, {"para3", Translated}, {"partners", NeedsReview}}
	for i, w := range want {
		if e := r.Entries[i]; e.ID != w.id || e.State != w.state {
			t.Errorf("entry %d: %s %s, want %s %s", i, e.ID, e.State, w.id, w.state)
		}
	}
	p1 := r.Entries[1]
	if !p1.OldSourceKnown || !strings.Contains(p1.OldSource, "met today virtually") {
		t.Errorf("old source %q known=%v", p1.OldSource, p1.OldSourceKnown)
	}
	if !strings.Contains(p1.Source.Other, "met today in Rome") || !strings.Contains(p1.Translation.Other, "عبر الإنترنت") {
		t.Errorf("new source %q / kept translation %q", p1.Source.Other, p1.Translation.Other)
	}
	if strings.Join(r.PluralForms, " ") != "zero one two few many other" || r.NoPluralRule {
		t.Errorf("plural forms %v no rule %v", r.PluralForms, r.NoPluralRule)
	}
	lines := problemLines(r)
	if r.QAProblems != 1 || len(lines) != 1 || lines[0] != "ar partners plural: missing plural forms zero, two, few, many (ar needs zero, one, two, few, many, other)" {
		t.Errorf("problems %d %q", r.QAProblems, lines)
	}
	if strings.Join(r.Orphans, ",") != "removed" {
		t.Errorf("orphans %v", r.Orphans)
	}
}

func TestStatusWithoutHistoryStillFlagsReview(t *testing.T) {
	src, ar, _ := loadStatusFixture(t)
	r := Status(src, ar, nil)
	if e := r.Entries[1]; e.State != NeedsReview || e.OldSourceKnown {
		t.Errorf("%+v", e)
	}
}

func TestStatusUntouchedPrefillIsFlaggedIdentical(t *testing.T) {
	src, _ := Parse("active.en.toml", []byte("a = \"Hello there\"\n"))
	fr, _ := Parse("active.fr.toml", []byte("[a]\nhash = \""+Hash("", "Hello there")+"\"\nother = \"Hello there\"\n"))
	r := Status(src, fr, nil)
	e := r.Entries[0]
	if e.State != Translated || len(e.Problems) != 1 || e.Problems[0].Rule != "identical" {
		t.Errorf("%+v", e)
	}
}

func TestStatusLanguageWithoutPluralRule(t *testing.T) {
	src, _ := Parse("active.en.toml", []byte("[n]\none = \"{{.Count}} day\"\nother = \"{{.Count}} days\"\n"))
	tlh, _ := Parse("active.tlh.toml", []byte("[n]\nhash = \""+Hash("", "{{.Count}} days")+"\"\nother = \"{{.Count}} jaj\"\n"))
	r := Status(src, tlh, nil)
	if !r.NoPluralRule || r.Translated != 1 {
		t.Fatalf("no rule %v translated %d", r.NoPluralRule, r.Translated)
	}
	if lines := problemLines(r); len(lines) != 1 || !strings.Contains(lines[0], "tlh n plural: go-i18n has no CLDR plural rule for tlh") {
		t.Errorf("%q", lines)
	}
}

func TestHistory(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "source-history.toml")
	h, err := LoadHistory(path)
	if err != nil || h.Len() != 0 {
		t.Fatalf("missing file: %v %d", err, h.Len())
	}
	m := Message{ID: "para1", Description: "First \"para\"", Other: "Old text\nline 2"}
	h.Remember(m)
	h.Remember(m) // idempotent
	h.Remember(Message{ID: "b", Other: "Another"})
	if h.Len() != 2 {
		t.Fatalf("len %d", h.Len())
	}
	if err := h.Save(); err != nil {
		t.Fatal(err)
	}
	first, _ := os.ReadFile(path)

	h2, err := LoadHistory(path)
	if err != nil {
		t.Fatal(err)
	}
	got, ok := h2.Lookup(Hash(m.Description, m.Other))
	if !ok || got.ID != "para1" || got.Other != m.Other || got.Description != m.Description {
		t.Errorf("lookup %+v %v", got, ok)
	}
	// Deterministic: saving again writes the same bytes.
	h2.Remember(m)
	if err := h2.Save(); err != nil {
		t.Fatal(err)
	}
	second, _ := os.ReadFile(path)
	if string(first) != string(second) {
		t.Errorf("not deterministic:\n%s\n%s", first, second)
	}
	if !strings.HasPrefix(string(first), `["sha1-`) {
		t.Errorf("layout:\n%s", first)
	}

	// Someone else added an entry meanwhile: merged, not lost.
	other, _ := LoadHistory(path)
	other.Remember(Message{ID: "c", Other: "Third"})
	if err := other.Save(); err != nil {
		t.Fatal(err)
	}
	h.Remember(Message{ID: "d", Other: "Fourth"})
	if err := h.Save(); err != nil {
		t.Fatal(err)
	}
	final, _ := LoadHistory(path)
	if final.Len() != 4 {
		t.Errorf("after concurrent saves: %d entries\n%s", final.Len(), final.Bytes())
	}

	os.WriteFile(path, []byte("[\"sha1-x\"]\nid = \"a\"\nother = \n"), 0o644)
	if _, err := LoadHistory(path); err == nil || !strings.Contains(err.Error(), path+":3:") {
		t.Errorf("malformed history: %v", err)
	}
}

// TestHistoryRefusesNestingBomb: a history whose key nests deeper than any
// catalog may is refused with its line before the TOML library, which
// takes minutes on a long dotted key, is asked.
func TestHistoryRefusesNestingBomb(t *testing.T) {
	path := filepath.Join(t.TempDir(), "source-history.toml")
	data := "[\"sha1-1\"]\nother = \"x\"\n\n[" + strings.Repeat("a.", 32<<10) + "b]\nother = \"y\"\n"
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := LoadHistory(path)
	var pe *ParseError
	if !errors.As(err, &pe) || pe.Path != path || pe.Line != 4 || !strings.Contains(pe.Msg, "nested more than 100 levels") {
		t.Fatalf("want a refusal at %s:4, got %v", path, err)
	}
}
