package menubar

import (
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"

	"communique/app/ui/widgets"
	"communique/i18n/uitext"
)

func testKit(t *testing.T, lang string) *widgets.Kit {
	t.Helper()
	a := test.NewApp()
	t.Cleanup(a.Quit)
	w := a.NewWindow("menu")
	w.Resize(fyne.NewSize(800, 500))
	return &widgets.Kit{
		Text: func() *uitext.Text { return uitext.New(lang) },
		Win:  func() fyne.Window { return w },
		Now:  time.Now,
	}
}

// fixture is a File menu (open, a disabled item, a separator, a recent
// submenu, quit) and a Help menu; ran records what was chosen.
func fixture(k *widgets.Kit, ran *[]string) *Bar {
	do := func(s string) func() { return func() { *ran = append(*ran, s) } }
	open := fyne.NewMenuItem("Ouvrir", do("open"))
	open.Shortcut = &desktop.CustomShortcut{KeyName: fyne.KeyO, Modifier: fyne.KeyModifierShortcutDefault}
	off := fyne.NewMenuItem("Exporter", do("export"))
	off.Disabled = true
	recent := fyne.NewMenuItem("Récents", nil)
	recent.ChildMenu = fyne.NewMenu("", fyne.NewMenuItem("/tmp/ws", do("recent")))
	quit := fyne.NewMenuItem("Quitter", do("quit"))
	file := fyne.NewMenu("Fichier", open, off, fyne.NewMenuItemSeparator(), recent, quit)
	help := fyne.NewMenu("Aide", fyne.NewMenuItem("À propos", do("about")))
	b := New(k, fyne.NewMainMenu(file, help))
	k.Win().SetContent(b.Obj)
	b.Register(k.Win().Canvas())
	return b
}

func press(k *widgets.Kit, name fyne.KeyName) {
	k.Win().Canvas().Focused().TypedKey(&fyne.KeyEvent{Name: name})
}

func absX(o fyne.CanvasObject) float32 {
	return fyne.CurrentApp().Driver().AbsolutePositionForObject(o).X
}

// From the keyboard: F10 opens the first menu, Down skips the disabled
// item and the separator, the forward arrow opens the submenu, Enter
// runs its item and closes the bar; Escape closes; the arrows move to
// the neighbouring menu; Alt+letter opens a menu.
func TestMenuByKeyboard(t *testing.T) {
	k := testKit(t, "fr")
	var ran []string
	b := fixture(k, &ran)
	if !b.TypedKey(&fyne.KeyEvent{Name: fyne.KeyF10}) || b.IsOpen() != 0 {
		t.Fatal("F10 did not open the first menu")
	}
	p := b.Panel()
	if p.Current() != 0 || k.Win().Canvas().Focused() != p {
		t.Fatalf("open menu: current %d, has the keyboard %v", p.Current(), k.Win().Canvas().Focused() == p)
	}
	press(k, fyne.KeyDown)
	if p.Current() != 3 {
		t.Fatalf("Down went to item %d, want 3 (past the disabled item and the separator)", p.Current())
	}
	press(k, fyne.KeyRight)
	sub := b.Panel()
	if sub == p || len(sub.Items()) != 1 {
		t.Fatal("Right did not open the submenu")
	}
	press(k, fyne.KeyLeft)
	if b.Panel() != p || k.Win().Canvas().Focused() != p {
		t.Fatal("Left did not close the submenu")
	}
	press(k, fyne.KeyRight)
	press(k, fyne.KeyReturn)
	if len(ran) != 1 || ran[0] != "recent" || b.IsOpen() != -1 {
		t.Fatalf("ran %q, open %d", ran, b.IsOpen())
	}
	b.Open(0)
	press(k, fyne.KeyLeft) // wraps to the last menu
	if b.IsOpen() != 1 {
		t.Fatalf("Left from the first menu opened %d", b.IsOpen())
	}
	press(k, fyne.KeyEscape)
	if b.IsOpen() != -1 {
		t.Fatal("Escape left the menu open")
	}
	typeShortcut(k, &desktop.CustomShortcut{KeyName: fyne.KeyA, Modifier: fyne.KeyModifierAlt})
	if b.IsOpen() != 1 {
		t.Errorf("Alt+A (Aide) opened %d", b.IsOpen())
	}
}

