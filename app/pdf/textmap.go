package pdf

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"communique/app/pdf/bidimark"
	"communique/app/typeset"
)

// What a reader extracts is decided here: every line is drawn as a list
// of draws, each one code of the document font (a glyph or a composite of
// a cluster's glyphs) standing for the text a reader must get for it. The
// font (docfont.go) gives each distinct (form, text) pair its own code and
// ToUnicode entry; the writer puts the codes on the page. Three readers
// judge the result (see ../../../shared/notes/pdftext.md):
//
//   - pdf.js reads ToUnicode only, in stream order, and reorders each text
//     item with its own bidi pass; an item ends where the pen jumps back
//     by more than 0.2 em or on by more than 0.6 em.
//   - MuPDF reads ToUnicode, detects glyphs drawn in visual order and
//     reverses right-to-left runs character by character; a line mixing
//     directions reaches it separately, in reading order (reading.go).
//   - poppler reads ToUnicode, builds words from positions and reorders
//     right-to-left lines with its own heuristic (see popplerType).
//
// So glyphs are drawn in visual order, the text of a right-to-left
// cluster is stored reversed, and the pen never jumps inside a line:
// every draw's advance is the one the layout gave it (a zero-width alef
// under a lam-alef, a justified space, the small gap justification opens
// between letters or ideographs, kept under pdf.js's space threshold by
// app/typeset), and a space wider than pdf.js's limit is drawn as part of
// the glyph before it.

// textDraw is one code on the page.
type textDraw struct {
	form  form
	text  string  // the code's ToUnicode text, in visual order
	x, y  float64 // origin of the form, in points
	size  float64
	blank bool // draws no ink
	space bool // stands for white space only
	// mark is a bidi mark for poppler drawn just before the code, and
	// markAfter one drawn just after it at markX (where a space merged
	// into the code stood); see hiddenMarks.
	mark, markAfter rune
	markX           float64
	level           uint8 // bidi embedding level
}

// wideSpace is the widest space, in ems, that stays a textDraw of its own:
// pdf.js ends a text item at a gap wider than 0.6 em, which would leave
// the words of a right-to-left line in visual order.
const wideSpace = 0.55

// lineDraws returns the draws of a placed line, left to right.
func lineDraws(pl placedLine, faces map[*typeset.Font]*face) ([]textDraw, error) {
	n := 0
	for _, r := range pl.line.Runs {
		n += len(r.Clusters)
	}
	ds := make([]textDraw, 0, n)
	items := make([]bidimark.Cluster, 0, n)
	for r := range pl.line.Runs {
		run := &pl.line.Runs[r]
		f, ok := faces[run.Font]
		if !ok {
			return nil, fmt.Errorf("pdf: font %s is not a bundled font", run.Font.Name)
		}
		for _, cl := range run.Clusters {
			glyphs := run.Glyphs[cl.FirstGlyph : cl.FirstGlyph+cl.NumGlyphs]
			chars := bidimark.ReaderChars(cl.Text, run.RTL())
			fm, ink := clusterForm(f, run.Size, glyphs, cl.X, cl.Advance)
			ds = append(ds, textDraw{form: fm, x: pl.x + cl.X, y: pl.y, size: run.Size, blank: !ink, level: run.Level})
			items = append(items, bidimark.Cluster{Level: run.Level, Space: bidimark.AllSpace(chars), Visual: chars})
		}
	}
	if pl.whole == nil {
		bidimark.Boundaries(items, pl.line.RTL)
	} else {
		// Part of a split line (span.split): poppler, which orders by
		// position, reads the parts as one line, so the marks are the
		// whole line's.
		marks := bidimark.LineMarks(*pl.whole)
		i := 0
		for _, r := range pl.line.Runs {
			for _, cl := range r.Clusters {
				items[i].Mark = marks[cl.Start]
				i++
			}
		}
	}
	if pl.line.Hyphenated && len(items) > 0 && !pl.line.RTL {
		// The hyphen drawn at a hyphenation point reads as "-", as in
		// any hyphenated PDF: poppler then joins the word's halves, and
		// pdf.js's find and MuPDF's dehyphenation see where a word goes on.
		// Without it a reader gets two words ("sev" "eral").
		items[len(items)-1].Visual += "-"
	}
	for i := range ds {
		ds[i].text, ds[i].space, ds[i].mark = items[i].Visual, items[i].Space, items[i].Mark
	}
	ds = splitMarks(joinZeroWidth(ds))
	out := ds[:0]
	for i, d := range ds {
		// pdf.js reads a space from the gap before the next glyph it
		// measures, and it measures no glyph whose text holds a combining
		// mark: the space before one is drawn as part of the glyph before.
		beforeMark := i+1 < len(ds) && strings.ContainsFunc(ds[i+1].text, isMark)
		switch {
		case d.text == "" && d.blank:
			continue // a bidi control: nothing to draw, nothing to read
		case d.text == "":
			d.text = " "
		case d.space && d.blank && len(out) > 0 && !out[len(out)-1].blank &&
			(beforeMark || float64(d.form.adv) > wideSpace*float64(d.form.face.upem)):
			prev := &out[len(out)-1]
			prev.text += d.text
			prev.form.adv += d.form.adv
			if d.mark != 0 && prev.markAfter == 0 {
				prev.markAfter, prev.markX = d.mark, d.x
			}
			continue
		}
		out = append(out, d)
	}
	return hiddenMarks(pdfjsItems(out, pl.line.RTL)), nil
}

