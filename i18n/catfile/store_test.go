package catfile

import (
	"fmt"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
)

// A View reads the same messages in place (unedited) as from a copy
// (edited), and finds each by ID.
func TestViewInPlaceAndEdited(t *testing.T) {
	c, err := Parse("active.fr.toml", []byte("b = \"B\"\na = \"A\"\n\n[c]\none = \"un\"\nother = \"des\"\n"))
	if err != nil {
		t.Fatal(err)
	}
	check := func(what string, v *View, want []Message) {
		t.Helper()
		if v.Len() != len(want) {
			t.Fatalf("%s: %d messages, want %d", what, v.Len(), len(want))
		}
		for i, m := range want {
			if v.At(i) != m || v.ID(i) != m.ID || v.Index(m.ID) != i {
				t.Errorf("%s: %d is %+v (index %d), want %+v", what, i, v.At(i), v.Index(m.ID), m)
			}
		}
		if v.Index("nope") != -1 {
			t.Errorf("%s: found a message that is not there", what)
		}
	}
	check("unedited", c.View(), c.Messages())
	c.Delete("b")
	c.Set(Message{ID: "d", Other: "D"})
	check("edited", c.View(), c.Messages())
	if c.View().Index("b") != -1 {
		t.Error("a deleted message is still found")
	}
}

// Derived makes its value once per content, for concurrent callers too,
// keeps nothing for an edited catalog, and starts again after a save.
func TestDerivedOncePerContent(t *testing.T) {
	path := filepath.Join(t.TempDir(), "active.fr.json")
	c, err := New(path)
	if err != nil {
		t.Fatal(err)
	}
	c.Set(Message{ID: "a", Other: "A"})
	var made atomic.Int32
	ids := func(v *View) any {
		made.Add(1)
		var out []string
		for i := range v.Len() {
			out = append(out, v.ID(i))
		}
		return fmt.Sprint(out)
	}
	if d := c.Derived("ids", ids); d != nil {
		t.Errorf("edited catalog: %v", d)
	}
	if err := c.Save(); err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			if d := c.Derived("ids", ids); d != "[a]" {
				t.Errorf("derived %v", d)
			}
		})
	}
	wg.Wait()
	if made.Load() != 1 {
		t.Errorf("made %d times, want once", made.Load())
	}
	if d := c.Derived("other key", func(*View) any { return 7 }); d != 7 {
		t.Errorf("a second key gave %v", d)
	}
	c.Set(Message{ID: "b", Other: "B"})
	if err := c.Save(); err != nil {
		t.Fatal(err)
	}
	if d := c.Derived("ids", ids); d != "[a b]" || made.Load() != 2 {
		t.Errorf("after a save: %v, made %d times", d, made.Load())
	}
}
