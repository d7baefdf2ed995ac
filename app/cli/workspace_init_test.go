package cli

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestInitWarnsAboutUncoveredLanguages: init accepts Hebrew and Chinese
// but says at once that no bundled font draws them, naming letters; the
// covered languages get no warning.
func TestInitWarnsAboutUncoveredLanguages(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "ws")
	code, stdout, stderr := run(t, "init", dir, "--langs", "fr,ar,he,zh")
	if code != ExitOK || !strings.Contains(stdout, "created workspace") {
		t.Fatalf("init: %d %q %q", code, stdout, stderr)
	}
	for _, want := range []string{"warning: he: no bundled font draws 27 of the 27 letters", "א (U+05D0)", "warning: zh: no bundled font draws"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
	for _, lang := range []string{"en", "fr", "ar"} {
		if strings.Contains(stderr, "warning: "+lang+":") {
			t.Errorf("warning about covered %s:\n%s", lang, stderr)
		}
	}
}
