package catalog

import (
	"slices"
	"strings"
	"testing"

	"golang.org/x/text/language"
)

// qaEval is one translation in the QA evaluation set: rule is the rule
// that must flag it, "" for a correct translation that looks suspicious
// (other digits, separators, quotes, a short word kept as it is).
type qaEval struct {
	lang, src, tr, rule string
}

// qaProblems are real translation mistakes, each of the kind its rule is
// for; most were seen in statements and UI catalogs.
var qaProblems = []qaEval{
	{"fr", "Growth of 1.5 percent", "Croissance de 15 pour cent", "numbers"},
	{"fr", "Inflation reached 3.5%", "L'inflation a atteint 35 %", "numbers"},
	{"de", "2.5 million people", "25 Millionen Menschen", "numbers"},
	{"es", "A rise of 0.75 points", "Una subida de 75 puntos", "numbers"},
	{"fr", "Article 12 applies", "L'article 21 s'applique", "numbers"},
	{"ar", "Resolution 2254 (2015)", "القرار ٢٢٥٤ (٢٠١٦)", "numbers"},
	{"hi", "on 15 March", "१६ मार्च को", "numbers"},
	{"bn", "3 people", "৪ জন", "numbers"},
	{"th", "at 10 am", "เวลา ๑๑ นาฬิกา", "numbers"},
	{"my", "5 items", "၆ ခု", "numbers"},
	{"de", "1,000 soldiers", "10.000 Soldaten", "numbers"},
	{"fr", "Turnout was 62.5%", "La participation était de 6,25 %", "numbers"},
	{"pt-BR", "US$ 1.2 billion", "US$ 12 bilhões", "numbers"},
	{"it", "4.5 degrees", "45 gradi", "numbers"},
	{"fr", "version 2.7.1", "version 2.1.7", "numbers"},
	{"de", "at 12:30", "um 12:45", "numbers"},
	{"ar", "3.5 percent", "٣٥ بالمئة", "numbers"},
	{"fa", "2.5 km", "۲۵ کیلومتر", "numbers"},
	{"fr", "Hello {{.Name}}", "Bonjour", "placeholders"},
	{"de", "{{.Count}} files", "{{.Anzahl}} Dateien", "placeholders"},
	{"hi", "{{.Count}} files", "फ़ाइलें", "placeholders"},
	{"fr", "{{.Name}} joined", "{{.Name} a rejoint", "template"},
	{"fr", "Name: ", "Nom :", "whitespace"},
	{"fr", "Hello", " Bonjour", "whitespace"},
	{"fr", "The minister met the delegation.", "Le ministre a rencontré  la délégation.", "spacing"},
	{"es", "Welcome back", "Bienvenido  de nuevo", "spacing"},
	{"fr", "Are you sure?", "Êtes-vous sûr.", "punctuation"},
	{"de", "Done.", "Fertig", "punctuation"},
	{"fr", "See (annex 2)", "Voir (annexe 2", "brackets"},
	{"de", "the [draft] text", "der [Entwurf Text", "brackets"},
	{"fr", `He said "no".`, `Il a dit "non.`, "brackets"},
	{"fr", "the “peace plan”", "le « plan de paix", "brackets"},
	{"es", "(effective immediately)", "(con efecto inmediato", "brackets"},
	{"fr", "Resolution 2254 (2015)", "Résolution 2254 (2015", "brackets"},
	{"fr", "Click <b>Save</b>", "Cliquez sur <b>Enregistrer", "markup"},
	{"de", `<a href="/help">Help</a>`, `<a href="/help">Hilfe`, "markup"},
	{"fr", "Line one<br/>Line two", "Ligne un Ligne deux", "markup"},
	{"es", "Tom &amp; Jerry", "Tom & Jerry", "markup"},
	{"fr", "<em>Urgent</em>: read", "<strong>Urgent</strong> : lire", "markup"},
	{"de", "Press <kbd>Enter</kbd>", "Drücken Sie <kbd>Enter</kdb>", "markup"},
	{"fr", "Show Hidden Files", "Show Hidden Files", "identical"},
	{"de", "The meeting is postponed.", "The meeting is postponed.", "identical"},
	{"es", "Read more", "Read more", "identical"},
	{"fr", "Save", "   ", "empty"},
}

