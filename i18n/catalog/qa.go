package catalog

import (
	"strings"

	"golang.org/x/text/language"
)

// Problem is one QA finding on a translation.
type Problem struct {
	Rule   string // the rule's name, e.g. "placeholders"
	Detail string
}

// QARule is a named check of a translation against its source.
type QARule struct {
	Name  string
	Check func(lang language.Tag, source, translation Message) []Problem
}

// QARules are the checks Status runs, in the order their problems are
// listed: a fresh list on every call, so no caller can change another's.
func QARules() []QARule {
	return []QARule{
		{"empty", CheckEmpty},
		{"plural", CheckPlural},
		{"placeholders", CheckPlaceholders},
		{"template", CheckTemplate},
		{"numbers", CheckNumbers},
		{"whitespace", CheckWhitespace},
		{"spacing", CheckSpacing},
		{"punctuation", CheckPunctuation},
		{"brackets", CheckBrackets},
		{"markup", CheckMarkup},
		{"identical", CheckIdentical},
	}
}

// QA runs every rule on a translation of source into lang.
func QA(lang language.Tag, source, translation Message) []Problem {
	c := newCase(lang, &source, &translation, nil)
	return c.run()
}

// qaCase is one translation being checked: the pairs of texts to compare,
// worked out once for all rules.
type qaCase struct {
	lang    language.Tag
	srcLang language.Tag // und: English conventions
	opt     *QAOptions   // nil: the defaults
	// The decimal separators (sepMark) of the two languages; 0 until
	// needed. Status sets them once for all messages.
	srcDec, trDec byte
	src, tr       Message // copies: pointers to the caller's would force them onto the heap
	ps            [6]pair
	n             int
	sl, sr        string // source delimiters
	tl, trd       string // translation delimiters
	facts         *sourceFacts
}

// pair is a translated plural form and the source text it translates: the
// source's same form or, when the source has no such form (English has no
// "few"), its "other".
type pair struct {
	form    string
	srcForm int // index in formNames of the source text
	src, tr string
	trAct   int // where tr's first template action starts, -1 if none
}

// sourceFacts caches what the rules extract from a source message, which
// Status compares with every language: per plural form, its numbers and
// template actions. It is read-only once made.
type sourceFacts struct {
	punct      [6][2]string // endPunct's class and mark
	nums       [6][]string
	actions    [6][]string
	unbalanced [6]uint32 // brackets and quotes that do not pair up
}

func newSourceFacts(m *Message) sourceFacts {
	var f sourceFacts
	l, r := delims(*m)
	for i, form := range formNames {
		if t := m.Form(form); t != "" {
			f.nums[i] = numbers(nil, t, l, r)
			f.actions[i] = placeholders(nil, t, l, r)
			f.unbalanced[i] = unbalanced(t, l, r)
			f.punct[i][0], f.punct[i][1] = endPunct(t)
		}
	}
	return f
}

func newCase(lang language.Tag, source, translation *Message, facts *sourceFacts) qaCase {
	c := qaCase{lang: lang, src: *source, tr: *translation, facts: facts}
	c.sl, c.sr = delims(*source)
	c.tl, c.trd = delims(*translation)
	for i, f := range formNames {
		tr := translation.Form(f)
		if tr == "" {
			continue
		}
		k := i
		src := source.Form(f)
		if src == "" {
			src, k = source.Other, 5
		}
		c.ps[c.n] = pair{form: f, srcForm: k, src: src, tr: tr, trAct: strings.Index(tr, c.tl)}
		c.n++
	}
	return c
}

// run applies the rules in QARules order. The calls are spelled out (not a
// loop over method values) so that c stays on the stack.
func (c *qaCase) run() []Problem {
	var out []Problem
	out = append(out, c.empty()...)
	out = append(out, c.plural()...)
	out = append(out, c.placeholders()...)
	out = append(out, c.template()...)
	out = append(out, c.numbers()...)
	out = append(out, c.whitespace()...)
	out = append(out, c.spacing()...)
	out = append(out, c.punctuation()...)
	out = append(out, c.brackets()...)
	out = append(out, c.markup()...)
	out = append(out, c.identical()...)
	return out
}

// srcNumbers and srcActions return the (sorted) numbers and template
// actions of the source text of pair p, from the cache when there is one.
func (c *qaCase) srcNumbers(p *pair, buf []string) []string {
	if c.facts == nil {
		return numbers(buf, p.src, c.sl, c.sr)
	}
	return c.facts.nums[p.srcForm]
}

func (c *qaCase) srcActions(p *pair, buf []string) []string {
	if c.facts == nil {
		return placeholders(buf, p.src, c.sl, c.sr)
	}
	return c.facts.actions[p.srcForm]
}

func formLabel(form string) string {
	if form == "other" {
		return ""
	}
	return " (" + form + ")"
}
