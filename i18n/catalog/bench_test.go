package catalog

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"communique/i18n/catfile/tomlfile"
	"communique/i18n/catfile/tree"
	"communique/internal/parallel"

	"golang.org/x/text/language"
)

// benchdata makes TestBenchGenerate write the benchmark files to a directory
// and TestBenchLoadStatus time one load+status run over them (used by
// bench/compare.sh to compare with goi18n merge on the same files).
var (
	benchdata   = flag.String("benchdata", "", "directory for the 30×5000 benchmark catalogs")
	benchserial = flag.Bool("benchserial", false, "TestBenchLoadStatus: one goroutine instead of LoadAll and the worker pool")
)

var benchLangs = []string{"fr", "de", "es", "it", "pt", "ru", "uk", "pl", "cs", "tr", "ar", "fa", "he", "hi", "bn",
	"zh", "ja", "ko", "vi", "th", "id", "ms", "nl", "sv", "da", "fi", "nb", "el", "hu", "ro"}

// genBenchData writes active.en.toml with n messages and one active.<lang>.toml
// per language, as goi18n lays them out: every 5th message has a
// description, every 10th plural forms; in each language 10% of the
// translations are stale (old hash) and 5% missing.
func genBenchData(dir string, langs []string, n int) error {
	var src strings.Builder
	var tables strings.Builder
	msgs := make([]Message, n)
	for i := range msgs {
		m := Message{ID: fmt.Sprintf("statement.para_%05d", i)}
		m.Other = fmt.Sprintf("Paragraph %d of the statement by the Political Directors, {{.Name}} agreed on %d points.", i, i%17)
		if i%5 == 0 {
			m.Description = fmt.Sprintf("Paragraph %d, keep it formal", i)
		}
		if i%10 == 0 {
			m.One = "{{.Count}} partner agreed"
			m.Other = fmt.Sprintf("{{.Count}} partners agreed (%d)", i)
		}
		msgs[i] = m
		if tree.OnlyOther(&m) {
			fmt.Fprintf(&src, "%s = %s\n", tomlfile.QuoteKey(m.ID), tomlfile.Quote(m.Other))
			continue
		}
		fmt.Fprintf(&tables, "\n[%s]\n", tomlfile.QuoteKey(m.ID))
		for _, f := range tree.FieldsOf(&m) {
			fmt.Fprintf(&tables, "%s = %s\n", f.Name, tomlfile.Quote(f.Value))
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "active.en.toml"), []byte(src.String()+tables.String()), 0o644); err != nil {
		return err
	}
	for li, lang := range langs {
		forms, _ := PluralForms(language.MustParse(lang))
		var b strings.Builder
		for i, m := range msgs {
			if (i+li)%20 == 0 {
				continue // missing
			}
			hash := Hash(m.Description, m.Other)
			if (i+li)%10 == 1 {
				hash = Hash("", "an older text")
			}
			if b.Len() > 0 {
				b.WriteByte('\n')
			}
			fmt.Fprintf(&b, "[%s]\n", tomlfile.QuoteKey(m.ID))
			if m.Description != "" {
				fmt.Fprintf(&b, "description = %s\n", tomlfile.Quote(m.Description))
			}
			fmt.Fprintf(&b, "hash = %q\n", hash)
			if hasPlurals(m) {
				for _, f := range forms {
					text := fmt.Sprintf("[%s %s] {{.Count}} partenaires", lang, f)
					if f == "other" {
						text += fmt.Sprintf(" (%d)", i)
					}
					fmt.Fprintf(&b, "%s = %s\n", f, tomlfile.Quote(text))
				}
				continue
			}
			fmt.Fprintf(&b, "other = %s\n", tomlfile.Quote(fmt.Sprintf("[%s] Paragraphe %d de la déclaration, {{.Name}} a convenu de %d points.", lang, i, i%17)))
		}
		if err := os.WriteFile(filepath.Join(dir, "active."+lang+".toml"), []byte(b.String()), 0o644); err != nil {
			return err
		}
	}
	return nil
}

