package pdf

import (
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"slices"
	"strings"

	"communique/app/typeset"
)

// fpdf writes CID = code point and can only draw glyphs its font's format-4
// cmap reaches. Contextual Arabic forms, ligatures and mirrored brackets
// are reached by no code point, so each document gets its own font: the
// glyphs its layout uses, gathered from the bundled faces, with a cmap that
// maps each glyph's own character to it where possible and every other
// glyph to a Private Use code point. /ActualText restores the text of the
// latter. One merged font instead of one per face matters for speed: fpdf
// spends milliseconds per font on fixed-size tables (a 64K-entry width
// array serialized to JSON, a 128 KB CIDToGIDMap compressed) whatever the
// font holds.

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
	tables, err := readTables(src.Data)
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
	d, err := unhinted(f.glyf[f.starts[g]:f.starts[g+1]])
	if err != nil {
		return nil, fmt.Errorf("pdf: font %s glyph %d: %w", f.src.Name, g, err)
	}
	return d, nil
}

// glyphKey names a glyph of a bundled face.
type glyphKey struct {
	face *face
	gid  uint16
}

// docFont is the font one document is drawn with.
type docFont struct {
	// name is the PostScript name; family the name fpdf registers, whose
	// "utf8"+family BaseFont finish turns into "TAG+"+name.
	name, family string
	data         []byte
	codes        map[glyphKey][]rune // the first is the glyph's main code
	width        map[glyphKey]int    // /W advance, thousandths of the size
	anchor       glyphKey            // an empty glyph (a space) to pin spans
}

const (
	puaFirst = 0xE000
	puaLast  = 0xF8FF
)

// code returns the code that draws k in a cluster whose text is text: the
// text's character when the font maps it to k, so that fpdf's identity
// ToUnicode already gives the text, else the glyph's main code.
func (d *docFont) code(k glyphKey, text string) rune {
	cs := d.codes[k]
	if r, size := firstRune(text); size == len(text) {
		if slices.Contains(cs, r) {
			return r
		}
	}
	return cs[0]
}

func firstRune(s string) (rune, int) {
	for _, r := range s {
		return r, len(string(r))
	}
	return 0, -1
}

