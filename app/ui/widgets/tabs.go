package widgets

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Tabs shows one of its items' content under a row of tabs, as
// container.AppTabs does, but with typeset tab names and the row starting
// at the right in a right-to-left interface (AppTabs always starts at the
// left). Items are in visual order, left to right.
type Tabs struct {
	widget.BaseWidget
	Items      []*container.TabItem
	OnSelected func(*container.TabItem)

	k        *Kit
	selected int
	buttons  []*LabelButton
	marks    []*canvas.Rectangle // the line under the selected tab
	stack    *fyne.Container
	box      fyne.CanvasObject
}

// NewTabs shows items as tabs, the leftmost selected.
func (k *Kit) NewTabs(items ...*container.TabItem) *Tabs {
	t := &Tabs{Items: items, k: k}
	var row []fyne.CanvasObject
	var contents []fyne.CanvasObject
	for i, it := range items {
		b := k.NewLabelButton(it.Text, it.Icon, func() { t.SelectIndex(i) }, widget.LowImportance)
		mark := canvas.NewRectangle(color.Transparent)
		mark.SetMinSize(fyne.NewSize(0, 3))
		t.buttons = append(t.buttons, b)
		t.marks = append(t.marks, mark)
		row = append(row, container.NewVBox(b.Obj, mark))
		contents = append(contents, it.Content)
	}
	if k.RTL() {
		row = append([]fyne.CanvasObject{layout.NewSpacer()}, row...)
	} else {
		row = append(row, layout.NewSpacer())
	}
	t.stack = container.NewStack(contents...)
	t.box = container.NewBorder(container.NewVBox(container.NewHBox(row...), widget.NewSeparator()), nil, nil, nil, t.stack)
	t.ExtendBaseWidget(t)
	t.show()
	return t
}

// CreateRenderer draws the row of tabs and the selected content.
func (t *Tabs) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(t.box) }

// Selected is the item shown.
func (t *Tabs) Selected() *container.TabItem { return t.Items[t.selected] }

// Select shows item, if it is one of the tabs.
func (t *Tabs) Select(item *container.TabItem) {
	for i, it := range t.Items {
		if it == item {
			t.SelectIndex(i)
		}
	}
}

// SelectIndex shows the i-th item from the left.
func (t *Tabs) SelectIndex(i int) {
	if i < 0 || i >= len(t.Items) || i == t.selected {
		return
	}
	t.selected = i
	t.show()
	if t.OnSelected != nil {
		t.OnSelected(t.Items[i])
	}
}

// show shows the selected content and marks its tab.
func (t *Tabs) show() {
	for i, it := range t.Items {
		on := i == t.selected
		setShown(it.Content, on)
		t.buttons[i].Label.Importance = widget.MediumImportance
		t.marks[i].FillColor = color.Transparent
		if on {
			t.buttons[i].Label.Importance = widget.HighImportance
			t.marks[i].FillColor = theme.Color(theme.ColorNamePrimary)
		}
		t.buttons[i].Label.Bold = on
		t.buttons[i].Label.Refresh()
		t.marks[i].Refresh()
	}
}

// setShown shows or hides o, leaving it alone when it already is so
// (Show on a shown object still refreshes it).
func setShown(o fyne.CanvasObject, show bool) {
	if o.Visible() == show {
		return
	}
	if show {
		o.Show()
	} else {
		o.Hide()
	}
}

// Buttons are the tabs' buttons, in the order of Items.
func (t *Tabs) Buttons() []*LabelButton { return t.buttons }
