package catalog

import (
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/nicksnyder/go-i18n/v2/i18n"
	"github.com/nicksnyder/go-i18n/v2/i18n/template"
	"golang.org/x/text/language"
)

// CLDR plural form names, in CLDR order.
var formNames = []string{"zero", "one", "two", "few", "many", "other"}

// go-i18n keeps its CLDR rules in an internal package. The public route to
// them is a Bundle (which refuses a language without a rule) and a Localizer
// (which picks a form for a count). PluralForms asks the Localizer which form
// it picks for a set of numbers covering every CLDR rule's conditions
// (integers, decimals with 1–4 fraction digits, millions, exponents), so the
// answer is go-i18n's own; TestPluralFormsMatchCLDR checks it against the CLDR
// data go-i18n is generated from.
var pluralProbes = sync.OnceValue(func() []any {
	var ps []any
	// CLDR integer conditions look at n mod 10, mod 100 and mod 1000000,
	// and at ranges below 200.
	for i := 0; i <= 220; i++ {
		ps = append(ps, i)
	}
	for _, i := range []int{1000, 1001, 1002, 1003, 1011, 1012, 1021, 1100, 2000, 10000, 100000, 1000000, 1000001, 2000000, 10000000, 100000000} {
		ps = append(ps, i)
	}
	for i := 0; i <= 25; i++ {
		for _, f := range []string{"0", "1", "2", "3", "5", "9", "00", "01", "04", "10", "000", "001", "0000", "0001"} {
			ps = append(ps, fmt.Sprintf("%d.%s", i, f))
		}
	}
	for _, s := range []string{"100.5", "1000.0", "1000.5", "10000.0", "1000000.0", "1e3", "1.5e3", "1e6", "2e6", "1.5e6", "1e7", "1.0000001e6"} {
		ps = append(ps, s)
	}
	return ps
})

type pluralInfo struct {
	forms []string
	ok    bool
}

var pluralCache sync.Map // language.Tag → pluralInfo

// PluralForms returns the plural forms lang needs, per go-i18n's CLDR rules,
// in CLDR order (always including "other"). ok is false when go-i18n has no
// plural rule for the language: goi18n merge silently skips such languages;
// callers should report it instead.
//
// Probing costs a millisecond or more per language (a Bundle, a Localizer
// and some 600 localizations), which is a twentieth of a whole one-language
// export, so the answer for go-i18n's own locales comes from pluralTable
// (generated from the CLDR data go-i18n's rules are generated from, and
// checked against probing by TestPluralTableMatchesGoI18n). Only a language
// the table does not know is probed.
func PluralForms(lang language.Tag) (forms []string, ok bool) {
	if forms, ok := tablePluralForms(lang); ok {
		return forms, true
	}
	if v, hit := pluralCache.Load(lang); hit {
		info := v.(pluralInfo)
		return info.forms, info.ok
	}
	info := probePlural(lang)
	pluralCache.Store(lang, info)
	return info.forms, info.ok
}

// tablePluralForms looks lang up the way go-i18n finds a language's rule:
// the tag, then its parents, then its base language.
func tablePluralForms(lang language.Tag) ([]string, bool) {
	for t := lang; !t.IsRoot(); t = t.Parent() {
		if forms, ok := lookupPluralTable(t.String()); ok {
			return forms, true
		}
	}
	base, _ := lang.Base()
	return lookupPluralTable(base.String())
}

type pluralEntry struct {
	tag   string
	forms []string
}

func lookupPluralTable(tag string) ([]string, bool) {
	i, ok := slices.BinarySearchFunc(pluralTable[:], tag, func(e pluralEntry, tag string) int { return strings.Compare(e.tag, tag) })
	if !ok {
		return nil, false
	}
	return pluralTable[i].forms, true
}

func probePlural(lang language.Tag) pluralInfo {
	b := i18n.NewBundle(lang)
	probe := &i18n.Message{ID: "p", Zero: "zero", One: "one", Two: "two", Few: "few", Many: "many", Other: "other"}
	if err := b.AddMessages(lang, probe); err != nil {
		return pluralInfo{forms: []string{"other"}, ok: false}
	}
	loc := i18n.NewLocalizer(b, lang.String())
	seen := map[string]bool{"other": true}
	for _, n := range pluralProbes() {
		s, err := loc.Localize(&i18n.LocalizeConfig{MessageID: "p", PluralCount: n, TemplateParser: template.IdentityParser{}})
		if err == nil {
			seen[s] = true
		}
	}
	var forms []string
	for _, f := range formNames {
		if seen[f] {
			forms = append(forms, f)
		}
	}
	return pluralInfo{forms: forms, ok: true}
}
