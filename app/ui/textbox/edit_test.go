package textbox

import (
	"math"
	"slices"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"communique/app/typeset"
)

// mixed is Latin, Arabic, European digits after Arabic (which UAX #9
// makes Arabic numbers, drawn left of the Arabic word) and Latin again.
const mixed = "Vote مرحبا بكم 2024 now"

// newTestEdit shows a textEdit of the given width in a test window.
func newTestEdit(t testing.TB, lang, text string, width float32) (*Edit, fyne.Window) {
	t.Helper()
	a := test.NewApp()
	a.Settings().SetTheme(theme.DefaultTheme())
	t.Cleanup(func() { a.Quit() })
	e := NewEdit(lang, "")
	e.SetText(text)
	w := a.NewWindow("edit")
	w.SetPadded(false)
	w.SetContent(container.NewWithoutLayout(e))
	e.Resize(fyne.NewSize(width, e.MinSize().Height))
	w.Resize(fyne.NewSize(width+10, 400))
	w.Show()
	w.Canvas().Focus(e)
	return e, w
}

// visualEdges lists, from the engine's clusters, the offset at each
// cluster's left edge on the first line, left to right, and its x.
func visualEdges(e *Edit) (offs []int, xs []float64) {
	ln := e.layout().lines[0].line
	for _, run := range ln.Runs {
		for _, c := range run.Clusters {
			o := c.Start
			if run.RTL() {
				o = c.End
			}
			offs = append(offs, o)
			xs = append(xs, c.X)
		}
	}
	return offs, xs
}

// TestRightArrowFollowsVisualOrder presses Right from the left edge of a
// mixed line: each press must move the caret to the next cluster edge on
// screen, as the typesetting engine placed the clusters, whatever the
// logical order (offsets go down inside the Arabic run).
func TestRightArrowFollowsVisualOrder(t *testing.T) {
	e, _ := newTestEdit(t, "en", mixed, 1000)
	offs, xs := visualEdges(e)
	e.SetCursor(0)
	if got := e.caretX(); math.Abs(got-xs[0]) > 0.01 {
		t.Fatalf("caret at 0 drawn at x=%.2f, want the left edge %.2f", got, xs[0])
	}
	decreasing := 0
	prev := e.CursorOffset()
	for i := 1; i < len(offs); i++ {
		e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyRight})
		if got := e.caretX(); math.Abs(got-xs[i]) > 0.01 {
			t.Fatalf("press %d: caret at offset %d x=%.2f, want cluster edge x=%.2f (offset %d)", i, e.CursorOffset(), got, xs[i], offs[i])
		}
		if e.CursorOffset() < prev {
			decreasing++
		}
		prev = e.CursorOffset()
	}
	if decreasing == 0 {
		t.Errorf("Right never went back in logical order: the Arabic run was not crossed right to left")
	}
	// And Left retraces the same stops.
	for i := len(offs) - 2; i >= 0; i-- {
		e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyLeft})
		if got := e.caretX(); math.Abs(got-xs[i]) > 0.01 {
			t.Fatalf("Left back to %d: x=%.2f, want %.2f", i, got, xs[i])
		}
	}
}

// TestEveryOffsetReachable walks a mixed line with Right from its left
// end and back with Left, in both paragraph directions: the caret moves
// strictly rightwards (then leftwards) on screen, and every caret position
// is visited on the way there or back. Where two runs meet, one x holds
// two offsets and the caret takes the one of the grapheme it enters.
func TestEveryOffsetReachable(t *testing.T) {
	for _, lang := range []string{"en", "ar", "ckb"} {
		e, _ := newTestEdit(t, lang, mixed+" ١٢ x", 1000)
		l := e.layout()
		left := l.lines[0].stops[0]
		e.SetCursor(left.off)
		seen := map[int]bool{e.CursorOffset(): true}
		walk := func(key fyne.KeyName, sign float64) {
			for range 2 * len(e.text) {
				x := e.caretX()
				e.TypedKey(&fyne.KeyEvent{Name: key})
				if sign*(e.caretX()-x) <= 0 {
					break // the end of the line
				}
				seen[e.CursorOffset()] = true
			}
		}
		walk(fyne.KeyRight, 1)
		walk(fyne.KeyLeft, -1)
		for o := 0; o <= len(e.text); o++ {
			if !seen[o] && l.graphemes[o] {
				t.Errorf("%s: offset %d never reached with Right and Left", lang, o)
			}
		}
	}
}

