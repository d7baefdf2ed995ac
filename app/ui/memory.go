package ui

import (
	"communique/app/statement"
	"communique/app/ui/mempane"
	"communique/app/ui/widgets"
	"communique/app/workspace"
	"communique/i18n/glossary"
	"communique/i18n/uitext"
)

// paneHost is what the memory pane sees of the workbench.
type paneHost struct{ b *workbench }

var _ mempane.Host = paneHost{}

func (h paneHost) Workspace() *workspace.Workspace { return h.b.c.ws }
func (h paneHost) Text() *uitext.Text              { return h.b.c.tx }
func (h paneHost) TargetLang() string              { return h.b.lang }
func (h paneHost) RowName(id string) string        { return h.b.rowName(id) }

func (h paneHost) PartName(st *statement.Statement, part statement.Part) string {
	return h.b.c.partName(st, part)
}

// GlossaryChanged redoes the glossary's QA lines and the filter.
func (h paneHost) GlossaryChanged() {
	for _, r := range h.b.rows {
		r.update()
	}
	h.b.applyFilter()
}

// rowName is how the workbench names a part ("Paragraph 3").
func (b *workbench) rowName(id string) string {
	if r := b.rows[id]; r != nil {
		return r.head.Text()
	}
	return id
}

// glossaryProblems applies the glossary's rules to the translation of part
// id (none for a part not translated yet: every term would be "not used").
func (b *workbench) glossaryProblems(id string) []glossary.Problem {
	if b.pane == nil || b.lang == "" {
		return nil
	}
	gl, _ := b.pane.Glossary()
	if gl == nil || len(gl.Terms) == 0 {
		return nil
	}
	src, tgt := b.c.ws.Text(b.c.ws.Config.SourceLanguage, id), b.c.ws.Text(b.lang, id)
	if src == "" || tgt == "" {
		return nil
	}
	return gl.Check(src, tgt, b.lang)
}

// glossaryLines words the glossary's problems with part id for the
// workbench's QA line, the terms set apart in their own direction.
func (b *workbench) glossaryLines(id string) []string {
	tx, tgt := b.c.tx, b.c.ws.Text(b.lang, id)
	var lines []string
	for _, p := range b.glossaryProblems(id) {
		approved := widgets.IsolateIn(b.lang, mempane.ApprovedIn(p.Term, b.lang))
		var detail string
		if p.Rule == glossary.ForbiddenUsed {
			detail = tx.T("GlossaryForbiddenUsed", "Found", widgets.IsolateIn(b.lang, tgt[p.Start:p.End]), "Approved", approved)
		} else {
			detail = tx.T("GlossaryApprovedNotUsed", "Term", widgets.IsolateLTR(p.Term.Source), "Approved", approved)
		}
		lines = append(lines, tx.T("QAProblem", "Rule", tx.T("RuleGlossary"), "Detail", detail))
	}
	return lines
}
