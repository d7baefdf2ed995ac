package main

import (
	"os/exec"
	"strconv"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"

	"communique/app/cli"
)

// A plain `go build` must report the version FyneApp.toml gives the window
// (release builds set both from the git tag: scripts/version.sh checks the
// tag against FyneApp.toml).
func TestVersionMatchesFyneApp(t *testing.T) {
	var app struct {
		Details struct {
			Version string
			Build   int
		}
	}
	if _, err := toml.DecodeFile("FyneApp.toml", &app); err != nil {
		t.Fatal(err)
	}
	if app.Details.Version != cli.Version {
		t.Errorf("FyneApp.toml Version %q, cli.Version %q", app.Details.Version, cli.Version)
	}
	if strconv.Itoa(app.Details.Build) != cli.Build {
		t.Errorf("FyneApp.toml Build %d, cli.Build %q", app.Details.Build, cli.Build)
	}
	out, err := exec.Command("scripts/version.sh").Output()
	if err != nil {
		t.Fatalf("scripts/version.sh: %v", err)
	}
	if f := strings.Fields(string(out)); len(f) != 2 || f[0] != app.Details.Version {
		t.Errorf("scripts/version.sh says %q; FyneApp.toml %q", out, app.Details.Version)
	}
}
