package uitext

import (
	"bytes"
	"maps"
	"regexp"
	"slices"
	"strings"
	"testing"
	"text/template"

	"github.com/BurntSushi/toml"
	"github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"
)

// message is a catalog entry as written in the files.
type message map[string]string

func load(t *testing.T, lang string) map[string]message {
	t.Helper()
	data, err := File(lang)
	if err != nil {
		t.Fatalf("%s: %v", lang, err)
	}
	var raw map[string]message
	if _, err := toml.Decode(string(data), &raw); err != nil {
		t.Fatalf("active.%s.toml: %v", lang, err)
	}
	return raw
}

var pluralForms = []string{"zero", "one", "two", "few", "many", "other"}

func isPlural(m message) bool {
	for _, f := range pluralForms[:5] {
		if m[f] != "" {
			return true
		}
	}
	return false
}

// requiredForms asks go-i18n's own CLDR rules which plural forms lang
// uses, by localizing a message whose forms are their own names.
func requiredForms(t *testing.T, lang string) []string {
	t.Helper()
	b := i18n.NewBundle(language.English)
	msg := &i18n.Message{ID: "probe", Zero: "zero", One: "one", Two: "two", Few: "few", Many: "many", Other: "other"}
	if err := b.AddMessages(language.Make(lang), msg); err != nil {
		t.Fatal(err)
	}
	loc := i18n.NewLocalizer(b, lang)
	seen := map[string]bool{}
	for _, n := range append(makeRange(0, 220), 1000000, 2000000) {
		s, err := loc.Localize(&i18n.LocalizeConfig{MessageID: "probe", PluralCount: n})
		if err != nil {
			t.Fatal(err)
		}
		seen[s] = true
	}
	var out []string
	for _, f := range pluralForms {
		if seen[f] {
			out = append(out, f)
		}
	}
	return out
}

func makeRange(lo, hi int) []int {
	var r []int
	for i := lo; i < hi; i++ {
		r = append(r, i)
	}
	return r
}

func TestBundleLoads(t *testing.T) {
	b, err := Bundle()
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, tag := range b.LanguageTags() {
		got = append(got, tag.String())
	}
	for _, l := range Languages {
		if !slices.Contains(got, l.Code) {
			t.Errorf("catalog for %s not loaded (have %v)", l.Code, got)
		}
	}
}

// TestEveryLanguageHasEveryMessage is the check that no shipped language
// misses a string: same IDs as English, every plural form its CLDR rule
// needs, and the same template fields.
func TestEveryLanguageHasEveryMessage(t *testing.T) {
	en := load(t, Source)
	if len(en) < 100 {
		t.Fatalf("English catalog has only %d messages", len(en))
	}
	for _, l := range Languages {
		t.Run(l.Code, func(t *testing.T) {
			cat := load(t, l.Code)
			forms := requiredForms(t, l.Code)
			for _, id := range slices.Sorted(maps.Keys(en)) {
				src := en[id]
				m, ok := cat[id]
				if !ok {
					t.Errorf("%s: message %q is missing", l.Code, id)
					continue
				}
				if isPlural(src) {
					for _, f := range forms {
						if strings.TrimSpace(m[f]) == "" {
							t.Errorf("%s: message %q lacks plural form %q (CLDR needs %v)", l.Code, id, f, forms)
						}
					}
				} else if strings.TrimSpace(m["other"]) == "" {
					t.Errorf("%s: message %q has no text", l.Code, id)
				}
				checkFields(t, l.Code, id, src, m)
			}
			for id := range cat {
				if _, ok := en[id]; !ok {
					t.Errorf("%s: message %q is not in the English catalog (renamed or removed?)", l.Code, id)
				}
			}
		})
	}
}

var field = regexp.MustCompile(`\{\{\s*\.([A-Za-z]+)\s*\}\}`)

func fields(s string) []string {
	var out []string
	for _, m := range field.FindAllStringSubmatch(s, -1) {
		if !slices.Contains(out, m[1]) {
			out = append(out, m[1])
		}
	}
	slices.Sort(out)
	return out
}

