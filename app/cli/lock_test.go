package cli

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"communique/app/safefile"
	"communique/app/workspace"
	"communique/i18n/catalog"
)

// childEnv makes the test binary act as a separate communique process:
// `communique ARGS…`, or the desktop app's save with "app-save".
const childEnv = "COMMUNIQUE_TEST_CHILD"

func TestMain(m *testing.M) {
	if os.Getenv(childEnv) == "1" {
		code := child(os.Args[1:])
		reportHWM()
		os.Exit(code)
	}
	os.Exit(m.Run())
}

func child(args []string) int {
	if len(args) > 0 && args[0] == "app-save" {
		return appSave(args[1], args[2], args[3], args[4])
	}
	return Main(args, &Env{Stdin: strings.NewReader(""), Stdout: os.Stdout, Stderr: os.Stderr, Getenv: os.Getenv})
}

// appSave does what the desktop app does when a translator edits a message
// and saves: open without holding the lock, edit, Save (which locks). A
// conflict makes the app reload and redo the edit, as a translator would;
// it exits 0 only when its change was saved.
func appSave(dir, lang, id, text string) int {
	for attempt := 0; attempt < 50; attempt++ {
		w, err := workspace.Open(dir)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 2
		}
		w.LockWait = workspace.DefaultLockWait * 12
		if err := w.SetTranslation(lang, id, text); err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 2
		}
		err = w.Save()
		var ce *safefile.ConflictError
		if errors.As(err, &ce) {
			continue
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 2
		}
		fmt.Println("saved", id)
		return 0
	}
	fmt.Fprintln(os.Stderr, "gave up after 50 conflicts")
	return 2
}

// TestConcurrentMergeAndSaveLoseNothing runs 50 `communique merge`
// processes and 50 app saves on one catalog at once. Before the workspace
// lock, a merge and a save that overlapped both reported success and one
// of the changes was gone. Every process that reports success must find
// its change on disk.
func TestConcurrentMergeAndSaveLoseNothing(t *testing.T) {
	const pairs = 50
	dir := t.TempDir()
	if code, _, stderr := run(t, "init", dir, "--langs", "fr"); code != 0 {
		t.Fatalf("init: %s", stderr)
	}
	var src strings.Builder
	for i := range 2 * pairs {
		fmt.Fprintf(&src, "[m%03d]\nother = \"Source text %d\"\n\n", i, i)
	}
	if err := os.WriteFile(filepath.Join(dir, "locales", "active.en.toml"), []byte(src.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{}
	cmds := make([]*exec.Cmd, 0, 2*pairs)
	for i := range pairs {
		merged, saved := fmt.Sprintf("m%03d", 2*i), fmt.Sprintf("m%03d", 2*i+1)
		want[merged] = fmt.Sprintf("Texte fusionné %d", 2*i)
		want[saved] = fmt.Sprintf("Texte enregistré %d", 2*i+1)
		handoff := filepath.Join(t.TempDir(), "translate.fr.toml")
		body := fmt.Sprintf("[%s]\nhash = %q\nother = %q\n", merged, catalog.Hash("", fmt.Sprintf("Source text %d", 2*i)), want[merged])
		if err := os.WriteFile(handoff, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		cmds = append(cmds,
			exec.Command(exe, "merge", "--workspace", dir, handoff),
			exec.Command(exe, "app-save", dir, "fr", saved, want[saved]))
	}
	var wg sync.WaitGroup
	outs := make([][]byte, len(cmds))
	errs := make([]error, len(cmds))
	for i, c := range cmds {
		c.Env = append(os.Environ(), childEnv+"=1", LockWaitEnv+"=60s")
		wg.Go(func() { outs[i], errs[i] = c.CombinedOutput() })
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Errorf("%s: %v\n%s", strings.Join(cmds[i].Args[1:], " "), err, outs[i])
		}
	}
	fr, err := catalog.Load(filepath.Join(dir, "locales", "active.fr.toml"))
	if err != nil {
		t.Fatal(err)
	}
	lost := 0
	for id, text := range want {
		if m, _ := fr.Get(id); m.Other != text {
			lost++
			t.Errorf("%s: reported saved as %q, on disk %q", id, text, m.Other)
		}
	}
	if lost > 0 {
		t.Fatalf("%d of %d reported changes are not on disk", lost, len(want))
	}
}

// TestCommandWaitsThenNamesTheLock: a command finding the workspace locked
// past its wait says so and exits 2, writing nothing.
func TestCommandWaitsThenNamesTheLock(t *testing.T) {
	dir := t.TempDir()
	if code, _, stderr := run(t, "init", dir, "--langs", "fr"); code != 0 {
		t.Fatalf("init: %s", stderr)
	}
	l, err := safefile.LockDir(dir, true, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Unlock()
	var out, errb strings.Builder
	code := Main([]string{"status", "--workspace", dir}, &Env{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errb,
		Getenv: func(k string) string {
			if k == LockWaitEnv {
				return "100ms"
			}
			return ""
		}})
	if code != ExitUsage || !strings.Contains(errb.String(), "another Communiqué process") || !strings.Contains(errb.String(), dir) {
		t.Fatalf("exit %d, stderr %q", code, errb.String())
	}
}
