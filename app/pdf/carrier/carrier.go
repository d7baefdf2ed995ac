// Package carrier gives the readers that cannot reorder a PDF line
// holding right-to-left text its text in reading order, in ways only they
// read: MuPDF, for a line that mixes directions (Arabic text with a
// number or a Latin name, Arabic-Indic digits in a left-to-right line),
// and poppler's structure text, for any such line (StructureText).
// Package pdf draws the line in visual order, one text item that pdf.js
// reorders exactly. MuPDF cannot get a mixed line from any glyph order
// that pdf.js also reads, so it is given the line's text in reading order
// on its own, in the one way it reads text that the others do not:
//
//   - The line's glyphs are a marked-content sequence whose /ActualText is
//     empty. MuPDF reads /ActualText under any tag and extracts nothing for
//     them; poppler reads it only under /Span and pdf.js never, so both
//     read the glyphs as before.
//   - After them, for each word of the line in reading order, a carrier:
//     a blank glyph of no width where the word starts, in a marked-content
//     sequence whose /ActualText is the word and the spaces after it.
//     MuPDF puts a carrier's text where the carrier stands, with the
//     direction of the carrier's own character; carriers alternate a
//     LEFT-TO-RIGHT and a RIGHT-TO-LEFT MARK, so that MuPDF, which ignores
//     jumps where the direction changes, keeps them on one line in stream
//     order and reverses nothing. pdf.js skips a code whose text is a
//     format character; the carriers are inside a /Span whose /ActualText
//     is empty, so poppler's pdftotext reads nothing for them.
//
// The standard gives /ActualText to marked content tagged /Span only
// (ISO 32000-1, 14.9.4), as poppler reads it: a reader that follows it
// reads the glyphs and nothing for the carriers, as pdf.js does; one that
// honours /ActualText under any tag, as MuPDF does, reads nothing for the
// glyphs and the words in reading order from the carriers, all inside the
// line's structure element. The carriers' texts together are the line's text,
// the text the glyphs' ToUnicode entries give once reordered (TestCarriers in package pdf).
// The price: a MuPDF-based viewer selects such a line by words, each
// placed where it starts.
//
// PDFium (Chrome's and Edge's reader) must read neither part differently
// from the glyphs alone (CPDF_TextPage in core/fpdftext): it skips a text
// object narrower than 0.01, which every carrier is, and it looks for
// /ActualText only as a direct string. The hiding sequence's empty string
// is therefore an object of its own, named through the page's /Properties
// (Hide): in the operator's own dictionary PDFium took it as /ActualText
// and then skipped each text object of the line after the first, since
// their marked content was the same (PreMarkedContent returns "done").
//
// Why no glyph order serves both (MuPDF 1.28.1: pdf-op-run.c 1293-1324 and
// 1436, stext-device.c 536-551, 856-863, 896-950, 1766-1805; pdf.js 5.6.205:
// legacy/build/pdf.worker.mjs 38799-38842, 42052-42065, 42201-42300,
// 42370-42420, 42772-42799, 25579):
//
//   - MuPDF gives each code a direction from the first character of its
//     ToUnicode text (R, AL, AN right to left; L, EN, ES, ET left to right;
//     a neutral that of the code before; BT resets it). A line in which a
//     right-to-left character was drawn where a pen moving right put it is
//     "visual": each maximal stretch of right-to-left characters is
//     reversed in place, and the stretches keep their stream order.
//   - pdf.js ignores /ActualText, ends a text item where the pen moves back
//     more than 0.2 em, at a font or size change and at every BDC/EMC, and
//     reorders each item as if its stream order were visual. It reads a
//     space only from a space glyph inside an item or from a gap where the
//     pen moves on; a move back drops it (resetLastChars).
//   - In visual order, MuPDF reverses the stretches of "A B 123 C D" in
//     place ("C D 123 A B") and reverses Arabic-Indic digits ("٢٠٢٠" →
//     "٠٢٠٢"). In reading order, with each right-to-left character or run
//     an item of its own (built and measured: MuPDF and poppler exact),
//     pdf.js loses every space between right-to-left words, since the pen
//     moves back at each; a code standing for the gap needs text pdf.js
//     prints (an empty ToUnicode entry falls back to the code itself,
//     pdf.worker.mjs 36116). An /ActualText over the glyphs themselves takes
//     their directions, so MuPDF would read it reversed unless it were
//     stored scrambled, which readers honouring /ActualText would then read.
//
// pdfinfo -struct-text (poppler 22.12, MarkedContentOutputDev.cc 100) is
// the ToUnicode text of each code of an element's marked content in stream
// order, without reordering or /ActualText, so the glyphs of a
// right-to-left line read backwards there: in one pdf.js item the text
// would have to equal its own reverse, and one item per letter loses the
// spaces. StructureText gives it the line's text before the glyphs.
//
// The invisible marks (U+061C, U+200E) poppler's pdftotext needs to order
// a mixed line (bidimark) are drawn for poppler alone, clipped away
// (hiddenMarks in ../textmap.go); pdftotext prints them, by its own design.
package carrier

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode/utf16"

	"communique/app/pdf/bidimark"
	"communique/app/pdf/pdfobj"
	"communique/app/typeset"
)