func typeShortcut(k *widgets.Kit, s fyne.Shortcut) {
	k.Win().Canvas().(interface{ TypedShortcut(fyne.Shortcut) }).TypedShortcut(s)
}

// Item shortcuts work with no menu open, and not for a disabled item;
// the menu shows them.
func TestShortcutsRunItems(t *testing.T) {
	k := testKit(t, "en")
	var ran []string
	b := fixture(k, &ran)
	typeShortcut(k, &desktop.CustomShortcut{KeyName: fyne.KeyO, Modifier: fyne.KeyModifierShortcutDefault})
	if len(ran) != 1 || ran[0] != "open" {
		t.Fatalf("Ctrl+O ran %q", ran)
	}
	if got := ShortcutText(b.menu.Items[0].Items[0].Shortcut); got != "Ctrl+O" {
		t.Errorf("shortcut shown as %q", got)
	}
	if got := ShortcutText(&desktop.CustomShortcut{KeyName: fyne.KeyZ, Modifier: fyne.KeyModifierControl | fyne.KeyModifierShift}); got != "Ctrl+Shift+Z" {
		t.Errorf("shortcut shown as %q", got)
	}
}

// A tap on a title opens its menu, a tap on an item runs it; a second
// tap on the title closes the menu.
func TestMenuByPointer(t *testing.T) {
	k := testKit(t, "en")
	var ran []string
	b := fixture(k, &ran)
	test.Tap(b.Buttons()[1].TapButton)
	if b.IsOpen() != 1 {
		t.Fatal("tapping Help did not open it")
	}
	test.Tap(b.Buttons()[1].TapButton)
	if b.IsOpen() != -1 {
		t.Fatal("tapping Help again did not close it")
	}
	test.Tap(b.Buttons()[0].TapButton)
	test.Tap(b.Panel().rows[1]) // disabled
	test.Tap(b.Panel().rows[4])
	if len(ran) != 1 || ran[0] != "quit" {
		t.Errorf("ran %q", ran)
	}
}

// Mirrored: in Arabic the first menu is at the right, its pop-up is
// aligned on the title's right edge, the next menu (Left) is the one to
// its left, and a submenu opens to the left.
func TestArabicBarIsMirrored(t *testing.T) {
	k := testKit(t, "ar")
	var ran []string
	b := fixture(k, &ran)
	file, help := b.Buttons()[0], b.Buttons()[1]
	if absX(file.Obj) <= absX(help.Obj) {
		t.Fatalf("File at x=%.0f, Help at x=%.0f: not mirrored", absX(file.Obj), absX(help.Obj))
	}
	b.Open(0)
	p := b.Panel()
	right := absX(p.pop.Content) + p.pop.Content.Size().Width
	titleRight := absX(file.Obj) + file.Obj.Size().Width
	if d := right - titleRight; d < -tolerance || d > tolerance {
		t.Errorf("menu's right edge at %.0f, title's at %.0f", right, titleRight)
	}
	press(k, fyne.KeyDown) // to the submenu item
	press(k, fyne.KeyLeft) // forward, mirrored: into the submenu
	sub := b.Panel()
	if sub == p || absX(sub.pop.Content) >= absX(p.pop.Content) {
		t.Fatalf("submenu not opened to the left (%v)", sub == p)
	}
	press(k, fyne.KeyRight) // back
	press(k, fyne.KeyRight) // back, at the top: the previous menu, wrapping
	press(k, fyne.KeyEscape)
	b.Open(0)
	press(k, fyne.KeyLeft) // to Help, on the left
	if b.IsOpen() != 1 {
		t.Errorf("Left in Arabic opened menu %d, want Help", b.IsOpen())
	}
}

// tolerance is how far apart two edges may be: the pop-up's padding.
const tolerance = 12
