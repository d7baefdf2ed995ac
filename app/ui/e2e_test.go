package ui

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"communique/app/recovery"
	"communique/app/workspace"
	"communique/i18n/catalog"
	"communique/internal/judge"
)

// The end-to-end tests run the real window (this test binary, re-executed
// with e2eChild set, calls Run) under Xvfb and type into it with xdotool,
// slowly, as a translator would: what lands in the catalog on disk must be
// exactly what was typed.

const e2eChild = "COMMUNIQUE_E2E_CHILD"

func TestMain(m *testing.M) {
	if os.Getenv(e2eChild) == "1" {
		Run("e2e")
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// xsession is an Xvfb display with the app running on it.
type xsession struct {
	t       *testing.T
	display string
	xdotool string
}

func startX(t *testing.T) *xsession {
	t.Helper()
	xvfb := judge.Tool(t, "Xvfb")
	xdo := judge.Tool(t, "xdotool")
	// Xvfb picks a free display itself and writes its number to the pipe
	// once it accepts connections: no guessing at free numbers (stale lock
	// files of other servers fill the usual range) and no polling.
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	cmd := exec.Command(xvfb, "-displayfd", "3", "-screen", "0", "1280x800x24", "-nolisten", "tcp")
	cmd.ExtraFiles = []*os.File{w}
	if err := cmd.Start(); err != nil {
		t.Fatalf("Xvfb: %v", err)
	}
	w.Close()
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
	got := make(chan string, 1)
	go func() {
		line, _ := bufio.NewReader(r).ReadString('\n')
		got <- strings.TrimSpace(line)
	}()
	select {
	case n := <-got:
		if n == "" {
			t.Fatal("Xvfb exited without a display")
		}
		return &xsession{t: t, display: ":" + n, xdotool: xdo}
	case <-time.After(60 * time.Second):
		t.Fatal("Xvfb did not start in 60 s")
	}
	return nil
}

// appLog collects the app's output and tells when a line holding a given
// text has appeared.
type appLog struct {
	mu    sync.Mutex
	text  strings.Builder
	added chan struct{}
}

func (l *appLog) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.text.Write(p)
	select {
	case l.added <- struct{}{}:
	default:
	}
	return len(p), nil
}

func (l *appLog) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.text.String()
}

// wait waits until the output holds s.
func (l *appLog) wait(t *testing.T, s string, limit time.Duration) {
	t.Helper()
	deadline := time.After(limit)
	for !strings.Contains(l.String(), s) {
		select {
		case <-l.added:
		case <-deadline:
			t.Fatalf("the app did not print %q in %v", s, limit)
		}
	}
}

// run starts the app on ws with COMMUNIQUE_DEMO=demo and waits until the
// demo screen is open (the app says so) and its window has the keyboard
// focus.
func (x *xsession) run(ws, demo string) *exec.Cmd {
	x.t.Helper()
	home := x.t.TempDir()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), e2eChild+"=1", "DISPLAY="+x.display, "HOME="+home,
		"XDG_CONFIG_HOME="+filepath.Join(home, ".config"), "LANG=C.UTF-8", "LC_ALL=",
		"COMMUNIQUE_WORKSPACE="+ws, "COMMUNIQUE_DEMO="+demo)
	log := &appLog{added: make(chan struct{}, 1)}
	cmd.Stdout, cmd.Stderr = log, log
	if err := cmd.Start(); err != nil {
		x.t.Fatal(err)
	}
	x.t.Cleanup(func() {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
		if x.t.Failed() {
			x.t.Logf("app output:\n%s", log.String())
		}
	})
	log.wait(x.t, demoReady, 120*time.Second)
	out := x.xdo("search", "--sync", "--onlyvisible", "--pid", strconv.Itoa(cmd.Process.Pid), "--name", "Communiqu")
	win := strings.Fields(out)[0]
	x.xdo("windowfocus", "--sync", win)
	return cmd
}

