package ui

import (
	"image"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"communique/app/workspace"
	"communique/i18n/catalog"
)

// BenchmarkOpenWorkspace: from an opened workspace to every screen built
// (the part of a cold start that is Communiqué's own work).
func BenchmarkOpenWorkspace(b *testing.B) {
	dir := fixture(b, 0).Dir
	a := test.NewApp()
	defer a.Quit()
	a.Settings().SetTheme(theme.DefaultTheme())
	w := a.NewWindow("bench")
	w.Resize(fyne.NewSize(1280, 800))
	for b.Loop() {
		ws, err := workspace.Open(dir)
		if err != nil {
			b.Fatal(err)
		}
		c := newController(a, w)
		c.now = func() time.Time { return testDate }
		c.previewDelay = time.Hour
		c.setWorkspace(ws)
	}
}

// BenchmarkTypeInParagraph types 100 characters into paragraph 25 of a
// 50-paragraph statement, with the Arabic workbench open beside it, and
// reports the cost of one keystroke: the entry's own work, the source
// catalog edit, the status of every language and the screens that show it.
// Target: ≤ 16 ms per keystroke.
func BenchmarkTypeInParagraph(b *testing.B) {
	ws := fixture(b, 44)
	c := newTestUI(b, ws)
	if n := len(c.st.Paragraphs); n != 50 {
		b.Fatalf("statement has %d paragraphs, want 50", n)
	}
	c.openLanguage("ar")
	c.tabs.SelectIndex(0)
	c.preview.Delay = time.Hour // the typeset preview is measured on its own
	en := c.editor.Rows[24].Entry
	orig := en.Text()
	const keys = "The Coalition reaffirms its commitment to stabilisation support in the liberated areas, now + later "
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		test.Type(en, keys)
		b.StopTimer()
		if e, _ := c.entry("ar", c.st.Paragraphs[24]); e.State != catalog.NeedsReview {
			b.Fatalf("after typing, ar is %s", e.State)
		}
		en.SetText(orig)
		b.StartTimer()
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(keys))/1e6, "ms/keystroke")
}

// BenchmarkTypeTranslation types 100 characters into the Arabic
// translation of paragraph 25 of 50 with the workbench on screen: the
// entry, the catalog edit, the language's status, the row, the progress.
func BenchmarkTypeTranslation(b *testing.B) {
	ws := fixture(b, 44)
	c := newTestUI(b, ws)
	c.openLanguage("ar")
	c.preview.Delay = time.Hour
	id := c.st.Paragraphs[24]
	en := c.bench.rows[id].forms[0].entry
	orig := en.Text()
	const keys = "وأكد المديرون السياسيون التزامهم بدعم الاستقرار في المناطق المحررة الآن وفي المستقبل القريب جداً جدا"
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		test.Type(en, keys)
		b.StopTimer()
		en.SetText(orig)
		b.StartTimer()
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len([]rune(keys)))/1e6, "ms/keystroke")
}

// BenchmarkKeystrokeToFrame types into paragraph 25 of a 50-paragraph
// statement, with the Arabic workbench built, and after every key paints
// the edited box as the window would (layout, glyph raster at 2 pixels
// per unit, caret and selection): the whole cost from key to pixels of
// the new text widget. Target: ≤ 16 ms per keystroke.
func BenchmarkKeystrokeToFrame(b *testing.B) {
	ws := fixture(b, 44)
	c := newTestUI(b, ws)
	c.openLanguage("ar")
	c.tabs.SelectIndex(0)
	c.preview.Delay = time.Hour
	en := c.editor.Rows[24].Entry
	en.Resize(fyne.NewSize(640, en.MinSize().Height))
	r := test.WidgetRenderer(en).(interface{ Draw(w, h int) image.Image })
	orig := en.Text()
	const keys = "The Coalition reaffirms its commitment to stabilisation support in the liberated areas, now + later "
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, k := range keys {
			en.TypedRune(k)
			sz := en.Size()
			r.Draw(int(sz.Width*2), int(sz.Height*2))
		}
		b.StopTimer()
		en.SetText(orig)
		b.StartTimer()
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(keys))/1e6, "ms/keystroke")
}
