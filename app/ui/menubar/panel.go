package menubar

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"communique/app/ui/widgets"
)

// panel is an open menu: a pop-up column of items that holds the
// keyboard while it is shown.
type panel struct {
	widget.BaseWidget
	b      *Bar
	items  []*fyne.MenuItem
	rows   []*itemRow // nil for a separator
	cur    int        // highlighted item, -1 for none
	pop    *widget.PopUp
	parent *panel
	child  *panel
	box    *fyne.Container
}

// showPanel opens items as a pop-up whose reading-start edge is at pos
// (its top left, or top right when mirrored, at pos.X+anchorW).
func (b *Bar) showPanel(items []*fyne.MenuItem, parent *panel, pos fyne.Position, anchorW float32) *panel {
	p := &panel{b: b, items: items, parent: parent, cur: -1}
	p.box = container.NewVBox()
	sub := parent != nil
	for i, it := range items {
		if it.IsSeparator {
			p.rows = append(p.rows, nil)
			p.box.Add(widget.NewSeparator())
			continue
		}
		r := newItemRow(p, i, it, sub)
		p.rows = append(p.rows, r)
		p.box.Add(r)
	}
	p.ExtendBaseWidget(p)
	cv := b.k.Win().Canvas()
	p.pop = widget.NewPopUp(p, cv)
	size := p.pop.MinSize()
	size.Width = max(size.Width, 220)
	if b.k.RTL() {
		pos.X = pos.X + anchorW - size.Width
	}
	pos.X = max(0, min(pos.X, cv.Size().Width-size.Width))
	p.pop.ShowAtPosition(pos)
	p.pop.Resize(size)
	p.move(1)
	cv.Focus(p)
	return p
}

func (p *panel) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(p.box) }

// closeAll closes this panel and its submenus.
func (p *panel) closeAll() {
	if p.child != nil {
		p.child.closeAll()
		p.child = nil
	}
	p.pop.Hide()
}

// Visible reports whether the pop-up is still up (a click outside it
// hides it behind the bar's back).
func (p *panel) shown() bool { return p.pop.Visible() }

// move highlights the next enabled item in direction dir, wrapping.
func (p *panel) move(dir int) {
	n := len(p.items)
	for step := 1; step <= n; step++ {
		i := ((p.cur+dir*step)%n + n) % n
		if p.cur < 0 && dir < 0 {
			i = ((n-step)%n + n) % n
		}
		if r := p.rows[i]; r != nil && !p.items[i].Disabled {
			p.highlight(i)
			return
		}
	}
}

func (p *panel) highlight(i int) {
	old := p.cur
	p.cur = i
	for _, k := range []int{old, i} {
		if k >= 0 && k < len(p.rows) && p.rows[k] != nil {
			p.rows[k].Refresh()
		}
	}
}

// Items are the panel's menu items, and Current the highlighted one.
func (p *panel) Items() []*fyne.MenuItem { return p.items }
func (p *panel) Current() int            { return p.cur }

// activate runs item i: a submenu opens, an action closes the bar first.
func (p *panel) activate(i int) {
	if i < 0 || i >= len(p.items) || p.rows[i] == nil || p.items[i].Disabled {
		return
	}
	it := p.items[i]
	if it.ChildMenu != nil {
		p.openChild(i)
		return
	}
	p.b.Close()
	if it.Action != nil {
		it.Action()
	}
}

// openChild opens item i's submenu beside it: to the right, or to the
// left when mirrored.
func (p *panel) openChild(i int) {
	if p.child != nil {
		p.child.closeAll()
	}
	r := p.rows[i]
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(r)
	x := pos.X + r.Size().Width
	if p.b.k.RTL() {
		x = pos.X - r.Size().Width
	}
	p.child = p.b.showPanel(p.items[i].ChildMenu.Items, p, fyne.NewPos(x, pos.Y), r.Size().Width)
}

// closeChild closes this panel's submenu (Escape or the key back) and
// gives the keyboard back to it.
func (p *panel) closeSelf() {
	if p.parent == nil {
		p.b.Close()
		return
	}
	parent := p.parent
	p.closeAll()
	parent.child = nil
	p.b.k.Win().Canvas().Focus(parent)
}

