package catfile

import (
	"strings"
	"testing"
)

// hostileSize is the size BenchmarkHostile's inputs have: any catalog this
// small must parse (or be refused) in well under 100 ms, whatever its shape.
const hostileSize = 64 << 10

type hostileInput struct {
	name   string
	format Format
	data   string
}

// hostile returns inputs of about size bytes shaped to find work that
// grows faster than the file: long lines of many nodes, deep nesting, many
// equal keys, many anchors and aliases. Each was slow in some parser here
// or in go-i18n's libraries (see BenchmarkHostile); the fuzzers' stalls
// were such inputs.
func hostile(size int) []hostileInput {
	return []hostileInput{
		{"flow-seq-one-line", YAML, "a: [" + strings.Repeat("x,", size/2) + "]"},
		{"flow-seq-one-line-utf8", YAML, "é: [" + strings.Repeat("é,", size/3) + "]"},
		{"flow-map-one-line", YAML, "a: {" + strings.Repeat("x: y,", size/5) + "}"},
		{"aliases-one-line", YAML, "a: &a x\nb: [" + strings.Repeat("*a,", size/3) + "]"},
		{"aliases-as-keys", YAML, "a: &a x\n" + strings.Repeat("? *a\n", size/5)},
		{"anchors", YAML, strings.Repeat("- &a x\n", size/7)},
		{"equal-keys", YAML, strings.Repeat("a: x\n", size/5)},
		{"equal-keys-nested", YAML, "a:\n" + strings.Repeat(" a:\n", size/4)},
		{"block-scalars", YAML, strings.Repeat("a: |\n  x\n", size/9)},
		{"seq-of-maps", YAML, strings.Repeat("- a: b\n  c: d\n", size/14)},
		{"deep-flow", YAML, strings.Repeat("[", size/2) + strings.Repeat("]", size/2)},
		{"deep-block", YAML, deepYAML(size)},
		{"deep-dashes", YAML, strings.Repeat("- ", size/2)},
		{"plain-multiline", YAML, "a: " + strings.Repeat("x\n ", size/3)},
		{"deep-array", JSON, strings.Repeat("[", size/2) + strings.Repeat("]", size/2)},
		{"deep-object", JSON, strings.Repeat(`{"a":`, size/5) + `"x"` + strings.Repeat("}", size/5)},
		{"equal-keys", JSON, "{" + strings.Repeat(`"a":"x",`, size/8) + `"b":"y"}`},
		{"dotted-key", TOML, strings.Repeat("a.", size/2) + "b = \"x\"\n"},
		{"dotted-header", TOML, "[" + strings.Repeat("a.", size/2) + "b]\nother = \"x\"\n"},
		{"deep-inline", TOML, "a = " + strings.Repeat("{b = ", size/6) + `"x"` + strings.Repeat("}", size/6)},
		{"deep-array", TOML, "a = " + strings.Repeat("[", size/2) + strings.Repeat("]", size/2)},
		{"equal-keys", TOML, strings.Repeat("a = \"x\"\n", size/8)},
		{"many-tables", TOML, strings.Repeat("[a]\n", size/4)},
		{"line-continuations", TOML, "a = \"\"\"" + strings.Repeat("\\\n", size/2) + "\"\"\""},
	}
}

func deepYAML(size int) string {
	var b strings.Builder
	for d := 0; b.Len() < size; d++ {
		b.WriteString(strings.Repeat(" ", d%200) + "a:\n")
	}
	return b.String()
}

// TestHostileInputs: every hostile input gets an answer, the deep ones a
// refusal for their depth, and no error quotes the whole input. (8 KB
// inputs: the race detector makes 64 KB ones take seconds.)
func TestHostileInputs(t *testing.T) {
	for _, h := range hostile(8 << 10) {
		_, err := Parse("active.fr."+string(h.format), []byte(h.data))
		if strings.HasPrefix(h.name, "deep-") || strings.HasPrefix(h.name, "dotted-") {
			// yaml.v3 refuses past 10,000 levels before our reader sees
			// the nodes.
			if err == nil || !strings.Contains(err.Error(), "nested more than 100 levels deep") && !strings.Contains(err.Error(), "exceeded max depth of 10000") {
				t.Errorf("%s %s: want a refusal for depth, got %v", h.format, h.name, err)
			}
		}
		if err != nil && len(err.Error()) > 1000 {
			t.Errorf("%s %s: error of %d bytes", h.format, h.name, len(err.Error()))
		}
	}
}

// TestDepthLimit: nesting up to tree.MaxDepth is read, one more is not.
func TestDepthLimit(t *testing.T) {
	nest := func(d int) map[Format]string {
		return map[Format]string{
			JSON: strings.Repeat(`{"a":`, d) + `"x"` + strings.Repeat("}", d),
			YAML: strings.Repeat("{a: ", d) + "x" + strings.Repeat("}", d),
			TOML: strings.TrimSuffix(strings.Repeat("a.", d), ".") + " = \"x\"\n",
		}
	}
	for f, data := range nest(100) {
		c, err := Parse("active.fr."+string(f), []byte(data))
		if err != nil {
			t.Errorf("%s, 100 levels: %v", f, err)
			continue
		}
		if ms := c.Messages(); len(ms) != 1 || ms[0].ID != strings.TrimSuffix(strings.Repeat("a.", 100), ".") {
			t.Errorf("%s, 100 levels: %+v", f, ms)
		}
	}
	for f, data := range nest(101) {
		_, err := Parse("active.fr."+string(f), []byte(data))
		if err == nil || !strings.Contains(err.Error(), "active.fr."+string(f)+":1:") || !strings.Contains(err.Error(), "nested more than 100 levels deep") {
			t.Errorf("%s, 101 levels: want a refusal naming file and line, got %v", f, err)
		}
	}
}

// BenchmarkHostile times each hostile input; each must stay well under
// 100 ms an operation (measured at 1-30 ms on a loaded 2-core machine).
func BenchmarkHostile(b *testing.B) {
	for _, h := range hostile(hostileSize) {
		b.Run(string(h.format)+"/"+h.name, func(b *testing.B) {
			data := []byte(h.data)
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				Parse("active.fr."+string(h.format), data)
			}
		})
	}
}

// TestYAMLLineBreaksOnlyLFAndCRLF: line breaks yaml.v3 counts and editors
// do not are refused where they are; before, an edit of "\rother: A" was
// written past the end of the file (a panic, found by FuzzParseWrite).
func TestYAMLLineBreaksOnlyLFAndCRLF(t *testing.T) {
	for data, want := range map[string]string{
		"a: x\rb: y\n":           "active.fr.yaml:1:5: a line break that is a lone CR",
		"a: x\nb: \"y\u2028\"\n": "active.fr.yaml:2:6: U+2028, which YAML reads as a line break",
		"a: x\u0085b: y\n":       "active.fr.yaml:1:5: U+0085",
	} {
		if _, err := Parse("active.fr.yaml", []byte(data)); err == nil || !strings.HasPrefix(err.Error(), want) {
			t.Errorf("%q: got %v, want %q…", data, err, want)
		}
	}
	if _, err := Parse("active.fr.yaml", []byte("a: x\r\nb: y\r\n")); err != nil {
		t.Errorf("CRLF: %v", err)
	}
}
