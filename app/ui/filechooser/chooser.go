// Package filechooser is the window's file and folder chooser: Fyne's
// file dialogs are English in every interface language (Fyne ships no
// Arabic), draw names with canvas.Text (an Arabic or mixed file name comes
// out in logical order) and never mirror. This one is drawn with the
// project's typeset widgets, speaks the interface language, mirrors in a
// right-to-left interface and is worked from the keyboard.
//
// folder.go is the display-free part (listing, filtering, sorting, typed
// paths, save names); chooser.go the dialog.
package filechooser

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"communique/app/ui/textbox"
	"communique/app/ui/widgets"
)

// Mode is what the chooser chooses.
type Mode int

const (
	OpenFile     Mode = iota // an existing file
	SaveFile                 // a name in a folder; an existing file is replaced only when confirmed
	ChooseFolder             // a folder
)

// Options configure a chooser.
type Options struct {
	Mode  Mode
	Title string // "" gives the mode's own
	// Dir is the folder shown first (home when "" or unreadable).
	Dir string
	// Name is the name proposed in SaveFile mode.
	Name string
	// Exts filters files by extension (".p12"); the filter can be
	// switched to all files.
	Exts []string
	// Places are offered at the side (home first); see Places.
	Places []Place
	// OnChosen receives the chosen path; cancelling calls nothing.
	OnChosen func(path string)
}

// Chooser is a file chooser on screen.
type Chooser struct {
	k     *widgets.Kit
	o     Options
	modal *widgets.Modal
	home  string

	dir      string
	opts     ListOptions
	entries  []Entry
	selected int // -1: none

	list    *entryList
	path    *textbox.Edit
	name    *textbox.Edit // SaveFile only
	problem *widgets.Label
	empty   *widgets.Label
	filter  *widgets.Picker
	sorting *widgets.Picker
	hidden  *widget.Check
}

// Show opens a chooser in the Kit's window.
func Show(k *widgets.Kit, o Options) *Chooser {
	ch := &Chooser{k: k, o: o, selected: -1}
	ch.home, _ = os.UserHomeDir()
	ch.opts = ListOptions{FoldersOnly: o.Mode == ChooseFolder, Exts: o.Exts, Lang: k.Lang()}
	tx := k.Text()
	title, confirmText := tx.T("ChooseFile"), tx.T("FileOpen")
	switch o.Mode {
	case SaveFile:
		title, confirmText = tx.T("FileSaveAs"), tx.T("Save")
	case ChooseFolder:
		title, confirmText = tx.T("ChooseFolder"), tx.T("FileChooseFolder")
	}
	if o.Title != "" {
		title = o.Title
	}
	body := ch.body()
	cancel := k.NewLabelButton(ch.k.Text().T("Cancel"), theme.CancelIcon(), ch.Cancel, widget.MediumImportance)
	confirm := k.NewLabelButton(confirmText, theme.ConfirmIcon(), ch.Confirm, widget.HighImportance)
	ch.modal = k.NewModal(title, body, cancel, confirm)
	ch.modal.OnConfirm, ch.modal.OnCancel = ch.Confirm, ch.Cancel
	start := o.Dir
	if st, err := os.Stat(start); start == "" || err != nil || !st.IsDir() {
		start = ch.home
	}
	ch.Open(start)
	ch.modal.Resize(fyne.NewSize(780, 540))
	ch.modal.Show()
	k.Win().Canvas().Focus(ch.list)
	return ch
}

// body lays the chooser out: the path row on top, places at the side
// (right in a right-to-left interface), the folder in the middle, name,
// filter and sort under it.
func (ch *Chooser) body() fyne.CanvasObject {
	k := ch.k
	ch.path = k.LineEdit("", ch.k.Text().T("FilePathPlaceholder"))
	ch.path.OnKey = ch.pathKey
	parent := k.NewTipButton(ch.k.Text().T("FileParent"), theme.MoveUpIcon(), ch.Up)
	home := k.NewTipButton(ch.k.Text().T("FileHome"), theme.HomeIcon(), func() { ch.Open(ch.home) })
	nav := []fyne.CanvasObject{parent, home}
	var top fyne.CanvasObject
	if k.RTL() {
		slices.Reverse(nav)
		top = container.NewBorder(nil, nil, nil, container.NewHBox(nav...), ch.path)
	} else {
		top = container.NewBorder(nil, nil, container.NewHBox(nav...), nil, ch.path)
	}
	ch.list = newEntryList(ch)
	ch.empty = widgets.NewLabel("", k.Lang(), true)
	ch.empty.Hide()
	middle := container.NewStack(ch.list, container.NewVBox(ch.empty))
	places := ch.placeList()
	var centre fyne.CanvasObject
	if k.RTL() {
		centre = container.NewBorder(nil, nil, nil, places, middle)
	} else {
		centre = container.NewBorder(nil, nil, places, nil, middle)
	}
	ch.problem = widgets.NewLabel("", "", true)
	ch.problem.Importance = widget.DangerImportance
	ch.problem.Hide()
	bottom := container.NewVBox()
	if ch.o.Mode == SaveFile {
		ch.name = k.LineEdit("", "")
		ch.name.SetText(ch.o.Name)
		ch.name.OnKey = ch.nameKey
		bottom.Add(k.Form(widgets.FormItem{Label: ch.k.Text().T("FileName"), Field: ch.name}))
	}
	bottom.Add(ch.controls())
	bottom.Add(ch.problem)
	return container.NewBorder(top, bottom, nil, nil, centre)
}

