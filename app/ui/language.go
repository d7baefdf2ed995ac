package ui

import (
	"strings"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
)

// languageName gives a language's code and its name in itself:
// "fr · français", "ar · العربية". The code comes first because Fyne lays
// a label out left to right: a right-to-left name followed by "(ar)" would
// come out with its brackets turned around.
func languageName(code string) string {
	tag, err := language.Parse(code)
	if err != nil {
		return code
	}
	name := display.Self.Name(tag)
	if name == "" || strings.EqualFold(name, code) {
		if n, ok := extraNames[code]; ok {
			name = n
		} else {
			return code
		}
	}
	return code + " · " + name
}

// extraNames covers languages the x/text tables do not name.
var extraNames = map[string]string{
	"ckb": "کوردیی ناوەندی",
	"ku":  "Kurdî",
}

// rightToLeft reports whether lang is written right to left, for the hint
// that its translation is best read in the preview.
func rightToLeft(lang string) bool {
	tag, err := language.Parse(lang)
	if err != nil {
		return false
	}
	script, _ := tag.Script()
	switch script.String() {
	case "Arab", "Hebr", "Syrc", "Thaa", "Nkoo", "Adlm", "Rohg":
		return true
	}
	return false
}
