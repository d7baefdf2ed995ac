package catalog

import (
	"slices"
	"testing"

	"golang.org/x/text/language"

	"github.com/nicksnyder/go-i18n/v2/i18n"
)

// Catalogs saved on Windows (or checked out with autocrlf) have CRLF line
// ends, also inside multi-line strings. go-i18n keeps those CRs, so we must
// too, or texts and hashes differ from goi18n's.
func TestCRLFMultiLineStringsMatchGoI18n(t *testing.T) {
	for name, src := range map[string]string{
		"basic":   "[a]\r\ndescription = \"d\"\r\nother = \"\"\"\r\nl1\r\nl2\"\"\"\r\n",
		"literal": "[a]\r\ndescription = \"d\"\r\nother = '''\r\nl1\r\nl2'''\r\n",
		"plain":   "[a]\r\ndescription = \"d\"\r\nother = \"one line\"\r\n",
	} {
		t.Run(name, func(t *testing.T) {
			c, err := Parse("active.fr.toml", []byte(src))
			if err != nil {
				t.Fatal(err)
			}
			mf, err := i18n.ParseMessageFileBytes([]byte(src), "active.fr.toml", goi18nUnmarshal)
			if err != nil {
				t.Fatal(err)
			}
			got, _ := c.Get("a")
			want := mf.Messages[0]
			if got.Other != want.Other {
				t.Errorf("other %q, go-i18n reads %q", got.Other, want.Other)
			}
			if Hash(got.Description, got.Other) != Hash(want.Description, want.Other) {
				t.Error("hash differs from go-i18n's")
			}
			if string(c.Bytes()) != src {
				t.Error("round trip changed the bytes")
			}
		})
	}
}

// Notepad saves UTF-8 with a byte-order mark; go-i18n reads such a file.
func TestTOMLWithByteOrderMark(t *testing.T) {
	src := "\uFEFF# French\n[a]\nother = \"Bonjour\"\n"
	c, err := Parse("active.fr.toml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if m, _ := c.Get("a"); m.Other != "Bonjour" {
		t.Errorf("a = %q", m.Other)
	}
	if string(c.Bytes()) != src {
		t.Error("round trip lost the byte-order mark")
	}
	c.Set(Message{ID: "a", Other: "Salut"})
	c2, err := Parse("active.fr.toml", c.Bytes())
	if err != nil {
		t.Fatalf("edited file does not parse: %v\n%s", err, c.Bytes())
	}
	if m, _ := c2.Get("a"); m.Other != "Salut" {
		t.Errorf("after edit a = %q", m.Other)
	}
}

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
