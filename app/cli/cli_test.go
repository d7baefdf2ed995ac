package cli

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"communique/app/pdfread/hostile"
	"communique/app/sign"
)

// run runs the CLI in-process and returns exit code, stdout and stderr.
func run(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := Main(args, &Env{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errb,
		Getenv: func(string) string { return "" }})
	return code, out.String(), errb.String()
}

func seedPath(t *testing.T) string {
	p, err := filepath.Abs("../statement/testdata/seed-statement.txt")
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestImportSeedThenStatus(t *testing.T) {
	dir := t.TempDir()
	if code, _, stderr := run(t, "init", dir, "--langs", "fr,ar"); code != 0 {
		t.Fatalf("init: %d %s", code, stderr)
	}
	code, stdout, stderr := run(t, "import", "--workspace", dir, "--date", "2020-04-15", seedPath(t))
	if code != 0 {
		t.Fatalf("import: %d %s", code, stderr)
	}
	if !strings.Contains(stdout, "title and 6 paragraphs") {
		t.Errorf("import said %q", stdout)
	}
	// The dropped banner is named on stderr with file and line.
	if !strings.Contains(stderr, "seed-statement.txt:line 15: dropped cookie banner") || !strings.Contains(stderr, "This website uses cookies") {
		t.Errorf("stderr does not report the dropped banner: %q", stderr)
	}
	code, stdout, stderr = run(t, "status", "--workspace", dir, "--json")
	if code != 0 {
		t.Fatalf("status: %d %s", code, stderr)
	}
	var rep statusReport
	if err := json.Unmarshal([]byte(stdout), &rep); err != nil {
		t.Fatalf("status --json is not JSON: %v\n%s", err, stdout)
	}
	if rep.Source != "en" || len(rep.Statements) != 1 || rep.Statements[0].Parts != 7 {
		t.Fatalf("status: %+v", rep)
	}
	en := rep.Languages[0]
	if en.Lang != "en" || en.Total != 7 || en.Translated != 7 || en.Missing != 0 {
		t.Errorf("en: %+v", en)
	}
	if fr := rep.Languages[1]; fr.Lang != "fr" || fr.Missing != 7 || fr.Translated != 0 {
		t.Errorf("fr: %+v", fr)
	}
	// No message of the catalog contains the banner.
	data, _ := os.ReadFile(filepath.Join(dir, "locales", "active.en.toml"))
	if bytes.Contains(bytes.ToLower(data), []byte("cookies")) {
		t.Errorf("source catalog contains the cookie banner:\n%s", data)
	}
	if bytes.Count(data, []byte("other = ")) != 7 {
		t.Errorf("want 7 messages in the source catalog:\n%s", data)
	}
	// The JSON keys are the documented ones.
	for _, k := range []string{`"source"`, `"statements"`, `"parts"`, `"languages"`, `"lang"`, `"total"`, `"translated"`, `"missing"`, `"needs_review"`, `"qa_problems"`} {
		if !strings.Contains(stdout, k) {
			t.Errorf("status --json lacks %s", k)
		}
	}
}

func TestImportKeepAll(t *testing.T) {
	dir := t.TempDir()
	run(t, "init", dir)
	code, stdout, stderr := run(t, "import", seedPath(t), "--workspace", dir, "--keep-all")
	if code != 0 || !strings.Contains(stdout, "title and 7 paragraphs") || stderr != "" {
		t.Errorf("--keep-all: %d %q %q", code, stdout, stderr)
	}
}

func TestSampleStatus(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "ws")
	if code, _, stderr := run(t, "sample", dir); code != 0 {
		t.Fatalf("sample: %s", stderr)
	}
	code, stdout, stderr := run(t, "status", "--workspace", dir, "--json")
	if code != 0 {
		t.Fatalf("status: %d %s", code, stderr)
	}
	var rep statusReport
	if err := json.Unmarshal([]byte(stdout), &rep); err != nil {
		t.Fatal(err)
	}
	got := map[string]languageStatus{}
	for _, l := range rep.Languages {
		got[l.Lang] = l
	}
	// Ten messages: organisation, title, issuing body, place, six paragraphs.
	want := map[string][3]int{ // translated, needs review, missing
		"en": {10, 0, 0}, "fr": {9, 0, 1}, "ar": {9, 1, 0}, "ckb": {4, 0, 6},
	}
	for lang, w := range want {
		g := got[lang]
		if [3]int{g.Translated, g.NeedsReview, g.Missing} != w || g.Total != 10 {
			t.Errorf("%s: %+v, want translated/review/missing %v of 10", lang, g, w)
		}
	}
	// Writing the sample over a non-empty folder is refused.
	if code, _, stderr := run(t, "sample", dir); code != ExitUsage || !strings.Contains(stderr, "not empty") {
		t.Errorf("sample over existing: %d %q", code, stderr)
	}
	// The human-readable status shows the same.
	_, text, _ := run(t, "status", "--workspace", dir)
	if !strings.Contains(text, "9/10 translated, 1 needs review") {
		t.Errorf("text status:\n%s", text)
	}
}

