package pdf

import (
	"communique/app/locale"
	"fmt"
	"strings"
	"sync"
	"unicode/utf8"

	"communique/app/pdf/logo"
	"communique/app/typeset"
	"communique/internal/parallel"
)

// Page geometry, in points. A4 as fpdf defines it.
const (
	pageW = 595.28
	pageH = 841.89

	marginStart  = 70.87 // 25 mm on the side lines start from
	marginEnd    = 56.69 // 20 mm
	marginTop    = 56.69
	marginBottom = 70.87 // body stops here; the footer sits below
	footerY      = 36    // footer baseline

	logoMaxH = 42
	logoMaxW = 140

	sigWidth   = 210
	sigPadding = 8
)

// Text sizes, in points.
const (
	sizeOrg    = 13
	sizeTitle  = 16
	sizeBody   = 11
	sizeFooter = 8.5
	sizeSig    = 9.5
)

type rect struct{ x0, y0, x1, y1 float64 }

// placedLine is a typeset line put on a page: x is the left edge of its
// box, y its baseline.
type placedLine struct {
	line typeset.Line
	x, y float64
	gray bool
	id   string // message the line comes from
	// elem is the structure element the line belongs to; nil for an
	// artifact (page numbers, the signature appearance), whose kind is
	// artifact.
	elem     *structElem
	artifact string
	// cont marks the rest of a line whose first characters, a Span of
	// their own, are the placed line before it (span.split); whole is
	// then, in both parts, the line they were split from.
	cont  bool
	whole *typeset.Line
}

// dateline places "Place, date", the place a Span of its own when it is in
// another language (Document.PlaceLang).
func (k *composer) dateline() error {
	doc := k.doc
	if wellFormedTag(doc.PlaceLang) && !strings.EqualFold(doc.PlaceLang, doc.Lang) && doc.Place != "" {
		// The dateline starts with the place, isolated (FSI…PDI).
		k.span = &span{from: 1, to: 1 + utf8.RuneCountInString(doc.Place), lang: doc.PlaceLang}
		defer func() { k.span = nil }()
	}
	return k.block(partID(doc.PlaceID, "place"), locale.Dateline(doc.Lang, doc.Place, doc.Date), sizeBody, false, typeset.AlignEnd, false, 18)
}

// span is a stretch of a block's characters (rune offsets from, to) in
// another language: a Span element of the block's element, tagged lang.
type span struct {
	from, to int
	lang     string
}

// split returns a placed line as the lines that draw it: the characters
// in the span first, as a line of the Span element child, then the rest,
// so that pdf.js, which reads text items in stream order, meets them in
// reading order (the span is at the start of the block's text). A nil
// span, or a line all on one side of it, is the line itself.
func (sp *span) split(pl placedLine, child *structElem) []placedLine {
	if sp == nil {
		return []placedLine{pl}
	}
	in, out := pl, pl
	in.line.Runs, out.line.Runs = nil, nil
	for _, r := range pl.line.Runs {
		// Each part keeps the glyphs of its own clusters (the preview
		// paints a run's glyphs, the writer its clusters').
		ri, ro := r, r
		ri.Clusters, ro.Clusters, ri.Glyphs, ro.Glyphs = nil, nil, nil, nil
		for _, cl := range r.Clusters {
			part := &ro
			if cl.Start >= sp.from && cl.Start < sp.to {
				part = &ri
			}
			glyphs := r.Glyphs[cl.FirstGlyph : cl.FirstGlyph+cl.NumGlyphs]
			cl.FirstGlyph = len(part.Glyphs)
			part.Glyphs = append(part.Glyphs, glyphs...)
			part.Clusters = append(part.Clusters, cl)
		}
		if len(ri.Clusters) > 0 {
			in.line.Runs = append(in.line.Runs, ri)
		}
		if len(ro.Clusters) > 0 {
			out.line.Runs = append(out.line.Runs, ro)
		}
	}
	in.elem, out.cont = child, true
	in.whole, out.whole = &pl.line, &pl.line
	switch {
	case len(in.line.Runs) == 0:
		return []placedLine{pl}
	case len(out.line.Runs) == 0:
		in.line.Hyphenated = pl.line.Hyphenated
		return []placedLine{in}
	}
	in.line.Hyphenated = false
	return []placedLine{in, out}
}

