package ui

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"communique/app/statement"
	"communique/app/ui/widgets"
)

// newStatementDialog creates an empty statement: a title and one empty
// paragraph to start typing in.
func (c *controller) newStatementDialog() {
	if c.ws == nil {
		return
	}
	tx := c.tx
	title := widgets.NewDialogEntry()
	title.Validator = func(s string) error {
		if strings.TrimSpace(s) == "" {
			return errors.New(tx.T("TitleRequired"))
		}
		return nil
	}
	id := widgets.NewDialogEntry()
	id.SetPlaceHolder(tx.T("IDPlaceholder"))
	id.Validator = func(s string) error {
		if s != "" && statement.ValidID(s) != nil {
			return errors.New(tx.T("IDInvalid"))
		}
		return nil
	}
	body := widgets.NewDialogEntry()
	place := widgets.NewDialogEntry()
	date := widget.NewDateEntry()
	today := c.today()
	date.SetDate(&today)
	fields := []widgets.FormField{
		{Label: tx.T("Title"), Field: title},
		{Label: tx.T("StatementID"), Field: id, Hint: tx.T("IDHint")},
		{Label: tx.T("IssuingBody"), Field: body},
		{Label: tx.T("Place"), Field: place},
		{Label: tx.T("Date"), Field: date},
	}
	d := c.kit.FormModal(tx.T("NewStatementTitle"), tx.T("Create"), fields, []*widgets.DialogEntry{title, id, body, place}, func() {
		meta := statement.Statement{ID: strings.TrimSpace(id.Text), IssuingBody: strings.TrimSpace(body.Text),
			Place: strings.TrimSpace(place.Text)}
		if date.Date != nil {
			meta.Date = dateOnly(*date.Date)
		}
		txt := &statement.Text{Title: strings.TrimSpace(title.Text), Paragraphs: []string{""}}
		st, err := c.ws.AddStatement(txt, meta)
		if err != nil {
			c.showError(err)
			return
		}
		c.statementsChanged(st)
		c.showEditor()
	})
	d.Resize(fyne.NewSize(560, d.Content().MinSize().Height))
	d.Show()
}

func (c *controller) today() time.Time { return dateOnly(c.now()) }

func dateOnly(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}

// importDialog asks for a plain-text file to turn into a statement.
func (c *controller) importDialog() {
	if c.ws == nil {
		return
	}
	c.pickFile([]string{".txt", ".TXT"}, c.wsParent(), c.importFile)
}

// importFile reads a text file the way `communique import` does and shows
// what it found, including the website boilerplate it left out, before
// anything is added to the workspace.
func (c *controller) importFile(path string) {
	tx := c.tx
	data, err := os.ReadFile(path)
	if err != nil {
		c.showError(err)
		return
	}
	keepAll := false
	report := widgets.NewLabel("", c.tx.Lang(), true)
	var txt *statement.Text
	parse := func() {
		txt, err = statement.ParseText(string(data), statement.ParseOptions{KeepAll: keepAll})
		if err != nil {
			report.SetText(fmt.Sprintf("%s: %v", filepath.Base(path), err))
			return
		}
		report.SetText(importReport(c, txt))
	}
	parse()
	keep := c.kit.CheckLabelled(widget.NewCheck("", func(on bool) { keepAll = on; parse() }), tx.T("KeepEverything"))
	content := container.NewBorder(nil, keep, nil, nil, container.NewVScroll(report))
	d := c.kit.Confirm(tx.T("ImportTitle", "File", filepath.Base(path)), content, tx.T("Import"), tx.T("Cancel"), func(ok bool) {
		if !ok || txt == nil || err != nil {
			return
		}
		st, err := c.ws.AddStatement(txt, statement.Statement{Date: c.today()})
		if err != nil {
			c.showError(err)
			return
		}
		c.statementsChanged(st)
		c.showEditor()
		c.setStatus(tx.N("ImportedStatement", len(txt.Paragraphs), "ID", st.ID))
	})
	d.Resize(fyne.NewSize(640, 480))
}

// importReport describes a parsed text: its title, how many paragraphs,
// and each block that was dropped, with its line and why.
func importReport(c *controller, txt *statement.Text) string {
	tx := c.tx
	var b strings.Builder
	b.WriteString(tx.T("ImportFoundTitle", "Title", txt.Title) + "\n")
	b.WriteString(tx.N("ImportFoundParagraphs", len(txt.Paragraphs)) + "\n")
	if len(txt.Dropped) == 0 {
		b.WriteString("\n" + tx.T("ImportNothingDropped"))
		return b.String()
	}
	b.WriteString("\n" + tx.N("ImportDropped", len(txt.Dropped)) + "\n")
	for _, d := range txt.Dropped {
		b.WriteString("• " + tx.T("ImportDroppedLine", "Line", d.Line, "Reason", d.Reason, "Text", abbreviate(d.Text, 90)) + "\n")
	}
	return b.String()
}

func abbreviate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
