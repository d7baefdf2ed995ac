package ui

import (
	"strings"

	"communique/app/ui/fynelocale"
	"communique/app/ui/settingsdlg"
	"communique/i18n/uitext"
)

// settingsDialog opens the settings dialog (app/ui/settingsdlg) with what
// is stored now.
func (c *controller) settingsDialog() {
	v := settingsdlg.Values{UILanguage: c.prefs.uiLanguageChoice(), Identity: c.prefs.Identity(), TSA: c.prefs.TSA(),
		Organisation: c.prefs.organisation()}
	if c.ws != nil {
		v.Organisation, v.Logo = c.ws.Config.Organisation, c.ws.Config.Logo
	}
	c.settings = settingsdlg.Open(settingsdlg.Host{Kit: c.kit, Workspace: c.ws, Project: c.project(),
		SystemLanguage: uitext.Match(fynelocale.System()), PickFile: c.pickFile, FileDir: c.wsParent(), Apply: c.applySettings}, v)
}

// applySettings stores the settings; a new interface language rebuilds the
// window in place, keeping the open workspace and unsaved edits.
func (c *controller) applySettings(v settingsdlg.Values) {
	c.prefs.SetIdentity(v.Identity)
	c.prefs.setTSA(v.TSA)
	org := v.Organisation
	if c.ws != nil && org == strings.TrimSpace(c.ws.Config.Organisation) {
		org = c.ws.Config.Organisation // unchanged: its translations stay current
	}
	if c.ws != nil && !c.project() {
		// A go-i18n project has no letterhead: its catalogs get no
		// organisation message and no communique.toml is written.
		if err := c.ws.SetConfig(org, v.Logo); err != nil {
			c.showError(err)
		} else if c.preview != nil {
			c.letterheadChanged()
		}
	}
	c.prefs.setOrganisation(org)
	if v.UILanguage != c.prefs.uiLanguageChoice() {
		c.prefs.setUILanguage(v.UILanguage)
		fynelocale.Align(v.UILanguage)
		c.tx = uitext.New(c.prefs.uiLanguage())
		fynelocale.AddCatalog(c.tx.Lang())
		c.build()
	}
	c.updateTitle()
}
