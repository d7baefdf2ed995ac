// Package workspace keeps a team's statements and their translations on disk
// in a folder that can live in git: communique.toml (settings),
// statements/<id>.toml (metadata and part order), locales/active.<lang>.<fmt>
// (go-i18n catalogs holding all text) and source-history.toml (what the
// source said before it changed, so reviewers can see what a stale
// translation was made from).
//
// Every file stays readable and editable by hand and by the goi18n CLI; every
// write is atomic and refuses to overwrite a file that changed on disk since
// it was read.
package workspace

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"time"

	"communique/app/safefile"
	"communique/app/statement"
	"communique/i18n/catalog"
)

// File names inside a workspace.
const (
	ConfigFile    = "communique.toml"
	StatementsDir = "statements"
	LocalesDir    = "locales"
	HistoryFile   = "source-history.toml"
)

// Workspace is an open workspace folder.
type Workspace struct {
	Dir        string
	Config     Config
	Statements []*statement.Statement // sorted by ID
	// Catalogs holds one catalog per language, the source language included.
	Catalogs map[string]*catalog.Catalog
	History  *catalog.History
	// Layout is set when the folder is an existing go-i18n project opened
	// as it is (no communique.toml): its catalogs are named and placed as
	// the project has them, and there are no statements.
	Layout *Layout
	// CatalogErrors lists catalogs that could not be read. The other catalogs
	// are loaded; a broken one is never written over.
	CatalogErrors []error

	// LockWait is how long Save waits for another process (a merge, the
	// desktop app) to release the workspace; zero means DefaultLockWait.
	LockWait time.Duration

	lock           *safefile.Lock // held from OpenLocked until Close
	lockExclusive  bool
	stamps         map[string]safefile.Stamp // config and statement files, by path
	dirtyConfig    bool
	dirtyStatement map[string]bool
	historyDirty   bool
}

// remember keeps a source text in the history file.
func (w *Workspace) remember(m catalog.Message) {
	n := w.History.Len()
	w.History.Remember(m)
	w.historyDirty = w.historyDirty || w.History.Len() != n
}

// FileError is bad content in a workspace file, with the line it is on when
// known.
type FileError struct {
	Path string
	Line int
	Err  error
}

func (e *FileError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %v", e.Path, e.Line, e.Err)
	}
	return fmt.Sprintf("%s: %v", e.Path, e.Err)
}

func (e *FileError) Unwrap() error { return e.Err }

// ErrNotWorkspace is returned by Open for a folder without communique.toml.
var ErrNotWorkspace = errors.New("not a Communiqué workspace (no " + ConfigFile + ") and no go-i18n catalogs found in it")

// Options say how to open a folder.
type Options struct {
	// Locales opens the folder as an existing go-i18n project's catalogs
	// even when it has a communique.toml.
	Locales bool
	// Source is the source language of such a project; "" guesses it (the
	// language with the most messages). Unused for a Communiqué workspace.
	Source string
	// Exclusive and LockWait are for OpenLocked: a writer's lock or a
	// reader's, and how long to wait for it (zero: DefaultLockWait).
	Exclusive bool
	LockWait  time.Duration
}

// Open reads a workspace. Errors in communique.toml or a statement file stop
// it; an unreadable catalog is reported in CatalogErrors and left alone.
//
// A folder without communique.toml that holds go-i18n catalogs (an existing
// project's locales: base.fr.json, i18n/fr.toml, fr/messages.yaml…) opens
// as it is, with no statements; see DetectLayout.
func Open(dir string) (*Workspace, error) { return OpenWith(dir, Options{}) }

// OpenWith is Open with options.
func OpenWith(dir string, opt Options) (*Workspace, error) {
	if _, err := os.Stat(filepath.Join(dir, ConfigFile)); opt.Locales || err != nil {
		l, derr := DetectLayout(dir)
		if derr != nil {
			return nil, derr
		}
		if l != nil {
			return openLayout(dir, l, opt.Source)
		}
		if opt.Locales {
			return nil, fmt.Errorf("%s: no go-i18n catalogs found (files named like active.fr.toml, base.fr.json, fr.yaml or fr/messages.json)", dir)
		}
	}
	return openWorkspace(dir)
}

