package catalog

import (
	"fmt"
	"slices"
	"strings"

	"communique/i18n/catfile/tree"

	"golang.org/x/text/language"
)

// MergeAction says what Merge did with one returned message.
type MergeAction string

const (
	Added     MergeAction = "added"     // a new translation
	Updated   MergeAction = "updated"   // replaced or completed a translation
	Unchanged MergeAction = "unchanged" // the catalog already had exactly this
	Rejected  MergeAction = "rejected"  // not applied; Reason says why
)

// MergeResult is the fate of one returned message.
type MergeResult struct {
	ID     string
	Action MergeAction
	Reason string
}

func (r MergeResult) String() string {
	if r.Reason == "" {
		return fmt.Sprintf("%s %s", r.ID, r.Action)
	}
	return fmt.Sprintf("%s %s: %s", r.ID, r.Action, r.Reason)
}

// MergeReport lists what Merge did, per message in the returned file's order.
type MergeReport struct {
	Lang                                language.Tag
	Results                             []MergeResult
	Added, Updated, Unchanged, Rejected int
}

func (r *MergeReport) add(id string, a MergeAction, reason string, args ...any) {
	if len(args) > 0 {
		reason = fmt.Sprintf(reason, args...)
	}
	r.Results = append(r.Results, MergeResult{ID: id, Action: a, Reason: reason})
	switch a {
	case Added:
		r.Added++
	case Updated:
		r.Updated++
	case Unchanged:
		r.Unchanged++
	case Rejected:
		r.Rejected++
	}
}

// MergeWithHistory is MergeWith that also accepts a message whose hash names, in
// hist, an earlier source message with the same text: only the description
// changed since the file was handed off (a paragraph moved), so the
// translation still translates the current text. It is stored with the
// current hash.
func MergeWithHistory(source, target, returned *Catalog, hist *History) MergeReport {
	return MergeWith(source, target, returned, MergeOptions{History: hist})
}

// MergeOptions refine MergeWith.
type MergeOptions struct {
	// History lets through a message whose hash names, in the history,
	// an earlier source message with the same text (see MergeWithHistory).
	History *History
	// Names reports the messages that are names (an organisation, a
	// place), which a translation may well leave as they are: for them,
	// the pre-filled source text returned unchanged is taken as the
	// translation.
	Names func(id string) bool
}

// MergeWith applies the real translations in a returned file (our handoff file
// or any goi18n translate/active file for the same language) to target.
// Nothing is saved: the caller saves target, which keeps its order and
// comments.
//
// A returned message is refused when its ID is not in the source, when its
// hash is not the current source hash (it was translated from text that has
// changed since; goi18n would drop it silently), or when it is only the
// source text pre-filled by the handoff, untouched. Pre-filled plural forms
// are dropped one by one, so a file where the translator did "other" but not
// "one" still brings in "other". A message without a hash (hand-written, v1)
// is taken as a translation of the current source, as goi18n takes it.
// opt.History and opt.Names let more through: see MergeOptions.
func MergeWith(source, target, returned *Catalog, opt MergeOptions) MergeReport {
	rep := MergeReport{Lang: target.Lang}
	if returned.Lang != target.Lang {
		for _, m := range returned.Messages() {
			rep.add(m.ID, Rejected, "the file is for language %s, the catalog for %s", returned.Lang, target.Lang)
		}
		return rep
	}
	mg := merger{source: source, target: target, opt: opt}
	mg.forms, mg.hasRule = PluralForms(target.Lang)
	for _, r := range returned.Messages() {
		mg.merge(&rep, r)
	}
	return rep
}

// merger applies returned messages to one target catalog.
type merger struct {
	source, target *Catalog
	opt            MergeOptions
	forms          []string // the forms the target language uses
	hasRule        bool     // go-i18n has a plural rule for it
}

// merge applies one returned message: admitted against the source, its
// forms sifted for real translations, then completed and stored.
func (mg *merger) merge(rep *MergeReport, r Message) {
	src, srcHash, reason := mg.admit(r)
	if reason != "" {
		rep.add(r.ID, Rejected, reason)
		return
	}
	cur, exists := mg.target.Get(r.ID)
	fresh := exists && !cur.Empty() && (cur.Hash == "" || cur.Hash == srcHash || sameText(mg.opt.History, cur.Hash, src))
	next := Message{ID: r.ID}
	if fresh {
		next = cur
	}
	s := mg.sift(r, src, cur, fresh, &next)
	if len(s.took) == 0 {
		rep.add(r.ID, Rejected, s.rejection(mg.target.Lang))
		return
	}
	complete(&next, r, src, srcHash, cur, exists)
	note := s.note(mg.target.Lang, exists && !fresh && !cur.Empty())
	switch {
	case exists && next == cur:
		rep.add(r.ID, Unchanged, note)
	case exists && !cur.Empty():
		mg.target.Set(next)
		rep.add(r.ID, Updated, note)
	default:
		mg.target.Set(next)
		rep.add(r.ID, Added, note)
	}
}

