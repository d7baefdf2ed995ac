// Package cli is Communiqué's headless command line: the same engines as the
// desktop app, driven from a terminal or a script.
//
// Exit codes: 0 success, 1 a PDF a command signed does not verify, 2 bad
// usage or bad input; verify has one code per verdict (verify_cmd.go).
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
)

// Version is the application version. It equals FyneApp.toml's for a plain
// `go build`; release builds (scripts/dist.sh) set it from the git tag with
// -ldflags -X, the same value that goes into FyneApp metadata and the
// Windows version resource.
var Version = "0.1.0"

// Build is the build number of Version (FyneApp.toml's Build; for releases,
// 1 + commits since the tag).
var Build = "1"

// Exit codes.
const (
	ExitOK      = 0
	ExitInvalid = 1
	ExitUsage   = 2
)

// Env is what a command may touch of the outside world, so tests can run
// commands in-process.
type Env struct {
	Stdin  io.Reader
	Stdout io.Writer
	Stderr io.Writer
	Getenv func(string) string
	// ReadPassword reads a secret from the terminal with echo off; nil when
	// there is no terminal.
	ReadPassword func(prompt string) ([]byte, error)
	// Context bounds long work (export, signing, timestamp requests); nil
	// is context.Background().
	Context context.Context

	// helped is set when a command printed its help instead of running, so
	// that Main exits 0 whatever the command returned.
	helped bool
}

func (env *Env) context() context.Context {
	if env.Context == nil {
		return context.Background()
	}
	return env.Context
}

type command struct {
	name    string
	usage   string // argument synopsis
	summary string
	run     func(env *Env, args []string) int
}

var commands []command

func init() {
	commands = []command{
		{"init", "DIR [--source en] [--langs fr,ar,…] [--org NAME] [--format toml|json|yaml]", "create a new workspace", runInit},
		{"add-language", "--workspace DIR LANG…", "add target languages (warns at once when no font draws one)", runAddLanguage},
		{"sample", "DIR", "write the bundled sample workspace", runSample},
		{"import", "--workspace DIR [--id ID] [--body TEXT] [--place TEXT] [--date YYYY-MM-DD] [--keep-all] FILE.txt", "turn a plain-text statement into a statement of the workspace", runImport},
		{"status", "--workspace DIR [--json]", "translation progress and problems per language", runStatus},
		{"handoff", "--workspace DIR --lang LANG --out DIR [--format toml|json|yaml] [--force]", "write a file for a translator with what needs work", runHandoff},
		{"merge", "--workspace DIR [--quiet] FILE…", "take translated files back into the workspace", runMerge},
		{"export", "--workspace DIR [--statement ID] [--lang fr,ar|all] --out DIR [--sign FILE.p12 [--role TEXT] [--approval] [--tsa URL]]", "typeset statements as PDF files, optionally signed", runExport},
		{"verify", "FILE.pdf [--json] [--roots CA.pem] [--workspace DIR]", "check the signatures of a PDF", runVerify},
	}
}

// Main runs the command line with args (without the program name) and
// returns the exit code.
func Main(args []string, env *Env) int {
	if env.Getenv == nil {
		env.Getenv = os.Getenv
	}
	if len(args) == 0 {
		usage(env.Stderr)
		return ExitUsage
	}
	switch args[0] {
	case "-h", "-help", "--help", "help":
		if len(args) > 1 {
			c := find(args[1])
			if c == nil {
				fmt.Fprintf(env.Stderr, "communique help: unknown command %q\n\n", args[1])
				usage(env.Stderr)
				return ExitUsage
			}
			// The command's own flag parsing prints its options, so help
			// lists whatever flags it declares.
			return runCommand(env, c, []string{"-h"})
		}
		usage(env.Stdout)
		return ExitOK
	case "-version", "--version", "version":
		fmt.Fprintf(env.Stdout, "communique %s (build %s)\n", Version, Build)
		return ExitOK
	}
	c := find(args[0])
	if c == nil {
		fmt.Fprintf(env.Stderr, "communique: unknown command %q\n\n", args[0])
		usage(env.Stderr)
		return ExitUsage
	}
	return runCommand(env, c, args[1:])
}

// runCommand runs c; a request for its help exits 0 whatever c returns
// after printing it.
func runCommand(env *Env, c *command, args []string) int {
	env.helped = false
	code := c.run(env, args)
	if env.helped {
		return ExitOK
	}
	return code
}

func find(name string) *command {
	for i := range commands {
		if commands[i].name == name {
			return &commands[i]
		}
	}
	return nil
}

func usage(w io.Writer) {
	fmt.Fprintf(w, "Communiqué %s — write, translate, typeset and sign official statements.\n\n", Version)
	fmt.Fprintln(w, "Without arguments communique opens the desktop app. Commands:")
	for _, c := range commands {
		fmt.Fprintf(w, "  %-8s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w, "\nRun 'communique help COMMAND' for a command's options, '--version' for the version.")
	fmt.Fprintln(w, "Exit codes: 0 ok, 1 a PDF is not validly signed, 2 bad usage or input (named with file and line).")
}

// printHelp writes c's synopsis, summary and every option fs declares, so a
// flag added to a command is documented without touching the help.
func printHelp(w io.Writer, c *command, fs *flag.FlagSet) {
	fmt.Fprintf(w, "usage: communique %s %s\n\n%s.\n", c.name, c.usage, capitalize(c.summary))
	fmt.Fprintln(w, "\nOptions:")
	fs.VisitAll(func(f *flag.Flag) {
		arg, text := flag.UnquoteUsage(f)
		fmt.Fprintf(w, "  --%s", f.Name)
		if arg != "" {
			fmt.Fprintf(w, " %s", arg)
		}
		fmt.Fprintf(w, "\n        %s", text)
		if f.DefValue != "" && f.DefValue != "false" {
			fmt.Fprintf(w, " (default %q)", f.DefValue)
		}
		fmt.Fprintln(w)
	})
	fmt.Fprintln(w, "  -h, --help\n        print this help and exit")
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// flags parses a command's flags, which may come before or after its
// positional arguments ("import FILE --workspace DIR" works too).
func flags(env *Env, c string, fs *flag.FlagSet, args []string) ([]string, bool) {
	fs.SetOutput(io.Discard)
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				printHelp(env.Stdout, find(c), fs)
				env.helped = true
				return nil, false
			}
			fmt.Fprintf(env.Stderr, "communique %s: %v\nusage: communique %s %s\n", c, err, c, find(c).usage)
			return nil, false
		}
		args = fs.Args()
		if len(args) == 0 {
			break
		}
		if args[0] == "--" {
			pos = append(pos, args[1:]...)
			break
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
	return pos, true
}

// fail prints an error for command c and returns the exit code for it.
func fail(env *Env, c string, code int, err error) int {
	fmt.Fprintf(env.Stderr, "communique %s: %v\n", c, err)
	return code
}

func usageError(env *Env, c string, msg string) int {
	fmt.Fprintf(env.Stderr, "communique %s: %s\nusage: communique %s %s\n", c, msg, c, find(c).usage)
	return ExitUsage
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
