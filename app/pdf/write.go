package pdf

import (
	"bytes"
	"crypto/md5"
	"encoding/hex"
	"fmt"
	"slices"
	"strings"

	"codeberg.org/go-pdf/fpdf"

	"communique/app/pdf/archival"
	"communique/app/pdf/carrier"
	"communique/app/pdf/pdfobj"
	"communique/app/pdf/textobj"
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
	font *docFont
	c    *composition
	ops  []pageOp // the page so far, for fpdf
	out  []byte   // raw operators not yet in ops
	gray bool     // the current fill colour is the secondary grey
	// marks[p][mcid] is the structure element of marked-content
	// sequence mcid on page p.
	marks [][]*structElem
	// carriers is set once a line hides its glyphs from MuPDF
	// (carrier.Hide), whose properties finish adds.
	carriers bool
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

func write(doc *Document, c *composition, pr *program) ([]byte, error) {
	font, err := newDocFont(pr.uses)
	if err != nil {
		return nil, fmt.Errorf("pdf: %s: %w", doc.Lang, err)
	}
	// Registering the font is fpdf's slowest step (it parses the font and
	// hashes a JSON dump of its 65,536-entry width table: a sixth of a
	// one-language export), and the page contents do not need fpdf, so the
	// two run side by side; a few pages ahead at most, so that a long
	// document's contents are not all held twice. The calls fpdf sees,
	// and the bytes, are the same as in sequence.
	started := make(chan *fpdf.Fpdf, 1)
	go func() { started <- newFpdf(doc, c, font) }()
	w := &writer{font: font, c: c}
	pr.bind(font)
	pages := make(chan []pageOp, 16)
	go func() {
		defer close(pages)
		var ds []glyphDraw
		for _, pg := range c.pages {
			w.page(pg)
			for _, l := range pg.prog {
				ds = pr.decode(l, ds[:0])
				rd, rw := pr.reading(l)
				w.line(l, ds, pr.carriers(l), rd, rw)
			}
			pg.prog = nil
			w.emit()
			pages <- w.ops
			w.ops = nil
		}
	}()
	pdf := <-started
	for _, pg := range c.pages {
		pdf.AddPage()
		if pg.logo != nil {
			r := pg.logo
			pdf.RawWriteStr("/Artifact BMC\n")
			pdf.ImageOptions("logo", r.x0, pageH-r.y1, r.x1-r.x0, r.y1-r.y0, false, fpdf.ImageOptions{ImageType: "PNG"}, 0, "")
			pdf.RawWriteStr("EMC\n")
		}
		for _, op := range <-pages {
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
	return w.finish(buf.Bytes())
}

// newFpdf starts the fpdf document: metadata, the document font with the
// codes it draws, the logo.
func newFpdf(doc *Document, c *composition, font *docFont) *fpdf.Fpdf {
	pdf := fpdf.NewCustom(&fpdf.InitType{OrientationStr: "P", UnitStr: "pt", SizeStr: "A4"})
	pdf.SetCompression(true)
	pdf.SetCatalogSort(true)
	pdf.SetCreationDate(doc.Date.UTC())
	pdf.SetModificationDate(doc.Date.UTC())
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
	pdf.SetXmpMetadata(xmpMetadata(doc))
	pdf.SetAutoPageBreak(false, 0)
	pdf.SetMargins(0, 0, 0)

	pdf.AddUTF8FontFromBytes(font.family, "", font.data)
	register(pdf, font)
	if c.logo != nil {
		pdf.RegisterImageOptionsReader("logo", fpdf.ImageOptions{ImageType: "PNG"}, bytes.NewReader(c.logo.PNG))
	}
	return pdf
}

// register tells fpdf which codes the document draws, so that its subset
// keeps their glyphs. fpdf records used characters only when its own text
// functions run; a template is drawn into with them and never placed, which
// fills the record (templates share the document's fonts) and writes
// nothing.
func register(pdf *fpdf.Fpdf, font *docFont) {
	var codes []rune
	for _, c := range font.codes {
		codes = append(codes, c)
	}
	slices.Sort(codes)
	pdf.CreateTemplate(func(t *fpdf.Tpl) {
		t.SetFont(font.family, "", 10)
		t.Text(0, 10, string(codes))
	})
}

// page starts a page's content: the artifact rules.
func (w *writer) page(pg *page) {
	w.gray = false // fpdf starts every page with black fill
	w.marks = append(w.marks, nil)
	if len(pg.rules) > 0 {
		w.out = append(w.out, "/Artifact BMC\n"...)
		for _, r := range pg.rules {
			w.out = append(w.out, "q 0.431 g "...)
			w.out = textobj.AppendNums(w.out, r.x0, r.y0, r.x1-r.x0, r.y1-r.y0)
			w.out = append(w.out, "re f Q\n"...)
		}
		w.out = append(w.out, "EMC\n"...)
	}
}

// line draws a placed line's draws (see textmap.go) left to right,
// batching glyphs that follow each other on the pen into one Tj.
func (w *writer) line(pl progLine, ds []glyphDraw, cs []carrier.Draw, rd []rune, rw int) {
	if pl.gray != w.gray {
		if pl.gray {
			w.out = append(w.out, "0.353 g\n"...)
		} else {
			w.out = append(w.out, "0 g\n"...)
		}
		w.gray = pl.gray
	}
	w.beginMarked(pl)
	defer w.endMarked()
	size := 0.0
	if len(rd) > 0 && len(ds) > 0 {
		// First in the element's content: poppler's structure text
		// stops at the sequence's end (carrier.StructureText).
		size = ds[0].size
		w.emit()
		w.ops = append(w.ops, pageOp{size: size})
		w.out = carrier.AppendStructureText(w.out, rd, rw, size, ds[0].x, pageH)
	}
	if len(cs) > 0 {
		// MuPDF reads the carriers instead (reading.go).
		w.out = append(w.out, carrier.Hide...)
		w.carriers = true
		defer func() { w.out = carrier.AppendOps(w.out, pl.y, cs) }()
		defer func() { w.out = append(w.out, "EMC\n"...) }()
	}
	var p textobj.Object
	for _, d := range ds {
		if d.size != size {
			w.out = p.Flush(w.out)
			w.emit()
			w.ops = append(w.ops, pageOp{size: d.size})
			size = d.size
		}
		switch d.hidden {
		case hiddenClipped:
			// Where the text goes on, to the last bit: poppler orders
			// the mark and the glyph after it by position.
			var origin []byte
			w.out, origin = p.Resume(w.out, d.x)
			w.out = append(w.out, "q 0 0 0 0 re W n BT "...)
			if origin != nil {
				w.out = append(append(w.out, origin...), ' ')
			} else {
				w.out = textobj.AppendNums(w.out, d.x)
			}
			w.out = textobj.AppendNums(w.out, pl.y)
			w.out = append(w.out, "Td ["...)
			w.out = textobj.AppendCode(w.out, d.code)
			w.out = append(w.out, "] TJ ET Q\n"...)
			continue
		case hiddenOffPage:
			w.out = p.AddOffPage(w.out, d.size, d.x, pl.y, d.code)
			continue
		}
		w.out = p.Add(w.out, d.width, d.size, d.x, pl.y, d.code)
	}
	w.out = p.Flush(w.out)
}

// finish turns fpdf's output into the final file: the font gets its
// subset tag (ABCDEF+Name) and its real ToUnicode map, the header
// announces PDF 1.5, and the trailer gets an /ID derived from the content
// so identical documents have identical bytes.
func (w *writer) finish(b []byte) ([]byte, error) {
	old := "/utf8" + w.font.family
	tagged := subsetTag(w.font.data) + "+" + w.font.name
	b = bytes.ReplaceAll(b, []byte(old), []byte("/"+tagged))
	p, err := pdfobj.Split(b)
	if err != nil {
		return nil, fmt.Errorf("pdf: reading fpdf's output: %w", err)
	}
	if err := p.SetToUnicode(tagged, w.font.text); err != nil {
		return nil, err
	}
	if err := addStructTree(p, w.c, w.marks); err != nil {
		return nil, err
	}
	if w.carriers {
		if err := carrier.AddProperties(p); err != nil {
			return nil, err
		}
	}
	if err := archival.FixInfo(p); err != nil {
		return nil, err
	}
	archival.AddOutputIntent(p)
	for _, v := range []string{"%PDF-1.3", "%PDF-1.4"} {
		if bytes.HasPrefix(p.Header, []byte(v)) {
			p.Header = slices.Concat([]byte("%PDF-1.5"), p.Header[len(v):])
		}
	}
	placeholder := strings.Repeat("0", 32)
	out := p.Bytes(placeholder)
	sum := md5.Sum(out)
	id := hex.EncodeToString(sum[:])
	t := bytes.LastIndex(out, []byte("trailer\n"))
	copy(out[t:], bytes.Replace(out[t:], []byte(placeholder), []byte(id), 2))
	return out, nil
}
