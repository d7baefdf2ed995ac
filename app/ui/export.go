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
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"communique/app/export"
	"communique/app/sign"
	"communique/app/ui/textbox"
	"communique/app/ui/verdict"
	"communique/app/ui/widgets"
)

// exporter is the export dialog: choose languages, folder and signing,
// then watch each file being typeset, signed, verified and written. The
// work itself is export.Run, the same pipeline as `communique export`, as a
// batch: every ready language is written, and each one left out is shown
// with every reason. Its words are drawn by the typesetting engine, so an
// Arabic interface reads right.
type exporter struct {
	c *controller
	// cancel stops the export under way (a slow timestamp server); nil when none runs.
	cancel  context.CancelFunc
	d       *widgets.Modal
	body    *fyne.Container
	buttons *fyne.Container // the row at the bottom, changed as the export moves on
	ready   []export.Readiness
	checks  map[string]*widget.Check
	warn    *widgets.Label
	folder  *textbox.Edit
	signIt  *widget.Check
	ident   *textbox.Edit
	pass    *widget.Entry
	role    *textbox.Edit
	tsa     *textbox.Edit
	start   *widgets.LabelButton
	close   *widgets.LabelButton
	stop    *widgets.LabelButton // Cancel while an export runs

	bars map[string]*widgets.Progress // by language
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
		x.d = c.kit.NewModal(c.tx.T("ExportTitle", "Statement", c.st.ID), x.form())
		x.d.OnConfirm, x.d.OnCancel = x.run, x.d.Hide
		x.d.Resize(fyne.NewSize(700, 640))
		x.d.Show()
	})
}

// languageRows lists the workspace's languages with a check each and what
// is left to do in them. A language with untranslated parts cannot be
// chosen: a published statement never mixes languages.
func (x *exporter) languageRows() *fyne.Container {
	c := x.c
	rtl := widgets.RightToLeft(c.tx.Lang())
	box := container.NewVBox()
	for _, r := range x.ready {
		check := widget.NewCheck("", func(bool) { x.updateWarning() })
		check.Checked = r.Complete()
		name := widgets.NewLabel(languageName(r.Lang), "", false)
		state := widgets.NewLabel(c.summary(r.Missing, r.NeedsReview, r.QAProblems), c.tx.Lang(), false)
		// The same classes as `communique export` (export.Readiness.Classify).
		switch r.Classify(false) {
		case export.ClassBlocked:
			check.Disable()
			state.Importance = widget.DangerImportance
		case export.ClassWarn:
			state.Importance = widget.WarningImportance
		default:
			state.Importance = widget.SuccessImportance
		}
		x.checks[r.Lang] = check
		if rtl {
			box.Add(container.NewBorder(nil, nil, nil, container.NewHBox(name, check), container.NewHBox(layout.NewSpacer(), state)))
		} else {
			box.Add(container.NewBorder(nil, nil, container.NewHBox(check, name), nil, state))
		}
	}
	return box
}

