package xliff

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"strings"

	"communique/i18n/catalog"
)

// XLIFF 2.0 (OASIS, 2014) carries the same handoff in its own shape: a
// <group> per message (name = message ID, the description and any earlier
// translation as <notes>), a <unit> per sentence of a plural form, whose
// name is the key (ids are NMTOKENs, which a key is not), with one
// <segment>. Reading joins every <segment> and <ignorable> of a unit, so a
// tool that splits or joins segments inside a unit loses nothing; a target
// counts as a translation unless its segment's state is "initial" (2.0's
// default, but tools that translate set it).

const ns2 = "urn:oasis:names:tc:xliff:document:2.0"

type x2Note struct {
	Category string `xml:"category,attr,omitempty"`
	Text     string `xml:",chardata"`
}

type x2Notes struct {
	Notes []x2Note `xml:"note"`
}

// x2Part is a <segment> or an <ignorable> of a unit, in document order.
type x2Part struct {
	XMLName xml.Name
	State   string `xml:"state,attr,omitempty"`
	Source  xText  `xml:"source"`
	Target  *xText `xml:"target"`
}

type x2Unit struct {
	XMLName xml.Name `xml:"unit"`
	ID      string   `xml:"id,attr"`
	Name    string   `xml:"name,attr,omitempty"`
	Space   string   `xml:"http://www.w3.org/XML/1998/namespace space,attr,omitempty"`
	Notes   *x2Notes `xml:"notes"`
	Parts   []x2Part `xml:",any"`
}

type x2Group struct {
	XMLName xml.Name  `xml:"group"`
	ID      string    `xml:"id,attr"`
	Name    string    `xml:"name,attr,omitempty"`
	Notes   *x2Notes  `xml:"notes"`
	Units   []x2Unit  `xml:"unit"`
	Groups  []x2Group `xml:"group"`
}

type x2File struct {
	ID       string    `xml:"id,attr"`
	Original string    `xml:"original,attr,omitempty"`
	Units    []x2Unit  `xml:"unit"`
	Groups   []x2Group `xml:"group"`
}

type x2Doc struct {
	XMLName xml.Name `xml:"xliff"`
	Xmlns   string   `xml:"xmlns,attr,omitempty"`
	Version string   `xml:"version,attr"`
	SrcLang string   `xml:"srcLang,attr"`
	TrgLang string   `xml:"trgLang,attr,omitempty"`
	Files   []x2File `xml:"file"`
}

// Handoff2 is Handoff as XLIFF 2.0.
func Handoff2(source, target *catalog.Catalog, hist *catalog.History) []byte {
	f, ok := handoffFile(source, target, hist)
	if !ok {
		return nil
	}
	out := x2File{ID: "f1", Original: f.Original}
	u := 0
	for i, g := range f.Groups {
		g2 := x2Group{ID: fmt.Sprintf("g%d", i+1), Name: g.ResName, Notes: notes2(g.Notes)}
		for _, x := range g.Units {
			u++
			g2.Units = append(g2.Units, x2Unit{ID: fmt.Sprintf("u%d", u), Name: x.ID, Space: x.Space, Notes: notes2(x.Notes),
				Parts: []x2Part{{XMLName: xml.Name{Local: "segment"}, Source: xText{Inner: x.Source.Inner}}}})
		}
		out.Groups = append(out.Groups, g2)
	}
	return encode(x2Doc{Xmlns: ns2, Version: "2.0", SrcLang: f.SourceLang, TrgLang: f.TargetLang, Files: []x2File{out}})
}

func notes2(ns []xNote) *x2Notes {
	if len(ns) == 0 {
		return nil
	}
	out := &x2Notes{}
	for _, n := range ns {
		cat := n.From
		if cat == "developer" {
			cat = "description"
		}
		out.Notes = append(out.Notes, x2Note{Category: cat, Text: n.Text})
	}
	return out
}

// read2 reads an XLIFF 2.x file into the same File as 1.x.
func read2(name string, data []byte) (*File, error) {
	var doc x2Doc
	if err := unmarshal(name, data, &doc); err != nil {
		return nil, err
	}
	if doc.SrcLang == "" {
		return nil, fmt.Errorf("%s: XLIFF 2.0 file with no srcLang (not one this app or a CAT tool wrote)", name)
	}
	f := &File{Name: name, SourceLang: doc.SrcLang, TargetLang: doc.TrgLang}
	for _, xf := range doc.Files {
		units := flatten2(xf.Units, xf.Groups)
		for _, u := range units {
			if err := f.add(u.as12()); err != nil {
				return nil, fmt.Errorf("%s: unit %q: %w", name, u.ID, err)
			}
		}
	}
	return f, nil
}

func flatten2(units []x2Unit, groups []x2Group) []x2Unit {
	for _, g := range groups {
		units = append(units, g.Units...)
		units = flatten2(units, g.Groups)
	}
	return units
}

// as12 is the unit as 1.2 would hold it: its key, its source and target
// made of all its parts, and a target state of "new" when a segment is
// untranslated.
func (u x2Unit) as12() xUnit {
	id := u.Name
	if _, ok := ParseKey(id); !ok {
		id = u.ID
	}
	out := xUnit{ID: id}
	var src, tgt bytes.Buffer
	done, any := true, false
	for _, p := range u.Parts {
		src.Write(p.Source.Inner)
		switch {
		case p.Target != nil:
			tgt.Write(p.Target.Inner)
			any = true
		case p.XMLName.Local == "ignorable":
			tgt.Write(p.Source.Inner) // whitespace between segments
		}
		if p.XMLName.Local == "segment" && (p.Target == nil || p.State == "initial") {
			done = false
		}
	}
	out.Source = xText{Inner: src.Bytes()}
	if any {
		out.Target = &xText{Inner: tgt.Bytes()}
		if !done || strings.TrimSpace(tgt.String()) == "" {
			out.Target.State = "new"
		}
	}
	return out
}
