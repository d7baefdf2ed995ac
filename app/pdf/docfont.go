package pdf

import (
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"slices"
	"strings"

	"communique/app/pdf/sfnt"
	"communique/app/typeset"
)

// fpdf writes CID = code point and can only draw glyphs its font's format-4
// cmap reaches. Contextual Arabic forms, ligatures and mirrored brackets
// are reached by no code point, so each document gets its own font: the
// glyphs its layout uses, gathered from the bundled faces, with a cmap that
// gives every code the document draws its glyph.
//
// Readers get the text from the font's ToUnicode map alone (pdf.js never
// reads /ActualText), so a code stands for one (glyph, text) pair: an
// Arabic letter's initial form and its final form get codes that both map
// to the base letter, a ligature's code maps to all its characters, and a
// glyph drawn for two different texts gets two codes. A cluster drawn with
// several glyphs (a letter and its harakat, a base and a mark) becomes one
// composite glyph, so that its text is mapped exactly once. See
// ../../../shared/notes/pdftext.md for what each reader does.
//
// One merged font instead of one per face matters for speed: fpdf spends
// milliseconds per font on fixed-size tables (a 64K-entry width array
// serialized to JSON, a 128 KB CIDToGIDMap compressed) whatever the font
// holds.

// face is a bundled font prepared once per process for merging: metrics,
// glyph locations and the tables a merged font borrows. Glyph descriptions
// are unhinted when a document uses them: a document draws a few hundred of
// a face's thousands of glyphs, and a cold process pays for every page of
// memory it fills.
type face struct {
	src    *typeset.Font
	order  int // merge priority: regular weights before bold
	tables map[string][]byte
	glyf   []byte
	starts []uint32 // glyph g is glyf[starts[g]:starts[g+1]]
	adv    []uint16
	lsb    []int16
	upem   int
	space  uint16 // glyph of U+0020
}

func newFace(src *typeset.Font, order int) (*face, error) {
	tables, err := sfnt.ReadTables(src.Data)
	if err != nil {
		return nil, fmt.Errorf("pdf: font %s: %w", src.Name, err)
	}
	f := &face{src: src, order: order, tables: tables}
	if err := f.load(); err != nil {
		return nil, fmt.Errorf("pdf: font %s: %w", src.Name, err)
	}
	return f, nil
}

func (f *face) load() error {
	be := binary.BigEndian
	head, maxp, hhea, hmtx := f.tables["head"], f.tables["maxp"], f.tables["hhea"], f.tables["hmtx"]
	if len(head) < 54 || len(maxp) < 6 || len(hhea) < 36 {
		return errors.New("missing head, maxp or hhea table")
	}
	for _, tag := range []string{"OS/2", "post", "name", "loca", "glyf"} {
		if _, ok := f.tables[tag]; !ok {
			return fmt.Errorf("no %s table", tag)
		}
	}
	f.upem = int(be.Uint16(head[18:]))
	n := int(be.Uint16(maxp[4:]))
	nh := int(be.Uint16(hhea[34:]))
	if nh == 0 || nh > n || len(hmtx) < 4*nh+2*(n-nh) {
		return errors.New("bad hmtx table")
	}
	f.adv, f.lsb = make([]uint16, n), make([]int16, n)
	for g := range n {
		if g < nh {
			f.adv[g], f.lsb[g] = be.Uint16(hmtx[4*g:]), int16(be.Uint16(hmtx[4*g+2:]))
		} else {
			f.adv[g], f.lsb[g] = f.adv[nh-1], int16(be.Uint16(hmtx[4*nh+2*(g-nh):]))
		}
	}
	long := be.Uint16(head[50:]) == 1
	loca := f.tables["loca"]
	f.glyf = f.tables["glyf"]
	if long && len(loca) < 4*(n+1) || !long && len(loca) < 2*(n+1) {
		return errors.New("loca table too short")
	}
	f.starts = make([]uint32, n+1)
	for g := range n + 1 {
		if long {
			f.starts[g] = be.Uint32(loca[4*g:])
		} else {
			f.starts[g] = 2 * uint32(be.Uint16(loca[2*g:]))
		}
		if g > 0 && f.starts[g] < f.starts[g-1] || int(f.starts[g]) > len(f.glyf) {
			return fmt.Errorf("glyph %d out of bounds", max(g-1, 0))
		}
	}
	space, ok := f.src.Parsed().NominalGlyph(' ')
	if !ok || int(space) >= n {
		return errors.New("no space glyph")
	}
	f.space = uint16(space)
	return nil
}

