package xmltext

import "testing"

func TestCharDataKeepsTextOfInlineMarkup(t *testing.T) {
	got, err := CharData([]byte(`The <g id="1">Global <mrk mtype="term">Coalition</mrk></g> &amp; <x id="2"/>partners`))
	if err != nil {
		t.Fatal(err)
	}
	if want := "The Global Coalition & partners"; got != want {
		t.Errorf("CharData = %q, want %q", got, want)
	}
}

func TestCharDataRejectsBrokenXML(t *testing.T) {
	if _, err := CharData([]byte(`a <g>b`)); err == nil {
		t.Error("an unclosed element was accepted")
	}
}

func TestEscapeRoundTrips(t *testing.T) {
	const s = `<Daesh> & "ISIS" داعش`
	got, err := CharData(Escape(s))
	if err != nil || got != s {
		t.Errorf("CharData(Escape(%q)) = %q, %v", s, got, err)
	}
}
