package ui

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"communique/app/export"
	"communique/app/sign"
)

// exporter is the export dialog: choose languages, folder and signing,
// then watch each file being typeset, signed, verified and written. The
// work itself is export.Run, the same pipeline as `communique export`.
type exporter struct {
	c *controller
	// cancel stops the export under way (a slow timestamp server); nil when none runs.
	cancel context.CancelFunc
	d      *dialog.CustomDialog
	body   *fyne.Container
	ready  []export.Readiness
	checks map[string]*widget.Check
	warn   *widget.Label
	folder *widget.Entry
	signIt *widget.Check
	ident  *widget.Entry
	pass   *widget.Entry
	role   *widget.Entry
	tsa    *widget.Entry
	start  *widget.Button
	close  *widget.Button

	bars   map[string]*widget.ProgressBar // by language
	states map[string]*widget.Label
	// done is called when an export has finished (test hook).
	done     func(*export.Manifest, error)
	manifest *export.Manifest
	err      error
	dir      string
}

// exportDialog opens the export dialog for the selected statement.
func (c *controller) exportDialog() {
	if c.ws == nil {
		return
	}
	if c.st == nil {
		c.showInfo(c.tx.T("ExportPDFs"), c.tx.T("NoStatement"))
		return
	}
	// The PDFs should say what the files on disk say, so that anyone can
	// export them again: unsaved edits are saved first (or knowingly not).
	c.whenSaved(func() {
		x := &exporter{c: c, checks: map[string]*widget.Check{}}
		c.export = x
		x.d = dialog.NewCustomWithoutButtons(c.tx.T("ExportTitle", "Statement", c.st.ID), x.form(), c.win)
		x.d.Resize(fyne.NewSize(700, 640))
		x.d.Show()
	})
}

func (x *exporter) form() fyne.CanvasObject {
	c := x.c
	tx := c.tx
	x.ready = export.Ready(c.ws, c.st)
	langBox := container.NewVBox()
	for _, r := range x.ready {
		check := widget.NewCheck(languageName(r.Lang), func(bool) { x.updateWarning() })
		check.Checked = r.Complete()
		state := widget.NewLabel(c.summary(r.Missing, r.NeedsReview, r.QAProblems))
		switch {
		case r.Missing > 0:
			// A published statement never mixes languages.
			check.Disable()
			state.Importance = widget.DangerImportance
		case r.NeedsReview > 0 || r.QAProblems > 0:
			state.Importance = widget.WarningImportance
		default:
			state.Importance = widget.SuccessImportance
		}
		x.checks[r.Lang] = check
		langBox.Add(container.NewBorder(nil, nil, check, nil, state))
	}
	x.warn = widget.NewLabel("")
	x.warn.Wrapping = fyne.TextWrapWord
	x.warn.Importance = widget.WarningImportance

	x.folder = widget.NewEntry()
	dir := c.prefs.exportDir()
	if dir == "" {
		dir = filepath.Join(c.ws.Dir, "export")
	}
	x.folder.SetText(dir)
	browse := c.newTipButton(tx.T("ChooseFolder"), theme.FolderOpenIcon(), func() {
		d := dialog.NewFolderOpen(func(u fyne.ListableURI, err error) {
			if err == nil && u != nil {
				x.folder.SetText(u.Path())
			}
		}, c.win)
		c.startIn(d, c.ws.Dir)
		d.Show()
	})
	x.ident = widget.NewEntry()
	x.ident.SetText(c.prefs.identity())
	x.ident.SetPlaceHolder(tx.T("IdentityPlaceholder"))
	pick := c.newTipButton(tx.T("ChooseFile"), theme.FileIcon(), func() {
		dir := c.wsParent()
		if p := x.ident.Text; p != "" {
			dir = filepath.Dir(p)
		}
		c.pickFile([]string{".p12", ".pfx", ".pem"}, dir, x.ident.SetText)
	})
	x.pass = widget.NewPasswordEntry()
	x.pass.SetPlaceHolder(tx.T("PasswordPlaceholder"))
	x.role = widget.NewEntry()
	x.role.SetText(c.prefs.role())
	x.role.SetPlaceHolder(tx.T("RolePlaceholder"))
	x.tsa = widget.NewEntry()
	x.tsa.SetText(c.prefs.tsa())
	x.tsa.SetPlaceHolder("https://freetsa.org/tsr")
	signing := widget.NewForm(
		widget.NewFormItem(tx.T("IdentityFile"), container.NewBorder(nil, nil, nil, pick, x.ident)),
		widget.NewFormItem(tx.T("Password"), x.pass),
		widget.NewFormItem(tx.T("Role"), x.role),
		widget.NewFormItem(tx.T("TSAURL"), x.tsa),
	)
	x.signIt = widget.NewCheck(tx.T("SignPDFs"), func(on bool) {
		signing.Hidden = !on
		signing.Refresh()
	})
	x.signIt.SetChecked(c.prefs.identity() != "")
	signing.Hidden = !x.signIt.Checked
	x.start = widget.NewButtonWithIcon(tx.T("Export"), theme.UploadIcon(), x.run)
	x.start.Importance = widget.HighImportance
	x.close = widget.NewButton(tx.T("Cancel"), func() { x.d.Hide() })
	x.updateWarning()
	form := container.NewVBox(
		c.heading(tx.T("Languages")), langBox, x.warn,
		widget.NewSeparator(),
		widget.NewForm(widget.NewFormItem(tx.T("OutputFolder"), container.NewBorder(nil, nil, nil, browse, x.folder))),
		x.signIt, signing,
	)
	x.body = container.NewBorder(nil, container.NewHBox(layout.NewSpacer(), x.close, x.start), nil, nil, container.NewVScroll(form))
	return x.body
}

