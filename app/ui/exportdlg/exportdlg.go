// Package exportdlg is the window's export dialog: choose languages,
// folder and signing, then watch each file being typeset, signed, verified
// and written. The work itself is export.Prepare and Plan.Run, the pipeline of
// `communique export`, as a batch: every ready language is written, and
// each one left out is shown with every reason. Its words are drawn by the
// typesetting engine, so an Arabic interface reads right.
package exportdlg

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
	"communique/app/statement"
	"communique/app/ui/langname"
	"communique/app/ui/textbox"
	"communique/app/ui/verdict"
	"communique/app/ui/widgets"
	"communique/app/workspace"
	"communique/i18n/uitext"
)

// Host is what the dialog needs of the window that opens it.
type Host struct {
	Kit       *widgets.Kit
	App       fyne.App // opens the folder the files went to
	Workspace *workspace.Workspace
	Statement *statement.Statement
	Prefs     Prefs
	// Generator names the program and its version in the manifest.
	Generator string
	// Summary says in a few words what is left to do in a language.
	Summary func(missing, review, qa int) string
	// ChooseFolder asks for a folder, starting in dir; PickFile for a
	// file with one of exts. Cancelling calls nothing.
	ChooseFolder func(dir string, chosen func(path string))
	PickFile     func(exts []string, dir string, chosen func(path string))
	// FileDir is where the identity's file dialog starts when none is set.
	FileDir string
	// Exporting is told when an export starts and ends: the workspace is
	// not saved meanwhile, as the export reads it.
	Exporting func(bool)
}

// Prefs are the choices the dialog proposes again next time.
type Prefs interface {
	ExportDir() string
	Identity() string
	Role() string
	TSA() string
	SetExportDir(string)
	SetIdentity(string)
	SetRole(string)
}

// Dialog is an open export dialog. Its fields are the dialog's widgets,
// for scripts (COMMUNIQUE_DEMO) and tests to fill in and press.
type Dialog struct {
	h  Host
	tx *uitext.Text
	// cancel stops the export under way (a slow timestamp server); nil when none runs.
	cancel  context.CancelFunc
	Modal   *widgets.Modal
	body    *fyne.Container
	buttons *fyne.Container // the row at the bottom, changed as the export moves on
	ready   []export.Readiness
	Checks  map[string]*widget.Check // by language
	warn    *widgets.Label
	Folder  *textbox.Edit
	SignIt  *widget.Check
	Ident   *textbox.Edit
	Pass    *widget.Entry
	Role    *textbox.Edit
	TSA     *textbox.Edit
	Start   *widgets.LabelButton
	close   *widgets.LabelButton
	Stop    *widgets.LabelButton // Cancel while an export runs

	Bars map[string]*widgets.Progress // by language
	// OnDone is called when an export has finished.
	OnDone   func(*export.Manifest, error)
	manifest *export.Manifest
	err      error
	dir      string
}

// Open shows the export dialog for h.Statement, whose files on disk say
// what the PDFs will (unsaved edits are the caller's to save first).
func Open(h Host) *Dialog {
	x := &Dialog{h: h, tx: h.Kit.Text(), Checks: map[string]*widget.Check{}}
	x.Modal = h.Kit.NewModal(x.tx.T("ExportTitle", "Statement", h.Statement.ID), x.form())
	x.Modal.OnConfirm, x.Modal.OnCancel = x.Run, x.Modal.Hide
	x.Modal.Resize(fyne.NewSize(700, 640))
	x.Modal.Show()
	return x
}

// Manifest is the last export's manifest (nil before one finished, or when it failed).
func (x *Dialog) Manifest() *export.Manifest { return x.manifest }

// languageRows lists the workspace's languages with a check each and what
// is left to do in them. A language with untranslated parts cannot be
// chosen: a published statement never mixes languages.
func (x *Dialog) languageRows() *fyne.Container {
	rtl := widgets.RightToLeft(x.tx.Lang())
	box := container.NewVBox()
	for _, r := range x.ready {
		check := widget.NewCheck("", func(bool) { x.updateWarning() })
		check.Checked = r.Complete()
		name := widgets.NewLabel(langname.Of(r.Lang), "", false)
		state := widgets.NewLabel(x.h.Summary(r.Missing, r.NeedsReview, r.QAProblems), x.tx.Lang(), false)
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
		x.Checks[r.Lang] = check
		if rtl {
			box.Add(container.NewBorder(nil, nil, nil, container.NewHBox(name, check), container.NewHBox(layout.NewSpacer(), state)))
		} else {
			box.Add(container.NewBorder(nil, nil, container.NewHBox(check, name), nil, state))
		}
	}
	return box
}