// structElem is an element of the tagged PDF's structure tree: the
// document's parts in reading order (ISO 14289-1, PDF/UA).
type structElem struct {
	role   string // standard structure type: H1, P, Span
	lang   string // BCP 47 tag when not the document's (Part.Lang)
	parent *structElem
}

type page struct {
	lines []placedLine
	rules []rect // filled rectangles: the letterhead rule, signature frame
	logo  *rect
	// prog holds the lines of a page a pageSink has taken, in the compact
	// form the writer draws from (stream.go); lines is then emptied.
	prog []progLine
}

// pageSink takes the lines of a finished page (and later those of its
// footer) as compose goes, so that a long document's typeset lines do not
// all stay in memory until it ends.
type pageSink func(c *composition, pg *page) error

// composition is the laid-out document: Export writes it, Render paints it.
type composition struct {
	faces map[*typeset.Font]*face // the fonts the layout used, re-encoded for the writer
	pages []*page
	elems []*structElem // in reading order
	sig   *Rect
	logo  *logo.Logo
}

// checkGlyphs fails on the first character of a text that no bundled font
// can draw, naming the language and message.
func checkGlyphs(fonts *typeset.FontSet, lang, id, text string, bold bool) error {
	if r, missing := fonts.MissingRune(text, bold); missing {
		return &MissingGlyphError{Lang: lang, MessageID: id, Char: r}
	}
	return nil
}

type composer struct {
	doc    *Document
	fonts  *typeset.FontSet
	eng    *typeset.Engine
	rtl    bool
	lead   float64 // leading factor: Naskh needs more room than Noto Sans
	left   float64
	width  float64
	c      *composition
	pg     *page
	role   string  // structure type of the blocks being placed
	lang   string  // their language when not the document's (Part.Lang)
	span   *span   // characters of the block that are a Span of their own
	top    float64 // top of the next line box
	bottom float64
	sink   pageSink // nil: pages keep their lines
	err    error    // the first error of sink
}

