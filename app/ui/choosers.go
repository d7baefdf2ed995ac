package ui

import (
	"os"

	"communique/app/ui/filechooser"
)

// The window's file and folder choosers are our own (package
// filechooser): Fyne's are English and unmirrored in every interface
// language.

// chooseFolder asks for a folder, starting in dir, and passes it on;
// cancelling does nothing.
func (c *controller) chooseFolder(dir string, chosen func(path string)) {
	filechooser.Show(c.kit, filechooser.Options{Mode: filechooser.ChooseFolder, Dir: dir, Places: c.places(), OnChosen: chosen})
}

// pickFile asks for a file with one of the extensions, starting in dir,
// and passes the chosen path on; cancelling does nothing.
func (c *controller) pickFile(exts []string, dir string, chosen func(path string)) {
	filechooser.Show(c.kit, filechooser.Options{Mode: filechooser.OpenFile, Dir: dir, Exts: exts, Places: c.places(), OnChosen: chosen})
}

// places are home, the open workspace's folder and the recent
// workspaces, each offered once.
func (c *controller) places() []filechooser.Place {
	var fixed []filechooser.Place
	if home, err := os.UserHomeDir(); err == nil {
		fixed = append(fixed, filechooser.Place{Name: c.tx.T("FileHome"), Path: home})
	}
	if c.ws != nil {
		fixed = append(fixed, filechooser.Place{Name: c.tx.T("FileWorkspace"), Path: c.ws.Dir})
	}
	return filechooser.Places(fixed, c.prefs.recent())
}