// TestTapPutsCaretAtCluster taps inside every cluster of a mixed line:
// left of its middle gives the offset at its left edge, right of it the
// offset at its right edge, in both directions of text.
func TestTapPutsCaretAtCluster(t *testing.T) {
	e, _ := newTestEdit(t, "en", mixed, 1000)
	pad := e.padding()
	ln := e.layout().lines[0].line
	y := float32(pad + e.layout().leading/2)
	for _, run := range ln.Runs {
		for _, c := range run.Clusters {
			if len(c.Text) == 0 || c.Advance < 2 {
				continue
			}
			left, right := c.Start, c.End
			if run.RTL() {
				left, right = c.End, c.Start
			}
			test.Tap(e) // focus
			e.Tapped(&fyne.PointEvent{Position: fyne.NewPos(float32(pad+c.X+c.Advance*0.2), y)})
			if e.CursorOffset() != left {
				t.Errorf("tap in the left of %q (rtl %v): caret %d, want %d", c.Text, run.RTL(), e.CursorOffset(), left)
			}
			e.Tapped(&fyne.PointEvent{Position: fyne.NewPos(float32(pad+c.X+c.Advance*0.8), y)})
			if e.CursorOffset() != right {
				t.Errorf("tap in the right of %q (rtl %v): caret %d, want %d", c.Text, run.RTL(), e.CursorOffset(), right)
			}
		}
	}
}

// TestDragSelectsAcrossDirections drags from inside "Vote" to inside the
// Arabic words: the selection is the logical range between the two
// clusters hit, painted as several rectangles.
func TestDragSelectsAcrossDirections(t *testing.T) {
	e, _ := newTestEdit(t, "en", mixed, 1000)
	pad := e.padding()
	y := float32(pad + e.layout().leading/2)
	l := e.layout()
	// From between "Vo" and "te" to the left edge of "بكم" (logical offset
	// just after "بكم", since its left edge is its end).
	from := l.caretX(0, 2)
	to := l.caretX(0, 14)
	e.MouseDown(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: fyne.NewPos(float32(pad+from), y)}, Button: desktop.MouseButtonPrimary})
	e.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: fyne.NewPos(float32(pad+to)+0.5, y)}})
	if got, want := e.SelectedText(), "te مرحبا بكم"; got != want {
		t.Fatalf("drag selected %q, want %q", got, want)
	}
	if rects := l.selectionRects(e.Selection()); len(rects) < 2 {
		t.Errorf("selection across a direction change painted as %d rectangle(s), want ≥ 2: %v", len(rects), rects)
	}
}

// TestShiftArrowsSelectLogically: Shift+Right from "Vote " into the
// Arabic words selects in reading order whatever the screen order.
func TestShiftArrowsSelectLogically(t *testing.T) {
	e, _ := newTestEdit(t, "en", mixed, 1000)
	e.SetCursor(5)
	e.KeyDown(&fyne.KeyEvent{Name: desktop.KeyShiftLeft})
	for range 3 {
		e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyRight})
	}
	e.KeyUp(&fyne.KeyEvent{Name: desktop.KeyShiftLeft})
	// Right at the left end of "مرحبا بكم" enters the run at its
	// visual left, which is its logical end ("بكم" is its last word).
	a, b := e.Selection()
	if a == b {
		t.Fatal("Shift+Right selected nothing")
	}
	sel := e.SelectedText()
	if sel != string(e.text[a:b]) || a > 5 || b < 5 {
		t.Fatalf("selection %q [%d,%d) does not hold the anchor 5", sel, a, b)
	}
}

// TestWordJumpsAndHomeEnd: Ctrl+Right goes to the next word's start (in
// reading order), Home and End to the ends of the visual line.
func TestWordJumpsAndHomeEnd(t *testing.T) {
	e, _ := newTestEdit(t, "en", mixed, 1000)
	e.SetCursor(0)
	var stops []int
	for range 5 {
		e.TypedShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyRight, Modifier: fyne.KeyModifierControl})
		stops = append(stops, e.CursorOffset())
	}
	if want := []int{5, 11, 15, 20, 23}; !slices.Equal(stops, want) {
		t.Errorf("Ctrl+Right stops %v, want %v", stops, want)
	}
	e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyHome})
	if e.CursorOffset() != 0 {
		t.Errorf("Home: %d", e.CursorOffset())
	}
	e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEnd})
	if e.CursorOffset() != len(e.text) {
		t.Errorf("End: %d", e.CursorOffset())
	}
	// In Arabic, Ctrl+Left reads forward.
	a, _ := newTestEdit(t, "ar", "مرحبا بكم في 2024", 1000)
	a.SetCursor(0)
	a.TypedShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyLeft, Modifier: fyne.KeyModifierControl})
	if a.CursorOffset() != 6 {
		t.Errorf("Ctrl+Left in Arabic: %d, want 6", a.CursorOffset())
	}
}

