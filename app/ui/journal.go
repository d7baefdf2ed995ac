package ui

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"communique/app/safefile"
	"communique/app/statement"
	"communique/app/workspace"
)

// The recovery journal keeps unsaved text edits safe from a crash or a
// kill: every few seconds, and whenever a text box loses the focus, the
// texts edited since the last save are written (atomically) to a file in
// the workspace folder. Saving removes it. When a workspace opens with a
// journal beside it, the app offers the edits back, showing what would
// change.

// journalName is the journal's file name in the workspace folder.
const journalName = ".communique-recovery.json"

// journalEvery is how often unsaved edits are written.
const journalEvery = 3 * time.Second

type journalFile struct {
	Version int            `json:"version"`
	Written time.Time      `json:"written"`
	Edits   []journalEntry `json:"edits"`
	// Statements holds the metadata of statements edited since the save.
	Statements []journalMeta `json:"statements,omitempty"`
	// Structure holds the paragraph order of statements whose paragraphs
	// were added, deleted, split, merged or moved since the save.
	Structure []journalStructure `json:"structure,omitempty"`
}

// journalStructure is a statement's paragraphs, by message ID, in order.
// NextParagraph keeps a restored statement from giving a new paragraph the
// ID (and so the old translations) of a deleted one.
type journalStructure struct {
	ID            string   `json:"id"`
	Paragraphs    []string `json:"paragraphs"`
	NextParagraph int      `json:"nextParagraph"`
}

// journalMeta is a statement's issuing body, place and date.
type journalMeta struct {
	ID          string    `json:"id"`
	IssuingBody string    `json:"issuingBody"`
	Place       string    `json:"place"`
	Date        time.Time `json:"date"`
}

func metaOf(st *statement.Statement) journalMeta {
	return journalMeta{ID: st.ID, IssuingBody: st.IssuingBody, Place: st.Place, Date: st.Date}
}

func (m journalMeta) same(st *statement.Statement) bool {
	return m.IssuingBody == st.IssuingBody && m.Place == st.Place && m.Date.Equal(st.Date)
}

// journalEntry is the text of one part in one language: the source text
// when lang is the source language, else the translation's plural forms.
type journalEntry struct {
	Lang  string            `json:"lang"`
	ID    string            `json:"id"`
	Forms map[string]string `json:"forms"`
}

type editKey struct{ lang, id string }

// journal tracks what changed since the last save.
type journal struct {
	c       *controller
	edited  map[editKey]bool
	meta    map[string]bool // statement IDs whose metadata changed
	shape   map[string]bool // statement IDs whose paragraphs changed
	written bool            // the file on disk holds every edit so far
	stop    chan struct{}
}

func (c *controller) journalPath() string { return filepath.Join(c.ws.Dir, journalName) }

// noteEdit records that a text changed, to be written with the next flush.
func (c *controller) noteEdit(lang, id string) {
	j := c.journal
	if j == nil {
		return
	}
	j.edited[editKey{lang, id}] = true
	j.written = false
}

// noteMeta records that a statement's issuing body, place or date changed.
func (c *controller) noteMeta(st *statement.Statement) {
	if j := c.journal; j != nil && st != nil {
		j.meta[st.ID] = true
		j.written = false
	}
}

// noteStructure records that st's paragraphs were added, deleted, split,
// merged or moved.
func (c *controller) noteStructure(st *statement.Statement) {
	if j := c.journal; j != nil && st != nil {
		j.shape[st.ID] = true
		j.written = false
	}
}

// startJournal begins journaling for the open workspace, writing every
// journalEvery while the window runs.
func (c *controller) startJournal() {
	if c.journal != nil {
		close(c.journal.stop)
	}
	c.journal = &journal{c: c, edited: map[editKey]bool{}, meta: map[string]bool{}, shape: map[string]bool{}, written: true, stop: make(chan struct{})}
	if c.journalTicks {
		stop := c.journal.stop
		go func() {
			t := time.NewTicker(journalEvery)
			defer t.Stop()
			for {
				select {
				case <-stop:
					return
				case <-t.C:
					fyne.Do(c.flushJournal)
				}
			}
		}()
	}
}

