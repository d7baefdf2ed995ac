package widgets

import (
	"image"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"communique/app/typeset"
	"communique/app/ui/textbox"
)

// TestTruncatedLabel: a truncated label asks for no width and cuts its
// text at a grapheme with an ellipsis so that it fits.
func TestTruncatedLabel(t *testing.T) {
	l := NewLabel("بيان المديرين السياسيين للمجموعة المصغرة في التحالف الدولي", "ar", false)
	l.Truncate = true
	if w := l.MinSize().Width; w > 3*theme.InnerPadding() {
		t.Errorf("truncated label asks for %.0f wide", w)
	}
	s := l.truncated(120)
	if !strings.HasSuffix(s, "…") || len([]rune(s)) < 4 || !strings.HasPrefix(l.Text(), strings.TrimSuffix(s, "…")) {
		t.Fatalf("truncated to %q", s)
	}
	lay, err := textbox.LayoutText(s, 1e6, float64(theme.TextSize()), "ar", typeset.RightToLeft, false)
	if err != nil || lay.NaturalWidth() > 120 {
		t.Errorf("%q is %.1f wide, more than 120", s, lay.NaturalWidth())
	}
}

// inkSpan is the leftmost and rightmost column with any ink.
func inkSpan(img image.Image) (left, right int) {
	b := img.Bounds()
	left, right = b.Max.X, -1
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			if _, _, _, a := img.At(x, y).RGBA(); a > 0x4000 {
				left, right = min(left, x), max(right, x)
			}
		}
	}
	return left, right
}

// A flush label puts its text against the asked edge whatever the
// text's direction (file names of any script in a list); without it the
// text starts where its direction starts.
func TestFlushLabels(t *testing.T) {
	testKit(t, "en") // a test app for the theme
	const w, h = 400, 30
	for _, c := range []struct {
		text             string
		flushLeft, right bool
		wantLeft         bool
	}{
		{"بيانات الوزارة", false, false, false},
		{"بيانات الوزارة", true, false, true},
		{"Archives 2025", false, false, true},
		{"Archives 2025", false, true, false},
		{"بيانات الوزارة", false, true, false},
		{"Archives 2025", true, false, true},
	} {
		l := NewLabel(c.text, "", false)
		l.FlushLeft, l.FlushRight = c.flushLeft, c.right
		l.Resize(fyne.NewSize(w, h))
		r := test.TempWidgetRenderer(t, l).(*labelRenderer)
		left, right := inkSpan(r.draw(w, h))
		if gotLeft := left < w-right; gotLeft != c.wantLeft || right < 0 {
			t.Errorf("%q flushLeft=%v flushRight=%v: ink from %d to %d", c.text, c.flushLeft, c.right, left, right)
		}
	}
}
