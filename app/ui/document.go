package ui

import (
	"communique/app/statement"
	"communique/app/ui/editor"
	"communique/app/ui/langname"
	"communique/app/ui/preview"
)

// newEditor makes the statement editor (app/ui/editor), which tells the
// controller what changed.
func newEditor(c *controller) *editor.Editor {
	return editor.New(editor.Host{Kit: c.kit, Workspace: c.ws, FocusChanged: c.focusChanged,
		SourceEdited: c.sourceEdited, MetadataEdited: c.metadataEdited, StructureChanged: c.structureChanged,
		RefreshIfShown: c.refreshIfShown})
}

// previewDelay is how long typing must pause before the page is typeset
// again.
const previewDelay = preview.DefaultDelay

// newPreview makes the page preview (app/ui/preview) of the open workspace.
func newPreview(c *controller) *preview.Preview {
	p := preview.New(preview.Host{Kit: c.kit, Workspace: c.ws, Lang: c.lang})
	p.Delay = c.previewDelay
	return p
}

// paragraphIndex is the position of a paragraph in st, -1 if it is not one.
func paragraphIndex(st *statement.Statement, id string) int {
	for i, p := range st.Paragraphs {
		if p == id {
			return i
		}
	}
	return -1
}

// languageName is a language's code and its own name (langname.Of).
func languageName(code string) string { return langname.Of(code) }
