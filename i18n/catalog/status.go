package catalog

import (
	"communique/i18n/catfile"

	"golang.org/x/text/language"
)

// State is where one message stands in one language.
type State string

const (
	// Translated: there is a translation of the current source text.
	Translated State = "translated"
	// NeedsReview: there is a translation, but of an older source text.
	// It is kept (goi18n would drop it) until someone reviews it.
	NeedsReview State = "needs_review"
	// Missing: no translation, or an empty one.
	Missing State = "missing"
)

// Entry is the status of one source message in one language.
type Entry struct {
	ID          string
	State       State
	Source      Message // the current source message
	Translation Message // the target's message (zero if none)
	// For NeedsReview: the source text the translation was made from, when
	// the history still knows it (looked up by the translation's hash).
	OldSource      string
	OldSourceKnown bool
	// LacksForms lists, for a translation of the current source text that
	// is NeedsReview only because it is incomplete, the plural forms the
	// language needs (CLDR, PluralForms) that it leaves empty.
	LacksForms []string
	Problems   []Problem
}

// Report is the status of one target language against the source.
type Report struct {
	Lang                                                language.Tag
	Total, Translated, NeedsReview, Missing, QAProblems int
	// PluralForms are the forms the language needs per go-i18n's CLDR
	// rules; NoPluralRule is set when go-i18n has none (goi18n merge skips
	// such a language silently; we report it and check the rest).
	PluralForms  []string
	NoPluralRule bool
	Entries      []Entry // in source order
	// Orphans are target messages with no source message (left over from a
	// deleted source string); they are kept in the file.
	Orphans []string
}

// Status compares a target catalog with the source catalog. hist may be nil.
//
// A target message counts as translated when it has text in every plural form
// the target language needs (CLDR: Arabic needs zero, one, two, few, many and
// other when the source has plural forms; a source with only "other" needs
// only "other") and its hash is the current source hash. A current
// translation lacking a needed form needs review, with Entry.LacksForms
// saying which: go-i18n would fall back to "other" for those counts and print
// the wrong grammatical number. One with no hash at all (added by hand, or a go-i18n
// v1 file) also counts as translated: goi18n merge accepts such messages for
// v1 compatibility, and flagging every hand-written catalog as stale would
// bury the real reviews. A wrong hash means needs_review; no text, missing.
//
// A message whose text is the source text unchanged, with the current hash,
// is what goi18n's translate file pre-fills. It is counted as translated
// (names, acronyms and numbers are legitimately identical) but always gets
// the "identical" QA problem, so it cannot pass unnoticed; Merge refuses
// such pre-fills outright, so they only reach a catalog through other tools.
func Status(source, target *Catalog, hist *History) Report {
	return StatusWith(source, target, hist, nil)
}

// StatusWith is Status with a project's QA options (nil: the defaults).
func StatusWith(source, target *Catalog, hist *History, opt *QAOptions) Report {
	r, _ := status(source, target, hist, opt, true, nil)
	return r
}

// status is StatusWith; without all, Entries holds only the messages that
// need work (not translated, or with a QA problem): the counts are the
// same, and a summary of many languages does not make and drop an entry
// for every message of each. The summary's entries are appended to buf[:0],
// returned grown for the next language: Entries then shares its array.
func status(source, target *Catalog, hist *History, opt *QAOptions, all bool, buf []Entry) (Report, []Entry) {
	r := Report{Lang: target.Lang}
	r.PluralForms, r.NoPluralRule = PluralForms(target.Lang)
	r.NoPluralRule = !r.NoPluralRule
	sc := statusCase{source: source, target: target, hist: hist, opt: opt,
		need:   neededForms{lang: r.PluralForms, rule: !r.NoPluralRule},
		srcDec: decimalMark(source.Lang), trDec: decimalMark(target.Lang)}
	srcMsgs := source.View()
	hashes, facts := sourceCache(source)
	if hashes == nil {
		hashes = make([]string, srcMsgs.Len())
		for i := range hashes {
			m := srcMsgs.At(i)
			hashes[i] = Hash(m.Description, m.Other)
		}
	}
	if all {
		r.Entries = make([]Entry, 0, srcMsgs.Len())
	} else {
		r.Entries = buf[:0]
	}
	m := newMatcher(target)
	for i := 0; i < srcMsgs.Len(); i++ {
		var f *sourceFacts
		if facts != nil {
			f = &facts[i]
		}
		src := srcMsgs.At(i)
		tr, ok := m.find(src.ID)
		e := sc.entry(src, tr, ok, hashes[i], f)
		r.tally(&e)
		if all || e.State != Translated || len(e.Problems) > 0 {
			r.Entries = append(r.Entries, e)
		}
	}
	r.Orphans = m.unmatched()
	buf = r.Entries[:0]
	if len(r.Entries) == 0 {
		r.Entries = nil
	}
	return r, buf
}

// statusCase is what the status of every message of one target language
// shares.
type statusCase struct {
	source, target *Catalog
	hist           *History
	opt            *QAOptions
	need           neededForms
	srcDec, trDec  byte // decimal marks (sepMark) of the two languages
}

