package catalog

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

func TestLoadAllKeepsGoingPastABadCatalog(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"active.en.toml": "a = \"Hello.\"\nb = \"Bye.\"\n",
		"active.fr.toml": "[a]\nhash = \"" + Hash("", "Hello.") + "\"\nother = \"Bonjour.\"\n",
		"active.de.json": "{\n  \"a\": \"Hallo.\",\n  \"b\": \n}\n",
		"active.ar.yaml": "a:\n  hash: " + Hash("", "Old.") + "\n  other: مرحبا.\n",
	}
	var paths []string
	for _, name := range []string{"active.en.toml", "active.fr.toml", "active.de.json", "active.ar.yaml"} {
		p := filepath.Join(dir, name)
		os.WriteFile(p, []byte(files[name]), 0o644)
		paths = append(paths, p)
	}
	cats, errs := LoadAll(paths)
	var pe *ParseError
	if !errors.As(errs[2], &pe) || pe.Line != 4 {
		t.Fatalf("bad JSON: %v", errs[2])
	}
	for _, i := range []int{0, 1, 3} {
		if errs[i] != nil || cats[i] == nil {
			t.Fatalf("%s: %v", paths[i], errs[i])
		}
	}
	targets := []*Catalog{cats[1], cats[3]}
	all := make([]Report, len(targets))
	StatusEach(cats[0], targets, nil, nil, func(i int, r Report) {
		r.Entries = slices.Clone(r.Entries)
		all[i] = r
	})
	for i, tg := range targets {
		// StatusEach keeps only the entries that need work.
		want := Status(cats[0], tg, nil)
		want.Entries = slices.DeleteFunc(want.Entries, func(e Entry) bool { return e.State == Translated && len(e.Problems) == 0 })
		if len(want.Entries) == 0 {
			want.Entries = nil
		}
		if got, want := fmt.Sprint(all[i]), fmt.Sprint(want); got != want {
			t.Errorf("StatusEach %s:\n%s\nStatus:\n%s", tg.Lang, got, want)
		}
	}
	if all[0].Translated != 1 || all[0].Missing != 1 || all[1].NeedsReview != 1 {
		t.Errorf("%+v %+v", all[0], all[1])
	}
	for _, p := range paths {
		if got, _ := os.ReadFile(p); string(got) != files[filepath.Base(p)] {
			t.Errorf("%s was written", p)
		}
	}
}