// controls are the filter, the sort order and the hidden-files switch.
func (ch *Chooser) controls() fyne.CanvasObject {
	k := ch.k
	row := []fyne.CanvasObject{}
	if len(ch.o.Exts) > 0 && ch.o.Mode != ChooseFolder {
		only := ch.k.Text().T("FileFilterOnly", "Exts", strings.Join(ch.o.Exts, " "))
		all := ch.k.Text().T("FileFilterAll")
		ch.filter = k.NewPicker(nil)
		ch.filter.SetOptions([]string{only, all})
		ch.filter.SetSelected(only)
		ch.filter.OnChanged = func(s string) {
			ch.opts.Exts = nil
			if s == only {
				ch.opts.Exts = ch.o.Exts
			}
			ch.reload()
		}
		row = append(row, ch.filter.Content)
	}
	sorts := []string{ch.k.Text().T("FileSortName"), ch.k.Text().T("FileSortModified"), ch.k.Text().T("FileSortSize")}
	ch.sorting = k.NewPicker(nil)
	ch.sorting.SetOptions(sorts)
	ch.sorting.SetSelected(sorts[0])
	ch.sorting.OnChanged = func(string) {
		ch.opts.Sort = Sort(max(0, ch.sorting.SelectedIndex()))
		ch.reload()
	}
	row = append(row, ch.sorting.Content)
	ch.hidden = widget.NewCheck("", func(on bool) {
		ch.opts.Hidden = on
		ch.reload()
	})
	row = append(row, k.CheckLabelled(ch.hidden, ch.k.Text().T("FileShowHidden")))
	if k.RTL() {
		slices.Reverse(row)
	}
	return container.NewGridWithColumns(len(row), row...)
}

// placeList is the column of places; each opens its folder.
func (ch *Chooser) placeList() fyne.CanvasObject {
	box := container.NewVBox()
	head := widgets.NewLabel(ch.k.Text().T("FilePlaces"), ch.k.Lang(), false)
	head.Bold = true
	box.Add(head)
	for i, p := range ch.o.Places {
		icon := theme.FolderIcon()
		if i == 0 {
			icon = theme.HomeIcon()
		}
		b := ch.k.NewLabelButton(p.Name, icon, func() { ch.Open(p.Path) }, widget.LowImportance)
		b.Label.Lang = "" // a folder's name is in any script
		box.Add(b.Obj)
	}
	return container.NewGridWrap(fyne.NewSize(min(max(170, box.MinSize().Width), 260), box.MinSize().Height), box)
}

// Open shows dir. An unreadable folder is shown empty with the reason;
// the chooser stays usable.
func (ch *Chooser) Open(dir string) {
	ch.dir = filepath.Clean(dir)
	ch.path.SetText(ch.dir)
	ch.path.SetCursor(ch.path.Len())
	ch.reload()
}

// reload lists the folder shown again (filter, sort or hidden changed).
func (ch *Chooser) reload() {
	l, err := List(ch.dir, ch.opts)
	ch.entries = l.Entries
	ch.selected = -1
	ch.list.UnselectAll()
	ch.list.ScrollToOffset(0)
	ch.list.Refresh()
	ch.clearProblem()
	switch {
	case err != nil:
		ch.showProblem(ch.k.Text().T("FileUnreadable", "Error", err.Error()))
	case l.Truncated:
		ch.showProblem(ch.k.Text().T("FileTruncated", "Count", MaxEntries))
	}
	ch.empty.SetText(ch.k.Text().T("FileEmpty"))
	ch.empty.Hidden = err != nil || len(ch.entries) > 0
	ch.empty.Refresh()
}

func (ch *Chooser) showProblem(s string) {
	ch.problem.SetText(s)
	ch.problem.Show()
}

func (ch *Chooser) clearProblem() {
	ch.problem.Hide()
}

// Dir is the folder shown.
func (ch *Chooser) Dir() string { return ch.dir }

// Entries is what the folder shows, in order.
func (ch *Chooser) Entries() []Entry { return ch.entries }

// Problem is the error or warning shown, "" for none.
func (ch *Chooser) Problem() string {
	if !ch.problem.Visible() {
		return ""
	}
	return ch.problem.Text()
}

// Up shows the parent folder with the folder just left selected.
func (ch *Chooser) Up() {
	p, ok := Parent(ch.dir)
	if !ok {
		return
	}
	from := ch.dir
	ch.Open(p)
	for i, e := range ch.entries {
		if e.Path == from {
			ch.selectIndex(i)
		}
	}
}

