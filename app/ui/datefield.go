package ui

import (
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// dateField edits the statement's date: typed in the interface language's
// style (15 April 2020 in English, 15/04/2020 in French and Arabic, never
// the US month-first order), or picked from a calendar that opens on the
// statement's month. widget.DateEntry formats by the system region and
// opens its calendar on the current month.
type dateField struct {
	c       *controller
	entry   *widget.Entry
	button  *tipButton
	content fyne.CanvasObject
	date    *time.Time
	popup   *widget.PopUp
	// OnChanged is called with the new date (nil: none) after an edit.
	OnChanged func(*time.Time)
	quiet     bool
}

// dateLayouts are the accepted forms per interface language, the first
// one the form shown.
var dateLayouts = map[string][]string{
	"en": {"2 January 2006", "2 Jan 2006", "2006-01-02", "02/01/2006"},
	"fr": {"02/01/2006", "2/1/2006", "2006-01-02"},
	"ar": {"02/01/2006", "2/1/2006", "2006-01-02"},
}

func (c *controller) newDateField() *dateField {
	f := &dateField{c: c, entry: widget.NewEntry()}
	f.entry.SetPlaceHolder(f.layouts()[0])
	f.entry.Validator = func(s string) error {
		if _, ok := f.parse(s); !ok {
			return errBadDate(c.tx.T("Date"))
		}
		return nil
	}
	f.entry.OnChanged = func(s string) {
		if f.quiet {
			return
		}
		if d, ok := f.parse(s); ok {
			f.date = d
			if f.OnChanged != nil {
				f.OnChanged(d)
			}
		}
	}
	f.button = c.newTipButton(c.tx.T("Date"), theme.CalendarIcon(), f.openCalendar)
	f.content = container.NewBorder(nil, nil, nil, f.button, f.entry)
	return f
}

type errBadDate string

func (e errBadDate) Error() string { return string(e) + "?" }

func (f *dateField) layouts() []string {
	if l, ok := dateLayouts[f.c.tx.Lang()]; ok {
		return l
	}
	return dateLayouts["en"]
}

// parse reads a typed date; empty text is no date.
func (f *dateField) parse(s string) (*time.Time, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil, true
	}
	for _, l := range f.layouts() {
		if t, err := time.Parse(l, s); err == nil {
			t = time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
			return &t, true
		}
	}
	return nil, false
}

// Text is the date as shown.
func (f *dateField) Text() string { return f.entry.Text }

// SetDate shows d (nil: none) without calling OnChanged.
func (f *dateField) SetDate(d *time.Time) {
	f.date = d
	f.quiet = true
	defer func() { f.quiet = false }()
	if d == nil {
		f.entry.SetText("")
		return
	}
	f.entry.SetText(d.Format(f.layouts()[0]))
}

// openCalendar shows a calendar on the statement's month (today's when
// the statement has no date).
func (f *dateField) openCalendar() {
	start := f.c.now()
	if f.date != nil {
		start = *f.date
	}
	cal := widget.NewCalendar(start, func(t time.Time) {
		d := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
		f.SetDate(&d)
		if f.OnChanged != nil {
			f.OnChanged(&d)
		}
		if f.popup != nil {
			f.popup.Hide()
		}
	})
	f.popup = widget.NewPopUp(cal, f.c.win.Canvas())
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(f.entry)
	f.popup.ShowAtPosition(pos.Add(fyne.NewPos(0, f.entry.Size().Height)))
}
