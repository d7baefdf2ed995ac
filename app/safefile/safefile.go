// Package safefile writes workspace files so that a crash, a full disk or a
// concurrent hand edit never leaves a half-written or silently overwritten file.
//
// Every write goes to a temporary file in the same directory, is fsynced, and
// is renamed over the target; the directory is fsynced afterwards so the rename
// itself survives a power cut. A Stamp taken when a file was read lets a later
// save notice that someone else (a translator's editor, git checkout) changed
// the file in the meantime.
package safefile

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
)

// Stamp identifies the content a file had when it was read.
type Stamp struct {
	Exists bool
	Sum    [sha256.Size]byte
}

// StampBytes returns the stamp of content read from disk.
func StampBytes(data []byte) Stamp {
	return Stamp{Exists: true, Sum: sha256.Sum256(data)}
}

// ConflictError reports that a file changed on disk since it was read.
type ConflictError struct {
	Path string
}

func (e *ConflictError) Error() string {
	return fmt.Sprintf("%s: changed on disk since it was read (edited by hand or by git?); reload it before saving, nothing was written", e.Path)
}

// chunk is the size of each write; small enough that a test can kill a writer
// in the middle of a file.
const chunk = 64 << 10

// Write replaces path with data atomically: readers see either the old file
// or the new one, never a mixture, even if the process dies mid-way.
//
// An existing file keeps its permissions, and a symbolic link keeps
// pointing where it did: the file it points to is replaced, not the link.
func Write(path string, data []byte, perm fs.FileMode) error {
	return writer{}.write(path, data, perm)
}

// writer carries what a test may vary about writing: afterChunk, when set,
// runs after each chunk reaches the temporary file, so a test can kill a
// writer half way through.
type writer struct {
	afterChunk func()
}

func (w writer) write(path string, data []byte, perm fs.FileMode) error {
	t, err := w.writeTemp(path, data, perm)
	if err != nil {
		return err
	}
	if err := t.rename(); err != nil {
		return err
	}
	syncDir(filepath.Dir(t.path))
	return nil
}

// File is one file for WriteAll.
type File struct {
	Path string
	Data []byte
	Perm fs.FileMode // for a new file; an existing one keeps its own
	// RemoveFirst removes the existing file before any file of the batch
	// is renamed, so a batch that fails half way leaves none rather than
	// an old one that no longer matches the others (a manifest).
	RemoveFirst bool
}

// WriteAll replaces several files, each atomically as Write does, but
// waits for the disk less: the temporary files are written and synced side
// by side, then renamed in the order given, and each directory is synced
// once at the end rather than after every file. If any temporary file
// cannot be written, no file is replaced. A failed rename (rare: a target
// that is a directory, or held open on Windows) stops the renames: the
// files before it are replaced, the rest are not, and those marked
// RemoveFirst are gone.
func WriteAll(files []File) error {
	temps := make([]*temp, len(files))
	errs := make([]error, len(files))
	var wg sync.WaitGroup
	for i, f := range files {
		wg.Go(func() { temps[i], errs[i] = writer{}.writeTemp(f.Path, f.Data, f.Perm) })
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		for _, t := range temps {
			if t != nil {
				os.Remove(t.tmp)
			}
		}
		return err
	}
	for i, f := range files {
		if !f.RemoveFirst {
			continue
		}
		if err := os.Remove(temps[i].path); err != nil && !errors.Is(err, fs.ErrNotExist) {
			for _, t := range temps {
				os.Remove(t.tmp)
			}
			return fmt.Errorf("%s: %w", temps[i].path, err)
		}
	}
	dirs := map[string]bool{}
	var renameErr error
	for _, t := range temps {
		if renameErr != nil {
			os.Remove(t.tmp)
			continue
		}
		if renameErr = t.rename(); renameErr == nil {
			dirs[filepath.Dir(t.path)] = true
		}
	}
	for dir := range dirs {
		syncDir(dir)
	}
	return renameErr
}

// temp is a synced temporary file waiting to be renamed over path.
type temp struct{ tmp, path string }

// writeTemp writes data to a temporary file next to path and syncs it.
// An existing file's permissions are kept, and a symbolic link keeps
// pointing where it did: the file it points to will be replaced.
func (w writer) writeTemp(path string, data []byte, perm fs.FileMode) (*temp, error) {
	if target, err := filepath.EvalSymlinks(path); err == nil {
		path = target
		if fi, err := os.Stat(path); err == nil {
			perm = fi.Mode().Perm()
		}
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	tmpName := tmp.Name()
	fail := func(err error) (*temp, error) {
		tmp.Close()
		os.Remove(tmpName)
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	for rest := data; len(rest) > 0; {
		n := min(len(rest), chunk)
		if _, err := tmp.Write(rest[:n]); err != nil {
			return fail(err)
		}
		rest = rest[n:]
		if w.afterChunk != nil {
			w.afterChunk()
		}
	}
	if err := tmp.Chmod(perm); err != nil {
		return fail(err)
	}
	if err := tmp.Sync(); err != nil {
		return fail(err)
	}
	if err := tmp.Close(); err != nil {
		os.Remove(tmpName)
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return &temp{tmp: tmpName, path: path}, nil
}

func (t *temp) rename() error {
	if err := os.Rename(t.tmp, t.path); err != nil {
		os.Remove(t.tmp)
		return fmt.Errorf("%s: %w", t.path, err)
	}
	return nil
}

// WriteIfUnchanged is Write, but refuses with a *ConflictError when the file
// on disk no longer has the content described by prev (use the zero Stamp for
// a file that did not exist). Writing content identical to what is on disk is
// not a conflict.
func WriteIfUnchanged(path string, data []byte, perm fs.FileMode, prev Stamp) error {
	cur, err := os.ReadFile(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		if prev.Exists {
			return &ConflictError{Path: path}
		}
	case err != nil:
		return fmt.Errorf("%s: %w", path, err)
	default:
		if bytes.Equal(cur, data) {
			return nil
		}
		if StampBytes(cur) != prev {
			return &ConflictError{Path: path}
		}
	}
	return Write(path, data, perm)
}

// syncDir makes a rename durable. Errors are ignored: some platforms
// (Windows) cannot open a directory for syncing, and the rename has happened.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
}
