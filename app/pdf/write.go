package pdf

import (
	"bytes"
	"crypto/md5"
	"encoding/hex"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf16"

	"codeberg.org/go-pdf/fpdf"
	"golang.org/x/text/unicode/bidi"

	"communique/app/typeset"
)

const producer = "Communiqué"

// wellFormedTag reports whether lang has the shape of a BCP 47 tag:
// ASCII subtags of 1-8 letters (digits too after the first), joined by
// hyphens. (A regular expression compiled at start-up cost every command
// more than the check costs an export.)
func wellFormedTag(lang string) bool {
	if lang == "" {
		return false
	}
	for i, sub := range strings.Split(lang, "-") {
		if len(sub) < 1 || len(sub) > 8 {
			return false
		}
		for _, c := range []byte(sub) {
			letter := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
			if !letter && (i == 0 || c < '0' || c > '9') {
				return false
			}
		}
	}
	return true
}

// writer turns a composition's pages into content streams for fpdf. fpdf
// lays out the file — pages, resources, the font program it subsets,
// images, metadata, xref — while the glyphs are written as raw text
// operators: one Text call per glyph run would cost more than the rest of
// the export, and fpdf's Text cannot put marked-content spans between
// glyphs anyway.
type writer struct {
	faces map[*typeset.Font]*face
	font  *docFont
	ops   []pageOp // the page so far, for fpdf
	out   []byte   // raw operators not yet in ops
	gray  bool     // the current fill colour is the secondary grey
}

// pageOp is one call into fpdf's page: raw operators, or a font size
// (fpdf's SetFont writes the font selection with the font's resource name,
// which is known only once fpdf has registered the font).
type pageOp struct {
	raw  []byte
	size float64
}

// emit moves the pending raw operators into ops.
func (w *writer) emit() {
	if len(w.out) > 0 {
		w.ops = append(w.ops, pageOp{raw: w.out})
		w.out = nil
	}
}

// pending is a stretch of glyphs that one Tj can draw: same baseline, each
// glyph where the previous one's /W advance leaves the pen.
type pending struct {
	x, y, next float64
	codes      []rune
}

func write(doc *Document, c *composition) ([]byte, error) {
	font, err := newDocFont(c, c.faces)
	if err != nil {
		return nil, fmt.Errorf("pdf: %s: %w", doc.Lang, err)
	}
	// Registering the font is fpdf's slowest step (it parses the font and
	// hashes a JSON dump of its 65,536-entry width table: a sixth of a
	// one-language export), and the page contents do not need fpdf, so the
	// two run side by side. The calls fpdf sees, and the bytes, are the
	// same as in sequence.
	started := make(chan *fpdf.Fpdf, 1)
	go func() { started <- newFpdf(doc, c, font) }()
	w := &writer{faces: c.faces, font: font}
	pages := make([][]pageOp, len(c.pages))
	for i, pg := range c.pages {
		w.gray = false // fpdf starts every page with black fill
		for _, r := range pg.rules {
			w.out = append(w.out, "q 0.431 g "...)
			w.out = appendNums(w.out, r.x0, r.y0, r.x1-r.x0, r.y1-r.y0)
			w.out = append(w.out, "re f Q\n"...)
		}
		for _, pl := range pg.lines {
			if err := w.line(pl); err != nil {
				<-started
				return nil, err
			}
		}
		w.emit()
		pages[i], w.ops = w.ops, nil
	}
	pdf := <-started
	for i, pg := range c.pages {
		pdf.AddPage()
		if pg.logo != nil {
			r := pg.logo
			pdf.ImageOptions("logo", r.x0, pageH-r.y1, r.x1-r.x0, r.y1-r.y0, false, fpdf.ImageOptions{ImageType: "PNG"}, 0, "")
		}
		for _, op := range pages[i] {
			if op.size > 0 {
				// fpdf emits the font selection itself (and only on change).
				pdf.SetFont(font.family, "", op.size)
			} else {
				pdf.RawWriteStr(string(op.raw))
			}
		}
	}
	if err := pdf.Error(); err != nil {
		return nil, fmt.Errorf("pdf: %s: %w", doc.Lang, err)
	}
	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		return nil, fmt.Errorf("pdf: %s: %w", doc.Lang, err)
	}
	return w.finish(buf.Bytes()), nil
}

