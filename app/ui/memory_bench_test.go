package ui

import (
	"fmt"
	"math/rand"
	"strings"
	"testing"

	"communique/i18n/memory"
)

// bigImported is an imported memory of n English→Arabic segments made of
// the seed statement's words, each made distinct by numbers, as a
// ministry's years of TMX would be.
func bigImported(n int, text string) *memory.Memory {
	words := strings.Fields(text)
	r := rand.New(rand.NewSource(1))
	m := memory.New()
	for i := range n {
		w := make([]string, 12+r.Intn(20))
		for j := range w {
			w[j] = words[r.Intn(len(words))]
			if r.Intn(5) == 0 {
				w[j] += fmt.Sprint(r.Intn(1000))
			}
		}
		m.Add(memory.Segment{SourceLang: "en", TargetLang: "ar", Source: strings.Join(w, " ") + ".",
			Target: fmt.Sprintf("ترجمة رقم %d", i), Origin: fmt.Sprintf("big.tmx:%d", i)})
	}
	return m
}

// BenchmarkMemoryPane is the target for the pane: the update when
// a translation gets the focus (lookups in the catalogs' memory and in
// 100,000 imported segments, the glossary, the widgets) must fit in a
// frame (16 ms). "after-edit" also adds a translation just typed to the
// catalogs' memory, as the first focus after typing one does.
func BenchmarkMemoryPane(b *testing.B) {
	ws, st := memoryFixture(b)
	c := newTestUIIn(b, ws, "ar")
	focusPart(b, c, st, "ar", st.Paragraphs[0])
	p := c.bench.pane
	var all strings.Builder
	for _, id := range seedOf(b, ws).Paragraphs {
		all.WriteString(ws.Text("en", id) + " ")
	}
	p.UseImported(bigImported(100_000, all.String()))
	for _, edited := range []bool{false, true} {
		name := map[bool]string{false: "focus", true: "after-edit"}[edited]
		b.Run(name, func(b *testing.B) {
			for range b.N {
				if edited {
					p.TranslationEdited(st.Paragraphs[1])
				}
				p.Refresh()
			}
			if len(p.Shown().Matches) == 0 || len(p.Shown().Terms) == 0 {
				b.Fatalf("pane shows %d matches and %d terms", len(p.Shown().Matches), len(p.Shown().Terms))
			}
			b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N)/1000, "ms/update")
		})
	}
}
