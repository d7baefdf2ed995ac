package catfile

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"communique/app/safefile"
	"communique/i18n/catfile/tree"
)

var handWritten = []string{"testdata/active.fr.toml", "testdata/active.fr.json", "testdata/active.fr.yaml"}

func TestLoadSaveIsByteIdentical(t *testing.T) {
	for _, p := range handWritten {
		t.Run(filepath.Ext(p), func(t *testing.T) {
			orig, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			dir := t.TempDir()
			path := filepath.Join(dir, filepath.Base(p))
			if err := os.WriteFile(path, orig, 0o644); err != nil {
				t.Fatal(err)
			}
			c, err := Load(path)
			if err != nil {
				t.Fatal(err)
			}
			if len(c.Messages()) != 5 {
				t.Fatalf("got %d messages, want 5", len(c.Messages()))
			}
			// Setting a message to what it already is changes nothing.
			for _, m := range c.Messages() {
				c.Set(m)
			}
			if c.Dirty() {
				t.Error("Dirty after no-op Sets")
			}
			if err := c.Save(); err != nil {
				t.Fatal(err)
			}
			got, _ := os.ReadFile(path)
			if !bytes.Equal(got, orig) {
				t.Errorf("load+save changed the file:\n%s", got)
			}
		})
	}
}

func TestMessagesInFileOrder(t *testing.T) {
	want := map[string][]string{
		"testdata/active.fr.toml": {"greeting", "literal.key", "Statement.Title", "zeta", "Alpha"},
		"testdata/active.fr.json": {"zeta", "greeting", "Statement.Title", "Alpha", "v1"},
		"testdata/active.fr.yaml": {"zeta", "greeting", "Statement.Title", "Alpha", "quoted"},
	}
	for p, ids := range want {
		c, err := Load(p)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, m := range c.Messages() {
			got = append(got, m.ID)
		}
		if strings.Join(got, ",") != strings.Join(ids, ",") {
			t.Errorf("%s: order %v, want %v", p, got, ids)
		}
	}
}

// lineDiff returns the lines of a and b that differ, after stripping the
// common prefix and suffix of lines.
func lineDiff(a, b []byte) (removed, added []string) {
	al := strings.SplitAfter(string(a), "\n")
	bl := strings.SplitAfter(string(b), "\n")
	i := 0
	for i < len(al) && i < len(bl) && al[i] == bl[i] {
		i++
	}
	j, k := len(al), len(bl)
	for j > i && k > i && al[j-1] == bl[k-1] {
		j--
		k--
	}
	return al[i:j], bl[i:k]
}

func TestChangingOneTranslationChangesOnlyItsLines(t *testing.T) {
	cases := []struct {
		path           string
		removed, added []string
	}{
		{"testdata/active.fr.toml",
			[]string{"other = \"Déclaration officielle\"\n"},
			[]string{"other = \"Déclaration publique\"\n"}},
		{"testdata/active.fr.json",
			[]string{"            \"other\": \"Déclaration \\\"officielle\\\" \\u00e9\"\n"},
			[]string{"            \"other\": \"Déclaration publique\"\n"}},
		{"testdata/active.fr.yaml",
			[]string{"    other: \"Déclaration officielle\"\n"},
			[]string{"    other: \"Déclaration publique\"\n"}},
	}
	for _, tc := range cases {
		t.Run(filepath.Ext(tc.path), func(t *testing.T) {
			c, err := Load(tc.path)
			if err != nil {
				t.Fatal(err)
			}
			orig := c.Bytes()
			m, ok := c.Get("Statement.Title")
			if !ok {
				t.Fatal("Statement.Title missing")
			}
			m.Other = "Déclaration publique"
			c.Set(m)
			if !c.Dirty() {
				t.Fatal("not dirty after a change")
			}
			out := c.Bytes()
			rem, add := lineDiff(orig, out)
			if strings.Join(rem, "") != strings.Join(tc.removed, "") || strings.Join(add, "") != strings.Join(tc.added, "") {
				t.Errorf("diff: -%q +%q, want -%q +%q", rem, add, tc.removed, tc.added)
			}
			again, err := Parse(tc.path, out)
			if err != nil {
				t.Fatal(err)
			}
			if got, _ := again.Get("Statement.Title"); got != m {
				t.Errorf("read back %+v, want %+v", got, m)
			}
		})
	}
}

