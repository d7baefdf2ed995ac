package main

import (
	"os/exec"
	"slices"
	"strings"
	"testing"
)

// TestOnlyUIImportsFyne keeps the design's split: domain packages are
// testable without a display, so none of them may reach Fyne.
func TestOnlyUIImportsFyne(t *testing.T) {
	out, err := exec.Command("go", "list", "-f", `{{.ImportPath}}{{range .Deps}} {{.}}{{end}}`, "./...").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	checked := 0
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		fields := strings.Fields(line)
		pkg, deps := fields[0], fields[1:]
		if pkg == "communique" || pkg == "communique/app/ui" || strings.HasPrefix(pkg, "communique/app/ui/") {
			continue
		}
		checked++
		for _, d := range deps {
			if strings.HasPrefix(d, "fyne.io/") {
				t.Errorf("%s depends on %s: only app/ui may use Fyne", pkg, d)
				break
			}
		}
	}
	if checked < 8 {
		t.Fatalf("only %d domain packages found; is go list seeing the module?", checked)
	}
}

// TestHeadlessBuildLeavesOutFyne: the headless build (make headless) is for
// machines without a display or its libraries, so nothing in it may reach
// Fyne. (make vet compiles it with cgo off.)
func TestHeadlessBuildLeavesOutFyne(t *testing.T) {
	out, err := exec.Command("go", "list", "-tags", "headless", "-deps", ".").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	pkgs := strings.Split(strings.TrimSpace(string(out)), "\n")
	for _, p := range pkgs {
		if strings.HasPrefix(p, "fyne.io/") || strings.HasPrefix(p, "github.com/go-gl/") {
			t.Errorf("the headless build includes %s", p)
		}
	}
	if !slices.Contains(pkgs, "communique/app/cli") {
		t.Fatalf("the headless build lacks the command line: %v", pkgs)
	}
}
