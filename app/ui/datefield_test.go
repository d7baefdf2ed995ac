package ui

import (
	"testing"
	"time"

	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/test"

	"communique/app/ui/fynelocale"
	"communique/i18n/uitext"
)

// The date shows in the interface language's style, never month first,
// and a typed date reaches the statement.
func TestDateFieldStyle(t *testing.T) {
	c := newTestUI(t, fixture(t, 0))
	if got := c.editor.Date.Text(); got != "3 June 2020" {
		t.Errorf("English date shown as %q, want 3 June 2020", got)
	}
	c.editor.Date.Entry.SetText("")
	test.Type(c.editor.Date.Entry, "2021-11-05")
	if want := time.Date(2021, 11, 5, 0, 0, 0, 0, time.UTC); !c.st.Date.Equal(want) {
		t.Errorf("typed date gave %v", c.st.Date)
	}
	c.tx = uitext.New("fr")
	f := c.kit.NewDateField()
	d := time.Date(2020, 6, 3, 0, 0, 0, 0, time.UTC)
	f.SetDate(&d)
	if f.Text() != "03/06/2020" {
		t.Errorf("French date shown as %q", f.Text())
	}
}

// Fyne's own words (dialog buttons) are Arabic in the Arabic interface.
func TestFyneStringsInArabic(t *testing.T) {
	// Runs last, once the environment is back: Fyne looks at it again.
	t.Cleanup(func() { _ = lang.AddTranslationsForLocale([]byte("{}"), "en") })
	t.Setenv("LC_ALL", "")
	t.Setenv("LC_MESSAGES", "ar.UTF-8")
	t.Setenv("LANG", "ar.UTF-8")
	fynelocale.AddCatalog("ar")
	if got := lang.L("Cancel"); got != "إلغاء" {
		t.Errorf("Fyne's Cancel is %q in the Arabic interface", got)
	}
}

// Fyne ships French without the weekdays (the date picker showed "Mon
// Tue…" in the French interface) and titles the folder dialog "Ouvrir
// Dossier": both are French with our catalog, Fyne's own words kept.
func TestFyneStringsInFrench(t *testing.T) {
	t.Cleanup(func() { _ = lang.AddTranslationsForLocale([]byte("{}"), "en") })
	t.Setenv("LC_ALL", "")
	t.Setenv("LC_MESSAGES", "fr_FR.UTF-8")
	t.Setenv("LANG", "fr_FR.UTF-8")
	fynelocale.AddCatalog("fr")
	for key, want := range map[string]string{"monday.short": "lun.", "sunday": "dimanche", "Cancel": "Annuler", "Folder": "un dossier"} {
		if got := lang.L(key); got != want {
			t.Errorf("Fyne's %q is %q in the French interface, want %q", key, got, want)
		}
	}
}
