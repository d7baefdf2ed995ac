package filechooser

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"
)

// This file is the chooser's domain: what a folder holds, in which order,
// which names pass the filter, where a typed path leads. It draws
// nothing, so it is tested without a display.

// Entry is one file or folder in a listing.
type Entry struct {
	Name    string
	Path    string
	Dir     bool
	Size    int64
	ModTime time.Time
}

// Hidden reports whether the entry is hidden by the Unix convention (a
// leading dot), which is also how Git and most tools hide on Windows.
func (e Entry) Hidden() bool { return strings.HasPrefix(e.Name, ".") }

// Sort orders a listing; folders always come before files, as in every
// desktop file chooser.
type Sort int

const (
	ByName     Sort = iota // alphabetical in the interface language
	ByModified             // newest first
	BySize                 // largest first (folders by name)
)

// MaxEntries bounds a listing: a folder of a million files must not take
// the window's memory. The listing says when it was cut.
const MaxEntries = 20000

// ListOptions says which entries a listing keeps.
type ListOptions struct {
	// Folders only (choose-folder mode): files are left out.
	FoldersOnly bool
	// Exts keeps files whose name ends with one of them (".p12"),
	// compared without case; empty keeps every file. Folders always stay.
	Exts   []string
	Hidden bool // show names starting with a dot
	Sort   Sort
	// Lang is the interface language, whose alphabet orders names.
	Lang string
	// Max is how many names are read at most; 0 means MaxEntries.
	Max int
}

// Listing is what a folder holds, filtered and sorted.
type Listing struct {
	Dir     string
	Entries []Entry
	// Truncated: the folder holds more than MaxEntries names; the rest
	// were not read.
	Truncated bool
}

// List reads dir. An unreadable folder gives an error naming it; entries
// that vanish or cannot be examined while being read are skipped.
func List(dir string, o ListOptions) (Listing, error) {
	l := Listing{Dir: dir}
	f, err := os.Open(dir)
	if err != nil {
		return l, fmt.Errorf("%s: %w", dir, err)
	}
	defer f.Close()
	limit := o.Max
	if limit <= 0 {
		limit = MaxEntries
	}
	var des []fs.DirEntry
	for len(des) < limit {
		batch, err := f.ReadDir(min(1000, limit-len(des)))
		des = append(des, batch...)
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return l, fmt.Errorf("%s: %w", dir, err)
		}
	}
	if len(des) == limit {
		more, _ := f.ReadDir(1)
		l.Truncated = len(more) > 0
	}
	for _, de := range des {
		e, ok := entryOf(dir, de)
		if ok && o.keeps(e) {
			l.Entries = append(l.Entries, e)
		}
	}
	SortEntries(l.Entries, o.Sort, o.Lang)
	return l, nil
}

// entryOf describes a directory entry, following a symbolic link to say
// whether it leads to a folder (a broken link is a file).
func entryOf(dir string, de fs.DirEntry) (Entry, bool) {
	e := Entry{Name: de.Name(), Path: filepath.Join(dir, de.Name()), Dir: de.IsDir()}
	info, err := de.Info()
	if err != nil {
		return e, false // gone since the folder was read
	}
	if de.Type()&fs.ModeSymlink != 0 {
		if target, err := os.Stat(e.Path); err == nil {
			info = target
			e.Dir = target.IsDir()
		}
	}
	e.Size, e.ModTime = info.Size(), info.ModTime()
	return e, true
}

func (o ListOptions) keeps(e Entry) bool {
	if e.Hidden() && !o.Hidden {
		return false
	}
	if e.Dir {
		return true
	}
	return !o.FoldersOnly && MatchExt(e.Name, o.Exts)
}

// MatchExt reports whether name ends with one of exts, without regard to
// case (".PEM" is a ".pem"); no exts match everything.
func MatchExt(name string, exts []string) bool {
	if len(exts) == 0 {
		return true
	}
	lower := strings.ToLower(name)
	for _, x := range exts {
		if strings.HasSuffix(lower, strings.ToLower(x)) {
			return true
		}
	}
	return false
}

// SortEntries orders folders first, then by s. Names compare as people
// expect in the interface language (case and accents second, "é" next to
// "e"), with the raw name as the last resort so the order is total.
func SortEntries(es []Entry, s Sort, lang string) {
	tag, err := language.Parse(lang)
	if err != nil {
		tag = language.English
	}
	col := collate.New(tag, collate.Loose, collate.Numeric)
	byName := func(a, b Entry) int {
		if c := col.CompareString(a.Name, b.Name); c != 0 {
			return c
		}
		return strings.Compare(a.Name, b.Name)
	}
	slices.SortStableFunc(es, func(a, b Entry) int {
		switch {
		case a.Dir != b.Dir:
			if a.Dir {
				return -1
			}
			return 1
		case s == ByModified && !a.ModTime.Equal(b.ModTime):
			return b.ModTime.Compare(a.ModTime)
		case s == BySize && !a.Dir && a.Size != b.Size:
			if a.Size > b.Size {
				return -1
			}
			return 1
		}
		return byName(a, b)
	})
}

// Resolve turns what was typed in the path field into a clean absolute
// path: "~" is home, a relative path is taken from the folder shown.
func Resolve(current, typed, home string) string {
	typed = strings.TrimSpace(typed)
	switch {
	case typed == "":
		return current
	case typed == "~":
		return home
	case strings.HasPrefix(typed, "~/") || strings.HasPrefix(typed, `~\`):
		return filepath.Join(home, typed[2:])
	case filepath.IsAbs(typed):
		return filepath.Clean(typed)
	}
	return filepath.Join(current, typed)
}

// Parent is the folder holding dir, and false at the root.
func Parent(dir string) (string, bool) {
	p := filepath.Dir(filepath.Clean(dir))
	return p, p != filepath.Clean(dir)
}

// ErrBadName says a file name typed to save under cannot be one.
var ErrBadName = errors.New("not a file name")

// SaveTarget is where a file named name is saved in dir: the name gets
// the first of exts when it has none of them. It refuses names that are
// empty, "." or "..", or that hold a path separator.
func SaveTarget(dir, name string, exts []string) (string, error) {
	name = strings.TrimSpace(name)
	if name == "" || name == "." || name == ".." || strings.ContainsAny(name, `/\`) || strings.ContainsRune(name, 0) {
		return "", fmt.Errorf("%q: %w", name, ErrBadName)
	}
	if len(exts) > 0 && !MatchExt(name, exts) {
		name += exts[0]
	}
	return filepath.Join(dir, name), nil
}

// Place is a folder offered at the side of the chooser: home, the
// workspace's folder, recent ones.
type Place struct {
	Name string
	Path string
}

// Places lists home, then the workspace folder, then recent folders,
// each once and only if it exists; names are given by the caller (they
// are translated), recent folders are named by their last element.
func Places(fixed []Place, recent []string) []Place {
	var out []Place
	seen := map[string]bool{}
	add := func(p Place) {
		if p.Path == "" || seen[filepath.Clean(p.Path)] {
			return
		}
		if st, err := os.Stat(p.Path); err != nil || !st.IsDir() {
			return
		}
		seen[filepath.Clean(p.Path)] = true
		out = append(out, p)
	}
	for _, p := range fixed {
		add(p)
	}
	for _, r := range recent {
		add(Place{Name: filepath.Base(r), Path: r})
	}
	return out
}