// checkFields makes sure a translation fills in what the English text
// fills in (a plural form may leave out the count, "one paragraph"), uses
// no field the app does not provide, and parses as a template.
func checkFields(t *testing.T, lang, id string, src, m message) {
	t.Helper()
	want := map[string]bool{}
	for _, f := range pluralForms {
		for _, x := range fields(src[f]) {
			want[x] = true
		}
	}
	for _, f := range pluralForms {
		text := m[f]
		if text == "" {
			continue
		}
		if _, err := template.New(id).Parse(text); err != nil {
			t.Errorf("%s: %s.%s does not parse: %v", lang, id, f, err)
		}
		got := fields(text)
		for _, x := range got {
			if !want[x] {
				t.Errorf("%s: %s.%s uses {{.%s}}, which the app does not provide", lang, id, f, x)
			}
		}
		for x := range want {
			if x == "Count" && isPlural(src) {
				continue
			}
			if !slices.Contains(got, x) {
				t.Errorf("%s: %s.%s leaves out {{.%s}}", lang, id, f, x)
			}
		}
	}
}

func TestMatch(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", "en"}, {"C", "en"}, {"POSIX", "en"}, {"C.UTF-8", "en"},
		{"fr_FR.UTF-8", "fr"}, {"fr-CA", "fr"}, {"fr_BE@euro", "fr"},
		{"ar_EG.UTF-8", "ar"}, {"ar", "ar"},
		{"de_DE.UTF-8", "en"}, {"en_GB", "en"}, {"not a locale!", "en"},
	}
	for _, tt := range tests {
		if got := Match(tt.in); got != tt.want {
			t.Errorf("Match(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestText(t *testing.T) {
	tests := []struct {
		lang, id string
		count    int // -1: not a plural
		pairs    []any
		want     string
	}{
		{"en", "Save", -1, nil, "Save"},
		{"fr", "Save", -1, nil, "Enregistrer"},
		{"xx", "Save", -1, nil, "Save"}, // unknown language → English
		{"en", "PageOf", -1, []any{"Page", 1, "Pages", 3}, "Page 1 of 3"},
		{"fr", "PageOf", -1, []any{"Page", 2, "Pages", 3}, "Page 2 sur 3"},
		{"en", "ImportFoundParagraphs", 1, nil, "1 paragraph"},
		{"en", "ImportFoundParagraphs", 6, nil, "6 paragraphs"},
		{"fr", "ImportFoundParagraphs", 0, nil, "0 paragraphe"}, // French 0 is singular
		{"ar", "ImportFoundParagraphs", 2, nil, "فقرتان"},
		{"ar", "ImportFoundParagraphs", 3, nil, "3 فقرات"},
		{"ar", "ImportFoundParagraphs", 11, nil, "11 فقرة"},
		{"en", "NoSuchMessage", -1, nil, "NoSuchMessage"},
	}
	for _, tt := range tests {
		tx := New(tt.lang)
		var got string
		if tt.count >= 0 {
			got = tx.N(tt.id, tt.count, tt.pairs...)
		} else {
			got = tx.T(tt.id, tt.pairs...)
		}
		if got != tt.want {
			t.Errorf("%s %s(%d) = %q, want %q", tt.lang, tt.id, tt.count, got, tt.want)
		}
	}
}

// TestStatementTextIsNotATemplate: text filled into a message is data,
// never executed, so a statement containing {{…}} shows as typed.
func TestStatementTextIsNotATemplate(t *testing.T) {
	title := `Budget {{.Secret}} {{printf "%s" "x"}}`
	got := New("en").T("ImportFoundTitle", "Title", title)
	if got != "Title: "+title {
		t.Errorf("got %q", got)
	}
}

func TestFilesAreUTF8WithoutBOM(t *testing.T) {
	for _, l := range Languages {
		data, _ := File(l.Code)
		if bytes.HasPrefix(data, []byte("\xEF\xBB\xBF")) {
			t.Errorf("%s has a byte-order mark", l.Code)
		}
	}
}
