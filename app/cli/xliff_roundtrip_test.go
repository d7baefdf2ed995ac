package cli

import (
	"bufio"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
	"github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"

	"communique/app/workspace"
	"communique/i18n/catalog"
	"communique/internal/judge"
)

// TestXLIFFRoundTripThroughTranslateToolkit: handoff --format xliff, then
// translate-toolkit's xliff2po, the PO filled in, po2xliff, and
// `communique merge`. The Kurdish catalog gets exactly those translations
// and go-i18n still reads it.
func TestXLIFFRoundTripThroughTranslateToolkit(t *testing.T) {
	x2p, p2x := judge.Tool(t, "xliff2po"), judge.Tool(t, "po2xliff")
	dir := sampleWorkspace(t)
	w, err := workspace.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	before, _ := w.Status("ckb")
	var todo []string
	for _, e := range before.Entries {
		if e.State != catalog.Translated {
			todo = append(todo, e.ID)
		}
	}
	out := t.TempDir()
	if code, _, stderr := run(t, "handoff", "--workspace", dir, "--lang", "ckb", "--out", out, "--format", "xliff"); code != 0 {
		t.Fatal(stderr)
	}
	po := filepath.Join(out, "ckb.po")
	if b, err := exec.Command(x2p, filepath.Join(out, "translate.ckb.xlf"), po).CombinedOutput(); err != nil {
		t.Fatalf("xliff2po: %v\n%s", err, b)
	}
	fillPOWith(t, po, func(msgid string) string { return "ع: " + msgid })
	back := filepath.Join(out, "back", "translate.ckb.xlf")
	if err := os.MkdirAll(filepath.Dir(back), 0o755); err != nil {
		t.Fatal(err)
	}
	if b, err := exec.Command(p2x, po, back).CombinedOutput(); err != nil {
		t.Fatalf("po2xliff: %v\n%s", err, b)
	}
	code, stdout, stderr := run(t, "merge", "--workspace", dir, back)
	if code != 0 || !strings.Contains(stdout, " 0 rejected") {
		t.Fatalf("merge: %d\n%s\n%s", code, stdout, stderr)
	}
	if w, err = workspace.Open(dir); err != nil {
		t.Fatal(err)
	}
	rep, _ := w.Status("ckb")
	if rep.Translated != rep.Total {
		t.Errorf("%d of %d translated", rep.Translated, rep.Total)
	}
	// Each sentence came back prefixed, joined with a space (paragraph 2
	// has two sentences).
	if len(todo) < 5 {
		t.Fatalf("the sample's Kurdish lacks only %v", todo)
	}
	for _, id := range todo {
		src, got := w.Text("en", id), w.Text("ckb", id)
		if !strings.HasPrefix(got, "ع: ") || strings.ReplaceAll(got, "ع: ", "") != src {
			t.Errorf("%s: %q from %q", id, got, src)
		}
	}
	b := i18n.NewBundle(language.English)
	b.RegisterUnmarshalFunc("toml", toml.Unmarshal)
	if _, err := b.LoadMessageFile(w.CatalogPath("ckb")); err != nil {
		t.Fatalf("go-i18n: %v", err)
	}
	p2 := w.Statements[0].Paragraphs[1]
	if !strings.Contains(w.Text("ckb", p2), ". ع: ") {
		t.Errorf("paragraph 2 was not handed off sentence by sentence: %q", w.Text("ckb", p2))
	}
	s, err := i18n.NewLocalizer(b, "ckb").Localize(&i18n.LocalizeConfig{MessageID: p2})
	if err != nil || s != w.Text("ckb", p2) {
		t.Errorf("go-i18n: %q %v", s, err)
	}
}

// fillPOWith sets every entry's msgstr (the header's aside) from its msgid.
func fillPOWith(t *testing.T, path string, tr func(string) string) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	var msgid strings.Builder
	inID := false
	sc := bufio.NewScanner(strings.NewReader(string(data)))
	for sc.Scan() {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "msgid "):
			inID = true
			msgid.Reset()
			msgid.WriteString(mustUnquote(t, strings.TrimPrefix(line, "msgid ")))
		case inID && strings.HasPrefix(line, `"`):
			msgid.WriteString(mustUnquote(t, line))
		case strings.HasPrefix(line, "msgstr ") && msgid.Len() > 0:
			inID = false
			line = "msgstr " + strconv.Quote(tr(msgid.String()))
		default:
			inID = false
		}
		out = append(out, line)
	}
	if err := os.WriteFile(path, []byte(strings.Join(out, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
}

func mustUnquote(t *testing.T, s string) string {
	t.Helper()
	u, err := strconv.Unquote(s)
	if err != nil {
		t.Fatalf("PO string %s: %v", s, err)
	}
	return u
}