func TestSaveRefusesFileChangedOnDisk(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "active.fr.toml")
	os.WriteFile(path, []byte("a = \"x\"\n"), 0o644)
	c, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(path, []byte("a = \"translator's edit\"\n"), 0o644)
	c.Set(Message{ID: "a", Other: "ours"})
	err = c.Save()
	var ce *safefile.ConflictError
	if !errors.As(err, &ce) {
		t.Fatalf("Save = %v, want ConflictError", err)
	}
	got, _ := os.ReadFile(path)
	if string(got) != "a = \"translator's edit\"\n" {
		t.Errorf("file overwritten: %q", got)
	}
}

func TestNewCatalogLooksLikeGoi18n(t *testing.T) {
	cases := map[string]string{
		"active.fr.toml": "greeting = \"Bonjour\"\n\n[title]\ndescription = \"Heading\"\nhash = \"sha1-1\"\nother = \"Titre\"\n",
		"active.fr.json": "{\n  \"greeting\": \"Bonjour\",\n  \"title\": {\n    \"description\": \"Heading\",\n    \"hash\": \"sha1-1\",\n    \"other\": \"Titre\"\n  }\n}\n",
		"active.fr.yaml": "greeting: Bonjour\ntitle:\n    description: Heading\n    hash: sha1-1\n    other: Titre\n",
	}
	for name, want := range cases {
		dir := t.TempDir()
		c, err := New(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		c.Set(Message{ID: "greeting", Other: "Bonjour"})
		c.Set(Message{ID: "title", Description: "Heading", Hash: "sha1-1", Other: "Titre"})
		if err := c.Save(); err != nil {
			t.Fatal(err)
		}
		got, _ := os.ReadFile(filepath.Join(dir, name))
		if string(got) != want {
			t.Errorf("%s:\n%s\nwant:\n%s", name, got, want)
		}
		if c.Lang.String() != "fr" || c.Dirty() {
			t.Errorf("%s: lang %v dirty %v", name, c.Lang, c.Dirty())
		}
	}
}

func TestFormatOfAndLanguage(t *testing.T) {
	cases := []struct {
		path   string
		format Format
		lang   string
		bad    bool
	}{
		{"x/active.fr.toml", TOML, "fr", false},
		{"fr.json", JSON, "fr", false},
		{"translate.ckb.yml", YAML, "ckb", false},
		{"active.pt-BR.yaml", YAML, "pt-BR", false},
		{"notes.txt", "", "", true},
		{"toml", "", "", true},
	}
	for _, tc := range cases {
		c, err := New(tc.path)
		if tc.bad {
			if err == nil {
				t.Errorf("%s: no error", tc.path)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s: %v", tc.path, err)
			continue
		}
		if c.Format != tc.format || c.Lang.String() != tc.lang {
			t.Errorf("%s: %s %s, want %s %s", tc.path, c.Format, c.Lang, tc.format, tc.lang)
		}
	}
}

func TestHashMatchesGoi18n(t *testing.T) {
	// sha1("Hello"); the interop test checks against goi18n itself.
	if got := tree.Hash("", "Hello"); got != "sha1-f7ff9e8b7bb2e09b70935a5d785e0cc5d9d0abf0" {
		t.Errorf("Hash = %s", got)
	}
}

func mustRead(p string) []byte {
	b, err := os.ReadFile(p)
	if err != nil {
		panic(err)
	}
	return b
}
