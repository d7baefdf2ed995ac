package textbox

import (
	"image"
	"image/color"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"communique/app/typeset"
)

// textEdit is the multi-line editor for statement and translation text.
// It keeps the text as runes and the caret and selection as rune offsets,
// and draws through the typesetting engine (bidi, shaping, line breaking),
// so right-to-left text reads as in the PDF, and a keystroke only ever
// inserts at the caret: wrapping changes how the text is drawn, never
// what it is.
type Edit struct {
	widget.BaseWidget

	// Lang is the BCP 47 tag of the text: it gives the paragraph
	// direction (first strong character when the language has none).
	Lang        string
	PlaceHolder string
	// MinLines is the height of an empty box, in lines.
	MinLines int
	// SingleLine boxes take no line breaks: Enter is left to the window
	// and pasted line breaks become spaces.
	SingleLine bool
	OnChanged  func(string)
	// OnFocus reports focus gained (true) and lost.
	OnFocus func(bool)
	// OnShortcut sees the shortcuts the editor does not handle itself
	// (Ctrl+Enter, Ctrl+Up…); it reports whether it handled one.
	OnShortcut func(fyne.Shortcut) bool
	// OnKey sees each key before the box; returning true keeps it from
	// the box (a file chooser's path field takes Enter, Escape and Down).
	OnKey func(*fyne.KeyEvent) bool

	text     []rune
	caret    int
	anchor   int  // other end of the selection; == caret when none
	upstream bool // caret shown at the end of a wrapped line
	stopX    float64
	haveX    bool // stopX is where the caret stands (after a visual move)
	goalX    float64
	haveGoal bool // Up/Down keep aiming at goalX
	focused  bool
	shift    bool
	dragging bool

	disabled bool

	undo, redo []editState
	lastKind   editKind

	lay *Layout
}

// editState is a snapshot for undo.
type editState struct {
	text          []rune
	caret, anchor int
}

type editKind uint8

const (
	editOther editKind = iota
	editTyping
	editDeleting
)

func NewEdit(lang, placeholder string) *Edit {
	e := &Edit{Lang: lang, PlaceHolder: placeholder, MinLines: 2}
	e.ExtendBaseWidget(e)
	return e
}

// Text returns the text being edited.
func (e *Edit) Text() string { return string(e.text) }

// SetText replaces the text, keeping the caret where it can. It calls
// OnChanged when the text changes, as widget.Entry does.
func (e *Edit) SetText(s string) {
	if s == string(e.text) {
		return
	}
	e.text = []rune(s)
	e.caret = min(e.caret, len(e.text))
	e.anchor = e.caret
	e.undo, e.redo = nil, nil
	e.changed()
}

// Disable makes the box read-only and grey; Fyne's focus skips it.
func (e *Edit) Disable() {
	e.disabled = true
	e.Refresh()
}

// Enable undoes Disable.
func (e *Edit) Enable() {
	e.disabled = false
	e.Refresh()
}

// Disabled reports whether the box takes no input (fyne.Disableable).
func (e *Edit) Disabled() bool { return e.disabled }

// Fill gives a box not yet drawn its first text, without calling
// OnChanged: nothing was edited, and nothing is laid out twice.
func (e *Edit) Fill(s string) { e.text = []rune(s) }

// Replace puts s in the box as one undoable edit: over the whole text when
// all is set, else over the selection (at the caret). It is how a
// translation-memory match or a glossary term is inserted.
func (e *Edit) Replace(s string, all bool) {
	if all {
		e.anchor, e.caret = 0, len(e.text)
	}
	e.edit([]rune(s), editOther)
}

// Len is the length of the text in runes, the offset of its end.
func (e *Edit) Len() int { return len(e.text) }

// CursorOffset returns the caret's rune offset.
func (e *Edit) CursorOffset() int { return e.caret }

