//go:build !headless

package main

import (
	"fmt"
	"net"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"communique/app/cli"
	"communique/app/ui"
)

// desktop runs the desktop app until its window closes. Without a display
// it says so in one sentence: Fyne would log a GLFW error and then panic
// with a long stack trace that tells a user nothing.
func desktop() int {
	if why := noDisplay(runtime.GOOS, os.Getenv, dial); why != "" {
		fmt.Fprintf(os.Stderr, "communique: cannot open the window: %s; run a command instead (communique --help) or use the headless build\n", why)
		return 2
	}
	ui.Run(cli.Version)
	return 0
}

// dial reports whether a display server answers at address.
func dial(network, address string) bool {
	c, err := net.DialTimeout(network, address, 2*time.Second)
	if err != nil {
		return false
	}
	c.Close()
	return true
}

// noDisplay says why no window can be opened on goos, or "" when one can
// (or when this program cannot tell: Windows and macOS always have a
// desktop for a program started from one).
func noDisplay(goos string, getenv func(string) string, dial func(network, address string) bool) string {
	switch goos {
	case "windows", "darwin", "android", "ios", "js":
		return ""
	}
	if w := getenv("WAYLAND_DISPLAY"); w != "" {
		// GLFW falls back to X11 (XWayland) when DISPLAY is set too.
		if !filepath.IsAbs(w) {
			w = filepath.Join(getenv("XDG_RUNTIME_DIR"), w)
		}
		if dial("unix", w) || getenv("DISPLAY") != "" {
			return ""
		}
	}
	d := getenv("DISPLAY")
	if d == "" {
		return "no display (DISPLAY is not set)"
	}
	network, address, ok := x11Address(d)
	if ok && !dial(network, address) {
		return fmt.Sprintf("no X server answers on display %s", d)
	}
	return ""
}

// x11Address turns an X display name ([host]:number[.screen]) into the
// socket Xlib connects to. ok is false for forms it does not know (such as
// launchd paths on macOS), which are left for Xlib to judge.
func x11Address(display string) (network, address string, ok bool) {
	host, rest, found := strings.Cut(display, ":")
	if !found || strings.Contains(host, "/") {
		return "", "", false
	}
	num, _, _ := strings.Cut(rest, ".")
	if num == "" || strings.Trim(num, "0123456789") != "" {
		return "", "", false
	}
	if host == "" || host == "unix" {
		return "unix", "/tmp/.X11-unix/X" + num, true
	}
	var n int
	fmt.Sscan(num, &n)
	return "tcp", net.JoinHostPort(host, fmt.Sprint(6000+n)), true
}