// maxSettingsFile is the largest communique.toml or statement file read.
// Both hold names and message IDs (the texts are in the catalogs): a few
// kilobytes. A workspace may come from anyone, and a huge file must be an
// error, not all the memory there is.
const maxSettingsFile = 4 << 20

func openWorkspace(dir string) (*Workspace, error) {
	w := &Workspace{Dir: dir, Catalogs: map[string]*catalog.Catalog{}, stamps: map[string]safefile.Stamp{},
		dirtyStatement: map[string]bool{}}
	cfgPath := filepath.Join(dir, ConfigFile)
	data, err := safefile.ReadFile(cfgPath, maxSettingsFile)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("%s: %w", dir, ErrNotWorkspace)
	}
	if err != nil {
		return nil, err
	}
	cfgData := data
	cfg, err := parseConfig(cfgPath, data)
	if err != nil {
		return nil, err
	}
	w.Config = *cfg
	w.stamps[cfgPath] = safefile.StampBytes(data)

	files, err := filepath.Glob(filepath.Join(dir, StatementsDir, "*.toml"))
	if err != nil {
		return nil, err
	}
	sort.Strings(files)
	for _, f := range files {
		if strings.HasPrefix(filepath.Base(f), ".") {
			continue // editor locks and macOS resource forks, not statements
		}
		data, err := safefile.ReadFile(f, maxSettingsFile)
		if err != nil {
			return nil, err
		}
		st, err := parseStatement(f, data)
		if err != nil {
			return nil, err
		}
		if want := strings.TrimSuffix(filepath.Base(f), ".toml"); st.ID != want {
			return nil, &FileError{Path: f, Line: lineOfKey(data, "id"),
				Err: fmt.Errorf("id %q does not match the file name (want %q)", st.ID, want)}
		}
		if st.SourceLang != cfg.SourceLanguage {
			return nil, &FileError{Path: f, Line: lineOfKey(data, "source_language"),
				Err: fmt.Errorf("source_language %q differs from the workspace's %q (%s)", st.SourceLang, cfg.SourceLanguage, ConfigFile)}
		}
		// No two statements share a message: each part's ID starts with
		// its statement's ID and a dot (Validate), statement IDs have no
		// dots, and each statement is the file of its own name.
		w.Statements = append(w.Statements, st)
		w.stamps[f] = safefile.StampBytes(data)
	}
	if err := checkCatalogFormat(dir, cfgPath, cfgData, cfg); err != nil {
		return nil, err
	}

	// Catalogs load on all cores: with many languages this is most of the
	// time it takes to open a workspace.
	langs := w.Languages()
	paths := make([]string, len(langs))
	for i, lang := range langs {
		paths[i] = w.CatalogPath(lang)
	}
	cats, errs := catalog.LoadAll(paths)
	for i, lang := range langs {
		c, err := cats[i], errs[i]
		if errors.Is(err, fs.ErrNotExist) {
			c, err = catalog.New(paths[i])
		}
		if err != nil {
			w.CatalogErrors = append(w.CatalogErrors, err)
			continue
		}
		w.Catalogs[lang] = c
	}
	if w.Catalogs[w.Config.SourceLanguage] == nil {
		return nil, fmt.Errorf("source catalog cannot be read: %w", errors.Join(w.CatalogErrors...))
	}
	w.History, err = catalog.LoadHistory(filepath.Join(dir, HistoryFile))
	if err != nil {
		return nil, err
	}
	w.loadLetterhead()
	// Every part's text must be in the source catalog; a statement that
	// names a message nobody wrote would export as "not translated".
	for _, st := range w.Statements {
		for _, p := range st.Parts() {
			if _, ok := w.Source().Get(p.ID); !ok {
				f := w.StatementPath(st.ID)
				data, _ := os.ReadFile(f)
				return nil, &FileError{Path: f, Line: lineOfValue(data, p.ID),
					Err: fmt.Errorf("message %q is not in %s", p.ID, w.Source().Path)}
			}
		}
	}
	return w, nil
}

// DefaultLockWait is how long a command or a save waits for another
// process to finish with the workspace before giving up with a
// *safefile.LockedError: long enough for a merge or a save, short enough
// that a stuck process is reported rather than waited on forever.
const DefaultLockWait = 5 * time.Second