// SetCursor puts the caret at rune offset off, with no selection.
func (e *Edit) SetCursor(off int) {
	e.caret = max(0, min(off, len(e.text)))
	e.anchor, e.upstream, e.haveX, e.haveGoal = e.caret, false, false, false
	e.Refresh()
}

// Selection returns the selected range [from, to) in rune offsets.
func (e *Edit) Selection() (int, int) { return min(e.caret, e.anchor), max(e.caret, e.anchor) }

// SelectedText returns the selected text.
func (e *Edit) SelectedText() string {
	a, b := e.Selection()
	return string(e.text[a:b])
}

func (e *Edit) padding() float64 { return float64(theme.InnerPadding()) }

func (e *Edit) textSize() float64 { return float64(theme.TextSize()) }

func (e *Edit) direction() typeset.Direction { return typeset.DirectionOf(e.Lang) }

// layout returns the text laid out in the widget's current width.
func (e *Edit) layout() *Layout {
	w := float64(e.Size().Width) - 2*e.padding()
	if e.Size().Width <= 0 {
		w = 400
	}
	if e.lay != nil && e.lay.width == max(w, 1) {
		return e.lay
	}
	l, err := LayoutText(string(e.text), w, e.textSize(), e.Lang, e.direction(), false)
	if err != nil {
		fyne.LogError("text layout", err)
		l = &Layout{text: e.text, width: w, leading: 1.45 * e.textSize(), lines: []textLine{{hard: true, stops: []caretStop{{}}}}, graphemes: make([]bool, len(e.text)+1)}
	}
	e.lay = l
	return l
}

// changed records a change of text: layout again, tell the owner.
func (e *Edit) changed() {
	e.lay = nil
	e.haveX, e.haveGoal = false, false
	e.Refresh()
	if e.OnChanged != nil {
		e.OnChanged(string(e.text))
	}
}

// edit replaces the selection with s, as one undoable step of kind k.
func (e *Edit) edit(s []rune, k editKind) {
	a, b := e.Selection()
	if a == b && len(s) == 0 {
		return
	}
	if k == editOther || k != e.lastKind || len(e.undo) == 0 || (k == editTyping && len(s) == 1 && s[0] == ' ') {
		e.pushUndo()
	}
	e.lastKind = k
	e.redo = nil
	e.text = slices.Concat(e.text[:a], s, e.text[b:])
	e.caret = a + len(s)
	e.anchor, e.upstream = e.caret, false
	e.changed()
}

func (e *Edit) pushUndo() {
	const maxUndo = 200
	e.undo = append(e.undo, editState{slices.Clone(e.text), e.caret, e.anchor})
	if len(e.undo) > maxUndo {
		e.undo = e.undo[1:]
	}
}

// Undo and Redo step through the edits.
func (e *Edit) Undo() { e.swap(&e.undo, &e.redo) }
func (e *Edit) Redo() { e.swap(&e.redo, &e.undo) }

func (e *Edit) swap(from, to *[]editState) {
	if len(*from) == 0 {
		return
	}
	s := (*from)[len(*from)-1]
	*from = (*from)[:len(*from)-1]
	*to = append(*to, editState{slices.Clone(e.text), e.caret, e.anchor})
	e.text, e.caret, e.anchor = s.text, s.caret, s.anchor
	e.lastKind = editOther
	e.changed()
}

// TypedRune inserts a character at the caret.
func (e *Edit) TypedRune(r rune) {
	if e.disabled {
		return
	}
	e.edit([]rune{r}, editTyping)
}

// FocusGained and FocusLost implement fyne.Focusable.
func (e *Edit) FocusGained() {
	e.focused = true
	e.Refresh()
	if e.OnFocus != nil {
		e.OnFocus(true)
	}
}

func (e *Edit) FocusLost() {
	e.focused, e.shift, e.dragging = false, false, false
	e.Refresh()
	if e.OnFocus != nil {
		e.OnFocus(false)
	}
}

// AcceptsTab is false: Tab moves the focus, Ctrl+Tab inserts a tab.
func (e *Edit) AcceptsTab() bool { return false }

