package workspace

import (
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestFontSetting: [fonts] in communique.toml is read with the line of
// each setting, kept when the file is written again, and a setting for a
// language the workspace lacks, or with no family, is refused naming the
// file and line.
func TestFontSetting(t *testing.T) {
	dir := t.TempDir()
	w, err := Init(dir, Config{SourceLanguage: "en", Languages: []string{"ur", "zh-Hant"}})
	if err != nil {
		t.Fatal(err)
	}
	w.Close()
	path := filepath.Join(dir, ConfigFile)
	base, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	n := strings.Count(string(base), "\n")
	write := func(table string) {
		t.Helper()
		if err := os.WriteFile(path, append(append([]byte{}, base...), table...), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("\n[fonts]\nur = \"Noto Nastaliq Urdu\"\n\"zh-Hant\" = \" Noto Sans CJK TC \"\n")
	w, err = Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	fam, p, line := w.FontSetting("ur")
	if fam != "Noto Nastaliq Urdu" || p != path || line != n+3 {
		t.Errorf("ur: %q %s:%d, want line %d", fam, p, line, n+3)
	}
	if fam, _, line := w.FontSetting("zh-Hant"); fam != "Noto Sans CJK TC" || line != n+4 {
		t.Errorf("zh-Hant: %q line %d", fam, line)
	}
	if fam, _, _ := w.FontSetting("en"); fam != "" {
		t.Errorf("en: %q", fam)
	}
	if !strings.Contains(string(w.Config.encode()), "[fonts]\nur = \"Noto Nastaliq Urdu\"\nzh-Hant = \"Noto Sans CJK TC\"\n") {
		t.Errorf("encoded:\n%s", w.Config.encode())
	}
	w.Close()
	for table, want := range map[string]string{
		"\n[fonts]\nur = \"Noto Nastaliq Urdu\"\nfa = \"Vazirmatn\"\n": ":" + strconv.Itoa(n+4) + ": [fonts]: fa is not a language of this workspace",
		"\n[fonts]\nur = \"  \"\n":                                     ":" + strconv.Itoa(n+3) + ": [fonts]: ur: the font family is empty",
	} {
		write(table)
		_, err := Open(dir)
		var fe *FileError
		if !errors.As(err, &fe) || !strings.Contains(err.Error(), path+want) {
			t.Errorf("%q: %v, want …%s", table, err, want)
		}
	}
}