// TestUpDownByVisualLine moves through a wrapped paragraph: each Down is
// one visual line, and the caret keeps its x.
func TestUpDownByVisualLine(t *testing.T) {
	text := "The Political Directors reaffirmed their commitment to the Coalition's civilian and military lines of effort in the liberated areas."
	e, _ := newTestEdit(t, "en", text, 220)
	l := e.layout()
	if len(l.lines) < 4 {
		t.Fatalf("want a wrapped paragraph, got %d lines", len(l.lines))
	}
	e.SetCursor(3)
	x0 := e.caretX()
	for k := 1; k < len(l.lines); k++ {
		e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
		if got := l.lineOf(e.CursorOffset(), e.upstream); got != k {
			t.Fatalf("Down %d: on line %d", k, got)
		}
		if math.Abs(e.caretX()-x0) > 12 {
			t.Errorf("Down %d: x %.1f drifted from %.1f", k, e.caretX(), x0)
		}
	}
	for k := len(l.lines) - 2; k >= 0; k-- {
		e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyUp})
		if got := l.lineOf(e.CursorOffset(), e.upstream); got != k {
			t.Fatalf("Up to %d: on line %d", k, got)
		}
	}
	if e.CursorOffset() != 3 {
		t.Errorf("back on the first line at %d, want 3", e.CursorOffset())
	}
}

// TestRightToLeftAlignment: an Arabic paragraph's lines end at the right
// edge of the box and the caret at offset 0 stands there.
func TestRightToLeftAlignment(t *testing.T) {
	e, _ := newTestEdit(t, "ar", "1. أكد المديرون السياسيون التزامهم بدعم الاستقرار في المناطق المحررة من داعش ISIS عام 2024.", 260)
	l := e.layout()
	if !l.rtl || len(l.lines) < 2 {
		t.Fatalf("rtl %v, %d lines", l.rtl, len(l.lines))
	}
	for k, ln := range l.lines {
		if right := ln.line.Left + ln.line.Width; math.Abs(right-l.width) > 0.5 {
			t.Errorf("line %d ends at %.1f, box is %.1f wide", k, right, l.width)
		}
	}
	e.SetCursor(0)
	if x := e.caretX(); math.Abs(x-l.width) > 0.5 {
		t.Errorf("caret at the start of Arabic text at x=%.1f, want the right edge %.1f", x, l.width)
	}
	// A line starting with a digit still reads right to left: "1." is at
	// the right.
	first := l.lines[0].line
	last := first.Runs[len(first.Runs)-1]
	if c := last.Clusters[len(last.Clusters)-1]; c.Start != 0 {
		t.Errorf("rightmost cluster of line 0 is %q at %d, want the leading digit", c.Text, c.Start)
	}
}

// TestClipboardAndUndo cuts, pastes, undoes and redoes.
func TestClipboardAndUndo(t *testing.T) {
	e, _ := newTestEdit(t, "fa", "", 600)
	cb := fyne.CurrentApp().Clipboard()
	test.Type(e, "می\u200cخواهم")
	if e.Text() != "می\u200cخواهم" {
		t.Fatalf("typed %q", e.Text())
	}
	e.TypedShortcut(&fyne.ShortcutSelectAll{})
	e.TypedShortcut(&fyne.ShortcutCut{Clipboard: cb})
	if e.Text() != "" || cb.Content() != "می\u200cخواهم" {
		t.Fatalf("after cut: text %q clipboard %q", e.Text(), cb.Content())
	}
	e.TypedShortcut(&fyne.ShortcutPaste{Clipboard: cb})
	e.TypedShortcut(&fyne.ShortcutPaste{Clipboard: cb})
	if e.Text() != "می\u200cخواهممی\u200cخواهم" {
		t.Fatalf("after two pastes %q", e.Text())
	}
	e.TypedShortcut(&fyne.ShortcutUndo{})
	if e.Text() != "می\u200cخواهم" {
		t.Fatalf("undo: %q", e.Text())
	}
	e.TypedShortcut(&fyne.ShortcutUndo{})
	e.TypedShortcut(&fyne.ShortcutUndo{})
	if e.Text() != "می\u200cخواهم" {
		t.Fatalf("undo to the typed word: %q", e.Text())
	}
	e.TypedShortcut(&fyne.ShortcutRedo{})
	if e.Text() != "" {
		t.Fatalf("redo the cut: %q", e.Text())
	}
	// Backspace removes a whole grapheme (a letter with its mark).
	e.SetText("نَ")
	e.SetCursor(2)
	e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyBackspace})
	if e.Text() != "" {
		t.Errorf("Backspace left %q", e.Text())
	}
}

