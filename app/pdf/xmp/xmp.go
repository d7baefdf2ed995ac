// Package xmp writes the XMP metadata packet of a Communiqué PDF: the
// Dublin Core description, and the PDF/A-2u and PDF/UA-1 identification
// that validators and archives read from it.
package xmp

import (
	"bytes"
	"encoding/xml"
	"strings"
	"time"
)

// Meta is what the packet says about a document.
type Meta struct {
	Title, Creator string
	Subject        string // the description; empty, the title
	Lang           string // a well-formed BCP 47 tag, or empty
	Date           time.Time
	Producer       string
}

// Packet is a document's XMP packet: Dublin Core title, creator,
// description and language, the dates and producer, the PDF/A-2u and
// PDF/UA-1 identification, and the extension schema that declares pdfuaid
// to PDF/A validators.
func Packet(doc Meta) []byte {
	esc := func(s string) string {
		var b bytes.Buffer
		_ = xml.EscapeText(&b, []byte(s))
		return b.String()
	}
	date := doc.Date.UTC().Format("2006-01-02T15:04:05Z")
	subject := doc.Subject
	if strings.TrimSpace(subject) == "" {
		subject = doc.Title
	}
	var b strings.Builder
	b.WriteString(`<?xpacket begin="` + "\uFEFF" + `" id="W5M0MpCehiHzreSzNTczkc9d"?>` + "\n")
	b.WriteString(`<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">` + "\n")
	b.WriteString(`<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:xmp="http://ns.adobe.com/xap/1.0/" ` +
		`xmlns:pdf="http://ns.adobe.com/pdf/1.3/" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/" xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">` + "\n")
	b.WriteString(`<dc:format>application/pdf</dc:format>` + "\n")
	b.WriteString(`<dc:title><rdf:Alt><rdf:li xml:lang="x-default">` + esc(doc.Title) + `</rdf:li></rdf:Alt></dc:title>` + "\n")
	if strings.TrimSpace(doc.Creator) != "" {
		b.WriteString(`<dc:creator><rdf:Seq><rdf:li>` + esc(doc.Creator) + `</rdf:li></rdf:Seq></dc:creator>` + "\n")
	}
	b.WriteString(`<dc:description><rdf:Alt><rdf:li xml:lang="x-default">` + esc(subject) + `</rdf:li></rdf:Alt></dc:description>` + "\n")
	if doc.Lang != "" {
		b.WriteString(`<dc:language><rdf:Bag><rdf:li>` + esc(doc.Lang) + `</rdf:li></rdf:Bag></dc:language>` + "\n")
	}
	b.WriteString(`<xmp:CreateDate>` + date + `</xmp:CreateDate><xmp:ModifyDate>` + date + `</xmp:ModifyDate>` + "\n")
	b.WriteString(`<xmp:CreatorTool>` + esc(doc.Producer) + `</xmp:CreatorTool><pdf:Producer>` + esc(doc.Producer) + `</pdf:Producer>` + "\n")
	b.WriteString(`<pdfaid:part>2</pdfaid:part><pdfaid:conformance>U</pdfaid:conformance><pdfuaid:part>1</pdfuaid:part>` + "\n")
	b.WriteString("</rdf:Description>\n")
	b.WriteString(pdfuaExtension)
	b.WriteString("</rdf:RDF></x:xmpmeta>\n" + `<?xpacket end="w"?>`)
	return []byte(b.String())
}

// pdfuaExtension declares the pdfuaid schema (ISO 19005-2 6.6.2.3.1: a
// property outside the predefined schemas needs an extension schema).
const pdfuaExtension = `<rdf:Description rdf:about="" xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/" ` +
	`xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#" xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">
<pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType="Resource">
<pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>
<pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>
<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>
<pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType="Resource">
<pdfaProperty:name>part</pdfaProperty:name>
<pdfaProperty:valueType>Integer</pdfaProperty:valueType>
<pdfaProperty:category>internal</pdfaProperty:category>
<pdfaProperty:description>Indicates, which part of ISO 14289 standard is followed</pdfaProperty:description>
</rdf:li></rdf:Seq></pdfaSchema:property>
</rdf:li></rdf:Bag></pdfaExtension:schemas>
</rdf:Description>
`
