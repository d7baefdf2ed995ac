package pdfread_test

import (
	"errors"
	"testing"

	"communique/app/pdfread"
	"communique/app/pdfread/hostile"
)

// TestHostileFiles: every hostile file ends in an *Error naming a byte
// offset, or (for the few that are well formed) opens; none panics,
// hangs or exhausts memory. Their time and memory are measured by
// BenchmarkHostile.
func TestHostileFiles(t *testing.T) {
	for _, c := range hostile.Cases() {
		t.Run(c.Name, func(t *testing.T) {
			if len(c.Data) > 1<<20+1<<18 {
				t.Fatalf("%d bytes: the hostile corpus is about files of at most 1 MB", len(c.Data))
			}
			_, err := pdfread.Open(c.Data, pdfread.LimitsFor(len(c.Data)))
			var perr *pdfread.Error
			if err != nil && !errors.As(err, &perr) {
				t.Fatalf("error of type %T: %v", err, err)
			}
			t.Logf("%d bytes: %v", len(c.Data), err)
		})
	}
}

func BenchmarkHostile(b *testing.B) {
	for _, c := range hostile.Cases() {
		b.Run(c.Name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				pdfread.Open(c.Data, pdfread.LimitsFor(len(c.Data)))
			}
		})
	}
}