// TestTabMovesFocus: the editor does not take Tab; Ctrl+Tab inserts one.
func TestTabMovesFocus(t *testing.T) {
	e, _ := newTestEdit(t, "en", "a", 300)
	if e.AcceptsTab() {
		t.Fatal("textEdit accepts Tab")
	}
	e.SetCursor(1)
	e.TypedShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyTab, Modifier: fyne.KeyModifierControl})
	if e.Text() != "a\t" {
		t.Errorf("Ctrl+Tab: %q", e.Text())
	}
}

// typingSentences are typed at every width: French with its spaces
// before high punctuation and guillemets, Sorani with digits and Latin.
var typingSentences = []struct{ lang, text string }{
	{"fr", "Les directeurs politiques ont souligné l'importance de « la stabilisation » : ils l'ont dit le 3 juin 2020 !"},
	{"ckb", "بەڕێوەبەرە سیاسییەکان لە ١٠ی حوزەیرانی 2020 جەختیان کردەوە لەسەر NATO و ISIS."},
}

// TestTypingAtEveryWidth types each sentence, one key at a time, into a
// box of every width from 200 to 1000 px: the text must come back
// exactly, with the caret at its end after every key and every character
// on exactly one line.
func TestTypingAtEveryWidth(t *testing.T) {
	for _, s := range typingSentences {
		e, _ := newTestEdit(t, s.lang, "", 200)
		want := []rune(s.text)
		for w := 200; w <= 1000; w++ {
			e.SetText("")
			e.Resize(fyne.NewSize(float32(w), e.MinSize().Height))
			for i, r := range want {
				e.TypedRune(r)
				if e.CursorOffset() != i+1 {
					t.Fatalf("%s width %d: after key %d caret at %d", s.lang, w, i+1, e.CursorOffset())
				}
			}
			if got := e.Text(); got != s.text {
				t.Fatalf("%s width %d: typed %q, got %q", s.lang, w, s.text, got)
			}
			checkCoverage(t, e.layout(), w)
		}
	}
}

// checkCoverage: the lines cover the text without gap or overlap.
func checkCoverage(t *testing.T, l *Layout, w int) {
	t.Helper()
	next := 0
	for k, ln := range l.lines {
		if ln.start != next {
			t.Fatalf("width %d: line %d starts at %d, want %d", w, k, ln.start, next)
		}
		next = ln.end
	}
	if next != len(l.text) {
		t.Fatalf("width %d: lines end at %d of %d", w, next, len(l.text))
	}
}

// TestIsolatedPathInArabic: a path isolated with LRI…PDI keeps its
// leading slash at its left inside an Arabic sentence.
func TestIsolatedPathInArabic(t *testing.T) {
	l, err := LayoutText("فُتحت "+"\u2066/tmp/ws\u2069", 1000, 14, "ar", typeset.RightToLeft, false)
	if err != nil {
		t.Fatal(err)
	}
	var slashX, tX float64 = -1, -1
	for _, run := range l.lines[0].line.Runs {
		for _, c := range run.Clusters {
			if c.Start == 7 { // the first "/"
				slashX = c.X
			}
			if c.Text == "t" {
				tX = c.X
			}
		}
	}
	if slashX < 0 || tX < 0 || slashX > tX {
		t.Errorf("leading slash at x=%.1f, 't' at %.1f: the path is not read left to right", slashX, tX)
	}
}

