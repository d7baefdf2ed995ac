package ui

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"time"

	"fyne.io/fyne/v2"

	"communique/app/recovery"
	"communique/app/statement"
	"communique/app/ui/recoverydlg"
)

// The window's side of the recovery journal (app/recovery): it notes every
// edit, writes the journal every few seconds and whenever a text box loses
// the focus, removes it on save, and when a workspace opens with a journal
// beside it offers the edits back, showing what would change.

// journalEvery is how often unsaved edits are written.
const journalEvery = 3 * time.Second

func (c *controller) journalPath() string { return recovery.Path(c.ws.Dir) }

// noteEdit records that a text changed, to be written with the next flush.
func (c *controller) noteEdit(lang, id string) {
	if c.journal != nil {
		c.journal.NoteEdit(lang, id)
	}
}

// noteMeta records that a statement's issuing body, place or date changed.
func (c *controller) noteMeta(st *statement.Statement) {
	if c.journal != nil && st != nil {
		c.journal.NoteMeta(st)
	}
}

// noteStructure records that st's paragraphs were added, deleted, split,
// merged or moved.
func (c *controller) noteStructure(st *statement.Statement) {
	if c.journal != nil && st != nil {
		c.journal.NoteStructure(st)
	}
}

// startJournal begins journaling for the open workspace, writing every
// journalEvery while the window runs.
func (c *controller) startJournal() {
	if c.journalStop != nil {
		close(c.journalStop)
	}
	c.journal = recovery.New()
	c.journalStop = make(chan struct{})
	if c.journalTicks {
		stop := c.journalStop
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
	if c.journal == nil || c.ws == nil {
		return
	}
	if err := c.journal.Flush(c.ws, c.now()); err != nil {
		c.setStatus(c.tx.T("RecoveryWriteFailed", "Error", err.Error()))
	}
}

// journalSaved forgets the edits: they are in the workspace's files now.
func (c *controller) journalSaved() {
	if c.journal == nil {
		return
	}
	if err := c.journal.Saved(c.ws.Dir); err != nil {
		c.setStatus(c.tx.T("RecoveryWriteFailed", "Error", err.Error()))
	}
}

// offerRecovery shows the edits a journal holds, if any differ from what
// is on disk, and restores them or drops the journal as the user says.
func (c *controller) offerRecovery() {
	f, r, err := recovery.Read(c.ws)
	if err != nil {
		if !errors.Is(err, fs.ErrNotExist) {
			c.showError(err)
		}
		return
	}
	if r.Size() == 0 {
		_ = os.Remove(c.journalPath())
		return
	}
	c.pendingRecovery = r
	recoverydlg.Offer(recoverydlg.Host{Kit: c.kit, Workspace: c.ws, PartName: c.partNameOf, Answered: func(ok bool) {
		if ok {
			c.restoreJournal()
		} else {
			c.pendingRecovery = recovery.Recovery{}
			_ = os.Remove(c.journalPath())
		}
	}}, r, f.Written)
}

// restoreJournal applies the offered edits to the workspace (unsaved, so
// the user can still look before saving).
func (c *controller) restoreJournal() {
	if err := recovery.Restore(c.ws, c.pendingRecovery, c.journal); err != nil {
		c.showError(err)
	}
	c.pendingRecovery = recovery.Recovery{}
	c.refreshStatus()
	for _, l := range c.ws.Languages()[1:] {
		c.refreshLang(l)
	}
	c.structureChanged()
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
