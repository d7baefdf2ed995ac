package safefile

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestWriteReplaces(t *testing.T) {
	p := filepath.Join(t.TempDir(), "a.toml")
	if err := Write(p, []byte("one"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := Write(p, []byte("two"), 0o644); err != nil {
		t.Fatal(err)
	}
	got, _ := os.ReadFile(p)
	if string(got) != "two" {
		t.Fatalf("got %q", got)
	}
	left, _ := filepath.Glob(filepath.Join(filepath.Dir(p), ".*tmp-*"))
	if len(left) != 0 {
		t.Fatalf("temp files left behind: %v", left)
	}
}

func TestWriteIfUnchangedDetectsHandEdit(t *testing.T) {
	p := filepath.Join(t.TempDir(), "active.fr.toml")
	os.WriteFile(p, []byte("[a]\nother = \"x\"\n"), 0o644)
	st, err := stampOf(p)
	if err != nil {
		t.Fatal(err)
	}
	// A translator saves the file in an editor.
	os.WriteFile(p, []byte("[a]\nother = \"hand edit\"\n"), 0o644)
	err = WriteIfUnchanged(p, []byte("[a]\nother = \"app\"\n"), 0o644, st)
	var ce *ConflictError
	if !errors.As(err, &ce) {
		t.Fatalf("want ConflictError, got %v", err)
	}
	got, _ := os.ReadFile(p)
	if !bytes.Contains(got, []byte("hand edit")) {
		t.Fatalf("hand edit lost: %q", got)
	}
	// Same content as on disk is fine; fresh stamp is fine.
	st2, _ := stampOf(p)
	if err := WriteIfUnchanged(p, []byte("new"), 0o644, st2); err != nil {
		t.Fatal(err)
	}
	// A file that appeared after we saw it missing is a conflict too.
	q := filepath.Join(t.TempDir(), "new.toml")
	os.WriteFile(q, []byte("someone"), 0o644)
	if err := WriteIfUnchanged(q, []byte("me"), 0o644, Stamp{}); !errors.As(err, &ce) {
		t.Fatalf("want ConflictError for file created meanwhile, got %v", err)
	}
}

// TestKilledWriterLeavesOldFile runs a writer in a child process, kills it with
// SIGKILL while it is half-way through a large file, and checks the target
// still holds the old content in full.
func TestKilledWriterLeavesOldFile(t *testing.T) {
	if p := os.Getenv("SAFEFILE_CHILD"); p != "" {
		slow := writer{afterChunk: func() { time.Sleep(20 * time.Millisecond) }}
		slow.write(p, bytes.Repeat([]byte("new "), 1<<20), 0o644) // 4 MiB, ~64 chunks
		os.Exit(0)
	}
	dir := t.TempDir()
	p := filepath.Join(dir, "statement.toml")
	old := bytes.Repeat([]byte("old content\n"), 1000)
	if err := os.WriteFile(p, old, 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestKilledWriterLeavesOldFile$")
	cmd.Env = append(os.Environ(), "SAFEFILE_CHILD="+p)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// Wait until the temp file has grown, i.e. the writer is mid-way.
	deadline := time.Now().Add(20 * time.Second)
	for {
		tmps, _ := filepath.Glob(filepath.Join(dir, ".statement.toml.tmp-*"))
		if len(tmps) == 1 {
			if fi, err := os.Stat(tmps[0]); err == nil && fi.Size() >= 4*chunk {
				break
			}
		}
		if time.Now().After(deadline) {
			cmd.Process.Kill()
			t.Fatal("child never started writing")
		}
		time.Sleep(5 * time.Millisecond)
	}
	cmd.Process.Kill()
	cmd.Wait()
	got, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, old) {
		t.Fatalf("target damaged by killed writer: %d bytes, want %d", len(got), len(old))
	}
}

func TestWriteKeepsModeAndLinks(t *testing.T) {
	dir := t.TempDir()
	real := filepath.Join(dir, "real.toml")
	os.WriteFile(real, []byte("old"), 0o600)
	link := filepath.Join(dir, "active.fr.toml")
	if err := os.Symlink("real.toml", link); err != nil {
		t.Skip("no symlinks here:", err)
	}
	if err := Write(link, []byte("new"), 0o644); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Error("the link was replaced by a file")
	}
	got, _ := os.ReadFile(real)
	fi, _ := os.Stat(real)
	if string(got) != "new" || fi.Mode().Perm() != 0o600 {
		t.Errorf("target %q mode %v, want \"new\" 0600", got, fi.Mode().Perm())
	}
}

func TestWriteAll(t *testing.T) {
	dir := t.TempDir()
	sub := filepath.Join(dir, "sub")
	if err := os.Mkdir(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	old := filepath.Join(dir, "old.pdf")
	if err := os.WriteFile(old, []byte("old"), 0o600); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(sub, "link.json")
	if err := os.Symlink(old, link); err != nil {
		t.Fatal(err)
	}
	files := []File{
		{filepath.Join(dir, "a.pdf"), []byte("a"), 0o644, false},
		{filepath.Join(sub, "b.pdf"), bytes.Repeat([]byte("b"), 3*chunk+1), 0o644, false},
		{link, []byte("through the link"), 0o644, false},
	}
	if err := WriteAll(files); err != nil {
		t.Fatal(err)
	}
	for _, f := range files[:2] {
		got, err := os.ReadFile(f.Path)
		if err != nil || !bytes.Equal(got, f.Data) {
			t.Errorf("%s: %d bytes, %v", f.Path, len(got), err)
		}
		if fi, _ := os.Stat(f.Path); fi.Mode().Perm() != 0o644 {
			t.Errorf("%s: mode %v", f.Path, fi.Mode())
		}
	}
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Errorf("the link was replaced by a file: %v %v", fi, err)
	}
	if got, _ := os.ReadFile(old); string(got) != "through the link" {
		t.Errorf("the link's target holds %q", got)
	}
	if fi, _ := os.Stat(old); fi.Mode().Perm() != 0o600 {
		t.Errorf("the link's target lost its mode: %v", fi.Mode())
	}
	for _, d := range []string{dir, sub} {
		if left, _ := filepath.Glob(filepath.Join(d, ".*tmp-*")); len(left) != 0 {
			t.Errorf("temp files left behind: %v", left)
		}
	}
}

// TestWriteAllAllOrNothing: when one file cannot be written, none of the
// others is replaced and no temporary file stays behind.
func TestWriteAllAllOrNothing(t *testing.T) {
	dir := t.TempDir()
	a := filepath.Join(dir, "a.pdf")
	if err := os.WriteFile(a, []byte("before"), 0o644); err != nil {
		t.Fatal(err)
	}
	err := WriteAll([]File{
		{a, []byte("after"), 0o644, false},
		{filepath.Join(dir, "missing", "b.pdf"), []byte("b"), 0o644, false},
		{filepath.Join(dir, "manifest.json"), []byte("{}"), 0o644, false},
	})
	if err == nil || !strings.Contains(err.Error(), "missing") {
		t.Fatalf("error %v, want one naming the file that could not be written", err)
	}
	if got, _ := os.ReadFile(a); string(got) != "before" {
		t.Errorf("a.pdf was replaced: %q", got)
	}
	if _, err := os.Stat(filepath.Join(dir, "manifest.json")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("manifest.json was written: %v", err)
	}
	if left, _ := filepath.Glob(filepath.Join(dir, ".*tmp-*")); len(left) != 0 {
		t.Errorf("temp files left behind: %v", left)
	}
}

// TestWriteAllRemoveFirst: when a file cannot be put in place after all
// (here its target is a directory), the file marked RemoveFirst, written
// last, is gone rather than left describing files that were not replaced.
func TestWriteAllRemoveFirst(t *testing.T) {
	dir := t.TempDir()
	a, b, manifest := filepath.Join(dir, "a.pdf"), filepath.Join(dir, "b.pdf"), filepath.Join(dir, "manifest.json")
	os.WriteFile(manifest, []byte("old manifest"), 0o644)
	if err := os.MkdirAll(filepath.Join(b, "in-the-way"), 0o755); err != nil {
		t.Fatal(err)
	}
	err := WriteAll([]File{
		{Path: a, Data: []byte("new a"), Perm: 0o644},
		{Path: b, Data: []byte("new b"), Perm: 0o644},
		{Path: manifest, Data: []byte("new manifest"), Perm: 0o644, RemoveFirst: true},
	})
	if err == nil || !strings.Contains(err.Error(), "b.pdf") {
		t.Fatalf("error %v, want one naming b.pdf", err)
	}
	if got, _ := os.ReadFile(a); string(got) != "new a" {
		t.Errorf("a.pdf holds %q", got)
	}
	if _, err := os.Stat(manifest); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the old manifest is still there: %v", err)
	}
	if left, _ := filepath.Glob(filepath.Join(dir, ".*tmp-*")); len(left) != 0 {
		t.Errorf("temp files left behind: %v", left)
	}
	// The same batch, nothing in the way: everything in place.
	os.RemoveAll(b)
	if err := WriteAll([]File{{Path: b, Data: []byte("new b"), Perm: 0o644}, {Path: manifest, Data: []byte("new manifest"), Perm: 0o644, RemoveFirst: true}}); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(manifest); string(got) != "new manifest" {
		t.Errorf("manifest holds %q", got)
	}
}

// stampOf is the stamp of the file at path as it is now.
func stampOf(path string) (Stamp, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return Stamp{}, err
	}
	return StampBytes(data), nil
}
