// Package localeenv makes the process locale readable by Fyne before Fyne
// reads it. Import it for its side effect from package main.
//
// Fyne parses the first of LC_ALL, LC_MESSAGES, LANG when its lang package
// initialises, and logs an error for the "C.UTF-8" locale that Debian, Docker
// images and CI machines default to, because "C" is not a language tag. For
// messages "C.UTF-8" means the same as "C" (no language: English), so only
// the message category is set to plain "C", which Fyne accepts quietly. The
// character type (LC_CTYPE) is left as it was: GLFW's X11 input method needs
// a UTF-8 LC_CTYPE for dead keys and compose sequences.
//
// This package imports only the standard library, so Go's package
// initialisation order (by import path, dependencies first) runs it before
// any fyne.io package.
package localeenv

import (
	"os"
	"strings"
)

func init() { Normalize() }

// Normalize sets LC_MESSAGES=C when the variable that decides the message
// language is a C or POSIX locale with a character set ("C.UTF-8",
// "POSIX.utf8"). It reports whether it changed anything.
func Normalize() bool {
	for _, k := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		v := os.Getenv(k)
		if v == "" {
			continue
		}
		base, _, _ := strings.Cut(v, ".")
		if (base != "C" && base != "POSIX") || v == base {
			return false
		}
		if k == "LC_ALL" {
			// LC_ALL overrides LC_MESSAGES: hand its value to LANG, which
			// every other category falls back to, and drop it.
			os.Unsetenv("LC_ALL")
			os.Setenv("LANG", v)
		}
		os.Setenv("LC_MESSAGES", "C")
		return true
	}
	return false
}