// glyph returns glyph g's description without its instructions, in a new
// slice the caller may change.
func (f *face) glyph(g uint16) ([]byte, error) {
	if int(g)+1 >= len(f.starts) {
		return nil, fmt.Errorf("pdf: font %s has no glyph %d", f.src.Name, g)
	}
	d, err := sfnt.Unhinted(f.glyf[f.starts[g]:f.starts[g+1]])
	if err != nil {
		return nil, fmt.Errorf("pdf: font %s glyph %d: %w", f.src.Name, g, err)
	}
	return d, nil
}

// blank reports whether glyph g has no outline (a space, a zero-width
// control).
func (f *face) blank(g uint16) bool {
	return int(g)+1 >= len(f.starts) || f.starts[g] == f.starts[g+1]
}

// form is what one code draws: a glyph of a bundled face, or several of
// them at offsets (a composite glyph in the document font), with the
// advance the layout gave it, in font units. A lone glyph without offsets
// (nearly every cluster) is gid with no parts; otherwise parts packs
// (glyph, dx, dy) triples, offsets in font units from the pen, so that a
// form can be a map key.
type form struct {
	face  *face
	gid   uint16
	parts string
	adv   int
}

type formPart struct {
	gid    uint16
	dx, dy int16
}

func packForm(f *face, parts []formPart, adv int) form {
	if len(parts) == 1 && parts[0].dx == 0 && parts[0].dy == 0 {
		return form{face: f, gid: parts[0].gid, adv: adv}
	}
	b := make([]byte, 0, 6*len(parts))
	for _, p := range parts {
		b = binary.BigEndian.AppendUint16(b, p.gid)
		b = binary.BigEndian.AppendUint16(b, uint16(p.dx))
		b = binary.BigEndian.AppendUint16(b, uint16(p.dy))
	}
	return form{face: f, parts: string(b), adv: adv}
}

func (fm form) unpack() []formPart {
	if fm.parts == "" {
		return []formPart{{gid: fm.gid}}
	}
	be := binary.BigEndian
	out := make([]formPart, len(fm.parts)/6)
	for i := range out {
		p := fm.parts[6*i:]
		out[i] = formPart{be.Uint16([]byte(p[0:2])), int16(be.Uint16([]byte(p[2:4]))), int16(be.Uint16([]byte(p[4:6])))}
	}
	return out
}

// glyphForm is a face glyph with its own advance.
func glyphForm(f *face, gid uint16) form {
	adv := 0
	if int(gid) < len(f.adv) {
		adv = int(f.adv[gid])
	}
	return form{face: f, gid: gid, adv: adv}
}

// own reports whether the form is a face glyph as the face has it, whose
// description the document font can copy.
func (fm form) own() (uint16, bool) {
	gid, ok := fm.single()
	return gid, ok && int(gid) < len(fm.face.adv) && int(fm.face.adv[gid]) == fm.adv
}

// single reports whether the form is one glyph without offsets, and which.
func (fm form) single() (uint16, bool) { return fm.gid, fm.parts == "" }

// clusterForm returns the form that draws a cluster's glyphs from the
// pen position x (points from the line's left; the baseline) with the
// cluster's advance, and whether the cluster draws anything at all. A lone
// glyph without offsets is itself; anything else becomes a composite, so
// that the pen never jumps inside a line: a letter with its harakat, a
// glyph HarfBuzz moved. Glyphs with no outline are left out of composites.
func clusterForm(f *face, size float64, glyphs []typeset.Glyph, x, advance float64) (form, bool) {
	k := float64(f.upem) / size
	adv := int(roundUnits(advance * k))
	if g := glyphs[0]; len(glyphs) == 1 && roundUnits((g.X-x)*k) == 0 && roundUnits(g.Y*k) == 0 {
		return form{face: f, gid: g.ID, adv: adv}, !f.blank(g.ID)
	}
	var parts []formPart
	ink := false
	for _, g := range glyphs {
		if f.blank(g.ID) {
			continue
		}
		ink = true
		parts = append(parts, formPart{g.ID, roundUnits((g.X - x) * k), roundUnits(g.Y * k)})
	}
	if len(parts) == 0 {
		parts = []formPart{{gid: glyphs[0].ID}}
	}
	return packForm(f, parts, adv), ink
}

func roundUnits(v float64) int16 {
	if v < 0 {
		return int16(v - 0.5)
	}
	return int16(v + 0.5)
}

