package cli

import (
	"errors"
	"fmt"
	"time"

	"communique/app/export"
)

// progressLines reports each file on stderr as it is made or skipped, so
// that a long batch shows it is moving while stdout keeps only the list of
// what was written. One line per file: steps within a file are quick.
// Lines start once the export has run for quiet (zero: at once), so that
// the export of a statement or two, a script's usual call, says nothing.
func progressLines(env *Env, quiet time.Duration) func(export.Progress) {
	start := time.Now()
	return func(p export.Progress) {
		if time.Since(start) < quiet {
			return
		}
		switch p.Step {
		case "made":
			fmt.Fprintf(env.Stderr, "communique export: [%d/%d] %s.%s.pdf: %d pages\n", p.Done, p.Total, p.Statement, p.Lang, p.Pages)
		case "skipped":
			fmt.Fprintf(env.Stderr, "communique export: [%d/%d] %s.%s.pdf: failed\n", p.Done, p.Total, p.Statement, p.Lang)
		}
	}
}

// reportSkipped names on stderr every file a batch left out, with each
// reason on its own line.
func reportSkipped(env *Env, m *export.Manifest) {
	for _, s := range m.Skipped {
		fmt.Fprintf(env.Stderr, "communique export: not exported: %s %s:\n", s.Statement, s.Lang)
		for _, r := range s.Reasons {
			fmt.Fprintf(env.Stderr, "  %s\n", r)
		}
	}
}

// failAll is fail for an error that may join several: each on its own line.
func failAll(env *Env, c string, code int, err error) int {
	var joined interface{ Unwrap() []error }
	if !errors.As(err, &joined) {
		return fail(env, c, code, err)
	}
	for _, e := range joined.Unwrap() {
		fmt.Fprintf(env.Stderr, "communique %s: %v\n", c, e)
	}
	return code
}