// updateWarning says what is wrong with the languages, if anything.
func (x *exporter) updateWarning() {
	var missing, stale, qa []string
	for _, r := range x.ready {
		if r.Missing > 0 {
			missing = append(missing, r.Lang)
			continue
		}
		if !x.checks[r.Lang].Checked {
			continue
		}
		if r.NeedsReview > 0 {
			stale = append(stale, r.Lang)
		}
		if r.QAProblems > 0 {
			qa = append(qa, r.Lang)
		}
	}
	var lines []string
	if len(missing) > 0 {
		lines = append(lines, x.c.tx.T("WarnIncomplete", "Languages", strings.Join(missing, ", ")))
	}
	if len(stale) > 0 {
		lines = append(lines, x.c.tx.T("WarnStale", "Languages", strings.Join(stale, ", ")))
	}
	if len(qa) > 0 {
		lines = append(lines, x.c.tx.T("WarnQA", "Languages", strings.Join(qa, ", ")))
	}
	x.warn.SetText(strings.Join(lines, "\n"))
	x.warn.Hidden = len(lines) == 0
	x.warn.Refresh()
}

func (x *exporter) chosen() []string {
	var out []string
	for _, r := range x.ready {
		if x.checks[r.Lang].Checked && !x.checks[r.Lang].Disabled() {
			out = append(out, r.Lang)
		}
	}
	return out
}

// run starts the export in the background; progress and the result come
// back through fyne.Do. The dialog is modal, so the workspace is not
// edited meanwhile, and saving is held off until the export is done.
func (x *exporter) run() {
	c := x.c
	tx := c.tx
	langs := x.chosen()
	if len(langs) == 0 {
		c.showInfo(tx.T("ExportPDFs"), tx.T("ChooseALanguage"))
		return
	}
	dir := strings.TrimSpace(x.folder.Text)
	if dir == "" {
		c.showInfo(tx.T("ExportPDFs"), tx.T("FolderRequired"))
		return
	}
	if !filepath.IsAbs(dir) {
		dir = filepath.Join(c.ws.Dir, dir)
	}
	x.dir = dir
	signing := x.signIt.Checked
	identPath := strings.TrimSpace(x.ident.Text)
	password := x.pass.Text
	x.pass.SetText("") // the password lives only until the identity is loaded
	if signing && identPath == "" {
		c.showInfo(tx.T("ExportPDFs"), tx.T("IdentityRequired"))
		return
	}
	opt := export.Options{Statements: []string{c.st.ID}, Langs: langs, OutDir: dir, Now: c.now}
	if signing {
		opt.TSAURL = strings.TrimSpace(x.tsa.Text)
		opt.Role = strings.TrimSpace(x.role.Text)
		c.prefs.setIdentity(identPath)
		c.prefs.setRole(opt.Role)
	}
	c.prefs.setExportDir(strings.TrimSpace(x.folder.Text))
	opt.Progress = func(p export.Progress) { fyne.Do(func() { x.progress(p) }) }
	// The documents are taken from the workspace here, on the UI thread;
	// the goroutine below never touches the workspace.
	plan, err := export.Prepare(c.ws, opt)
	if err != nil {
		x.showProgress(langs)
		x.finished(nil, err)
		return
	}
	x.showProgress(langs)
	c.exporting = true
	ctx, cancel := context.WithCancel(context.Background())
	x.cancel = cancel
	go func() {
		defer cancel()
		if signing {
			id, err := sign.LoadFile(identPath, password)
			if err != nil {
				fyne.Do(func() { x.finished(nil, errors.New(explainIdentityError(c, err))) })
				return
			}
			plan.Identity = id
		}
		m, err := plan.Run(ctx)
		fyne.Do(func() { x.finished(m, err) })
	}()
}

// explainIdentityError puts the common identity problems in plain words.
func explainIdentityError(c *controller, err error) string {
	switch {
	case errors.Is(err, sign.ErrWrongPassword):
		return c.tx.T("WrongPassword")
	case errors.Is(err, os.ErrNotExist):
		return c.tx.T("IdentityNotFound", "Error", err.Error())
	}
	return c.tx.T("IdentityUnusable", "Error", err.Error())
}

