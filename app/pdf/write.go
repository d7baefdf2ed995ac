package pdf

import (
	"bytes"
	"crypto/md5"
	"crypto/sha256"
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

// writer draws a composition through fpdf.
type writer struct {
	pdf    *fpdf.Fpdf
	embeds map[*typeset.Font]*embedFont
	// used records, per registered font, the codes drawn, for the subset tag.
	used map[*embedFont]map[rune]bool
}

// pending is a stretch of glyphs that one Tj can draw: same baseline, each
// glyph where the previous one's /W advance leaves the pen.
type pending struct {
	x, y, next float64
	codes      []rune
}

func write(doc *Document, c *composition) ([]byte, error) {
	_, embeds, err := loadFonts()
	if err != nil {
		return nil, err
	}
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
	if doc.Lang != "" {
		pdf.SetLang(doc.Lang)
	}
	pdf.SetAutoPageBreak(false, 0)
	pdf.SetMargins(0, 0, 0)

	w := &writer{pdf: pdf, embeds: embeds, used: make(map[*embedFont]map[rune]bool)}
	if len(doc.Logo) > 0 {
		pdf.RegisterImageOptionsReader("logo", fpdf.ImageOptions{ImageType: "PNG"}, bytes.NewReader(doc.Logo))
	}
	for _, pg := range c.pages {
		pdf.AddPage()
		if pg.logo != nil {
			r := pg.logo
			pdf.ImageOptions("logo", r.x0, pageH-r.y1, r.x1-r.x0, r.y1-r.y0, false, fpdf.ImageOptions{ImageType: "PNG"}, 0, "")
		}
		if len(pg.rules) > 0 {
			pdf.SetFillColor(110, 110, 110)
			for _, r := range pg.rules {
				pdf.Rect(r.x0, pageH-r.y1, r.x1-r.x0, r.y1-r.y0, "F")
			}
		}
		for _, pl := range pg.lines {
			if err := w.line(pl); err != nil {
				return nil, err
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

func (w *writer) font(f *typeset.Font) (*embedFont, error) {
	ef, ok := w.embeds[f]
	if !ok {
		return nil, fmt.Errorf("pdf: font %s is not a bundled font", f.Name)
	}
	if _, ok := w.used[ef]; !ok {
		w.pdf.AddUTF8FontFromBytes(ef.family, "", ef.data)
		w.used[ef] = make(map[rune]bool)
	}
	return ef, nil
}

// codeFor returns the code point that draws glyph gid for a cluster: the
// cluster's own character when the cmap maps it to that glyph, so that the
// identity ToUnicode map already gives the right text, else the glyph's
// code (possibly Private Use).
func (ef *embedFont) codeFor(gid uint16, text string) rune {
	if r, size := firstRune(text); size == len(text) && r <= 0xFFFF {
		if g, ok := ef.src.Parsed().NominalGlyph(r); ok && uint16(g) == gid {
			return r
		}
	}
	if int(gid) < len(ef.code) {
		return ef.code[gid]
	}
	return 0
}

func firstRune(s string) (rune, int) {
	for i, r := range s {
		if i == 0 {
			return r, len(string(r))
		}
	}
	return 0, -1
}

// How poppler's pdftotext, the extractor we are judged by, rebuilds a
// right-to-left line: it reads the characters in visual order, then walks
// from the right taking runs of "not L and not number" as right-to-left
// and runs of "not R" as left-to-right. A space or comma just left of a
// number or Latin word is therefore pulled into the left-to-right run and
// comes out on the wrong side. An invisible RIGHT-TO-LEFT MARK in the
// ActualText at that boundary stops the run where the bidi algorithm
// stopped it. The mark sits where the neutral already resolved to
// right-to-left, so the copied text means the same.
const rlm = '\u200F'

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

func (w *writer) line(pl placedLine) error {
	if pl.gray {
		w.pdf.SetTextColor(90, 90, 90)
	} else {
		w.pdf.SetTextColor(0, 0, 0)
	}
	prev, prevLTR, atStart := pNeutral, false, true
	for _, run := range pl.line.Runs {
		ef, err := w.font(run.Font)
		if err != nil {
			return err
		}
		w.pdf.SetFont(ef.family, "", run.Size)
		used := w.used[ef]
		var p pending
		for _, cl := range run.Clusters {
			glyphs := run.Glyphs[cl.FirstGlyph : cl.FirstGlyph+cl.NumGlyphs]
			codes := make([]rune, len(glyphs))
			for i, g := range glyphs {
				codes[i] = ef.codeFor(g.ID, cl.Text)
				used[codes[i]] = true
			}
			chars := []rune(cl.Text)
			if allSpace(chars) {
				for i, g := range glyphs {
					w.add(&p, ef, run.Size, pl.x+g.X, pl.y+g.Y, codes[i], g.ID)
				}
				// A space inside a left-to-right run keeps the run going.
				prev, prevLTR, atStart = pNeutral, !run.RTL() && prevLTR, false
				continue
			}
			// The characters in the order the extractor will meet them.
			visual := chars
			if run.RTL() {
				visual = slices.Clone(chars)
				slices.Reverse(visual)
			}
			if pl.line.RTL {
				t := popplerType(visual[0])
				continuing := !run.RTL() && prevLTR
				if (t == pL || t == pNum) && !atStart && prev != pR && !continuing {
					visual = append([]rune{rlm}, visual...)
				}
			}
			switch {
			case len(visual) == 1 && string(codes) == cl.Text:
				for i, g := range glyphs {
					w.add(&p, ef, run.Size, pl.x+g.X, pl.y+g.Y, codes[i], g.ID)
				}
			case !run.RTL() || len(visual) == 1:
				w.flush(&p)
				w.span(ef, run.Size, pl, cl, glyphs, codes, []string{string(visual)})
			default:
				// Several characters in a right-to-left cluster (lam-alef,
				// a letter and its harakat): one span per character, in
				// visual order across the cluster, as if each had a glyph.
				w.flush(&p)
				parts := make([]string, len(visual))
				for i, r := range visual {
					parts[i] = string(r)
				}
				w.span(ef, run.Size, pl, cl, glyphs, codes, parts)
			}
			prev, prevLTR, atStart = popplerType(visual[len(visual)-1]), !run.RTL(), false
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
func (w *writer) span(ef *embedFont, size float64, pl placedLine, cl typeset.Cluster, glyphs []typeset.Glyph, codes []rune, parts []string) {
	tol := 0.03 * size
	spaceW := float64(ef.width[ef.spaceGID]) * size / 1000
	left := pl.x + cl.X
	share := cl.Advance / float64(len(parts))
	var p pending
	for k, text := range parts {
		a, b := left+float64(k)*share, left+float64(k+1)*share
		w.pdf.RawWriteStr("/Span <</ActualText " + utf16Hex(text) + ">> BDC")
		lastEnd, lastY := a, 0.0
		if k == 0 && len(glyphs) > 0 && math.Abs(glyphs[0].X-cl.X) <= tol && glyphs[0].Y == 0 {
			// the first glyph already starts the box
		} else {
			w.add(&p, ef, size, a, pl.y, ' ', ef.spaceGID)
			lastEnd = a + spaceW
		}
		if k == 0 {
			for i, g := range glyphs {
				w.add(&p, ef, size, pl.x+g.X, pl.y+g.Y, codes[i], g.ID)
				lastEnd, lastY = pl.x+g.X+float64(ef.width[g.ID])*size/1000, g.Y
			}
		}
		if math.Abs(lastEnd-b) > tol || lastY != 0 {
			w.add(&p, ef, size, b-spaceW, pl.y, ' ', ef.spaceGID)
		}
		w.flush(&p)
		w.pdf.RawWriteStr("EMC")
	}
}

func (w *writer) add(p *pending, ef *embedFont, size, x, y float64, code rune, gid uint16) {
	if len(p.codes) > 0 && (y != p.y || math.Abs(x-p.next) > 0.005) {
		w.flush(p)
	}
	if len(p.codes) == 0 {
		p.x, p.y = x, y
		p.next = x
	}
	p.codes = append(p.codes, code)
	p.next += float64(ef.width[gid]) * size / 1000
}

func (w *writer) flush(p *pending) {
	if len(p.codes) == 0 {
		return
	}
	w.pdf.Text(p.x, pageH-p.y, string(p.codes))
	p.codes = p.codes[:0]
}

// utf16Hex writes s as a PDF hex string in UTF-16BE with a byte order mark.
func utf16Hex(s string) string {
	var b strings.Builder
	b.WriteString("<FEFF")
	for _, u := range utf16.Encode([]rune(s)) {
		fmt.Fprintf(&b, "%04X", u)
	}
	b.WriteString(">")
	return b.String()
}

// finish turns fpdf's output into the final file without moving any
// object: fonts get subset tags (ABCDEF+Name, same length as fpdf's
// "utf8cq-name" so the xref stays valid), the header announces PDF 1.5
// (ActualText), and the trailer gets an /ID derived from the content so
// identical documents have identical bytes.
func (w *writer) finish(b []byte) []byte {
	fonts := make([]*embedFont, 0, len(w.used))
	for ef := range w.used {
		fonts = append(fonts, ef)
	}
	slices.SortFunc(fonts, func(a, b *embedFont) int { return strings.Compare(a.family, b.family) })
	for _, ef := range fonts {
		old := "/utf8" + ef.family
		tagged := "/" + subsetTag(ef, w.used[ef]) + "+" + ef.src.Name
		if len(old) == len(tagged) {
			b = bytes.ReplaceAll(b, []byte(old), []byte(tagged))
		}
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
		ins := "/ID [<" + id + "><" + id + ">]\n"
		b = slices.Insert(b, at, []byte(ins)...)
	}
	return b
}

// subsetTag derives the six-letter subset prefix from the font and the
// codes drawn with it.
func subsetTag(ef *embedFont, used map[rune]bool) string {
	codes := make([]rune, 0, len(used))
	for r := range used {
		codes = append(codes, r)
	}
	slices.Sort(codes)
	h := sha256.New()
	h.Write([]byte(ef.src.Name))
	for _, r := range codes {
		h.Write([]byte(strconv.Itoa(int(r)) + ","))
	}
	sum := h.Sum(nil)
	tag := make([]byte, 6)
	for i := range tag {
		tag[i] = 'A' + sum[i]%26
	}
	return string(tag)
}
