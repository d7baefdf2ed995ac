package catfile

import (
	"errors"
	"os"
	"strings"
	"testing"
)

// TestEditLayout pins down what the writer produces for each kind of edit,
// in each format: only the touched lines change, in the file's own style.
func TestEditLayout(t *testing.T) {
	cases := []struct {
		name, path, in string
		edit           func(c *Catalog)
		out            string
	}{
		{"toml string gains hash", "active.fr.toml",
			"# c\na = \"x\" # keep\nb = 'y'\n",
			func(c *Catalog) { c.Set(Message{ID: "a", Hash: "sha1-1", Other: "x2"}) },
			"# c\na = {hash = \"sha1-1\", other = \"x2\"} # keep\nb = 'y'\n"},
		{"toml literal stays literal", "active.fr.toml",
			"b = 'C:\\dir'\n",
			func(c *Catalog) { c.Set(Message{ID: "b", Other: `D:\dir`}) },
			"b = 'D:\\dir'\n"},
		{"toml field added in alphabetical place", "active.fr.toml",
			"[m]\ndescription = \"d\"\nother = \"o\"\n",
			func(c *Catalog) { c.Set(Message{ID: "m", Description: "d", Hash: "sha1-2", Other: "o"}) },
			"[m]\ndescription = \"d\"\nhash = \"sha1-2\"\nother = \"o\"\n"},
		{"toml field removed", "active.fr.toml",
			"[m]\nhash = \"h\"\none = \"1\"\nother = \"o\"\n",
			func(c *Catalog) { c.Set(Message{ID: "m", Hash: "h", Other: "o"}) },
			"[m]\nhash = \"h\"\nother = \"o\"\n"},
		{"toml table deleted with its blank line", "active.fr.toml",
			"[a]\nother = \"1\"\n\n[b]\nother = \"2\"\n\n[c]\nother = \"3\"\n",
			func(c *Catalog) { c.Delete("b") },
			"[a]\nother = \"1\"\n\n[c]\nother = \"3\"\n"},
		{"toml multi-line stays multi-line", "active.fr.toml",
			"m = \"\"\"\nline one\nline two\"\"\"\n",
			func(c *Catalog) { c.Set(Message{ID: "m", Other: "ligne un\nligne \"deux\""}) },
			"m = \"\"\"\nligne un\nligne \\\"deux\\\"\"\"\"\n"},
		{"toml appended after tables as a table", "active.fr.toml",
			"a = \"1\"\n\n[b]\nother = \"2\"\n",
			func(c *Catalog) { c.Set(Message{ID: "c", Other: "3"}) },
			"a = \"1\"\n\n[b]\nother = \"2\"\n\n[c]\nother = \"3\"\n"},
		{"toml CRLF kept", "active.fr.toml",
			"[m]\r\nother = \"o\"\r\n",
			func(c *Catalog) { c.Set(Message{ID: "m", Hash: "h", Other: "o"}) },
			"[m]\r\nhash = \"h\"\r\nother = \"o\"\r\n"},

		{"json string gains hash", "active.fr.json",
			"{\n    \"a\": \"x\",\n    \"b\": \"y\"\n}\n",
			func(c *Catalog) { c.Set(Message{ID: "a", Hash: "h", Other: "x2"}) },
			"{\n    \"a\": {\n        \"hash\": \"h\",\n        \"other\": \"x2\"\n    },\n    \"b\": \"y\"\n}\n"},
		{"json field added and removed", "active.fr.json",
			"{\"m\": {\"one\": \"1\", \"other\": \"o\"}}",
			func(c *Catalog) { c.Set(Message{ID: "m", Hash: "h", Other: "o"}) },
			"{\"m\": {\"hash\": \"h\", \"other\": \"o\"}}"},
		{"json all keys replaced", "active.fr.json",
			"{\"m\": {\"one\": \"1\"}}",
			func(c *Catalog) { c.Set(Message{ID: "m", Other: "o", Hash: "h"}) },
			"{\"m\": {\"hash\": \"h\", \"other\": \"o\"}}"},
		{"toml all keys replaced", "active.fr.toml",
			"[m]\none = \"1\"\n",
			func(c *Catalog) { c.Set(Message{ID: "m", Other: "o", Hash: "h"}) },
			"[m]\nhash = \"h\"\nother = \"o\"\n"},
		{"yaml all keys replaced", "active.fr.yaml",
			"m:\n  one: \"1\"\n",
			func(c *Catalog) { c.Set(Message{ID: "m", Other: "o", Hash: "h"}) },
			"m:\n  hash: \"h\"\n  other: o\n"},
		{"json first member deleted", "active.fr.json",
			"{\n  \"a\": \"1\",\n  \"b\": \"2\"\n}\n",
			func(c *Catalog) { c.Delete("a") },
			"{\n  \"b\": \"2\"\n}\n"},
		{"json last member deleted", "active.fr.json",
			"{\n  \"a\": \"1\",\n  \"b\": \"2\"\n}\n",
			func(c *Catalog) { c.Delete("b") },
			"{\n  \"a\": \"1\"\n}\n"},
		{"json v1 list grows", "active.fr.json",
			"[\n  {\"id\": \"a\", \"translation\": \"1\"}\n]\n",
			func(c *Catalog) { c.Set(Message{ID: "b", Other: "2"}) },
			"[\n  {\"id\": \"a\", \"translation\": \"1\"},\n  {\n    \"id\": \"b\",\n    \"other\": \"2\"\n  }\n]\n"},
		{"json v1 translation edited in place", "active.fr.json",
			"[{\"id\": \"a\", \"translation\": \"1\"}]",
			func(c *Catalog) { c.Set(Message{ID: "a", Other: "un"}) },
			"[{\"id\": \"a\", \"translation\": \"un\"}]"},

		{"yaml quoted style kept", "active.fr.yaml",
			"a: 'x' # keep\nb: \"y\"\n",
			func(c *Catalog) {
				c.Set(Message{ID: "a", Other: "it's"})
				c.Set(Message{ID: "b", Other: "z"})
			},
			"a: 'it''s' # keep\nb: \"z\"\n"},
		{"yaml string gains hash", "active.fr.yaml",
			"a: x # keep\nb: y\n",
			func(c *Catalog) { c.Set(Message{ID: "a", Hash: "h", Other: "x"}) },
			"a: # keep\n    hash: h\n    other: x\nb: y\n"},
		{"yaml multi-line becomes a literal block", "active.fr.yaml",
			"m:\n  hash: h\n  other: one line\nn: z\n",
			func(c *Catalog) { c.Set(Message{ID: "m", Hash: "h", Other: "two\nlines"}) },
			"m:\n  hash: h\n  other: |-\n    two\n    lines\nn: z\n"},
		{"yaml nested message deleted with its empty parent", "active.fr.yaml",
			"a:\n  b:\n    other: x\nc: y\n",
			func(c *Catalog) { c.Delete("a.b") },
			"c: y\n"},
		{"yaml appended", "active.fr.yaml",
			"# header\na: x\n",
			func(c *Catalog) { c.Set(Message{ID: "b", Hash: "h", Other: "y: z"}) },
			"# header\na: x\nb:\n    hash: h\n    other: 'y: z'\n"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c, err := Parse(tc.path, []byte(tc.in))
			if err != nil {
				t.Fatal(err)
			}
			tc.edit(c)
			got := c.Bytes()
			if string(got) != tc.out {
				t.Errorf("got:\n%s\nwant:\n%s", got, tc.out)
			}
			if err := c.verify(got); err != nil {
				t.Error(err)
			}
		})
	}
}

func TestYAMLAnchorsAreNotEditedBlindly(t *testing.T) {
	dir := t.TempDir()
	path := dir + "/active.fr.yaml"
	orig := "a: &x Bonjour\nb: *x\n"
	if err := os.WriteFile(path, []byte(orig), 0o644); err != nil {
		t.Fatal(err)
	}
	c, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	c.Set(Message{ID: "a", Other: "Salut"})
	if err := c.Save(); !errors.Is(err, ErrEditRefused) || !strings.Contains(err.Error(), "anchor") {
		t.Errorf("Save = %v", err)
	}
	if got, _ := os.ReadFile(path); string(got) != orig {
		t.Errorf("file changed: %q", got)
	}
}