// OpenLocked takes the workspace's lock, then opens it (OpenWith), and
// holds the lock until Close: what the workspace holds cannot change under
// a command between reading and writing. Commands that write (merge,
// import) take it exclusive; commands that only read (status, handoff,
// export) share it, so they run side by side but never see a save half
// done.
func OpenLocked(dir string, opt Options) (*Workspace, error) {
	wait := cmp.Or(opt.LockWait, DefaultLockWait)
	l, err := safefile.LockDirs(lockDirsFor(dir, opt), opt.Exclusive, wait)
	if err != nil {
		if !errors.Is(err, safefile.ErrLocked) {
			// A missing folder is better named by Open ("not a workspace")
			// than by the lock.
			if _, oerr := OpenWith(dir, opt); oerr != nil {
				return nil, oerr
			}
		}
		return nil, err
	}
	w, err := OpenWith(dir, opt)
	if err != nil {
		l.Unlock()
		return nil, err
	}
	w.lock, w.lockExclusive, w.LockWait = l, opt.Exclusive, wait
	return w, nil
}

// lockDirsFor are the folders a process working on the workspace at dir
// locks: dir, then the folder its catalogs are in. Another process may
// reach the same catalogs by another folder (a project's root or its
// locales folder; a workspace's locales folder with --locales), and the
// catalogs' folder is what the two have in common. The catalogs' folder is
// inside dir, so every process locks outer folders first.
func lockDirsFor(dir string, opt Options) []string {
	if _, err := os.Stat(filepath.Join(dir, ConfigFile)); opt.Locales || err != nil {
		if l, _ := DetectLayout(dir); l != nil {
			return []string{dir, l.Dir}
		}
	}
	return catalogLockDirs(dir)
}

// catalogLockDirs are a Communiqué workspace's folder and its locales
// folder, if there is one.
func catalogLockDirs(dir string) []string {
	locales := filepath.Join(dir, LocalesDir)
	if fi, err := os.Stat(locales); err == nil && fi.IsDir() {
		return []string{dir, locales}
	}
	return []string{dir}
}

// lockDirs are the folders Save locks (see lockDirsFor).
func (w *Workspace) lockDirs() []string {
	if w.Layout != nil {
		return []string{w.Dir, w.Layout.Dir}
	}
	return catalogLockDirs(w.Dir)
}

// Lock takes the locks Save takes (exclusive) or a reader's (shared),
// waiting up to wait: for a caller that waits for the workspace to be free
// before saving, as the desktop app does off its UI thread.
func (w *Workspace) Lock(exclusive bool, wait time.Duration) (*safefile.Lock, error) {
	return safefile.LockDirs(w.lockDirs(), exclusive, wait)
}

// Close releases the lock taken by OpenLocked; for a workspace opened with
// Open it does nothing.
func (w *Workspace) Close() error {
	l := w.lock
	w.lock = nil
	return l.Unlock()
}

// Init creates a new, empty workspace in dir, which must not already be one.
func Init(dir string, cfg Config) (*Workspace, error) {
	cfg.SourceLanguage = CanonicalLanguage(cfg.SourceLanguage)
	cfg.Languages = slices.Clone(cfg.Languages)
	for i, l := range cfg.Languages {
		cfg.Languages[i] = CanonicalLanguage(l)
	}
	cfg.normalize()
	if err := cfg.validate(); err != nil {
		return nil, fmt.Errorf("%s: %w", filepath.Join(dir, ConfigFile), err)
	}
	if _, err := os.Stat(filepath.Join(dir, ConfigFile)); err == nil {
		return nil, fmt.Errorf("%s: already a workspace", dir)
	}
	// A project's own catalogs would be left aside for new, empty ones:
	// say where they are and how to work on them instead.
	if l, _ := DetectLayout(dir); l != nil && !(l.Dir == filepath.Join(dir, LocalesDir) && strings.HasPrefix(l.Pattern, "active.")) {
		return nil, fmt.Errorf("%s already holds go-i18n catalogs (%s in %s: %s); work on them as they are with --workspace %s (nothing is added to the folder), or init a new workspace elsewhere",
			dir, l.Pattern, l.Dir, strings.Join(l.Languages(), ", "), dir)
	}
	for _, d := range []string{dir, filepath.Join(dir, StatementsDir), filepath.Join(dir, LocalesDir)} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			return nil, err
		}
	}
	if err := safefile.WriteIfUnchanged(filepath.Join(dir, ConfigFile), cfg.encode(), 0o644, safefile.Stamp{}); err != nil {
		return nil, err
	}
	for _, lang := range cfg.languages() {
		p := filepath.Join(dir, LocalesDir, "active."+lang+"."+cfg.CatalogFormat)
		if _, err := os.Stat(p); err == nil {
			continue // a catalog brought along is kept as it is
		}
		if err := safefile.WriteIfUnchanged(p, emptyCatalog(catalog.Format(cfg.CatalogFormat)), 0o644, safefile.Stamp{}); err != nil {
			return nil, err
		}
	}
	w, err := Open(dir)
	if err != nil {
		return nil, err
	}
	// The organisation's name is a message of the source catalog.
	if cfg.Organisation != "" {
		w.SetConfig(cfg.Organisation, w.Config.Logo)
		if err := w.Save(); err != nil {
			return nil, err
		}
	}
	return w, nil
}

