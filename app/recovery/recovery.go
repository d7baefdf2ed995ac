// Package recovery keeps unsaved edits safe from a crash or a kill: a
// journal beside the workspace records the texts, statement metadata and
// paragraph orders changed since the last save, written atomically; when
// the workspace opens again, Read says which of them differ from the
// files on disk and Restore puts them back (unsaved, for the user to look
// at before saving). It knows no window: the UI decides when to write and
// how to offer.
package recovery

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

	"communique/app/safefile"
	"communique/app/statement"
	"communique/app/workspace"
)

// Name is the journal's file name in the workspace folder.
const Name = ".communique-recovery.json"

// Path is the journal of the workspace in dir.
func Path(dir string) string { return filepath.Join(dir, Name) }

// File is the journal as written.
type File struct {
	Version int       `json:"version"`
	Written time.Time `json:"written"`
	Edits   []Entry   `json:"edits"`
	// Statements holds the metadata of statements edited since the save.
	Statements []Meta `json:"statements,omitempty"`
	// Structure holds the paragraph order of statements whose paragraphs
	// were added, deleted, split, merged or moved since the save.
	Structure []Structure `json:"structure,omitempty"`
}

// Structure is a statement's paragraphs, by message ID, in order.
// NextParagraph keeps a restored statement from giving a new paragraph the
// ID (and so the old translations) of a deleted one.
type Structure struct {
	ID            string   `json:"id"`
	Paragraphs    []string `json:"paragraphs"`
	NextParagraph int      `json:"nextParagraph"`
}

// Meta is a statement's issuing body, place and date.
type Meta struct {
	ID          string    `json:"id"`
	IssuingBody string    `json:"issuingBody"`
	Place       string    `json:"place"`
	Date        time.Time `json:"date"`
}

func metaOf(st *statement.Statement) Meta {
	return Meta{ID: st.ID, IssuingBody: st.IssuingBody, Place: st.Place, Date: st.Date}
}

func (m Meta) same(st *statement.Statement) bool {
	return m.IssuingBody == st.IssuingBody && m.Place == st.Place && m.Date.Equal(st.Date)
}

// Entry is the text of one part in one language: the source text when
// Lang is the source language, else the translation's plural forms.
type Entry struct {
	Lang  string            `json:"lang"`
	ID    string            `json:"id"`
	Forms map[string]string `json:"forms"`
}

type editKey struct{ lang, id string }

// Journal tracks what changed since the last save. Its methods are called
// from one goroutine (the window's); noting into a nil Journal does nothing.
type Journal struct {
	edited  map[editKey]bool
	meta    map[string]bool // statement IDs whose metadata changed
	shape   map[string]bool // statement IDs whose paragraphs changed
	written bool            // the file on disk holds every edit so far
}

// New returns a journal with nothing to write.
func New() *Journal {
	return &Journal{edited: map[editKey]bool{}, meta: map[string]bool{}, shape: map[string]bool{}, written: true}
}

// NoteEdit records that a text changed.
func (j *Journal) NoteEdit(lang, id string) {
	if j == nil {
		return
	}
	j.edited[editKey{lang, id}] = true
	j.written = false
}

// NoteMeta records that a statement's issuing body, place or date changed.
func (j *Journal) NoteMeta(st *statement.Statement) {
	if j == nil {
		return
	}
	j.meta[st.ID] = true
	j.written = false
}

// NoteStructure records that st's paragraphs were added, deleted, split,
// merged or moved.
func (j *Journal) NoteStructure(st *statement.Statement) {
	if j == nil {
		return
	}
	j.shape[st.ID] = true
	j.written = false
}

// Flush writes what changed in ws to its journal, if the file does not
// hold it yet.
func (j *Journal) Flush(ws *workspace.Workspace, now time.Time) error {
	if j.written {
		return nil
	}
	data, err := json.MarshalIndent(j.snapshot(ws, now), "", "\t")
	if err != nil {
		return err
	}
	if err := safefile.Write(Path(ws.Dir), data, 0o600); err != nil {
		return err
	}
	j.written = true
	return nil
}

// snapshot is the journal's content: every noted text, metadata and
// paragraph order as ws holds them now, sorted so the file is stable.
func (j *Journal) snapshot(ws *workspace.Workspace, now time.Time) File {
	f := File{Version: 1, Written: now.UTC()}
	src := ws.Config.SourceLanguage
	for id := range j.shape {
		if st := ws.Statement(id); st != nil {
			f.Structure = append(f.Structure, Structure{ID: id, Paragraphs: slices.Clone(st.Paragraphs), NextParagraph: st.NextParagraph})
			// A new or split paragraph's text goes with the order.
			for _, p := range st.Paragraphs {
				j.edited[editKey{src, p}] = true
			}
		}
	}
	sort.Slice(f.Structure, func(a, b int) bool { return f.Structure[a].ID < f.Structure[b].ID })
	for k := range j.edited {
		f.Edits = append(f.Edits, entryOf(ws, k))
	}
	for id := range j.meta {
		if st := ws.Statement(id); st != nil {
			f.Statements = append(f.Statements, metaOf(st))
		}
	}
	sort.Slice(f.Statements, func(a, b int) bool { return f.Statements[a].ID < f.Statements[b].ID })
	sort.Slice(f.Edits, func(a, b int) bool {
		return f.Edits[a].Lang+"\x00"+f.Edits[a].ID < f.Edits[b].Lang+"\x00"+f.Edits[b].ID
	})
	return f
}

