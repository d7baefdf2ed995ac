package workspace

import (
	"cmp"
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"slices"
	"strings"

	"communique/app/safefile"
	"communique/i18n/catalog"

	"golang.org/x/text/language"
)

// Layout is where an existing go-i18n project keeps its catalogs, found by
// DetectLayout: Communiqué works on those files as they are, in place, and
// writes no communique.toml of its own there.
type Layout struct {
	Dir     string            // the folder holding the catalogs (or their language folders)
	Pattern string            // how a file is named, e.g. "base.<lang>.json" or "<lang>/messages.yaml"
	Paths   map[string]string // file per language, the code spelled as in the file name ("pt_BR")
	Format  catalog.Format
}

// Languages lists the layout's language codes, sorted.
func (l *Layout) Languages() []string { return sortedKeys(l.Paths) }

// Limits of the search for catalogs in a project folder: deep enough for
// lang/translations/base.fr.json or web/i18n/fr/messages.yaml, bounded so
// that pointing the app at a home folder returns quickly.
const (
	maxLayoutDepth = 4
	maxLayoutFiles = 20000
)

// skipDir names folders that never hold a project's own catalogs.
func skipDir(name string) bool {
	return strings.HasPrefix(name, ".") || name == "node_modules" || name == "vendor" || name == "testdata" ||
		name == StatementsDir
}

// candidate is one file that looks like a catalog, in the group of files
// named the same way.
type candidate struct {
	group, lang, path string
	dir, pattern      string
}

// DetectLayout finds the go-i18n catalogs under dir: files named
// <prefix>.<lang>.<fmt> (active., base., translate. or no prefix) or
// <lang>/<name>.<fmt>, in TOML, JSON or YAML. When several sets are found,
// the one with the most languages wins (goi18n's active. files before its
// translate. files, which are work in progress); nil when there is none.
func DetectLayout(dir string) (*Layout, error) {
	groups := map[string][]candidate{}
	files := 0
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == dir {
				return err
			}
			return nil // an unreadable subfolder is not ours to report
		}
		rel, _ := filepath.Rel(dir, p)
		depth := strings.Count(rel, string(filepath.Separator))
		if d.IsDir() {
			if p != dir && (skipDir(d.Name()) || depth >= maxLayoutDepth) {
				return filepath.SkipDir
			}
			return nil
		}
		if files++; files > maxLayoutFiles {
			return filepath.SkipAll
		}
		if c, ok := classify(p); ok {
			groups[c.group] = append(groups[c.group], c)
		}
		return nil
	})
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil // Open says the folder is not a workspace
	}
	if err != nil {
		return nil, err
	}
	var best []candidate
	for _, g := range groups {
		if better(g, best) {
			best = g
		}
	}
	if best == nil {
		return nil, nil
	}
	l := &Layout{Dir: best[0].dir, Pattern: best[0].pattern, Paths: map[string]string{}}
	for _, c := range best {
		l.Paths[c.lang] = c.path
	}
	l.Format, _ = catalog.FormatOf(best[0].path)
	return l, nil
}

// better reports whether group a is a better guess than b at a project's
// catalogs: more languages, then not translate. files, then the shorter
// path (the project's own catalogs rather than a vendored copy).
func better(a, b []candidate) bool {
	if b == nil {
		return true
	}
	if len(a) != len(b) {
		return len(a) > len(b)
	}
	ta, tb := strings.HasPrefix(a[0].pattern, "translate."), strings.HasPrefix(b[0].pattern, "translate.")
	if ta != tb {
		return tb
	}
	return cmp.Or(cmp.Compare(len(a[0].dir), len(b[0].dir)), strings.Compare(a[0].group, b[0].group)) < 0
}

// isLanguage reports whether code is a language tag as go-i18n would read
// it from a file name (BCP 47, or POSIX-style with "_").
func isLanguage(code string) bool {
	t, err := language.Parse(code)
	return err == nil && t != language.Und
}

