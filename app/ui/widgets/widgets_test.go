package widgets

import (
	"communique/i18n/uitext"
	"image"
	"image/color"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// testKit is a Kit for a test window in lang.
func testKit(t *testing.T, lang string) *Kit {
	t.Helper()
	a := test.NewApp()
	t.Cleanup(a.Quit)
	w := a.NewWindow("widgets")
	w.Resize(fyne.NewSize(600, 400))
	return &Kit{
		Text: func() *uitext.Text { return uitext.New(lang) },
		Win:  func() fyne.Window { return w },
		Now:  func() time.Time { return time.Date(2020, 6, 3, 0, 0, 0, 0, time.UTC) },
	}
}

// A date shows in the interface language's style and a typed one, in any
// accepted form, reaches OnChanged; nonsense fails validation.
func TestDateFieldStyles(t *testing.T) {
	d := time.Date(2020, 6, 3, 0, 0, 0, 0, time.UTC)
	for lang, want := range map[string]string{"en": "3 June 2020", "fr": "03/06/2020", "ar": "03/06/2020", "de": "3 June 2020"} {
		f := testKit(t, lang).NewDateField()
		f.SetDate(&d)
		if f.Text() != want {
			t.Errorf("%s: date shown as %q, want %q", lang, f.Text(), want)
		}
	}
	f := testKit(t, "fr").NewDateField()
	var got *time.Time
	f.OnChanged = func(t *time.Time) { got = t }
	f.Entry.SetText("2021-11-05")
	if got == nil || !got.Equal(time.Date(2021, 11, 5, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("typed date gave %v", got)
	}
	if err := f.Entry.Validator("11/31/2021"); err == nil || err.Error() != uitext.New("fr").T("Date")+"?" {
		t.Errorf("month-first date validated: %v", err)
	}
}

// A right-to-left bar fills from the right.
func TestProgressFillsFromTheReadingStart(t *testing.T) {
	for lang, fromRight := range map[string]bool{"ar": true, "en": false} {
		p := testKit(t, lang).NewProgress()
		r := test.TempWidgetRenderer(t, p).(*progressRenderer)
		p.Resize(fyne.NewSize(200, 30))
		p.Set(1, 4, "1/4")
		if w := r.fill.Size().Width; w != 50 {
			t.Errorf("%s: fill %.0f wide, want 50", lang, w)
		}
		if x := r.fill.Position().X; (x == 150) != fromRight {
			t.Errorf("%s: fill starts at x=%.0f", lang, x)
		}
		if d, n := p.Count(); d != 1 || n != 4 || p.Text() != "1/4" {
			t.Errorf("%s: bar shows %d of %d, %q", lang, d, n, p.Text())
		}
	}
}

// Enter confirms a form dialog only once its entries validate; Escape
// closes it and gives the window its keys back.
func TestFormModalKeys(t *testing.T) {
	k := testKit(t, "en")
	cv := k.Win().Canvas()
	var windowKeys int
	cv.SetOnTypedKey(func(*fyne.KeyEvent) { windowKeys++ })
	e := NewDialogEntry()
	e.Validator = func(s string) error {
		if s == "" {
			return errBadDate("name")
		}
		return nil
	}
	submitted := 0
	m := k.FormModal("Title", "OK", []FormField{{Label: "Name", Field: e, Hint: "a hint"}}, []*DialogEntry{e}, func() { submitted++ })
	m.Show()
	cv.OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if submitted != 0 || !m.pop.Visible() {
		t.Fatalf("an empty name submitted (%d) or closed the dialog", submitted)
	}
	e.SetText("x")
	cv.OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyEnter})
	if submitted != 1 || m.pop.Visible() {
		t.Fatalf("Enter with a valid name: submitted %d, shown %v", submitted, m.pop.Visible())
	}
	m.Show()
	cv.OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if submitted != 1 || m.pop.Visible() {
		t.Error("Escape submitted or left the dialog open")
	}
	cv.OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyA})
	if windowKeys != 1 {
		t.Errorf("the window got %d keys after the dialog closed, want 1", windowKeys)
	}
}

// Tabs show only the selected item and mark its tab.
func TestTabsSelect(t *testing.T) {
	a := container.NewTabItem("A", widget.NewLabel("a"))
	b := container.NewTabItem("B", widget.NewLabel("b"))
	tabs := testKit(t, "en").NewTabs(a, b)
	var picked *container.TabItem
	tabs.OnSelected = func(it *container.TabItem) { picked = it }
	if !a.Content.Visible() || b.Content.Visible() {
		t.Fatal("the first tab is not the one shown")
	}
	tabs.Select(b)
	if picked != b || tabs.Selected() != b || a.Content.Visible() || !b.Content.Visible() {
		t.Errorf("Select(b): picked %v, a shown %v, b shown %v", picked, a.Content.Visible(), b.Content.Visible())
	}
	if tabs.Buttons()[1].Label.Importance != widget.HighImportance || !tabs.Buttons()[1].Label.Bold {
		t.Error("the selected tab is not marked")
	}
}

// The bar's text is in the on-primary ink over the fill and in the text
// ink over the empty track, in both themes, so that it reads on either.
func TestProgressTextInkFollowsTheFill(t *testing.T) {
	for _, variant := range []fyne.ThemeVariant{theme.VariantLight, theme.VariantDark} {
		for lang, fillLeft := range map[string]bool{"en": true, "ar": false} {
			k := testKit(t, lang)
			fyne.CurrentApp().Settings().SetTheme(variantTheme{theme.DefaultTheme(), variant})
			p := k.NewProgress()
			r := test.TempWidgetRenderer(t, p).(*progressRenderer)
			p.Resize(fyne.NewSize(300, 30))
			p.Set(1, 2, "MMMMMMMMMMMMMMMMMMMMMMMMM")
			img := r.drawText(300, 30)
			fillInk, trackInk := theme.Color(theme.ColorNameForegroundOnPrimary), theme.Color(theme.ColorNameForeground)
			left, right := boldestInk(img, 0, 150), boldestInk(img, 150, 300)
			if !fillLeft {
				left, right = right, left
			}
			if !near(left, fillInk) || !near(right, trackInk) {
				t.Errorf("%s, variant %d: ink over the fill %v (want %v), over the track %v (want %v)", lang, variant, left, fillInk, right, trackInk)
			}
		}
	}
}

type variantTheme struct {
	fyne.Theme
	v fyne.ThemeVariant
}

func (t variantTheme) Color(n fyne.ThemeColorName, _ fyne.ThemeVariant) color.Color {
	return t.Theme.Color(n, t.v)
}

// boldestInk is the colour of the most opaque pixel between columns x0
// and x1.
func boldestInk(img image.Image, x0, x1 int) color.NRGBA {
	var best color.NRGBA
	for y := img.Bounds().Min.Y; y < img.Bounds().Max.Y; y++ {
		for x := x0; x < x1; x++ {
			c := color.NRGBAModel.Convert(img.At(x, y)).(color.NRGBA)
			if c.A > best.A {
				best = c
			}
		}
	}
	return best
}

func near(a color.NRGBA, b color.Color) bool {
	c := color.NRGBAModel.Convert(b).(color.NRGBA)
	d := func(x, y uint8) int { return max(int(x)-int(y), int(y)-int(x)) }
	return a.A > 0xc0 && d(a.R, c.R) < 24 && d(a.G, c.G) < 24 && d(a.B, c.B) < 24
}