// newFpdf starts the fpdf document: metadata, the document font with the
// codes it draws, the logo.
func newFpdf(doc *Document, c *composition, font *docFont) *fpdf.Fpdf {
	pdf := fpdf.NewCustom(&fpdf.InitType{OrientationStr: "P", UnitStr: "pt", SizeStr: "A4"})
	pdf.SetCompression(true)
	pdf.SetCatalogSort(true)
	pdf.SetCreationDate(doc.Date)
	pdf.SetModificationDate(doc.Date)
	pdf.SetProducer(producer, true)
	pdf.SetCreator(producer, true)
	pdf.SetTitle(doc.Title.Text, true)
	pdf.SetAuthor(doc.Organisation, true)
	subject := doc.IssuingBody
	if strings.TrimSpace(subject) == "" {
		subject = doc.Title.Text
	}
	pdf.SetSubject(subject, true)
	// fpdf writes /Lang unescaped; only a well-formed tag goes in.
	if wellFormedTag(doc.Lang) {
		pdf.SetLang(doc.Lang)
	}
	pdf.SetAutoPageBreak(false, 0)
	pdf.SetMargins(0, 0, 0)

	pdf.AddUTF8FontFromBytes(font.family, "", font.data)
	register(pdf, font)
	if c.logo != nil {
		pdf.RegisterImageOptionsReader("logo", fpdf.ImageOptions{ImageType: "PNG"}, bytes.NewReader(c.logo.png))
	}
	return pdf
}

// How poppler's pdftotext, the extractor we are judged by, rebuilds a
// right-to-left line: it reads the characters in visual order, then walks
// from the right taking runs of "not L and not number" as right-to-left
// and runs of "not R" as left-to-right. A space or comma just left of a
// number or Latin word is therefore pulled into the left-to-right run and
// comes out on the wrong side; in a left-to-right line, the space after an
// Arabic word is pulled into the right-to-left run. An invisible mark in
// the ActualText at such a boundary stops the run where the bidi algorithm
// stopped it. The mark sits where the neutral already resolved to that
// direction, so the copied text means the same.
const (
	rlm = '\u200F'
	lrm = '\u200E'
)

type ptype uint8

const (
	pNeutral ptype = iota
	pR
	pL
	pNum
)

func popplerType(r rune) ptype {
	props, _ := bidi.LookupRune(r)
	switch props.Class() {
	case bidi.R, bidi.AL:
		return pR
	case bidi.L:
		return pL
	case bidi.EN, bidi.AN, bidi.ES, bidi.ET, bidi.CS:
		return pNum
	}
	return pNeutral
}

func allSpace(rs []rune) bool {
	for _, r := range rs {
		if !unicode.IsSpace(r) {
			return false
		}
	}
	return len(rs) > 0
}

// register tells fpdf which codes the document draws, so that its subset
// keeps their glyphs. fpdf records used characters only when its own text
// functions run; a template is drawn into with them and never placed, which
// fills the record (templates share the document's fonts) and writes
// nothing.
func register(pdf *fpdf.Fpdf, font *docFont) {
	var codes []rune
	for _, cs := range font.codes {
		codes = append(codes, cs...)
	}
	slices.Sort(codes)
	pdf.CreateTemplate(func(t *fpdf.Tpl) {
		t.SetFont(font.family, "", 10)
		t.Text(0, 10, string(codes))
	})
}

func appendNums(b []byte, vs ...float64) []byte {
	for _, v := range vs {
		b = strconv.AppendFloat(b, math.Round(v*100)/100, 'f', -1, 64)
		b = append(b, ' ')
	}
	return b
}

// visCluster is a cluster with the characters an extractor will meet
// for it, left to right.
type visCluster struct {
	level  uint8
	space  bool
	visual []rune
}