func (x *exporter) showProgress(langs []string) {
	tx := x.c.tx
	rows := container.NewVBox()
	x.bars = map[string]*widget.ProgressBar{}
	x.states = map[string]*widget.Label{}
	for _, lang := range langs {
		bar := widget.NewProgressBar()
		state := widget.NewLabel(tx.T("StageQueued"))
		x.bars[lang], x.states[lang] = bar, state
		name := widget.NewLabelWithStyle(x.c.st.ID+"."+lang+".pdf", fyne.TextAlignLeading, fyne.TextStyle{Monospace: true})
		rows.Add(container.NewVBox(name, container.NewGridWithColumns(2, bar, state)))
	}
	x.close.SetText(tx.T("Close"))
	x.close.Disable()
	x.body.Objects = []fyne.CanvasObject{container.NewVScroll(rows), container.NewHBox(layout.NewSpacer(), x.close)}
	x.body.Layout = layout.NewBorderLayout(nil, x.body.Objects[1], nil, nil)
	x.body.Refresh()
}

// progress moves the bar of the file a step reports on.
func (x *exporter) progress(p export.Progress) {
	tx := x.c.tx
	bar, state := x.bars[p.Lang], x.states[p.Lang]
	if bar == nil {
		return
	}
	switch p.Step {
	case "typeset":
		bar.SetValue(0.2)
		state.SetText(tx.T("StageTypesetting"))
	case "sign":
		bar.SetValue(0.5)
		state.SetText(tx.T("StageSigning"))
	case "verify":
		bar.SetValue(0.8)
		state.SetText(tx.T("StageVerifying"))
	case "written":
		bar.SetValue(1)
		state.SetText(tx.T("StageDone"))
	}
}

// finished shows where the files went and how each one verified.
func (x *exporter) finished(m *export.Manifest, err error) {
	c := x.c
	c.exporting = false
	x.manifest, x.err = m, err
	tx := c.tx
	x.close.Enable()
	box := container.NewVBox()
	if err != nil {
		for lang, st := range x.states {
			if x.bars[lang].Value < 1 {
				st.SetText(tx.T("StageFailed"))
			}
		}
		msg := newTextLabel(tx.T("ExportFailed", "Error", err.Error()), tx.Lang(), true)
		msg.Importance = widget.DangerImportance
		box.Add(msg)
	}
	if m != nil && len(m.Files) > 0 {
		summary := widget.NewLabel(tx.N("ExportedFiles", len(m.Files), "Folder", x.dir))
		summary.Wrapping = fyne.TextWrapWord
		summary.TextStyle.Bold = true
		open := widget.NewButtonWithIcon(tx.T("OpenFolder"), theme.FolderOpenIcon(), func() {
			u, err := url.Parse(storage.NewFileURI(x.dir).String())
			if err == nil {
				err = c.app.OpenURL(u)
			}
			if err != nil {
				c.showError(err)
			}
		})
		box.Add(summary)
		box.Add(container.NewHBox(open))
		if err == nil {
			box.Add(widget.NewLabel(tx.T("ManifestAt", "Path", filepath.Join(x.dir, export.ManifestFile))))
		}
		if m.Signer != nil {
			s := widget.NewLabel(tx.T("SignedAs", "Name", m.Signer.Subject, "Fingerprint", m.Signer.Fingerprint))
			s.Wrapping = fyne.TextWrapWord
			box.Add(s)
		}
		box.Add(widget.NewSeparator())
		for _, f := range m.Files {
			name := widget.NewLabelWithStyle(f.Name, fyne.TextAlignLeading, fyne.TextStyle{Monospace: true, Bold: true})
			line := widget.NewLabel(c.fileOutcome(f))
			line.Wrapping = fyne.TextWrapWord
			line.Importance = outcomeImportance(f)
			box.Add(name)
			box.Add(line)
		}
	}
	x.body.Objects[0] = container.NewVScroll(box)
	x.body.Refresh()
	if x.done != nil {
		x.done(m, err)
	}
}

// fileOutcome says in one line what was written and how it verified.
func (c *controller) fileOutcome(f export.File) string {
	tx := c.tx
	written := tx.N("FileWritten", f.Pages, "KB", fmt.Sprint((f.Size+1023)/1024))
	if f.Verification == nil {
		return written + " " + tx.T("FileUnsigned")
	}
	parts := []string{written, describeReport(tx, f.Verification)[0]}
	if len(f.Verification.Signatures) > 0 {
		parts = append(parts, trustText(tx, f.Verification.Signatures[0].Trust))
	}
	return strings.Join(parts, " ")
}

func outcomeImportance(f export.File) widget.Importance {
	if f.Verification == nil {
		return widget.MediumImportance
	}
	return verdictImportance(f.Verification.Verdict)
}
