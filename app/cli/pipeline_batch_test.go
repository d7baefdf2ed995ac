package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const sampleID = "political-directors-global-coalition"

// TestExportLangAllOnSample is the README's own example on the bundled
// sample: en and ar are written, fr and ckb are reported with the
// messages they lack, and the exit code says that something was left
// out. Progress goes to stderr, never into stdout's list of files.
func TestExportLangAllOnSample(t *testing.T) {
	dir := sampleWorkspace(t)
	out := t.TempDir()
	code, stdout, stderr := run(t, "export", "--workspace", dir, "--lang", "all", "--progress", "--out", out)
	if code != ExitInvalid {
		t.Fatalf("exit %d, want 1\nstdout:\n%s\nstderr:\n%s", code, stdout, stderr)
	}
	for _, l := range []string{"en", "ar"} {
		name := sampleID + "." + l + ".pdf"
		if !strings.Contains(stdout, "wrote "+filepath.Join(out, name)) {
			t.Errorf("stdout does not list %s:\n%s", name, stdout)
		}
		if _, err := os.Stat(filepath.Join(out, name)); err != nil {
			t.Error(err)
		}
		if !strings.Contains(stderr, "] "+name+": ") {
			t.Errorf("no progress line for %s on stderr:\n%s", name, stderr)
		}
	}
	// fr lacks p4; ckb lacks several parts, the issuing body among them.
	for l, missing := range map[string]string{"fr": sampleID + ".p4", "ckb": sampleID + ".body"} {
		if !strings.Contains(stderr, "not exported: "+sampleID+" "+l+":\n  "+l+": statement "+sampleID+" is not fully translated") {
			t.Errorf("stderr does not report %s with its reason:\n%s", l, stderr)
		}
		if _, err := os.Stat(filepath.Join(out, sampleID+"."+l+".pdf")); err == nil {
			t.Errorf("%s was written", l)
		}
		if !strings.Contains(stderr, missing) {
			t.Errorf("stderr does not name %s:\n%s", missing, stderr)
		}
	}
	if strings.Contains(stdout, "[") || strings.Contains(stdout, "not exported") {
		t.Errorf("progress or reports on stdout:\n%s", stdout)
	}
	// The stale Arabic paragraph is a warning only.
	if !strings.Contains(stderr, "warning: "+sampleID+" ar: 1 translation was made from an older source text") {
		t.Errorf("no warning about the stale Arabic paragraph:\n%s", stderr)
	}
	var m struct {
		Files   []struct{ Lang string }
		Skipped []struct {
			Lang    string
			Reasons []string
		}
	}
	raw, _ := os.ReadFile(filepath.Join(out, "manifest.json"))
	if err := json.Unmarshal(raw, &m); err != nil || len(m.Files) != 2 || len(m.Skipped) != 2 || m.Skipped[0].Lang != "fr" {
		t.Errorf("manifest: %v\n%s", err, raw)
	}
}

// TestExportStrict: with --strict the stale Arabic translation is a
// failure, named, rather than a warning.
func TestExportStrict(t *testing.T) {
	dir := sampleWorkspace(t)
	out := t.TempDir()
	code, stdout, stderr := run(t, "export", "--workspace", dir, "--lang", "all", "--strict", "--quiet", "--out", out)
	if code != ExitInvalid || strings.Contains(stdout, sampleID+".ar.pdf") || !strings.Contains(stdout, sampleID+".en.pdf") {
		t.Fatalf("exit %d\nstdout:\n%s\nstderr:\n%s", code, stdout, stderr)
	}
	if !strings.Contains(stderr, "not exported: "+sampleID+" ar:\n  ar: statement "+sampleID+": 1 translation was made from an older source text") {
		t.Errorf("stderr does not give the reason ar was refused:\n%s", stderr)
	}
	if strings.Contains(stderr, "] "+sampleID) {
		t.Errorf("--quiet printed progress:\n%s", stderr)
	}
	// Named languages are all or none: the stale ar stops the export,
	// with exit 2, and fr's missing paragraph is reported too.
	code, _, stderr = run(t, "export", "--workspace", dir, "--lang", "en,fr,ar", "--strict", "--out", t.TempDir())
	if code != ExitUsage || !strings.Contains(stderr, "fr: statement") || !strings.Contains(stderr, "ar: statement") {
		t.Errorf("strict named languages: %d\n%s", code, stderr)
	}
}

// TestExportEveryGlyphError: a language whose text has characters no
// font draws does not stop the others, and every such character
// is reported, not only the first.
func TestExportEveryGlyphError(t *testing.T) {
	dir := sampleWorkspace(t)
	cat := filepath.Join(dir, "locales", "active.ar.toml")
	raw, err := os.ReadFile(cat)
	if err != nil {
		t.Fatal(err)
	}
	// The Arabic title gains two Linear B signs: no font here has them
	// (Hebrew letters would now be drawn by an installed Noto Sans Hebrew).
	text := strings.Replace(string(raw), "بيان", "بيان \U00010000\U00010001", 1)
	if text == string(raw) {
		t.Fatal("the sample's Arabic catalog has no بيان to edit")
	}
	if err := os.WriteFile(cat, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	code, stdout, stderr := run(t, "export", "--workspace", dir, "--lang", "all", "--out", out)
	if code != ExitInvalid || !strings.Contains(stdout, sampleID+".en.pdf") || strings.Contains(stdout, sampleID+".ar.pdf") {
		t.Fatalf("exit %d\nstdout:\n%s\nstderr:\n%s", code, stdout, stderr)
	}
	for _, c := range []string{"U+10000", "U+10001"} {
		if !strings.Contains(stderr, c) {
			t.Errorf("stderr does not report %s:\n%s", c, stderr)
		}
	}
}