func (x *Dialog) form() fyne.CanvasObject {
	tx := x.tx
	x.ready = export.Ready(x.h.Workspace, x.h.Statement)
	langBox := x.languageRows()
	x.warn = widgets.NewLabel("", tx.Lang(), true)
	x.warn.Importance = widget.WarningImportance

	x.Folder = x.h.Kit.LineEdit("", "")
	dir := x.h.Prefs.ExportDir()
	if dir == "" {
		dir = filepath.Join(x.h.Workspace.Dir, "export")
	}
	x.Folder.SetText(dir)
	browse := x.h.Kit.NewTipButton(tx.T("ChooseFolder"), theme.FolderOpenIcon(), func() {
		x.h.ChooseFolder(x.h.Workspace.Dir, x.Folder.SetText)
	})
	x.Ident = x.h.Kit.LineEdit("", tx.T("IdentityPlaceholder"))
	x.Ident.SetText(x.h.Prefs.Identity())
	pick := x.h.Kit.NewTipButton(tx.T("ChooseFile"), theme.FileIcon(), func() {
		dir := x.h.FileDir
		if p := x.Ident.Text(); p != "" {
			dir = filepath.Dir(p)
		}
		x.h.PickFile([]string{".p12", ".pfx", ".pem"}, dir, x.Ident.SetText)
	})
	x.Pass = widget.NewPasswordEntry()
	x.Pass.SetPlaceHolder(tx.T("PasswordPlaceholder"))
	x.Role = x.h.Kit.LineEdit(tx.Lang(), tx.T("RolePlaceholder"))
	x.Role.SetText(x.h.Prefs.Role())
	x.TSA = x.h.Kit.LineEdit("", "https://freetsa.org/tsr")
	x.TSA.SetText(x.h.Prefs.TSA())
	signing := x.h.Kit.Form(
		widgets.FormItem{Label: tx.T("IdentityFile"), Field: x.h.Kit.WithButton(x.Ident, pick)},
		widgets.FormItem{Label: tx.T("Password"), Field: x.Pass},
		widgets.FormItem{Label: tx.T("Role"), Field: x.Role},
		widgets.FormItem{Label: tx.T("TSAURL"), Field: x.TSA},
	)
	x.SignIt = widget.NewCheck("", func(on bool) {
		signing.Hidden = !on
		signing.Refresh()
	})
	x.SignIt.SetChecked(x.h.Prefs.Identity() != "")
	signing.Hidden = !x.SignIt.Checked
	x.Start = x.h.Kit.NewLabelButton(tx.T("Export"), theme.UploadIcon(), x.Run, widget.HighImportance)
	x.close = x.h.Kit.NewLabelButton(tx.T("Cancel"), nil, func() { x.Modal.Hide() }, widget.MediumImportance)
	x.updateWarning()
	form := container.NewVBox(
		x.h.Kit.Heading(tx.T("Languages")), langBox, x.warn,
		widget.NewSeparator(),
		x.h.Kit.Form(widgets.FormItem{Label: tx.T("OutputFolder"), Field: x.h.Kit.WithButton(x.Folder, browse)}),
		x.h.Kit.CheckLabelled(x.SignIt, tx.T("SignPDFs")), signing,
	)
	x.buttons = container.NewStack(x.h.Kit.ButtonRow(x.close, x.Start))
	x.body = container.NewBorder(nil, x.buttons, nil, nil, container.NewVScroll(form))
	return x.body
}

// updateWarning says what is wrong with the languages, if anything.
func (x *Dialog) updateWarning() {
	var missing, stale, qa []string
	for _, r := range x.ready {
		if r.Classify(false) == export.ClassBlocked {
			missing = append(missing, langname.Of(r.Lang))
			continue
		}
		if !x.Checks[r.Lang].Checked {
			continue
		}
		if r.NeedsReview > 0 {
			stale = append(stale, langname.Of(r.Lang))
		}
		if r.QAProblems > 0 {
			qa = append(qa, langname.Of(r.Lang))
		}
	}
	var lines []string
	if len(missing) > 0 {
		lines = append(lines, x.tx.T("WarnIncomplete", "Languages", strings.Join(missing, ", ")))
	}
	if len(stale) > 0 {
		lines = append(lines, x.tx.T("WarnStale", "Languages", strings.Join(stale, ", ")))
	}
	if len(qa) > 0 {
		lines = append(lines, x.tx.T("WarnQA", "Languages", strings.Join(qa, ", ")))
	}
	x.warn.SetText(strings.Join(lines, "\n"))
	setShown(x.warn, len(lines) > 0)
}

