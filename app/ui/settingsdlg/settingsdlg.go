// Package settingsdlg is the window's settings dialog: the interface
// language, the default signing identity and timestamp server (kept in the
// application's preferences), and the letterhead, which belongs to the
// workspace (communique.toml) so the whole team's PDFs carry the same one.
// The dialog shows and reads the values; the window stores them.
package settingsdlg

import (
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"communique/app/ui/textbox"
	"communique/app/ui/widgets"
	"communique/app/workspace"
	"communique/i18n/uitext"
)

// Values are what the dialog shows, and what it hands back on Save.
type Values struct {
	// UILanguage is a shipped interface language's code; "" follows the
	// system.
	UILanguage   string
	Identity     string // path of the default signing identity
	TSA          string // URL of the timestamp server
	Organisation string
	Logo         string // relative to the workspace when inside it
}

// Host is what the dialog needs of the window.
type Host struct {
	Kit       *widgets.Kit
	Workspace *workspace.Workspace // nil when none is open
	// Project is true for a go-i18n project opened as it is: it has no
	// letterhead.
	Project bool
	// SystemLanguage is the interface language the system's locale asks for.
	SystemLanguage string
	// PickFile asks for a file with one of exts, starting in dir.
	PickFile func(exts []string, dir string, chosen func(path string))
	// FileDir is where the identity's file dialog starts.
	FileDir string
	// Apply is called with the values, trimmed, when the user saves.
	Apply func(Values)
}

// Dialog is an open settings dialog. Its fields are its boxes, for tests
// to fill in.
type Dialog struct {
	h        Host
	d        *widgets.Modal
	UILang   *widgets.Picker
	Codes    []string // the interface language of each UILang option
	Identity *textbox.Edit
	TSA      *textbox.Edit
	Org      *textbox.Edit
	Logo     *textbox.Edit
}

// Open shows the dialog with v filled in.
func Open(h Host, v Values) *Dialog {
	k, tx := h.Kit, h.Kit.Text()
	s := &Dialog{h: h}
	system := tx.T("SystemLanguage", "Language", languageLabel(h.SystemLanguage))
	opts := []string{system}
	s.Codes = []string{""}
	for _, l := range uitext.Languages {
		opts = append(opts, l.Name)
		s.Codes = append(s.Codes, l.Code)
	}
	// Language names in their own scripts, drawn with the bundled fonts.
	s.UILang = k.NewPicker(nil)
	s.UILang.SetOptions(opts)
	s.UILang.SetSelectedIndex(0)
	for i, code := range s.Codes {
		if code != "" && code == v.UILanguage {
			s.UILang.SetSelectedIndex(i)
		}
	}
	s.Identity = k.LineEdit("", tx.T("IdentityPlaceholder"))
	s.Identity.SetText(v.Identity)
	pick := k.NewTipButton(tx.T("ChooseFile"), theme.FileIcon(), func() {
		h.PickFile([]string{".p12", ".pfx", ".pem"}, h.FileDir, s.Identity.SetText)
	})
	s.TSA = k.LineEdit("", "https://freetsa.org/tsr")
	s.TSA.SetText(v.TSA)
	body := container.NewVBox(
		k.Heading(tx.T("Application")),
		k.Form(
			widgets.FormItem{Label: tx.T("InterfaceLanguage"), Field: s.UILang.Content},
			widgets.FormItem{Label: tx.T("DefaultIdentity"), Field: k.WithButton(s.Identity, pick)},
			widgets.FormItem{Label: tx.T("TSAURL"), Field: s.TSA},
		),
		s.hint(tx.T("PasswordNeverStored")),
		widget.NewSeparator(),
	)
	body.Objects = append(body.Objects, s.letterhead(v)...)
	cancel := func() { s.d.Hide() }
	s.d = k.NewModal(tx.T("Settings"), container.NewVScroll(body),
		k.NewLabelButton(tx.T("Cancel"), nil, cancel, widget.MediumImportance),
		k.NewLabelButton(tx.T("Save"), theme.DocumentSaveIcon(), s.apply, widget.HighImportance))
	s.d.OnConfirm, s.d.OnCancel = s.apply, cancel
	s.d.Resize(fyne.NewSize(620, 520))
	s.d.Show()
	return s
}

// letterhead is the section of the workspace's letterhead: its
// organisation's name, in the source language, and its logo.
func (s *Dialog) letterhead(v Values) []fyne.CanvasObject {
	h := s.h
	k, tx := h.Kit, h.Kit.Text()
	orgLang := ""
	if h.Workspace != nil {
		orgLang = h.Workspace.Config.SourceLanguage
	}
	s.Org = k.LineEdit(orgLang, "")
	s.Org.SetText(v.Organisation)
	s.Logo = k.LineEdit("", tx.T("LogoPlaceholder"))
	s.Logo.SetText(v.Logo)
	hint := tx.T("LetterheadNewHint")
	if h.Workspace != nil {
		hint = tx.T("LetterheadWorkspaceHint", "Workspace", filepath.Base(h.Workspace.Dir))
	} else {
		s.Logo.Disable()
	}
	pickLogo := k.NewTipButton(tx.T("ChooseFile"), theme.FileImageIcon(), func() {
		dir := h.Workspace.Dir
		h.PickFile([]string{".png"}, dir, func(p string) {
			if rel, err := filepath.Rel(dir, p); err == nil && !strings.HasPrefix(rel, "..") {
				p = rel // keep the workspace movable
			}
			s.Logo.SetText(p)
		})
	})
	if h.Workspace == nil || h.Project {
		pickLogo.Disable()
	}
	letter := k.Form(
		widgets.FormItem{Label: tx.T("Organisation"), Field: s.Org},
		widgets.FormItem{Label: tx.T("Logo"), Field: k.WithButton(s.Logo, pickLogo)},
	)
	return []fyne.CanvasObject{k.Heading(tx.T("Letterhead")), letter, s.hint(hint)}
}

// hint is a wrapped note under a section; it may quote a workspace name,
// which may be in any script.
func (s *Dialog) hint(text string) *widgets.Label {
	return widgets.NewLabel(text, s.h.Kit.Lang(), true)
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

// apply closes the dialog and hands the values to the window.
func (s *Dialog) apply() {
	v := Values{
		UILanguage:   s.Codes[max(s.UILang.SelectedIndex(), 0)],
		Identity:     strings.TrimSpace(s.Identity.Text()),
		TSA:          strings.TrimSpace(s.TSA.Text()),
		Organisation: strings.TrimSpace(s.Org.Text()),
		Logo:         strings.TrimSpace(s.Logo.Text()),
	}
	s.d.Hide()
	s.h.Apply(v)
}