// use is one (form, text) pair the document draws; it gets its own code.
type use struct {
	form form
	text string // what ToUnicode gives for the code, in the order readers read it
}

// docFont is the font one document is drawn with.
type docFont struct {
	// name is the PostScript name; family the name fpdf registers, whose
	// "utf8"+family BaseFont finish turns into "TAG+"+name.
	name, family string
	data         []byte
	codes        map[use]rune    // the code that draws each use
	text         map[rune]string // ToUnicode: the text of each code
	width        map[form]int    // /W advance, thousandths of the size
}

const (
	puaFirst = 0xE000
	puaLast  = 0xF8FF
)

// code returns the code that draws fm standing for text.
func (d *docFont) code(fm form, text string) rune { return d.codes[use{fm, text}] }

// newDocFont gathers the glyphs the composition draws into one font, in
// phases: the (form, text) pairs the layout uses, a code for each, the
// glyph order of the merged font, its glyph and metric tables, and the
// font file.
func newDocFont(drawn []use) (*docFont, error) {
	uses, base, err := collectUses(drawn)
	if err != nil {
		return nil, err
	}
	d := &docFont{width: make(map[form]int)}
	if d.codes, d.text, err = assignCodes(uses); err != nil {
		return nil, err
	}
	order := glyphOrder(base, uses)
	g, err := buildGlyphs(base, order)
	if err != nil {
		return nil, err
	}
	for _, u := range uses {
		d.width[u.form] = (int(g.advance[u.form])*1000 + base.upem/2) / base.upem
	}
	var entries []sfnt.CmapEntry
	for u, code := range d.codes {
		entries = append(entries, sfnt.CmapEntry{Code: code, GID: uint16(g.index[u.form])})
	}
	slices.SortFunc(entries, func(a, b sfnt.CmapEntry) int { return int(a.Code) - int(b.Code) })
	cmap, err := sfnt.BuildCmap(entries)
	if err != nil {
		return nil, err
	}
	head, hhea, maxp := mergedHeaders(base, g)
	d.data = sfnt.Write([]sfnt.Table{
		{Tag: "cmap", Data: cmap}, {Tag: "head", Data: head}, {Tag: "hhea", Data: hhea}, {Tag: "hmtx", Data: g.hmtx}, {Tag: "maxp", Data: maxp},
		{Tag: "loca", Data: g.loca}, {Tag: "glyf", Data: g.glyf},
		{Tag: "OS/2", Data: base.tables["OS/2"]}, {Tag: "post", Data: base.tables["post"]}, {Tag: "name", Data: base.tables["name"]},
	})
	d.name = base.src.Name
	if len(g.faces) > 1 {
		d.name = "Noto-Communique"
	}
	d.family = "cq-" + strings.ToLower(d.name)
	return d, nil
}

// collectUses returns the (form, text) pairs the composition draws (each
// once, in the order first drawn) in a deterministic order (regular faces
// first, then by glyph and text), and the face whose tables the merged
// font borrows.
func collectUses(drawn []use) ([]use, *face, error) {
	uses := slices.Clone(drawn)
	var base *face
	for _, u := range uses {
		if base == nil || u.form.face.order < base.order {
			base = u.form.face
		}
	}
	if base == nil {
		return nil, nil, errors.New("pdf: the document draws no text")
	}
	slices.SortFunc(uses, func(a, b use) int {
		if a.form.face.order != b.form.face.order {
			return a.form.face.order - b.form.face.order
		}
		if a.form.gid != b.form.gid {
			return int(a.form.gid) - int(b.form.gid)
		}
		if c := strings.Compare(a.form.parts, b.form.parts); c != 0 {
			return c
		}
		if a.form.adv != b.form.adv {
			return a.form.adv - b.form.adv
		}
		return strings.Compare(a.text, b.text)
	})
	return uses, base, nil
}

// assignCodes gives each use a code: the character itself when the use is
// the face's own glyph for that one character (regular faces claim their
// characters first, so the content stream of body text reads as text), a
// Private Use code otherwise. Every code's text goes into ToUnicode.
func assignCodes(uses []use) (map[use]rune, map[rune]string, error) {
	codes := make(map[use]rune, len(uses))
	text := make(map[rune]string, len(uses))
	for _, u := range uses {
		r, size := firstRune(u.text)
		if size != len(u.text) || r > 0xFFFF || r >= puaFirst && r <= puaLast || r < 0x20 {
			continue
		}
		gid, ok := u.form.own()
		if !ok {
			continue
		}
		if g, ok := u.form.face.src.Parsed().NominalGlyph(r); !ok || uint16(g) != gid {
			continue
		}
		if _, taken := text[r]; !taken {
			codes[u], text[r] = r, u.text
		}
	}
	next := rune(puaFirst)
	for _, u := range uses {
		if _, ok := codes[u]; ok {
			continue
		}
		for _, taken := text[next]; taken; _, taken = text[next] {
			next++
		}
		if next > puaLast {
			return nil, nil, errors.New("pdf: more distinct glyphs than Private Use code points")
		}
		codes[u], text[next] = next, u.text
	}
	return codes, text, nil
}

