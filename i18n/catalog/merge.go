package catalog

import (
	"communique/i18n/catfile/tree"
	"fmt"
	"slices"
	"strings"

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

// Merge applies the real translations in a returned file (our handoff file
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
func Merge(source, target, returned *Catalog) MergeReport {
	return MergeWithHistory(source, target, returned, nil)
}

// MergeWithHistory is Merge that also accepts a message whose hash names, in
// hist, an earlier source message with the same text: only the description
// changed since the file was handed off (a paragraph moved), so the
// translation still translates the current text. It is stored with the
// current hash.
func MergeWithHistory(source, target, returned *Catalog, hist *History) MergeReport {
	return MergeWith(source, target, returned, MergeOptions{History: hist})
}

// MergeOptions refine MergeWith.
type MergeOptions struct {
	// History is as for MergeWithHistory.
	History *History
	// Names reports the messages that are names (an organisation, a
	// place), which a translation may well leave as they are: for them,
	// the pre-filled source text returned unchanged is taken as the
	// translation.
	Names func(id string) bool
}

// MergeWith is MergeWithHistory with options.
func MergeWith(source, target, returned *Catalog, opt MergeOptions) MergeReport {
	hist := opt.History
	rep := MergeReport{Lang: target.Lang}
	if returned.Lang != target.Lang {
		for _, m := range returned.Messages() {
			rep.add(m.ID, Rejected, "the file is for language %s, the catalog for %s", returned.Lang, target.Lang)
		}
		return rep
	}
	forms, hasRule := PluralForms(target.Lang)
	for _, r := range returned.Messages() {
		src, ok := source.Get(r.ID)
		if !ok {
			rep.add(r.ID, Rejected, "no message with this ID in the source")
			continue
		}
		srcHash := Hash(src.Description, src.Other)
		if r.Hash != "" && r.Hash != srcHash && !sameText(hist, r.Hash, src) {
			rep.add(r.ID, Rejected, "translated from an older source text (hash %s, current %s); translate the current text", r.Hash, srcHash)
			continue
		}
		cur, exists := target.Get(r.ID)
		fresh := exists && !cur.Empty() && (cur.Hash == "" || cur.Hash == srcHash || sameText(hist, cur.Hash, src))

		// Keep only real translations: drop each form that is exactly
		// what the handoff pre-filled (the source's form, or its "other").
		var took, prefilled, ignored []string
		next := Message{ID: r.ID}
		if fresh {
			next = cur
		}
		for _, f := range formNames {
			text := r.Form(f)
			if text == "" {
				continue
			}
			if hasRule && !slices.Contains(forms, f) {
				ignored = append(ignored, f)
				continue
			}
			left, right := delims(src)
			pre := src.Form(f)
			if pre == "" {
				pre = src.Other
			}
			// Text without letters ("2021–2022", "{{.Count}}") reads the
			// same in every language: returning it unchanged is a
			// translation, or it could never leave the handoff.
			// A name may stay as it is, but an untouched pre-fill never
			// replaces a current translation (a stale handoff returned).
			keptName := opt.Names != nil && opt.Names(r.ID) && (!fresh || cur.Form(f) == "")
			if text == pre && (!fresh || cur.Form(f) != text) && hasLetter(text, left, right) && !keptName {
				prefilled = append(prefilled, f)
				continue
			}
			*tree.Field(&next, fieldFor(f)) = text
			took = append(took, f)
		}
		if len(took) == 0 {
			switch {
			case len(prefilled) > 0:
				rep.add(r.ID, Rejected, "untouched source text (pre-filled for translation), not a translation")
			case len(ignored) > 0:
				rep.add(r.ID, Rejected, "only plural forms %s, which %s does not use", strings.Join(ignored, ", "), target.Lang)
			default:
				rep.add(r.ID, Rejected, "empty")
			}
			continue
		}
		next.Hash = srcHash
		if !exists || cur.Description != "" {
			// goi18n copies the source description into translations.
			next.Description = src.Description
		}
		if r.LeftDelim != "" || r.RightDelim != "" {
			next.LeftDelim, next.RightDelim = r.LeftDelim, r.RightDelim
		} else if !exists {
			next.LeftDelim, next.RightDelim = src.LeftDelim, src.RightDelim
		}
		var notes []string
		if len(prefilled) > 0 {
			notes = append(notes, "left untouched pre-filled forms "+strings.Join(prefilled, ", "))
		}
		if len(ignored) > 0 {
			notes = append(notes, fmt.Sprintf("ignored forms %s (not used in %s)", strings.Join(ignored, ", "), target.Lang))
		}
		if exists && !fresh && !cur.Empty() {
			notes = append(notes, "replaced a translation of an older source text")
		}
		note := strings.Join(notes, "; ")
		switch {
		case exists && next == cur:
			rep.add(r.ID, Unchanged, note)
		case exists && !cur.Empty():
			target.Set(next)
			rep.add(r.ID, Updated, note)
		default:
			target.Set(next)
			rep.add(r.ID, Added, note)
		}
	}
	return rep
}

func fieldFor(form string) tree.Key {
	for _, f := range tree.PluralKeys {
		if tree.KeyNames[f] == form {
			return f
		}
	}
	return tree.KeyOther
}
