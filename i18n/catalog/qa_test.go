package catalog

import (
	"strings"
	"testing"

	"golang.org/x/text/language"
)

func TestQARules(t *testing.T) {
	en := func(other string) Message { return Message{ID: "m", Other: other} }
	cases := []struct {
		rule  string
		lang  string
		src   Message
		tr    Message
		wants []string // substrings of each expected problem's detail; none = no problem
	}{
		// empty
		{"empty", "fr", en("Hello"), Message{}, []string{"no translation"}},
		{"empty", "fr", en("Hello"), en("   "), []string{"only whitespace"}},
		{"empty", "fr", en("Hello"), Message{One: "Un"}, []string{`"other" form is empty`}},
		{"empty", "fr", en("Hello"), en("Bonjour"), nil},

		// plural
		{"plural", "ru", Message{One: "{{.Count}} file", Other: "{{.Count}} files"},
			Message{One: "{{.Count}} файл", Other: "{{.Count}} файлов"}, []string{"missing plural forms few, many (ru needs one, few, many, other)"}},
		{"plural", "ru", Message{One: "a", Other: "b"},
			Message{One: "{{.Count}} файл", Few: "{{.Count}} файла", Many: "{{.Count}} файлов", Other: "{{.Count}} файла"}, nil},
		{"plural", "ar", Message{One: "a", Other: "b"}, Message{Other: "x"}, []string{"missing plural forms zero, one, two, few, many"}},
		{"plural", "ja", Message{One: "a", Other: "b"}, Message{Other: "x"}, nil},
		{"plural", "fr", en("No plurals in source"), Message{Other: "x"}, nil},
		{"plural", "tlh", Message{One: "a", Other: "b"}, Message{Other: "x"}, []string{"no CLDR plural rule for tlh"}},

		// placeholders
		{"placeholders", "fr", en("Hello {{.Name}}"), en("Bonjour {{ .Name }}"), nil},
		{"placeholders", "fr", en("Hello {{.Name}}"), en("Bonjour"), []string{"missing {{.Name}}"}},
		{"placeholders", "fr", en("Hello {{.Name}}"), en("Bonjour {{.Nom}}"), []string{"missing {{.Name}}; not in source {{.Nom}}"}},
		{"placeholders", "fr", Message{One: "{{.Count}} file", Other: "{{.Count}} files"}, Message{One: "Un fichier", Other: "{{.Count}} fichiers"}, nil},
		{"placeholders", "fr", Message{Other: "<<.N>> files", LeftDelim: "<<", RightDelim: ">>"},
			Message{Other: "<<.N>> fichiers", LeftDelim: "<<", RightDelim: ">>"}, nil},
		{"placeholders", "fr", Message{Other: "<<.N>> files", LeftDelim: "<<", RightDelim: ">>"},
			Message{Other: "fichiers", LeftDelim: "<<", RightDelim: ">>"}, []string{"missing <<.N>>"}},

		// template
		{"template", "fr", en("{{.Name}}"), en("{{.Name}"), []string{"does not parse"}},
		{"template", "fr", en("{{.Name}}"), en("{{if .X}}oui"), []string{"does not parse"}},
		{"template", "fr", en("{{.Name}}"), en("{{.Name}} {{/* c */}}"), nil},
		{"template", "fr", en("x"), Message{Other: "<<.N>> {{", LeftDelim: "<<", RightDelim: ">>"}, nil},
		{"template", "fr", en("x"), en("no template at all"), nil},

		// numbers
		{"numbers", "fr", en("Article 12 of 2024"), en("Article 12 de 2024"), nil},
		{"numbers", "fr", en("Article 12 of 2024"), en("Article 13 de 2024"), []string{"missing 12; not in source 13"}},
		{"numbers", "ar", en("Article 12 of 2024"), en("المادة ١٢ لعام ٢٠٢٤"), nil},
		{"numbers", "fa", en("Article 12 of 2024"), en("ماده ۱۲ سال ۲۰۲۴"), nil},
		{"numbers", "fa", en("Article 12"), en("ماده ۱۳"), []string{"missing 12; not in source 13"}},
		{"numbers", "fr", en("1,000.5 people"), en("1 000,5 personnes"), nil},
		{"numbers", "fr", en("{{.Count}} people"), en("{{.Count}} personnes"), nil},
		{"numbers", "fr", en("3 and 4"), en("3 et 4"), nil},
		{"numbers", "fr", en("1,000,000 people"), en("1 000 000 personnes"), nil},
		{"numbers", "fr", en("12,345 people"), en("12 345 personnes"), nil},
		// A space before three digits groups them only after a short first
		// group: these are two numbers, in either order.
		{"numbers", "fr", en("In 2020, 100 people"), en("En 2020 100 personnes"), nil},
		{"numbers", "fr", en("In 2020, 100 people"), en("100 personnes en 2020"), nil},
		{"numbers", "fr", en("In 2020, 100 people"), en("En 2020 101 personnes"), []string{"missing 100; not in source 101"}},
		{"numbers", "fr", en("1,000 people"), en("1 0000 personnes"), []string{"missing 1,000; not in source 0000, 1"}},
		{"numbers", "fr", en("3 and 4"), en("3"), []string{"missing 4"}},
		{"numbers", "fr", Message{One: "1 file", Other: "{{.Count}} files"}, Message{One: "un fichier", Other: "{{.Count}} fichiers"}, nil},

		// whitespace
		{"whitespace", "fr", en("Hello "), en("Bonjour "), nil},
		{"whitespace", "fr", en("Hello "), en("Bonjour"), []string{`trailing whitespace "", source has " "`}},
		{"whitespace", "fr", en("Hello"), en("\nBonjour"), []string{`leading whitespace "\n", source has ""`}},

		// punctuation
		{"punctuation", "fr", en("Really?"), en("Vraiment ?"), nil},
		{"punctuation", "ar", en("Washington, D.C."), en("واشنطن العاصمة"), nil},
		{"punctuation", "fr", en("Washington"), en("Washington (D.C.)"), nil},
		{"punctuation", "fr", en("Acme Inc."), en("Acme"), nil},
		{"punctuation", "fr", en("They met in the U.S."), en("Ils se sont réunis aux États-Unis"), nil},
		{"punctuation", "fr", en("They met in Iraq."), en("Ils se sont réunis en Irak"), []string{`source ends with full stop ".", translation does not`}},
		{"punctuation", "ar", en("Really?"), en("حقا؟"), nil},
		{"punctuation", "ar", en("a, b;"), en("أ، ب؛"), nil},
		{"punctuation", "ar", en("and,"), en("و،"), nil},
		{"punctuation", "fr", en("Done."), en("Fini !"), []string{`ends with exclamation mark "!", source ends with full stop "."`}},
		{"punctuation", "fr", en("Done."), en("Fini"), []string{`source ends with full stop "."`}},
		{"punctuation", "fr", en("Done"), en("Fini."), []string{`ends with "."`}},
		{"punctuation", "fr", en(`He said "yes."`), en("Il a dit « oui. »"), nil},
		{"punctuation", "ja", en("Done."), en("完了。"), nil},
		{"punctuation", "fr", en("Wait..."), en("Attendez…"), nil},

		// spacing
		{"spacing", "fr", en("Hello world"), en("Bonjour  le monde"), []string{"double space"}},
		{"spacing", "fr", en("Hello  world"), en("Bonjour  le monde"), nil},
		{"spacing", "fr", en("Hello world "), en("Bonjour le monde "), nil},

		// brackets
		{"brackets", "fr", en("See (annex 2)."), en("Voir (annexe 2."), []string{"unbalanced ( )"}},
		{"brackets", "fr", en(`He said "yes".`), en(`Il a dit "oui.`), []string{`unbalanced "`}},
		{"brackets", "de", en("He said “yes”."), en("Er sagte „ja“."), nil},
		{"brackets", "fr", en("He said “yes”."), en("Il a dit « oui »."), nil},
		{"brackets", "fr", en("He said “yes”."), en("Il a dit « oui."), []string{"unbalanced « »"}},
		{"brackets", "fr", en("{{.Name}} (admin)"), en("{{.Name}} (admin)"), nil},

		// markup
		{"markup", "fr", en("Click <b>Save</b>"), en("Cliquez sur <b>Enregistrer</b>"), nil},
		{"markup", "fr", en("Click <b>Save</b>"), en("Cliquez sur <b>Enregistrer"), []string{"missing </b>"}},
		{"markup", "fr", en("Click <b>Save</b>"), en("Cliquez sur <strong>Enregistrer</strong>"), []string{"missing </b> <b>; not in source </strong> <strong>"}},
		{"markup", "fr", en(`See <a href="/x" title="More">this</a>`), en(`Voir <a href="/x" title="Plus">ceci</a>`), nil},
		{"markup", "fr", en("Tom &amp; Jerry"), en("Tom & Jerry"), []string{"missing &amp;"}},
		{"markup", "fr", en("if a < b"), en("si a < b"), nil},

		// identical: a short UI word or name may stay as it is
		{"identical", "fr", en("Good morning"), en("Good morning"), []string{"same text as the source"}},
		{"identical", "fr", en("Hello"), en("Hello"), nil},
		{"identical", "fr", en("PDF"), en("PDF"), nil},
		{"identical", "fr", en("{{.Count}}"), en("{{.Count}}"), nil},
		{"identical", "fr", en("2024"), en("2024"), nil},
		{"identical", "fr", en("Hello"), en("Bonjour"), nil},
	}
	rules := map[string]func(language.Tag, Message, Message) []Problem{}
	for _, r := range QARules() {
		rules[r.Name] = r.Check
	}
	for _, tc := range cases {
		check, ok := rules[tc.rule]
		if !ok {
			t.Fatalf("no rule %q", tc.rule)
		}
		got := check(language.MustParse(tc.lang), tc.src, tc.tr)
		if len(got) != len(tc.wants) {
			t.Errorf("%s %s %q→%q: got %v, want %d problems %q", tc.rule, tc.lang, tc.src.Other, tc.tr.Other, got, len(tc.wants), tc.wants)
			continue
		}
		for i, w := range tc.wants {
			if got[i].Rule != tc.rule || !strings.Contains(got[i].Detail, w) {
				t.Errorf("%s %q→%q: problem %v, want rule %s with %q", tc.rule, tc.src.Other, tc.tr.Other, got[i], tc.rule, w)
			}
		}
	}
	// Every rule has cases above.
	for _, r := range QARules() {
		found := false
		for _, tc := range cases {
			found = found || tc.rule == r.Name
		}
		if !found {
			t.Errorf("rule %s has no test case", r.Name)
		}
	}
}

func TestQARunsAllRules(t *testing.T) {
	ps := QA(language.French, Message{Other: "Hello {{.Name}}, 3 items."}, Message{Other: " Hello {{.Name}}, 4 items"})
	var rules []string
	for _, p := range ps {
		rules = append(rules, p.Rule)
	}
	if got := strings.Join(rules, " "); got != "numbers whitespace punctuation" {
		t.Errorf("rules %q", got)
	}
}

// QARules hands out a copy: a caller that changes it changes nothing for
// the next one.
func TestQARulesIsACopy(t *testing.T) {
	r := QARules()
	r[0] = QARule{Name: "changed"}
	if got := QARules(); got[0].Name != "empty" || got[0].Check == nil {
		t.Fatalf("after a caller changed its copy, QARules()[0] = %q", got[0].Name)
	}
}
