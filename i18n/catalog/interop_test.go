package catalog

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"communique/internal/judge"
)

var (
	goi18nOnce sync.Once
	goi18nPath string
	goi18nErr  error
)

// goi18n builds the real goi18n CLI once per test run, at the version the
// `tool` directive in go.mod pins (the same go-i18n the app links).
func goi18n(t *testing.T) string {
	t.Helper()
	goi18nOnce.Do(func() {
		dir, err := os.MkdirTemp("", "goi18n-bin-")
		if err != nil {
			goi18nErr = err
			return
		}
		exe := filepath.Join(dir, "goi18n")
		cmd := exec.Command("go", "build", "-o", exe, "github.com/nicksnyder/go-i18n/v2/goi18n")
		if out, err := cmd.CombinedOutput(); err != nil {
			goi18nErr = err
			goi18nPath = string(out)
			return
		}
		goi18nPath = exe
	})
	if goi18nErr != nil {
		judge.Missing(t, "goi18n", fmt.Errorf("%v\n%s", goi18nErr, goi18nPath))
	}
	return goi18nPath
}

func TestMain(m *testing.M) {
	code := m.Run()
	if goi18nPath != "" && goi18nErr == nil {
		os.RemoveAll(filepath.Dir(goi18nPath))
	}
	os.Exit(code)
}

// runMerge runs goi18n merge on files in dir and returns its output dir.
func runMerge(t *testing.T, dir, outName string, format Format, files ...string) string {
	t.Helper()
	out := filepath.Join(dir, outName)
	os.MkdirAll(out, 0o755)
	args := []string{"merge", "-sourceLanguage", "en", "-outdir", out, "-format", string(format)}
	for _, f := range files {
		args = append(args, filepath.Join(dir, f))
	}
	cmd := exec.Command(goi18n(t), args...)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("goi18n merge rejected our files: %v\n%s", err, b)
	}
	return out
}

// convert writes the messages of a TOML fixture as a new catalog in format.
func convert(t *testing.T, from, dir string, format Format) *Catalog {
	t.Helper()
	c, err := Load(from)
	if err != nil {
		t.Fatal(err)
	}
	base := strings.TrimSuffix(filepath.Base(from), ".toml") + "." + string(format)
	if format == TOML {
		data, _ := os.ReadFile(from)
		os.WriteFile(filepath.Join(dir, base), data, 0o644)
		c2, err := Load(filepath.Join(dir, base))
		if err != nil {
			t.Fatal(err)
		}
		return c2
	}
	n, err := New(filepath.Join(dir, base))
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range c.Messages() {
		n.Set(m)
	}
	if err := n.Save(); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestInteropWithGoi18n(t *testing.T) {
	for _, format := range []Format{TOML, JSON, YAML} {
		t.Run(string(format), func(t *testing.T) {
			dir := t.TempDir()
			src := convert(t, "testdata/status/active.en.toml", dir, format)
			ar := convert(t, "testdata/status/active.ar.toml", dir, format)
			hist, _ := LoadHistory("testdata/status/source-history.toml")
			out := runMerge(t, dir, "out", format, "active.en."+string(format), "active.ar."+string(format))

			// 1. goi18n accepted our files and agrees with our hashes: it kept
			// every translation we consider current, with the hash we compute,
			// including one that needs review only for lacking a plural form
			// (goi18n keeps it and asks for the missing forms in the
			// translate file, checked in 2).
			theirs, err := Load(filepath.Join(out, "active.ar."+string(format)))
			if err != nil {
				t.Fatal(err)
			}
			r := Status(src, ar, hist)
			for _, e := range r.Entries {
				got, ok := theirs.Get(e.ID)
				if e.State == Translated || e.LacksForms != nil {
					if !ok || got.Other != e.Translation.Other {
						t.Errorf("goi18n dropped %s, which we count as translated", e.ID)
					}
					if ok && got.Hash != Hash(e.Source.Description, e.Source.Other) {
						t.Errorf("%s: goi18n hash %s, ours %s", e.ID, got.Hash, Hash(e.Source.Description, e.Source.Other))
					}
				} else if ok {
					t.Errorf("goi18n kept %s (%s)", e.ID, e.State)
				}
			}

			// 2. Our handoff is byte for byte goi18n's translate file.
			want, err := os.ReadFile(filepath.Join(out, "translate.ar."+string(format)))
			if err != nil {
				t.Fatal(err)
			}
			if got := Handoff(src, ar, hist, format); !bytes.Equal(got, want) {
				t.Errorf("handoff differs from goi18n's translate file:\nours:\n%s\ngoi18n:\n%s", got, want)
			}

			// 3. We merge goi18n's translate file: untouched pre-fills are
			// refused, real translations go in with goi18n's hashes.
			returned, err := Load(filepath.Join(out, "translate.ar."+string(format)))
			if err != nil {
				t.Fatal(err)
			}
			rep := MergeWith(src, ar, returned, MergeOptions{})
			if rep.Added != 0 || rep.Updated != 0 || rep.Rejected != 2 || rep.Unchanged != 1 {
				t.Errorf("untouched translate file: %+v", rep)
			}
			p1, _ := returned.Get("para1")
			p1.Other = "اجتمع المديرون السياسيون اليوم في روما لتأكيد التزامنا المشترك."
			returned.Set(p1)
			p2, _ := returned.Get("para2")
			p2.Other = "اتفق المديرون السياسيون على مواصلة الضغط الأقصى على داعش."
			returned.Set(p2)
			pa, _ := returned.Get("partners")
			pa.Zero, pa.Two, pa.Few, pa.Many = "لا شركاء", "شريكان", "{{.Count}} شركاء", "{{.Count}} شريكًا"
			returned.Set(pa)
			if err := os.WriteFile(returned.Path, returned.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
			returned, err = Load(returned.Path)
			if err != nil {
				t.Fatal(err)
			}
			rep = MergeWith(src, ar, returned, MergeOptions{})
			if rep.Added != 1 || rep.Updated != 2 || rep.Rejected != 0 {
				t.Errorf("translated file: %+v", rep)
			}
			if err := ar.Save(); err != nil {
				t.Fatal(err)
			}
			if format == TOML {
				saved, _ := os.ReadFile(ar.Path)
				for _, keep := range []string{"# Arabic — reviewed by hand, keep these comments\n[title]", "# translated from the old English", "[removed]"} {
					if !bytes.Contains(saved, []byte(keep)) {
						t.Errorf("merge lost %q:\n%s", keep, saved)
					}
				}
				if i, j := bytes.Index(saved, []byte("[para1]")), bytes.Index(saved, []byte("[para3]")); i < 0 || j < i {
					t.Errorf("order changed:\n%s", saved)
				}
				t.Logf("merged catalog:\n%s", saved)
			}
			after := Status(src, ar, hist)
			if after.Translated != 5 || after.QAProblems != 0 {
				t.Errorf("after merge: %d translated, problems %q", after.Translated, problemLines(after))
			}

			// 4. goi18n reads the catalog we saved and finds it complete.
			out2 := runMerge(t, dir, "out2", format, "active.en."+string(format), "active.ar."+string(format))
			final, err := Load(filepath.Join(out2, "active.ar."+string(format)))
			if err != nil {
				t.Fatal(err)
			}
			if final.Len() != 5 {
				t.Errorf("goi18n kept %d of 5 messages", final.Len())
			}
			if _, err := os.Stat(filepath.Join(out2, "translate.ar."+string(format))); err == nil {
				t.Error("goi18n still wants translations")
			}
		})
	}
}
