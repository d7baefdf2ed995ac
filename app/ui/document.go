package ui

import (
	"communique/app/export"
	"communique/app/pdf"
	"communique/app/statement"
	"communique/app/ui/langname"
	"communique/app/workspace"
)

// document is the page the preview shows: export.Preview, the same mapping
// the PDF export uses, with untranslated parts in the source language
// (counted in fallback so the preview can say so).
func document(ws *workspace.Workspace, st *statement.Statement, lang string) (pdf.Document, int, error) {
	doc, fallback, err := export.Preview(ws, st, lang)
	return doc, len(fallback), err
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
