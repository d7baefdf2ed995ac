package ui

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"communique/app/ui/widgets"
	"communique/app/workspace"
	"communique/assets"
)

// welcome is shown when no workspace is open: open one, create one, try
// the sample, or pick a recent one.
func (c *controller) welcome() fyne.CanvasObject {
	title := widgets.NewLabel(c.tx.T("AppName"), c.tx.Lang(), false)
	title.Bold, title.Center = true, true
	intro := widgets.NewLabel(c.tx.T("WelcomeIntro"), c.tx.Lang(), true)
	intro.Center = true
	open := c.kit.NewLabelButton(c.tx.T("OpenWorkspace"), theme.FolderOpenIcon(), c.openWorkspaceDialog, widget.HighImportance)
	create := c.kit.NewLabelButton(c.tx.T("NewWorkspace"), theme.FolderNewIcon(), c.newWorkspaceDialog, widget.MediumImportance)
	sample := c.kit.NewLabelButton(c.tx.T("OpenSample"), theme.HomeIcon(), c.openSample, widget.MediumImportance)
	box := container.NewVBox(title, intro, open.Centred(), create.Centred(), sample.Centred())
	if recent := c.prefs.recent(); len(recent) > 0 {
		box.Add(widget.NewSeparator())
		box.Add(c.heading(c.tx.T("RecentWorkspaces")))
		for _, dir := range recent {
			// A folder's name may be in any script: its first strong
			// character gives its direction.
			b := c.kit.NewLabelButton(dir, theme.FolderIcon(), func() { c.openWorkspace(dir) }, widget.LowImportance)
			b.Label.Lang = ""
			box.Add(b.Obj)
		}
	}
	return container.NewCenter(container.NewGridWrap(fyne.NewSize(520, box.MinSize().Height), box))
}

func (c *controller) openWorkspaceDialog() {
	c.chooseFolder(c.wsParent(), c.openWorkspace)
}

// wsParent is where folder dialogs start: next to the open workspace.
func (c *controller) wsParent() string {
	if c.ws != nil {
		return filepath.Dir(c.ws.Dir)
	}
	if home, err := os.UserHomeDir(); err == nil {
		return home
	}
	return ""
}

// newWorkspaceDialog creates a workspace in a new or empty folder.
func (c *controller) newWorkspaceDialog() {
	folder := widgets.NewDialogEntry()
	folder.SetPlaceHolder(c.tx.T("FolderPlaceholder"))
	folder.Validator = func(s string) error {
		if strings.TrimSpace(s) == "" {
			return errors.New(c.tx.T("FolderRequired"))
		}
		return nil
	}
	browse := c.kit.NewTipButton(c.tx.T("ChooseFolder"), theme.FolderOpenIcon(), func() {
		c.chooseFolder(c.wsParent(), folder.SetText)
	})
	org := widgets.NewDialogEntry()
	org.SetText(c.prefs.organisation())
	source := widgets.NewDialogEntry()
	source.SetText("en")
	source.Validator = workspace.ValidLanguage
	targets := widgets.NewDialogEntry()
	targets.SetPlaceHolder("fr, ar")
	targets.Validator = func(s string) error { _, err := workspace.ParseLanguages(s); return err }
	format := widget.NewSelect([]string{"toml", "json", "yaml"}, nil)
	format.SetSelected("toml")
	fields := []widgets.FormField{
		{Label: c.tx.T("Folder"), Field: c.kit.WithButton(folder, browse), Hint: c.tx.T("FolderHint")},
		{Label: c.tx.T("Organisation"), Field: org, Hint: c.tx.T("OrganisationHint")},
		{Label: c.tx.T("SourceLanguage"), Field: source},
		{Label: c.tx.T("TargetLanguages"), Field: targets, Hint: c.tx.T("TargetLanguagesHint")},
		{Label: c.tx.T("CatalogFormat"), Field: format},
	}
	d := c.kit.FormModal(c.tx.T("NewWorkspace"), c.tx.T("Create"), fields, []*widgets.DialogEntry{folder, org, source, targets}, func() {
		// The same reading of a language list as `communique init --langs`;
		// the field's validator has already refused a bad code.
		langs, _ := workspace.ParseLanguages(targets.Text)
		cfg := workspace.Config{Organisation: strings.TrimSpace(org.Text), SourceLanguage: strings.TrimSpace(source.Text),
			CatalogFormat: format.Selected, Languages: langs}
		dir := strings.TrimSpace(folder.Text)
		c.whenSaved(func() {
			ws, err := workspace.Init(dir, cfg)
			if err != nil {
				c.showError(err)
				return
			}
			c.setWorkspace(ws)
		})
	})
	d.Resize(fyne.NewSize(640, d.Content().MinSize().Height))
	d.Show()
}

// openSample opens the bundled sample, copied on first use into the
// user's configuration folder so it can be edited freely.
func (c *controller) openSample() {
	dir, err := sampleDir()
	if err != nil {
		c.showError(err)
		return
	}
	c.openWorkspace(dir)
}

func sampleDir() (string, error) {
	base, err := os.UserConfigDir()
	if err != nil {
		return "", err
	}
	dir := filepath.Join(base, "communique", "Sample workspace")
	if _, err := os.Stat(filepath.Join(dir, workspace.ConfigFile)); errors.Is(err, fs.ErrNotExist) {
		if err := assets.WriteSample(dir); err != nil {
			return "", err
		}
	}
	return dir, nil
}

// startWorkspace picks what the window opens with: COMMUNIQUE_WORKSPACE
// when set, else the workspace open last time, else (first start) the
// sample. "" means the welcome screen.
func (c *controller) startWorkspace() string {
	if dir := os.Getenv("COMMUNIQUE_WORKSPACE"); dir != "" {
		return dir
	}
	if dir := c.prefs.lastWorkspace(); dir != "" {
		return dir
	}
	if len(c.prefs.recent()) > 0 {
		return "" // the user closed their workspaces on purpose
	}
	dir, err := sampleDir()
	if err != nil {
		return ""
	}
	return dir
}
