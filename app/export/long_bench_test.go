package export

import (
	"fmt"
	"os"
	"strconv"
	"testing"
	"time"

	"communique/app/pdf"
)

// BenchmarkLongStatement exports one English document of many pages
// (PAGES, default 200; about ten seed paragraphs a page) and reports its
// memory per page: issue 15's target is ≤ 100 KB a page at 5,000 pages.
// Run with -memprofile to see where it goes; scripts/export-memory.sh
// measures the whole process's peak RSS.
func BenchmarkLongStatement(b *testing.B) {
	pages := 200
	if v, err := strconv.Atoi(os.Getenv("PAGES")); err == nil && v > 0 {
		pages = v
	}
	w := sample(b)
	st := w.Statements[0]
	base, _, err := Preview(w, st, "en")
	if err != nil {
		b.Fatal(err)
	}
	doc := base
	doc.Paragraphs = nil
	for i := 0; len(doc.Paragraphs) < pages*10; i++ {
		p := base.Paragraphs[i%len(base.Paragraphs)]
		doc.Paragraphs = append(doc.Paragraphs, pdf.Part{ID: fmt.Sprintf("%s.%d", p.ID, i), Text: p.Text})
	}
	doc.Date = time.Date(2020, 4, 15, 0, 0, 0, 0, time.UTC)
	b.ReportAllocs()
	var got int
	for b.Loop() {
		res, err := pdf.Export(doc)
		if err != nil {
			b.Fatal(err)
		}
		got = res.Pages
	}
	b.ReportMetric(float64(got), "pages")
}
