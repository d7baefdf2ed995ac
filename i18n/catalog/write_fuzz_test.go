package catalog

import (
	"fmt"
	"testing"
)

// texts that stress quoting in all three formats.
var fuzzTexts = []string{
	"", "plain", "two words", "it's", `say "hi"`, "back\\slash", "line\nbreak", "trailing\n",
	"  padded  ", "# not a comment", "key: value", "{{.Name}}", "'''", `"""`, "tab\there",
	"ünïcödé", "مرحبا؟", "😀", "yes", "123", "null", "- dash", "[x]", "{y}", "a,b", "\r\n", "\x01ctl",
}

var fuzzIDs = []string{"new", "a", "a.b", "with space", "x.y.z", "quo\"te", "Other", "id", "translation", "1"}

// applyOps edits c as ops say and returns the edits made, for messages.
func applyOps(c *Catalog, ops []byte) {
	for len(ops) >= 3 {
		op, a, b := ops[0], int(ops[1]), int(ops[2])
		ops = ops[3:]
		ms := c.Messages()
		text := fuzzTexts[b%len(fuzzTexts)]
		switch op % 6 {
		case 0, 1, 2:
			if len(ms) == 0 {
				continue
			}
			m := ms[a%len(ms)]
			switch op % 3 {
			case 0:
				m.Other = text
			case 1:
				m.Hash = Hash(m.Description, text)
				m.Description = text
			case 2:
				*m.field(pluralFields[a%len(pluralFields)]) = text
			}
			c.Set(m)
		case 3:
			if len(ms) > 0 {
				c.Delete(ms[a%len(ms)].ID)
			}
		case 4, 5:
			m := Message{ID: fuzzIDs[a%len(fuzzIDs)] + fmt.Sprint(b%3), Other: text}
			if op%6 == 5 {
				m.Hash = Hash("", text)
				m.One = text + "1"
			}
			c.Set(m)
		}
	}
}

func checkWrite(t *testing.T, path string, data, ops []byte) {
	c, err := Parse(path, data)
	if err != nil {
		return
	}
	if got := c.Bytes(); string(got) != string(data) {
		t.Fatalf("unchanged catalog serialises differently:\n%q\n%q", data, got)
	}
	applyOps(c, ops)
	out := c.Bytes()
	if c.renderErr != nil {
		t.Skipf("edit refused, as Save would: %v", c.renderErr)
	}
	again, err := Parse(path, out)
	if err != nil {
		// Verify (as Save does) must have caught it: a refusal is safe.
		if c.verify(out) == nil {
			t.Fatalf("output does not parse but verify passed: %v\n%s", err, out)
		}
		t.Skipf("writer cannot express this edit (Save refuses it): %v", err)
	}
	want, got := c.Messages(), again.Messages()
	if fmt.Sprint(want) != fmt.Sprint(got) {
		if c.verify(out) == nil {
			t.Fatalf("messages differ but verify passed")
		}
		t.Fatalf("after edits %x:\nwant %+v\ngot  %+v\nfrom %q\nto   %q", ops, want, got, data, out)
	}
}

// FuzzParseWrite: whatever is parsed, then edited, then written, must parse
// back to the same messages, and nothing may panic.
func FuzzParseWrite(f *testing.F) {
	for i, s := range seeds {
		f.Add(formatIndex(s.format), []byte(s.data), []byte{byte(i), 1, byte(i), 4, byte(i), 2, 3, 0, 0, 5, 2, byte(i)})
	}
	for _, p := range handWritten {
		data := mustRead(p)
		f.Add(formatIndex(Format(p[len(p)-4:])), data, []byte{0, 2, 6, 1, 3, 15, 2, 1, 1, 3, 0, 0, 4, 2, 7, 5, 1, 9})
	}
	f.Fuzz(func(t *testing.T, fi uint8, data, ops []byte) {
		path := "active.fr." + string(formats[int(fi)%len(formats)])
		checkWrite(t, path, data, ops)
	})
}
