// Package widgets holds the window's small widgets whose text is set by
// the typesetting engine, so that right-to-left and mixed-script strings
// read right: a label, buttons with labels and tips, tabs, a picker, a
// date field, a progress bar, and modal dialogs and forms that take Enter
// and Escape. They mirror themselves in a right-to-left interface.
//
// Widgets are made through a Kit, which knows the interface language and
// the window; package ui keeps one per window.
package widgets

import (
	"communique/i18n/uitext"
	"time"

	"fyne.io/fyne/v2"
	"golang.org/x/text/language"
)

// Kit makes widgets for one window. Its functions are asked each time a
// widget is made, because the user may switch the interface language.
type Kit struct {
	// Text is the interface's words (Close, Cancel, Date) and language.
	Text func() *uitext.Text
	// Win is the window the dialogs and pop-ups belong to.
	Win func() fyne.Window
	// Now is the clock, for the calendar's default month.
	Now func() time.Time
}

// Lang is the interface language (a BCP 47 tag).
func (k *Kit) Lang() string { return k.Text().Lang() }

// RTL reports whether the interface reads right to left.
func (k *Kit) RTL() bool { return RightToLeft(k.Lang()) }

// RightToLeft reports whether lang is written in a right-to-left script.
func RightToLeft(lang string) bool {
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
