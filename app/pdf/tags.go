package pdf

import (
	"fmt"
	"strings"

	"communique/app/pdf/pdfobj"
	"communique/app/pdf/xmp"
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

// addStructTree adds the structure tree of the composition to the file,
// with the parent tree that maps each page's marked content back to its
// element, and marks the catalog as tagged.
func addStructTree(p *pdfobj.File, c *composition, marks [][]*structElem) error {
	pages := p.Pages()
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
			if e.parent != nil && len(kids[e]) == 0 {
				kids[e.parent] = append(kids[e.parent], fmt.Sprintf("%d 0 R", num[e]))
			}
			kids[e] = append(kids[e], fmt.Sprintf("<</Type /MCR /Pg %d 0 R /MCID %d>>", pages[i], mcid))
			fmt.Fprintf(&parents, "%d 0 R ", num[e])
		}
		parents.WriteString("] ")
	}
	p.Add(fmt.Appendf(nil, "<</Type /StructTreeRoot /K [%d 0 R] /ParentTree <</Nums [%s]>> /ParentTreeNextKey %d>>",
		docElem, parents.String(), len(marks)))
	var docKids strings.Builder
	for _, e := range c.elems {
		if len(kids[e]) > 0 && e.parent == nil {
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
		parent := docElem
		if e.parent != nil {
			parent = num[e.parent]
		}
		p.Add(fmt.Appendf(nil, "<</Type /StructElem /S /%s%s /P %d 0 R /K [%s]>>", e.role, lang, parent, strings.Join(kids[e], " ")))
	}
	p.AddToDict(p.Root, fmt.Sprintf("/MarkInfo <</Marked true>> /StructTreeRoot %d 0 R /ViewerPreferences <</DisplayDocTitle true>>", root))
	return nil
}

// xmpMetadata is the document's XMP packet (package xmp), agreeing with
// the document information dictionary.
func xmpMetadata(doc *Document) []byte {
	lang := ""
	if wellFormedTag(doc.Lang) {
		lang = doc.Lang
	}
	return xmp.Packet(xmp.Meta{Title: doc.Title.Text, Creator: doc.Organisation, Subject: doc.IssuingBody,
		Lang: lang, Date: doc.Date, Producer: producer})
}
