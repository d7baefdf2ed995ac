package xliff

import (
	"encoding/xml"
	"errors"
	"fmt"
	"path/filepath"
	"strings"

	"communique/i18n/catalog"
	"communique/i18n/segment"
	"communique/i18n/xmltext"
)

// MaxSize bounds the files Read accepts; a handoff is a few hundred KB.
const MaxSize = 64 << 20

// Unit is one translation unit read back.
type Unit struct {
	Key            Key
	Source, Target string
	Translated     bool // Target counts as a translation (see the package doc)
}

// File is a returned XLIFF file.
type File struct {
	Name                   string
	SourceLang, TargetLang string // TargetLang may be empty (po2xliff omits it)
	Units                  []Unit
	// Ignored lists units that are not from a handoff (no key), by id.
	Ignored []string
}

// Read parses XLIFF 1.x or 2.x (see read2): a handoff, a CAT tool's edit of one, or
// translate-toolkit's po2xliff output of the PO xliff2po made from one.
// Errors name the file and, for malformed XML, the line.
func Read(name string, data []byte) (*File, error) {
	if len(data) > MaxSize {
		return nil, fmt.Errorf("%s: larger than %d MB", name, MaxSize>>20)
	}
	var doc xDoc
	if err := unmarshal(name, data, &doc); err != nil {
		return nil, err
	}
	if strings.HasPrefix(doc.Version, "2.") {
		return read2(name, data)
	}
	if !strings.HasPrefix(doc.Version, "1.") {
		return nil, fmt.Errorf("%s: XLIFF version %q; this reads XLIFF 1.x and 2.x", name, doc.Version)
	}
	f := &File{Name: name}
	for _, xf := range doc.Files {
		f.SourceLang = firstNonEmpty(f.SourceLang, xf.SourceLang)
		f.TargetLang = firstNonEmpty(f.TargetLang, xf.TargetLang)
		var units []xUnit
		units = append(units, xf.Units...)
		units = flatten(units, xf.Groups)
		for _, u := range units {
			if err := f.add(u); err != nil {
				return nil, fmt.Errorf("%s: unit %q: %w", name, u.ID, err)
			}
		}
	}
	return f, nil
}

func unmarshal(name string, data []byte, doc any) error {
	if err := xml.Unmarshal(data, doc); err != nil {
		var se *xml.SyntaxError
		if errors.As(err, &se) {
			return fmt.Errorf("%s:%d: %w", name, se.Line, err)
		}
		return fmt.Errorf("%s: not an XLIFF file: %w", name, err)
	}
	return nil
}

func firstNonEmpty(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

func flatten(units []xUnit, groups []xGroup) []xUnit {
	for _, g := range groups {
		units = append(units, g.Units...)
		units = flatten(units, g.Groups)
	}
	return units
}

func (f *File) add(u xUnit) error {
	if strings.HasPrefix(u.Restype, "x-gettext-domain-header") {
		return nil
	}
	k, ok := ParseKey(u.ID)
	if !ok {
		k, ok = poReference(u)
	}
	if !ok {
		f.Ignored = append(f.Ignored, u.ID)
		return nil
	}
	src, err := xmltext.CharData(u.Source.Inner)
	if err != nil {
		return err
	}
	out := Unit{Key: k, Source: src}
	if u.Target != nil {
		if out.Target, err = xmltext.CharData(u.Target.Inner); err != nil {
			return err
		}
		st := u.Target.State
		out.Translated = strings.TrimSpace(out.Target) != "" && st != "new" && !strings.HasPrefix(st, "needs-") &&
			!(u.Approved == "no" && st == "")
	}
	f.Units = append(f.Units, out)
	return nil
}

// poReference finds a key po2xliff moved into a context group.
func poReference(u xUnit) (Key, bool) {
	for _, g := range u.Contexts {
		if g.Name != "po-reference" {
			continue
		}
		for _, c := range g.Contexts {
			if k, ok := ParseKey(strings.TrimSpace(c.Text)); ok {
				return k, true
			}
		}
	}
	return Key{}, false
}

// Lang is the file's target language, from target-language or, when the
// file has none (po2xliff), from its name: translate.<lang>.xlf.
func (f *File) Lang() string {
	if f.TargetLang != "" {
		return f.TargetLang
	}
	base := strings.TrimSuffix(filepath.Base(f.Name), filepath.Ext(f.Name))
	if i := strings.LastIndexByte(base, '.'); i >= 0 {
		return base[i+1:]
	}
	return ""
}

// Problem is a message of the file that cannot be merged.
type Problem struct {
	ID, Form, Msg string
}

func (p Problem) String() string { return fmt.Sprintf("%s (%s): %s", p.ID, p.Form, p.Msg) }

type formParts struct {
	hash  string
	count int
	parts map[int]string
}

// Catalog joins the translated sentences back into messages, as a returned
// catalog for catalog.MergeWith (which refuses stale hashes). A form with
// sentences left untranslated, or whose units disagree on the sentence
// count or hash, is left out and reported.
func (f *File) Catalog() (*catalog.Catalog, []Problem, error) {
	lang := f.Lang()
	c, err := catalog.New(filepath.Join(filepath.Dir(f.Name), "translate."+lang+".toml"))
	if err != nil {
		return nil, nil, fmt.Errorf("%s: no target language (neither target-language nor a translate.<lang>.xlf name): %w", f.Name, err)
	}
	type mf struct{ id, form string }
	var order []mf
	got := map[mf]*formParts{}
	var problems []Problem
	for _, u := range f.Units {
		key := mf{u.Key.ID, u.Key.Form}
		p := got[key]
		if p == nil {
			p = &formParts{hash: u.Key.Hash, count: u.Key.Count, parts: map[int]string{}}
			got[key] = p
			order = append(order, key)
		}
		if p.hash != u.Key.Hash || p.count != u.Key.Count {
			p.count = -1
		}
		if u.Translated {
			p.parts[u.Key.Index] = u.Target
		}
	}
	msgs := map[string]*catalog.Message{}
	var ids []string
	for _, key := range order {
		p := got[key]
		switch {
		case p.count < 0:
			problems = append(problems, Problem{key.id, key.form, "units disagree on the source hash or sentence count"})
			continue
		case len(p.parts) == 0:
			continue
		case len(p.parts) < p.count:
			problems = append(problems, Problem{key.id, key.form, fmt.Sprintf("%d of %d sentences translated; not merged", len(p.parts), p.count)})
			continue
		}
		sentences := make([]string, p.count)
		for i := range sentences {
			sentences[i] = p.parts[i+1]
		}
		m := msgs[key.id]
		if m == nil {
			m = &catalog.Message{ID: key.id, Hash: p.hash}
			msgs[key.id] = m
			ids = append(ids, key.id)
		}
		setForm(m, key.form, segment.Join(sentences, lang))
	}
	for _, id := range ids {
		c.Set(*msgs[id])
	}
	return c, problems, nil
}

func setForm(m *catalog.Message, form, text string) {
	switch form {
	case "zero":
		m.Zero = text
	case "one":
		m.One = text
	case "two":
		m.Two = text
	case "few":
		m.Few = text
	case "many":
		m.Many = text
	default:
		m.Other = text
	}
}
