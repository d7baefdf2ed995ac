package memory

import (
	"communique/i18n/xmltext"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
)

// MaxTMXSize bounds what ReadTMX reads, so a hostile file cannot exhaust
// memory; a real workspace memory is a few megabytes.
const MaxTMXSize = 256 << 20

type tmxDoc struct {
	XMLName xml.Name  `xml:"tmx"`
	Version string    `xml:"version,attr"`
	Header  tmxHeader `xml:"header"`
	TUs     []tmxTU   `xml:"body>tu"`
}

type tmxHeader struct {
	CreationTool        string `xml:"creationtool,attr"`
	CreationToolVersion string `xml:"creationtoolversion,attr"`
	SegType             string `xml:"segtype,attr"`
	OTMF                string `xml:"o-tmf,attr"`
	AdminLang           string `xml:"adminlang,attr"`
	SrcLang             string `xml:"srclang,attr"`
	DataType            string `xml:"datatype,attr"`
}

type tmxProp struct {
	Type  string `xml:"type,attr"`
	Value string `xml:",chardata"`
}

type tmxTU struct {
	TUID  string    `xml:"tuid,attr,omitempty"`
	Props []tmxProp `xml:"prop"`
	TUVs  []tmxTUV  `xml:"tuv"`
}

type tmxTUV struct {
	Lang string `xml:"http://www.w3.org/XML/1998/namespace lang,attr"`
	// TMX 1.1 spelled it lang without the namespace.
	OldLang string `xml:"lang,attr,omitempty"`
	Seg     tmxSeg `xml:"seg"`
}

// tmxSeg keeps the text of a segment, including the text inside inline
// markup (<hi>, <ph>…): a CAT tool's formatting codes are dropped, their
// words kept.
type tmxSeg struct {
	Inner []byte `xml:",innerxml"`
}

func (s tmxSeg) text() (string, error) { return xmltext.CharData(s.Inner) }

// ReadTMX adds the translation units of a TMX file (1.1 to 1.4) to the
// memory: for each unit, the tuv in srcLang paired with every other tuv.
// name is used in errors and origins. Errors name the line.
func (m *Memory) ReadTMX(name string, r io.Reader, srcLang string) (int, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxTMXSize+1))
	if err != nil {
		return 0, fmt.Errorf("%s: %w", name, err)
	}
	if len(data) > MaxTMXSize {
		return 0, fmt.Errorf("%s: larger than %d MB", name, MaxTMXSize>>20)
	}
	var doc tmxDoc
	if err := xml.Unmarshal(data, &doc); err != nil {
		var se *xml.SyntaxError
		if errors.As(err, &se) {
			return 0, fmt.Errorf("%s:%d: %w", name, se.Line, err)
		}
		return 0, fmt.Errorf("%s: not a TMX file: %w", name, err)
	}
	if srcLang == "" {
		srcLang = doc.Header.SrcLang
	}
	n0 := m.Len()
	for i, tu := range doc.TUs {
		if err := m.addTU(name, i, tu, srcLang); err != nil {
			return m.Len() - n0, err
		}
	}
	return m.Len() - n0, nil
}

func (m *Memory) addTU(name string, i int, tu tmxTU, srcLang string) error {
	origin := fmt.Sprintf("%s:%s", name, tu.TUID)
	if tu.TUID == "" {
		origin = fmt.Sprintf("%s:tu %d", name, i+1)
	}
	for _, p := range tu.Props {
		if p.Type == "x-communique-origin" && p.Value != "" {
			origin = p.Value
		}
	}
	var src *tmxTUV
	for k := range tu.TUVs {
		if langKey(tu.TUVs[k].lang()) == langKey(srcLang) {
			src = &tu.TUVs[k]
		}
	}
	if src == nil {
		return nil // a unit without the source language cannot be looked up
	}
	srcText, err := src.Seg.text()
	if err != nil {
		return fmt.Errorf("%s: translation unit %d: %w", name, i+1, err)
	}
	for k := range tu.TUVs {
		t := &tu.TUVs[k]
		if t == src {
			continue
		}
		tgt, err := t.Seg.text()
		if err != nil {
			return fmt.Errorf("%s: translation unit %d: %w", name, i+1, err)
		}
		m.Add(Segment{SourceLang: src.lang(), TargetLang: t.lang(), Source: srcText, Target: tgt, Origin: origin})
	}
	return nil
}

func (t *tmxTUV) lang() string {
	if t.Lang != "" {
		return t.Lang
	}
	return t.OldLang
}

// WriteTMX writes the memory's segments from srcLang as TMX 1.4, one
// translation unit per segment, with the origin as a property.
func (m *Memory) WriteTMX(w io.Writer, srcLang string) error {
	doc := tmxDoc{Version: "1.4", Header: tmxHeader{
		CreationTool: "Communiqué", CreationToolVersion: "1", SegType: "sentence",
		OTMF: "communique", AdminLang: "en", SrcLang: srcLang, DataType: "plaintext",
	}}
	for i, s := range m.segs {
		if langKey(s.SourceLang) != langKey(srcLang) {
			continue
		}
		doc.TUs = append(doc.TUs, tmxTU{
			TUID:  fmt.Sprint(i + 1),
			Props: []tmxProp{{Type: "x-communique-origin", Value: s.Origin}},
			TUVs: []tmxTUV{
				{Lang: s.SourceLang, Seg: tmxSeg{Inner: xmltext.Escape(s.Source)}},
				{Lang: s.TargetLang, Seg: tmxSeg{Inner: xmltext.Escape(s.Target)}},
			},
		})
	}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return fmt.Errorf("writing TMX: %w", err)
	}
	_, err := io.WriteString(w, "\n")
	return err
}
