package catfile

import (
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestMalformedCatalogsNameFileAndLine(t *testing.T) {
	cases := []struct {
		name, data string
		line       int
		msg        string
	}{
		{"active.fr.toml", "a = \"x\"\nb = \"unterminated\nc = \"z\"\n", 2, "newline in a single-line string"},
		{"active.fr.toml", "a = \"x\"\n\n[b\nother = \"y\"\n", 3, "expected ']'"},
		{"active.fr.toml", "[a]\nother = \"x\"\n\n[a]\nother = \"y\"\n", 4, "defined twice"},
		{"active.fr.toml", "a = \"x\"\nb = 42\n", 2, "unsupported value"},
		{"active.fr.toml", "[m]\nother = \"x\"\nfoo = \"y\"\n", 1, "reserved keys"},
		{"active.fr.json", "{\n  \"a\": \"x\",\n  \"b\": \"y\"\n  \"c\": \"z\"\n}\n", 4, "after object key:value pair"},
		{"active.fr.json", "{\n  \"a\": \"x\",\n}\n", 3, "looking for beginning of object key"},
		{"active.fr.json", "{\n  \"a\": {\"other\": 1}\n}\n", 2, "unsupported value"},
		{"active.fr.json", "{\n  \"a\": {\"other\": \"x\", \"hash\": 1}\n}\n", 2, "reserved keys"},
		{"active.fr.json", "{\n  \"a\": \"x\",\n  \"a\": \"y\"\n}\n", 3, "given twice"},
		{"active.fr.yaml", "a: x\nb: [y\nc: z\n", 2, "did not find expected ',' or ']'"},
		{"active.fr.yaml", "a: \"x\n", 2, "unexpected end of stream"},
		{"active.fr.yaml", "a: x\n  b: y\n", 2, "mapping values are not allowed"},
		{"active.fr.yaml", "a:\n  other: x\n  hash: 3\n", 2, "reserved keys"},
		{"active.fr.yaml", "a: x\nb: 1\n", 2, "unsupported value"},
		// Invalid UTF-8 is refused in every format, at its line: go-i18n's
		// JSON reader would turn it into U+FFFD on a letterhead.
		{"active.fr.json", "{\n  \"a\": \"x\",\n  \"b\": \"caf\xe9\"\n}\n", 3, "invalid UTF-8 (byte 0xE9)"},
		{"active.fr.toml", "a = \"x\"\n\nb = \"caf\xe9\"\n", 3, "invalid UTF-8"},
		{"active.fr.yaml", "a: x\nb: \xff\n", 2, "invalid UTF-8 (byte 0xFF)"},
	}
	for _, tc := range cases {
		dir := t.TempDir()
		path := filepath.Join(dir, tc.name)
		os.WriteFile(path, []byte(tc.data), 0o644)
		_, err := Load(path)
		var pe *ParseError
		if !errors.As(err, &pe) {
			t.Errorf("%s %q: error %v, want *ParseError", tc.name, tc.data, err)
			continue
		}
		if pe.Path != path || pe.Line != tc.line || !strings.Contains(pe.Msg, tc.msg) {
			t.Errorf("%s %q: %v, want line %d with %q", tc.name, tc.data, err, tc.line, tc.msg)
		}
		if !strings.HasPrefix(err.Error(), path+":"+itoa(tc.line)+":") {
			t.Errorf("Error() = %q, want it to start with path:line:", err)
		}
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

func TestLimits(t *testing.T) {
	dir := t.TempDir()
	// Refused by its size before it is read.
	big := filepath.Join(dir, "active.fr.json")
	os.WriteFile(big, nil, 0o644)
	if err := os.Truncate(big, MaxFileSize+1); err != nil {
		t.Fatal(err)
	}
	if _, err := Load(big); err == nil || !strings.Contains(err.Error(), big+":1:1: file is 64.0 MiB") {
		t.Errorf("oversized catalog: %v", err)
	}
	// An alias bomb stops at the budget, naming where.
	bomb := "a: &a [x,x,x,x,x,x,x,x,x,x]\n"
	for c := 'b'; c <= 'k'; c++ {
		bomb += string(c) + ": &" + string(c) + " [" + strings.TrimSuffix(strings.Repeat("*"+string(c-1)+",", 10), ",") + "]\n"
	}
	_, err := Parse("active.fr.yaml", []byte(bomb))
	var pe *ParseError
	if !errors.As(err, &pe) || !strings.Contains(pe.Msg, "alias bomb") {
		t.Errorf("alias bomb: %v", err)
	}
	// A few aliases are fine.
	c, err := Parse("active.fr.yaml", []byte("base: &b\n  other: Hello\ngreeting: *b\n"))
	if err != nil || c.Len() != 2 {
		t.Errorf("ordinary aliases: %v", err)
	}
	// Long messages keep their start and end.
	long := "key \"" + strings.Repeat("é", 100000) + "\" given twice"
	if e := excerpt(long); len(e) > 600 || !strings.HasPrefix(e, "key \"éé") || !strings.HasSuffix(e, "\" given twice") || !utf8.ValidString(e) {
		t.Errorf("excerpt: %q", e)
	}
}