// entry classifies one source message against its translation tr (ok:
// the target has one) and runs QA on it. srcHash is the source's current
// hash; f its cached QA facts, if any.
func (sc *statusCase) entry(src, tr Message, ok bool, srcHash string, f *sourceFacts) Entry {
	e := Entry{ID: src.ID, Source: src, Translation: tr}
	switch {
	case !ok || tr.Empty():
		e.State = Missing
	case tr.Hash == "" || tr.Hash == srcHash || sameText(sc.hist, tr.Hash, src):
		e.State = Translated
		if lack := sc.need.lacking(&src, &tr); lack != nil {
			e.State, e.LacksForms = NeedsReview, lack
		}
	default:
		e.State = NeedsReview
		if sc.hist != nil {
			if old, ok := sc.hist.Lookup(tr.Hash); ok {
				e.OldSource, e.OldSourceKnown = old.Other, true
			}
		}
	}
	if e.State != Missing {
		c := newCase(sc.target.Lang, &src, &tr, f)
		c.srcLang, c.opt, c.srcDec, c.trDec = sc.source.Lang, sc.opt, sc.srcDec, sc.trDec
		e.Problems = c.run()
	}
	return e
}

// tally counts e in the report.
func (r *Report) tally(e *Entry) {
	switch e.State {
	case Translated:
		r.Translated++
	case NeedsReview:
		r.NeedsReview++
	case Missing:
		r.Missing++
	}
	r.QAProblems += len(e.Problems)
	r.Total++
}

// matcher finds the target's message for each source message, in source
// order, and remembers which target messages were never asked for.
type matcher struct {
	msgs    *catfile.View
	matched []bool
	hint    int
}

func newMatcher(target *Catalog) *matcher {
	m := &matcher{msgs: target.View()}
	m.matched = make([]bool, m.msgs.Len())
	return m
}

// find returns the target message with id. Catalogs mostly share the
// source's order: it looks just after the last message found before
// searching.
func (m *matcher) find(id string) (Message, bool) {
	j := -1
	for k := m.hint; k < min(m.hint+8, m.msgs.Len()); k++ {
		if m.msgs.ID(k) == id {
			j = k
			break
		}
	}
	if j < 0 {
		j = m.msgs.Index(id)
	}
	if j < 0 {
		return Message{}, false
	}
	m.matched[j] = true
	m.hint = j + 1
	return m.msgs.At(j), true
}

// unmatched lists the IDs of the target messages find never returned.
func (m *matcher) unmatched() []string {
	var out []string
	for i, ok := range m.matched {
		if !ok {
			out = append(out, m.msgs.ID(i))
		}
	}
	return out
}

// neededForms decides which plural forms a translation must fill.
type neededForms struct {
	lang []string // the target language's forms (PluralForms)
	rule bool     // go-i18n has a plural rule for the language
}

// forms are the plural forms a translation of src needs, as goi18n decides
// what to hand off: only "other" when the source has no plural forms; the
// language's forms otherwise, or the source's own when go-i18n has no rule
// for the language.
func (n neededForms) forms(src *Message) []string {
	switch {
	case !hasPlurals(*src):
		return otherOnly
	case !n.rule:
		return src.Forms()
	}
	return n.lang
}

var otherOnly = []string{"other"}

// lacking returns the needed forms tr leaves empty, nil when none. For a
// plural message in a language go-i18n has no rule for, nobody can tell
// which forms are needed: the "plural" QA problem says so, and the handoff
// asks for the source's forms, but the translation is not held back.
func (n neededForms) lacking(src, tr *Message) []string {
	if !n.rule && hasPlurals(*src) {
		return nil
	}
	return lacksForms(tr, n.forms(src))
}

// lacksForms returns the forms tr leaves empty, nil when none.
func lacksForms(tr *Message, forms []string) []string {
	var lack []string
	for _, f := range forms {
		if tr.Form(f) == "" {
			lack = append(lack, f)
		}
	}
	return lack
}

// sameText reports whether hash names, in the history, a source message with
// the same text as src: only its description changed (a paragraph moved, so
// "Paragraph 3 of 6" became "Paragraph 4 of 7"). A translation made from it
// still translates the current text, though goi18n, which hashes the
// description too, would call it changed.
func sameText(hist *History, hash string, src Message) bool {
	if hist == nil {
		return false
	}
	old, ok := hist.Lookup(hash)
	return ok && !fromMemory(old) && old.Zero == src.Zero && old.One == src.One && old.Two == src.Two &&
		old.Few == src.Few && old.Many == src.Many && old.Other == src.Other
}

// sourceFacts and hashes of a source catalog, kept with it (Derived) while
// it is unedited: Status compares one source with many languages, also
// concurrently (StatusEach).
type sourceMemo struct {
	hashes []string
	facts  []sourceFacts
}

type sourceMemoKey struct{}

// sourceCache returns the source hash and QA facts of each message of an
// unedited catalog, computed once; nils for an edited one.
func sourceCache(c *Catalog) ([]string, []sourceFacts) {
	d := c.Derived(sourceMemoKey{}, func(v *catfile.View) any {
		memo := &sourceMemo{hashes: make([]string, v.Len()), facts: make([]sourceFacts, v.Len())}
		for i := range v.Len() {
			m := v.At(i)
			memo.hashes[i] = Hash(m.Description, m.Other)
			memo.facts[i] = newSourceFacts(&m)
		}
		return memo
	})
	if d == nil {
		return nil, nil
	}
	memo := d.(*sourceMemo)
	return memo.hashes, memo.facts
}
