// Package langname names languages in the window: by their code and their
// own name ("fr · français") in lists, and in the interface's language
// ("anglais") in running text. The x/text tables lack a few languages the
// workspaces use (Sorani, Kurmanji); they are named here.
package langname

import (
	"strings"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
)

// Of gives a language's code and its name in itself:
// "fr · français", "ar · العربية". The code comes first because Fyne lays
// a label out left to right: a right-to-left name followed by "(ar)" would
// come out with its brackets turned around.
func Of(code string) string {
	if name := selfName(code); name != code {
		return code + " · " + name
	}
	return code
}

// selfName is a language's name in itself, or its code when unknown.
func selfName(code string) string {
	tag, err := language.Parse(code)
	if err != nil {
		return code
	}
	name := display.Self.Name(tag)
	if name == "" || strings.EqualFold(name, code) {
		if n, ok := extraNames[code]; ok {
			return n
		}
		return code
	}
	return name
}

// extraNames covers languages the x/text tables do not name.
var extraNames = map[string]string{
	"ckb": "کوردیی ناوەندی",
	"ku":  "Kurdî",
}

// In is a language's name in the interface language ("anglais" in a
// French sentence), for running text; the code when unknown.
func In(ui, code string) string {
	tag, err := language.Parse(code)
	if err != nil {
		return code
	}
	uiTag, err := language.Parse(ui)
	if err != nil {
		return selfName(code)
	}
	if n := display.Languages(uiTag).Name(tag); n != "" {
		return n
	}
	return selfName(code)
}
