package catalog

import (
	"encoding/xml"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/text/language"
)

func TestPluralForms(t *testing.T) {
	cases := []struct {
		lang  string
		forms string
		ok    bool
	}{
		{"en", "one other", true},
		{"fr", "one many other", true},
		{"de", "one other", true},
		{"tr", "one other", true},
		{"ru", "one few many other", true},
		{"ar", "zero one two few many other", true},
		{"fa", "one other", true},
		{"ckb", "one other", true},
		{"ku", "one other", true},
		{"ja", "other", true},
		{"pt-BR", "one many other", true},
		{"tlh", "other", false}, // Klingon: no CLDR rule
	}
	for _, tc := range cases {
		forms, ok := PluralForms(language.MustParse(tc.lang))
		if strings.Join(forms, " ") != tc.forms || ok != tc.ok {
			t.Errorf("%s: %v %v, want %q %v", tc.lang, forms, ok, tc.forms, tc.ok)
		}
	}
}

// TestPluralFormsMatchCLDR checks the probing against every locale of the
// CLDR data go-i18n v2.7.0 generated its rules from.
func TestPluralFormsMatchCLDR(t *testing.T) {
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "github.com/nicksnyder/go-i18n/v2").Output()
	if err != nil {
		t.Skipf("go-i18n module source not available: %v", err)
	}
	data, err := os.ReadFile(filepath.Join(strings.TrimSpace(string(out)), "internal/plural/codegen/plurals.xml"))
	if err != nil {
		t.Skipf("plurals.xml not available: %v", err)
	}
	var doc struct {
		Groups []struct {
			Locales string `xml:"locales,attr"`
			Rules   []struct {
				Count string `xml:"count,attr"`
			} `xml:"pluralRule"`
		} `xml:"plurals>pluralRules"`
	}
	if err := xml.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	checked := 0
	for _, g := range doc.Groups {
		want := map[string]bool{}
		for _, r := range g.Rules {
			want[r.Count] = true
		}
		var wantForms []string
		for _, f := range formNames {
			if want[f] {
				wantForms = append(wantForms, f)
			}
		}
		for _, loc := range strings.Fields(g.Locales) {
			if loc == "root" {
				continue
			}
			tag, err := language.Parse(strings.ReplaceAll(loc, "_", "-"))
			if err != nil {
				continue
			}
			got, ok := PluralForms(tag)
			if !ok || strings.Join(got, " ") != strings.Join(wantForms, " ") {
				t.Errorf("%s: got %v (ok %v), CLDR says %v", loc, got, ok, wantForms)
			}
			checked++
		}
	}
	if checked < 150 {
		t.Errorf("only %d locales checked", checked)
	}
}
