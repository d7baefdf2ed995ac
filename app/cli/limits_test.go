package cli

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// aliasBomb is 342 bytes of YAML whose aliases expand to 9^9 (387 million)
// strings: before the expansion budget, `status` grew past 22 GB.
const aliasBomb = `a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
`

// bombResult is how a communique process handled a hostile file.
type bombResult struct {
	code    int
	stderr  string
	elapsed time.Duration
	cpu     time.Duration // user + system
	maxRSS  int64         // bytes
}

// runProcess runs communique ARGS as a separate process (the test binary
// acting as it), so its time and peak memory are its own.
func runProcess(t *testing.T, args ...string) bombResult {
	t.Helper()
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(exe, args...)
	hwm := filepath.Join(t.TempDir(), "hwm")
	cmd.Env = append(os.Environ(), childEnv+"=1", hwmEnv+"="+hwm)
	var errb bytes.Buffer
	cmd.Stderr = &errb
	start := time.Now()
	err = cmd.Run()
	r := bombResult{stderr: errb.String(), elapsed: time.Since(start), code: cmd.ProcessState.ExitCode(),
		cpu: cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()}
	r.maxRSS = maxRSS(cmd.ProcessState, hwm)
	if _, isExit := err.(*exec.ExitError); err != nil && !isExit {
		t.Fatal(err)
	}
	return r
}

func checkBomb(t *testing.T, r bombResult, wantInStderr ...string) {
	t.Helper()
	if r.code != ExitUsage {
		t.Errorf("exit %d, want %d; stderr %q", r.code, ExitUsage, r.stderr)
	}
	for _, w := range wantInStderr {
		if !strings.Contains(r.stderr, w) {
			t.Errorf("stderr %q does not say %q", r.stderr, w)
		}
	}
	if len(r.stderr) > 1000 {
		t.Errorf("stderr is %d bytes; an error must quote a short excerpt only", len(r.stderr))
	}
	// The limit is on the work done, CPU time: on a machine shared with
	// other builds the wall clock also counts waiting for a core. The wall
	// clock only guards against a hang.
	if r.cpu >= time.Second || r.elapsed >= 10*time.Second {
		t.Errorf("took %s of CPU (%s wall), want < 1s", r.cpu, r.elapsed)
	}
	if r.maxRSS >= 100<<20 {
		t.Errorf("peak RSS %d MiB, want < 100 MiB", r.maxRSS>>20)
	}
	t.Logf("exit %d in %s CPU (%s wall), peak RSS %.1f MiB", r.code, r.cpu.Round(time.Millisecond), r.elapsed.Round(time.Millisecond), float64(r.maxRSS)/(1<<20))
}

func TestAliasBombRefusedFast(t *testing.T) {
	dir := t.TempDir()
	if code, _, stderr := run(t, "init", dir, "--langs", "fr", "--format", "yaml"); code != 0 {
		t.Fatalf("init: %s", stderr)
	}
	fr := filepath.Join(dir, "locales", "active.fr.yaml")
	if err := os.WriteFile(fr, []byte(aliasBomb), 0o644); err != nil {
		t.Fatal(err)
	}
	checkBomb(t, runProcess(t, "status", "--workspace", dir), fr+":", "alias bomb")

	// The same file returned by a translator: refused, the workspace's
	// own French catalog untouched.
	if err := os.WriteFile(fr, []byte("{}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	ret := filepath.Join(t.TempDir(), "translate.fr.yaml")
	os.WriteFile(ret, []byte(aliasBomb), 0o644)
	checkBomb(t, runProcess(t, "merge", "--workspace", dir, ret), ret+":", "alias bomb")
	if data, _ := os.ReadFile(fr); string(data) != "{}\n" {
		t.Errorf("refused merge changed %s:\n%s", fr, data)
	}
}

func TestSizeBombRefusedFast(t *testing.T) {
	dir := t.TempDir()
	if code, _, stderr := run(t, "init", dir, "--langs", "fr,de", "--format", "json"); code != 0 {
		t.Fatalf("init: %s", stderr)
	}
	// A sparse file of 1 GiB: refused by its size, never read.
	fr := filepath.Join(dir, "locales", "active.fr.json")
	if err := os.Truncate(fr, 1<<30); err != nil {
		t.Fatal(err)
	}
	checkBomb(t, runProcess(t, "status", "--workspace", dir), fr+":1:1:", "1024.0 MiB", "refused")

}

// TestLongLineErrorQuotesExcerpt: a one-line catalog with a 2 MB key given
// twice gave an error message as long as the file; it quotes a short
// excerpt now.
func TestLongLineErrorQuotesExcerpt(t *testing.T) {
	dir := t.TempDir()
	if code, _, stderr := run(t, "init", dir, "--langs", "de", "--format", "json"); code != 0 {
		t.Fatalf("init: %s", stderr)
	}
	de := filepath.Join(dir, "locales", "active.de.json")
	key := strings.Repeat("x", 2<<20)
	if err := os.WriteFile(de, []byte(`{"`+key+`": "a", "`+key+`": "b"}`), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := run(t, "status", "--workspace", dir)
	if code != ExitUsage || !strings.Contains(stderr, de+":1:") || !strings.Contains(stderr, "given twice") ||
		!strings.Contains(stderr, "more bytes") || len(stderr) > 1000 {
		t.Fatalf("exit %d, stderr (%d bytes) %.300q", code, len(stderr), stderr)
	}
}
