package catfile

import (
	"testing"
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