func firstRune(s string) (rune, int) {
	for _, r := range s {
		return r, len(string(r))
	}
	return 0, -1
}

// glyphOrder lists the merged font's glyphs: .notdef, every form drawn,
// then composite components. Composite components are appended by
// buildGlyphs as it meets them.
func glyphOrder(base *face, uses []use) []form {
	order := []form{glyphForm(base, 0)}
	seen := map[form]bool{order[0]: true}
	for _, u := range uses {
		if !seen[u.form] {
			seen[u.form] = true
			order = append(order, u.form)
		}
	}
	return order
}

// glyphTables are the merged font's glyph data.
type glyphTables struct {
	index      map[form]int
	advance    map[form]uint16
	loca, glyf []byte
	hmtx       []byte
	faces      map[*face]bool
	components int // most components in one composite, for maxp
}

// buildGlyphs writes loca, glyf and hmtx for order, adding the components
// composite glyphs refer to, renumbered to the merged font.
func buildGlyphs(base *face, order []form) (*glyphTables, error) {
	g := &glyphTables{index: make(map[form]int), advance: make(map[form]uint16), faces: make(map[*face]bool)}
	for i, fm := range order {
		g.index[fm] = i
	}
	add := func(fm form) {
		if _, ok := g.index[fm]; !ok {
			g.index[fm] = len(order)
			order = append(order, fm)
		}
	}
	descs := make([][]byte, 0, len(order))
	lsbs := make([]int16, 0, len(order))
	for i := 0; i < len(order); i++ {
		fm := order[i]
		if fm.face.upem != base.upem {
			return nil, fmt.Errorf("pdf: fonts %s and %s have different units per em", fm.face.src.Name, base.src.Name)
		}
		g.faces[fm.face] = true
		desc, adv, lsb, err := g.describe(fm, add)
		if err != nil {
			return nil, err
		}
		descs = append(descs, desc)
		lsbs = append(lsbs, lsb)
		g.advance[fm] = adv
	}
	be := binary.BigEndian
	n := len(order)
	g.loca = make([]byte, 4*(n+1))
	g.hmtx = make([]byte, 4*n)
	for i, fm := range order {
		be.PutUint32(g.loca[4*i:], uint32(len(g.glyf)))
		desc := descs[i]
		if _, ok := fm.own(); ok {
			err := sfnt.Components(desc, func(at int) {
				be.PutUint16(desc[at:], uint16(g.index[glyphForm(fm.face, be.Uint16(desc[at:]))]))
			})
			if err != nil {
				return nil, err
			}
		}
		g.glyf = append(g.glyf, desc...)
		for len(g.glyf)%4 != 0 {
			g.glyf = append(g.glyf, 0)
		}
		be.PutUint16(g.hmtx[4*i:], g.advance[fm])
		be.PutUint16(g.hmtx[4*i+2:], uint16(lsbs[i]))
	}
	be.PutUint32(g.loca[4*n:], uint32(len(g.glyf)))
	return g, nil
}

