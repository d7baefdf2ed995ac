package catalog

import (
	"fmt"
	"strings"
	"testing"
)

func mustParse(t *testing.T, path, data string) *Catalog {
	t.Helper()
	c, err := Parse(path, []byte(data))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

const mergeSource = `greeting = "Hello"
farewell = "Goodbye"
pdf = "PDF"

[files]
one = "{{.Count}} file"
other = "{{.Count}} files"

[title]
description = "Heading"
other = "Statement"
`

func TestMerge(t *testing.T) {
	hFiles := Hash("", "{{.Count}} files")
	hTitle := Hash("Heading", "Statement")
	fr := mustParse(t, "active.fr.toml", "# French, by hand\n[greeting]\nhash = \""+Hash("", "Hello")+"\"\nother = \"Bonjour\"\n\n[title]\nhash = \"sha1-old\"\nother = \"Ancien titre\"\n")
	returned := mustParse(t, "translate.fr.toml", strings.Join([]string{
		`[farewell]`, `hash = "` + Hash("", "Goodbye") + `"`, `other = "Au revoir"`, ``,
		`[greeting]`, `hash = "` + Hash("", "Hello") + `"`, `other = "Bonjour"`, ``,
		`[pdf]`, `hash = "` + Hash("", "PDF") + `"`, `other = "PDF"`, ``,
		`[files]`, `hash = "` + hFiles + `"`, `one = "{{.Count}} file"`, `many = "{{.Count}} de fichiers"`, `other = "{{.Count}} fichiers"`, `few = "x"`, ``,
		`[title]`, `description = "Heading"`, `hash = "` + hTitle + `"`, `other = "Déclaration"`, ``,
		`[gone]`, `hash = "sha1-1"`, `other = "Parti"`, ``,
		`[stale]`, `other = "x"`,
	}, "\n"))
	src2 := mustParse(t, "active.en.toml", "stale = \"New text\"\n"+mergeSource)
	returned.Set(Message{ID: "stale", Hash: Hash("", "Old text"), Other: "Vieux"})

	rep := MergeWith(src2, fr, returned, MergeOptions{})
	want := map[string]string{
		"farewell": "added",
		"greeting": "unchanged",
		"pdf":      "rejected: untouched source text",
		"files":    "added: left untouched pre-filled forms one; ignored forms few (not used in fr)",
		"title":    "updated: replaced a translation of an older source text",
		"gone":     "rejected: no message with this ID in the source",
		"stale":    "rejected: translated from an older source text",
	}
	for _, r := range rep.Results {
		w, ok := want[r.ID]
		if !ok {
			t.Errorf("unexpected %v", r)
			continue
		}
		got := string(r.Action)
		if r.Reason != "" {
			got += ": " + r.Reason
		}
		if !strings.HasPrefix(got, w) {
			t.Errorf("%s: %q, want %q…", r.ID, got, w)
		}
	}
	if rep.Added != 2 || rep.Updated != 1 || rep.Unchanged != 1 || rep.Rejected != 3 {
		t.Errorf("counts %+v", rep)
	}
	files, _ := fr.Get("files")
	if files.Hash != hFiles || files.Other != "{{.Count}} fichiers" || files.Many != "{{.Count}} de fichiers" || files.One != "" || files.Few != "" {
		t.Errorf("files %+v", files)
	}
	title, _ := fr.Get("title")
	if title.Hash != hTitle || title.Other != "Déclaration" {
		t.Errorf("title %+v", title)
	}
	out := string(fr.Bytes())
	if !strings.HasPrefix(out, "# French, by hand\n[greeting]\n") {
		t.Errorf("comment or order lost:\n%s", out)
	}
	readsBack(t, fr)
}

func TestMergeNoHashAndWrongLanguage(t *testing.T) {
	src := mustParse(t, "active.en.toml", mergeSource)
	fr := mustParse(t, "active.fr.toml", "")
	// A hand-written file without hashes: taken as translating the current
	// source, like goi18n does.
	rep := MergeWith(src, fr, mustParse(t, "fr.toml", "farewell = \"Adieu\"\n"), MergeOptions{})
	if rep.Added != 1 {
		t.Fatalf("%+v", rep)
	}
	if m, _ := fr.Get("farewell"); m.Hash != Hash("", "Goodbye") || m.Other != "Adieu" {
		t.Errorf("%+v", m)
	}
	rep = MergeWith(src, fr, mustParse(t, "translate.de.toml", "farewell = \"Tschüss\"\n"), MergeOptions{})
	if rep.Rejected != 1 || !strings.Contains(rep.Results[0].Reason, "language de") {
		t.Errorf("%+v", rep)
	}
}

func TestHandoff(t *testing.T) {
	src := mustParse(t, "active.en.toml", mergeSource)
	fr := mustParse(t, "active.fr.toml", "[greeting]\nhash = \""+Hash("", "Hello")+"\"\nother = \"Bonjour\"\n\n[files]\nhash = \""+Hash("", "{{.Count}} files")+"\"\nother = \"{{.Count}} fichiers\"\n")
	got := string(Handoff(src, fr, nil, TOML))
	want := `[farewell]
hash = "sha1-` + Hash("", "Goodbye")[5:] + `"
other = "Goodbye"

[files]
hash = "` + Hash("", "{{.Count}} files") + `"
many = "{{.Count}} files"
one = "{{.Count}} file"
other = "{{.Count}} fichiers"

[pdf]
hash = "` + Hash("", "PDF") + `"
other = "PDF"

[title]
description = "Heading"
hash = "` + Hash("Heading", "Statement") + `"
other = "Statement"
`
	if got != want {
		t.Errorf("handoff:\n%s\nwant:\n%s", got, want)
	}
	// A language without a CLDR rule is not skipped (goi18n skips it): it
	// gets the forms the source has.
	tlh := mustParse(t, "active.tlh.toml", "")
	h := string(Handoff(src, tlh, nil, TOML))
	if !strings.Contains(h, "[files]\nhash = \""+Hash("", "{{.Count}} files")+"\"\none = \"{{.Count}} file\"\nother = \"{{.Count}} files\"\n") {
		t.Errorf("tlh handoff:\n%s", h)
	}
	// Nothing to do: nil.
	done := mustParse(t, "active.fr.toml", "")
	for _, m := range src.Messages() {
		m.Hash = Hash(m.Description, m.Other)
		m.Other = "fr " + m.Other
		if m.One != "" {
			m.One, m.Many = "fr one", "fr many"
		}
		done.Set(m)
	}
	if h := Handoff(src, done, nil, JSON); h != nil {
		t.Errorf("complete catalog handoff:\n%s", h)
	}
}

// readsBack checks that c's content reads back as c's messages, as Save
// checks before it writes.
func readsBack(t *testing.T, c *Catalog) {
	t.Helper()
	again, err := Parse(c.Path, c.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if got, want := fmt.Sprint(again.Messages()), fmt.Sprint(c.Messages()); got != want {
		t.Errorf("reads back as\n%s\nnot\n%s", got, want)
	}
}