func (x *xsession) xdo(args ...string) string {
	x.t.Helper()
	cmd := exec.Command(x.xdotool, args...)
	cmd.Env = append(os.Environ(), "DISPLAY="+x.display)
	done := make(chan struct{})
	var out []byte
	var err error
	go func() { out, err = cmd.Output(); close(done) }()
	select {
	case <-done:
	case <-time.After(60 * time.Second):
		_ = cmd.Process.Kill()
		x.t.Fatalf("xdotool %v: timed out", args)
	}
	if err != nil {
		x.t.Fatalf("xdotool %v: %v", args, err)
	}
	return string(out)
}

// typeSlowly types s one key every 30 ms, so the box wraps lines while
// typing goes on.
func (x *xsession) typeSlowly(s string) {
	x.keymap(s)
	x.xdo("type", "--delay", "30", s)
}

// keymap gives every non-ASCII character of s a key of its own (from the
// top of the keycode range, XF86 keys nobody presses here). Otherwise
// xdotool rebinds a spare key for each such character and unbinds it right
// after, and the app, reading the event later, finds no character.
func (x *xsession) keymap(s string) {
	x.t.Helper()
	xmodmap := judge.Tool(x.t, "xmodmap")
	seen := map[rune]bool{}
	args := []string{}
	code := 255
	for _, r := range s {
		if r < 128 || seen[r] {
			continue
		}
		seen[r] = true
		args = append(args, "-e", fmt.Sprintf("keycode %d = U%04X", code, r))
		code--
	}
	if len(args) == 0 {
		return
	}
	cmd := exec.Command(xmodmap, args...)
	cmd.Env = append(os.Environ(), "DISPLAY="+x.display)
	if out, err := cmd.CombinedOutput(); err != nil {
		x.t.Fatalf("xmodmap: %v\n%s", err, out)
	}
	// The app reloads its keymap when it sees the change; a keymap set
	// before it starts is not the one it reads characters with. There is
	// nothing to watch for, so this one pause stays: 1 s lost accented
	// letters when the machine was loaded; 3 s leaves room for that.
	time.Sleep(3 * time.Second)
}

// waitSaved polls the workspace on disk until check passes.
func waitSaved(t *testing.T, dir string, check func(*workspace.Workspace) error) {
	t.Helper()
	var err error
	for deadline := time.Now().Add(90 * time.Second); time.Now().Before(deadline); {
		var ws *workspace.Workspace
		if ws, err = workspace.Open(dir); err == nil {
			if err = check(ws); err == nil {
				return
			}
		}
		time.Sleep(200 * time.Millisecond)
	}
	t.Fatal(err)
}

// waitJournal waits until the recovery journal of the workspace in dir
// holds text (the app writes it every few seconds).
func waitJournal(t *testing.T, dir, text string) {
	t.Helper()
	want, _ := json.Marshal(text)
	for deadline := time.Now().Add(60 * time.Second); time.Now().Before(deadline); time.Sleep(200 * time.Millisecond) {
		if data, err := os.ReadFile(recovery.Path(dir)); err == nil && bytes.Contains(data, want) {
			return
		}
	}
	t.Fatalf("the journal did not get %q in 60 s", text)
}

// missingIDs lists the messages of lang that have no translation.
func missingIDs(t *testing.T, ws *workspace.Workspace, lang string) []string {
	t.Helper()
	rep, ok := ws.Status(lang)
	if !ok {
		t.Fatalf("no status for %s", lang)
	}
	var ids []string
	for _, e := range rep.Entries {
		if e.State == catalog.Missing {
			ids = append(ids, e.ID)
		}
	}
	return ids
}