// KeyDown and KeyUp track Shift, which fyne.KeyEvent does not carry.
func (e *Edit) KeyDown(k *fyne.KeyEvent) {
	if k.Name == desktop.KeyShiftLeft || k.Name == desktop.KeyShiftRight {
		e.shift = true
	}
}

func (e *Edit) KeyUp(k *fyne.KeyEvent) {
	if k.Name == desktop.KeyShiftLeft || k.Name == desktop.KeyShiftRight {
		e.shift = false
	}
}

func (e *Edit) shiftHeld() bool {
	if e.shift {
		return true
	}
	if d, ok := fyne.CurrentApp().Driver().(desktop.Driver); ok {
		return d.CurrentKeyModifiers()&fyne.KeyModifierShift != 0
	}
	return false
}

// TypedKey handles the keys that edit or move without a modifier (Shift
// extends the selection).
func (e *Edit) TypedKey(k *fyne.KeyEvent) {
	if e.disabled || (e.OnKey != nil && e.OnKey(k)) {
		return
	}
	switch k.Name {
	case fyne.KeyReturn, fyne.KeyEnter:
		if !e.SingleLine {
			e.edit([]rune{'\n'}, editOther)
		}
	case fyne.KeyBackspace:
		e.deleteBy(func(l *Layout, o int) int { return l.prevGrapheme(o) })
	case fyne.KeyDelete:
		e.deleteBy(func(l *Layout, o int) int { return l.nextGrapheme(o) })
	default:
		e.moveKey(k.Name, 0)
	}
}

// deleteBy deletes the selection, or from the caret to step(caret).
func (e *Edit) deleteBy(step func(*Layout, int) int) {
	if e.caret == e.anchor {
		e.anchor = step(e.layout(), e.caret)
	}
	e.edit(nil, editDeleting)
}

// moveKey moves the caret for an arrow, Home, End, Page key; mod holds
// Ctrl for word and document moves. It reports whether it knew the key.
func (e *Edit) moveKey(name fyne.KeyName, mod fyne.KeyModifier) bool {
	l := e.layout()
	ctrl := mod&(fyne.KeyModifierControl|fyne.KeyModifierSuper) != 0
	extend := mod&fyne.KeyModifierShift != 0 || e.shiftHeld()
	var off int
	up, keepGoal := false, false
	switch name {
	case fyne.KeyLeft, fyne.KeyRight:
		dir := 1
		if name == fyne.KeyLeft {
			dir = -1
		}
		if !extend && e.caret != e.anchor && !ctrl {
			off = e.collapseTo(dir)
			break
		}
		if ctrl {
			// Word jumps go by reading order, which is leftwards in a
			// right-to-left paragraph.
			if (dir > 0) != l.rtl {
				off = nextWord(e.text, e.caret)
			} else {
				off = prevWord(e.text, e.caret)
			}
			break
		}
		var x float64
		off, x, up = l.moveVisual(e.caret, e.upstream, e.caretX(), dir)
		e.place(off, up, extend)
		e.stopX, e.haveX = x, true
		return true
	case fyne.KeyUp, fyne.KeyDown, fyne.KeyPageUp, fyne.KeyPageDown:
		off, up = e.vertical(name)
		keepGoal = true
	case fyne.KeyHome:
		if ctrl {
			off = 0
		} else {
			off = l.lineStart(l.lineOf(e.caret, e.upstream))
		}
	case fyne.KeyEnd:
		if ctrl {
			off = len(e.text)
		} else {
			off, up = l.lineEnd(l.lineOf(e.caret, e.upstream))
		}
	default:
		return false
	}
	e.place(off, up, extend)
	if !keepGoal {
		e.haveGoal = false
	}
	return true
}

// collapseTo ends a selection at its left (dir -1) or right end on
// screen, which in right-to-left text is the logical end or start.
func (e *Edit) collapseTo(dir int) int {
	a, b := e.Selection()
	if (dir > 0) != e.layout().rtl {
		return b
	}
	return a
}

