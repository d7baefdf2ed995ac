package ui

import (
	"communique/app/ui/widgets"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
)

// Keyboard-first translation, as in Poedit and Weblate: Ctrl+Enter goes to
// the next message that needs work, Ctrl+Up and Ctrl+Down to the previous
// and next message; Tab and Shift+Tab move the focus (Fyne's own).

var (
	shortcutNextWork = &desktop.CustomShortcut{KeyName: fyne.KeyReturn, Modifier: fyne.KeyModifierShortcutDefault}
	shortcutNextMsg  = &desktop.CustomShortcut{KeyName: fyne.KeyDown, Modifier: fyne.KeyModifierShortcutDefault}
	shortcutPrevMsg  = &desktop.CustomShortcut{KeyName: fyne.KeyUp, Modifier: fyne.KeyModifierShortcutDefault}
)

// shortcut handles a workbench shortcut typed in the translation of part
// id ("" when no translation has the focus).
func (b *workbench) shortcut(id string, s fyne.Shortcut) bool {
	cs, ok := s.(*desktop.CustomShortcut)
	if !ok || cs.Modifier != fyne.KeyModifierShortcutDefault {
		return false
	}
	switch cs.KeyName {
	case fyne.KeyReturn, fyne.KeyEnter:
		b.focusNext(id, true, 1)
	case fyne.KeyDown:
		b.focusNext(id, false, 1)
	case fyne.KeyUp:
		b.focusNext(id, false, -1)
	default:
		return false
	}
	return true
}

// focusNext puts the caret at the end of the translation of the next
// shown part after id in direction dir (from the top when id is ""), the
// next one that needs work when work is set. Searching wraps around.
func (b *workbench) focusNext(id string, work bool, dir int) {
	n := len(b.order)
	if n == 0 {
		return
	}
	at := -1
	for i, o := range b.order {
		if o == id {
			at = i
		}
	}
	if at < 0 && dir < 0 {
		at = n
	}
	for step := 1; step <= n; step++ {
		i := ((at+dir*step)%n + n) % n
		r := b.rows[b.order[i]]
		if r == nil || !r.box.Visible() || len(r.forms) == 0 {
			continue
		}
		if work {
			if e, _ := b.entry(r.id); stateOf(e) == stateTranslated && b.order[i] != id {
				continue
			}
			if b.order[i] == id {
				continue
			}
		}
		b.focusRow(r)
		return
	}
}

// focusRow focuses the first empty form of a row (else its first form)
// with the caret at the end of its text, and scrolls it into view.
func (b *workbench) focusRow(r *benchRow) {
	en := r.forms[0].entry
	for _, f := range r.forms {
		if f.entry.Text() == "" {
			en = f.entry
			break
		}
	}
	b.c.win.Canvas().Focus(en)
	en.SetCursor(en.Len())
	if b.scroll != nil {
		y := r.box.Position().Y + b.list.Position().Y
		b.scroll.ScrollToOffset(fyne.NewPos(0, max(0, y-20)))
	}
}

// focusedRow is the part whose translation has the focus, if any.
func (b *workbench) focusedRow() string {
	f := b.c.win.Canvas().Focused()
	for id, r := range b.rows {
		for _, fe := range r.forms {
			if fyne.Focusable(fe.entry) == f {
				return id
			}
		}
	}
	return ""
}

// addWorkbenchShortcuts makes Ctrl+Enter and Ctrl+Up/Down work on the
// workbench when no translation has the focus (a focused one handles them
// itself).
func (c *controller) addWorkbenchShortcuts() {
	cv := c.win.Canvas()
	for _, sc := range []*desktop.CustomShortcut{shortcutNextWork, shortcutNextMsg, shortcutPrevMsg} {
		cv.RemoveShortcut(sc)
		cv.AddShortcut(sc, func(s fyne.Shortcut) {
			if c.bench != nil && c.bench.onScreen {
				c.bench.shortcut(c.bench.focusedRow(), s)
			}
		})
	}
}

// shortcutList shows the keyboard shortcuts (Help menu).
func (c *controller) shortcutList() {
	all := c.tx.T("KeyboardShortcutsText") + "\n" + c.tx.T("KeyboardShortcutsMemory")
	if c.bar != nil { // where the window draws its menu
		all += "\n" + c.tx.T("KeyboardShortcutsMenus")
	}
	all += "\n" + c.tx.T("KeyboardShortcutsChooser")
	text := widgets.NewLabel(all, c.tx.Lang(), true)
	c.kit.Notice(c.tx.T("KeyboardShortcuts"), container.NewGridWrap(fyne.NewSize(600, 440), container.NewVScroll(text)))
}
