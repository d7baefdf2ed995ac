// Package judge finds the outside tools that tests use as judges of our
// output (poppler, qpdf, openssl, node readers, goi18n…).
//
// A test that needs a judge fails when the judge is missing: a passing run
// must mean the judge was consulted. Machines that cannot install the tools
// may set COMMUNIQUE_ALLOW_MISSING_JUDGES=1 to turn those failures into
// skips; the variable is documented in the README and is never set by
// `make test` or CI.
package judge

import (
	"os"
	"os/exec"
	"testing"
)

// AllowMissing is the environment variable that lets tests skip when a judge
// tool is not installed.
const AllowMissing = "COMMUNIQUE_ALLOW_MISSING_JUDGES"

// Tool returns the path of command name, or ends the test: failed, or
// skipped when AllowMissing is set to 1.
func Tool(tb testing.TB, name string) string {
	tb.Helper()
	path, err := exec.LookPath(name)
	if err != nil {
		Missing(tb, name, err)
	}
	return path
}

// Missing ends the test for a judge that cannot be used, explaining why.
func Missing(tb testing.TB, what string, why error) {
	tb.Helper()
	if os.Getenv(AllowMissing) == "1" {
		tb.Skipf("judge %s unavailable (%v); skipped because %s=1", what, why, AllowMissing)
	}
	tb.Fatalf("judge %s unavailable: %v (scripts/deps.sh installs it; set %s=1 to skip on machines that cannot)", what, why, AllowMissing)
}
