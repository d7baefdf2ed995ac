package pdf

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"regexp"
	"strings"

	"communique/app/pdf/pdfobj"
)

// Tagged PDF (ISO 14289-1, PDF/UA-1): every line of the document's text is
// a marked-content sequence of its structure element (H1 for the title, P
// for the letterhead name, issuing body, dateline and each paragraph),
// numbered per page; rules, the logo, page numbers and the signature
// appearance are artifacts. The structure tree itself is added to fpdf's
// output by addStructTree.

// beginMarked opens the marked-content sequence of a line.
func (w *writer) beginMarked(pl progLine) {
	if pl.elem == nil {
		if pl.artifact != "" {
			w.out = append(w.out, "/Artifact <</Type /"+pl.artifact+">> BDC\n"...)
		} else {
			w.out = append(w.out, "/Artifact BMC\n"...)
		}
		return
	}
	page := len(w.marks) - 1
	mcid := len(w.marks[page])
	w.marks[page] = append(w.marks[page], pl.elem)
	w.out = fmt.Appendf(w.out, "/%s <</MCID %d>> BDC\n", pl.elem.role, mcid)
}

func (w *writer) endMarked() { w.out = append(w.out, "EMC\n"...) }

var rePage = regexp.MustCompile(`^<</Type /Page\n`)

// addStructTree adds the structure tree of the composition to the file,
// with the parent tree that maps each page's marked content back to its
// element, and marks the catalog as tagged.
func addStructTree(p *pdfobj.File, c *composition, marks [][]*structElem) error {
	var pages []int
	for n, o := range p.Objs {
		if rePage.Match(o) {
			pages = append(pages, n)
		}
	}
	if len(pages) != len(marks) {
		return fmt.Errorf("pdf: %d pages in fpdf's output, %d laid out", len(pages), len(marks))
	}
	// Object numbers: the root, the Document element, then one per element.
	root := len(p.Objs)
	docElem := root + 1
	num := make(map[*structElem]int, len(c.elems))
	for i, e := range c.elems {
		num[e] = docElem + 1 + i
	}
	kids := make(map[*structElem][]string)
	var parents strings.Builder
	for i, page := range marks {
		p.AddToDict(pages[i], fmt.Sprintf("/StructParents %d /Tabs /S", i))
		fmt.Fprintf(&parents, "%d [", i)
		for mcid, e := range page {
			kids[e] = append(kids[e], fmt.Sprintf("<</Type /MCR /Pg %d 0 R /MCID %d>>", pages[i], mcid))
			fmt.Fprintf(&parents, "%d 0 R ", num[e])
		}
		parents.WriteString("] ")
	}
	p.Add(fmt.Appendf(nil, "<</Type /StructTreeRoot /K [%d 0 R] /ParentTree <</Nums [%s]>> /ParentTreeNextKey %d>>",
		docElem, parents.String(), len(marks)))
	var docKids strings.Builder
	for _, e := range c.elems {
		if len(kids[e]) > 0 {
			fmt.Fprintf(&docKids, "%d 0 R ", num[e])
		}
	}
	p.Add(fmt.Appendf(nil, "<</Type /StructElem /S /Document /P %d 0 R /K [%s]>>", root, docKids.String()))
	for _, e := range c.elems {
		// An element with no text (an empty part) stays out of the tree
		// but keeps its number, unreferenced and harmless.
		// /Lang is an entry of the element itself, not marked content
		// around its text: a BDC in the middle of a line would end
		// pdf.js's text item there and break its right-to-left ordering.
		lang := ""
		if e.lang != "" {
			lang = " /Lang (" + e.lang + ")" // wellFormedTag: nothing to escape
		}
		p.Add(fmt.Appendf(nil, "<</Type /StructElem /S /%s%s /P %d 0 R /K [%s]>>", e.role, lang, docElem, strings.Join(kids[e], " ")))
	}
	p.AddToDict(p.Root, fmt.Sprintf("/MarkInfo <</Marked true>> /StructTreeRoot %d 0 R /ViewerPreferences <</DisplayDocTitle true>>", root))
	return nil
}

// xmpMetadata is the document's XMP packet: Dublin Core title, creator,
// description and language, the dates and producer (all agreeing with the
// document information dictionary), the PDF/A-2u and PDF/UA-1
// identification, and the extension schema that declares pdfuaid to
// PDF/A validators.
func xmpMetadata(doc *Document) []byte {
	esc := func(s string) string {
		var b bytes.Buffer
		_ = xml.EscapeText(&b, []byte(s))
		return b.String()
	}
	date := doc.Date.UTC().Format("2006-01-02T15:04:05Z")
	subject := doc.IssuingBody
	if strings.TrimSpace(subject) == "" {
		subject = doc.Title.Text
	}
	var b strings.Builder
	b.WriteString(`<?xpacket begin="` + "\uFEFF" + `" id="W5M0MpCehiHzreSzNTczkc9d"?>` + "\n")
	b.WriteString(`<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">` + "\n")
	b.WriteString(`<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:xmp="http://ns.adobe.com/xap/1.0/" ` +
		`xmlns:pdf="http://ns.adobe.com/pdf/1.3/" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/" xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">` + "\n")
	b.WriteString(`<dc:format>application/pdf</dc:format>` + "\n")
	b.WriteString(`<dc:title><rdf:Alt><rdf:li xml:lang="x-default">` + esc(doc.Title.Text) + `</rdf:li></rdf:Alt></dc:title>` + "\n")
	if strings.TrimSpace(doc.Organisation) != "" {
		b.WriteString(`<dc:creator><rdf:Seq><rdf:li>` + esc(doc.Organisation) + `</rdf:li></rdf:Seq></dc:creator>` + "\n")
	}
	b.WriteString(`<dc:description><rdf:Alt><rdf:li xml:lang="x-default">` + esc(subject) + `</rdf:li></rdf:Alt></dc:description>` + "\n")
	if wellFormedTag(doc.Lang) {
		b.WriteString(`<dc:language><rdf:Bag><rdf:li>` + esc(doc.Lang) + `</rdf:li></rdf:Bag></dc:language>` + "\n")
	}
	b.WriteString(`<xmp:CreateDate>` + date + `</xmp:CreateDate><xmp:ModifyDate>` + date + `</xmp:ModifyDate>` + "\n")
	b.WriteString(`<xmp:CreatorTool>` + producer + `</xmp:CreatorTool><pdf:Producer>` + producer + `</pdf:Producer>` + "\n")
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
