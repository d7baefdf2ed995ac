package export

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"communique/app/fonts"
	"communique/app/workspace"
	"communique/internal/judge"
)

// TestFontCoverage: the bundled Noto Sans and Noto Naskh Arabic cover the
// sample's languages and Greek and Cyrillic ones; Hebrew, Devanagari and
// the CJK languages are covered by the installed Noto families
// (scripts/deps.sh installs fonts-noto-core and fonts-noto-cjk), which
// Coverage names; a regional variant is judged by its language; an
// unknown code is not judged at all.
func TestFontCoverage(t *testing.T) {
	for _, lang := range []string{"en", "fr", "ar", "ckb", "fa", "ru", "el", "vi", "pt-BR", "pt_BR", "ps"} {
		c, err := FontCoverage(lang)
		if err != nil {
			t.Fatal(err)
		}
		if !c.Known || !c.Covered() || c.Exemplars == 0 || c.Font != "" {
			t.Errorf("%s: %+v, want covered by the bundled fonts", lang, c)
		}
	}
	for lang, family := range map[string]string{"he": "Noto Sans Hebrew", "hi": "Noto Sans Devanagari", "zh": "Noto Sans CJK SC",
		"zh-TW": "Noto Sans CJK TC", "ja": "Noto Sans CJK JP", "ko": "Noto Sans CJK KR", "am": "Noto Sans Ethiopic", "th": "Noto Sans Thai", "ur": "Noto Nastaliq Urdu"} {
		c, err := FontCoverage(lang)
		if err != nil {
			t.Fatal(err)
		}
		if !c.Known || !c.Covered() || c.Font != family {
			t.Errorf("%s: %+v, want covered by %s", lang, c, family)
		}
	}
	c, err := FontCoverageWith("he", "Noto Sans Devanagari")
	if err != nil || c.Covered() || !slices.Contains(c.Missing, 'א') || len(c.Missing) != c.Exemplars {
		t.Errorf("Hebrew in a Devanagari font: %+v %v", c, err)
	}
	if _, err := FontCoverageWith("ur", "No Such Family"); !errors.Is(err, fonts.ErrNotFound) {
		t.Errorf("a family not installed: %v", err)
	}
	if c, err := FontCoverage("tlh"); err != nil || c.Known || !c.Covered() {
		t.Errorf("unknown language: %+v %v", c, err)
	}
}

// withFonts writes a [fonts] table into the sample's communique.toml and
// returns the reopened workspace and the line of the table's first entry.
func withFonts(t *testing.T, table string) (*workspace.Workspace, int) {
	t.Helper()
	w := sample(t)
	path := filepath.Join(w.Dir, workspace.ConfigFile)
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	line := strings.Count(string(data), "\n") + 3
	if err := os.WriteFile(path, append(data, []byte("\n[fonts]\n"+table)...), 0o644); err != nil {
		t.Fatal(err)
	}
	w, err = workspace.Open(w.Dir)
	if err != nil {
		t.Fatal(err)
	}
	return w, line
}

// TestFontSettingChecked: a family chosen in [fonts] that lacks the
// language's letters, or is not installed, stops that language's export
// with the file and line of the setting; one that serves it is used.
func TestFontSettingChecked(t *testing.T) {
	w, line := withFonts(t, "ar = \"Noto Sans Devanagari\"\n")
	where := filepath.Join(w.Dir, workspace.ConfigFile) + ":" + strconv.Itoa(line) + ":"
	var fe *FontCoverageError
	err := CheckFont(w, "ar")
	if !errors.As(err, &fe) || !strings.HasPrefix(err.Error(), where) || !strings.Contains(err.Error(), "Noto Sans Devanagari") {
		t.Fatalf("CheckFont: %v, want %s… FontCoverageError", err, where)
	}
	_, err = Run(context.Background(), w, Options{OutDir: t.TempDir(), Langs: []string{"ar"}})
	if !errors.As(err, &fe) || !strings.Contains(err.Error(), where) {
		t.Errorf("export with a font lacking Arabic: %v", err)
	}

	w, line = withFonts(t, "ar = \"No Such Family\"\n")
	err = CheckFont(w, "ar")
	if !errors.Is(err, fonts.ErrNotFound) || !strings.Contains(err.Error(), ":"+strconv.Itoa(line)+":") {
		t.Errorf("a family not installed: %v", err)
	}

	w, _ = withFonts(t, "ar = \"Noto Sans Arabic\"\n")
	dir := t.TempDir()
	m, err := Run(context.Background(), w, Options{OutDir: dir, Langs: []string{"ar"}})
	if err != nil || len(m.Files) != 1 {
		t.Fatalf("export in Noto Sans Arabic: %v", err)
	}
	out, _ := exec.Command(judge.Tool(t, "pdffonts"), filepath.Join(dir, m.Files[0].Name)).CombinedOutput()
	if !strings.Contains(string(out), "Noto-Communique") {
		t.Errorf("pdffonts:\n%s", out)
	}
}

// TestSignatureReasonInDocumentLanguage: the signature dictionary's reason
// is written in the document's language, as pdfsig reads it.
func TestSignatureReasonInDocumentLanguage(t *testing.T) {
	w := sample(t)
	id, roots := testIdentity(t)
	m, err := Run(context.Background(), w, Options{OutDir: t.TempDir(), Langs: []string{"en", "ar"}, Identity: id, Roots: roots})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range m.Files {
		doc, err := Document(w, w.Statements[0], f.Lang)
		if err != nil {
			t.Fatal(err)
		}
		want := map[string]string{"en": "Issued by " + doc.IssuingBody, "ar": "صادر عن " + doc.IssuingBody}[f.Lang]
		if len(f.Verification.Signatures) != 1 || f.Verification.Signatures[0].Reason != want {
			t.Errorf("%s: reasons %+v, want %q", f.Lang, f.Verification.Signatures, want)
		}
	}
}
