package ui

import (
	"slices"

	"fyne.io/fyne/v2"

	"communique/app/ui/fynelocale"
	"communique/i18n/uitext"
)

// Preference keys. The signing password is deliberately not among them: it
// is asked for each export and kept only in memory.
const (
	prefWorkspace    = "workspace" // the workspace open last
	prefRecent       = "recentWorkspaces"
	prefUILanguage   = "uiLanguage" // "" = follow the system
	prefIdentity     = "identityPath"
	prefTSA          = "tsaURL"
	prefOrganisation = "letterhead" // organisation name proposed for new workspaces
	prefExportDir    = "exportFolder"
	prefRole         = "signerRole"
)

const maxRecent = 8

// prefs reads and writes Communiqué's settings through Fyne's Preferences,
// so they live where each platform keeps application settings.
type prefs struct{ p fyne.Preferences }

func (p prefs) lastWorkspace() string     { return p.p.String(prefWorkspace) }
func (p prefs) recent() []string          { return p.p.StringList(prefRecent) }
func (p prefs) Identity() string          { return p.p.String(prefIdentity) }
func (p prefs) TSA() string               { return p.p.String(prefTSA) }
func (p prefs) organisation() string      { return p.p.String(prefOrganisation) }
func (p prefs) ExportDir() string         { return p.p.String(prefExportDir) }
func (p prefs) uiLanguageChoice() string  { return p.p.String(prefUILanguage) }
func (p prefs) SetIdentity(path string)   { p.p.SetString(prefIdentity, path) }
func (p prefs) setTSA(url string)         { p.p.SetString(prefTSA, url) }
func (p prefs) setOrganisation(s string)  { p.p.SetString(prefOrganisation, s) }
func (p prefs) SetExportDir(dir string)   { p.p.SetString(prefExportDir, dir) }
func (p prefs) setUILanguage(code string) { p.p.SetString(prefUILanguage, code) }
func (p prefs) Role() string              { return p.p.String(prefRole) }
func (p prefs) SetRole(s string)          { p.p.SetString(prefRole, s) }

// uiLanguage is the interface language: the one chosen in Settings, else
// the system's when Communiqué ships it, else English. LANG=C and locales
// that cannot be read give English without complaint.
func (p prefs) uiLanguage() string {
	if c := p.uiLanguageChoice(); uitext.Shipped(c) {
		return c
	}
	return uitext.Match(fynelocale.System())
}

// opened records dir as the current workspace and moves it to the top of
// the recent list.
func (p prefs) opened(dir string) {
	p.p.SetString(prefWorkspace, dir)
	list := slices.DeleteFunc(p.recent(), func(s string) bool { return s == dir })
	list = append([]string{dir}, list...)
	if len(list) > maxRecent {
		list = list[:maxRecent]
	}
	p.p.SetStringList(prefRecent, list)
}

// forget drops a workspace that can no longer be opened from the recent
// list.
func (p prefs) forget(dir string) {
	p.p.SetStringList(prefRecent, slices.DeleteFunc(p.recent(), func(s string) bool { return s == dir }))
	if p.lastWorkspace() == dir {
		p.p.SetString(prefWorkspace, "")
	}
}
