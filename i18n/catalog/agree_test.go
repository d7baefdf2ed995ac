package catalog

import (
	"fmt"
	"testing"
	"unicode/utf8"
)

func TestParseAgreesWithGoI18n(t *testing.T) {
	for i, s := range seeds {
		path := "active.fr." + string(s.format)
		if d := agree(path, []byte(s.data)); d != "" {
			t.Errorf("seed %d (%s %q): %s", i, s.format, s.data, d)
		}
	}
}

// FuzzParseAgreesWithGoI18n holds our parser to go-i18n's on arbitrary
// input: same messages when both accept; refusals only where documented.
func FuzzParseAgreesWithGoI18n(f *testing.F) {
	for _, s := range seeds {
		f.Add(formatIndex(s.format), []byte(s.data))
	}
	f.Fuzz(func(t *testing.T, fi uint8, data []byte) {
		path := "active.fr." + string(formats[int(fi)%len(formats)])
		if d := agree(path, data); d != "" {
			t.Errorf("%q: %s", data, d)
		}
	})
}

var formats = []Format{TOML, JSON, YAML}

func formatIndex(f Format) uint8 {
	for i, g := range formats {
		if g == f {
			return uint8(i)
		}
	}
	return 0
}

// FuzzFastTOML: whenever the fast TOML reader answers, it must give what
// the general scanner gives.
func FuzzFastTOML(f *testing.F) {
	for _, s := range seeds {
		if s.format == TOML {
			f.Add([]byte(s.data))
		}
	}
	f.Add(mustRead("testdata/active.fr.toml"))
	f.Add(mustRead("testdata/status/active.ar.toml"))
	f.Fuzz(func(t *testing.T, data []byte) {
		if !utf8.Valid(data) {
			return // parse checks this before the fast path
		}
		fast, ok := fastTOML(data)
		if !ok {
			return
		}
		_, entries, err := scan(TOML, data, false)
		if err != nil {
			if dupIDs(fast) {
				return // both refuse, via setMessages
			}
			t.Fatalf("fast path accepted what the scanner rejects (%v): %q", err, data)
		}
		var general []Message
		for _, e := range entries {
			general = append(general, e.Message)
		}
		if fmt.Sprint(fast) != fmt.Sprint(general) {
			t.Fatalf("%q:\nfast    %+v\ngeneral %+v", data, fast, general)
		}
	})
}
