package export

import (
	"fmt"
)

// Class is how a language stands for publishing a statement: the one
// classification the command line and the window both show.
type Class int

const (
	// ClassReady: every part translated from the current source text,
	// no QA problem.
	ClassReady Class = iota
	// ClassWarn: published, with warnings (translations to review, QA
	// problems).
	ClassWarn
	// ClassBlocked: not published: parts are missing (a statement never
	// mixes languages), or translations need review under --strict.
	ClassBlocked
)

// Classify returns the language's class; strict makes translations that
// need review block it.
func (r Readiness) Classify(strict bool) Class {
	switch {
	case r.Missing > 0, strict && r.NeedsReview > 0:
		return ClassBlocked
	case r.NeedsReview > 0 || r.QAProblems > 0:
		return ClassWarn
	}
	return ClassReady
}

// Warnings words what is wrong with the language, one phrase per concern,
// in the order to show them: missing parts, translations to review (each
// reason said as what it is), QA problems.
func (r Readiness) Warnings() []string {
	var out []string
	if r.Missing > 0 {
		out = append(out, count(r.Missing, "part", "parts")+" not translated")
	}
	if r.NeedsReview > 0 {
		out = append(out, ReviewReasons(r.Stale, r.IncompletePlurals))
	}
	if r.QAProblems > 0 {
		out = append(out, count(r.QAProblems, "QA problem", "QA problems")+" (see communique status)")
	}
	return out
}

// ReviewReasons says why translations need review: made from an older
// source text, or lacking a plural form the language needs.
func ReviewReasons(stale, incompletePlurals int) string {
	older := count(stale, "translation was", "translations were") + " made from an older source text"
	lacking := count(incompletePlurals, "translation lacks", "translations lack") + " a plural form the language needs"
	switch {
	case incompletePlurals == 0:
		return older
	case stale == 0:
		return lacking
	}
	return older + " and " + count(incompletePlurals, "lacks", "lack") + " a plural form the language needs"
}

// count is n with the English noun phrase for one or for more.
func count(n int, one, more string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, more)
}
