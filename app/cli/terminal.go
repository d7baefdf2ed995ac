package cli

import (
	"fmt"
	"os"

	"golang.org/x/term"
)

// Terminal is the Env of a real process: standard streams, the process
// environment, and password prompts with echo off when stdin is a terminal.
//
// A library that prints diagnostics to os.Stdout (digitorus/pdf does, for
// streams it cannot decode) must not mix them into a command's output,
// which a script may parse (verify --json): the commands keep the real
// standard output, and os.Stdout is pointed at standard error.
func Terminal() *Env {
	env := &Env{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr, Getenv: os.Getenv}
	os.Stdout = os.Stderr
	if term.IsTerminal(int(os.Stdin.Fd())) {
		env.ReadPassword = func(prompt string) ([]byte, error) {
			fmt.Fprint(os.Stderr, prompt)
			defer fmt.Fprintln(os.Stderr)
			return term.ReadPassword(int(os.Stdin.Fd()))
		}
	}
	return env
}