// loadStatusAll loads the source and every target, then computes each
// language's status: with LoadAll and the worker pool (on all cores), or one
// after the other. Like the status command, it keeps each report's summary
// and lets the per-message entries go once counted.
func loadStatusAll(dir string, langs []string, serial bool) ([]Report, error) {
	paths := []string{filepath.Join(dir, "active.en.toml")}
	for _, l := range langs {
		paths = append(paths, filepath.Join(dir, "active."+l+".toml"))
	}
	var cats []*Catalog
	if serial {
		for _, p := range paths {
			c, err := Load(p)
			if err != nil {
				return nil, err
			}
			cats = append(cats, c)
		}
	} else {
		var errs []error
		cats, errs = LoadAll(paths)
		for _, err := range errs {
			if err != nil {
				return nil, err
			}
		}
	}
	src, targets := cats[0], cats[1:]
	reports := make([]Report, len(targets))
	one := func(i int) {
		reports[i] = Status(src, targets[i], nil)
		reports[i].Entries = nil // counted; 150,000 entries at once would be ~65 MB
	}
	if serial {
		for i := range targets {
			one(i)
		}
	} else {
		sourceCache(src) // as StatusEach does
		parallel.Each(len(targets), one)
	}
	return reports, nil
}

// BenchmarkLoadStatus30x5000 loads 30 languages × 5,000 messages plus the
// source and computes every status, using all cores (LoadAll, parallel.Each).
// bench/compare.sh runs the same work against goi18n merge.
func BenchmarkLoadStatus30x5000(b *testing.B) { benchLoadStatus(b, false) }

// BenchmarkLoadStatus30x5000Serial is the same work on one goroutine.
func BenchmarkLoadStatus30x5000Serial(b *testing.B) { benchLoadStatus(b, true) }

func benchLoadStatus(b *testing.B, serial bool) {
	dir := b.TempDir()
	if err := genBenchData(dir, benchLangs, 5000); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		reports, err := loadStatusAll(dir, benchLangs, serial)
		if err != nil {
			b.Fatal(err)
		}
		if len(reports) != 30 || reports[0].Total != 5000 {
			b.Fatalf("%d reports", len(reports))
		}
	}
}

func TestBenchGenerate(t *testing.T) {
	if *benchdata == "" {
		t.Skip("set -benchdata DIR")
	}
	if err := os.MkdirAll(*benchdata, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := genBenchData(*benchdata, benchLangs, 5000); err != nil {
		t.Fatal(err)
	}
}

func TestBenchLoadStatus(t *testing.T) {
	if *benchdata == "" {
		t.Skip("set -benchdata DIR")
	}
	start := time.Now()
	reports, err := loadStatusAll(*benchdata, benchLangs, *benchserial)
	if err != nil {
		t.Fatal(err)
	}
	elapsed := time.Since(start)
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	review := 0
	for _, r := range reports {
		review += r.NeedsReview
	}
	fmt.Printf("load+status: %d languages, %d needs_review, %.3f s, heap in use %.1f MiB, total allocated %.1f MiB\n",
		len(reports), review, elapsed.Seconds(), float64(ms.HeapInuse)/(1<<20), float64(ms.TotalAlloc)/(1<<20))
}

func TestGenBenchDataIsValid(t *testing.T) {
	dir := t.TempDir()
	if err := genBenchData(dir, []string{"fr", "ru"}, 100); err != nil {
		t.Fatal(err)
	}
	reports, err := loadStatusAll(dir, []string{"fr", "ru"}, false)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range reports {
		if r.Total != 100 || r.Missing != 5 || r.NeedsReview != 10 || r.Translated != 85 || r.QAProblems != 0 {
			t.Errorf("%s: %+v problems %q", r.Lang, r.Total, problemLines(r))
		}
	}
}
