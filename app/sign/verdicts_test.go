package sign

import (
	"slices"
	"testing"
)

// Verdicts hands out a copy: a caller that changes it changes nothing for
// the next one, nor the ranking the verifier uses.
func TestVerdictsIsACopy(t *testing.T) {
	v := Verdicts()
	want := slices.Clone(v)
	v[0], v[len(v)-1] = v[len(v)-1], v[0]
	if got := Verdicts(); !slices.Equal(got, want) {
		t.Fatalf("after a caller changed its copy, Verdicts() = %v, want %v", got, want)
	}
	if want[0] != VerdictValid || want[len(want)-1] != VerdictMalformed {
		t.Errorf("Verdicts() = %v, want valid first and malformed last", want)
	}
}