// compose lays doc out on pages. With a sink, each page's lines go to it
// once the page is full, and its footer line once all pages are known.
func compose(doc *Document, sink pageSink) (*composition, error) {
	type textCheck struct {
		id, text string
		bold     bool
	}
	checks := []textCheck{
		{partID(doc.OrganisationID, "organisation"), doc.Organisation, true},
		{doc.Title.ID, doc.Title.Text, true},
		{partID(doc.IssuingBodyID, "issuing body"), doc.IssuingBody, false},
		{partID(doc.PlaceID, "place"), doc.Place, false},
	}
	for _, p := range doc.Paragraphs {
		checks = append(checks, textCheck{p.ID, p.Text, false})
	}
	if s := doc.Signature; s != nil {
		checks = append(checks, textCheck{"(signer)", s.Signer, false}, textCheck{"(role)", s.Role, false})
	}
	// The page's own words (dateline, page numbers, signature caption) are
	// in the document's language and may be its only Arabic-script text.
	texts := []string{locale.Dateline(doc.Lang, doc.Place, doc.Date), locale.PageLabel(doc.Lang, 1, 1), locale.Signed(doc.Lang)}
	for _, c := range checks {
		texts = append(texts, c.text)
	}
	fonts, faces, err := fontsFor(doc, texts)
	if err != nil {
		return nil, err
	}
	for _, c := range checks {
		if err := checkGlyphs(fonts, doc.Lang, c.id, c.text, c.bold); err != nil {
			return nil, err
		}
	}

	eng := getEngine()
	defer putEngine(eng)

	k := &composer{doc: doc, fonts: fonts, eng: eng, c: &composition{faces: faces}, bottom: marginBottom, sink: sink}
	switch typeset.DirectionOf(doc.Lang) {
	case typeset.RightToLeft:
		k.rtl = true
	case typeset.Auto:
		for _, t := range append([]string{doc.Title.Text}, partTexts(doc.Paragraphs)...) {
			if d := typeset.DirectionOfText(t); d != typeset.Auto {
				k.rtl = d == typeset.RightToLeft
				break
			}
		}
	}
	// Right-to-left documents are set in Noto Naskh Arabic, whose tall
	// ascenders and deep descenders need more leading than Noto Sans.
	k.lead = 1.4
	if k.rtl {
		k.lead = 1.75
	}
	k.left = marginStart
	if k.rtl {
		k.left = marginEnd
	}
	k.width = pageW - marginStart - marginEnd
	k.newPage()
	body := k.layoutBody()
	defer body.stop()

	if err := k.letterhead(); err != nil {
		return nil, err
	}
	k.role, k.lang = "H1", doc.Title.Lang
	if err := k.block(doc.Title.ID, doc.Title.Text, sizeTitle, true, typeset.AlignStart, false, 6); err != nil {
		return nil, err
	}
	k.role, k.lang = "P", ""
	if err := k.block(partID(doc.IssuingBodyID, "issuing body"), doc.IssuingBody, sizeBody, false, typeset.AlignStart, true, 4); err != nil {
		return nil, err
	}
	if err := k.dateline(); err != nil {
		return nil, err
	}
	for i, p := range doc.Paragraphs {
		k.lang = p.Lang
		if err := k.place(p.ID, p.Text, sizeBody, false, 0.6*sizeBody*k.lead, body.get(i)); err != nil {
			return nil, err
		}
	}
	k.lang = ""
	if doc.Signature != nil {
		if err := k.signature(); err != nil {
			return nil, err
		}
	}
	if err := k.footers(); err != nil {
		return nil, err
	}
	if k.err != nil {
		return nil, k.err
	}
	return k.c, nil
}

// flush hands a page's lines to the sink.
func (k *composer) flush(pg *page) {
	if k.sink == nil || pg == nil {
		return
	}
	if err := k.sink(k.c, pg); err != nil && k.err == nil {
		k.err = err
	}
	pg.lines = nil
}

func partTexts(ps []Part) []string {
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = p.Text
	}
	return out
}

// newElem starts a structure element of the current role, with its
// language when that is a well-formed tag other than the document's.
func (k *composer) newElem() *structElem {
	e := &structElem{role: k.role}
	if wellFormedTag(k.lang) && !strings.EqualFold(k.lang, k.doc.Lang) {
		e.lang = k.lang
	}
	k.c.elems = append(k.c.elems, e)
	return e
}

func (k *composer) newPage() {
	k.flush(k.pg)
	k.pg = &page{}
	k.c.pages = append(k.c.pages, k.pg)
	k.top = pageH - marginTop
}

func (k *composer) style(size float64, bold bool, align typeset.Align) typeset.Style {
	dir := typeset.Auto // known languages decide; others go by first strong character
	lang := k.doc.Lang
	if wellFormedTag(k.lang) {
		// A part in another language is set as that language is: an
		// English paragraph in an Arabic statement runs left to right.
		lang = k.lang
	}
	return typeset.Style{Fonts: k.fonts, Bold: bold, Size: size, Leading: size * k.lead, Lang: lang, Dir: dir, Align: align}
}

