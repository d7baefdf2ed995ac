package export

import (
	"context"

	"communique/app/pdf"
	"communique/app/statement"
	"communique/app/workspace"
)

// Helpers the tests share: the window and the command line go through
// Prepare and Plan.Run (a plan to warn about, or to run off the UI
// thread), so these are the tests' alone.

// Run exports the chosen statements and languages: Prepare, then Plan.Run.
// Cancelling ctx stops it before the next file and abandons a timestamp
// request under way; nothing is written then.
func Run(ctx context.Context, w *workspace.Workspace, opt Options) (*Manifest, error) {
	p, err := Prepare(w, opt)
	if err != nil {
		return nil, err
	}
	return p.Run(ctx)
}

// Document is Preview for publishing: it fails, naming the messages, when
// the language lacks any part, since a published statement never mixes
// languages.
func Document(w *workspace.Workspace, st *statement.Statement, lang string) (pdf.Document, error) {
	doc, missing, err := Preview(w, st, lang)
	if err != nil {
		return doc, err
	}
	if len(missing) > 0 {
		return doc, &IncompleteError{Lang: lang, Statement: st.ID, Missing: missing}
	}
	return doc, nil
}
