package ui

import (
	"os"
	"path/filepath"

	"communique/app/pdf"
	"communique/app/statement"
	"communique/app/workspace"
)

// document maps a statement in one language to what the PDF engine
// typesets. A part with no translation yet is shown in the source language
// in the preview (and counted in fallback), so the translator sees the
// whole page; export refuses such a language or warns first.
func document(ws *workspace.Workspace, st *statement.Statement, lang string) (doc pdf.Document, fallback int, err error) {
	text := func(id string) string {
		if t := ws.Text(lang, id); t != "" {
			return t
		}
		if lang != ws.Config.SourceLanguage {
			fallback++
		}
		return ws.Text(ws.Config.SourceLanguage, id)
	}
	doc = pdf.Document{
		Lang:         lang,
		Organisation: ws.Config.Organisation,
		Title:        pdf.Part{ID: st.TitleID, Text: text(st.TitleID)},
		IssuingBody:  st.IssuingBody,
		Place:        st.Place,
		Date:         st.Date,
	}
	for _, id := range st.Paragraphs {
		doc.Paragraphs = append(doc.Paragraphs, pdf.Part{ID: id, Text: text(id)})
	}
	if ws.Config.Logo != "" {
		p := ws.Config.Logo
		if !filepath.IsAbs(p) {
			p = filepath.Join(ws.Dir, p)
		}
		doc.Logo, err = os.ReadFile(p)
	}
	return doc, fallback, err
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
