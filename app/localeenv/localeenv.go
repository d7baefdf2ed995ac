// Package localeenv makes the process locale readable by Fyne before Fyne
// reads it. Import it for its side effect from package main.
//
// Fyne parses the first of LC_ALL, LC_MESSAGES, LANG when its lang package
// initialises, and logs an error for the "C.UTF-8" locale that Debian, Docker
// images and CI machines default to, because "C" is not a language tag.
// "C.UTF-8" and "C" mean the same thing for messages (no language: English),
// so the variable is rewritten to plain "C", which Fyne accepts quietly.
// This package has no imports beyond the standard library, so Go's package
// initialisation order (by import path, dependencies first) runs it before
// any fyne.io package.
package localeenv

import (
	"os"
	"strings"
)

func init() { Normalize() }

// Normalize rewrites a C or POSIX locale with a character set ("C.UTF-8",
// "POSIX.utf8") to plain "C" in the variable that decides the message
// language. It reports whether it changed anything.
func Normalize() bool {
	for _, k := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		v := os.Getenv(k)
		if v == "" {
			continue
		}
		base, _, _ := strings.Cut(v, ".")
		if (base == "C" || base == "POSIX") && v != base {
			os.Setenv(k, "C")
			return true
		}
		return false
	}
	return false
}
