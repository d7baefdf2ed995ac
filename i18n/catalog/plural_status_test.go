package catalog

import (
	"fmt"
	"strings"
	"testing"
)

// pluralCatalogs returns an English source with one plural message
// ("partners": one and other) and one plain message ("title"), and a target
// in lang translating both from the current source, "partners" with the
// given forms filled.
func pluralCatalogs(t *testing.T, lang string, forms ...string) (src, tgt *Catalog) {
	t.Helper()
	const en = "title = \"Statement\"\n\n[partners]\none = \"{{.Count}} partner\"\nother = \"{{.Count}} partners\"\n"
	src, err := Parse("active.en.toml", []byte(en))
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "[title]\nhash = %q\nother = \"T\"\n\n[partners]\nhash = %q\n", Hash("", "Statement"), Hash("", "{{.Count}} partners"))
	for _, f := range forms {
		fmt.Fprintf(&b, "%s = \"{{.Count}} %s\"\n", f, f)
	}
	tgt, err = Parse("active."+lang+".toml", []byte(b.String()))
	if err != nil {
		t.Fatal(err)
	}
	return src, tgt
}

// A plural message counts as translated only when every form the target
// language needs (CLDR) is filled; with fewer it needs review, in the
// counts, the entries and the handoff file.
func TestPluralMessageTranslatedOnlyWithEveryForm(t *testing.T) {
	cases := []struct {
		lang  string
		forms []string
		lacks string // "" when translated
	}{
		{"ar", []string{"other"}, "zero one two few many"},
		{"ar", []string{"one", "other"}, "zero two few many"},
		{"ar", []string{"zero", "one", "two", "few", "other"}, "many"},
		{"ar", []string{"zero", "one", "two", "few", "many", "other"}, ""},
		{"de", []string{"other"}, "one"},
		{"de", []string{"one"}, "other"},
		{"de", []string{"one", "other"}, ""},
		// Forms the language does not need do not make up for one it does.
		{"de", []string{"zero", "two", "few", "other"}, "one"},
	}
	for _, c := range cases {
		t.Run(c.lang+"_"+strings.Join(c.forms, "_"), func(t *testing.T) {
			src, tgt := pluralCatalogs(t, c.lang, c.forms...)
			r := Status(src, tgt, nil)
			e := r.Entries[1]
			if r.Entries[0].State != Translated {
				t.Errorf("plain message title: %s, want translated", r.Entries[0].State)
			}
			if c.lacks == "" {
				if e.State != Translated || e.LacksForms != nil || r.Translated != 2 || r.NeedsReview != 0 {
					t.Fatalf("partners %s lacks %v; counts %d translated %d review", e.State, e.LacksForms, r.Translated, r.NeedsReview)
				}
				if n := handoffCount(t, src, tgt); n.Total() != 0 {
					t.Errorf("handoff holds %+v, want nothing", n)
				}
				return
			}
			if e.State != NeedsReview || strings.Join(e.LacksForms, " ") != c.lacks {
				t.Fatalf("partners %s lacking %v, want needs_review lacking %s", e.State, e.LacksForms, c.lacks)
			}
			if r.Translated != 1 || r.NeedsReview != 1 || r.Missing != 0 || 100*r.Translated/r.Total != 50 {
				t.Errorf("counts %d translated %d review %d missing", r.Translated, r.NeedsReview, r.Missing)
			}
			// The summary that status --details lists (entries that need
			// work only) has it too.
			StatusEach(src, []*Catalog{tgt}, nil, nil, func(_ int, rep Report) {
				if rep.NeedsReview != 1 || len(rep.Entries) != 1 || rep.Entries[0].ID != "partners" {
					t.Errorf("summary: %d review, entries %+v", rep.NeedsReview, rep.Entries)
				}
			})
			if n := handoffCount(t, src, tgt); n != (HandoffCount{LacksForms: 1}) {
				t.Errorf("handoff counts %+v, want one lacking a form", n)
			}
		})
	}
}

// The handoff of an incomplete Arabic plural asks for every form and keeps
// the forms already translated as context.
func TestHandoffOfIncompletePluralKeepsTranslatedForms(t *testing.T) {
	src, tgt := pluralCatalogs(t, "ar", "one", "other")
	out := string(Handoff(src, tgt, nil, TOML))
	for _, want := range []string{`one = "{{.Count}} one"`, `other = "{{.Count}} other"`, `zero = "{{.Count}} partners"`, `many = "{{.Count}} partners"`} {
		if !strings.Contains(out, want) {
			t.Errorf("handoff lacks %s:\n%s", want, out)
		}
	}
	if strings.Contains(out, "[title]") {
		t.Errorf("handoff holds the complete message title:\n%s", out)
	}
}

func handoffCount(t *testing.T, src, tgt *Catalog) HandoffCount {
	t.Helper()
	_, n := HandoffCounted(src, tgt, nil, TOML)
	return n
}
