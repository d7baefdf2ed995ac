package catfile

import (
	"bytes"
	"encoding/binary"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf16"
)

// goi18nReads fails the test unless go-i18n reads data as exactly want.
func goi18nReads(t *testing.T, path string, data []byte, want []Message) {
	t.Helper()
	got, err := goi18nMessages(path, data)
	if err != nil {
		t.Fatalf("go-i18n cannot read the written %s: %v\n%s", path, err, data)
	}
	g, w := sortedByID(got), sortedByID(want)
	if len(g) != len(w) {
		t.Fatalf("go-i18n reads %d messages, want %d:\n%s", len(g), len(w), data)
	}
	for i := range g {
		if g[i] != w[i] {
			t.Errorf("go-i18n reads %+v, want %+v", g[i], w[i])
		}
	}
}

// TestNewJSONAndYAMLAreIndented: a catalog that init wrote as "{}" gets
// messages one per line or block, as goi18n writes them, not all on one
// line forever.
func TestNewJSONAndYAMLAreIndented(t *testing.T) {
	msgs := []Message{
		{ID: "hello", Description: "greeting", Other: "Hello"},
		{ID: "items", One: "one item", Other: "{{.N}} items"},
		{ID: "quit", Other: "Quit"},
	}
	want := map[string]string{
		"active.fr.json": "{\n  \"hello\": {\n    \"description\": \"greeting\",\n    \"other\": \"Hello\"\n  },\n" +
			"  \"items\": {\n    \"one\": \"one item\",\n    \"other\": \"{{.N}} items\"\n  },\n  \"quit\": \"Quit\"\n}\n",
		"active.fr.yaml": "hello:\n    description: greeting\n    other: Hello\nitems:\n    one: one item\n" +
			"    other: '{{.N}} items'\nquit: Quit\n",
	}
	for name, text := range want {
		c, err := Parse(name, []byte("{}\n"))
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range msgs {
			c.Set(m)
		}
		got := c.Bytes()
		if string(got) != text {
			t.Errorf("%s:\n%s\nwant\n%s", name, got, text)
		}
		goi18nReads(t, name, got, msgs)
		// Later edits keep that layout: one line changes.
		again, _ := Parse(name, got)
		again.Set(Message{ID: "quit", Other: "Leave"})
		if d := diffLines(string(got), string(again.Bytes())); d != 1 {
			t.Errorf("%s: editing one message changed %d lines", name, d)
		}
	}
}

func diffLines(a, b string) int {
	la, lb := strings.Split(a, "\n"), strings.Split(b, "\n")
	if len(la) != len(lb) {
		return -1
	}
	n := 0
	for i := range la {
		if la[i] != lb[i] {
			n++
		}
	}
	return n
}

// TestMessageAndGroupOfSameName: "nav" where nav.back is written nested is
// a clear error from Save, not an internal one, and nothing is written.
func TestMessageAndGroupOfSameName(t *testing.T) {
	for name, src := range map[string]string{
		"active.fr.json": "{\n  \"nav\": {\n    \"back\": \"Back\"\n  }\n}\n",
		"active.fr.yaml": "nav:\n  back: Back\n",
		"active.fr.toml": "[nav]\nback = \"Back\"\n",
	} {
		path := filepath.Join(t.TempDir(), name)
		os.WriteFile(path, []byte(src), 0o644)
		c, err := Load(path)
		if err != nil {
			t.Fatal(err)
		}
		c.Set(Message{ID: "nav", Other: "Navigation"})
		err = c.Save()
		if !errors.Is(err, ErrEditRefused) || !strings.Contains(err.Error(), `"nav" is already a group of messages in this file (nav.back)`) ||
			strings.Contains(err.Error(), "internal error") {
			t.Errorf("%s: %v", name, err)
		}
		if data, _ := os.ReadFile(path); string(data) != src {
			t.Errorf("%s changed:\n%s", name, data)
		}
		// A dotted ID that is not a group's name is fine.
		c, _ = Load(path)
		c.Set(Message{ID: "nav.forward", Other: "Forward"})
		if err := c.Save(); err != nil {
			t.Errorf("%s: nav.forward: %v", name, err)
		}
	}
}

// TestDeleteLastMessageOfCommentedYAML: the comments stay and the file
// still loads in go-i18n, which refuses a YAML file with no document.
func TestDeleteLastMessageOfCommentedYAML(t *testing.T) {
	path := filepath.Join(t.TempDir(), "active.fr.yaml")
	os.WriteFile(path, []byte("# Menu texts\n# reviewed 2024\nhello: Bonjour # greeting\n# end\n"), 0o644)
	c, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	c.Delete("hello")
	if err := c.Save(); err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(path)
	if !bytes.HasPrefix(data, []byte("# Menu texts\n# reviewed 2024\n")) {
		t.Errorf("comments lost:\n%s", data)
	}
	goi18nReads(t, path, data, nil)
}

// TestUTF16YAMLIsEditedInItsEncoding: YAML may be UTF-16; go-i18n reads
// it, so an edit must work and write UTF-16 back, changing only its line.
func TestUTF16YAMLIsEditedInItsEncoding(t *testing.T) {
	text := "# Übersetzungen\nhello: Hallo\nquit: Beenden 🚪\n"
	for _, order := range []binary.ByteOrder{binary.LittleEndian, binary.BigEndian} {
		enc := func(s string) []byte {
			u := utf16.Encode([]rune(s))
			b := make([]byte, 2+2*len(u))
			order.PutUint16(b, 0xFEFF)
			for i, x := range u {
				order.PutUint16(b[2+2*i:], x)
			}
			return b
		}
		path := filepath.Join(t.TempDir(), "active.de.yaml")
		os.WriteFile(path, enc(text), 0o644)
		c, err := Load(path)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(c.Bytes(), enc(text)) {
			t.Fatalf("%v: unedited bytes differ", order)
		}
		c.Set(Message{ID: "hello", Other: "Guten Tag"})
		if err := c.Save(); err != nil {
			t.Fatalf("%v: %v", order, err)
		}
		data, _ := os.ReadFile(path)
		if want := enc(strings.Replace(text, "Hallo", "Guten Tag", 1)); !bytes.Equal(data, want) {
			t.Errorf("%v: wrote % x", order, data)
		}
		goi18nReads(t, path, data, []Message{{ID: "hello", Other: "Guten Tag"}, {ID: "quit", Other: "Beenden 🚪"}})
	}
	// A lone surrogate cannot be written back as it was: refused.
	path := filepath.Join(t.TempDir(), "active.de.yaml")
	os.WriteFile(path, []byte{0xFF, 0xFE, 'a', 0, ':', 0, ' ', 0, 0x00, 0xD8, '\n', 0}, 0o644)
	if _, err := Load(path); err == nil || !strings.Contains(err.Error(), path+":1:1: invalid UTF-16") {
		t.Errorf("lone surrogate: %v", err)
	}
}
