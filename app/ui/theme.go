package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"communique/assets/fonts"
)

// arabicTheme is Fyne's theme with the bundled Noto Naskh Arabic as the
// first text font, for the Arabic interface: Arabic labels then never
// depend on the fonts a system happens to have. Latin letters, which
// Naskh lacks, fall back to Fyne's own Noto Sans.
type arabicTheme struct{ fyne.Theme }

var (
	naskhRegular = fyne.NewStaticResource("NotoNaskhArabic-Regular.ttf", fonts.NotoNaskhArabicRegular)
	naskhBold    = fyne.NewStaticResource("NotoNaskhArabic-Bold.ttf", fonts.NotoNaskhArabicBold)
)

func (t arabicTheme) Font(s fyne.TextStyle) fyne.Resource {
	switch {
	case s.Monospace || s.Symbol:
		return t.Theme.Font(s)
	case s.Bold:
		return naskhBold
	}
	return naskhRegular
}

// applyTheme picks the theme for the interface language.
func (c *controller) applyTheme() {
	current := c.app.Settings().Theme()
	_, isArabic := current.(arabicTheme)
	switch {
	case c.tx.Lang() == "ar" && !isArabic:
		c.app.Settings().SetTheme(arabicTheme{theme.DefaultTheme()})
	case c.tx.Lang() != "ar" && isArabic:
		c.app.Settings().SetTheme(theme.DefaultTheme())
	}
}