// selectIndex selects entry i and shows it; a file's name goes into the
// name field when saving.
func (ch *Chooser) selectIndex(i int) {
	if i < 0 || i >= len(ch.entries) {
		return
	}
	ch.selected = i
	ch.list.Select(i)
	ch.list.ScrollTo(i)
	if ch.name != nil && !ch.entries[i].Dir {
		ch.name.SetText(ch.entries[i].Name)
	}
}

// Selected is the selected entry, if any.
func (ch *Chooser) Selected() (Entry, bool) {
	if ch.selected < 0 || ch.selected >= len(ch.entries) {
		return Entry{}, false
	}
	return ch.entries[ch.selected], true
}

// Activate is a double click or Enter on entry i: a folder opens, a file
// is chosen.
func (ch *Chooser) Activate(i int) {
	if i < 0 || i >= len(ch.entries) {
		ch.Confirm()
		return
	}
	e := ch.entries[i]
	if e.Dir {
		ch.Open(e.Path)
		return
	}
	ch.selectIndex(i)
	ch.Confirm()
}

// Confirm is the confirming button (and Enter with nothing to open).
func (ch *Chooser) Confirm() {
	e, sel := ch.Selected()
	switch ch.o.Mode {
	case ChooseFolder:
		if sel && e.Dir {
			ch.choose(e.Path)
			return
		}
		ch.choose(ch.dir)
	case OpenFile:
		switch {
		case sel && e.Dir:
			ch.Open(e.Path)
		case sel:
			ch.choose(e.Path)
		default:
			ch.showProblem(ch.k.Text().T("FileChooseOne"))
		}
	case SaveFile:
		ch.save()
	}
}

// save checks the typed name; an existing folder opens, an existing file
// is replaced only when the user says so.
func (ch *Chooser) save() {
	target, err := SaveTarget(ch.dir, ch.name.Text(), ch.o.Exts)
	if errors.Is(err, ErrBadName) {
		ch.showProblem(ch.k.Text().T("FileNameInvalid", "Name", ch.name.Text()))
		return
	}
	st, err := os.Stat(target)
	switch {
	case err == nil && st.IsDir():
		ch.Open(target)
		ch.name.SetText("")
	case err == nil:
		body := widgets.NewLabel(ch.k.Text().T("FileReplaceQuestion", "Name", filepath.Base(target), "Folder", ch.dir), ch.k.Lang(), true)
		ch.k.Confirm(ch.k.Text().T("FileReplaceTitle"), container.NewGridWrap(fyne.NewSize(420, 90), body), ch.k.Text().T("FileReplace"), ch.k.Text().T("Cancel"), func(yes bool) {
			if yes {
				ch.choose(target)
			}
		})
	default:
		ch.choose(target)
	}
}

func (ch *Chooser) choose(path string) {
	ch.modal.Hide()
	if ch.o.OnChosen != nil {
		ch.o.OnChosen(path)
	}
}

// Cancel closes the chooser without choosing.
func (ch *Chooser) Cancel() { ch.modal.Hide() }

// GoTo follows a typed path: a folder opens, a file is selected in its
// folder (and chosen, when it is what the mode wants).
func (ch *Chooser) GoTo(typed string) {
	p := Resolve(ch.dir, typed, ch.home)
	st, err := os.Stat(p)
	switch {
	case err != nil:
		ch.showProblem(ch.k.Text().T("FileNotFound", "Path", p))
	case st.IsDir():
		ch.Open(p)
		ch.k.Win().Canvas().Focus(ch.list)
	case ch.o.Mode == ChooseFolder:
		ch.showProblem(ch.k.Text().T("FileNotFolder", "Path", p))
	default:
		ch.Open(filepath.Dir(p))
		for i, e := range ch.entries {
			if e.Path == p {
				ch.selectIndex(i)
			}
		}
		if ch.name != nil {
			ch.name.SetText(filepath.Base(p))
		}
		ch.Confirm()
	}
}

// pathKey: Enter follows the typed path, Escape cancels, Down goes to
// the list.
func (ch *Chooser) pathKey(k *fyne.KeyEvent) bool {
	switch k.Name {
	case fyne.KeyReturn, fyne.KeyEnter:
		ch.GoTo(ch.path.Text())
	case fyne.KeyEscape:
		ch.Cancel()
	case fyne.KeyDown:
		ch.k.Win().Canvas().Focus(ch.list)
		if ch.selected < 0 {
			ch.selectIndex(0)
		}
	default:
		return false
	}
	return true
}

// nameKey: Enter saves, Escape cancels.
func (ch *Chooser) nameKey(k *fyne.KeyEvent) bool {
	switch k.Name {
	case fyne.KeyReturn, fyne.KeyEnter:
		ch.Confirm()
	case fyne.KeyEscape:
		ch.Cancel()
	default:
		return false
	}
	return true
}

// FocusPath puts the caret in the path field, its text selected (Ctrl+L
// in the list, as in GTK's chooser).
func (ch *Chooser) FocusPath() {
	ch.k.Win().Canvas().Focus(ch.path)
	ch.path.TypedShortcut(&fyne.ShortcutSelectAll{})
}