func entryOf(ws *workspace.Workspace, k editKey) Entry {
	e := Entry{Lang: k.lang, ID: k.id, Forms: map[string]string{}}
	if cat := ws.Catalogs[k.lang]; cat != nil {
		m, _ := cat.Get(k.id)
		for _, f := range []string{"zero", "one", "two", "few", "many", "other"} {
			if t := m.Form(f); t != "" || f == "other" {
				e.Forms[f] = t
			}
		}
	}
	return e
}

// Saved forgets the edits, which are in the workspace's files now, and
// removes the journal from dir.
func (j *Journal) Saved(dir string) error {
	clear(j.edited)
	clear(j.meta)
	clear(j.shape)
	j.written = true
	if err := os.Remove(Path(dir)); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	return nil
}

// Recovery is what a journal holds that differs from the workspace.
type Recovery struct {
	Edits     []Entry
	Meta      []Meta
	Structure []Structure
}

// Size is the number of changes on offer.
func (r Recovery) Size() int { return len(r.Edits) + len(r.Meta) + len(r.Structure) }

// Read returns ws's journal and the changes in it that differ from ws. A
// workspace with no journal gives an error satisfying fs.ErrNotExist.
func Read(ws *workspace.Workspace) (File, Recovery, error) {
	var f File
	var r Recovery
	path := Path(ws.Dir)
	data, err := os.ReadFile(path)
	if err != nil {
		return f, r, err
	}
	if err := json.Unmarshal(data, &f); err != nil {
		return f, r, fmt.Errorf("%s: %w", path, err)
	}
	for _, e := range f.Edits {
		cat := ws.Catalogs[e.Lang]
		if cat == nil {
			continue
		}
		m, _ := cat.Get(e.ID)
		for form, text := range e.Forms {
			if m.Form(form) != text {
				r.Edits = append(r.Edits, e)
				break
			}
		}
	}
	for _, m := range f.Statements {
		if st := ws.Statement(m.ID); st != nil && !m.same(st) {
			r.Meta = append(r.Meta, m)
		}
	}
	for _, sh := range f.Structure {
		if st := ws.Statement(sh.ID); st != nil && !slices.Equal(st.Paragraphs, sh.Paragraphs) {
			r.Structure = append(r.Structure, sh)
		}
	}
	return f, r, nil
}

// Restore applies r to ws (unsaved) and notes every change in j, so the
// next flush keeps them. It returns the first error and applies the rest.
func Restore(ws *workspace.Workspace, r Recovery, j *Journal) error {
	var first error
	keep := func(err error) {
		if first == nil {
			first = err
		}
	}
	for _, sh := range r.Structure {
		if err := restoreStructure(ws, sh, j); err != nil {
			keep(err)
		}
	}
	for _, m := range r.Meta {
		if st := ws.Statement(m.ID); st != nil {
			st.IssuingBody, st.Place, st.Date = m.IssuingBody, m.Place, m.Date
			ws.StatementChanged(st)
			j.NoteMeta(st)
		}
	}
	src := ws.Config.SourceLanguage
	for _, e := range r.Edits {
		if e.Lang == src {
			if st := StatementOf(ws, e.ID); st != nil {
				ws.SetSource(st, e.ID, e.Forms["other"])
				j.NoteEdit(e.Lang, e.ID)
			}
			continue
		}
		var err error
		if len(e.Forms) <= 1 {
			err = ws.SetTranslation(e.Lang, e.ID, e.Forms["other"])
		} else {
			err = ws.SetTranslationForms(e.Lang, e.ID, e.Forms)
		}
		if err != nil {
			keep(err)
			continue
		}
		j.NoteEdit(e.Lang, e.ID)
	}
	return first
}

// restoreStructure gives a statement back the paragraphs it had when the
// journal was written: paragraphs deleted since are deleted the way the
// editor does (their text kept in the history), new ones get their message
// (its text comes with the journal's edits).
func restoreStructure(ws *workspace.Workspace, sh Structure, j *Journal) error {
	st := ws.Statement(sh.ID)
	if st == nil {
		return nil
	}
	for i := len(st.Paragraphs) - 1; i >= 0; i-- {
		if !slices.Contains(sh.Paragraphs, st.Paragraphs[i]) {
			if err := ws.DeleteParagraph(st, i); err != nil {
				return err
			}
		}
	}
	st.Paragraphs = slices.Clone(sh.Paragraphs)
	st.NextParagraph = max(st.NextParagraph, sh.NextParagraph)
	for _, id := range st.Paragraphs {
		if _, ok := ws.Source().Get(id); !ok {
			ws.SetSource(st, id, "")
		}
	}
	ws.StatementChanged(st)
	j.NoteStructure(st)
	return nil
}

// StatementOf finds the statement a part belongs to.
func StatementOf(ws *workspace.Workspace, id string) *statement.Statement {
	for _, st := range ws.Statements {
		for _, p := range ws.Parts(st) {
			if p.ID == id {
				return st
			}
		}
	}
	return nil
}