// Cluster is a cluster of a line: its first character in the paragraph,
// its characters as readers get them (in reading order, without bidi
// controls), its advance box in points and its bidi level.
type Cluster struct {
	Start      int
	Text       string
	X, Advance float64
	Level      uint8
	Font       *typeset.Font
}

// Clusters returns the clusters of a typeset line set from x.
func Clusters(l typeset.Line, x float64) []Cluster {
	var cs []Cluster
	for _, r := range l.Runs {
		for _, cl := range r.Clusters {
			cs = append(cs, Cluster{Start: cl.Start, Text: bidimark.ReaderChars(cl.Text, false),
				X: x + cl.X, Advance: cl.Advance, Level: r.Level, Font: r.Font})
		}
	}
	return cs
}

// Word is what one carrier stands for: a word and the spaces after it.
type Word struct {
	First int     // index of the word's first cluster (in reading order)
	X     float64 // where the word starts in reading order
	Mark  rune    // the carrier's own text: bidimark.LRM or bidimark.MuPDF
	Text  string
}

// Mixed reports a line holding right-to-left text whose characters
// (spaces aside) are not all at one bidi level: the lines that need
// carriers.
func Mixed(cs []Cluster) bool {
	rtl, first, mixed := false, -1, false
	for _, c := range cs {
		rtl = rtl || c.Level&1 == 1
		if strings.TrimSpace(c.Text) == "" {
			continue
		}
		switch {
		case first < 0:
			first = int(c.Level)
		case first != int(c.Level):
			mixed = true
		}
	}
	return rtl && mixed
}

// Words returns the words of a line in reading order, each with the
// carrier mark it takes (alternating, so that MuPDF keeps the carriers on
// one line; from a RIGHT-TO-LEFT MARK when rtlFirst, after left-to-right
// text drawn before the line on the same baseline). hyphen adds the
// hyphen drawn at a hyphenation point to the last word.
func Words(cs []Cluster, hyphen, rtlFirst bool) []Word {
	order := make([]int, 0, len(cs))
	for i, c := range cs {
		if c.Text != "" {
			order = append(order, i)
		}
	}
	slices.SortStableFunc(order, func(a, b int) int { return cs[a].Start - cs[b].Start })
	var ws []Word
	prevSpace := false
	for k, i := range order {
		c := cs[i]
		space := bidimark.AllSpace(c.Text)
		if k > 0 && (space || !prevSpace) {
			ws[len(ws)-1].Text += c.Text
			prevSpace = space
			continue
		}
		prevSpace = space
		x := c.X
		if c.Level&1 == 1 {
			x += c.Advance // a right-to-left word starts at its right edge
		}
		mark := bidimark.LRM
		if (len(ws)%2 == 1) != rtlFirst {
			mark = bidimark.MuPDF
		}
		ws = append(ws, Word{First: i, X: x, Mark: mark, Text: c.Text})
	}
	if hyphen && len(ws) > 0 {
		ws[len(ws)-1].Text += "-"
	}
	return ws
}

// StructureText gives poppler's structure text (pdfinfo -struct-text, and
// any tool built on its StructElement::getText) a line holding
// right-to-left text in reading order. poppler takes an element's text from
// the ToUnicode text of the codes in its marked content, in stream order,
// without reordering, and stops at the first nested EMC
// (MarkedContentOutputDev pops the element's MCID on any EMC), so the
// glyphs, drawn in visual order for pdf.js, read backwards there. The line
// therefore starts with a nested sequence holding its text in reading
// order, one invisible code per character, which no other reader reads:
//
//   - poppler's pdftotext and MuPDF read nothing for it: the sequence is a
//     /Span with an empty /ActualText;
//   - pdf.js skips a glyph whose origin lies outside the page (its
//     getTextContent checks the origin only, and its width before
//     horizontal scaling), and each code is shown at one origin just above
//     the page (the ' operator with no leading returns the pen there),
//     while the advance, turned downwards by the text matrix and
//     stretched by horizontal scaling, reaches into the page, which is
//     what keeps poppler reading it (MarkedContentOutputDev drops a
//     character only when its advance lies wholly outside the page);
//   - PDFium skips a text object narrower than 0.01 pt, and the text
//     matrix makes each one a few thousandths of a point wide.
//
// The codes draw a blank glyph in text rendering mode 3: nothing shows.
const (
	structScale   = 0.002 // text matrix scale times the font size: an em across the page, in points
	structAdvance = 2     // a code's advance down the page, in points
	structAbove   = 1     // how far above the page the codes stand, in points
)

