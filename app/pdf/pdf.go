// Package pdf lays out a statement on A4 pages and writes it as a PDF with
// fpdf, or renders a page to an image for the preview, both from the same
// layout. Text is shaped by package typeset and drawn cluster by cluster
// through a font made for each document, whose ToUnicode map gives every
// code the text of its cluster, so that copying, searching and screen
// readers get the logical text in every script and every reader
// (textmap.go). The files are tagged PDF/UA-1 (tags.go) and PDF/A-2u
// (archival.go).
package pdf

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"communique/app/typeset"
)

// Part is a piece of statement text and the go-i18n message it comes from.
type Part struct {
	ID, Text string
	// Lang is the part's BCP 47 language when it is not the document's:
	// the source-language text a preview shows for a part not yet
	// translated, an English paragraph quoted in an Arabic statement. The
	// part's structure element then carries it as /Lang, so that a screen
	// reader switches voice (PDF/UA-1, ISO 14289-1 7.2); empty or not a
	// well-formed tag, the part is in Document.Lang.
	Lang string
}

// Document is what Export typesets.
type Document struct {
	// Lang is a BCP 47 tag. ar, fa and ckb are laid out right to left;
	// for languages Communiqué does not know, the direction comes from the
	// first strong character.
	Lang         string
	Organisation string // letterhead
	Logo         []byte // optional PNG
	Title        Part
	IssuingBody  string
	Place        string
	// PlaceLang is the language of Place when it is not Lang (a place
	// name left in the source language): in the dateline the place is then
	// a Span element of its own, tagged with it.
	PlaceLang string
	// Date is written in the dateline the way Lang writes dates; it is
	// also the PDF's creation and modification date, which keeps exports
	// reproducible.
	Date       time.Time
	Paragraphs []Part
	// Signature, when set, reserves a visible signature block after the
	// last paragraph.
	Signature *SignatureBlock
	// OrganisationID, IssuingBodyID and PlaceID are the message IDs of
	// those texts, which errors name; empty, an error names the part.
	OrganisationID, IssuingBodyID, PlaceID string
	// Font is the family the workspace chose for Lang (communique.toml's
	// [fonts]), looked up in the system font folders; empty, the language's
	// default: the bundled Noto fonts, or an installed Noto family for
	// scripts they lack (Hebrew, Devanagari, CJK…). See package fonts.
	Font string
}

// partID is id, or what the part is when it has no message ID.
func partID(id, part string) string {
	if id != "" {
		return id
	}
	return "(" + part + ")"
}

// SignatureBlock is the visible part of a digital signature: the engine
// typesets the localized "Digitally signed", signer, role and date in the
// document's language.
type SignatureBlock struct {
	Signer, Role string
	Date         time.Time // zero: the document date
}

// Rect is a rectangle in PDF user space (points, origin bottom left) on a
// 1-based page.
type Rect struct {
	Page           int
	X0, Y0, X1, Y1 float64
}

// Result is an exported PDF.
type Result struct {
	PDF   []byte
	Pages int
	// SignatureRect is where the signature block was typeset, for the
	// signature widget; nil when the document has no SignatureBlock.
	SignatureRect *Rect
}

// MissingGlyphError reports a character none of the bundled fonts can
// draw. Export fails with it rather than print a box.
type MissingGlyphError struct {
	Lang      string
	MessageID string
	Char      rune
}

func (e *MissingGlyphError) Error() string {
	return fmt.Sprintf("pdf: %s: message %q: no font has a glyph for %q (%U)", e.Lang, e.MessageID, e.Char, e.Char)
}

// Export typesets doc and writes it as a PDF. The same Document always
// gives the same bytes.
func Export(doc Document) (*Result, error) {
	if doc.Date.IsZero() {
		return nil, fmt.Errorf("pdf: %s: the document has no date; it is needed for the dateline and to make the PDF reproducible", doc.Lang)
	}
	doc = sanitize(doc)
	pr := newProgram()
	c, err := compose(&doc, pr.sink)
	if err != nil {
		return nil, err
	}
	b, err := write(&doc, c, pr)
	if err != nil {
		return nil, err
	}
	return &Result{PDF: b, Pages: len(c.pages), SignatureRect: c.sig}, nil
}

// sanitize replaces invalid UTF-8 with U+FFFD: fpdf's UTF-16 conversion of
// metadata indexes past the end of malformed sequences.
func sanitize(doc Document) Document {
	clean := func(s string) string { return strings.ToValidUTF8(s, "\uFFFD") }
	doc.Lang = clean(doc.Lang)
	doc.Organisation = clean(doc.Organisation)
	doc.Title = Part{ID: clean(doc.Title.ID), Text: clean(doc.Title.Text), Lang: clean(doc.Title.Lang)}
	doc.IssuingBody = clean(doc.IssuingBody)
	doc.Place = clean(doc.Place)
	doc.PlaceLang = clean(doc.PlaceLang)
	paras := make([]Part, len(doc.Paragraphs))
	for i, p := range doc.Paragraphs {
		paras[i] = Part{ID: clean(p.ID), Text: clean(p.Text), Lang: clean(p.Lang)}
	}
	doc.Paragraphs = paras
	if s := doc.Signature; s != nil {
		doc.Signature = &SignatureBlock{Signer: clean(s.Signer), Role: clean(s.Role), Date: s.Date}
	}
	return doc
}

// TextLines returns, page by page, the logical text of every line Export
// places for doc (page numbers and the signature block included), each
// line's characters in reading order: what a reader that extracts the
// exported PDF's text should get back, line by line.
func TextLines(doc Document) ([][]string, error) {
	doc = sanitize(doc)
	c, err := compose(&doc, nil)
	if err != nil {
		return nil, err
	}
	var pages [][]string
	for _, pg := range c.pages {
		var lines []string
		for _, pl := range pg.lines {
			text := lineText(pl.line)
			if pl.cont && len(lines) > 0 {
				// The rest of a line whose first characters are a Span
				// (span.split): one line to a reader.
				lines[len(lines)-1] += text
				continue
			}
			lines = append(lines, text)
		}
		pages = append(pages, lines)
	}
	return pages, nil
}

// lineText is a line's text as readers should get it: logical order, and
// at a hyphenation point the "-" its drawn hyphen reads as (textmap.go).
func lineText(ln typeset.Line) string {
	if ln.Hyphenated && !ln.RTL {
		return logicalText(ln) + "-"
	}
	return logicalText(ln)
}

// logicalText is a line's text in logical order, from its clusters.
func logicalText(ln typeset.Line) string {
	var cls []typeset.Cluster
	for _, r := range ln.Runs {
		cls = append(cls, r.Clusters...)
	}
	slices.SortFunc(cls, func(a, b typeset.Cluster) int { return a.Start - b.Start })
	var b strings.Builder
	for _, cl := range cls {
		b.WriteString(cl.Text)
	}
	return b.String()
}