func TestUsageErrors(t *testing.T) {
	tests := []struct {
		args []string
		code int
		want string
	}{
		{nil, ExitUsage, "Commands:"},
		{[]string{"frobnicate"}, ExitUsage, `unknown command "frobnicate"`},
		{[]string{"status", "--nope"}, ExitUsage, "flag provided but not defined"},
		{[]string{"import", "--workspace", "."}, ExitUsage, "give exactly one text file"},
		{[]string{"status", "--workspace", "/nonexistent/ws"}, ExitUsage, "not a Communiqué workspace"},
		{[]string{"import", "--workspace", ".", "--date", "15/04/2020", "x.txt"}, ExitUsage, "want YYYY-MM-DD"},
	}
	for _, tc := range tests {
		code, _, stderr := run(t, tc.args...)
		if code != tc.code || !strings.Contains(stderr, tc.want) {
			t.Errorf("%v: exit %d, stderr %q; want %d and %q", tc.args, code, stderr, tc.code, tc.want)
		}
	}
	if code, out, _ := run(t, "--version"); code != 0 || !strings.Contains(out, Version) {
		t.Errorf("--version: %d %q", code, out)
	}
	if code, out, _ := run(t, "--help"); code != 0 || !strings.Contains(out, "export") || !strings.Contains(out, "verify") {
		t.Errorf("--help: %d %q", code, out)
	}
	if code, out, _ := run(t, "help", "import"); code != 0 || !strings.Contains(out, "--keep-all") {
		t.Errorf("help import: %d %q", code, out)
	}
}

func TestMalformedConfigExit2NamesFileAndLine(t *testing.T) {
	dir := t.TempDir()
	run(t, "init", dir)
	cfg := filepath.Join(dir, "communique.toml")
	os.WriteFile(cfg, []byte("source_language = \"en\"\nlanguages = [\"fr\"\n"), 0o644)
	code, _, stderr := run(t, "status", "--workspace", dir)
	if code != ExitUsage || !strings.Contains(stderr, cfg+":") {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
	code, _, stderr = run(t, "import", "--workspace", dir, seedPath(t))
	if code != ExitUsage || !strings.Contains(stderr, cfg+":") {
		t.Errorf("import into broken workspace: exit %d, stderr %q", code, stderr)
	}
	if entries, _ := os.ReadDir(filepath.Join(dir, "statements")); len(entries) != 0 {
		t.Errorf("import wrote %d files into a broken workspace", len(entries))
	}
}

func TestVersionMatchesFyneApp(t *testing.T) {
	data, err := os.ReadFile("../../FyneApp.toml")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), `Version = "`+Version+`"`) {
		t.Errorf("FyneApp.toml version differs from cli.Version %s", Version)
	}
}

// TestVerifyExitCodes: every verdict has its own exit code, 0 only for
// valid, 2 (bad input) for malformed.
func TestVerifyExitCodes(t *testing.T) {
	seen := map[int]sign.Verdict{}
	for _, v := range sign.Verdicts() {
		code, ok := verifyExit[v]
		if !ok {
			t.Errorf("verdict %s has no exit code", v)
		}
		if other, dup := seen[code]; dup {
			t.Errorf("verdicts %s and %s share exit code %d", v, other, code)
		}
		seen[code] = v
		if (code == ExitOK) != (v == sign.VerdictValid) {
			t.Errorf("verdict %s exits %d", v, code)
		}
	}
	if verifyExit[sign.VerdictMalformed] != ExitUsage {
		t.Error("a malformed file is not bad input")
	}
	if !strings.Contains(verifyHelp, "6  weak") {
		t.Error("verify --help does not list the exit codes")
	}
}

// A library printing to os.Stdout lands on standard error; the commands'
// own output keeps the real standard output.
func TestTerminalKeepsLibraryOutputOffStdout(t *testing.T) {
	stdout := os.Stdout
	defer func() { os.Stdout = stdout }()
	env := Terminal()
	if env.Stdout != stdout {
		t.Error("the commands no longer write to the real standard output")
	}
	if os.Stdout != os.Stderr {
		t.Error("os.Stdout still is standard output: a library's prints would mix into verify --json")
	}
}

// TestVerifyHostileExit2: a hostile file ends in exit 2 and a message
// naming what is wrong and where.
func TestVerifyHostileExit2(t *testing.T) {
	for _, c := range hostile.Cases()[1:4] {
		path := filepath.Join(t.TempDir(), "hostile.pdf")
		if err := os.WriteFile(path, c.Data, 0o644); err != nil {
			t.Fatal(err)
		}
		code, stdout, stderr := run(t, "verify", path, "--json")
		if code != ExitUsage || !strings.Contains(stderr, "malformed") || !strings.Contains(stderr, "byte ") || !strings.Contains(stdout, `"verdict": "malformed"`) {
			t.Errorf("%s: exit %d, stderr %q", c.Name, code, stderr)
		}
	}
}