// classify tells whether path is named like a catalog, and how.
func classify(path string) (candidate, bool) {
	if _, err := catalog.FormatOf(path); err != nil {
		return candidate{}, false
	}
	dir, name := filepath.Split(path)
	dir = filepath.Clean(dir)
	ext := filepath.Ext(name)
	stem := strings.TrimSuffix(name, ext)
	prefix, lang := "", stem
	if i := strings.LastIndexByte(stem, '.'); i >= 0 {
		prefix, lang = stem[:i+1], stem[i+1:]
	}
	if isLanguage(lang) {
		pattern := prefix + "<lang>" + ext
		return candidate{group: dir + "\x00" + pattern, lang: lang, path: path, dir: dir, pattern: pattern}, true
	}
	if parent := filepath.Base(dir); isLanguage(parent) && !strings.Contains(stem, ".") {
		up := filepath.Dir(dir)
		pattern := "<lang>" + string(filepath.Separator) + name
		return candidate{group: up + "\x00" + pattern, lang: parent, path: path, dir: up, pattern: pattern}, true
	}
	return candidate{}, false
}

// guessSource picks the source language of a project: the language with
// the most messages (translations lag behind their source), English on a
// tie, then the first code.
func guessSource(langs []string, cats map[string]*catalog.Catalog) string {
	best, bestN := "", -1
	for _, l := range langs {
		c := cats[l]
		if c == nil {
			continue
		}
		n := c.Len()
		if n > bestN || n == bestN && c.Lang.String() == "en" {
			best, bestN = l, n
		}
	}
	return best
}

// openLayout opens the catalogs of an existing go-i18n project as a
// workspace without statements. dir is the folder the user chose (locked
// by commands and saves); source is the source language, "" to guess it.
func openLayout(dir string, l *Layout, source string) (*Workspace, error) {
	w := &Workspace{Dir: dir, Layout: l, Catalogs: map[string]*catalog.Catalog{}, stamps: map[string]safefile.Stamp{},
		dirtyStatement: map[string]bool{}}
	langs := l.Languages()
	paths := make([]string, len(langs))
	tags := make([]language.Tag, len(langs))
	for i, lang := range langs {
		paths[i] = l.Paths[lang]
		tags[i], _ = language.Parse(lang)
	}
	cats, errs := catalog.LoadAllAs(paths, tags)
	for i, lang := range langs {
		if errs[i] != nil {
			w.CatalogErrors = append(w.CatalogErrors, errs[i])
			continue
		}
		w.Catalogs[lang] = cats[i]
	}
	if source == "" {
		source = guessSource(langs, w.Catalogs)
	} else if s, ok := w.MatchLanguage(source); ok {
		source = s
	} else {
		return nil, fmt.Errorf("%s: no %s catalog for the source language %q (found %s)", l.Dir, l.Pattern, source, strings.Join(langs, ", "))
	}
	if w.Catalogs[source] == nil {
		return nil, fmt.Errorf("source catalog cannot be read: %w", errors.Join(w.CatalogErrors...))
	}
	w.Config = Config{SourceLanguage: source, CatalogFormat: string(l.Format)}
	for _, lang := range langs {
		if lang != source {
			w.Config.Languages = append(w.Config.Languages, lang)
		}
	}
	// The history of source texts is Communiqué's own file; a project that
	// did not ask for one gets none written into it, so it stays in memory.
	w.History = catalog.NewHistory()
	return w, nil
}

// MatchLanguage finds the workspace's spelling of a language code: "pt-BR"
// finds a project's "pt_BR".
func (w *Workspace) MatchLanguage(code string) (string, bool) {
	want, err := language.Parse(code)
	if err != nil {
		return "", false
	}
	langs := w.Languages()
	if w.Layout != nil && w.Config.SourceLanguage == "" {
		langs = w.Layout.Languages()
	}
	for _, l := range langs {
		if t, err := language.Parse(l); err == nil && t == want {
			return l, true
		}
	}
	return "", false
}

// LanguageOf returns the workspace's code for the language of tag ("" when
// it has none): a returned file says "pt-BR" where the project says "pt_BR".
func (w *Workspace) LanguageOf(tag language.Tag) string {
	l, _ := w.MatchLanguage(tag.String())
	return l
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
