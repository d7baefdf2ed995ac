package fonts

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/go-text/typesetting/language"
	xlang "golang.org/x/text/language"
)

// Choice is a family found on the machine that a language is set in, with
// the scripts it is the first choice for.
type Choice struct {
	Family        string
	Regular, Bold Face // Bold.Path is empty when the family has no bold
	Scripts       []language.Script
}

// ErrNotFound is wrapped by the error of a family no font folder holds.
var ErrNotFound = errors.New("is not installed")

// Bundled are the scripts the fonts built into Communiqué draw (Noto Sans,
// Noto Naskh Arabic); a language written only in them needs no system font.
var Bundled = []language.Script{language.Latin, language.Greek, language.Cyrillic, language.Arabic}

// cjk are the scripts a CJK family serves together: a Japanese statement
// mixes kana and kanji, Korean may hold hanja.
var cjk = []language.Script{language.Han, language.Hiragana, language.Katakana, language.Hangul, language.Bopomofo}

// preferred lists, per language, the families tried in order when the
// workspace names none: Noto first (Debian fonts-noto-core, fonts-noto-cjk),
// then what Windows and macOS ship.
var preferred = map[string][]string{
	"he":      {"Noto Sans Hebrew", "Arial Hebrew", "David"},
	"yi":      {"Noto Sans Hebrew"},
	"zh":      {"Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC"},
	"zh-hant": {"Noto Sans CJK TC", "Noto Sans TC", "Source Han Sans TC", "Microsoft JhengHei", "PingFang TC"},
	"zh-hk":   {"Noto Sans CJK HK", "Noto Sans CJK TC", "Noto Sans HK", "PingFang HK"},
	"ja":      {"Noto Sans CJK JP", "Noto Sans JP", "Source Han Sans JP", "Yu Gothic", "Hiragino Sans"},
	"ko":      {"Noto Sans CJK KR", "Noto Sans KR", "Source Han Sans KR", "Malgun Gothic", "Apple SD Gothic Neo"},
	"am":      {"Noto Sans Ethiopic", "Nyala", "Kefa"},
	// Urdu readers expect Nastaliq; without one, the bundled Naskh.
	"ur": {"Noto Nastaliq Urdu", "Urdu Typesetting", "Jameel Noori Nastaleeq"},
	"ti": {"Noto Sans Ethiopic", "Nyala", "Kefa"},
}

// scriptFamilies names the Noto family of scripts the bundled fonts lack,
// for languages preferred does not list and for a statement quoting a
// script its language is not written in.
var scriptFamilies = map[language.Script]string{
	language.Hebrew: "Noto Sans Hebrew", language.Devanagari: "Noto Sans Devanagari",
	language.Bengali: "Noto Sans Bengali", language.Gurmukhi: "Noto Sans Gurmukhi",
	language.Gujarati: "Noto Sans Gujarati", language.Oriya: "Noto Sans Oriya", language.Tamil: "Noto Sans Tamil",
	language.Telugu: "Noto Sans Telugu", language.Kannada: "Noto Sans Kannada",
	language.Malayalam: "Noto Sans Malayalam", language.Sinhala: "Noto Sans Sinhala", language.Thai: "Noto Sans Thai",
	language.Lao: "Noto Sans Lao", language.Khmer: "Noto Sans Khmer", language.Myanmar: "Noto Sans Myanmar",
	language.Georgian: "Noto Sans Georgian", language.Armenian: "Noto Sans Armenian",
	language.Ethiopic: "Noto Sans Ethiopic", language.Han: "Noto Sans CJK SC", language.Hiragana: "Noto Sans CJK JP",
	language.Katakana: "Noto Sans CJK JP", language.Hangul: "Noto Sans CJK KR", language.Bopomofo: "Noto Sans CJK TC",
}

// Index is the faces of a set of font folders, by family.
type Index struct {
	faces map[string][]Face // lower-case family
}

// NewIndex scans dirs (SystemDirs when nil) for fonts.
func NewIndex(dirs []string) *Index {
	if dirs == nil {
		dirs = SystemDirs()
	}
	ix := &Index{faces: map[string][]Face{}}
	for _, f := range Scan(dirs) {
		k := strings.ToLower(f.Family)
		ix.faces[k] = append(ix.faces[k], f)
	}
	return ix
}

var (
	systemOnce  sync.Once
	systemIndex *Index
)

// System is the index of the machine's font folders, scanned once per
// process on first use.
func System() *Index {
	systemOnce.Do(func() { systemIndex = NewIndex(nil) })
	return systemIndex
}