// AppendStructureText appends the operators of a line's structure text:
// the codes of its characters, each drawing a blank glyph of width w
// (thousandths of the size), at x on a page pageH high, in a font of the
// given size already selected.
func AppendStructureText(b []byte, codes []rune, w int, size, x, pageH float64) []byte {
	k := math.Round(structScale/size*1e9) / 1e9
	hscale := structAdvance * 100 * 1000 / (float64(w) * size * k)
	b = append(b, "/Span <</ActualText ()>> BDC\nq BT 3 Tr 0 TL "...)
	b = strconv.AppendFloat(b, math.Round(hscale), 'f', -1, 64)
	b = append(b, " Tz 0 "...)
	for _, v := range []float64{-k, k, 0, math.Round(x*100) / 100, math.Round((pageH+structAbove)*100) / 100} {
		b = strconv.AppendFloat(b, v, 'f', -1, 64)
		b = append(b, ' ')
	}
	b = append(b, "Tm"...)
	for _, c := range codes {
		b = fmt.Appendf(b, " <%04X>'", c)
	}
	return append(b, " ET Q\nEMC\n"...)
}

// Hide opens the marked-content sequence that hides a line's glyphs from
// MuPDF; EMC closes it. Its properties are the page resource named
// HideName, whose /ActualText is an empty string held by reference
// (HideProperties): MuPDF resolves the reference and extracts nothing for
// the glyphs, while PDFium, which takes /ActualText only as a direct
// string (CPDF_Dictionary::GetStringFor does not follow references), reads
// the glyphs as any other text. With the empty string in the operator's
// own dictionary PDFium skipped every text object of the line after the
// first (CPDF_TextPage::PreMarkedContent: one whose marked content has
// /ActualText and is the previous object's is "done").
const Hide = "/Reading /" + HideName + " BDC\n"

// HideName names Hide's properties in a page's /Properties resource.
const HideName = "MuPDFHidden"

// AddProperties adds the property list Hide names to the resources
// fpdf shares between all pages, with its empty string as an object of
// its own.
func AddProperties(p *pdfobj.File) error {
	res, err := p.SharedResources()
	if err != nil {
		return fmt.Errorf("pdf: fpdf's output: %w", err)
	}
	if bytes.Contains(p.Objs[res], []byte("/Properties")) {
		return errors.New("pdf: fpdf's page resources already have /Properties")
	}
	empty := p.Add([]byte("()"))
	p.AddToDict(res, fmt.Sprintf("/Properties <</%s <</ActualText %d 0 R>>>>", HideName, empty))
	return nil
}

// Draw is a carrier as the writer draws it: the two-byte code of its blank
// glyph, where it stands and the text it carries.
type Draw struct {
	Code rune
	X    float64
	Text string
}

// AppendOps appends the operators that draw a line's carriers on the
// baseline y, after the line's glyphs and inside its structure element.
func AppendOps(b []byte, y float64, ds []Draw) []byte {
	b = append(b, "/Span <</ActualText ()>> BDC\n"...)
	for _, d := range ds {
		b = append(b, "/Reading <</ActualText "...)
		b = AppendTextString(b, d.Text)
		b = append(b, ">> BDC BT "...)
		for _, v := range []float64{d.X, y} {
			b = strconv.AppendFloat(b, math.Round(v*100)/100, 'f', -1, 64)
			b = append(b, ' ')
		}
		b = fmt.Appendf(b, "Td [<%04X>] TJ ET EMC\n", d.Code)
	}
	return append(b, "EMC\n"...)
}

// AppendTextString appends s as a PDF text string: UTF-16BE with its byte
// order mark, in hex.
func AppendTextString(b []byte, s string) []byte {
	b = append(b, "<FEFF"...)
	for _, u := range utf16.Encode([]rune(s)) {
		b = fmt.Appendf(b, "%04X", u)
	}
	return append(b, '>')
}
