package pdfread_test

import (
	"errors"
	"testing"

	"communique/app/pdfread"
	"communique/app/pdfread/hostile"
)

// FuzzOpen: any input ends in a file or an *Error, within the limits.
func FuzzOpen(f *testing.F) {
	f.Add(hostile.PDF([]string{"<</Type /Catalog /Pages 2 0 R>>", "<</Type /Pages /Kids [3 0 R] /Count 1>>",
		"<</Type /Page /Parent 2 0 R /Contents 4 0 R>>", "<</Length 5>>\nstream\nq 1 w\nendstream"}, " /Info 1 0 R"))
	f.Add(hostile.Hybrid(hybridDoc, map[int]bool{2: true, 5: true}, ""))
	for _, c := range hostile.Cases() {
		if len(c.Data) < 4096 {
			f.Add(c.Data)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		file, err := pdfread.Open(data, pdfread.LimitsFor(len(data)))
		var perr *pdfread.Error
		if err != nil && !errors.As(err, &perr) {
			t.Fatalf("error of type %T: %v", err, err)
		}
		if err == nil && len(file.Revisions) == 0 {
			t.Fatal("a file without revisions")
		}
	})
}