// markBoundaries adds the bidi marks that keep pdftotext's reordering
// faithful (see popplerType): in a right-to-left line a RIGHT-TO-LEFT MARK
// before a number or Latin text that a space or punctuation precedes, in a
// left-to-right line a LEFT-TO-RIGHT MARK after right-to-left text that a
// space or punctuation follows.
func markBoundaries(items []visCluster, rtl bool) {
	edge := func(v visCluster, last bool) ptype {
		if v.space {
			return pNeutral
		}
		if last {
			return popplerType(v.visual[len(v.visual)-1])
		}
		return popplerType(v.visual[0])
	}
	for i := range items {
		it := &items[i]
		if it.space {
			continue
		}
		if rtl {
			if i == 0 {
				continue
			}
			prev := items[i-1]
			t := edge(*it, false)
			sameRun := it.level%2 == 0 && prev.level%2 == 0
			if (t == pL || t == pNum) && !sameRun && edge(prev, true) != pR {
				it.visual = append([]rune{rlm}, it.visual...)
			}
			continue
		}
		if it.level%2 == 1 && i+1 < len(items) && items[i+1].level%2 == 0 {
			if t := edge(items[i+1], false); t != pL && t != pNum {
				it.visual = append(it.visual, lrm)
			}
		}
	}
}

func (w *writer) line(pl placedLine) error {
	if pl.gray != w.gray {
		if pl.gray {
			w.out = append(w.out, "0.353 g\n"...)
		} else {
			w.out = append(w.out, "0 g\n"...)
		}
		w.gray = pl.gray
	}
	var items []visCluster
	for _, run := range pl.line.Runs {
		for _, cl := range run.Clusters {
			chars := []rune(cl.Text)
			if run.RTL() {
				slices.Reverse(chars)
			}
			items = append(items, visCluster{level: run.Level, space: allSpace(chars), visual: chars})
		}
	}
	markBoundaries(items, pl.line.RTL)

	d := w.font
	var keys []glyphKey
	var codes []rune
	k := 0
	for _, run := range pl.line.Runs {
		fc, ok := w.faces[run.Font]
		if !ok {
			return fmt.Errorf("pdf: font %s is not a bundled font", run.Font.Name)
		}
		w.emit()
		w.ops = append(w.ops, pageOp{size: run.Size})
		var p pending
		for _, cl := range run.Clusters {
			visual := items[k].visual
			k++
			glyphs := run.Glyphs[cl.FirstGlyph : cl.FirstGlyph+cl.NumGlyphs]
			keys, codes = keys[:0], codes[:0]
			for _, g := range glyphs {
				key := glyphKey{fc, g.ID}
				keys = append(keys, key)
				codes = append(codes, d.code(key, cl.Text))
			}
			switch {
			case string(codes) == string(visual) && (len(visual) == 1 || !run.RTL()):
				for i, g := range glyphs {
					w.add(&p, d.width[keys[i]], run.Size, pl.x+g.X, pl.y+g.Y, codes[i])
				}
			case !run.RTL() || len(visual) == 1:
				w.flush(&p)
				w.span(run.Size, pl, cl, glyphs, keys, codes, []string{string(visual)})
			default:
				// Several characters in a right-to-left cluster (lam-alef,
				// a letter and its harakat): one span per character, in
				// visual order across the cluster, as if each had a glyph.
				w.flush(&p)
				parts := make([]string, len(visual))
				for i, r := range visual {
					parts[i] = string(r)
				}
				w.span(run.Size, pl, cl, glyphs, keys, codes, parts)
			}
		}
		w.flush(&p)
	}
	return nil
}