// vertical moves a visual line (or a page) up or down, aiming at the x
// the caret had when vertical moving began.
func (e *Edit) vertical(name fyne.KeyName) (int, bool) {
	l := e.layout()
	if !e.haveGoal {
		e.goalX, e.haveGoal = e.caretX(), true
	}
	k := l.lineOf(e.caret, e.upstream)
	step := 1
	switch name {
	case fyne.KeyUp:
		step = -1
	case fyne.KeyPageUp:
		step = -10
	case fyne.KeyPageDown:
		step = 10
	}
	n := k + step
	switch {
	case n < 0:
		return 0, false
	case n >= len(l.lines):
		return len(e.text), false
	}
	return l.hitLine(n, e.goalX)
}

// place moves the caret to off; extend keeps the anchor (a selection).
func (e *Edit) place(off int, upstream, extend bool) {
	e.caret, e.upstream, e.haveX = off, upstream, false
	if !extend {
		e.anchor = off
	}
	e.lastKind = editOther
	e.Refresh()
}

// caretX is where the caret is drawn, in layout coordinates.
func (e *Edit) caretX() float64 {
	l := e.layout()
	k := l.lineOf(e.caret, e.upstream)
	if e.haveX {
		for _, s := range l.lines[k].stops {
			if s.off == e.caret && s.x == e.stopX {
				return s.x
			}
		}
	}
	return l.caretX(k, e.caret)
}

// TypedShortcut handles clipboard, undo, select-all and the moves with
// Ctrl; the rest goes to OnShortcut.
func (e *Edit) TypedShortcut(s fyne.Shortcut) {
	if e.disabled {
		return
	}
	switch sc := s.(type) {
	case *fyne.ShortcutCopy:
		if a, b := e.Selection(); a < b {
			sc.Clipboard.SetContent(e.SelectedText())
		}
	case *fyne.ShortcutCut:
		if a, b := e.Selection(); a < b {
			sc.Clipboard.SetContent(e.SelectedText())
			e.edit(nil, editOther)
		}
	case *fyne.ShortcutPaste:
		text := []rune(sc.Clipboard.Content())
		if e.SingleLine {
			for i, r := range text {
				if r == '\n' || r == '\r' {
					text[i] = ' '
				}
			}
		}
		e.edit(text, editOther)
	case *fyne.ShortcutSelectAll:
		e.anchor, e.caret, e.upstream = 0, len(e.text), false
		e.Refresh()
	case *fyne.ShortcutUndo:
		e.Undo()
	case *fyne.ShortcutRedo:
		e.Redo()
	case *desktop.CustomShortcut:
		if !e.customShortcut(sc) {
			e.passOn(s)
		}
	default:
		e.passOn(s)
	}
}

// passOn gives a shortcut the editor does not use to its owner, then to
// the window (Ctrl+S must save whatever has the focus).
func (e *Edit) passOn(s fyne.Shortcut) {
	if e.OnShortcut != nil && e.OnShortcut(s) {
		return
	}
	c := fyne.CurrentApp().Driver().CanvasForObject(e)
	if sh, ok := c.(interface{ TypedShortcut(fyne.Shortcut) }); ok {
		sh.TypedShortcut(s)
	}
}

