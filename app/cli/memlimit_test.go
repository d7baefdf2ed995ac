package cli

import (
	"math"
	"path/filepath"
	"runtime/debug"
	"strings"
	"testing"
)

func TestParseByteSize(t *testing.T) {
	for in, want := range map[string]int64{"0": 0, "1024": 1024, "512B": 512, "4KiB": 4 << 10, "384MiB": 384 << 20,
		"2GiB": 2 << 30, "1TiB": 1 << 40} {
		if got, err := parseByteSize(in); err != nil || got != want {
			t.Errorf("parseByteSize(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	for _, in := range []string{"", "MiB", "-1", "1.5GiB", "384M", "9999999999TiB", "384 MiB"} {
		if got, err := parseByteSize(in); err == nil {
			t.Errorf("parseByteSize(%q) = %d, want an error", in, got)
		}
	}
}

// The export's memory limit holds while it runs and is the process's
// again afterwards; a bad size is a usage error naming the flag.
func TestExportMemoryLimitIsScoped(t *testing.T) {
	dir := t.TempDir()
	if code, _, stderr := run(t, "init", dir, "--langs", "fr"); code != 0 {
		t.Fatalf("init: %d %s", code, stderr)
	}
	if code, _, stderr := run(t, "import", "--workspace", dir, "--date", "2020-04-15", seedPath(t)); code != 0 {
		t.Fatalf("import: %d %s", code, stderr)
	}
	before := debug.SetMemoryLimit(-1)
	if code, _, stderr := run(t, "export", "--workspace", dir, "--lang", "en", "--out", filepath.Join(dir, "out")); code != 0 {
		t.Fatalf("export: %d %s", code, stderr)
	}
	if after := debug.SetMemoryLimit(-1); after != before {
		t.Errorf("memory limit after export %d, want %d as before", after, before)
	}
	if before != math.MaxInt64 {
		t.Logf("the test process has a memory limit (%d): GOMEMLIMIT?", before)
	}
	code, _, stderr := run(t, "export", "--workspace", dir, "--lang", "en", "--out", filepath.Join(dir, "out"), "--memory-limit", "lots")
	if code != ExitUsage || !strings.Contains(stderr, "--memory-limit") {
		t.Errorf("bad --memory-limit: exit %d, %q", code, stderr)
	}
}
