package workspace

import (
	"path/filepath"

	"communique/app/statement"
	"communique/i18n/catalog"
	"communique/i18n/glossary"
	"communique/i18n/memory"
)

// Memory builds a translation memory from every current translation in the
// workspace's catalogs (all statements, all languages).
func (w *Workspace) Memory() *memory.Memory {
	m := memory.New()
	m.FromCatalogs(w.Source(), w.targetCatalogs()...)
	return m
}

func (w *Workspace) targetCatalogs() []*catalog.Catalog {
	var out []*catalog.Catalog
	for _, lang := range w.Languages() {
		if c := w.Catalogs[lang]; c != nil && lang != w.Config.SourceLanguage {
			out = append(out, c)
		}
	}
	return out
}

// PrefillFromMemory fills the untranslated messages of a statement, in every
// target language, with exact matches from mem. They are marked needs-review
// (never translated) and the history records the match's origin, so review
// shows where each came from. The caller saves the workspace.
func (w *Workspace) PrefillFromMemory(st *statement.Statement, mem *memory.Memory) []memory.Prefilled {
	ids := partIDs(st.Parts())
	var out []memory.Prefilled
	for _, c := range w.targetCatalogs() {
		out = append(out, mem.Prefill(w.Source(), c, ids, w.remember)...)
	}
	return out
}

// GlossaryPath is where the workspace's glossary lives.
func (w *Workspace) GlossaryPath() string { return filepath.Join(w.Dir, glossary.FileName) }

// Glossary reads the workspace's glossary; without a file it is empty.
func (w *Workspace) Glossary() (*glossary.Glossary, error) { return glossary.Load(w.GlossaryPath()) }
