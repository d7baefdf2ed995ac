package safefile

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestReadFileRefusesPastTheLimit(t *testing.T) {
	p := filepath.Join(t.TempDir(), "f")
	if err := os.WriteFile(p, []byte(strings.Repeat("x", 100)), 0o644); err != nil {
		t.Fatal(err)
	}
	if data, err := ReadFile(p, 100); err != nil || len(data) != 100 {
		t.Fatalf("at the limit: %d bytes, %v", len(data), err)
	}
	_, err := ReadFile(p, 99)
	var tl *TooLargeError
	if !errors.As(err, &tl) || tl.Path != p || tl.Size != 100 || !strings.HasPrefix(err.Error(), p+": ") {
		t.Fatalf("past the limit: %v", err)
	}
	if _, err := ReadFile(filepath.Join(t.TempDir(), "none"), 10); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("missing file: %v", err)
	}
}
