package widgets

import (
	"strings"
	"testing"

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
