// Package ui is Communiqué's desktop window, built with Fyne. It and its
// sub-packages are the only ones that import fyne; everything it shows
// comes from the headless engines (workspace, catalogs, typesetting,
// signing, export, recovery).
//
// One file per screen: sidebar.go (statements and languages), workbench.go
// (translations), verify.go, workspaces.go (open, create, welcome) and
// statements.go (new, import); the larger screens are sub-packages that
// never import this one: editor (the statement in its source language),
// preview (the typeset page), exportdlg, settingsdlg, recoverydlg (edits
// kept after a crash), and mempane (memory and glossary beside the
// workbench). controller.go owns the state and
// tells the screens what changed; the screens never talk to each other.
// Text is drawn by the typesetting engine (textbox, widgets), and so are
// the dialogs and the tab row, which Fyne would draw left to right.
package ui

import (
	"fmt"
	"os"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"

	"communique/app/workspace"
	"communique/assets"
)

// demoReady is printed on stderr once the COMMUNIQUE_DEMO screen is open,
// so that scripts driving the window wait for it rather than sleep.
const demoReady = "communique: demo ready"

// AppID is the application's unique ID, as in FyneApp.toml.
const AppID = "org.communique.app"

// Run opens the main window and blocks until it is closed.
//
// Environment variables for scripts and screenshots:
// COMMUNIQUE_WORKSPACE opens that workspace; COMMUNIQUE_DEMO opens a screen
// (editor[:delete=N,add], workbench:LANG[:FILTER][:edit], preview:LANG,
// export[:form], settings, verify:FILE);
// COMMUNIQUE_FIRST_FRAME=1 prints when the first frame was painted. The
// demo prints demoReady once its screen is open.
//
// version is the program's version (cli.Version): manifests of exports
// made in the window name it, as the command line's do.
func Run(version string) {
	a := app.NewWithID(AppID)
	a.SetIcon(fyne.NewStaticResource("icon.png", assets.Icon))
	w := a.NewWindow("Communiqué")
	w.Resize(fyne.NewSize(1280, 800))
	w.SetMaster()
	c := newController(a, w)
	c.generator = "Communiqué " + version
	c.firstFrame = os.Getenv("COMMUNIQUE_FIRST_FRAME") != ""
	c.journalTicks = true
	c.start()
	if mode := os.Getenv("COMMUNIQUE_DEMO"); mode != "" {
		a.Lifecycle().SetOnStarted(func() {
			c.demo(mode)
			fmt.Fprintln(os.Stderr, demoReady)
		})
	}
	w.ShowAndRun()
}

// start opens the workspace the window begins with.
func (c *controller) start() {
	dir := c.startWorkspace()
	if dir == "" {
		c.build()
		return
	}
	ws, err := workspace.Open(dir)
	if err != nil {
		c.build()
		c.showError(fmt.Errorf("%s: %w", dir, err))
		return
	}
	c.setWorkspace(ws)
}
