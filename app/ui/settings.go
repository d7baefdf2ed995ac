package ui

import (
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"communique/app/ui/textbox"
	"communique/app/ui/widgets"
	"communique/i18n/uitext"
)

// settings is the settings dialog. Application settings are kept in Fyne
// Preferences; the letterhead belongs to the workspace (communique.toml),
// so the whole team's PDFs carry the same one.
type settings struct {
	c        *controller
	d        *widgets.Modal
	uiLang   *widgets.Picker
	codes    []string
	identity *textbox.Edit
	tsa      *textbox.Edit
	org      *textbox.Edit
	logo     *textbox.Edit
}

func (c *controller) settingsDialog() {
	tx := c.tx
	s := &settings{c: c}
	c.settings = s
	system := tx.T("SystemLanguage", "Language", languageLabel(uitext.Match(systemLocale())))
	opts := []string{system}
	s.codes = []string{""}
	for _, l := range uitext.Languages {
		opts = append(opts, l.Name)
		s.codes = append(s.codes, l.Code)
	}
	// Language names in their own scripts, drawn with the bundled fonts.
	s.uiLang = c.kit.NewPicker(nil)
	s.uiLang.SetOptions(opts)
	s.uiLang.SetSelectedIndex(0)
	for i, code := range s.codes {
		if code != "" && code == c.prefs.uiLanguageChoice() {
			s.uiLang.SetSelectedIndex(i)
		}
	}
	s.identity = c.kit.LineEdit("", tx.T("IdentityPlaceholder"))
	s.identity.SetText(c.prefs.Identity())
	pick := c.kit.NewTipButton(tx.T("ChooseFile"), theme.FileIcon(), func() {
		c.pickFile([]string{".p12", ".pfx", ".pem"}, c.wsParent(), s.identity.SetText)
	})
	s.tsa = c.kit.LineEdit("", "https://freetsa.org/tsr")
	s.tsa.SetText(c.prefs.TSA())
	// The organisation's name is letterhead text, in the source language.
	orgLang := ""
	if c.ws != nil {
		orgLang = c.ws.Config.SourceLanguage
	}
	s.org = c.kit.LineEdit(orgLang, "")
	s.logo = c.kit.LineEdit("", tx.T("LogoPlaceholder"))
	letterheadHint := tx.T("LetterheadNewHint")
	if c.ws != nil {
		s.org.SetText(c.ws.Config.Organisation)
		s.logo.SetText(c.ws.Config.Logo)
		letterheadHint = tx.T("LetterheadWorkspaceHint", "Workspace", filepath.Base(c.ws.Dir))
	} else {
		s.org.SetText(c.prefs.organisation())
		s.logo.Disable()
	}
	pickLogo := c.kit.NewTipButton(tx.T("ChooseFile"), theme.FileImageIcon(), func() {
		c.pickFile([]string{".png"}, c.ws.Dir, func(p string) {
			if rel, err := filepath.Rel(c.ws.Dir, p); err == nil && !strings.HasPrefix(rel, "..") {
				p = rel // keep the workspace movable
			}
			s.logo.SetText(p)
		})
	})
	if c.ws == nil || c.project() {
		pickLogo.Disable()
	}

	// The hints quote a workspace name, which may be in any script.
	hint := func(s string) *widgets.Label { return widgets.NewLabel(s, c.tx.Lang(), true) }
	app := c.kit.Form(
		widgets.FormItem{Label: tx.T("InterfaceLanguage"), Field: s.uiLang.Content},
		widgets.FormItem{Label: tx.T("DefaultIdentity"), Field: c.kit.WithButton(s.identity, pick)},
		widgets.FormItem{Label: tx.T("TSAURL"), Field: s.tsa},
	)
	letter := c.kit.Form(
		widgets.FormItem{Label: tx.T("Organisation"), Field: s.org},
		widgets.FormItem{Label: tx.T("Logo"), Field: c.kit.WithButton(s.logo, pickLogo)},
	)
	body := container.NewVBox(
		c.heading(tx.T("Application")), app, hint(tx.T("PasswordNeverStored")),
		widget.NewSeparator(),
		c.heading(tx.T("Letterhead")), letter, hint(letterheadHint),
	)
	cancel := func() { s.d.Hide() }
	s.d = c.kit.NewModal(tx.T("Settings"), container.NewVScroll(body),
		c.kit.NewLabelButton(tx.T("Cancel"), nil, cancel, widget.MediumImportance),
		c.kit.NewLabelButton(tx.T("Save"), theme.DocumentSaveIcon(), s.apply, widget.HighImportance))
	s.d.OnConfirm, s.d.OnCancel = s.apply, cancel
	s.d.Resize(fyne.NewSize(620, 520))
	s.d.Show()
}

// languageLabel is the name of a shipped interface language.
func languageLabel(code string) string {
	for _, l := range uitext.Languages {
		if l.Code == code {
			return l.Name
		}
	}
	return code
}

// apply stores the settings; a new interface language rebuilds the window
// in place, keeping the open workspace and unsaved edits.
func (s *settings) apply() {
	c := s.c
	c.prefs.SetIdentity(strings.TrimSpace(s.identity.Text()))
	c.prefs.setTSA(strings.TrimSpace(s.tsa.Text()))
	org := strings.TrimSpace(s.org.Text())
	if c.ws != nil && org == strings.TrimSpace(c.ws.Config.Organisation) {
		org = c.ws.Config.Organisation // unchanged: its translations stay current
	}
	if c.ws != nil && !c.project() {
		// A go-i18n project has no letterhead: its catalogs get no
		// organisation message and no communique.toml is written.
		if err := c.ws.SetConfig(org, strings.TrimSpace(s.logo.Text())); err != nil {
			c.showError(err)
		} else if c.preview != nil {
			c.letterheadChanged()
		}
	}
	c.prefs.setOrganisation(org)
	code := s.codes[max(s.uiLang.SelectedIndex(), 0)]
	s.d.Hide()
	if code != c.prefs.uiLanguageChoice() {
		c.prefs.setUILanguage(code)
		alignFyneLocale(code)
		c.tx = uitext.New(c.prefs.uiLanguage())
		addFyneCatalog(c.tx.Lang())
		c.build()
	}
	c.updateTitle()
}
