package ui

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"

	"communique/app/ui/widgets"
	"communique/i18n/uitext"
)

// captions lists the labels of the typeset buttons under o.
func captions(o fyne.CanvasObject) []string {
	var out []string
	var walk func(fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch v := o.(type) {
		case *widgets.TapButton:
			out = append(out, v.Caption())
		case *fyne.Container:
			for _, c := range v.Objects {
				walk(c)
			}
		case fyne.Widget:
			for _, c := range test.WidgetRenderer(v).Objects() {
				walk(c)
			}
		}
	}
	walk(o)
	return out
}

// Away from macOS the window draws its own menu bar, mirrored in Arabic;
// Ctrl+O, a shortcut of its File menu, opens our folder chooser in the
// interface language.
func TestMenuBarAndChooserInTheWindow(t *testing.T) {
	for _, lang := range []string{"en", "ar"} {
		c := newTestUIIn(t, fixture(t, 0), lang)
		if c.bar == nil || c.win.MainMenu() != nil {
			t.Fatalf("%s: bar %v, Fyne's menu %v", lang, c.bar != nil, c.win.MainMenu() != nil)
		}
		file, help := c.bar.Buttons()[0], c.bar.Buttons()[1]
		fx := fyne.CurrentApp().Driver().AbsolutePositionForObject(file.Obj).X
		hx := fyne.CurrentApp().Driver().AbsolutePositionForObject(help.Obj).X
		if (fx > hx) != (lang == "ar") {
			t.Errorf("%s: File at x=%.0f, Help at x=%.0f", lang, fx, hx)
		}
		c.win.Canvas().(interface{ TypedShortcut(fyne.Shortcut) }).TypedShortcut(
			&desktop.CustomShortcut{KeyName: fyne.KeyO, Modifier: fyne.KeyModifierShortcutDefault})
		top := c.win.Canvas().Overlays().Top()
		if top == nil {
			t.Fatalf("%s: Ctrl+O opened nothing", lang)
		}
		want := uitext.New(lang).T("FileChooseFolder")
		if got := captions(top); !strings.Contains(strings.Join(got, "|"), want) {
			t.Errorf("%s: Ctrl+O opened a dialog with buttons %q, want %q", lang, got, want)
		}
	}
}

// No Fyne file dialog is left in the window's code: they are English and
// unmirrored (package filechooser replaces them).
func TestNoFyneFileDialogs(t *testing.T) {
	files, _ := filepath.Glob("*.go")
	sub, _ := filepath.Glob("*/*.go")
	re := regexp.MustCompile(`dialog\.(NewFile|NewFolder|ShowFile|ShowFolder)`)
	for _, f := range append(files, sub...) {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if m := re.Find(src); m != nil {
			t.Errorf("%s uses Fyne's %s", f, m)
		}
	}
}