// chosen is what to export: the checked languages, and those that cannot
// be chosen, which the batch leaves out and reports with their reasons.
func (x *Dialog) chosen() (checked, all []string) {
	for _, r := range x.ready {
		ch := x.Checks[r.Lang]
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
func (x *Dialog) options() (opt export.Options, identPath, password string, problem string) {
	tx := x.tx
	checked, all := x.chosen()
	if len(checked) == 0 {
		return opt, "", "", tx.T("ChooseALanguage")
	}
	dir := strings.TrimSpace(x.Folder.Text())
	if dir == "" {
		return opt, "", "", tx.T("FolderRequired")
	}
	if !filepath.IsAbs(dir) {
		dir = filepath.Join(x.h.Workspace.Dir, dir)
	}
	x.dir = dir
	password = x.Pass.Text
	x.Pass.SetText("") // the password lives only until the identity is loaded
	if x.SignIt.Checked {
		identPath = strings.TrimSpace(x.Ident.Text())
		if identPath == "" {
			return opt, "", "", tx.T("IdentityRequired")
		}
	}
	opt = export.Options{Statements: []string{x.h.Statement.ID}, Langs: all, OutDir: dir, Now: x.h.Kit.Now, Batch: true, Generator: x.h.Generator}
	if x.SignIt.Checked {
		opt.TSAURL = strings.TrimSpace(x.TSA.Text())
		opt.Role = strings.TrimSpace(x.Role.Text())
		x.h.Prefs.SetIdentity(identPath)
		x.h.Prefs.SetRole(opt.Role)
	}
	x.h.Prefs.SetExportDir(strings.TrimSpace(x.Folder.Text()))
	return opt, identPath, password, ""
}

// run starts the export in the background; progress and the result come
// back through fyne.Do. The dialog is modal, so the workspace is not
// edited meanwhile, and saving is held off until the export is done.
func (x *Dialog) Run() {
	if x.Bars != nil {
		return // under way or done: Enter does not start another
	}
	opt, identPath, password, problem := x.options()
	if problem != "" {
		x.h.Kit.Info(x.tx.T("ExportPDFs"), problem)
		return
	}
	opt.Progress = func(p export.Progress) { fyne.Do(func() { x.progress(p) }) }
	// The documents are taken from the workspace here, on the UI thread;
	// the goroutine below never touches the workspace.
	plan, err := export.Prepare(x.h.Workspace, opt)
	checked, _ := x.chosen()
	x.showProgress(checked)
	if err != nil {
		x.finished(nil, err)
		return
	}
	x.h.Exporting(true)
	ctx, cancel := context.WithCancel(context.Background())
	x.cancel = cancel
	go func() {
		defer cancel()
		if identPath != "" {
			id, err := sign.LoadFile(identPath, password)
			if err != nil {
				fyne.Do(func() { x.finished(nil, errors.New(explainIdentityError(x.tx, err))) })
				return
			}
			plan.Identity = id
		}
		m, err := plan.Run(ctx)
		fyne.Do(func() { x.finished(m, err) })
	}()
}

// explainIdentityError puts the common identity problems in plain words.
func explainIdentityError(tx *uitext.Text, err error) string {
	switch {
	case errors.Is(err, sign.ErrWrongPassword):
		return tx.T("WrongPassword")
	case errors.Is(err, os.ErrNotExist):
		return tx.T("IdentityNotFound", "Error", err.Error())
	}
	return tx.T("IdentityUnusable", "Error", err.Error())
}

// showProgress turns the dialog into one bar per file, with Cancel to
// stop (a timestamp server that does not answer, say).
func (x *Dialog) showProgress(langs []string) {
	tx := x.tx
	rows := container.NewVBox()
	x.Bars = map[string]*widgets.Progress{}
	for _, lang := range langs {
		bar := x.h.Kit.NewProgress()
		bar.Set(0, 4, tx.T("StageQueued"))
		x.Bars[lang] = bar
		name := widgets.NewLabel(x.h.Statement.ID+"."+lang+".pdf", "en", false)
		name.Bold = true
		rows.Add(container.NewVBox(name, bar))
	}
	x.close.SetText(tx.T("Close"))
	x.close.Disable()
	x.Stop = x.h.Kit.NewLabelButton(tx.T("Cancel"), theme.CancelIcon(), x.stopExport, widget.DangerImportance)
	x.setContent(container.NewVScroll(rows), x.close, x.Stop)
	x.Modal.OnConfirm, x.Modal.OnCancel = nil, x.stopExport
}

// setContent replaces the dialog's body and its row of buttons.
func (x *Dialog) setContent(body fyne.CanvasObject, buttons ...*widgets.LabelButton) {
	x.buttons.Objects = []fyne.CanvasObject{x.h.Kit.ButtonRow(buttons...)}
	x.body.Objects = []fyne.CanvasObject{body, x.buttons}
	x.body.Layout = layout.NewBorderLayout(nil, x.buttons, nil, nil)
	x.body.Refresh()
}

// stopExport cancels the export under way: nothing is written.
func (x *Dialog) stopExport() {
	if x.cancel != nil {
		x.cancel()
	}
	x.Stop.Disable()
}

// progress moves the bar of the file a step reports on.
func (x *Dialog) progress(p export.Progress) {
	tx := x.tx
	bar := x.Bars[p.Lang]
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
func (x *Dialog) finished(m *export.Manifest, err error) {
	x.h.Exporting(false)
	x.cancel = nil
	x.manifest, x.err = m, err
	tx := x.tx
	x.close.Enable()
	x.Modal.OnConfirm, x.Modal.OnCancel = x.Modal.Hide, x.Modal.Hide
	box := container.NewVBox()
	if err != nil {
		for _, bar := range x.Bars {
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
	if x.OnDone != nil {
		x.OnDone(m, err)
	}
}

// line is one wrapped line of the result; lang "" lets its text decide
// its direction (a path, a file name).
func (x *Dialog) line(text, lang string, imp widget.Importance, bold bool) *widgets.Label {
	l := widgets.NewLabel(text, lang, true)
	l.Importance, l.Bold = imp, bold
	return l
}

// written lists the files written and how each verified.
func (x *Dialog) written(box *fyne.Container, m *export.Manifest) {
	tx := x.tx
	if len(m.Files) == 0 {
		return
	}
	box.Add(x.line(tx.N("ExportedFiles", len(m.Files), "Folder", widgets.IsolateLTR(x.dir)), tx.Lang(), widget.MediumImportance, true))
	open := x.h.Kit.NewLabelButton(tx.T("OpenFolder"), theme.FolderOpenIcon(), func() {
		u, err := url.Parse(storage.NewFileURI(x.dir).String())
		if err == nil {
			err = x.h.App.OpenURL(u)
		}
		if err != nil {
			x.h.Kit.Error(err)
		}
	}, widget.MediumImportance)
	box.Add(x.h.Kit.Leading(open.Obj))
	box.Add(x.line(tx.T("ManifestAt", "Path", widgets.IsolateLTR(filepath.Join(x.dir, export.ManifestFile))), tx.Lang(), widget.MediumImportance, false))
	if m.Signer != nil {
		box.Add(x.line(tx.T("SignedAs", "Name", m.Signer.Subject, "Fingerprint", m.Signer.Fingerprint), tx.Lang(), widget.MediumImportance, false))
	}
	box.Add(widget.NewSeparator())
	for _, f := range m.Files {
		box.Add(x.line(f.Name, "en", widget.MediumImportance, true))
		box.Add(x.line(x.fileOutcome(f), tx.Lang(), outcomeImportance(f), false))
	}
}

// skipped lists each language the batch left out, with every reason.
func (x *Dialog) skipped(box *fyne.Container, skipped []export.Skipped) {
	if len(skipped) == 0 {
		return
	}
	tx := x.tx
	box.Add(widget.NewSeparator())
	for _, s := range skipped {
		box.Add(x.line(tx.T("SkippedLanguage", "Language", langname.Of(s.Lang), "File", s.Statement+"."+s.Lang+".pdf"), tx.Lang(), widget.WarningImportance, true))
		for _, why := range x.skipReasons(s) {
			box.Add(x.line("• "+why, tx.Lang(), widget.MediumImportance, false))
		}
	}
}

// skipReasons puts the reasons a language was left out in the interface
// language; a reason the window does not know keeps the engine's words.
func (x *Dialog) skipReasons(s export.Skipped) []string {
	tx := x.tx
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
func (x *Dialog) fileOutcome(f export.File) string {
	tx := x.tx
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

// setShown shows or hides o.
func setShown(o fyne.CanvasObject, show bool) {
	if o.Visible() == show {
		return
	}
	if show {
		o.Show()
	} else {
		o.Hide()
	}
}