// flushJournal writes the edited texts, if any are not on disk yet.
func (c *controller) flushJournal() {
	j := c.journal
	if j == nil || j.written || c.ws == nil {
		return
	}
	f := journalFile{Version: 1, Written: c.now().UTC()}
	src := c.ws.Config.SourceLanguage
	for id := range j.shape {
		if st := c.ws.Statement(id); st != nil {
			f.Structure = append(f.Structure, journalStructure{ID: id, Paragraphs: slices.Clone(st.Paragraphs), NextParagraph: st.NextParagraph})
			// A new or split paragraph's text goes with the order.
			for _, p := range st.Paragraphs {
				j.edited[editKey{src, p}] = true
			}
		}
	}
	sort.Slice(f.Structure, func(a, b int) bool { return f.Structure[a].ID < f.Structure[b].ID })
	for k := range j.edited {
		f.Edits = append(f.Edits, c.journalEntryOf(k))
	}
	for id := range j.meta {
		if st := c.ws.Statement(id); st != nil {
			f.Statements = append(f.Statements, metaOf(st))
		}
	}
	sort.Slice(f.Statements, func(a, b int) bool { return f.Statements[a].ID < f.Statements[b].ID })
	sort.Slice(f.Edits, func(a, b int) bool {
		return f.Edits[a].Lang+"\x00"+f.Edits[a].ID < f.Edits[b].Lang+"\x00"+f.Edits[b].ID
	})
	data, err := json.MarshalIndent(f, "", "\t")
	if err == nil {
		err = safefile.Write(c.journalPath(), data, 0o600)
	}
	if err != nil {
		c.setStatus(c.tx.T("RecoveryWriteFailed", "Error", err.Error()))
		return
	}
	j.written = true
}

func (c *controller) journalEntryOf(k editKey) journalEntry {
	e := journalEntry{Lang: k.lang, ID: k.id, Forms: map[string]string{}}
	if cat := c.ws.Catalogs[k.lang]; cat != nil {
		m, _ := cat.Get(k.id)
		for _, f := range []string{"zero", "one", "two", "few", "many", "other"} {
			if t := m.Form(f); t != "" || f == "other" {
				e.Forms[f] = t
			}
		}
	}
	return e
}

// journalSaved forgets the edits: they are in the workspace's files now.
func (c *controller) journalSaved() {
	if c.journal == nil {
		return
	}
	clear(c.journal.edited)
	clear(c.journal.meta)
	clear(c.journal.shape)
	c.journal.written = true
	if err := os.Remove(c.journalPath()); err != nil && !errors.Is(err, fs.ErrNotExist) {
		c.setStatus(c.tx.T("RecoveryWriteFailed", "Error", err.Error()))
	}
}

// recovery is what a journal holds that differs from the workspace.
type recovery struct {
	edits []journalEntry
	meta  []journalMeta
	shape []journalStructure
}

func (r recovery) size() int { return len(r.edits) + len(r.meta) + len(r.shape) }

// readJournal returns the edits a journal holds that differ from ws.
func readJournal(ws *workspace.Workspace) (journalFile, recovery, error) {
	var f journalFile
	var r recovery
	data, err := os.ReadFile(filepath.Join(ws.Dir, journalName))
	if err != nil {
		return f, r, err
	}
	if err := json.Unmarshal(data, &f); err != nil {
		return f, r, fmt.Errorf("%s: %w", filepath.Join(ws.Dir, journalName), err)
	}
	for _, e := range f.Edits {
		cat := ws.Catalogs[e.Lang]
		if cat == nil {
			continue
		}
		m, _ := cat.Get(e.ID)
		for form, text := range e.Forms {
			if m.Form(form) != text {
				r.edits = append(r.edits, e)
				break
			}
		}
	}
	for _, m := range f.Statements {
		if st := ws.Statement(m.ID); st != nil && !m.same(st) {
			r.meta = append(r.meta, m)
		}
	}
	for _, sh := range f.Structure {
		if st := ws.Statement(sh.ID); st != nil && !slices.Equal(st.Paragraphs, sh.Paragraphs) {
			r.shape = append(r.shape, sh)
		}
	}
	return f, r, nil
}

// offerRecovery shows the edits a journal holds, if any differ from what
// is on disk, and restores them or drops the journal as the user says.
func (c *controller) offerRecovery() {
	f, r, err := readJournal(c.ws)
	if err != nil {
		if !errors.Is(err, fs.ErrNotExist) {
			c.showError(err)
		}
		return
	}
	if r.size() == 0 {
		_ = os.Remove(c.journalPath())
		return
	}
	c.pendingRecovery = r
	list := container.NewVBox()
	item := func(title, lang, was, now string) {
		head := newTextLabel(title, c.tx.Lang(), true)
		head.Bold = true
		list.Add(head)
		if was == "" {
			was = "—"
		}
		list.Add(newTextLabel(c.tx.T("Was")+" "+was, lang, true))
		nowL := newTextLabel(c.tx.T("Now")+" "+now, lang, true)
		nowL.Importance = widget.SuccessImportance
		list.Add(nowL)
	}
	for _, sh := range r.shape {
		st := c.ws.Statement(sh.ID)
		item(c.tx.T("RecoveryStructure", "Statement", sh.ID), c.tx.Lang(),
			c.tx.T("RecoveryParagraphs", "N", len(st.Paragraphs)), c.tx.T("RecoveryParagraphs", "N", len(sh.Paragraphs)))
	}
	for _, e := range r.edits {
		item(c.tx.T("RecoveryItem", "Language", languageName(e.Lang), "Part", c.partNameOf(e.ID)),
			e.Lang, c.ws.Text(e.Lang, e.ID), e.Forms["other"])
	}
	src := c.ws.Config.SourceLanguage
	for _, m := range r.meta {
		st := c.ws.Statement(m.ID)
		item(c.tx.T("RecoveryItem", "Language", languageName(src), "Part", m.ID), src,
			c.metaText(st.IssuingBody, st.Place, st.Date), c.metaText(m.IssuingBody, m.Place, m.Date))
	}
	intro := newTextLabel(c.tx.N("RecoveryExplain", r.size(), "Time", c.formatTime(f.Written)), c.tx.Lang(), true)
	body := container.NewBorder(intro, nil, nil, nil, container.NewVScroll(list))
	d := dialog.NewCustomConfirm(c.tx.T("RecoveryTitle"), c.tx.T("Restore"), c.tx.T("Discard"), body, func(ok bool) {
		if ok {
			c.restoreJournal()
		} else {
			c.pendingRecovery = recovery{}
			_ = os.Remove(c.journalPath())
		}
	}, c.win)
	d.Resize(fyne.NewSize(640, 420))
	c.dialogKeys(d, func() { d.Confirm() }, func() { d.Dismiss() })
	d.Show()
}