// describe returns a form's glyph description, advance and left side
// bearing, calling add for every glyph it refers to. A face glyph keeps
// its own description (component indices still the face's; buildGlyphs
// renumbers them); a multi-glyph form becomes a composite whose component
// indices are already the merged font's.
func (g *glyphTables) describe(fm form, add func(form)) ([]byte, uint16, int16, error) {
	f := fm.face
	if gid, ok := fm.own(); ok {
		desc, err := f.glyph(gid)
		if err != nil {
			return nil, 0, 0, err
		}
		err = sfnt.Components(desc, func(at int) { add(glyphForm(f, binary.BigEndian.Uint16(desc[at:]))) })
		if err != nil {
			return nil, 0, 0, fmt.Errorf("pdf: font %s glyph %d: %w", f.src.Name, gid, err)
		}
		return desc, f.adv[gid], f.lsb[gid], nil
	}
	parts := fm.unpack()
	for _, p := range parts {
		add(glyphForm(f, p.gid))
	}
	be := binary.BigEndian
	desc := make([]byte, 10, 10+10*len(parts))
	be.PutUint16(desc, 0xFFFF) // numberOfContours -1: a composite
	bbox := [4]int{32767, 32767, -32768, -32768}
	for i, p := range parts {
		if d := f.glyf[f.starts[p.gid]:f.starts[p.gid+1]]; len(d) >= 10 {
			bbox[0] = min(bbox[0], int(int16(be.Uint16(d[2:])))+int(p.dx))
			bbox[1] = min(bbox[1], int(int16(be.Uint16(d[4:])))+int(p.dy))
			bbox[2] = max(bbox[2], int(int16(be.Uint16(d[6:])))+int(p.dx))
			bbox[3] = max(bbox[3], int(int16(be.Uint16(d[8:])))+int(p.dy))
		}
		flags := uint16(sfnt.ArgsAreWords | sfnt.ArgsAreXY)
		if i+1 < len(parts) {
			flags |= sfnt.MoreComponents
		}
		desc = be.AppendUint16(desc, flags)
		desc = be.AppendUint16(desc, uint16(g.index[glyphForm(f, p.gid)]))
		desc = be.AppendUint16(desc, uint16(p.dx))
		desc = be.AppendUint16(desc, uint16(p.dy))
	}
	if bbox[0] > bbox[2] {
		bbox = [4]int{}
	}
	for i, v := range bbox {
		be.PutUint16(desc[2+2*i:], uint16(int16(v)))
	}
	g.components = max(g.components, len(parts))
	return desc, uint16(max(0, min(fm.adv, 0xFFFF))), int16(bbox[0]), nil
}

// mergedHeaders returns head, hhea and maxp from the base face, widened to
// hold every face the merged font draws from.
func mergedHeaders(base *face, g *glyphTables) (head, hhea, maxp []byte) {
	be := binary.BigEndian
	head = slices.Clone(base.tables["head"])
	hhea = slices.Clone(base.tables["hhea"])
	maxp = slices.Clone(base.tables["maxp"])
	be.PutUint16(head[50:], 1) // long loca offsets
	faces := make([]*face, 0, len(g.faces))
	for f := range g.faces {
		faces = append(faces, f)
	}
	for _, f := range faces {
		h, hh, mp := f.tables["head"], f.tables["hhea"], f.tables["maxp"]
		for _, at := range []int{36, 38} { // xMin, yMin
			be.PutUint16(head[at:], uint16(min(int16(be.Uint16(head[at:])), int16(be.Uint16(h[at:])))))
		}
		for _, at := range []int{40, 42} { // xMax, yMax
			be.PutUint16(head[at:], uint16(max(int16(be.Uint16(head[at:])), int16(be.Uint16(h[at:])))))
		}
		be.PutUint16(hhea[4:], uint16(max(int16(be.Uint16(hhea[4:])), int16(be.Uint16(hh[4:]))))) // ascender
		be.PutUint16(hhea[6:], uint16(min(int16(be.Uint16(hhea[6:])), int16(be.Uint16(hh[6:]))))) // descender
		be.PutUint16(hhea[10:], max(be.Uint16(hhea[10:]), be.Uint16(hh[10:])))                    // advanceWidthMax
		for at := 6; at+2 <= min(len(maxp), len(mp), 32); at += 2 {                               // maxPoints … maxComponentDepth
			be.PutUint16(maxp[at:], max(be.Uint16(maxp[at:]), be.Uint16(mp[at:])))
		}
	}
	if len(maxp) >= 32 && g.components > 0 {
		// A document composite adds one level above the faces' own.
		be.PutUint16(maxp[28:], max(be.Uint16(maxp[28:]), uint16(g.components)))
		be.PutUint16(maxp[30:], be.Uint16(maxp[30:])+1)
	}
	for _, adv := range g.advance { // a document's forms can be wider than any glyph of its faces
		be.PutUint16(hhea[10:], max(be.Uint16(hhea[10:]), adv))
	}
	n := len(g.index)
	be.PutUint16(hhea[34:], uint16(n))
	be.PutUint16(maxp[4:], uint16(n))
	return head, hhea, maxp
}

// subsetTag derives the six-letter subset prefix from the font program.
func subsetTag(data []byte) string {
	sum := sha256.Sum256(data)
	tag := make([]byte, 6)
	for i := range tag {
		tag[i] = 'A' + sum[i]%26
	}
	return string(tag)
}
