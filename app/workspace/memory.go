package workspace

import (
	"bytes"
	"cmp"
	"fmt"
	"os"
	"path/filepath"
	"sort"

	"communique/app/safefile"
	"communique/app/statement"
	"communique/i18n/catalog"
	"communique/i18n/glossary"
	"communique/i18n/memory"
)

// MemoryDir holds the TMX files imported into a workspace's translation
// memory, kept as they came so they can be re-read, replaced or removed.
const MemoryDir = "memory"

// Memory builds a translation memory from every current translation in the
// workspace's catalogs (all statements, all languages) and the TMX files in
// MemoryDir.
func (w *Workspace) Memory() (*memory.Memory, error) {
	m := w.LocalMemory()
	return m, w.readImported(m)
}

// LocalMemory is the part of Memory made from the workspace's catalogs: cheap
// to rebuild after translations changed.
func (w *Workspace) LocalMemory() *memory.Memory {
	m := memory.New()
	m.FromCatalogs(w.Source(), w.targetCatalogs()...)
	return m
}

// ImportedMemory is the part of Memory read from the TMX files in MemoryDir.
// It reads only those files, so it may run beside edits of the catalogs.
// maxTMXFile bounds what one TMX file may make us read: a memory of
// 100,000 segments is some 40 MB of XML, and a workspace may come from
// anyone.
const maxTMXFile = 256 << 20

func (w *Workspace) ImportedMemory() (*memory.Memory, error) {
	m := memory.New()
	return m, w.readImported(m)
}

func (w *Workspace) readImported(m *memory.Memory) error {
	files, err := filepath.Glob(filepath.Join(w.Dir, MemoryDir, "*.tmx"))
	if err != nil {
		return err
	}
	sort.Strings(files)
	for _, p := range files {
		data, err := safefile.ReadFile(p, maxTMXFile)
		if err != nil {
			return err
		}
		if _, err := m.ReadTMX(filepath.Join(MemoryDir, filepath.Base(p)), bytes.NewReader(data), w.Config.SourceLanguage); err != nil {
			return err
		}
	}
	return nil
}

// ImportTMX checks a TMX file and copies it into MemoryDir, where Memory
// reads it from then on. It returns how many segments the file adds for
// the workspace's source language.
func (w *Workspace) ImportTMX(path string) (int, error) {
	data, err := safefile.ReadFile(path, maxTMXFile)
	if err != nil {
		return 0, err
	}
	n, err := memory.New().ReadTMX(path, bytes.NewReader(data), w.Config.SourceLanguage)
	if err != nil {
		return 0, err
	}
	if n == 0 {
		return 0, fmt.Errorf("%s: no translation unit has a %s segment and a translation", path, w.Config.SourceLanguage)
	}
	dst := filepath.Join(w.Dir, MemoryDir, filepath.Base(path))
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return 0, err
	}
	return n, safefile.Write(dst, data, 0o644)
}

func (w *Workspace) targetCatalogs() []*catalog.Catalog {
	var out []*catalog.Catalog
	for _, lang := range w.Languages() {
		if c := w.Catalogs[lang]; c != nil && lang != w.Config.SourceLanguage {
			out = append(out, c)
		}
	}
	return out
}

// PrefillFromMemory fills the untranslated messages of a statement, in every
// target language, with exact matches from mem. They are marked needs-review
// (never translated) and the history records the match's origin, so review
// shows where each came from. The caller saves the workspace.
func (w *Workspace) PrefillFromMemory(st *statement.Statement, mem *memory.Memory) []memory.Prefilled {
	ids := partIDs(st.Parts())
	var out []memory.Prefilled
	for _, c := range w.targetCatalogs() {
		out = append(out, mem.Prefill(w.Source(), c, ids, w.remember)...)
	}
	return out
}

// GlossaryPath is where the workspace's glossary lives.
func (w *Workspace) GlossaryPath() string { return filepath.Join(w.Dir, glossary.FileName) }

// Glossary reads the workspace's glossary; without a file it is empty.
func (w *Workspace) Glossary() (*glossary.Glossary, error) { return glossary.Load(w.GlossaryPath()) }

// SaveGlossary writes g (read by Glossary) to glossary.toml under the
// workspace's exclusive lock. If the file changed on disk since g was read
// (a hand edit, a git pull), nothing is written and the error is a
// *safefile.ConflictError: a hand edit is never silently overwritten.
func (w *Workspace) SaveGlossary(g *glossary.Glossary) error {
	data, err := g.Bytes()
	if err != nil {
		return err
	}
	if w.lock != nil && !w.lockExclusive {
		return fmt.Errorf("%s: opened for reading only; nothing was written", w.Dir)
	}
	if w.lock == nil {
		l, err := w.Lock(true, cmp.Or(w.LockWait, DefaultLockWait))
		if err != nil {
			return err
		}
		defer l.Unlock()
	}
	var prev safefile.Stamp
	if g.Read != nil {
		prev = safefile.StampBytes(g.Read)
	}
	if err := safefile.WriteIfUnchanged(w.GlossaryPath(), data, 0o644, prev); err != nil {
		return err
	}
	g.Read = data
	return nil
}
