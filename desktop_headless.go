//go:build headless

package main

import (
	"fmt"
	"os"
)

// desktop explains that this build has no desktop app. The headless build
// (make headless) is for servers and CI: no Fyne, no cgo, no X11 or OpenGL
// libraries to install, and a command starts in half the time.
func desktop() int {
	fmt.Fprintln(os.Stderr, "communique: this build has no desktop app (built with -tags headless); run a command, e.g. communique --help")
	return 2
}
