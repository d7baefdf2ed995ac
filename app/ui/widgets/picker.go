package widgets

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Picker chooses one of a few options, like widget.Select, but draws the
// options with the typesetting engine and the bundled fonts: language
// names in Arabic script ("ckb · کوردیی ناوەندی") must not depend on the
// fonts a system has, and must read right inside a left-to-right list.
type Picker struct {
	k        *Kit
	Content  *fyne.Container
	current  *Label
	options  []string
	selected string
	popup    *widget.PopUp
	// OnChanged is called when the user (or SetSelected) picks another
	// option.
	OnChanged func(string)
}

// NewPicker makes a picker that calls changed with each new choice.
func (k *Kit) NewPicker(changed func(string)) *Picker {
	p := &Picker{k: k, current: NewLabel("", "", false), OnChanged: changed}
	btn := widget.NewButton("", p.open)
	icon := widget.NewIcon(theme.MenuDropDownIcon())
	inner := container.NewBorder(nil, nil, nil, icon, p.current)
	if k.RTL() {
		inner = container.NewBorder(nil, nil, icon, nil, p.current)
	}
	p.Content = container.NewStack(btn, container.NewPadded(inner))
	return p
}

// SetOptions replaces the options.
func (p *Picker) SetOptions(opts []string) { p.options = opts }

// SetSelected shows s and calls OnChanged if it changed.
func (p *Picker) SetSelected(s string) {
	if s == p.selected {
		return
	}
	p.selected = s
	p.current.SetText(s)
	if p.OnChanged != nil {
		p.OnChanged(s)
	}
}

// Selected is the option shown.
func (p *Picker) Selected() string { return p.selected }

// SetSelectedIndex selects option i.
func (p *Picker) SetSelectedIndex(i int) {
	if i >= 0 && i < len(p.options) {
		p.SetSelected(p.options[i])
	}
}

// SelectedIndex is the index of the option shown, -1 for none.
func (p *Picker) SelectedIndex() int {
	for i, o := range p.options {
		if o == p.selected {
			return i
		}
	}
	return -1
}

func (p *Picker) open() {
	list := container.NewVBox()
	for _, o := range p.options {
		imp := widget.LowImportance
		if o == p.selected {
			imp = widget.HighImportance
		}
		list.Add(p.k.TextButton(o, nil, func() {
			p.popup.Hide()
			p.SetSelected(o)
		}, imp))
	}
	cv := p.k.Win().Canvas()
	p.popup = widget.NewPopUp(list, cv)
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(p.Content)
	p.popup.ShowAtPosition(pos.Add(fyne.NewPos(0, p.Content.Size().Height)))
	p.popup.Resize(fyne.NewSize(p.Content.Size().Width, p.popup.MinSize().Height))
}

// Labelled puts a label before a field: on its left, or on its right in a
// right-to-left interface.
func (k *Kit) Labelled(label, field fyne.CanvasObject) fyne.CanvasObject {
	if k.RTL() {
		return container.NewBorder(nil, nil, nil, label, field)
	}
	return container.NewBorder(nil, nil, label, nil, field)
}

// formGrid lays out label/field pairs as widget.Form does, with the label
// column on the right in a right-to-left interface.
type formGrid struct{ rtl bool }

// FormItem is a labelled field of a form.
type FormItem struct {
	Label string
	Field fyne.CanvasObject
}

// Form lays out labelled fields; the labels are bold and set by the
// typesetting engine.
func (k *Kit) Form(items ...FormItem) *fyne.Container {
	var objs []fyne.CanvasObject
	for _, it := range items {
		l := NewLabel(it.Label, k.Lang(), false)
		l.Bold = true
		objs = append(objs, l, it.Field)
	}
	return container.New(formGrid{rtl: k.RTL()}, objs...)
}

func (g formGrid) widths(objs []fyne.CanvasObject) (label float32) {
	for i := 0; i+1 < len(objs); i += 2 {
		label = max(label, objs[i].MinSize().Width)
	}
	return label
}

func (g formGrid) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	lw := g.widths(objs)
	pad := theme.Padding()
	y := float32(0)
	for i := 0; i+1 < len(objs); i += 2 {
		l, f := objs[i], objs[i+1]
		h := max(l.MinSize().Height, f.MinSize().Height)
		fw := size.Width - lw - pad
		lx, fx := float32(0), lw+pad
		if g.rtl {
			lx, fx = fw+pad, 0
		}
		l.Move(fyne.NewPos(lx, y))
		l.Resize(fyne.NewSize(lw, l.MinSize().Height))
		f.Move(fyne.NewPos(fx, y))
		f.Resize(fyne.NewSize(fw, h))
		y += h + pad
	}
}

func (g formGrid) MinSize(objs []fyne.CanvasObject) fyne.Size {
	lw := g.widths(objs)
	var w, h float32
	for i := 0; i+1 < len(objs); i += 2 {
		l, f := objs[i].MinSize(), objs[i+1].MinSize()
		w = max(w, f.Width)
		h += max(l.Height, f.Height) + theme.Padding()
	}
	return fyne.NewSize(lw+theme.Padding()+w, h)
}
