package assets

import (
	"os"
	"path/filepath"
	"testing"
)

func TestWriteSample(t *testing.T) {
	base := t.TempDir()
	dir := filepath.Join(base, "nested", "Sample workspace")
	if err := WriteSample(dir); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"communique.toml", "statements/political-directors-global-coalition.toml",
		"locales/active.en.toml", "locales/active.ar.toml", "source-history.toml"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Errorf("%s missing: %v", f, err)
		}
	}
	left, _ := filepath.Glob(filepath.Join(base, "nested", ".*tmp-*"))
	if len(left) != 0 {
		t.Errorf("temporary folders left: %v", left)
	}
	// An empty folder chosen by the user is fine; a non-empty one is refused.
	empty := filepath.Join(base, "empty")
	os.Mkdir(empty, 0o755)
	if err := WriteSample(empty); err != nil {
		t.Errorf("empty folder: %v", err)
	}
	if err := WriteSample(dir); err == nil {
		t.Error("sample written over an existing workspace")
	}
	if len(Icon) == 0 {
		t.Error("no icon")
	}
}