// translate opens lang's workbench with the missing filter, presses
// Ctrl+Enter, types text slowly and saves; the first missing message on
// disk must hold exactly text.
func translate(t *testing.T, x *xsession, ws *workspace.Workspace, lang, text string) {
	missing := missingIDs(t, ws, lang)
	if len(missing) == 0 {
		t.Fatalf("%s: nothing missing to translate", lang)
	}
	x.run(ws.Dir, "workbench:"+lang+":missing")
	x.xdo("key", "ctrl+Return")
	x.typeSlowly(text)
	x.xdo("key", "ctrl+s")
	waitSaved(t, ws.Dir, func(w *workspace.Workspace) error {
		for _, id := range missing {
			if got := w.Text(lang, id); got != "" {
				if got != text {
					return fmt.Errorf("%s %s on disk: %q, typed %q", lang, id, got, text)
				}
				return nil
			}
		}
		return fmt.Errorf("%s: none of %v translated on disk", lang, missing)
	})
}

func TestEndToEndFrenchTranslation(t *testing.T) {
	x := startX(t)
	ws := fixture(t, 0)
	translate(t, x, ws, "fr", "Les directeurs politiques ont souligné l'importance de la stabilisation dans les zones libérées, et ils se réuniront de nouveau à Rome le 3 juin 2020.")
}

func TestEndToEndSoraniTranslation(t *testing.T) {
	x := startX(t)
	ws := fixture(t, 0)
	if err := ws.AddLanguage("ckb"); err != nil {
		t.Fatal(err)
	}
	if err := ws.Save(); err != nil {
		t.Fatal(err)
	}
	translate(t, x, ws, "ckb", "بەڕێوەبەرە سیاسییەکان لە ٣ی حوزەیرانی 2020 لە Rome کۆبوونەوە و پشتگیری NATO یان کرد.")
}

// Arabic with digits, Latin and brackets, into a message whose Arabic
// was emptied.
func TestEndToEndArabicTranslation(t *testing.T) {
	x := startX(t)
	ws := fixture(t, 0)
	st := ws.Statements[0]
	if err := ws.SetTranslation("ar", st.Paragraphs[len(st.Paragraphs)-1], ""); err != nil {
		t.Fatal(err)
	}
	if err := ws.Save(); err != nil {
		t.Fatal(err)
	}
	translate(t, x, ws, "ar", "أكد المديرون السياسيون في 3 حزيران/يونيو 2020 دعمهم لعملية العزم الصلب (OIR) في العراق.")
}

// Persian joins with the zero-width non-joiner (U+200C), which must reach
// the catalog as typed.
func TestEndToEndPersianTranslation(t *testing.T) {
	x := startX(t)
	ws := fixture(t, 0)
	if err := ws.AddLanguage("fa"); err != nil {
		t.Fatal(err)
	}
	if err := ws.Save(); err != nil {
		t.Fatal(err)
	}
	translate(t, x, ws, "fa", "مدیران سیاسی می\u200cخواهند در ۳ خرداد ۱۳۹۹ با NATO گفت\u200cوگو کنند.")
}

// TestEndToEndEditorAfterDeleteAndAdd: delete paragraph 2 and add one at
// the end (the demo does what the buttons do), type into whatever has the
// focus, save: the new paragraph holds the text, no deleted message comes
// back.
func TestEndToEndEditorAfterDeleteAndAdd(t *testing.T) {
	x := startX(t)
	ws := fixture(t, 0)
	st := ws.Statements[0]
	gone := st.Paragraphs[1]
	n := len(st.Paragraphs)
	const text = "The Coalition will meet again in Rome, where the Political Directors will review progress on stabilisation."
	x.run(ws.Dir, "editor:delete=2,add")
	x.typeSlowly(text)
	x.xdo("key", "ctrl+s")
	waitSaved(t, ws.Dir, func(w *workspace.Workspace) error {
		s := w.Statements[0]
		if len(s.Paragraphs) != n {
			return fmt.Errorf("%d paragraphs on disk, want %d", len(s.Paragraphs), n)
		}
		if got := w.Text("en", s.Paragraphs[n-1]); got != text {
			return fmt.Errorf("new paragraph on disk: %q", got)
		}
		if _, ok := w.Source().Get(gone); ok {
			return fmt.Errorf("deleted paragraph %s came back", gone)
		}
		return nil
	})
}

