package cli

import (
	"regexp"
	"strings"
	"testing"
)

// Every way of asking a command for help exits 0, prints to standard output
// only, and lists every option the command's synopsis mentions, plus the
// options that used to be documented nowhere.
func TestHelpListsEveryOption(t *testing.T) {
	undocumented := map[string][]string{
		"export":  {"--approval", "--role", "--tsa", "--sign", "--statement"},
		"handoff": {"--format", "--force"},
		"merge":   {"--quiet"},
		"verify":  {"--strict", "--roots", "--json"},
		"import":  {"--keep-all", "--date"},
	}
	option := regexp.MustCompile(`--[a-z][a-z-]*`)
	for _, c := range commands {
		for _, args := range [][]string{{c.name, "-h"}, {c.name, "--help"}, {c.name, "-help"}, {"help", c.name}, {c.name, "x", "--help"}} {
			code, out, stderr := run(t, args...)
			if code != ExitOK || stderr != "" {
				t.Errorf("%v: exit %d, stderr %q", args, code, stderr)
				continue
			}
			if !strings.HasPrefix(out, "usage: communique "+c.name+" ") || !strings.Contains(out, "\nOptions:\n") {
				t.Errorf("%v: no usage and options:\n%s", args, out)
			}
			_, opts, _ := strings.Cut(out, "\nOptions:\n")
			want := append(option.FindAllString(c.usage, -1), undocumented[c.name]...)
			for _, o := range want {
				if !regexp.MustCompile(`(?m)^  ` + regexp.QuoteMeta(o) + `\b`).MatchString(opts) {
					t.Errorf("%v: option %s not listed:\n%s", args, o, opts)
				}
			}
		}
	}
}

func TestHelpOfUnknownCommandIsUsageError(t *testing.T) {
	code, out, stderr := run(t, "help", "exprot")
	if code != ExitUsage || out != "" || !strings.Contains(stderr, `unknown command "exprot"`) {
		t.Errorf("exit %d, stdout %q, stderr %q", code, out, stderr)
	}
}

// A bad flag is still a usage error after a help request in the same process.
func TestBadFlagAfterHelpStillFails(t *testing.T) {
	env := &Env{Stdin: strings.NewReader(""), Stdout: &strings.Builder{}, Stderr: &strings.Builder{},
		Getenv: func(string) string { return "" }}
	if code := Main([]string{"status", "-h"}, env); code != ExitOK {
		t.Fatalf("status -h: exit %d", code)
	}
	if code := Main([]string{"status", "--nope"}, env); code != ExitUsage {
		t.Errorf("status --nope after help: exit %d, want %d", code, ExitUsage)
	}
}
