package workspace

import (
	"slices"

	"communique/i18n/catalog"
)

// Status is the translation status of one language. For the source language
// every non-empty message counts as translated: it is the text itself, and
// comparing it with itself would only report "identical to source".
func (w *Workspace) Status(lang string) (catalog.Report, bool) {
	c := w.Catalogs[lang]
	if c == nil {
		return catalog.Report{}, false
	}
	if lang != w.Config.SourceLanguage {
		r := catalog.StatusWith(w.Source(), c, w.History, &catalog.QAOptions{
			IdenticalMaxWords: w.Config.IdenticalMaxWords, IdenticalOK: w.Config.IdenticalOK})
		// A name kept as it is ("Paris" in French) is no QA problem.
		for i := range r.Entries {
			e := &r.Entries[i]
			if !w.IsName(e.ID) {
				continue
			}
			kept := slices.DeleteFunc(slices.Clone(e.Problems), func(p catalog.Problem) bool { return p.Rule == "identical" })
			r.QAProblems -= len(e.Problems) - len(kept)
			e.Problems = kept
		}
		return r, true
	}
	r := catalog.Report{Lang: c.Lang}
	for _, m := range c.Messages() {
		e := catalog.Entry{ID: m.ID, Source: m, Translation: m, State: catalog.Translated}
		if m.Other == "" {
			e.State = catalog.Missing
			r.Missing++
		} else {
			r.Translated++
		}
		r.Total++
		r.Entries = append(r.Entries, e)
	}
	return r, true
}