// TestEndToEndKillRecovers: type a translation, wait for the journal,
// kill -9, start again: the edit is offered back; Enter restores it and
// Ctrl+S saves it.
func TestEndToEndKillRecovers(t *testing.T) {
	x := startX(t)
	ws := fixture(t, 0)
	missing := missingIDs(t, ws, "fr")
	const text = "Les directeurs politiques se réuniront de nouveau à Rome."
	// ":edit": the app puts the caret in the first missing message before
	// it says it is ready, so no key can arrive before the workbench is
	// built (Ctrl+Enter itself is covered by translate).
	app := x.run(ws.Dir, "workbench:fr:missing:edit")
	x.typeSlowly(text)
	waitJournal(t, ws.Dir, text)
	if err := app.Process.Kill(); err != nil { // SIGKILL: no chance to save
		t.Fatal(err)
	}
	_ = app.Wait()
	if w, err := workspace.Open(ws.Dir); err != nil || w.Text("fr", missing[0]) != "" {
		t.Fatalf("the killed app saved (or the workspace broke: %v)", err)
	}
	x.run(ws.Dir, "workbench:fr")
	// The recovery dialog's default is to restore; the app handles the
	// keys in order, so Ctrl+S saves what Return restored.
	x.xdo("key", "Return")
	x.xdo("key", "ctrl+s")
	waitSaved(t, ws.Dir, func(w *workspace.Workspace) error {
		if got := w.Text("fr", missing[0]); got != text {
			return fmt.Errorf("after recovery, fr %s on disk is %q", missing[0], got)
		}
		if _, err := os.Stat(recovery.Path(ws.Dir)); !os.IsNotExist(err) {
			return fmt.Errorf("journal still there after saving (%v)", err)
		}
		return nil
	})
}

// TestEndToEndKillRecoversStructure: delete a paragraph, add one and type
// into it, wait for the journal, kill -9, start again: restoring and
// saving gives the statement as it was edited, without the deleted
// message.
func TestEndToEndKillRecoversStructure(t *testing.T) {
	x := startX(t)
	ws := fixture(t, 0)
	st := ws.Statements[0]
	gone := st.Paragraphs[1]
	n := len(st.Paragraphs)
	const text = "Added before the crash, in a paragraph that did not exist on disk."
	app := x.run(ws.Dir, "editor:delete=2,add")
	x.typeSlowly(text)
	waitJournal(t, ws.Dir, text)
	if err := app.Process.Kill(); err != nil { // SIGKILL: no chance to save
		t.Fatal(err)
	}
	_ = app.Wait()
	if w, err := workspace.Open(ws.Dir); err != nil || w.Statements[0].Paragraphs[1] != gone {
		t.Fatalf("the killed app saved (or the workspace broke: %v)", err)
	}
	x.run(ws.Dir, "editor")
	// The recovery dialog's default is to restore; the app handles the
	// keys in order, so Ctrl+S saves what Return restored.
	x.xdo("key", "Return")
	x.xdo("key", "ctrl+s")
	waitSaved(t, ws.Dir, func(w *workspace.Workspace) error {
		s := w.Statements[0]
		if len(s.Paragraphs) != n {
			return fmt.Errorf("%d paragraphs on disk, want %d", len(s.Paragraphs), n)
		}
		if got := w.Text("en", s.Paragraphs[n-1]); got != text {
			return fmt.Errorf("recovered new paragraph on disk: %q", got)
		}
		if slices.Contains(s.Paragraphs, gone) {
			return fmt.Errorf("the deleted paragraph %s is back in the statement", gone)
		}
		if _, ok := w.Source().Get(gone); ok {
			return fmt.Errorf("the deleted paragraph %s is back in the catalog", gone)
		}
		return nil
	})
}