// qaCorrect are correct translations that a naive rule would flag.
var qaCorrect = []qaEval{
	{"fr", "1.5 percent", "1,5 pour cent", ""},
	{"de", "1,000.5 tonnes", "1.000,5 Tonnen", ""},
	{"fr", "1,000,000 people", "1\u202f000\u202f000 personnes", ""},
	{"de-CH", "1,234.5 francs", "1’234.5 Franken", ""},
	{"ar", "Resolution 2254 (2015)", "القرار ٢٢٥٤ (٢٠١٥)", ""},
	{"ar", "3.5 percent", "٣٫٥ بالمئة", ""},
	{"hi", "15 March 2024", "१५ मार्च २०२४", ""},
	{"bn", "3 people", "৩ জন", ""},
	{"th", "at 10 am", "เวลา ๑๐ นาฬิกา", ""},
	{"my", "5 items", "၅ ခု", ""},
	{"fa", "2.5 km", "۲٫۵ کیلومتر", ""},
	{"hi", "1,234,567 people", "12,34,567 लोग", ""},
	{"fr", "OK", "OK", ""},
	{"es", "Error", "Error", ""},
	{"de", "Name", "Name", ""},
	{"fr", "Paris", "Paris", ""},
	{"de", "He said “yes”.", "Er sagte „ja“.", ""},
	{"fr", `He said "yes".`, "Il a dit « oui ».", ""},
	{"fr", "Click <b>Save</b>", "Cliquez sur <b>Enregistrer</b>", ""},
	{"fr", `<a href="/x" title="More">Read</a>`, `<a href="/x" title="Plus">Lire</a>`, ""},
	{"fr", "Are you sure?", "Êtes-vous sûr ?", ""},
	{"fr", "version 2.7.1", "version 2.7.1", ""},
	{"el", "Are you sure?", "Είστε σίγουροι;", ""},
	{"ja", "Done.", "完了。", ""},
	{"fr", "In 2020, 100 people", "En 2020, 100 personnes", ""},
	{"fr", "if a < b", "si a < b", ""},
	{"fr", "3.50 euros", "3,5 euros", ""},
	{"fr", "{{.Count}} (of {{.Total}})", "{{.Count}} (sur {{.Total}})", ""},
	{"de", "1.5 million", "1,5 Millionen", ""},
	{"es", "25%", "25 %", ""},
}

// TestQAPrecisionRecall measures the QA rules on the evaluation set:
// recall is the share of problems flagged by the rule they are about,
// precision the share of flagged translations that have a problem.
func TestQAPrecisionRecall(t *testing.T) {
	if len(qaProblems) < 40 || len(qaCorrect) < 20 {
		t.Fatalf("evaluation set too small: %d problems, %d correct", len(qaProblems), len(qaCorrect))
	}
	flagged := func(e qaEval) []string {
		var rules []string
		for _, p := range QA(language.MustParse(e.lang), Message{Other: e.src}, Message{Other: e.tr}) {
			rules = append(rules, p.Rule+": "+p.Detail)
		}
		return rules
	}
	found, truePos, falsePos := 0, 0, 0
	for _, e := range qaProblems {
		got := flagged(e)
		if len(got) > 0 {
			truePos++
		}
		if slices.ContainsFunc(got, func(s string) bool { return len(s) > len(e.rule) && s[:len(e.rule)+1] == e.rule+":" }) {
			found++
		} else {
			t.Logf("missed %s: %s %q → %q (got %q)", e.rule, e.lang, e.src, e.tr, got)
		}
	}
	for _, e := range qaCorrect {
		if got := flagged(e); len(got) > 0 {
			falsePos++
			t.Logf("false alarm: %s %q → %q: %q", e.lang, e.src, e.tr, got)
		}
	}
	recall := float64(found) / float64(len(qaProblems))
	precision := float64(truePos) / float64(truePos+falsePos)
	t.Logf("QA on %d problems and %d tricky correct texts: recall %.0f%% (%d/%d), precision %.0f%% (%d/%d)",
		len(qaProblems), len(qaCorrect), 100*recall, found, len(qaProblems), 100*precision, truePos, truePos+falsePos)
	if recall < 0.95 || precision < 0.95 {
		t.Errorf("recall %.2f, precision %.2f: want both ≥ 0.95", recall, precision)
	}
}

// TestIdenticalOptions: a project can flag every identical text, allow
// longer ones, or name texts that stay as they are.
func TestIdenticalOptions(t *testing.T) {
	src, _ := Parse("active.en.toml", []byte("a = \"OK\"\nb = \"Communiqué Desktop Suite\"\nc = \"Good morning\"\n"))
	fr, _ := Parse("active.fr.toml", []byte("a = \"OK\"\nb = \"Communiqué Desktop Suite\"\nc = \"Good morning\"\n"))
	flagged := func(opt *QAOptions) (ids []string) {
		for _, e := range StatusWith(src, fr, nil, opt).Entries {
			if len(e.Problems) > 0 {
				ids = append(ids, e.ID)
			}
		}
		return ids
	}
	for _, tc := range []struct {
		opt  *QAOptions
		want string
	}{
		{nil, "b c"},
		{&QAOptions{IdenticalMaxWords: -1}, "a b c"},
		{&QAOptions{IdenticalMaxWords: 2}, "b"},
		{&QAOptions{IdenticalOK: []string{"Communiqué Desktop Suite"}}, "c"},
	} {
		if got := flagged(tc.opt); strings.Join(got, " ") != tc.want {
			t.Errorf("%+v: flagged %v, want %s", tc.opt, got, tc.want)
		}
	}
}
