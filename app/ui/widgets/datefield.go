package widgets

import (
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// DateField edits the statement's date: typed in the interface language's
// style (15 April 2020 in English, 15/04/2020 in French and Arabic, never
// the US month-first order), or picked from a calendar that opens on the
// statement's month. widget.DateEntry formats by the system region and
// opens its calendar on the current month.
type DateField struct {
	k       *Kit
	Entry   *widget.Entry
	button  *TipButton
	Content fyne.CanvasObject
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

// NewDateField makes an empty date field in the interface language's style.
func (k *Kit) NewDateField() *DateField {
	f := &DateField{k: k, Entry: widget.NewEntry()}
	f.Entry.SetPlaceHolder(f.layouts()[0])
	f.Entry.Validator = func(s string) error {
		if _, ok := f.parse(s); !ok {
			return errBadDate(k.Text().T("Date"))
		}
		return nil
	}
	f.Entry.OnChanged = func(s string) {
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
	f.button = k.NewTipButton(k.Text().T("Date"), theme.CalendarIcon(), f.openCalendar)
	f.Content = container.NewBorder(nil, nil, nil, f.button, f.Entry)
	return f
}

type errBadDate string

func (e errBadDate) Error() string { return string(e) + "?" }

func (f *DateField) layouts() []string {
	if l, ok := dateLayouts[f.k.Lang()]; ok {
		return l
	}
	return dateLayouts["en"]
}

// parse reads a typed date; empty text is no date.
func (f *DateField) parse(s string) (*time.Time, bool) {
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
func (f *DateField) Text() string { return f.Entry.Text }

// SetDate shows d (nil: none) without calling OnChanged.
func (f *DateField) SetDate(d *time.Time) {
	f.date = d
	f.quiet = true
	defer func() { f.quiet = false }()
	if d == nil {
		f.Entry.SetText("")
		return
	}
	f.Entry.SetText(d.Format(f.layouts()[0]))
}

// openCalendar shows a calendar on the statement's month (today's when
// the statement has no date).
func (f *DateField) openCalendar() {
	start := f.k.Now()
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
	f.popup = widget.NewPopUp(cal, f.k.Win().Canvas())
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(f.Entry)
	f.popup.ShowAtPosition(pos.Add(fyne.NewPos(0, f.Entry.Size().Height)))
}