func (e *Edit) customShortcut(sc *desktop.CustomShortcut) bool {
	ctrl := sc.Modifier&(fyne.KeyModifierControl|fyne.KeyModifierSuper) != 0
	switch {
	case ctrl && sc.KeyName == fyne.KeyTab && sc.Modifier&fyne.KeyModifierShift == 0:
		e.edit([]rune{'\t'}, editOther)
		return true
	case ctrl && sc.KeyName == fyne.KeyZ && sc.Modifier&fyne.KeyModifierShift != 0:
		e.Redo()
		return true
	case ctrl && sc.KeyName == fyne.KeyBackspace:
		if e.caret == e.anchor {
			e.anchor = prevWord(e.text, e.caret)
		}
		e.edit(nil, editOther)
		return true
	case ctrl && sc.KeyName == fyne.KeyDelete:
		if e.caret == e.anchor {
			e.anchor = nextWord(e.text, e.caret)
		}
		e.edit(nil, editOther)
		return true
	case sc.KeyName == fyne.KeyUp || sc.KeyName == fyne.KeyDown:
		if ctrl {
			return false // previous/next message, the owner's
		}
	}
	return e.moveKey(sc.KeyName, sc.Modifier)
}

// Tapped puts the caret where the pointer is.
func (e *Edit) Tapped(ev *fyne.PointEvent) {
	if e.disabled {
		return
	}
	e.focus()
	if !e.dragging {
		e.placeAt(ev.Position, e.shiftHeld())
	}
	e.dragging = false
}

// DoubleTapped selects the word under the pointer.
func (e *Edit) DoubleTapped(ev *fyne.PointEvent) {
	if e.disabled {
		return
	}
	e.placeAt(ev.Position, false)
	a, b := prevWord(e.text, e.caret), e.caret
	for b < len(e.text) && isWordRune(e.text[b]) {
		b++
	}
	if a < e.caret && e.caret < len(e.text) && !isWordRune(e.text[e.caret]) {
		a = e.caret
	}
	e.anchor, e.caret = a, b
	e.Refresh()
}

// MouseDown starts a selection; MouseUp implements desktop.Mouseable.
func (e *Edit) MouseDown(ev *desktop.MouseEvent) {
	if e.disabled {
		return
	}
	if ev.Button != desktop.MouseButtonPrimary {
		return
	}
	e.focus()
	e.placeAt(ev.Position, ev.Modifier&fyne.KeyModifierShift != 0)
}

func (e *Edit) MouseUp(*desktop.MouseEvent) {}

// Dragged extends the selection to the pointer.
func (e *Edit) Dragged(ev *fyne.DragEvent) {
	if e.disabled {
		return
	}
	e.dragging = true
	e.placeAt(ev.Position, true)
}

func (e *Edit) DragEnd() {}

// Cursor implements desktop.Cursorable.
func (e *Edit) Cursor() desktop.Cursor { return desktop.TextCursor }

func (e *Edit) focus() {
	if c := fyne.CurrentApp().Driver().CanvasForObject(e); c != nil && c.Focused() != e {
		c.Focus(e)
	}
}

// placeAt puts the caret at the cluster nearest to a point in the widget.
func (e *Edit) placeAt(p fyne.Position, extend bool) {
	pad := e.padding()
	off, up := e.layout().hit(float64(p.X)-pad, float64(p.Y)-pad)
	e.place(off, up, extend)
	e.haveGoal = false
}

// MinSize is as tall as the text in the current width.
func (e *Edit) MinSize() fyne.Size {
	e.ExtendBaseWidget(e)
	return e.BaseWidget.MinSize()
}

func (e *Edit) CreateRenderer() fyne.WidgetRenderer {
	e.ExtendBaseWidget(e)
	r := &editRenderer{e: e}
	r.bg = canvas.NewRectangle(theme.Color(theme.ColorNameInputBackground))
	r.bg.CornerRadius = theme.InputRadiusSize()
	r.border = canvas.NewRectangle(color.Transparent)
	r.border.StrokeWidth = theme.InputBorderSize()
	r.border.CornerRadius = theme.InputRadiusSize()
	r.glyphs = canvas.NewRaster(r.Draw)
	r.caret = canvas.NewRectangle(theme.Color(theme.ColorNamePrimary))
	return r
}

