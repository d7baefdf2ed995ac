// Package xliff hands catalogs to CAT tools (Trados, memoQ, OmegaT,
// translate-toolkit) as XLIFF 1.2 or 2.0 (xliff2.go) and reads their work back.
//
// A handoff has one <group> per message needing work, with the message's
// description as a note, and one <trans-unit> per sentence (package
// segment) of each plural form the target language needs. A unit's id is
// its key, "<message ID>|<form>|<sentence>|<sentences>|<source hash>": the
// hash of the source the file was made from rides along, so a translation
// of text that changed since is refused on merge (needs-review works after
// the round trip), and the sentence numbers let Read join sentences back
// into the paragraph. Tools that renumber units keep the key elsewhere:
// translate-toolkit's po2xliff writes it as the unit's po-reference
// context (xliff2po made it the PO entry's location), and Read looks there.
//
// A target counts as a translation unless its state is "new" or
// "needs-…" (po2xliff writes a fuzzy PO entry as state="needs-translation")
// or it is marked approved="no" with no state; a form is merged only when
// all its sentences have one.
package xliff

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"path/filepath"
	"strconv"
	"strings"

	"communique/i18n/catalog"
	"communique/i18n/segment"
	"communique/i18n/xmltext"
)

// Key identifies the unit of one sentence of one plural form of a message.
type Key struct {
	ID, Form     string
	Index, Count int // 1-based sentence number, and how many the form has
	Hash         string
}

func (k Key) String() string {
	return fmt.Sprintf("%s|%s|%d|%d|%s", k.ID, k.Form, k.Index, k.Count, k.Hash)
}

// ParseKey reads a unit key; ok is false for units not written by Handoff.
func ParseKey(s string) (k Key, ok bool) {
	f := strings.Split(s, "|")
	if len(f) < 5 {
		return Key{}, false
	}
	n := len(f)
	k.ID, k.Form, k.Hash = strings.Join(f[:n-4], "|"), f[n-4], f[n-1]
	var err1, err2 error
	k.Index, err1 = strconv.Atoi(f[n-3])
	k.Count, err2 = strconv.Atoi(f[n-2])
	if err1 != nil || err2 != nil || k.ID == "" || k.Index < 1 || k.Index > k.Count || k.Count > maxSentences || !isForm(k.Form) {
		return Key{}, false
	}
	return k, true
}

// maxSentences bounds a key's sentence count, so a hostile file cannot make
// Read allocate for billions of sentences.
const maxSentences = 10_000

func isForm(f string) bool {
	switch f {
	case "zero", "one", "two", "few", "many", "other":
		return true
	}
	return false
}

const ns = "urn:oasis:names:tc:xliff:document:1.2"

type xNote struct {
	From string `xml:"from,attr,omitempty"`
	Text string `xml:",chardata"`
}

type xText struct {
	Space string `xml:"http://www.w3.org/XML/1998/namespace space,attr,omitempty"`
	State string `xml:"state,attr,omitempty"`
	Inner []byte `xml:",innerxml"`
}

type xContext struct {
	Type string `xml:"context-type,attr"`
	Text string `xml:",chardata"`
}

type xContextGroup struct {
	Name     string     `xml:"name,attr"`
	Contexts []xContext `xml:"context"`
}

type xUnit struct {
	XMLName  xml.Name        `xml:"trans-unit"`
	ID       string          `xml:"id,attr"`
	ResName  string          `xml:"resname,attr,omitempty"`
	Space    string          `xml:"http://www.w3.org/XML/1998/namespace space,attr,omitempty"`
	Approved string          `xml:"approved,attr,omitempty"`
	Restype  string          `xml:"restype,attr,omitempty"`
	Source   xText           `xml:"source"`
	Target   *xText          `xml:"target"`
	Notes    []xNote         `xml:"note"`
	Contexts []xContextGroup `xml:"context-group"`
}

type xGroup struct {
	XMLName xml.Name `xml:"group"`
	ID      string   `xml:"id,attr,omitempty"`
	ResName string   `xml:"resname,attr,omitempty"`
	Notes   []xNote  `xml:"note"`
	Units   []xUnit  `xml:"trans-unit"`
	Groups  []xGroup `xml:"group"`
}