// TypedKey works the menu from the keyboard.
func (p *panel) TypedKey(k *fyne.KeyEvent) {
	forward, back := fyne.KeyRight, fyne.KeyLeft
	if p.b.k.RTL() {
		forward, back = back, forward
	}
	switch k.Name {
	case fyne.KeyDown:
		p.move(1)
	case fyne.KeyUp:
		p.move(-1)
	case fyne.KeyHome:
		p.cur = -1
		p.move(1)
	case fyne.KeyEnd:
		p.cur = -1
		p.move(-1)
	case fyne.KeyReturn, fyne.KeyEnter, fyne.KeySpace:
		p.activate(p.cur)
	case fyne.KeyEscape:
		p.closeSelf()
	case fyne.KeyF10:
		p.b.Close()
	case forward:
		if p.cur >= 0 && p.items[p.cur].ChildMenu != nil {
			p.openChild(p.cur)
		} else {
			p.b.neighbour(1)
		}
	case back:
		if p.parent != nil {
			p.closeSelf()
		} else {
			p.b.neighbour(-1)
		}
	}
}

func (p *panel) TypedRune(rune) {}
func (p *panel) FocusGained()   {}
func (p *panel) FocusLost()     {}

// itemRow is one menu item: its label at the reading start, its
// shortcut (or a submenu arrow) at the far end, highlighted under the
// pointer or the keyboard.
type itemRow struct {
	widget.BaseWidget
	p     *panel
	i     int
	bg    *canvas.Rectangle
	label *widgets.Label
	box   *fyne.Container
}

func newItemRow(p *panel, i int, it *fyne.MenuItem, sub bool) *itemRow {
	k := p.b.k
	r := &itemRow{p: p, i: i, bg: canvas.NewRectangle(theme.Color(theme.ColorNameHover))}
	lang := k.Lang()
	if sub {
		lang = "" // submenus hold folders and names, each in its own script
	}
	r.label = widgets.NewLabel(it.Label, lang, false)
	r.label.FlushRight = k.RTL()
	r.label.Disabled = it.Disabled
	var end fyne.CanvasObject
	switch {
	case it.ChildMenu != nil:
		arrow := theme.MenuExpandIcon()
		if k.RTL() {
			arrow = theme.NavigateBackIcon()
		}
		end = widget.NewIcon(arrow)
	case it.Shortcut != nil:
		sc := widgets.NewLabel(ShortcutText(it.Shortcut), "en", false)
		sc.Disabled = true // dimmed, as in every desktop menu
		end = sc
	}
	if k.RTL() {
		r.box = container.NewBorder(nil, nil, end, nil, r.label)
	} else {
		r.box = container.NewBorder(nil, nil, nil, end, r.label)
	}
	r.ExtendBaseWidget(r)
	return r
}

func (r *itemRow) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.NewStack(r.bg, r.box))
}

func (r *itemRow) Refresh() {
	r.bg.FillColor = theme.Color(theme.ColorNameHover)
	if r.p.cur == r.i {
		r.bg.FillColor = theme.Color(theme.ColorNameFocus)
	}
	r.bg.Hidden = r.p.cur != r.i
	r.BaseWidget.Refresh()
}

// Tapped runs the item.
func (r *itemRow) Tapped(*fyne.PointEvent) { r.p.activate(r.i) }

// MouseIn highlights the item; a submenu opens under the pointer.
func (r *itemRow) MouseIn(*desktop.MouseEvent) {
	if r.p.items[r.i].Disabled {
		return
	}
	r.p.highlight(r.i)
	switch {
	case r.p.items[r.i].ChildMenu != nil && r.p.child == nil:
		r.p.openChild(r.i)
	case r.p.items[r.i].ChildMenu == nil && r.p.child != nil:
		// Pointing at another item closes the submenu it had open.
		r.p.child.closeAll()
		r.p.child = nil
	}
}

func (r *itemRow) MouseMoved(*desktop.MouseEvent) {}
func (r *itemRow) MouseOut()                      {}

// ShortcutText writes a shortcut as menus show it: "Ctrl+O", "Ctrl+Shift+Z".
func ShortcutText(s fyne.Shortcut) string {
	cs, ok := s.(*desktop.CustomShortcut)
	if !ok {
		return s.ShortcutName()
	}
	var parts []string
	mods := []struct {
		m    fyne.KeyModifier
		name string
	}{{fyne.KeyModifierControl, "Ctrl"}, {fyne.KeyModifierAlt, "Alt"}, {fyne.KeyModifierShift, "Shift"}, {fyne.KeyModifierSuper, "Super"}}
	for _, m := range mods {
		if cs.Modifier&m.m != 0 {
			parts = append(parts, m.name)
		}
	}
	return strings.Join(append(parts, string(cs.KeyName)), "+")
}
