// Package menubar draws the window's main menu inside the window, as Fyne
// does on Linux and Windows, but with typeset labels and mirrored in a
// right-to-left interface: Fyne's own bar starts at the left and sets its
// labels with canvas.Text in every language. On macOS the system draws
// the menu at the top of the screen, and the app keeps Fyne's native one.
//
// The bar takes F10 (first menu) and Alt+letter; inside an open menu Up
// and Down move, Enter chooses, Escape closes, Left and Right go to the
// neighbouring menu (mirrored in a right-to-left interface) and into or
// out of a submenu. Item shortcuts work from anywhere in the window.
package menubar

import (
	"runtime"
	"slices"
	"strings"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"communique/app/ui/widgets"
)

// Native reports whether the system draws the main menu (macOS), in
// which case the window should use fyne.Window.SetMainMenu.
func Native() bool { return runtime.GOOS == "darwin" }

// Bar is a menu bar for one fyne.MainMenu.
type Bar struct {
	k       *widgets.Kit
	menu    *fyne.MainMenu
	buttons []*widgets.LabelButton
	// Mnemonics are the letters that open each menu with Alt.
	mnemonics []fyne.KeyName
	Obj       fyne.CanvasObject

	open    *panel // the menu shown, nil when none
	openIdx int
}

// New makes a bar for menu. mnemonics give the Alt+letter of each menu,
// in order; a missing one is taken from the first letter of the menu's
// title when that is a Latin letter.
func New(k *widgets.Kit, menu *fyne.MainMenu, mnemonics ...fyne.KeyName) *Bar {
	b := &Bar{k: k, menu: menu, openIdx: -1}
	objs := []fyne.CanvasObject{}
	for i, m := range menu.Items {
		btn := k.NewLabelButton(m.Label, nil, func() { b.Toggle(i) }, widget.LowImportance)
		b.buttons = append(b.buttons, btn)
		objs = append(objs, btn.Obj)
		var mn fyne.KeyName
		if i < len(mnemonics) {
			mn = mnemonics[i]
		} else if r := []rune(m.Label); len(r) > 0 && r[0] < unicode.MaxASCII && unicode.IsLetter(r[0]) {
			mn = fyne.KeyName(strings.ToUpper(string(r[0])))
		}
		b.mnemonics = append(b.mnemonics, mn)
	}
	if k.RTL() {
		slices.Reverse(objs)
		objs = append([]fyne.CanvasObject{layout.NewSpacer()}, objs...)
	}
	b.Obj = container.NewVBox(container.NewHBox(objs...), widget.NewSeparator())
	return b
}

// Register makes every item's shortcut, F10 and the Alt+letters work in
// cv. A shortcut registered before under the same name is replaced.
func (b *Bar) Register(cv fyne.Canvas) {
	var walk func(items []*fyne.MenuItem)
	walk = func(items []*fyne.MenuItem) {
		for _, it := range items {
			if it.ChildMenu != nil {
				walk(it.ChildMenu.Items)
			}
			if it.Shortcut == nil {
				continue
			}
			cv.RemoveShortcut(it.Shortcut)
			cv.AddShortcut(it.Shortcut, func(fyne.Shortcut) {
				if !it.Disabled && it.Action != nil {
					it.Action()
				}
			})
		}
	}
	for _, m := range b.menu.Items {
		walk(m.Items)
	}
	for i, mn := range b.mnemonics {
		if mn == "" {
			continue
		}
		sc := &desktop.CustomShortcut{KeyName: mn, Modifier: fyne.KeyModifierAlt}
		cv.RemoveShortcut(sc)
		cv.AddShortcut(sc, func(fyne.Shortcut) { b.Open(i) })
	}
}

// TypedKey opens the first menu on F10; the window passes on the keys
// that nothing focused took. It reports whether it used the key.
func (b *Bar) TypedKey(k *fyne.KeyEvent) bool {
	if k.Name == fyne.KeyF10 && len(b.menu.Items) > 0 {
		b.Toggle(0)
		return true
	}
	return false
}

// Toggle opens menu i, or closes it when it is the one open.
func (b *Bar) Toggle(i int) {
	b.sync()
	if b.open != nil && b.openIdx == i {
		b.Close()
		return
	}
	b.Open(i)
}

// Open shows menu i under its title, its first enabled item highlighted.
func (b *Bar) Open(i int) {
	if i < 0 || i >= len(b.menu.Items) {
		return
	}
	b.Close()
	btn := b.buttons[i].Obj
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(btn)
	b.open = b.showPanel(b.menu.Items[i].Items, nil, pos.Add(fyne.NewPos(0, btn.Size().Height)), btn.Size().Width)
	b.openIdx = i
	b.buttons[i].Importance = widget.MediumImportance
	b.buttons[i].Refresh()
}

// sync forgets a menu that a click outside it has closed.
func (b *Bar) sync() {
	if b.open != nil && !b.open.shown() {
		b.Close()
	}
}

// Close closes the open menu and its submenus.
func (b *Bar) Close() {
	if b.open == nil {
		return
	}
	b.open.closeAll()
	if b.openIdx >= 0 {
		b.buttons[b.openIdx].Importance = widget.LowImportance
		b.buttons[b.openIdx].Refresh()
	}
	b.open, b.openIdx = nil, -1
}

// IsOpen reports which menu is open, -1 for none.
func (b *Bar) IsOpen() int {
	b.sync()
	if b.open == nil {
		return -1
	}
	return b.openIdx
}

// Panel is the open menu (or its open submenu), for tests and scripts.
func (b *Bar) Panel() *panel {
	p := b.open
	for p != nil && p.child != nil {
		p = p.child
	}
	return p
}

// neighbour opens the menu beside the open one: dir +1 is the next in
// reading order, which is to the left in a right-to-left interface.
func (b *Bar) neighbour(dir int) {
	n := len(b.menu.Items)
	if n == 0 || b.openIdx < 0 {
		return
	}
	b.Open(((b.openIdx+dir)%n + n) % n)
}

// Buttons are the menu titles in reading order, for tests.
func (b *Bar) Buttons() []*widgets.LabelButton { return b.buttons }
