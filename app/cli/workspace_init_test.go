package cli

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestInitFindsFontsForEveryLanguage: init accepts Hebrew and Chinese and,
// the machine's Noto fonts covering them (scripts/deps.sh installs
// fonts-noto-core and fonts-noto-cjk), warns about none; a code that is
// not a language is refused, named, before anything is written.
func TestInitFindsFontsForEveryLanguage(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "ws")
	code, stdout, stderr := run(t, "init", dir, "--langs", "fr, ar;he zh-hant,fr")
	if code != ExitOK || !strings.Contains(stdout, "languages fr, ar, he, zh-Hant") {
		t.Fatalf("init: %d %q %q", code, stdout, stderr)
	}
	if strings.Contains(stderr, "warning") {
		t.Errorf("warnings for covered languages:\n%s", stderr)
	}
	other := filepath.Join(t.TempDir(), "ws2")
	code, _, stderr = run(t, "init", other, "--langs", "fr,e1")
	if code != ExitUsage || !strings.Contains(stderr, `"e1"`) {
		t.Errorf("init with a bad code: %d %q", code, stderr)
	}
	if _, err := os.Stat(other); err == nil {
		t.Errorf("init with a bad code created %s", other)
	}
}

// TestStatusWarnsAboutFontSettings: a [fonts] family that lacks the
// language's letters, or is not installed, is a warning naming
// communique.toml and the line of the setting.
func TestStatusWarnsAboutFontSettings(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "ws")
	if code, _, stderr := run(t, "init", dir, "--langs", "he,zh"); code != ExitOK {
		t.Fatalf("init: %s", stderr)
	}
	cfg := filepath.Join(dir, "communique.toml")
	data, err := os.ReadFile(cfg)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Count(string(data), "\n")
	data = append(data, "\n[fonts]\nhe = \"Noto Sans Devanagari\"\nzh = \"No Such Family\"\n"...)
	if err := os.WriteFile(cfg, data, 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := run(t, "status", "--workspace", dir)
	if code != ExitOK {
		t.Fatalf("status: %d %s", code, stderr)
	}
	for _, want := range []string{
		cfg + ":" + strconv.Itoa(lines+3) + `: [fonts] he: font "Noto Sans Devanagari" lacks 27 of the 27 letters of he's`,
		"א (U+05D0)",
		cfg + ":" + strconv.Itoa(lines+4) + `: [fonts] zh: pdf: zh: no font family "No Such Family": it is not installed (looked in `,
	} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
}

// TestAddLanguage: add-language adds languages to communique.toml with
// their catalogs, canonically spelled; a language already there is refused.
func TestAddLanguage(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "ws")
	if code, _, stderr := run(t, "init", dir, "--langs", "fr"); code != ExitOK {
		t.Fatalf("init: %s", stderr)
	}
	code, stdout, stderr := run(t, "add-language", "--workspace", dir, "he,", "zh-hant")
	if code != ExitOK || !strings.Contains(stdout, "languages now en, fr, he, zh-Hant") || strings.Contains(stderr, "warning") {
		t.Fatalf("add-language: %d %q %q", code, stdout, stderr)
	}
	for _, l := range []string{"he", "zh-Hant"} {
		if _, err := os.Stat(filepath.Join(dir, "locales", "active."+l+".toml")); err != nil {
			t.Error(err)
		}
	}
	if code, _, stderr := run(t, "add-language", "--workspace", dir, "fr"); code != ExitUsage || !strings.Contains(stderr, "already") {
		t.Errorf("adding fr again: %d %q", code, stderr)
	}
}