type xFile struct {
	Original   string   `xml:"original,attr"`
	SourceLang string   `xml:"source-language,attr"`
	TargetLang string   `xml:"target-language,attr,omitempty"`
	DataType   string   `xml:"datatype,attr"`
	Units      []xUnit  `xml:"body>trans-unit"`
	Groups     []xGroup `xml:"body>group"`
}

type xDoc struct {
	XMLName xml.Name `xml:"xliff"`
	Xmlns   string   `xml:"xmlns,attr,omitempty"`
	Version string   `xml:"version,attr"`
	Files   []xFile  `xml:"file"`
}

// Name is the file name of a handoff: translate.<lang>.xlf.
func Name(target *catalog.Catalog) string { return fmt.Sprintf("translate.%s.xlf", target.Lang) }

// Handoff returns an XLIFF 1.2 file with the messages of target that are
// missing or need review, or that lack a plural form the language needs
// (the same choice as catalog.Handoff), or nil when nothing needs work.
// A needs-review message's old translation is given as a note, not as a
// target, so it is never merged back unreviewed.
func Handoff(source, target *catalog.Catalog, hist *catalog.History) []byte {
	f, ok := handoffFile(source, target, hist)
	if !ok {
		return nil
	}
	return encode(xDoc{Xmlns: ns, Version: "1.2", Files: []xFile{f}})
}

// handoffFile is the content of a handoff, in XLIFF 1.2's shape; false when
// nothing needs work.
func handoffFile(source, target *catalog.Catalog, hist *catalog.History) (xFile, bool) {
	r := catalog.Status(source, target, hist)
	forms, hasRule := catalog.PluralForms(target.Lang)
	f := xFile{Original: filepath.Base(target.Path), SourceLang: source.Lang.String(), TargetLang: target.Lang.String(), DataType: "plaintext"}
	for _, e := range r.Entries {
		need := neededForms(e.Source, forms, hasRule)
		var todo []string
		for _, form := range need {
			if e.State != catalog.Translated || e.Translation.Form(form) == "" {
				todo = append(todo, form)
			}
		}
		if len(todo) == 0 {
			continue
		}
		f.Groups = append(f.Groups, group(e, todo))
	}
	return f, len(f.Groups) > 0
}

// encode writes an XLIFF document, indented; nil when it cannot be (only
// text that is not valid XML, control characters a catalog should never
// hold, gets there).
func encode(doc any) []byte {
	var b bytes.Buffer
	b.WriteString(xml.Header)
	enc := xml.NewEncoder(&b)
	enc.Indent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return nil
	}
	b.WriteString("\n")
	return b.Bytes()
}

// neededForms mirrors catalog.Handoff: a source with only "other" needs only
// "other"; otherwise the language's CLDR forms, or the source's own when the
// language has no rule.
func neededForms(src catalog.Message, forms []string, hasRule bool) []string {
	if fs := src.Forms(); len(fs) <= 1 {
		return []string{"other"}
	} else if !hasRule {
		return fs
	}
	return forms
}

func group(e catalog.Entry, todo []string) xGroup {
	src := e.Source
	g := xGroup{ID: src.ID, ResName: src.ID}
	if src.Description != "" {
		g.Notes = append(g.Notes, xNote{From: "developer", Text: src.Description})
	}
	if e.State == catalog.NeedsReview && !e.Translation.Empty() {
		g.Notes = append(g.Notes, xNote{From: "communique", Text: "Earlier translation, of a source text that has changed since: " + e.Translation.Other})
	}
	hash := src.SourceHash()
	for _, form := range todo {
		text := src.Form(form)
		if text == "" {
			text = src.Other
		}
		sentences, space := []string{text}, "preserve"
		if !strings.Contains(text, "\n") {
			// Line breaks are layout a sentence split would lose: such a
			// text goes as one unit, space preserved.
			sentences, space = segment.Texts(text), ""
		}
		for i, s := range sentences {
			u := xUnit{ID: Key{src.ID, form, i + 1, len(sentences), hash}.String(), ResName: src.ID, Space: space, Source: xText{Inner: xmltext.Escape(s)}}
			if len(todo) > 1 || form != "other" {
				u.Notes = append(u.Notes, xNote{From: "communique", Text: "Plural form \"" + form + "\" (CLDR)"})
			}
			g.Units = append(g.Units, u)
		}
	}
	return g
}