// hiddenMarks draws each bidi mark poppler needs (package bidimark) as a
// code of its own, a blank of no width whose text is the mark alone, just
// before the code it marks; the writer puts it in a text object clipped
// to nothing. pdf.js skips a code whose text ends with a format character
// and MuPDF drops glyphs outside the clip (FZ_STEXT_CLIP, on by default),
// so only poppler, which ignores clipping when it extracts text, reads
// them; as the first character of a glyph's text all three printed them.
//
// MuPDF takes a neutral's direction from the code drawn before it, and
// the text object after the clipped one starts again from left to right.
// Where the marked code is a neutral (a comma after a space) in a
// right-to-left line, and before punctuation at the left end of such a
// line, a bidimark.MuPDF drawn off the page in front of it gives MuPDF back
// the right-to-left direction the mark in the glyph's text gave it.
func hiddenMarks(ds []textDraw) []textDraw {
	n := 0
	for _, d := range ds {
		if d.mark != 0 || d.markAfter != 0 {
			n++
		}
	}
	if n == 0 {
		return ds
	}
	out := make([]textDraw, 0, len(ds)+2*n)
	hidden := func(d textDraw, r rune, x float64) {
		out = append(out, textDraw{form: form{face: d.form.face, gid: d.form.face.space}, text: string(r), x: x, y: d.y, size: d.size, blank: true})
	}
	for _, d := range ds {
		mark, after, x := d.mark, d.markAfter, d.markX
		d.mark, d.markAfter = 0, 0
		if mark != 0 && mark != bidimark.MuPDF {
			hidden(d, mark, d.x)
		}
		if first, _ := utf8.DecodeRuneInString(d.text); mark == bidimark.MuPDF || mark == bidimark.RLM && bidimark.WeakStart(first) {
			hidden(d, bidimark.MuPDF, d.x)
		}
		out = append(out, d)
		if after != 0 {
			hidden(d, after, x)
		}
	}
	return out
}

// joinZeroWidth draws a glyph the layout gave no advance (the alef of a
// lam-alef in Noto Naskh Arabic) together with the glyph to its right, as
// one composite whose text is both: pdf.js does not move its pen over a
// zero-width glyph and would read a second space before the next one.
func joinZeroWidth(ds []textDraw) []textDraw {
	out := ds[:0]
	for i := 0; i < len(ds); i++ {
		d := ds[i]
		if d.form.adv == 0 && !d.blank && i+1 < len(ds) && !ds[i+1].blank && ds[i+1].form.face == d.form.face && ds[i+1].size == d.size {
			next := ds[i+1]
			k := float64(d.form.face.upem) / d.size
			dx, dy := roundUnits((d.x-next.x)*k), roundUnits((d.y-next.y)*k)
			parts := next.form.unpack()
			for _, p := range d.form.unpack() {
				parts = append(parts, formPart{p.gid, p.dx + dx, p.dy + dy})
			}
			next.form = packForm(next.form.face, parts, next.form.adv)
			next.text = d.text + next.text
			if d.mark != 0 {
				next.mark = d.mark
			}
			ds[i+1] = next
			continue
		}
		out = append(out, d)
	}
	return out
}

// splitMarks draws the combining marks that start a code's text (the
// text of a right-to-left cluster is stored reversed, so its harakat come
// first) as a code of their own, a blank of no width drawn just before it.
// MuPDF moves its pen over no character whose text starts with a mark, so
// a letter with harakat drawn as one code left a gap after it that MuPDF
// read as a space or a new line.
func splitMarks(ds []textDraw) []textDraw {
	n := 0
	for _, d := range ds {
		if r, _ := utf8.DecodeRuneInString(d.text); isMark(r) && !d.blank {
			n++
		}
	}
	if n == 0 {
		return ds
	}
	out := make([]textDraw, 0, len(ds)+n)
	for _, d := range ds {
		i := strings.IndexFunc(d.text, func(r rune) bool { return !isMark(r) })
		if i <= 0 || d.blank {
			out = append(out, d)
			continue
		}
		m := d
		m.form = form{face: d.form.face, gid: d.form.face.space}
		m.text, m.blank = d.text[:i], true
		d.text, d.mark = d.text[i:], 0
		out = append(out, m, d)
	}
	return out
}

// isMark reports a combining mark (a haraka, an accent).
func isMark(r rune) bool { return unicode.Is(unicode.Mn, r) }
