package memory

import (
	"fmt"

	"communique/i18n/catalog"
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
			sm, ok := source.Get(tm.ID)
			if !ok || (tm.Hash != "" && tm.Hash != sm.SourceHash()) {
				continue
			}
			for _, form := range sm.Forms() {
				m.Add(Segment{
					SourceLang: source.Lang.String(), TargetLang: t.Lang.String(),
					Source: sm.Form(form), Target: tm.Form(form),
					Origin: fmt.Sprintf("%s (%s)", tm.ID, t.Lang),
				})
			}
		}
	}
}

// Prefilled is one message filled from memory.
type Prefilled struct {
	ID     string
	Lang   string
	Match  Match
	Origin string
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
		var best *Match
		for _, mt := range m.Lookup(source.Lang.String(), target.Lang.String(), sm.Other, Options{MinScore: 1, Max: 1}) {
			if mt.Exact {
				best = &mt
				break
			}
		}
		if best == nil {
			continue
		}
		desc := OriginDescription(best.Segment.Origin)
		if remember != nil {
			remember(catalog.Message{ID: id, Description: desc, Other: sm.Other})
		}
		target.Set(catalog.Message{ID: id, Other: best.Segment.Target, Hash: catalog.Hash(desc, sm.Other)})
		out = append(out, Prefilled{ID: id, Lang: target.Lang.String(), Match: *best, Origin: best.Segment.Origin})
	}
	return out
}
