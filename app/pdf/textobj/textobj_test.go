package textobj

import "testing"

// TestObject: glyphs that follow each other on the pen share one TJ; a
// glyph off the pen gets the TJ number that moves it there; a new baseline
// starts a new text object; a code off the page keeps the object whole;
// Resume starts the next object where the pen stood.
func TestObject(t *testing.T) {
	var o Object
	var out []byte
	out = o.Add(out, 500, 10, 100, 700, 0x0041)
	out = o.Add(out, 500, 10, 105, 700, 0x0028) // on the pen; '(' escaped
	out = o.Add(out, 500, 10, 111, 700, 0x0043) // 1 pt on: TJ -100
	out = o.AddOffPage(out, 10, 116, 700, 0x200E)
	out = o.Add(out, 500, 10, 100, 680, 0x0044) // next line
	out = o.Flush(out)
	want := "BT 100 700 Td [(\x00A\x00\\()-100(\x00C)] TJ 1000 Ts [(\x20\x0e)] TJ 0 Ts ET\n" +
		"BT 100 680 Td [(\x00D)] TJ ET\n"
	if string(out) != want {
		t.Errorf("got  %q\nwant %q", out, want)
	}

	out = o.Add(nil, 500, 10, 100, 700, 0x0041)
	out, origin := o.Resume(out, 105)
	if string(origin) != "105" {
		t.Errorf("Resume origin %q, want 105", origin)
	}
	out = o.Add(out, 500, 10, 105, 700, 0x0042)
	out = o.Flush(out)
	if want := "BT 100 700 Td [(\x00A)] TJ ET\nBT 105 700 Td [(\x00B)] TJ ET\n"; string(out) != want {
		t.Errorf("after Resume got %q, want %q", out, want)
	}
	if _, origin := (&Object{}).Resume(nil, 3); origin != nil {
		t.Errorf("Resume with nothing pending gave origin %q", origin)
	}
}