// span draws a cluster inside marked-content spans whose /ActualText are
// parts, splitting the cluster's advance box evenly between them, left to
// right. Extractors place a span's text over the box from its first glyph's
// origin to its last glyph's advance, so invisible space glyphs ("anchors")
// pin each span to exactly its share of the box on the baseline: marks
// drawn above the line or a ligature wider than its share would otherwise
// open false word gaps.
func (w *writer) span(size float64, pl placedLine, cl typeset.Cluster, glyphs []typeset.Glyph, keys []glyphKey, codes []rune, parts []string) {
	d := w.font
	tol := 0.03 * size
	anchorW := d.width[d.anchor]
	anchorCode := d.codes[d.anchor][0]
	spaceW := float64(anchorW) * size / 1000
	left := pl.x + cl.X
	share := cl.Advance / float64(len(parts))
	var p pending
	for k, text := range parts {
		a, b := left+float64(k)*share, left+float64(k+1)*share
		w.out = appendUTF16Hex(append(w.out, "/Span<</ActualText"...), text)
		w.out = append(w.out, ">>BDC\n"...)
		lastEnd, lastY := a, 0.0
		if k == 0 && len(glyphs) > 0 && math.Abs(glyphs[0].X-cl.X) <= tol && glyphs[0].Y == 0 {
			// the first glyph already starts the box
		} else {
			w.add(&p, anchorW, size, a, pl.y, anchorCode)
			lastEnd = a + spaceW
		}
		if k == 0 {
			for i, g := range glyphs {
				w.add(&p, d.width[keys[i]], size, pl.x+g.X, pl.y+g.Y, codes[i])
				lastEnd, lastY = pl.x+g.X+float64(d.width[keys[i]])*size/1000, g.Y
			}
		}
		if math.Abs(lastEnd-b) > tol || lastY != 0 {
			w.add(&p, anchorW, size, b-spaceW, pl.y, anchorCode)
		}
		w.flush(&p)
		w.out = append(w.out, "EMC\n"...)
	}
}

func (w *writer) add(p *pending, width int, size, x, y float64, code rune) {
	if len(p.codes) > 0 && (y != p.y || math.Abs(x-p.next) > 0.005) {
		w.flush(p)
	}
	if len(p.codes) == 0 {
		p.x, p.y = x, y
		p.next = x
	}
	p.codes = append(p.codes, code)
	p.next += float64(width) * size / 1000
}

// flush writes the pending glyphs as one text object. The font and size
// are in the graphics state already; codes are two-byte CIDs (Identity-H).
func (w *writer) flush(p *pending) {
	if len(p.codes) == 0 {
		return
	}
	w.out = append(w.out, "BT "...)
	w.out = appendNums(w.out, p.x, p.y)
	w.out = append(w.out, "Td ("...)
	for _, c := range p.codes {
		for _, b := range []byte{byte(c >> 8), byte(c)} {
			switch b {
			case '(', ')', '\\':
				w.out = append(w.out, '\\', b)
			case '\r':
				w.out = append(w.out, '\\', 'r')
			case '\n':
				w.out = append(w.out, '\\', 'n')
			default:
				w.out = append(w.out, b)
			}
		}
	}
	w.out = append(w.out, ") Tj ET\n"...)
	p.codes = p.codes[:0]
}

// appendUTF16Hex appends s as a PDF hex string in UTF-16BE with a byte
// order mark.
func appendUTF16Hex(b []byte, s string) []byte {
	const digits = "0123456789ABCDEF"
	b = append(b, "<FEFF"...)
	for _, u := range utf16.Encode([]rune(s)) {
		b = append(b, digits[u>>12], digits[u>>8&15], digits[u>>4&15], digits[u&15])
	}
	return append(b, '>')
}

// finish turns fpdf's output into the final file without moving any
// object: fonts get subset tags (ABCDEF+Name, same length as fpdf's
// "utf8cq-name" so the xref stays valid), the header announces PDF 1.5
// (ActualText), and the trailer gets an /ID derived from the content so
// identical documents have identical bytes.
func (w *writer) finish(b []byte) []byte {
	old := "/utf8" + w.font.family
	tagged := "/" + subsetTag(w.font.data) + "+" + w.font.name
	if len(old) == len(tagged) {
		b = bytes.ReplaceAll(b, []byte(old), []byte(tagged))
	}
	for _, v := range []string{"%PDF-1.3", "%PDF-1.4"} {
		if bytes.HasPrefix(b, []byte(v)) {
			copy(b, "%PDF-1.5")
		}
	}
	if i := bytes.LastIndex(b, []byte("trailer\n<<\n")); i >= 0 {
		sum := md5.Sum(b)
		id := hex.EncodeToString(sum[:])
		at := i + len("trailer\n<<\n")
		b = slices.Insert(b, at, []byte("/ID [<"+id+"><"+id+">]\n")...)
	}
	return b
}
