//go:build !headless

package main

import "communique/app/ui"

// desktop runs the desktop app until its window closes.
func desktop() int {
	ui.Run()
	return 0
}
