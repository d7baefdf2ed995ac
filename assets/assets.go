// Package assets holds the data compiled into Communiqué: the application
// icon and the sample workspace a new user starts with. Fonts are in the
// fonts subpackage.
package assets

import (
	"embed"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"communique/app/safefile"
)

//go:embed icon.png
var Icon []byte

//go:embed all:sample
var sample embed.FS

// Sample is the bundled sample workspace: a statement in English with a
// complete-but-one French translation, an Arabic one with a stale paragraph
// and a partial Sorani Kurdish one.
func Sample() fs.FS {
	sub, err := fs.Sub(sample, "sample")
	if err != nil {
		panic(err) // the embed pattern guarantees the folder exists
	}
	return sub
}

// WriteSample copies the sample workspace into dir, which must be empty or
// absent: a sample is never written over someone's files. The copy is made
// in a sibling folder and renamed into place, so an interrupted copy never
// leaves a half sample that looks like a workspace.
func WriteSample(dir string) error {
	if entries, err := os.ReadDir(dir); err == nil && len(entries) > 0 {
		return fmt.Errorf("%s: folder is not empty; choose a new folder for the sample", dir)
	}
	parent := filepath.Dir(filepath.Clean(dir))
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return err
	}
	tmp, err := os.MkdirTemp(parent, "."+filepath.Base(dir)+".tmp-*")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp) // a no-op once renamed
	err = fs.WalkDir(Sample(), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		target := filepath.Join(tmp, filepath.FromSlash(p))
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		data, err := fs.ReadFile(Sample(), p)
		if err != nil {
			return err
		}
		return safefile.Write(target, data, 0o644)
	})
	if err != nil {
		return err
	}
	if err := os.Chmod(tmp, 0o755); err != nil {
		return err
	}
	os.Remove(dir) // an empty folder the user chose; rename needs it gone
	if err := os.Rename(tmp, dir); err != nil {
		return fmt.Errorf("%s: %w", dir, err)
	}
	return nil
}
