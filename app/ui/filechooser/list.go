package filechooser

import (
	"strings"
	"time"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"communique/app/ui/widgets"
)

// entryList is the folder's contents: a widget.List (only the visible
// rows exist, whatever the folder holds) that takes the chooser's keys
// when focused: Up/Down/Home/End/Page keys select, Enter opens a folder
// or chooses a file, Backspace goes to the parent, Escape cancels,
// Ctrl+L goes to the path field, letters jump to the next matching name.
type entryList struct {
	widget.List
	ch *Chooser
	// typed is the type-ahead prefix, reset after a pause.
	typed     string
	typedLast time.Time
}

var shortcutPath = &desktop.CustomShortcut{KeyName: fyne.KeyL, Modifier: fyne.KeyModifierShortcutDefault}

func newEntryList(ch *Chooser) *entryList {
	l := &entryList{ch: ch}
	l.Length = func() int { return len(ch.entries) }
	l.CreateItem = func() fyne.CanvasObject { return newRow(ch) }
	l.UpdateItem = func(id widget.ListItemID, o fyne.CanvasObject) {
		if id < len(ch.entries) {
			o.(*row).set(id, ch.entries[id])
		}
	}
	l.OnSelected = func(id widget.ListItemID) {
		if ch.selected != id {
			ch.selectIndex(id)
		}
	}
	l.ExtendBaseWidget(l)
	return l
}

// TypedKey moves through the folder and acts on the selection.
func (l *entryList) TypedKey(k *fyne.KeyEvent) {
	ch := l.ch
	n := len(ch.entries)
	switch k.Name {
	case fyne.KeyDown:
		ch.selectIndex(min(n-1, ch.selected+1))
	case fyne.KeyUp:
		ch.selectIndex(max(0, ch.selected-1))
	case fyne.KeyHome:
		ch.selectIndex(0)
	case fyne.KeyEnd:
		ch.selectIndex(n - 1)
	case fyne.KeyPageDown:
		ch.selectIndex(min(n-1, ch.selected+10))
	case fyne.KeyPageUp:
		ch.selectIndex(max(0, ch.selected-10))
	case fyne.KeyReturn, fyne.KeyEnter:
		ch.Activate(ch.selected)
	case fyne.KeyBackspace:
		ch.Up()
	case fyne.KeyEscape:
		ch.Cancel()
	}
}

// FocusGained and FocusLost keep widget.List from marking a "focused"
// row of its own: the keys here move the selection, which is what the
// list shows.
func (l *entryList) FocusGained() {}
func (l *entryList) FocusLost()   {}

// TypedRune jumps to the next name starting with what was typed in the
// last second.
func (l *entryList) TypedRune(r rune) {
	now := time.Now()
	if now.Sub(l.typedLast) > time.Second {
		l.typed = ""
	}
	l.typedLast = now
	l.typed += string(unicode.ToLower(r))
	ch := l.ch
	n := len(ch.entries)
	start := max(ch.selected, 0)
	if len([]rune(l.typed)) == 1 {
		start++ // a single letter again goes to the next match
	}
	for step := range n {
		i := (start + step) % n
		if strings.HasPrefix(strings.ToLower(ch.entries[i].Name), l.typed) {
			ch.selectIndex(i)
			return
		}
	}
}

// TypedShortcut takes Ctrl+L (to the path field).
func (l *entryList) TypedShortcut(s fyne.Shortcut) {
	if cs, ok := s.(*desktop.CustomShortcut); ok && cs.ShortcutName() == shortcutPath.ShortcutName() {
		l.ch.FocusPath()
	}
}

// row shows one entry: an icon at the reading start, the name, and the
// date it was modified at the far end; mirrored in a right-to-left
// interface. A tap selects, a double tap opens.
type row struct {
	widget.BaseWidget
	ch   *Chooser
	id   int
	icon *widget.Icon
	name *widgets.Label
	when *widgets.Label
	box  *fyne.Container
}

func newRow(ch *Chooser) *row {
	r := &row{ch: ch, icon: widget.NewIcon(theme.FileIcon())}
	r.name = widgets.NewLabel("", "", false) // a name's own script gives its direction
	r.name.Truncate = true
	r.when = widgets.NewLabel("", "", false)
	r.when.Importance = widget.LowImportance
	r.name.FlushLeft = true // the names make a column at the icons
	if ch.k.RTL() {
		r.name.FlushLeft, r.name.FlushRight = false, true
		r.box = container.NewBorder(nil, nil, r.when, r.icon, r.name)
	} else {
		r.box = container.NewBorder(nil, nil, r.icon, r.when, r.name)
	}
	r.ExtendBaseWidget(r)
	return r
}

func (r *row) set(id int, e Entry) {
	r.id = id
	switch {
	case e.Dir:
		r.icon.SetResource(theme.FolderIcon())
	default:
		r.icon.SetResource(theme.FileIcon())
	}
	r.name.SetText(e.Name)
	r.when.SetText(e.ModTime.Format("2006-01-02 15:04"))
}

func (r *row) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(r.box) }

// Tapped selects the row and gives the list the keyboard.
func (r *row) Tapped(*fyne.PointEvent) {
	r.ch.selectIndex(r.id)
	r.ch.k.Win().Canvas().Focus(r.ch.list)
}

// DoubleTapped opens a folder or chooses a file.
func (r *row) DoubleTapped(*fyne.PointEvent) { r.ch.Activate(r.id) }