func emptyCatalog(f catalog.Format) []byte {
	switch f {
	case catalog.JSON:
		return []byte("{}\n")
	case catalog.YAML:
		return []byte("{}\n")
	}
	return nil
}

// Languages lists the source language first, then the target languages.
func (w *Workspace) Languages() []string { return w.Config.languages() }

// CatalogPath is where the catalog of lang lives.
func (w *Workspace) CatalogPath(lang string) string {
	if w.Layout != nil {
		return w.Layout.Paths[lang]
	}
	return filepath.Join(w.Dir, LocalesDir, "active."+lang+"."+w.Config.CatalogFormat)
}

// StatementPath is where the statement with this ID lives.
func (w *Workspace) StatementPath(id string) string {
	return filepath.Join(w.Dir, StatementsDir, id+".toml")
}

// Statement returns the statement with this ID, or nil.
func (w *Workspace) Statement(id string) *statement.Statement {
	for _, s := range w.Statements {
		if s.ID == id {
			return s
		}
	}
	return nil
}

// Source returns the source-language catalog.
func (w *Workspace) Source() *catalog.Catalog { return w.Catalogs[w.Config.SourceLanguage] }

// Text returns the text of a part in a language ("" when untranslated).
func (w *Workspace) Text(lang, id string) string {
	c := w.Catalogs[lang]
	if c == nil {
		return ""
	}
	m, _ := c.Get(id)
	return m.Other
}

// SetSource sets the source text of a part. The text it replaces is kept in
// the source history, so translations made from it can show what changed.
func (w *Workspace) SetSource(st *statement.Statement, id, text string) {
	w.setSource(id, st.Description(id), text)
}

func (w *Workspace) setSource(id, description, text string) {
	src := w.Source()
	old, had := src.Get(id)
	if had && old.Other == text {
		return
	}
	if had {
		w.rememberIfTranslated(old)
	}
	m := old
	m.ID = id
	m.Description = description
	m.Other = text
	m.Hash = "" // goi18n derives the source hash; a stale stored one would mislead
	src.Set(m)
}

// Parts lists every translatable part of st in page order: the
// organisation's name (when the workspace has one), the title, the issuing
// body and the place (when set), then the paragraphs.
func (w *Workspace) Parts(st *statement.Statement) []statement.Part {
	var parts []statement.Part
	if strings.TrimSpace(w.Config.Organisation) != "" {
		parts = append(parts, statement.Part{ID: statement.OrganisationID, Kind: statement.Organisation})
	}
	for _, p := range st.Parts() {
		parts = append(parts, p)
		if p.Kind != statement.Title {
			continue
		}
		if strings.TrimSpace(st.IssuingBody) != "" {
			parts = append(parts, statement.Part{ID: st.BodyID(), Kind: statement.IssuingBody})
		}
		if strings.TrimSpace(st.Place) != "" {
			parts = append(parts, statement.Part{ID: st.PlaceID(), Kind: statement.Place})
		}
	}
	return parts
}

