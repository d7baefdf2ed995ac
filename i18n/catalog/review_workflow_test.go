package catalog

import (
	"slices"
	"testing"

	"golang.org/x/text/language"
)

// A message with no letters reads the same in every language; returning it
// unchanged from a handoff is a translation, while untouched words are not.
func TestMergeAcceptsTextWithoutLetters(t *testing.T) {
	src, _ := Parse("active.en.toml", []byte("[year]\nother = \"2021–2022\"\n[count]\nother = \"{{.Count}}\"\n[hello]\nother = \"Hello\"\n"))
	fr, _ := Parse("active.fr.toml", nil)
	returned, _ := Parse("translate.fr.toml", Handoff(src, fr, nil, TOML))
	rep := MergeWithHistory(src, fr, returned, nil)
	got := map[string]MergeAction{}
	for _, r := range rep.Results {
		got[r.ID] = r.Action
	}
	if got["year"] != Added || got["count"] != Added || got["hello"] != Rejected {
		t.Errorf("results %v", rep.Results)
	}
}

func TestQAScriptsAndTemplateFunctions(t *testing.T) {
	tests := []struct {
		lang, src, tr string
		rule          string // "" = no problem of any rule expected for it
	}{
		{"el", "Are you sure?", "Είστε σίγουροι;", ""},
		{"hy", "It is done.", "Արված է։", ""},
		{"am", "It is done.", "ተጠናቋል።", ""},
		{"km", "It is done.", "វារួចរាល់ហើយ។", ""},
		{"my", "It is done.", "ပြီးပါပြီ။", ""},
		{"th", "It is done.", "เสร็จแล้ว", ""},
		{"fr", "It is done.", "C’est fait", "punctuation"},
		{"fr", "Hello {{ title .Name }}.", "Bonjour {{ title .Name }}.", ""},
		{"fr", "Hello {{.Name}}.", "Bonjour {{.Name.", "template"},
	}
	for _, tc := range tests {
		probs := QA(language.MustParse(tc.lang), Message{ID: "x", Other: tc.src}, Message{ID: "x", Other: tc.tr})
		var rules []string
		for _, p := range probs {
			rules = append(rules, p.Rule)
		}
		if tc.rule == "" && len(probs) > 0 || tc.rule != "" && !slices.Contains(rules, tc.rule) {
			t.Errorf("%s %q: problems %v, want %q", tc.lang, tc.tr, probs, tc.rule)
		}
	}
}