func (x *exporter) form() fyne.CanvasObject {
	c := x.c
	tx := c.tx
	x.ready = export.Ready(c.ws, c.st)
	langBox := x.languageRows()
	x.warn = widgets.NewLabel("", tx.Lang(), true)
	x.warn.Importance = widget.WarningImportance

	x.folder = c.kit.LineEdit("", "")
	dir := c.prefs.exportDir()
	if dir == "" {
		dir = filepath.Join(c.ws.Dir, "export")
	}
	x.folder.SetText(dir)
	browse := c.kit.NewTipButton(tx.T("ChooseFolder"), theme.FolderOpenIcon(), func() {
		c.chooseFolder(c.ws.Dir, x.folder.SetText)
	})
	x.ident = c.kit.LineEdit("", tx.T("IdentityPlaceholder"))
	x.ident.SetText(c.prefs.identity())
	pick := c.kit.NewTipButton(tx.T("ChooseFile"), theme.FileIcon(), func() {
		dir := c.wsParent()
		if p := x.ident.Text(); p != "" {
			dir = filepath.Dir(p)
		}
		c.pickFile([]string{".p12", ".pfx", ".pem"}, dir, x.ident.SetText)
	})
	x.pass = widget.NewPasswordEntry()
	x.pass.SetPlaceHolder(tx.T("PasswordPlaceholder"))
	x.role = c.kit.LineEdit(tx.Lang(), tx.T("RolePlaceholder"))
	x.role.SetText(c.prefs.role())
	x.tsa = c.kit.LineEdit("", "https://freetsa.org/tsr")
	x.tsa.SetText(c.prefs.tsa())
	signing := c.kit.Form(
		widgets.FormItem{Label: tx.T("IdentityFile"), Field: c.kit.WithButton(x.ident, pick)},
		widgets.FormItem{Label: tx.T("Password"), Field: x.pass},
		widgets.FormItem{Label: tx.T("Role"), Field: x.role},
		widgets.FormItem{Label: tx.T("TSAURL"), Field: x.tsa},
	)
	x.signIt = widget.NewCheck("", func(on bool) {
		signing.Hidden = !on
		signing.Refresh()
	})
	x.signIt.SetChecked(c.prefs.identity() != "")
	signing.Hidden = !x.signIt.Checked
	x.start = c.kit.NewLabelButton(tx.T("Export"), theme.UploadIcon(), x.run, widget.HighImportance)
	x.close = c.kit.NewLabelButton(tx.T("Cancel"), nil, func() { x.d.Hide() }, widget.MediumImportance)
	x.updateWarning()
	form := container.NewVBox(
		c.heading(tx.T("Languages")), langBox, x.warn,
		widget.NewSeparator(),
		c.kit.Form(widgets.FormItem{Label: tx.T("OutputFolder"), Field: c.kit.WithButton(x.folder, browse)}),
		c.kit.CheckLabelled(x.signIt, tx.T("SignPDFs")), signing,
	)
	x.buttons = container.NewStack(c.kit.ButtonRow(x.close, x.start))
	x.body = container.NewBorder(nil, x.buttons, nil, nil, container.NewVScroll(form))
	return x.body
}