// TestMixedLabelsReadRight: Arabic labels holding digits or Latin come out
// in reading order ("الفقرة 1" with the number at the left end, "(TSA)" with
// its brackets around it), where widget.Label drew "1الفقرة" and ")TSA(".
func TestMixedLabelsReadRight(t *testing.T) {
	visual := func(text string) string {
		l, err := LayoutText(text, 1000, 14, "ar", typeset.RightToLeft, false)
		if err != nil {
			t.Fatal(err)
		}
		var s string
		for _, run := range l.lines[0].line.Runs {
			for _, c := range run.Clusters {
				if run.RTL() {
					s += "<" + c.Text
				} else {
					s += c.Text
				}
			}
		}
		return s
	}
	// Left to right on screen: the number, then the Arabic word (its
	// letters drawn right to left, shown here as <letter).
	if got := visual("الفقرة 1"); got != "1< <ة<ر<ق<ف<ل<ا" {
		t.Errorf("الفقرة 1 drawn as %q", got)
	}
	got := visual("ختم زمني (TSA)")
	if want := "<)TSA<(< <ي<ن<م<ز< <م<ت<خ"; got != want {
		t.Errorf("brackets: drawn as %q, want %q", got, want)
	}
}

// TestRandomEditingNeverPanics types, moves, selects, deletes, undoes and
// clicks at random (fixed seed) over text with emoji, CJK the fonts lack,
// combining marks, bidi controls and line breaks: the box must keep
// exactly the text its edits make, and never panic.
func TestRandomEditingNeverPanics(t *testing.T) {
	alphabet := []rune("aé مرحبا ١٢ 12 ()\n\u0301\u064E\u200C\u200D\u202E\u202C\u2067\u2069😀中文\t.")
	e, _ := newTestEdit(t, "ckb", "", 260)
	var model []rune
	rng := uint32(12345)
	next := func(n int) int { rng = rng*1664525 + 1013904223; return int(rng>>8) % n }
	keys := []fyne.KeyName{fyne.KeyLeft, fyne.KeyRight, fyne.KeyUp, fyne.KeyDown, fyne.KeyHome, fyne.KeyEnd, fyne.KeyBackspace, fyne.KeyDelete}
	for i := range 1500 {
		switch op := next(10); {
		case op < 5:
			r := alphabet[next(len(alphabet))]
			a, b := e.Selection()
			model = slices.Concat(model[:a], []rune{r}, model[b:])
			e.TypedRune(r)
		case op < 8:
			k := keys[next(len(keys))]
			e.shift = next(3) == 0
			e.TypedKey(&fyne.KeyEvent{Name: k})
			e.shift = false
			model = []rune(e.Text()) // deletions: checked against the model below by length
		case op < 9:
			e.Tapped(&fyne.PointEvent{Position: fyne.NewPos(float32(next(300)), float32(next(200)))})
		default:
			e.TypedShortcut(&fyne.ShortcutUndo{})
			model = []rune(e.Text())
		}
		if got := e.Text(); got != string(model) {
			t.Fatalf("step %d: box holds %q, edits made %q", i, got, string(model))
		}
		if a, b := e.Selection(); a < 0 || b > len(model) {
			t.Fatalf("step %d: selection [%d,%d) outside %d runes", i, a, b, len(model))
		}
		if i%50 == 0 { // and it paints
			e.Resize(fyne.NewSize(260, e.MinSize().Height))
			r := test.WidgetRenderer(e).(*editRenderer)
			r.Draw(520, int(e.Size().Height*2))
			r.Refresh()
		}
	}
	if len(model) < 20 {
		t.Errorf("only %d runes left: the walk did not exercise long text", len(model))
	}
}

// A disabled box takes no typing, keys, pastes or clicks, and Fyne's
// focus skips it; enabled again, it edits.
func TestDisabledTakesNoInput(t *testing.T) {
	e, w := newTestEdit(t, "ar", "نص", 300)
	e.Disable()
	var _ fyne.Disableable = e
	test.Type(e, "abc")
	e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyBackspace})
	e.TypedShortcut(&fyne.ShortcutPaste{Clipboard: test.NewClipboard()})
	e.Tapped(&fyne.PointEvent{Position: fyne.NewPos(5, 5)})
	if e.Text() != "نص" {
		t.Fatalf("a disabled box now holds %q", e.Text())
	}
	e.Enable()
	w.Canvas().Focus(e)
	e.SetCursor(e.Len())
	test.Type(e, "!")
	if e.Text() != "نص!" {
		t.Errorf("enabled again, the box holds %q", e.Text())
	}
}
