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
		r := catalog.StatusWith(w.Source(), c, w.History, w.qaOptions())
		w.namesAreNoProblem(&r)
		return r, true
	}
	return sourceStatus(c, true), true
}

// sourceStatus is Status of the source catalog c; without all, Entries
// holds only the messages that need work (empty ones), as in EachStatus.
func sourceStatus(c *catalog.Catalog, all bool) catalog.Report {
	msgs := c.Messages()
	r := catalog.Report{Lang: c.Lang}
	if all {
		r.Entries = make([]catalog.Entry, 0, len(msgs))
	}
	for _, m := range msgs {
		e := catalog.Entry{ID: m.ID, Source: m, Translation: m, State: catalog.Translated}
		if m.Other == "" {
			e.State = catalog.Missing
			r.Missing++
		} else {
			r.Translated++
		}
		r.Total++
		if all || e.State != catalog.Translated {
			r.Entries = append(r.Entries, e)
		}
	}
	return r
}

func (w *Workspace) qaOptions() *catalog.QAOptions {
	return &catalog.QAOptions{IdenticalMaxWords: w.Config.IdenticalMaxWords, IdenticalOK: w.Config.IdenticalOK}
}

// namesAreNoProblem drops the "identical" problem of names kept as they
// are ("Paris" in French).
func (w *Workspace) namesAreNoProblem(r *catalog.Report) {
	for i := range r.Entries {
		e := &r.Entries[i]
		if !w.IsName(e.ID) {
			continue
		}
		kept := slices.DeleteFunc(slices.Clone(e.Problems), func(p catalog.Problem) bool { return p.Rule == "identical" })
		r.QAProblems -= len(e.Problems) - len(kept)
		e.Problems = kept
	}
}

// EachStatus is Status of every language that could be read, the target
// languages computed on all cores; fn gets each report (one call at a
// time, in no particular order) with the language's index in Languages.
// Each report's Entries hold only the messages that need work (for a
// target language, catalog.StatusEach); the counts are complete.
// As in catalog.StatusEach, a report's Entries are valid only until fn
// returns.
func (w *Workspace) EachStatus(fn func(i int, lang string, r catalog.Report)) {
	langs := w.Languages()
	var targets []*catalog.Catalog
	var index []int
	for i, lang := range langs {
		if lang == w.Config.SourceLanguage {
			if c := w.Catalogs[lang]; c != nil {
				fn(i, lang, sourceStatus(c, false))
			}
			continue
		}
		if c := w.Catalogs[lang]; c != nil {
			targets = append(targets, c)
			index = append(index, i)
		}
	}
	catalog.StatusEach(w.Source(), targets, w.History, w.qaOptions(), func(k int, r catalog.Report) {
		w.namesAreNoProblem(&r)
		fn(index[k], langs[index[k]], r)
	})
}