func (k *composer) layout(id, text string, width, size float64, bold bool, align typeset.Align) (*typeset.Paragraph, error) {
	st := k.style(size, bold, align)
	p, err := k.eng.Layout(text, width, st)
	if err != nil {
		if mg, ok := err.(*typeset.MissingGlyphError); ok {
			return nil, &MissingGlyphError{Lang: k.doc.Lang, MessageID: id, Char: mg.Char}
		}
		return nil, fmt.Errorf("pdf: %s: message %q: %w", k.doc.Lang, id, err)
	}
	return p, nil
}

// baseline returns the baseline of a line box whose top is top.
func baseline(top, leading, size float64) float64 {
	return top - (leading-size)/2 - 0.8*size
}

// laidOut is a paragraph laid out on another engine.
type laidOut struct {
	p   *typeset.Paragraph
	err error
}

// bodyWindow is how many body paragraphs may be laid out ahead of the one
// being placed: enough to keep every CPU busy, few enough that a long
// statement's typeset lines (some 10 KB a line) never pile up. Laying out
// a whole half of the document ahead held 100 MB at 500 pages.
const bodyWindow = 16

// bodyLayout lays out the body paragraphs on every CPU, in order and at
// most bodyWindow ahead of the paragraph being placed, while compose sets
// the letterhead and title: paragraphs are laid out independently, and
// only their flow onto pages is sequential.
type bodyLayout struct {
	results []chan laidOut
	mu      sync.Mutex
	moved   *sync.Cond
	placed  int // paragraphs taken by get
	stopped bool
}

func (k *composer) layoutBody() *bodyLayout {
	ps := k.doc.Paragraphs
	b := &bodyLayout{results: make([]chan laidOut, len(ps))}
	b.moved = sync.NewCond(&b.mu)
	for i := range b.results {
		b.results[i] = make(chan laidOut, 1)
	}
	helper := *k // only the read-only fields are used: doc, fonts, width, style
	go parallel.Each(len(ps), func(i int) {
		var r laidOut
		if b.wait(i) && strings.TrimSpace(ps[i].Text) != "" {
			h := helper
			h.eng = getEngine()
			h.lang = ps[i].Lang
			r.p, r.err = h.layout(ps[i].ID, ps[i].Text, k.width, sizeBody, false, typeset.AlignJustify)
			putEngine(h.eng)
		}
		b.results[i] <- r
	})
	return b
}

// wait blocks until paragraph i is within the window; false once stopped.
// The paragraph get waits for is always within it, so the two cannot wait
// for each other.
func (b *bodyLayout) wait(i int) bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	for i >= b.placed+bodyWindow && !b.stopped {
		b.moved.Wait()
	}
	return !b.stopped
}

// get returns paragraph i, laid out; paragraphs are taken in order.
func (b *bodyLayout) get(i int) laidOut {
	r := <-b.results[i]
	b.mu.Lock()
	b.placed = i + 1
	b.moved.Broadcast()
	b.mu.Unlock()
	return r
}

// stop lets the layout of paragraphs no one will take end at once.
func (b *bodyLayout) stop() {
	b.mu.Lock()
	b.stopped = true
	b.moved.Broadcast()
	b.mu.Unlock()
}

// block lays out a paragraph across the body width and flows it onto the
// pages, never leaving a single line of a paragraph alone at the foot or
// head of a page; gap is the space after it.
func (k *composer) block(id, text string, size float64, bold bool, align typeset.Align, gray bool, gap float64) error {
	if strings.TrimSpace(text) == "" {
		return nil
	}
	p, err := k.layout(id, text, k.width, size, bold, align)
	return k.place(id, text, size, gray, gap, laidOut{p, err})
}