// updateWarning says what is wrong with the languages, if anything.
func (x *exporter) updateWarning() {
	var missing, stale, qa []string
	for _, r := range x.ready {
		if r.Classify(false) == export.ClassBlocked {
			missing = append(missing, languageName(r.Lang))
			continue
		}
		if !x.checks[r.Lang].Checked {
			continue
		}
		if r.NeedsReview > 0 {
			stale = append(stale, languageName(r.Lang))
		}
		if r.QAProblems > 0 {
			qa = append(qa, languageName(r.Lang))
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
	setShown(x.warn, len(lines) > 0, true)
}

// chosen is what to export: the checked languages, and those that cannot
// be chosen, which the batch leaves out and reports with their reasons.
func (x *exporter) chosen() (checked, all []string) {
	for _, r := range x.ready {
		ch := x.checks[r.Lang]
		if ch.Checked && !ch.Disabled() {
			checked = append(checked, r.Lang)
		}
		if ch.Checked || ch.Disabled() {
			all = append(all, r.Lang)
		}
	}
	return checked, all
}

// options reads the dialog into export options, or says what is missing.
func (x *exporter) options() (opt export.Options, identPath, password string, problem string) {
	c := x.c
	tx := c.tx
	checked, all := x.chosen()
	if len(checked) == 0 {
		return opt, "", "", tx.T("ChooseALanguage")
	}
	dir := strings.TrimSpace(x.folder.Text())
	if dir == "" {
		return opt, "", "", tx.T("FolderRequired")
	}
	if !filepath.IsAbs(dir) {
		dir = filepath.Join(c.ws.Dir, dir)
	}
	x.dir = dir
	password = x.pass.Text
	x.pass.SetText("") // the password lives only until the identity is loaded
	if x.signIt.Checked {
		identPath = strings.TrimSpace(x.ident.Text())
		if identPath == "" {
			return opt, "", "", tx.T("IdentityRequired")
		}
	}
	opt = export.Options{Statements: []string{c.st.ID}, Langs: all, OutDir: dir, Now: c.now, Batch: true, Generator: c.generator}
	if x.signIt.Checked {
		opt.TSAURL = strings.TrimSpace(x.tsa.Text())
		opt.Role = strings.TrimSpace(x.role.Text())
		c.prefs.setIdentity(identPath)
		c.prefs.setRole(opt.Role)
	}
	c.prefs.setExportDir(strings.TrimSpace(x.folder.Text()))
	return opt, identPath, password, ""
}

// run starts the export in the background; progress and the result come
// back through fyne.Do. The dialog is modal, so the workspace is not
// edited meanwhile, and saving is held off until the export is done.
func (x *exporter) run() {
	c := x.c
	if x.bars != nil {
		return // under way or done: Enter does not start another
	}
	opt, identPath, password, problem := x.options()
	if problem != "" {
		c.showInfo(c.tx.T("ExportPDFs"), problem)
		return
	}
	opt.Progress = func(p export.Progress) { fyne.Do(func() { x.progress(p) }) }
	// The documents are taken from the workspace here, on the UI thread;
	// the goroutine below never touches the workspace.
	plan, err := export.Prepare(c.ws, opt)
	checked, _ := x.chosen()
	x.showProgress(checked)
	if err != nil {
		x.finished(nil, err)
		return
	}
	c.exporting = true
	ctx, cancel := context.WithCancel(context.Background())
	x.cancel = cancel
	go func() {
		defer cancel()
		if identPath != "" {
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

// showProgress turns the dialog into one bar per file, with Cancel to
// stop (a timestamp server that does not answer, say).
func (x *exporter) showProgress(langs []string) {
	c := x.c
	tx := c.tx
	rows := container.NewVBox()
	x.bars = map[string]*widgets.Progress{}
	for _, lang := range langs {
		bar := c.kit.NewProgress()
		bar.Set(0, 4, tx.T("StageQueued"))
		x.bars[lang] = bar
		name := widgets.NewLabel(c.st.ID+"."+lang+".pdf", "en", false)
		name.Bold = true
		rows.Add(container.NewVBox(name, bar))
	}
	x.close.SetText(tx.T("Close"))
	x.close.Disable()
	x.stop = c.kit.NewLabelButton(tx.T("Cancel"), theme.CancelIcon(), x.stopExport, widget.DangerImportance)
	x.setContent(container.NewVScroll(rows), x.close, x.stop)
	x.d.OnConfirm, x.d.OnCancel = nil, x.stopExport
}

// setContent replaces the dialog's body and its row of buttons.
func (x *exporter) setContent(body fyne.CanvasObject, buttons ...*widgets.LabelButton) {
	x.buttons.Objects = []fyne.CanvasObject{x.c.kit.ButtonRow(buttons...)}
	x.body.Objects = []fyne.CanvasObject{body, x.buttons}
	x.body.Layout = layout.NewBorderLayout(nil, x.buttons, nil, nil)
	x.body.Refresh()
}

// stopExport cancels the export under way: nothing is written.
func (x *exporter) stopExport() {
	if x.cancel != nil {
		x.cancel()
	}
	x.stop.Disable()
}

// progress moves the bar of the file a step reports on.
func (x *exporter) progress(p export.Progress) {
	tx := x.c.tx
	bar := x.bars[p.Lang]
	if bar == nil {
		return
	}
	switch p.Step {
	case "typeset":
		bar.Set(1, 4, tx.T("StageTypesetting"))
	case "sign":
		bar.Set(2, 4, tx.T("StageSigning"))
	case "verify":
		bar.Set(3, 4, tx.T("StageVerifying"))
	case "skipped":
		bar.Set(0, 4, tx.T("StageSkipped"))
	case "written":
		bar.Set(4, 4, tx.T("StageDone"))
	}
}

// finished shows where the files went, how each one verified, and each
// language left out with every reason.
func (x *exporter) finished(m *export.Manifest, err error) {
	c := x.c
	c.exporting = false
	x.cancel = nil
	x.manifest, x.err = m, err
	tx := c.tx
	x.close.Enable()
	x.d.OnConfirm, x.d.OnCancel = x.d.Hide, x.d.Hide
	box := container.NewVBox()
	if err != nil {
		for _, bar := range x.bars {
			if done, total := bar.Count(); done < total {
				bar.Set(0, total, tx.T("StageFailed"))
			}
		}
		text := tx.T("ExportFailed", "Error", err.Error())
		if errors.Is(err, context.Canceled) {
			text = tx.T("ExportCancelled")
		}
		box.Add(x.line(text, "", widget.DangerImportance, false))
	}
	if m != nil {
		x.written(box, m)
		x.skipped(box, m.Skipped)
	}
	x.setContent(container.NewVScroll(box), x.close)
	if x.done != nil {
		x.done(m, err)
	}
}

// line is one wrapped line of the result; lang "" lets its text decide
// its direction (a path, a file name).
func (x *exporter) line(text, lang string, imp widget.Importance, bold bool) *widgets.Label {
	l := widgets.NewLabel(text, lang, true)
	l.Importance, l.Bold = imp, bold
	return l
}

// written lists the files written and how each verified.
func (x *exporter) written(box *fyne.Container, m *export.Manifest) {
	c := x.c
	tx := c.tx
	if len(m.Files) == 0 {
		return
	}
	box.Add(x.line(tx.N("ExportedFiles", len(m.Files), "Folder", widgets.IsolateLTR(x.dir)), tx.Lang(), widget.MediumImportance, true))
	open := c.kit.NewLabelButton(tx.T("OpenFolder"), theme.FolderOpenIcon(), func() {
		u, err := url.Parse(storage.NewFileURI(x.dir).String())
		if err == nil {
			err = c.app.OpenURL(u)
		}
		if err != nil {
			c.showError(err)
		}
	}, widget.MediumImportance)
	box.Add(c.kit.Leading(open.Obj))
	box.Add(x.line(tx.T("ManifestAt", "Path", widgets.IsolateLTR(filepath.Join(x.dir, export.ManifestFile))), tx.Lang(), widget.MediumImportance, false))
	if m.Signer != nil {
		box.Add(x.line(tx.T("SignedAs", "Name", m.Signer.Subject, "Fingerprint", m.Signer.Fingerprint), tx.Lang(), widget.MediumImportance, false))
	}
	box.Add(widget.NewSeparator())
	for _, f := range m.Files {
		box.Add(x.line(f.Name, "en", widget.MediumImportance, true))
		box.Add(x.line(c.fileOutcome(f), tx.Lang(), outcomeImportance(f), false))
	}
}

// skipped lists each language the batch left out, with every reason.
func (x *exporter) skipped(box *fyne.Container, skipped []export.Skipped) {
	if len(skipped) == 0 {
		return
	}
	tx := x.c.tx
	box.Add(widget.NewSeparator())
	for _, s := range skipped {
		box.Add(x.line(tx.T("SkippedLanguage", "Language", languageName(s.Lang), "File", s.Statement+"."+s.Lang+".pdf"), tx.Lang(), widget.WarningImportance, true))
		for _, why := range x.c.skipReasons(s) {
			box.Add(x.line("• "+why, tx.Lang(), widget.MediumImportance, false))
		}
	}
}

// skipReasons puts the reasons a language was left out in the interface
// language; a reason the window does not know keeps the engine's words.
func (c *controller) skipReasons(s export.Skipped) []string {
	tx := c.tx
	out := make([]string, 0, len(s.Errs))
	for _, err := range s.Errs {
		var inc *export.IncompleteError
		var stale *export.StaleError
		var glyph *export.GlyphError
		switch {
		case errors.As(err, &inc):
			out = append(out, tx.N("SkipIncomplete", len(inc.Missing), "Parts", widgets.IsolateLTR(strings.Join(inc.Missing, ", "))))
		case errors.As(err, &stale):
			out = append(out, tx.N("SkipStale", stale.NeedsReview))
		case errors.As(err, &glyph):
			out = append(out, tx.T("SkipGlyph", "Char", string(glyph.Char), "Code", fmt.Sprintf("U+%04X", glyph.Char)))
		default:
			out = append(out, err.Error())
		}
	}
	if len(out) == 0 {
		out = s.Reasons
	}
	return out
}

// fileOutcome says in one line what was written and how it verified.
func (c *controller) fileOutcome(f export.File) string {
	tx := c.tx
	written := tx.N("FileWritten", f.Pages, "KB", fmt.Sprint((f.Size+1023)/1024))
	if f.Verification == nil {
		return written + " " + tx.T("FileUnsigned")
	}
	parts := []string{written, verdict.Describe(tx, f.Verification)[0]}
	if len(f.Verification.Signatures) > 0 {
		parts = append(parts, verdict.Trust(tx, f.Verification.Signatures[0].Trust))
	}
	return strings.Join(parts, " ")
}

func outcomeImportance(f export.File) widget.Importance {
	if f.Verification == nil {
		return widget.MediumImportance
	}
	return verdict.Importance(f.Verification.Verdict)
}