// IsName reports whether message id is a name (the organisation, a place),
// which a translation may leave as it is: "Paris" in French, an English
// organisation name kept in German. An issuing body ("Ministry of Foreign
// Affairs") is a phrase, translated like the text.
func (w *Workspace) IsName(id string) bool {
	if id == statement.OrganisationID {
		return true
	}
	st, ok := strings.CutSuffix(id, ".place")
	return ok && w.Statement(st) != nil // Validate keeps paragraphs off these IDs
}

// syncLetterhead puts st's issuing body and place into the source catalog,
// or takes them out when cleared (keeping the text in the history, and
// translations in their catalogs, as for a deleted paragraph).
func (w *Workspace) syncLetterhead(st *statement.Statement) {
	w.syncText(st.BodyID(), st.Description(st.BodyID()), st.IssuingBody)
	w.syncText(st.PlaceID(), st.Description(st.PlaceID()), st.Place)
}

func (w *Workspace) syncOrganisation() {
	w.syncText(statement.OrganisationID, statement.OrganisationDescription, w.Config.Organisation)
}

// syncText sets a letterhead message's source text. The text it replaces
// is always kept in the history, translated or not: these short texts are
// edited rarely, and loadLetterhead relies on the history to tell an old
// value from a new one.
func (w *Workspace) syncText(id, description, text string) {
	old, had := w.Source().Get(id)
	if had && old.Other == text {
		return
	}
	if had {
		w.remember(old)
	}
	if strings.TrimSpace(text) != "" {
		w.setSource(id, description, text)
		return
	}
	if had {
		w.Source().Delete(id)
	}
}

// loadLetterhead reads the organisation, issuing bodies and places from
// the source catalog. communique.toml and the statement files held them
// before they were translatable, and a hand edit may put them back there.
// A value found in a file goes into the catalog and the file loses it at
// the next save, unless the history shows the file's value is one the
// catalog's text already replaced (a save interrupted after the catalogs
// were written): then the catalog's is the newer one.
func (w *Workspace) loadLetterhead() {
	// load returns the source text of message id given the file's value.
	load := func(id, description, fileValue string) string {
		m, _ := w.Source().Get(id) // m.Other is "" when cleared
		if fileValue == "" || fileValue == m.Other {
			return m.Other
		}
		if _, stale := w.History.Lookup(catalog.Hash(description, fileValue)); stale {
			return m.Other
		}
		w.syncText(id, description, fileValue)
		return fileValue
	}
	if w.Config.Organisation != "" {
		w.dirtyConfig = true
	}
	w.Config.Organisation = load(statement.OrganisationID, statement.OrganisationDescription, w.Config.Organisation)
	for _, st := range w.Statements {
		if st.IssuingBody != "" || st.Place != "" {
			w.dirtyStatement[st.ID] = true
		}
		st.IssuingBody = load(st.BodyID(), st.Description(st.BodyID()), st.IssuingBody)
		st.Place = load(st.PlaceID(), st.Description(st.PlaceID()), st.Place)
	}
}

// rememberIfTranslated keeps a source message in the history when some
// translation was made from it. Texts nobody translated (every intermediate
// state of a paragraph being typed) are not worth keeping.
func (w *Workspace) rememberIfTranslated(m catalog.Message) {
	h := catalog.Hash(m.Description, m.Other)
	for lang, c := range w.Catalogs {
		if lang == w.Config.SourceLanguage {
			continue
		}
		if t, ok := c.Get(m.ID); ok && t.Hash == h {
			w.remember(m)
			return
		}
	}
}

// SetTranslation stores a translation made from the current source text.
func (w *Workspace) SetTranslation(lang, id, text string) error {
	if lang == w.Config.SourceLanguage {
		return fmt.Errorf("%s is the source language: edit the statement instead", lang)
	}
	c := w.Catalogs[lang]
	if c == nil {
		return fmt.Errorf("language %q is not in this workspace", lang)
	}
	src, ok := w.Source().Get(id)
	if !ok {
		return fmt.Errorf("message %q is not in the source catalog", id)
	}
	m, _ := c.Get(id)
	m.ID = id
	m.Other = text
	m.Hash = catalog.Hash(src.Description, src.Other)
	c.Set(m)
	return nil
}