// editRenderer draws the box, the selection, the glyphs (one raster)
// and the caret. Moving the caret or the selection does not repaint the
// glyphs.
type editRenderer struct {
	e      *Edit
	bg     *canvas.Rectangle
	border *canvas.Rectangle
	glyphs *canvas.Raster
	caret  *canvas.Rectangle
	sel    []*canvas.Rectangle
	drawn  *Layout      // the layout the raster shows
	img    *image.NRGBA // reused from frame to frame
}

func (r *editRenderer) Destroy() {}

func (r *editRenderer) Objects() []fyne.CanvasObject {
	objs := []fyne.CanvasObject{r.bg}
	for _, s := range r.sel {
		objs = append(objs, s)
	}
	return append(objs, r.glyphs, r.caret, r.border)
}

func (r *editRenderer) MinSize() fyne.Size {
	l := r.e.layout()
	lines := max(len(l.lines), r.e.MinLines, 1)
	return fyne.NewSize(60, float32(float64(lines)*l.leading+2*r.e.padding()))
}

func (r *editRenderer) Layout(size fyne.Size) {
	r.bg.Resize(size)
	r.border.Resize(size)
	r.glyphs.Resize(size)
	r.place()
}

// draw paints the glyphs at the raster's pixel size; an empty box shows
// its placeholder, dimmed.
func (r *editRenderer) Draw(w, h int) image.Image {
	e := r.e
	size := e.Size()
	if size.Width <= 0 {
		return image.NewNRGBA(image.Rect(0, 0, 1, 1))
	}
	scale := float64(w) / float64(size.Width)
	l := e.layout()
	r.drawn = l
	if len(e.text) == 0 && e.PlaceHolder != "" {
		pl, err := LayoutText(e.PlaceHolder, l.width, e.textSize(), e.Lang, e.direction(), false)
		if err == nil {
			return drawLayout(pl, w, h, scale, e.padding(), theme.Color(theme.ColorNamePlaceHolder))
		}
	}
	ink := theme.Color(theme.ColorNameForeground)
	if e.disabled {
		ink = theme.Color(theme.ColorNameDisabled)
	}
	r.img = drawLayoutInto(r.img, l, w, h, scale, e.padding(), e.padding(), ink)
	return r.img
}

// place puts the caret and the selection rectangles where the layout says.
func (r *editRenderer) place() {
	e := r.e
	l := e.layout()
	pad := float32(e.padding())
	k := l.lineOf(e.caret, e.upstream)
	x := float32(e.caretX())
	r.caret.Move(fyne.NewPos(pad+x-1, pad+float32(float64(k)*l.leading)+2))
	r.caret.Resize(fyne.NewSize(2, float32(l.leading)-4))
	r.caret.Hidden = !e.focused || e.caret != e.anchor
	a, b := e.Selection()
	rects := l.selectionRects(a, b)
	for len(r.sel) < len(rects) {
		r.sel = append(r.sel, canvas.NewRectangle(theme.Color(theme.ColorNameSelection)))
	}
	for i, s := range r.sel {
		if i >= len(rects) {
			s.Hide()
			continue
		}
		sr := rects[i]
		s.Move(fyne.NewPos(pad+float32(sr.x0), pad+float32(float64(sr.line)*l.leading)))
		s.Resize(fyne.NewSize(float32(sr.x1-sr.x0), float32(l.leading)))
		s.FillColor = theme.Color(theme.ColorNameSelection)
		s.Show()
	}
}

func (r *editRenderer) Refresh() {
	e := r.e
	r.bg.FillColor = theme.Color(theme.ColorNameInputBackground)
	if e.focused {
		r.border.StrokeColor = theme.Color(theme.ColorNamePrimary)
	} else {
		r.border.StrokeColor = theme.Color(theme.ColorNameInputBorder)
	}
	r.caret.FillColor = theme.Color(theme.ColorNamePrimary)
	r.bg.Refresh()
	r.border.Refresh()
	r.place()
	if l := e.layout(); l != r.drawn {
		r.glyphs.Refresh()
	}
	for _, s := range r.sel {
		s.Refresh()
	}
	r.caret.Refresh()
}
