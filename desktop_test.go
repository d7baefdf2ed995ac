//go:build !headless

package main

import (
	"os"
	"os/exec"
	"strings"
	"testing"
)

// TestMain lets a test run this very binary as the communique program, so
// the no-display path is checked through main as a user meets it.
func TestMain(m *testing.M) {
	if os.Getenv("COMMUNIQUE_TEST_AS_MAIN") == "1" {
		os.Args = os.Args[:1]
		main()
		return
	}
	os.Exit(m.Run())
}

func TestNoDisplay(t *testing.T) {
	up := map[string]bool{"unix /tmp/.X11-unix/X7": true, "tcp 10.0.0.2:6001": true, "unix /run/user/1/wayland-0": true}
	dial := func(network, address string) bool { return up[network+" "+address] }
	tests := []struct {
		goos string
		env  map[string]string
		want string // substring; "" means a window can be tried
	}{
		{"linux", nil, "DISPLAY is not set"},
		{"freebsd", nil, "DISPLAY is not set"},
		{"windows", nil, ""},
		{"darwin", nil, ""},
		{"linux", map[string]string{"DISPLAY": ":7"}, ""},
		{"linux", map[string]string{"DISPLAY": ":7.0"}, ""},
		{"linux", map[string]string{"DISPLAY": "unix:7"}, ""},
		{"linux", map[string]string{"DISPLAY": ":99"}, "no X server answers on display :99"},
		{"linux", map[string]string{"DISPLAY": "10.0.0.2:1"}, ""},
		{"linux", map[string]string{"DISPLAY": "10.0.0.2:2"}, "display 10.0.0.2:2"},
		{"linux", map[string]string{"DISPLAY": "/private/tmp/launchd/org.xquartz:0"}, ""},
		{"linux", map[string]string{"WAYLAND_DISPLAY": "wayland-0", "XDG_RUNTIME_DIR": "/run/user/1"}, ""},
		{"linux", map[string]string{"WAYLAND_DISPLAY": "wayland-1", "XDG_RUNTIME_DIR": "/run/user/1"}, "DISPLAY is not set"},
		{"linux", map[string]string{"WAYLAND_DISPLAY": "wayland-1", "DISPLAY": ":7"}, ""},
	}
	for _, tc := range tests {
		got := noDisplay(tc.goos, func(k string) string { return tc.env[k] }, dial)
		if (tc.want == "") != (got == "") || !strings.Contains(got, tc.want) {
			t.Errorf("%s %v: %q, want %q", tc.goos, tc.env, got, tc.want)
		}
	}
}

// Without a display the program says so in one line and exits 2, instead
// of Fyne's GLFW error and stack trace.
func TestNoDisplayIsOneSentence(t *testing.T) {
	cmd := exec.Command(os.Args[0])
	cmd.Env = append(os.Environ(), "COMMUNIQUE_TEST_AS_MAIN=1", "DISPLAY=", "WAYLAND_DISPLAY=")
	out, err := cmd.CombinedOutput()
	ee, ok := err.(*exec.ExitError)
	if !ok || ee.ExitCode() != 2 {
		t.Fatalf("exit %v, want 2; output:\n%s", err, out)
	}
	if lines := strings.Split(strings.TrimSpace(string(out)), "\n"); len(lines) != 1 || !strings.Contains(lines[0], "cannot open the window: no display") {
		t.Errorf("want one sentence about the display, got:\n%s", out)
	}
}
