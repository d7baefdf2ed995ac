package ui

import (
	"communique/app/ui/exportdlg"
)

// exportDialog opens the export dialog (app/ui/exportdlg) for the
// selected statement.
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
		c.export = exportdlg.Open(exportdlg.Host{
			Kit: c.kit, App: c.app, Workspace: c.ws, Statement: c.st, Prefs: c.prefs,
			Generator: c.generator, Summary: c.summary, ChooseFolder: c.chooseFolder, PickFile: c.pickFile,
			FileDir: c.wsParent(), Exporting: func(on bool) { c.exporting = on },
		})
	})
}
