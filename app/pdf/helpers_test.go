package pdf

import (
	"context"

	"communique/app/typeset"
	"communique/internal/parallel"
)

// ExportAll exports several documents, using every CPU: each export is
// independent and deterministic, so the results are the same as calling
// Export on each in turn, in the same order. It fails with the first error
// in document order.
func ExportAll(docs []Document) ([]*Result, error) {
	results := make([]*Result, len(docs))
	err := parallel.Until(context.Background(), len(docs), func(_ context.Context, i int) error {
		var err error
		results[i], err = Export(docs[i])
		return err
	})
	if err != nil {
		return nil, err
	}
	return results, nil
}

// loadFonts returns every bundled font, for callers that cannot know the
// scripts in advance.
func loadFonts() (*typeset.FontSet, map[*typeset.Font]*face, error) {
	return fontsFor(&Document{}, []string{"\u0627"})
}