// Family returns the regular and bold faces of a family (bold empty when
// it has none), or an error wrapping ErrNotFound.
func (ix *Index) Family(name string) (regular, bold Face, err error) {
	faces := ix.faces[strings.ToLower(strings.TrimSpace(name))]
	for _, f := range faces {
		if regular.Path == "" && f.Regular() {
			regular = f
		}
		if bold.Path == "" && f.Bold() {
			bold = f
		}
	}
	if regular.Path == "" {
		if len(faces) == 0 {
			return Face{}, Face{}, fmt.Errorf("no font family %q: it %w (looked in %s)", name, ErrNotFound, strings.Join(SystemDirs(), ", "))
		}
		regular = faces[0] // a family with only, say, a Medium face
	}
	return regular, bold, nil
}

// Named returns the Choice for a family a workspace names for lang, which
// serves lang's scripts.
func (ix *Index) Named(lang, family string) (*Choice, error) {
	r, b, err := ix.Family(family)
	if err != nil {
		return nil, err
	}
	return &Choice{Family: r.Family, Regular: r, Bold: b, Scripts: Scripts(lang)}, nil
}

// NeedsSystem reports whether lang may be set in a system family: it has
// preferred families, or a script the bundled fonts lack.
func NeedsSystem(lang string) bool {
	if len(preferred[preferredKey(lang)]) > 0 {
		return true
	}
	for _, s := range Scripts(lang) {
		if !slices.Contains(Bundled, s) {
			return true
		}
	}
	return false
}

// Default returns the system family lang is set in when the workspace
// names none: nil when the bundled fonts write the language (or nothing
// is known of it), or when none of its preferred families is installed.
func (ix *Index) Default(lang string) *Choice {
	scripts := Scripts(lang)
	names := preferred[preferredKey(lang)]
	if len(names) == 0 {
		for _, s := range scripts {
			if !slices.Contains(Bundled, s) && scriptFamilies[s] != "" {
				names = append(names, scriptFamilies[s])
			}
		}
	}
	for _, n := range names {
		if r, b, err := ix.Family(n); err == nil {
			return &Choice{Family: r.Family, Regular: r, Bold: b, Scripts: scripts}
		}
	}
	return nil
}

// ForScript returns an installed family for a script the bundled fonts
// lack (a Hebrew quotation in an English statement), or nil.
func (ix *Index) ForScript(s language.Script) *Choice {
	n := scriptFamilies[s]
	if n == "" {
		return nil
	}
	r, b, err := ix.Family(n)
	if err != nil {
		return nil
	}
	scripts := []language.Script{s}
	if slices.Contains(cjk, s) {
		scripts = cjk
	}
	return &Choice{Family: r.Family, Regular: r, Bold: b, Scripts: scripts}
}

// preferredKey maps a BCP 47 tag to its key in preferred: the base
// language, with Traditional Chinese (zh-Hant, zh-TW, zh-MO) and Hong Kong
// told apart.
func preferredKey(lang string) string {
	tag, err := xlang.Parse(strings.ReplaceAll(lang, "_", "-"))
	if err != nil {
		return strings.ToLower(lang)
	}
	base, _ := tag.Base()
	if base.String() != "zh" {
		return base.String()
	}
	if r, _ := tag.Region(); r.String() == "HK" {
		return "zh-hk"
	}
	if s, _ := tag.Script(); s.String() == "Hant" {
		return "zh-hant"
	}
	return "zh"
}

// Exemplars returns lang's CLDR exemplar characters (the first of them for
// large sets); a regional or script variant (pt-BR, sr-Latn) has its base
// language's set.
func Exemplars(lang string) (string, bool) {
	if set, ok := exemplars[strings.ToLower(lang)]; ok {
		return set, true
	}
	tag, err := xlang.Parse(strings.ReplaceAll(lang, "_", "-"))
	if err != nil {
		return "", false
	}
	base, _ := tag.Base()
	set, ok := exemplars[base.String()]
	return set, ok
}

// Scripts returns the scripts lang's exemplar characters are in; a CJK
// language gets every CJK script.
func Scripts(lang string) []language.Script {
	set, _ := Exemplars(lang)
	var out []language.Script
	for _, r := range set {
		s := language.LookupScript(r)
		if s == language.Common || s == language.Inherited || s == language.Unknown || slices.Contains(out, s) {
			continue
		}
		if slices.Contains(cjk, s) {
			for _, c := range cjk {
				if !slices.Contains(out, c) {
					out = append(out, c)
				}
			}
			continue
		}
		out = append(out, s)
	}
	return out
}
