package ui

import (
	"maps"

	"fyne.io/fyne/v2"

	"communique/app/workspace"
	"communique/i18n/catalog"
	"communique/i18n/uitext"
)

// partState is a part's translation status as the screens show it.
type partState int

const (
	stateMissing partState = iota
	stateNeedsReview
	stateTranslated
)

func stateOf(e catalog.Entry) partState {
	switch e.State {
	case catalog.Translated:
		return stateTranslated
	case catalog.NeedsReview:
		return stateNeedsReview
	}
	return stateMissing
}

// entry is the status of one part in one language.
func (c *controller) entry(lang, id string) (catalog.Entry, bool) {
	idx, ok := c.index[lang][id]
	if !ok {
		return catalog.Entry{ID: id, State: catalog.Missing}, false
	}
	return c.reports[lang].Entries[idx], true
}

// summary says in a few words what is left to do in a language.
func (c *controller) summary(missing, review, qa int) string {
	if missing == 0 && review == 0 && qa == 0 {
		return c.tx.T("Complete")
	}
	var s string
	add := func(part string) {
		if s != "" {
			s += " · "
		}
		s += part
	}
	if missing > 0 {
		add(c.tx.N("CountMissing", missing))
	}
	if review > 0 {
		add(c.tx.N("CountNeedsReview", review))
	}
	if qa > 0 {
		add(c.tx.N("CountQAProblems", qa))
	}
	return s
}

// ruleName is the interface name of a QA rule; a rule this version does
// not know keeps the engine's own name.
func ruleName(tx *uitext.Text, rule string) string {
	if id, ok := ruleMessages[rule]; ok {
		return tx.T(id)
	}
	return rule
}

var ruleMessages = map[string]string{
	"empty":          "RuleEmpty",
	"plural":         "RulePluralForms",
	"placeholders":   "RulePlaceholders",
	"template":       "RuleTemplate",
	"numbers":        "RuleNumbers",
	"whitespace":     "RuleWhitespace",
	"punctuation":    "RuleEndPunctuation",
	"identical":      "RuleSameAsSource",
	"no_plural_rule": "RuleNoPluralRule",
}

// setTranslation stores a translation, with its plural forms when the
// message has them.
func setTranslation(ws *workspace.Workspace, lang, id, other string, forms map[string]string) error {
	if len(forms) <= 1 {
		return ws.SetTranslation(lang, id, other)
	}
	all := maps.Clone(forms)
	all["other"] = other
	return ws.SetTranslationForms(lang, id, all)
}

// dialogText is a dialog's message (widgets.Kit.DialogText).
func (c *controller) dialogText(text, lang string, width float32) fyne.CanvasObject {
	return c.kit.DialogText(text, lang, width)
}

func (c *controller) showInfo(title, text string) { c.kit.Info(title, text) }
