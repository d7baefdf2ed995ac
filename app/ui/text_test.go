package ui

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"

	"communique/app/ui/fynelocale"
	"communique/i18n/uitext"
)

// TestEveryStringIsInTheCatalog reads this package's source: every
// message ID passed to T or N must be in the English catalog (and, by the
// uitext tests, in every shipped language), N must name a plural message,
// and the catalog must hold no message the screens no longer use.
func TestEveryStringIsInTheCatalog(t *testing.T) {
	data, err := uitext.File(uitext.Source)
	if err != nil {
		t.Fatal(err)
	}
	var en map[string]map[string]string
	if _, err := toml.Decode(string(data), &en); err != nil {
		t.Fatal(err)
	}
	used := map[string]bool{}
	for id := range valueSet(ruleMessages) {
		used[id] = true
	}
	// The screens' own widgets (app/ui/...) say things too.
	files, _ := filepath.Glob("*.go")
	sub, _ := filepath.Glob("*/*.go")
	files = append(files, sub...)
	fset := token.NewFileSet()
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		file, err := parser.ParseFile(fset, f, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(file, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok || len(call.Args) == 0 {
				return true
			}
			sel, ok := call.Fun.(*ast.SelectorExpr)
			if !ok || (sel.Sel.Name != "T" && sel.Sel.Name != "N") {
				return true
			}
			lit, ok := call.Args[0].(*ast.BasicLit)
			if !ok || lit.Kind != token.STRING {
				// Only ruleName looks messages up by a computed ID,
				// from ruleMessages, which is checked above.
				if fn := enclosingFunc(file, call.Pos()); fn != "ruleName" {
					t.Errorf("%s: %s called with a computed message ID", fset.Position(call.Pos()), sel.Sel.Name)
				}
				return true
			}
			id, _ := strconv.Unquote(lit.Value)
			used[id] = true
			m, ok := en[id]
			if !ok {
				t.Errorf("%s: message %q is not in active.en.toml", fset.Position(lit.Pos()), id)
				return true
			}
			if sel.Sel.Name == "N" && m["one"] == "" {
				t.Errorf("%s: %q is counted (N) but has no plural forms", fset.Position(lit.Pos()), id)
			}
			return true
		})
	}
	for id := range en {
		if !used[id] {
			t.Errorf("active.en.toml: message %q is not used by any screen", id)
		}
	}
}

func valueSet(m map[string]string) map[string]bool {
	out := map[string]bool{}
	for _, v := range m {
		out[v] = true
	}
	return out
}

func enclosingFunc(f *ast.File, pos token.Pos) string {
	for _, d := range f.Decls {
		if fn, ok := d.(*ast.FuncDecl); ok && fn.Pos() <= pos && pos <= fn.End() {
			return fn.Name.Name
		}
	}
	return ""
}

// TestInterfaceLanguages: the interface follows the choice in Settings,
// else the system locale; LANG=C gives English without a complaint.
func TestInterfaceLanguages(t *testing.T) {
	for _, code := range []string{"en", "fr", "ar"} {
		c := newTestUI(t, fixture(t, 0))
		c.prefs.setUILanguage(code)
		c.tx = uitext.New(c.prefs.uiLanguage())
		c.build()
		want := uitext.New(code).T("TabTranslations")
		if got := c.benchTab.Text; got != want {
			t.Errorf("%s: tab says %q, want %q", code, got, want)
		}
	}
	if !slices.ContainsFunc(uitext.Languages, func(l uitext.Language) bool { return l.Code == "ar" }) {
		t.Error("Arabic is not a shipped interface language")
	}
}

// The interface language follows the POSIX variables in their order of
// precedence; C and POSIX locales mean English, without complaint.
func TestSystemLocale(t *testing.T) {
	tests := []struct {
		lcAll, lcMessages, lang, language string
		want                              string
	}{
		{"", "", "C", "", "en"},
		{"", "", "C.UTF-8", "", "en"},
		{"", "", "POSIX", "fr", "en"}, // LANGUAGE is ignored under C
		{"", "", "fr_FR.UTF-8", "", "fr"},
		{"", "", "en_US.UTF-8", "ar:fr", "ar"},
		{"", "ar_EG.UTF-8", "fr_FR.UTF-8", "", "ar"},
		{"C", "fr_FR.UTF-8", "fr_FR.UTF-8", "", "en"},
		{"", "", "de_DE.UTF-8", "", "en"},
	}
	for _, tt := range tests {
		t.Setenv("LC_ALL", tt.lcAll)
		t.Setenv("LC_MESSAGES", tt.lcMessages)
		t.Setenv("LANG", tt.lang)
		t.Setenv("LANGUAGE", tt.language)
		if got := uitext.Match(fynelocale.System()); got != tt.want {
			t.Errorf("LC_ALL=%q LC_MESSAGES=%q LANG=%q LANGUAGE=%q: %q, want %q",
				tt.lcAll, tt.lcMessages, tt.lang, tt.language, got, tt.want)
		}
	}
}
