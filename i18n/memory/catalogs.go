package memory

import (
	"fmt"
	"strings"

	"communique/i18n/catalog"
	"communique/i18n/segment"
)

// FromCatalogs adds every current translation of source found in targets:
// a target message counts when it has the current source hash (or none, as
// catalog.Status counts hand-written ones). Stale translations are left out
// so a memory never offers what a reviewer has not confirmed. Each plural
// form present in both messages is its own segment.
func (m *Memory) FromCatalogs(source *catalog.Catalog, targets ...*catalog.Catalog) {
	for _, t := range targets {
		if t == nil || t == source {
			continue
		}
		for _, tm := range t.Messages() {
			m.addMessage(source, t, tm)
		}
	}
}

// AddMessage adds the current translation of one message, as FromCatalogs
// would: a window adds what the translator just wrote without building the
// memory again. A translation it held before stays in the memory.
func (m *Memory) AddMessage(source, target *catalog.Catalog, id string) {
	if tm, ok := target.Get(id); ok && target != source {
		m.addMessage(source, target, tm)
	}
}

func (m *Memory) addMessage(source, t *catalog.Catalog, tm catalog.Message) {
	sm, ok := source.Get(tm.ID)
	if !ok || (tm.Hash != "" && tm.Hash != sm.SourceHash()) {
		return
	}
	for _, form := range sm.Forms() {
		m.addAligned(Segment{
			SourceLang: source.Lang.String(), TargetLang: t.Lang.String(),
			Source: sm.Form(form), Target: tm.Form(form),
			Origin: fmt.Sprintf("%s (%s)", tm.ID, t.Lang),
		})
	}
}

// addAligned stores a message and, when its source and translation have
// the same number of sentences, each sentence pair: statements reuse
// sentences more often than whole paragraphs. Paragraphs whose sentence
// counts differ (a translator joined or split sentences) are kept whole
// only, since pairing them by position would pair wrong sentences.
func (m *Memory) addAligned(s Segment) {
	m.Add(s)
	src, tgt := segment.Texts(s.Source), segment.Texts(s.Target)
	if len(src) < 2 || len(src) != len(tgt) {
		return
	}
	for i := range src {
		m.Add(Segment{SourceLang: s.SourceLang, TargetLang: s.TargetLang, Source: src[i], Target: tgt[i],
			Origin: fmt.Sprintf("%s, sentence %d", s.Origin, i+1)})
	}
}

// Prefilled is one message filled from memory.
type Prefilled struct {
	ID, Lang string
	Text     string // the translation filled in
	Origin   string // where it came from; "; " between sentences' origins
}

// OriginDescription is the description under which a pre-filled message's
// source is remembered in the history, so the review shows where the
// translation came from.
func OriginDescription(origin string) string { return catalog.MemoryOriginPrefix + origin }

// Prefill fills the messages ids of target that have no text with exact
// matches from memory. Each gets the hash of OriginDescription(origin) and
// the source text rather than the current source hash, so catalog.Status
// counts it as needs_review, never as translated; remember is called with
// that (description, text) message so the history can show the origin.
// Only the "other" form is filled: an exact match of a plural message's
// other form says nothing of its other forms.
func (m *Memory) Prefill(source, target *catalog.Catalog, ids []string, remember func(catalog.Message)) []Prefilled {
	var out []Prefilled
	for _, id := range ids {
		sm, ok := source.Get(id)
		if !ok || sm.Other == "" {
			continue
		}
		if tm, ok := target.Get(id); ok && !tm.Empty() {
			continue
		}
		text, origin, ok := m.exactText(source.Lang.String(), target.Lang.String(), sm.Other)
		if !ok {
			continue
		}
		desc := OriginDescription(origin)
		if remember != nil {
			remember(catalog.Message{ID: id, Description: desc, Other: sm.Other})
		}
		target.Set(catalog.Message{ID: id, Other: text, Hash: catalog.Hash(desc, sm.Other)})
		out = append(out, Prefilled{ID: id, Lang: target.Lang.String(), Text: text, Origin: origin})
	}
	return out
}

// exactText finds a translation of text made only of exact matches: the
// whole text, or else every one of its sentences, joined.
func (m *Memory) exactText(srcLang, tgtLang, text string) (string, string, bool) {
	if mt, ok := m.exact(srcLang, tgtLang, text); ok {
		return mt.Target, mt.Origin, true
	}
	sentences := segment.Texts(text)
	if len(sentences) < 2 {
		return "", "", false
	}
	var texts, origins []string
	for _, s := range sentences {
		mt, ok := m.exact(srcLang, tgtLang, s)
		if !ok {
			return "", "", false
		}
		texts = append(texts, mt.Target)
		origins = append(origins, mt.Origin)
	}
	return segment.Join(texts, tgtLang), strings.Join(origins, "; "), true
}

func (m *Memory) exact(srcLang, tgtLang, text string) (Segment, bool) {
	for _, mt := range m.Lookup(srcLang, tgtLang, text, Options{MinScore: 1, Max: 1}) {
		if mt.Exact {
			return mt.Segment, true
		}
	}
	return Segment{}, false
}
