package catfile

import (
	"bytes"
	"strings"
	"testing"

	"communique/i18n/catfile/tree"

	"github.com/nicksnyder/go-i18n/v2/i18n"
)

// Catalogs saved on Windows (or checked out with autocrlf) have CRLF line
// ends, also inside multi-line strings. go-i18n keeps those CRs, so we must
// too, or texts and hashes differ from goi18n's.
func TestCRLFMultiLineStringsMatchGoI18n(t *testing.T) {
	for name, src := range map[string]string{
		"basic":   "[a]\r\ndescription = \"d\"\r\nother = \"\"\"\r\nl1\r\nl2\"\"\"\r\n",
		"literal": "[a]\r\ndescription = \"d\"\r\nother = '''\r\nl1\r\nl2'''\r\n",
		"plain":   "[a]\r\ndescription = \"d\"\r\nother = \"one line\"\r\n",
	} {
		t.Run(name, func(t *testing.T) {
			c, err := Parse("active.fr.toml", []byte(src))
			if err != nil {
				t.Fatal(err)
			}
			mf, err := i18n.ParseMessageFileBytes([]byte(src), "active.fr.toml", goi18nUnmarshal)
			if err != nil {
				t.Fatal(err)
			}
			got, _ := c.Get("a")
			want := mf.Messages[0]
			if got.Other != want.Other {
				t.Errorf("other %q, go-i18n reads %q", got.Other, want.Other)
			}
			if tree.Hash(got.Description, got.Other) != tree.Hash(want.Description, want.Other) {
				t.Error("hash differs from go-i18n's")
			}
			if string(c.Bytes()) != src {
				t.Error("round trip changed the bytes")
			}
		})
	}
}

// Notepad saves UTF-8 with a byte-order mark; go-i18n reads such a file.
// Editing, adding and deleting messages must keep the mark first and leave
// the first line's text where it was.
func TestByteOrderMark(t *testing.T) {
	for _, tc := range []struct{ name, src string }{
		{"active.fr.toml", "\uFEFFhello = \"Bonjour\"\n[bye]\nother = \"Au revoir\"\n"},
		{"active.fr.toml", "\uFEFF# French\n[hello]\nother = \"Bonjour\"\n[bye]\nother = \"Au revoir\"\n"},
		{"active.fr.yaml", "\uFEFFhello: Bonjour\nbye:\n  other: Au revoir\n"},
		{"active.fr.yaml", "\uFEFF# French\nhello:\n  other: Bonjour\nbye: Au revoir\n"},
	} {
		c, err := Parse(tc.name, []byte(tc.src))
		if err != nil {
			t.Errorf("%s %q: %v", tc.name, tc.src, err)
			continue
		}
		if string(c.Bytes()) != tc.src {
			t.Errorf("%s: round trip changed the file", tc.name)
		}
		if m, _ := c.Get("hello"); m.Other != "Bonjour" {
			t.Errorf("%s: hello = %q", tc.name, m.Other)
		}
		for _, step := range []func(){
			func() { c.Set(Message{ID: "hello", Other: "Salut"}) },
			func() { c.Set(Message{ID: "new", Other: "Nouveau"}) },
			func() { c.Delete("bye") },
		} {
			step()
			out := c.Bytes()
			if !bytes.HasPrefix(out, []byte("\uFEFF")) || bytes.Count(out, []byte("\uFEFF")) != 1 {
				t.Errorf("%s: the byte-order mark moved or doubled:\n%q", tc.name, out)
			}
			c2, err := Parse(tc.name, out)
			if err != nil {
				t.Errorf("%s: edited file does not parse: %v\n%s", tc.name, err, out)
				break
			}
			c = c2
		}
		want := map[string]string{"hello": "Salut", "new": "Nouveau"}
		for id, text := range want {
			if m, _ := c.Get(id); m.Other != text {
				t.Errorf("%s: %s = %q, want %q\n%s", tc.name, id, m.Other, text, c.Bytes())
			}
		}
		if _, ok := c.Get("bye"); ok {
			t.Errorf("%s: bye was not deleted\n%s", tc.name, c.Bytes())
		}
	}
	// go-i18n's JSON reader refuses a byte-order mark; so do we, saying why.
	_, err := Parse("active.fr.json", []byte("\uFEFF{\"hello\": \"Bonjour\"}\n"))
	if err == nil || !strings.Contains(err.Error(), "active.fr.json:1:1") || !strings.Contains(err.Error(), "byte-order mark") {
		t.Errorf("JSON with a byte-order mark: %v", err)
	}
}

// A YAML document may end with "..."; what follows is not read, so new
// messages go before it.
func TestYAMLDocumentEndMarker(t *testing.T) {
	for _, src := range []string{"hello: Bonjour\n...\n", "---\nhello: Bonjour\n...\n# after the document\n"} {
		c, err := Parse("active.fr.yaml", []byte(src))
		if err != nil {
			t.Fatal(err)
		}
		c.Set(Message{ID: "new", Other: "Nouveau"})
		out := c.Bytes()
		if err := c.verify(out); err != nil {
			t.Errorf("%q: %v\n%s", src, err, out)
			continue
		}
		c2, err := Parse("active.fr.yaml", out)
		if err != nil {
			t.Fatal(err)
		}
		if m, _ := c2.Get("new"); m.Other != "Nouveau" {
			t.Errorf("%q: the new message is not read back:\n%s", src, out)
		}
		if !bytes.Contains(out, []byte("\n...\n")) {
			t.Errorf("%q: the end marker is gone:\n%s", src, out)
		}
	}
}