// SetTranslationForms stores a translation with its CLDR plural forms
// ("zero", "one", "two", "few", "many", "other"); forms the map lacks are
// cleared. Like SetTranslation, it records the source hash it was made from.
func (w *Workspace) SetTranslationForms(lang, id string, forms map[string]string) error {
	for f := range forms {
		switch f {
		case "zero", "one", "two", "few", "many", "other":
		default:
			return fmt.Errorf("%q is not a CLDR plural form", f)
		}
	}
	if err := w.SetTranslation(lang, id, forms["other"]); err != nil {
		return err
	}
	c := w.Catalogs[lang]
	m, _ := c.Get(id)
	m.Zero, m.One, m.Two, m.Few, m.Many = forms["zero"], forms["one"], forms["two"], forms["few"], forms["many"]
	c.Set(m)
	return nil
}

// syncDescriptions rewrites the translator context of every part of st
// (it contains the paragraph's position). A description is part of goi18n's
// hash, so translations that were current stay current: their hash moves
// along with the description.
func (w *Workspace) syncDescriptions(st *statement.Statement) {
	src := w.Source()
	for _, p := range st.Parts() {
		m, ok := src.Get(p.ID)
		want := st.Description(p.ID)
		if !ok || m.Description == want {
			continue
		}
		oldHash := catalog.Hash(m.Description, m.Other)
		// Kept whether or not a loaded catalog uses it: a catalog that
		// could not be read now, a handoff file or a git branch may, and
		// the history tells them only the description changed.
		w.remember(m)
		m.Description = want
		m.Hash = ""
		src.Set(m)
		newHash := catalog.Hash(m.Description, m.Other)
		for lang, c := range w.Catalogs {
			if lang == w.Config.SourceLanguage {
				continue
			}
			if t, ok := c.Get(p.ID); ok && t.Hash == oldHash {
				t.Hash = newHash
				c.Set(t)
			}
		}
	}
}

// AddStatement creates a statement from imported text. Metadata fields of
// meta (ID, issuing body, place, date) are used as given; an empty ID is
// derived from the title.
func (w *Workspace) AddStatement(txt *statement.Text, meta statement.Statement) (*statement.Statement, error) {
	if w.Layout != nil {
		return nil, fmt.Errorf("%s holds a go-i18n project's catalogs, not Communiqué statements; create a workspace for statements with init", w.Dir)
	}
	st := meta
	if st.ID == "" {
		base := statement.Slug(txt.Title)
		st.ID = base
		for i := 2; w.Statement(st.ID) != nil; i++ {
			st.ID = fmt.Sprintf("%s-%d", base, i)
		}
	}
	if err := statement.ValidID(st.ID); err != nil {
		return nil, err
	}
	if w.Statement(st.ID) != nil {
		return nil, fmt.Errorf("statement %q already exists", st.ID)
	}
	if _, err := os.Stat(w.StatementPath(st.ID)); err == nil {
		return nil, fmt.Errorf("%s already exists", w.StatementPath(st.ID))
	}
	if st.SourceLang == "" {
		st.SourceLang = w.Config.SourceLanguage
	}
	if st.SourceLang != w.Config.SourceLanguage {
		return nil, fmt.Errorf("statement source language %q differs from the workspace's %q", st.SourceLang, w.Config.SourceLanguage)
	}
	st.TitleID = st.ID + ".title"
	st.Paragraphs = nil
	st.NextParagraph = 1
	for range txt.Paragraphs {
		st.Paragraphs = append(st.Paragraphs, st.NewParagraphID())
	}
	// A message ID left in any catalog or the history (a deleted statement's
	// translations) would make old text count as a translation of new text.
	for _, id := range append(partIDs(st.Parts()), st.BodyID(), st.PlaceID()) {
		for _, c := range w.Catalogs {
			if _, taken := c.Get(id); taken {
				return nil, fmt.Errorf("message %q already exists in %s; choose another statement ID", id, c.Path)
			}
		}
	}
	s := &st
	w.SetSource(s, s.TitleID, txt.Title)
	w.syncLetterhead(s) // in page order: after the title, before the paragraphs
	for i, id := range s.Paragraphs {
		w.SetSource(s, id, txt.Paragraphs[i])
	}
	w.Statements = append(w.Statements, s)
	slices.SortFunc(w.Statements, func(a, b *statement.Statement) int { return strings.Compare(a.ID, b.ID) })
	w.dirtyStatement[s.ID] = true
	return s, nil
}

