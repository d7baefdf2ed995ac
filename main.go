// Communiqué writes, translates, typesets and signs official statements.
// Without arguments it opens the desktop app; with a command it runs headless.
package main

import (
	"os"

	"communique/app/cli"
	_ "communique/app/localeenv" // before Fyne reads the locale
)

func main() {
	if len(os.Args) > 1 {
		os.Exit(cli.Main(os.Args[1:], cli.Terminal()))
	}
	os.Exit(desktop())
}
