package filechooser

import (
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// mkTree makes files and folders (names ending in "/") under a new
// temporary folder, each modified a minute after the previous one.
func mkTree(t *testing.T, names ...string) string {
	t.Helper()
	dir := t.TempDir()
	when := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	for i, n := range names {
		p := filepath.Join(dir, n)
		var err error
		if n[len(n)-1] == '/' {
			err = os.Mkdir(p, 0o755)
		} else {
			err = os.WriteFile(p, make([]byte, i*10), 0o644)
		}
		if err != nil {
			t.Fatal(err)
		}
		if err := os.Chtimes(p, when, when.Add(time.Duration(i)*time.Minute)); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func names(es []Entry) []string {
	var out []string
	for _, e := range es {
		out = append(out, e.Name)
	}
	return out
}

// Folders come first; names sort as a French reader expects (accents and
// case second, numbers by value); hidden names and filtered files stay
// out unless asked for.
func TestListFiltersAndSorts(t *testing.T) {
	dir := mkTree(t, "zèbre/", "Alpha/", ".cache/", "été.p12", "Ecole.PEM", "notes.txt", "file10.pem", "file9.pem", ".secret.pem")
	cases := []struct {
		o    ListOptions
		want []string
	}{
		{ListOptions{Lang: "fr"}, []string{"Alpha", "zèbre", "Ecole.PEM", "été.p12", "file9.pem", "file10.pem", "notes.txt"}},
		{ListOptions{Lang: "fr", Exts: []string{".pem", ".p12"}}, []string{"Alpha", "zèbre", "Ecole.PEM", "été.p12", "file9.pem", "file10.pem"}},
		{ListOptions{Lang: "fr", Hidden: true, Exts: []string{".pem"}}, []string{".cache", "Alpha", "zèbre", ".secret.pem", "Ecole.PEM", "file9.pem", "file10.pem"}},
		{ListOptions{Lang: "fr", FoldersOnly: true}, []string{"Alpha", "zèbre"}},
		// Newest first: notes.txt was written after file10.pem…
		{ListOptions{Lang: "fr", Sort: ByModified}, []string{"Alpha", "zèbre", "file9.pem", "file10.pem", "notes.txt", "Ecole.PEM", "été.p12"}},
		{ListOptions{Lang: "fr", Sort: BySize}, []string{"Alpha", "zèbre", "file9.pem", "file10.pem", "notes.txt", "Ecole.PEM", "été.p12"}},
	}
	for i, c := range cases {
		l, err := List(dir, c.o)
		if err != nil {
			t.Fatal(err)
		}
		if got := names(l.Entries); !slices.Equal(got, c.want) {
			t.Errorf("case %d: got %q\nwant %q", i, got, c.want)
		}
		if l.Truncated {
			t.Errorf("case %d: a small folder reported cut", i)
		}
	}
}

// Arabic names sort in Arabic alphabetical order in the Arabic interface
// (after Latin ones, as CLDR's Arabic collation has it) and are kept
// whole.
func TestListArabicNames(t *testing.T) {
	dir := mkTree(t, "ياء.txt", "باء.txt", "ألف.txt", "Latin.txt")
	l, err := List(dir, ListOptions{Lang: "ar"})
	if err != nil {
		t.Fatal(err)
	}
	if got := names(l.Entries); !slices.Equal(got, []string{"Latin.txt", "ألف.txt", "باء.txt", "ياء.txt"}) {
		t.Errorf("Arabic names in order %q", got)
	}
}

// A folder that cannot be read, or is not there, gives an error naming
// it; a symbolic link to a folder lists as a folder, a broken one as a
// file.
func TestListErrorsAndLinks(t *testing.T) {
	_, err := List(filepath.Join(t.TempDir(), "gone"), ListOptions{})
	if !errors.Is(err, os.ErrNotExist) || !strings.Contains(err.Error(), "gone") {
		t.Errorf("missing folder: %v", err)
	}
	dir := mkTree(t, "real/")
	if err := os.Symlink(filepath.Join(dir, "real"), filepath.Join(dir, "link")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(dir, "nowhere"), filepath.Join(dir, "broken")); err != nil {
		t.Fatal(err)
	}
	l, err := List(dir, ListOptions{})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]bool{}
	for _, e := range l.Entries {
		got[e.Name] = e.Dir
	}
	if !got["link"] || got["broken"] || len(got) != 3 {
		t.Errorf("links listed as %v", got)
	}
	if runtime.GOOS != "windows" && os.Geteuid() != 0 {
		locked := mkTree(t, "x/")
		if err := os.Chmod(locked, 0); err != nil {
			t.Fatal(err)
		}
		defer os.Chmod(locked, 0o755)
		if _, err := List(locked, ListOptions{}); !errors.Is(err, os.ErrPermission) {
			t.Errorf("unreadable folder: %v", err)
		}
	}
}

// A folder with more names than the bound is cut and says so; one with
// exactly as many is not.
func TestListIsBounded(t *testing.T) {
	const bound = 50
	dir := t.TempDir()
	create := func(i int) {
		f, err := os.Create(filepath.Join(dir, "f"+strconv.Itoa(i)))
		if err != nil {
			t.Fatal(err)
		}
		f.Close()
	}
	for i := range bound {
		create(i)
	}
	if l, err := List(dir, ListOptions{Max: bound}); err != nil || len(l.Entries) != bound || l.Truncated {
		t.Fatalf("at the bound: %d entries, truncated %v, err %v", len(l.Entries), l.Truncated, err)
	}
	create(bound)
	l, err := List(dir, ListOptions{Max: bound})
	if err != nil {
		t.Fatal(err)
	}
	if len(l.Entries) != bound || !l.Truncated {
		t.Errorf("over the bound: %d entries, truncated %v", len(l.Entries), l.Truncated)
	}
}

func TestResolveAndParent(t *testing.T) {
	cases := []struct{ typed, want string }{
		{"", "/work/a"},
		{"  ", "/work/a"},
		{"~", "/home/u"},
		{"~/docs", "/home/u/docs"},
		{"/etc/../tmp/", "/tmp"},
		{"sub/x", "/work/a/sub/x"},
		{"..", "/work"},
		{"ملفات", "/work/a/ملفات"},
	}
	for _, c := range cases {
		if got := Resolve("/work/a", c.typed, "/home/u"); got != c.want {
			t.Errorf("Resolve(%q) = %q, want %q", c.typed, got, c.want)
		}
	}
	if p, ok := Parent("/work/a/"); p != "/work" || !ok {
		t.Errorf("Parent(/work/a/) = %q, %v", p, ok)
	}
	if p, ok := Parent("/"); p != "/" || ok {
		t.Errorf("Parent(/) = %q, %v", p, ok)
	}
}

func TestSaveTarget(t *testing.T) {
	exts := []string{".pdf"}
	for name, want := range map[string]string{"report": "/d/report.pdf", "Report.PDF": "/d/Report.PDF", " بيان ": "/d/بيان.pdf"} {
		got, err := SaveTarget("/d", name, exts)
		if err != nil || got != want {
			t.Errorf("SaveTarget(%q) = %q, %v; want %q", name, got, err, want)
		}
	}
	for _, bad := range []string{"", " ", ".", "..", "a/b", `a\b`, "a\x00b"} {
		if _, err := SaveTarget("/d", bad, exts); !errors.Is(err, ErrBadName) {
			t.Errorf("SaveTarget(%q) accepted: %v", bad, err)
		}
	}
	if got, _ := SaveTarget("/d", "x.txt", nil); got != "/d/x.txt" {
		t.Errorf("no extension filter: %q", got)
	}
}

// Places keep existing folders only, each once, recent ones named by
// their last element.
func TestPlaces(t *testing.T) {
	home := t.TempDir()
	ws := mkTree(t, "a/")
	got := Places([]Place{{"Home", home}, {"Workspace", ws}, {"Nowhere", filepath.Join(home, "gone")}},
		[]string{ws, filepath.Join(ws, "a"), filepath.Join(ws, "b")})
	want := []Place{{"Home", home}, {"Workspace", ws}, {"a", filepath.Join(ws, "a")}}
	if !slices.Equal(got, want) {
		t.Errorf("places %v, want %v", got, want)
	}
}

func TestMatchExt(t *testing.T) {
	if !MatchExt("KEY.P12", []string{".p12"}) || MatchExt("key.p12.txt", []string{".p12"}) || !MatchExt("x", nil) {
		t.Error("extension matching")
	}
}