// admit finds r's source message and checks that r translates its current
// text (or, per the history, the same text under an older description);
// reason says why not.
func (mg *merger) admit(r Message) (src Message, srcHash, reason string) {
	src, ok := mg.source.Get(r.ID)
	if !ok {
		return src, "", "no message with this ID in the source"
	}
	srcHash = Hash(src.Description, src.Other)
	if r.Hash != "" && r.Hash != srcHash && !sameText(mg.opt.History, r.Hash, src) {
		return src, srcHash, fmt.Sprintf("translated from an older source text (hash %s, current %s); translate the current text", r.Hash, srcHash)
	}
	return src, srcHash, ""
}

// sifted is what became of a returned message's plural forms.
type sifted struct {
	took      []string // real translations, now in the message
	prefilled []string // the handoff's pre-fill, returned untouched
	ignored   []string // forms the language does not use
}

// sift keeps only the real translations among r's forms, writing them into
// next: it drops each form the language does not use, and each that is
// exactly what the handoff pre-filled (the source's form, or its "other").
func (mg *merger) sift(r, src, cur Message, fresh bool, next *Message) sifted {
	var s sifted
	left, right := delims(src)
	for _, f := range formNames {
		text := r.Form(f)
		if text == "" {
			continue
		}
		if mg.hasRule && !slices.Contains(mg.forms, f) {
			s.ignored = append(s.ignored, f)
			continue
		}
		pre := src.Form(f)
		if pre == "" {
			pre = src.Other
		}
		// Text without letters ("2021–2022", "{{.Count}}") reads the
		// same in every language: returning it unchanged is a
		// translation, or it could never leave the handoff.
		// A name may stay as it is, but an untouched pre-fill never
		// replaces a current translation (a stale handoff returned).
		keptName := mg.opt.Names != nil && mg.opt.Names(r.ID) && (!fresh || cur.Form(f) == "")
		if text == pre && (!fresh || cur.Form(f) != text) && hasLetter(text, left, right) && !keptName {
			s.prefilled = append(s.prefilled, f)
			continue
		}
		*tree.Field(next, fieldFor(f)) = text
		s.took = append(s.took, f)
	}
	return s
}

// rejection says why a message none of whose forms were taken is refused.
func (s sifted) rejection(lang language.Tag) string {
	switch {
	case len(s.prefilled) > 0:
		return "untouched source text (pre-filled for translation), not a translation"
	case len(s.ignored) > 0:
		return fmt.Sprintf("only plural forms %s, which %s does not use", strings.Join(s.ignored, ", "), lang)
	}
	return "empty"
}

// note says what was left out of a taken message, and whether it
// replaced a translation of an older source text.
func (s sifted) note(lang language.Tag, replacedStale bool) string {
	var notes []string
	if len(s.prefilled) > 0 {
		notes = append(notes, "left untouched pre-filled forms "+strings.Join(s.prefilled, ", "))
	}
	if len(s.ignored) > 0 {
		notes = append(notes, fmt.Sprintf("ignored forms %s (not used in %s)", strings.Join(s.ignored, ", "), lang))
	}
	if replacedStale {
		notes = append(notes, "replaced a translation of an older source text")
	}
	return strings.Join(notes, "; ")
}

// complete gives a translation what goes with it: the current source
// hash, the source's description (goi18n copies it into translations) and
// the delimiters, the returned file's or else the source's.
func complete(next *Message, r, src Message, srcHash string, cur Message, exists bool) {
	next.Hash = srcHash
	if !exists || cur.Description != "" {
		next.Description = src.Description
	}
	if r.LeftDelim != "" || r.RightDelim != "" {
		next.LeftDelim, next.RightDelim = r.LeftDelim, r.RightDelim
	} else if !exists {
		next.LeftDelim, next.RightDelim = src.LeftDelim, src.RightDelim
	}
}

func fieldFor(form string) tree.Key {
	for _, f := range tree.PluralKeys {
		if tree.KeyNames[f] == form {
			return f
		}
	}
	return tree.KeyOther
}