// place flows a laid-out paragraph onto the pages (see block).
func (k *composer) place(id, text string, size float64, gray bool, gap float64, r laidOut) error {
	if strings.TrimSpace(text) == "" {
		return nil
	}
	if r.err != nil {
		return r.err
	}
	p := r.p
	lines := p.Lines
	elem := k.newElem()
	var child *structElem
	if k.span != nil {
		child = &structElem{role: "Span", lang: k.span.lang, parent: elem}
		k.c.elems = append(k.c.elems, child)
	}
	for len(lines) > 0 {
		fit := int((k.top - k.bottom + 1e-6) / p.Leading)
		n := len(lines)
		switch {
		case fit <= 0:
			k.newPage()
			continue
		case fit >= n:
		case fit == 1 && n > 1:
			k.newPage()
			continue
		case n-fit == 1 && fit >= 3:
			n = fit - 1
		default:
			n = fit
		}
		for _, ln := range lines[:n] {
			pl := placedLine{line: ln, x: k.left, y: baseline(k.top, p.Leading, size), gray: gray, id: id, elem: elem}
			k.pg.lines = append(k.pg.lines, k.span.split(pl, child)...)
			k.top -= p.Leading
		}
		lines = lines[n:]
		if len(lines) > 0 {
			k.newPage()
		}
	}
	k.top -= gap
	return nil
}

// letterhead puts the logo and organisation name at the head of page one,
// on the side lines start from, with a rule beneath.
func (k *composer) letterhead() error {
	if strings.TrimSpace(k.doc.Organisation) == "" && len(k.doc.Logo) == 0 {
		return nil
	}
	top := k.top
	logoW, logoH := 0.0, 0.0
	if len(k.doc.Logo) > 0 {
		l, err := logo.Prepare(k.doc.Logo)
		if err != nil {
			return fmt.Errorf("pdf: %s: %w", k.doc.Lang, err)
		}
		k.c.logo = l
		logoH = logoMaxH
		logoW = logoH * float64(l.W) / float64(l.H)
		if logoW > logoMaxW {
			logoW = logoMaxW
			logoH = logoW * float64(l.H) / float64(l.W)
		}
		x := k.left
		if k.rtl {
			x = k.left + k.width - logoW
		}
		k.pg.logo = &rect{x, top - logoH, x + logoW, top}
	}
	nameH := 0.0
	if strings.TrimSpace(k.doc.Organisation) != "" {
		gapW := 0.0
		if logoW > 0 {
			gapW = logoW + 12
		}
		p, err := k.layout(partID(k.doc.OrganisationID, "organisation"), k.doc.Organisation, k.width-gapW, sizeOrg, true, typeset.AlignStart)
		if err != nil {
			return err
		}
		nameH = p.Height()
		x := k.left + gapW
		if k.rtl {
			x = k.left
		}
		t := top - max(0, (logoH-nameH)/2)
		k.role = "P"
		elem := k.newElem()
		for _, ln := range p.Lines {
			k.pg.lines = append(k.pg.lines, placedLine{line: ln, x: x, y: baseline(t, p.Leading, sizeOrg), elem: elem})
			t -= p.Leading
		}
	}
	ruleY := top - max(logoH, nameH) - 10
	k.pg.rules = append(k.pg.rules, rect{k.left, ruleY - 0.8, k.left + k.width, ruleY})
	k.top = ruleY - 22
	return nil
}

// sigEntry is one paragraph of the signature block.
type sigEntry struct {
	id, text string
	bold     bool
}

