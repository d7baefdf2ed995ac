// Package recoverydlg offers back the edits a recovery journal
// (app/recovery) kept after a crash: each text as it is on disk and as the
// journal has it, then restore or discard, as the user says.
package recoverydlg

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"communique/app/recovery"
	"communique/app/ui/langname"
	"communique/app/ui/widgets"
	"communique/app/workspace"
)

// Host is what the dialog needs of the window.
type Host struct {
	Kit       *widgets.Kit
	Workspace *workspace.Workspace
	// PartName names the part with message ID id for people.
	PartName func(id string) string
	// Answered is told whether the user chose to restore the edits.
	Answered func(restore bool)
}

// Offer shows what r, written at written, would change, and asks.
func Offer(h Host, r recovery.Recovery, written time.Time) {
	tx, ws := h.Kit.Text(), h.Workspace
	list := container.NewVBox()
	item := func(title, lang, was, now string) {
		head := widgets.NewLabel(title, tx.Lang(), true)
		head.Bold = true
		list.Add(head)
		if was == "" {
			was = "—"
		}
		list.Add(widgets.NewLabel(tx.T("Was")+" "+was, lang, true))
		nowL := widgets.NewLabel(tx.T("Now")+" "+now, lang, true)
		nowL.Importance = widget.SuccessImportance
		list.Add(nowL)
	}
	for _, sh := range r.Structure {
		st := ws.Statement(sh.ID)
		item(tx.T("RecoveryStructure", "Statement", sh.ID), tx.Lang(),
			tx.T("RecoveryParagraphs", "N", len(st.Paragraphs)), tx.T("RecoveryParagraphs", "N", len(sh.Paragraphs)))
	}
	for _, e := range r.Edits {
		item(tx.T("RecoveryItem", "Language", langname.Of(e.Lang), "Part", h.PartName(e.ID)),
			e.Lang, ws.Text(e.Lang, e.ID), e.Forms["other"])
	}
	src := ws.Config.SourceLanguage
	for _, m := range r.Meta {
		st := ws.Statement(m.ID)
		item(tx.T("RecoveryItem", "Language", langname.Of(src), "Part", m.ID), src,
			metaText(st.IssuingBody, st.Place, st.Date), metaText(m.IssuingBody, m.Place, m.Date))
	}
	when := written.Local().Format("2006-01-02 15:04:05")
	intro := widgets.NewLabel(tx.N("RecoveryExplain", r.Size(), "Time", when), tx.Lang(), true)
	body := container.NewBorder(intro, nil, nil, nil, container.NewVScroll(list))
	d := h.Kit.Confirm(tx.T("RecoveryTitle"), body, tx.T("Restore"), tx.T("Discard"), h.Answered)
	d.Resize(fyne.NewSize(640, 420))
}

// metaText shows a statement's issuing body, place and date on one line.
func metaText(body, place string, date time.Time) string {
	d := ""
	if !date.IsZero() {
		d = date.Format("2006-01-02")
	}
	return body + " · " + place + " · " + d
}