// newDocFont gathers the glyphs the composition draws into one font.
func newDocFont(c *composition, faces map[*typeset.Font]*face) (*docFont, error) {
	wanted := make(map[glyphKey][]rune)
	var keys []glyphKey
	use := func(k glyphKey, r rune) {
		rs, seen := wanted[k]
		if !seen {
			keys = append(keys, k)
		}
		if r != 0 && !slices.Contains(rs, r) {
			rs = append(rs, r)
		}
		wanted[k] = rs
	}
	var base *face
	for _, pg := range c.pages {
		for _, pl := range pg.lines {
			for _, run := range pl.line.Runs {
				f, ok := faces[run.Font]
				if !ok {
					return nil, fmt.Errorf("pdf: font %s is not a bundled font", run.Font.Name)
				}
				if base == nil || f.order < base.order {
					base = f
				}
				for _, cl := range run.Clusters {
					glyphs := run.Glyphs[cl.FirstGlyph : cl.FirstGlyph+cl.NumGlyphs]
					var nominal rune
					if r, size := firstRune(cl.Text); size == len(cl.Text) && len(glyphs) == 1 && r <= 0xFFFF {
						if g, ok := f.src.Parsed().NominalGlyph(r); ok && uint16(g) == glyphs[0].ID {
							nominal = r
						}
					}
					for _, g := range glyphs {
						use(glyphKey{f, g.ID}, nominal)
					}
				}
			}
		}
	}
	if base == nil {
		return nil, errors.New("pdf: the document draws no text")
	}
	anchor := glyphKey{base, base.space}
	use(anchor, ' ')

	// Codes: regular faces claim their characters first, so body text
	// needs no ActualText; a bold glyph whose character is taken, and
	// every glyph no character reaches, gets a Private Use code.
	slices.SortFunc(keys, func(a, b glyphKey) int {
		if a.face.order != b.face.order {
			return a.face.order - b.face.order
		}
		return int(a.gid) - int(b.gid)
	})
	d := &docFont{codes: make(map[glyphKey][]rune, len(keys)), width: make(map[glyphKey]int, len(keys)), anchor: anchor}
	taken := make(map[rune]bool)
	for _, k := range keys {
		rs := wanted[k]
		slices.Sort(rs)
		for _, r := range rs {
			if !taken[r] {
				taken[r] = true
				d.codes[k] = append(d.codes[k], r)
			}
		}
	}
	next := rune(puaFirst)
	for _, k := range keys {
		if len(d.codes[k]) > 0 {
			continue
		}
		for taken[next] {
			next++
		}
		if next > puaLast {
			return nil, errors.New("pdf: more distinct glyphs than Private Use code points")
		}
		taken[next] = true
		d.codes[k] = []rune{next}
	}

	// Glyph order: .notdef, the drawn glyphs, then composite components.
	index := map[glyphKey]int{{base, 0}: 0}
	order := []glyphKey{{base, 0}}
	add := func(k glyphKey) {
		if _, ok := index[k]; !ok {
			index[k] = len(order)
			order = append(order, k)
		}
	}
	for _, k := range keys {
		add(k)
	}
	descs := make([][]byte, 0, len(order)) // descs[i] is order[i]'s description
	for i := 0; i < len(order); i++ {
		k := order[i]
		g, err := k.face.glyph(k.gid)
		if err != nil {
			return nil, err
		}
		descs = append(descs, g)
		err = components(g, func(at int) {
			add(glyphKey{k.face, binary.BigEndian.Uint16(g[at:])})
		})
		if err != nil {
			return nil, fmt.Errorf("pdf: font %s glyph %d: %w", k.face.src.Name, k.gid, err)
		}
	}

	be := binary.BigEndian
	n := len(order)
	loca := make([]byte, 4*(n+1))
	var glyf []byte
	hmtx := make([]byte, 4*n)
	faceSet := map[*face]bool{}
	for i, k := range order {
		faceSet[k.face] = true
		if k.face.upem != base.upem {
			return nil, fmt.Errorf("pdf: fonts %s and %s have different units per em", k.face.src.Name, base.src.Name)
		}
		be.PutUint32(loca[4*i:], uint32(len(glyf)))
		g := descs[i]
		err := components(g, func(at int) {
			be.PutUint16(g[at:], uint16(index[glyphKey{k.face, be.Uint16(g[at:])}]))
		})
		if err != nil {
			return nil, err
		}
		glyf = append(glyf, g...)
		for len(glyf)%4 != 0 {
			glyf = append(glyf, 0)
		}
		be.PutUint16(hmtx[4*i:], k.face.adv[k.gid])
		be.PutUint16(hmtx[4*i+2:], uint16(k.face.lsb[k.gid]))
		if _, drawn := d.codes[k]; drawn {
			d.width[k] = (int(k.face.adv[k.gid])*1000 + base.upem/2) / base.upem
		}
	}
	be.PutUint32(loca[4*n:], uint32(len(glyf)))

	var entries []cmapEntry
	for _, k := range keys {
		for _, r := range d.codes[k] {
			entries = append(entries, cmapEntry{r, uint16(index[k])})
		}
	}
	slices.SortFunc(entries, func(a, b cmapEntry) int { return int(a.code) - int(b.code) })
	cmap, err := buildCmap(entries)
	if err != nil {
		return nil, err
	}

	// head, hhea and maxp from the base face, widened to hold every face.
	head := slices.Clone(base.tables["head"])
	hhea := slices.Clone(base.tables["hhea"])
	maxp := slices.Clone(base.tables["maxp"])
	be.PutUint16(head[50:], 1) // long loca offsets
	for f := range faceSet {
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
	be.PutUint16(hhea[34:], uint16(n))
	be.PutUint16(maxp[4:], uint16(n))

	d.data = writeSfnt([]sfntTable{
		{"cmap", cmap}, {"head", head}, {"hhea", hhea}, {"hmtx", hmtx}, {"maxp", maxp},
		{"loca", loca}, {"glyf", glyf},
		{"OS/2", base.tables["OS/2"]}, {"post", base.tables["post"]}, {"name", base.tables["name"]},
	})
	d.name = base.src.Name
	if len(faceSet) > 1 {
		d.name = "Noto-Communique"
	}
	d.family = "cq-" + strings.ToLower(d.name)
	return d, nil
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
