package pdf

import (
	"bytes"
	"fmt"
	"os"
	"runtime/metrics"
	"strconv"
	"sync/atomic"
	"testing"
	"time"
)

// longDoc is the seed statement's paragraphs repeated to fill about pages
// pages, with a signature block on the last.
func longDoc(t testing.TB, lang string, pages int) Document {
	title, paras := seedParts(t)
	doc := Document{Lang: lang, Organisation: "Global Coalition", Title: title, Date: testDate,
		Signature: &SignatureBlock{Signer: "A. Signer", Role: "Director"}}
	if lang != "en" {
		doc = statement(t, lang, readScriptLines(t))
		doc.Signature = &SignatureBlock{Signer: "A. Signer", Role: "Director"}
		paras = doc.Paragraphs
		doc.Paragraphs = nil
	}
	for i := 0; len(doc.Paragraphs) < pages*10; i++ {
		p := paras[i%len(paras)]
		doc.Paragraphs = append(doc.Paragraphs, Part{ID: fmt.Sprint(p.ID, ".", i), Text: p.Text})
	}
	return doc
}

// TestStreamedExport: Export, which hands pages to the writer's program as
// they fill, writes the same bytes as drawing the whole composition once
// it is complete (footers and the signature block on the last page
// included).
func TestStreamedExport(t *testing.T) {
	for _, lang := range []string{"en", "ar"} {
		doc := longDoc(t, lang, 6)
		res, err := Export(doc)
		if err != nil {
			t.Fatal(err)
		}
		if res.Pages < 5 {
			t.Fatalf("%s: %d pages; the test needs several", lang, res.Pages)
		}
		d := sanitize(doc)
		c, err := compose(&d, nil)
		if err != nil {
			t.Fatal(err)
		}
		pr := newProgram()
		for _, pg := range c.pages {
			if err := pr.sink(c, pg); err != nil {
				t.Fatal(err)
			}
		}
		whole, err := write(&d, c, pr)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(whole, res.PDF) {
			t.Errorf("%s: streamed export differs from the whole composition's", lang)
		}
	}
}

// BenchmarkExportLong exports one English statement of PAGES pages
// (default 300) and reports the peak of live heap objects per page, sampled
// every millisecond (issue 15: ≤ 100 KB a page at 5,000 pages; the whole
// process's peak RSS is scripts/export-memory.sh's).
func BenchmarkExportLong(b *testing.B) {
	pages := 300
	if v, err := strconv.Atoi(os.Getenv("PAGES")); err == nil && v > 0 {
		pages = v
	}
	doc := longDoc(b, "en", pages)
	var peak atomic.Uint64
	done := make(chan struct{})
	go func() {
		s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
		for {
			select {
			case <-done:
				return
			case <-time.After(time.Millisecond):
			}
			metrics.Read(s)
			if v := s[0].Value.Uint64(); v > peak.Load() {
				peak.Store(v)
			}
		}
	}()
	got := 0
	for b.Loop() {
		res, err := Export(doc)
		if err != nil {
			b.Fatal(err)
		}
		got = res.Pages
	}
	close(done)
	b.ReportMetric(float64(got), "pages")
	b.ReportMetric(float64(peak.Load())/1024/float64(got), "peak-heap-KB/page")
}