// signature typesets the visible signature block at the end side of the
// last page, framed, and records its rectangle for the signature widget.
// It never adds a page: the app previews the unsigned document, and a
// signed file must not have a page the preview did not show (issue #10).
// When the full block does not fit below the text, a compact one (the
// caption, then signer, role and date on one line, smaller) goes into
// the band between the text and the page number.
func (k *composer) signature() error {
	s := k.doc.Signature
	date := s.Date
	if date.IsZero() {
		date = k.doc.Date
	}
	caption := sigEntry{"(signature caption)", locale.Signed(k.doc.Lang), true}
	full := []sigEntry{caption, {"(signer)", s.Signer, false}, {"(role)", s.Role, false},
		{"(signature date)", locale.Date(k.doc.Lang, date), false}}
	paras, height, err := k.sigParagraphs(full, sizeSig, sigWidth-2*sigPadding, sigPadding)
	if err != nil {
		return err
	}
	const gap = 24
	if k.top-gap-height >= k.bottom {
		k.sigBox(paras, k.top-gap, height, sigWidth, sigPadding, sizeSig)
		return nil
	}
	var details []string
	for _, t := range []string{s.Signer, s.Role, locale.Date(k.doc.Lang, date)} {
		if strings.TrimSpace(t) != "" {
			details = append(details, t)
		}
	}
	compact := []sigEntry{caption, {"(signature details)", strings.Join(details, listSeparator(k.doc.Lang)), false}}
	bandBottom := footerY + sizeFooter + 4.0
	const width, padding = 2 * sigWidth, 3
	size := sizeFooter
	for ; ; size -= 0.5 {
		paras, height, err = k.sigParagraphs(compact, size, width-2*padding, padding)
		if err != nil {
			return err
		}
		if k.top-bandBottom >= height || size <= 5 {
			break
		}
	}
	k.sigBox(paras, bandBottom+height, height, width, padding, size)
	return nil
}

// sigParagraphs lays out the block's entries in a box inner points wide
// and returns them with the block's height, padding included.
func (k *composer) sigParagraphs(entries []sigEntry, size, inner, padding float64) ([]*typeset.Paragraph, float64, error) {
	var paras []*typeset.Paragraph
	height := 0.0
	for _, e := range entries {
		if strings.TrimSpace(e.text) == "" {
			continue
		}
		p, err := k.layout(e.id, e.text, inner, size, e.bold, typeset.AlignStart)
		if err != nil {
			return nil, 0, err
		}
		paras = append(paras, p)
		height += p.Height()
	}
	return paras, height + 2*padding, nil
}

// sigBox places the block's paragraphs in a frame width points wide whose
// top is y1, on the end side of the current page.
func (k *composer) sigBox(paras []*typeset.Paragraph, y1, height, width, padding, size float64) {
	y0 := y1 - height
	x0 := k.left + k.width - width
	if k.rtl {
		x0 = k.left
	}
	x1 := x0 + width
	t := y1 - (height-sumHeights(paras))/2
	for _, p := range paras {
		for _, ln := range p.Lines {
			k.pg.lines = append(k.pg.lines, placedLine{line: ln, x: x0 + padding, y: baseline(t, p.Leading, size), artifact: "Layout"})
			t -= p.Leading
		}
	}
	const w = 0.6
	k.pg.rules = append(k.pg.rules,
		rect{x0, y1 - w, x1, y1}, rect{x0, y0, x1, y0 + w},
		rect{x0, y0, x0 + w, y1}, rect{x1 - w, y0, x1, y1})
	k.top = min(k.top, y0)
	k.c.sig = &Rect{Page: len(k.c.pages), X0: x0, Y0: y0, X1: x1, Y1: y1}
}

// listSeparator joins the signer, role and date of a compact signature
// block the way the language separates list items.
func listSeparator(lang string) string {
	if c, ok := locale.Comma(lang); ok {
		return c
	}
	return ", "
}

func sumHeights(ps []*typeset.Paragraph) float64 {
	h := 0.0
	for _, p := range ps {
		h += p.Height()
	}
	return h
}

// footers writes "page x of y" at the foot of every page.
func (k *composer) footers() error {
	k.flush(k.pg)
	n := len(k.c.pages)
	for i, pg := range k.c.pages {
		p, err := k.layout("(page number)", locale.PageLabel(k.doc.Lang, i+1, n), k.width, sizeFooter, false, typeset.AlignCenter)
		if err != nil {
			return err
		}
		for _, ln := range p.Lines {
			pg.lines = append(pg.lines, placedLine{line: ln, x: k.left, y: footerY, gray: true, artifact: "Pagination"})
		}
		k.flush(pg)
	}
	return nil
}
