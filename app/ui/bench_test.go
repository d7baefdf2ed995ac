package ui

import (
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"communique/app/workspace"
)

// BenchmarkOpenWorkspace: from an opened workspace to every screen built
// (the part of a cold start that is Communiqué's own work).
func BenchmarkOpenWorkspace(b *testing.B) {
	dir := fixture(b, 0).Dir
	a := test.NewApp()
	defer a.Quit()
	a.Settings().SetTheme(theme.DefaultTheme())
	w := a.NewWindow("bench")
	w.Resize(fyne.NewSize(1280, 800))
	for b.Loop() {
		ws, err := workspace.Open(dir)
		if err != nil {
			b.Fatal(err)
		}
		c := newController(a, w)
		c.now = func() time.Time { return testDate }
		c.setWorkspace(ws)
	}
}
