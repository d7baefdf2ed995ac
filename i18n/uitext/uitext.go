// Package uitext holds the desktop app's own words: go-i18n catalogs for every
// shipped interface language, embedded in the binary, and the lookup the
// screens use. Statement text never goes through here; it lives in the
// workspace's catalogs and is never executed as a template.
package uitext

import (
	"embed"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"
	"sync"

	"github.com/BurntSushi/toml"
	"github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"
)

// Source is the language the catalogs are written in; it is also the
// fallback for a missing message and for an unsupported system locale.
const Source = "en"

//go:embed locales/active.*.toml
var files embed.FS

// Fyne's own words (dialog buttons, the file dialog, weekday names) for the
// interface languages Fyne does not ship (Arabic) or ships incomplete
// (French lacks the weekdays, and "Ouvrir Dossier" needs its article), as
// go-i18n JSON in Fyne's format, added over Fyne's own.
//
//go:embed locales/fyne.*.json
var fyneFiles embed.FS

// FyneCatalog returns the catalog of Fyne's own strings this package adds
// for lang, and false when Fyne's own is complete.
func FyneCatalog(lang string) ([]byte, bool) {
	data, err := fyneFiles.ReadFile("locales/fyne." + lang + ".json")
	return data, err == nil
}

// Language is one shipped interface language.
type Language struct {
	Code string // BCP 47, as in the catalog file name
	Name string // the language's name in itself ("Français")
}

// Languages lists the shipped interface languages, English first.
var Languages = []Language{
	{"en", "English"},
	{"fr", "Français"},
	{"ar", "العربية"},
}

var (
	loadOnce sync.Once
	bundle   *i18n.Bundle
	loadErr  error
)

// Bundle returns the go-i18n bundle holding every shipped catalog. The
// catalogs are compiled in, so an error here is a build defect that the
// package tests catch.
func Bundle() (*i18n.Bundle, error) {
	loadOnce.Do(func() {
		bundle = i18n.NewBundle(language.English)
		bundle.RegisterUnmarshalFunc("toml", toml.Unmarshal)
		names, err := fs.Glob(files, "locales/active.*.toml")
		if err != nil {
			loadErr = err
			return
		}
		sort.Strings(names)
		for _, n := range names {
			data, err := fs.ReadFile(files, n)
			if err == nil {
				_, err = bundle.ParseMessageFileBytes(data, path.Base(n))
			}
			if err != nil {
				loadErr = fmt.Errorf("uitext: %s: %w", n, err)
				return
			}
		}
	})
	return bundle, loadErr
}

// File returns the raw bytes of the catalog of a shipped language.
func File(lang string) ([]byte, error) {
	return fs.ReadFile(files, "locales/active."+lang+".toml")
}

// Match returns the shipped language closest to the given locales (as in
// LANG or an Accept-Language list: "fr_FR.UTF-8", "ar-EG", "C"). Anything it
// cannot read, including the C and POSIX locales, quietly gives English.
func Match(locales ...string) string {
	var tags []language.Tag
	for _, l := range locales {
		l, _, _ = strings.Cut(l, ".") // fr_FR.UTF-8 → fr_FR
		l, _, _ = strings.Cut(l, "@")
		l = strings.ReplaceAll(l, "_", "-")
		if l == "" || l == "C" || l == "POSIX" {
			continue
		}
		if t, err := language.Parse(l); err == nil {
			tags = append(tags, t)
		}
	}
	if len(tags) == 0 {
		return Source
	}
	supported := make([]language.Tag, len(Languages))
	for i, l := range Languages {
		supported[i] = language.Make(l.Code)
	}
	_, i, conf := language.NewMatcher(supported).Match(tags...)
	if conf == language.No {
		return Source
	}
	return Languages[i].Code
}

// Shipped reports whether code is one of Languages.
func Shipped(code string) bool {
	for _, l := range Languages {
		if l.Code == code {
			return true
		}
	}
	return false
}

// Text looks up interface strings in one language.
type Text struct {
	lang string
	loc  *i18n.Localizer
}

// New returns the interface text for lang; an unknown language gives
// English.
func New(lang string) *Text {
	if !Shipped(lang) {
		lang = Source
	}
	b, err := Bundle()
	if err != nil {
		// Compiled-in catalogs failed to parse: show message IDs rather
		// than nothing, so the app still works and the defect is visible.
		return &Text{lang: lang}
	}
	return &Text{lang: lang, loc: i18n.NewLocalizer(b, lang)}
}

// Lang is the language the text is in.
func (t *Text) Lang() string { return t.lang }

// RightToLeft reports whether the interface language is written right to
// left.
func (t *Text) RightToLeft() bool { return t.lang == "ar" }

// T returns the message id, filled with data given as name/value pairs:
// T("SavedTo", "Path", p).
func (t *Text) T(id string, pairs ...any) string {
	return t.localize(id, nil, pairs)
}

// N returns the plural form of message id that fits count, which the
// message can show as {{.Count}}; further data as in T.
func (t *Text) N(id string, count int, pairs ...any) string {
	return t.localize(id, count, append([]any{"Count", count}, pairs...))
}

func (t *Text) localize(id string, count any, pairs []any) string {
	if t.loc == nil {
		return id
	}
	var data map[string]any
	if len(pairs) > 0 {
		data = make(map[string]any, len(pairs)/2)
		for i := 0; i+1 < len(pairs); i += 2 {
			if k, ok := pairs[i].(string); ok {
				data[k] = pairs[i+1]
			}
		}
	}
	msg, err := t.loc.Localize(&i18n.LocalizeConfig{MessageID: id, TemplateData: data, PluralCount: count})
	if msg == "" && err != nil {
		return id
	}
	return msg
}
