package workspace

import (
	"fmt"
	"os"
	"slices"
	"strings"
	"unicode/utf8"

	"communique/app/safefile"
	"communique/app/statement"
	"communique/i18n/catalog"
)

// The editing operations below are what the desktop app's statement editor
// and translation workbench do; each keeps the catalogs and the statement in
// step and leaves saving to Save.

// InsertParagraph adds a paragraph with text at index at (0 = first) and
// returns its new message ID.
func (w *Workspace) InsertParagraph(st *statement.Statement, at int, text string) (string, error) {
	if at < 0 || at > len(st.Paragraphs) {
		return "", fmt.Errorf("insert paragraph at %d: out of range (1-%d)", at+1, len(st.Paragraphs)+1)
	}
	id := st.NewParagraphID()
	st.Paragraphs = slices.Insert(st.Paragraphs, at, id)
	w.SetSource(st, id, text)
	w.StatementChanged(st)
	return id, nil
}

// DeleteParagraph removes the paragraph at index at. Its source text is kept
// in the source history and its translations stay in their catalogs, so an
// accidental delete loses no one's work.
func (w *Workspace) DeleteParagraph(st *statement.Statement, at int) error {
	if at < 0 || at >= len(st.Paragraphs) {
		return fmt.Errorf("delete paragraph %d: out of range (1-%d)", at+1, len(st.Paragraphs))
	}
	id := st.Paragraphs[at]
	if m, ok := w.Source().Get(id); ok {
		w.remember(m)
		w.Source().Delete(id)
	}
	st.Paragraphs = slices.Delete(st.Paragraphs, at, at+1)
	w.StatementChanged(st)
	return nil
}

// SplitParagraph splits the paragraph at index at before byte offset off of
// its source text. The first half keeps the message ID (its translations now
// need review); the second half becomes a new paragraph.
func (w *Workspace) SplitParagraph(st *statement.Statement, at, off int) (string, error) {
	if at < 0 || at >= len(st.Paragraphs) {
		return "", fmt.Errorf("split paragraph %d: out of range (1-%d)", at+1, len(st.Paragraphs))
	}
	id := st.Paragraphs[at]
	text := w.Text(w.Config.SourceLanguage, id)
	if off <= 0 || off >= len(text) || !utf8.RuneStart(text[off]) {
		return "", fmt.Errorf("split paragraph %d: the split point must be inside the text", at+1)
	}
	first, second := strings.TrimSpace(text[:off]), strings.TrimSpace(text[off:])
	if first == "" || second == "" {
		return "", fmt.Errorf("split paragraph %d: both halves need text", at+1)
	}
	w.SetSource(st, id, first)
	return w.InsertParagraph(st, at+1, second)
}

// MergeParagraphs joins the paragraph at index at with the next one. The
// first keeps its ID; the second is deleted as by DeleteParagraph.
func (w *Workspace) MergeParagraphs(st *statement.Statement, at int) error {
	if at < 0 || at+1 >= len(st.Paragraphs) {
		return fmt.Errorf("merge paragraph %d with the next: there is no next paragraph", at+1)
	}
	a, b := st.Paragraphs[at], st.Paragraphs[at+1]
	joined := strings.TrimSpace(w.Text(w.Config.SourceLanguage, a)) + " " + strings.TrimSpace(w.Text(w.Config.SourceLanguage, b))
	w.SetSource(st, a, joined)
	return w.DeleteParagraph(st, at+1)
}

// MoveParagraph moves a paragraph; translations stay current.
func (w *Workspace) MoveParagraph(st *statement.Statement, from, to int) error {
	if err := st.Move(from, to); err != nil {
		return err
	}
	w.StatementChanged(st)
	return nil
}

// MarkReviewed accepts a translation as it is for the current source text:
// the reviewer checked that the old translation still says what the new
// source says.
func (w *Workspace) MarkReviewed(lang, id string) error {
	c := w.Catalogs[lang]
	if c == nil {
		return fmt.Errorf("language %q is not in this workspace", lang)
	}
	t, ok := c.Get(id)
	if !ok || t.Other == "" {
		return fmt.Errorf("%s has no %s translation to mark as reviewed", id, lang)
	}
	return w.SetTranslation(lang, id, t.Other)
}

// AddLanguage adds a target language: it joins communique.toml and gets an
// empty catalog (or keeps the one already in locales/).
func (w *Workspace) AddLanguage(lang string) error {
	if err := w.refuseInProject("adding a language"); err != nil {
		return err
	}
	lang = CanonicalLanguage(lang)
	if err := ValidLanguage(lang); err != nil {
		return err
	}
	if slices.Contains(w.Languages(), lang) {
		return fmt.Errorf("%s is already a language of this workspace", lang)
	}
	p := w.Config
	p.Languages = append(slices.Clone(p.Languages), lang)
	w.Config = p
	w.dirtyConfig = true
	path := w.CatalogPath(lang)
	c, err := catalog.Load(path)
	if os.IsNotExist(err) {
		c, err = catalog.New(path)
		if err == nil {
			err = safefile.WriteIfUnchanged(path, emptyCatalog(catalog.Format(w.Config.CatalogFormat)), 0o644, safefile.Stamp{})
			if err == nil {
				c, err = catalog.Load(path)
			}
		}
	}
	if err != nil {
		return err
	}
	w.Catalogs[lang] = c
	return nil
}

// SetConfig replaces the workspace settings other than the languages (use
// AddLanguage) and the source language, which a workspace keeps for life.
// The organisation's name is a message of the source catalog, translated
// like the statements.
func (w *Workspace) SetConfig(organisation, logo string) error {
	if err := w.refuseInProject("a letterhead"); err != nil {
		return err
	}
	if w.Config.Organisation != organisation {
		w.Config.Organisation = organisation
		w.syncOrganisation()
	}
	if w.Config.Logo != logo {
		w.Config.Logo = logo
		w.dirtyConfig = true
	}
	return nil
}

// refuseInProject stops an edit that only a Communiqué workspace can hold:
// in an existing go-i18n project it would write a communique.toml or an
// organisation message into files that belong to that project.
func (w *Workspace) refuseInProject(what string) error {
	if w.Layout == nil {
		return nil
	}
	return fmt.Errorf("%s holds a go-i18n project's catalogs (%s): %s needs a Communiqué workspace; nothing was changed", w.Dir, w.Layout.Pattern, what)
}