func partIDs(parts []statement.Part) []string {
	ids := make([]string, len(parts))
	for i, p := range parts {
		ids[i] = p.ID
	}
	return ids
}

// StatementChanged marks a statement's metadata or structure as edited and
// brings the translator context in the source catalog up to date.
func (w *Workspace) StatementChanged(st *statement.Statement) {
	w.dirtyStatement[st.ID] = true
	w.syncDescriptions(st)
	w.syncLetterhead(st)
}

// Dirty reports whether anything is unsaved.
func (w *Workspace) Dirty() bool {
	if w.dirtyConfig || len(w.dirtyStatement) > 0 || w.historyDirty {
		return true
	}
	for _, c := range w.Catalogs {
		if c.Dirty() {
			return true
		}
	}
	return false
}

// pendingWrite is a file Save is about to replace, with the stamp of the
// content it had when it was read.
type pendingWrite struct {
	path  string
	data  []byte
	stamp safefile.Stamp
}

// Save writes everything that changed. It first checks every file it is
// about to replace: if any was changed on disk since it was read (a hand
// edit, a git pull), Save writes nothing at all and returns a
// *safefile.ConflictError for each such file, so the workspace on disk is
// never left half old and half new. Catalogs are written before the
// statements that refer to their messages.
//
// Save holds the workspace's exclusive lock from that check to the last
// write, so a merge running in another process cannot slip in between and
// be overwritten; it waits up to LockWait for that process to finish.
func (w *Workspace) Save() error {
	switch {
	case w.lock != nil && !w.lockExclusive:
		return fmt.Errorf("%s: opened for reading only; nothing was written", w.Dir)
	case w.lock == nil:
		wait := w.LockWait
		if wait == 0 {
			wait = DefaultLockWait
		}
		l, err := w.Lock(true, wait)
		if err != nil {
			return err
		}
		defer l.Unlock()
	}
	return w.save()
}

func (w *Workspace) save() error {
	var pending []pendingWrite
	var catalogs []*catalog.Catalog
	for _, lang := range w.Languages() {
		if c := w.Catalogs[lang]; c != nil && c.Dirty() {
			catalogs = append(catalogs, c)
			pending = append(pending, pendingWrite{c.Path, c.Bytes(), c.Stamp()})
		}
	}
	var statements []*statement.Statement
	for _, st := range w.Statements {
		if w.dirtyStatement[st.ID] {
			p := w.StatementPath(st.ID)
			statements = append(statements, st)
			pending = append(pending, pendingWrite{p, encodeStatement(st), w.stamps[p]})
		}
	}
	if w.dirtyConfig {
		p := filepath.Join(w.Dir, ConfigFile)
		pending = append(pending, pendingWrite{p, w.Config.encode(), w.stamps[p]})
	}
	var conflicts []error
	for _, pw := range pending {
		if changedOnDisk(pw) {
			conflicts = append(conflicts, &safefile.ConflictError{Path: pw.path})
		}
	}
	if len(conflicts) > 0 {
		return errors.Join(conflicts...)
	}

	// The history first: it only grows, and loadLetterhead reads it to
	// tell a file's old letterhead value from the catalog's newer one
	// after a save that stopped half way.
	if w.historyDirty {
		if err := w.History.Save(); err != nil {
			return err
		}
		w.historyDirty = false
	}
	for _, c := range catalogs {
		if err := c.Save(); err != nil {
			return err
		}
	}
	for _, pw := range pending[len(catalogs):] {
		if err := safefile.WriteIfUnchanged(pw.path, pw.data, 0o644, pw.stamp); err != nil {
			return err
		}
		w.stamps[pw.path] = safefile.StampBytes(pw.data)
	}
	for _, st := range statements {
		delete(w.dirtyStatement, st.ID)
	}
	w.dirtyConfig = false
	return nil
}

// changedOnDisk reports whether a file no longer holds what it held when it
// was read. A file that already holds exactly the new content is fine.
func changedOnDisk(pw pendingWrite) bool {
	cur, err := os.ReadFile(pw.path)
	if errors.Is(err, fs.ErrNotExist) {
		return pw.stamp.Exists
	}
	if err != nil {
		return true
	}
	return !bytes.Equal(cur, pw.data) && safefile.StampBytes(cur) != pw.stamp
}
