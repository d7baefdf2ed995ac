package cli

import (
	"fmt"
	"os"

	"golang.org/x/term"
)

// Terminal is the Env of a real process: standard streams, the process
// environment, and password prompts with echo off when stdin is a terminal.
func Terminal() *Env {
	env := &Env{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr, Getenv: os.Getenv}
	if term.IsTerminal(int(os.Stdin.Fd())) {
		env.ReadPassword = func(prompt string) ([]byte, error) {
			fmt.Fprint(os.Stderr, prompt)
			defer fmt.Fprintln(os.Stderr)
			return term.ReadPassword(int(os.Stdin.Fd()))
		}
	}
	return env
}