// metaText shows a statement's issuing body, place and date on one line.
func (c *controller) metaText(body, place string, date time.Time) string {
	d := ""
	if !date.IsZero() {
		d = date.Format("2006-01-02")
	}
	return body + " · " + place + " · " + d
}

// restoreJournal applies the offered edits to the workspace (unsaved, so
// the user can still look before saving).
func (c *controller) restoreJournal() {
	src := c.ws.Config.SourceLanguage
	for _, sh := range c.pendingRecovery.shape {
		c.restoreStructure(sh)
	}
	for _, m := range c.pendingRecovery.meta {
		if st := c.ws.Statement(m.ID); st != nil {
			st.IssuingBody, st.Place, st.Date = m.IssuingBody, m.Place, m.Date
			c.ws.StatementChanged(st)
			c.noteMeta(st)
		}
	}
	for _, e := range c.pendingRecovery.edits {
		if e.Lang == src {
			if st := c.statementOf(e.ID); st != nil {
				c.ws.SetSource(st, e.ID, e.Forms["other"])
				c.noteEdit(e.Lang, e.ID)
			}
			continue
		}
		if err := setTranslation(c.ws, e.Lang, e.ID, e.Forms["other"], e.Forms); err != nil {
			c.showError(err)
			continue
		}
		c.noteEdit(e.Lang, e.ID)
	}
	c.pendingRecovery = recovery{}
	c.refreshStatus()
	for _, l := range c.ws.Languages()[1:] {
		c.refreshLang(l)
	}
	c.structureChanged()
}

// restoreStructure gives a statement back the paragraphs it had when the
// journal was written: paragraphs deleted since are deleted the way the
// editor does (their text kept in the history), new ones get their message
// (its text comes with the journal's edits).
func (c *controller) restoreStructure(sh journalStructure) {
	st := c.ws.Statement(sh.ID)
	if st == nil {
		return
	}
	for i := len(st.Paragraphs) - 1; i >= 0; i-- {
		if !slices.Contains(sh.Paragraphs, st.Paragraphs[i]) {
			if err := c.ws.DeleteParagraph(st, i); err != nil {
				c.showError(err)
				return
			}
		}
	}
	st.Paragraphs = slices.Clone(sh.Paragraphs)
	st.NextParagraph = max(st.NextParagraph, sh.NextParagraph)
	for _, id := range st.Paragraphs {
		if _, ok := c.ws.Source().Get(id); !ok {
			c.ws.SetSource(st, id, "")
		}
	}
	c.ws.StatementChanged(st)
	c.noteStructure(st)
}

// statementOf finds the statement a part belongs to.
func (c *controller) statementOf(id string) *statement.Statement {
	for _, st := range c.ws.Statements {
		for _, p := range c.ws.Parts(st) {
			if p.ID == id {
				return st
			}
		}
	}
	return nil
}

func (c *controller) formatTime(t time.Time) string {
	return t.Local().Format("2006-01-02 15:04:05")
}

// focusChanged writes the journal when a text box loses the focus: the
// user has moved on, and what they typed is worth keeping now.
func (c *controller) focusChanged(gained bool) {
	if !gained {
		c.flushJournal()
	}
}

// partNameOf names the part with this message ID, in whichever statement
// holds it (the ID itself when none does).
func (c *controller) partNameOf(id string) string {
	for _, st := range c.ws.Statements {
		for _, p := range c.ws.Parts(st) {
			if p.ID == id {
				return fmt.Sprintf("%s · %s", st.ID, c.partName(st, p))
			}
		}
	}
	return id
}
