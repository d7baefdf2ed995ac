package pdf

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"slices"
	"sync"

	"communique/app/fonts"
	"communique/app/pdf/sfnt"
	"communique/app/typeset"

	"github.com/go-text/typesetting/font"
)

// FontError reports a font a document cannot be set in: the family named
// for its language is not installed, or its file cannot be used.
type FontError struct {
	Lang, Family string
	Err          error
}

func (e *FontError) Error() string {
	if errors.Is(e.Err, fonts.ErrNotFound) {
		return fmt.Sprintf("pdf: %s: %v", e.Lang, e.Err) // the error names the family
	}
	return fmt.Sprintf("pdf: %s: font %q: %v", e.Lang, e.Family, e.Err)
}

func (e *FontError) Unwrap() error { return e.Err }

// sysFamily is a family found on the machine, parsed once per process
// like the bundled ones. Its faces for the writer are prepared apart, on
// first export: a coverage check needs only the parsed fonts, and
// converting a CJK face's outlines costs seconds.
type sysFamily struct {
	once     sync.Once
	key      string
	choice   *fonts.Choice
	fam      typeset.Family
	tables   [2]map[string][]byte
	err      error
	faceOnce sync.Once
	faces    [2]*face // regular, bold (nil when the family has none)
	faceErr  error
}

var sysFamilies sync.Map // key → *sysFamily

// systemFamilies returns the system families a document is set in besides
// the bundled ones (fonts.ForDocument), parsed.
func systemFamilies(doc *Document, texts []string) ([]*sysFamily, error) {
	choices, err := fonts.ForDocument(doc.Lang, doc.Font, texts)
	if err != nil {
		return nil, &FontError{Lang: doc.Lang, Family: doc.Font, Err: err}
	}
	out := make([]*sysFamily, 0, len(choices))
	for _, c := range choices {
		f, err := loadSystem(c)
		if err != nil {
			return nil, &FontError{Lang: doc.Lang, Family: c.Family, Err: err}
		}
		out = append(out, f)
	}
	return out, nil
}

// loadSystem parses a chosen family's fonts on first use.
func loadSystem(c *fonts.Choice) (*sysFamily, error) {
	key := fmt.Sprintf("%s#%d|%s#%d|%v", c.Regular.Path, c.Regular.Index, c.Bold.Path, c.Bold.Index, c.Scripts)
	v, _ := sysFamilies.LoadOrStore(key, &sysFamily{key: key, choice: c})
	f := v.(*sysFamily)
	f.once.Do(func() {
		var r, b *typeset.Font
		if r, f.tables[0], f.err = loadSystemFont(c.Regular); f.err != nil {
			return
		}
		f.fam = typeset.Family{Regular: r, Scripts: c.Scripts}
		if c.Bold.Path != "" {
			if b, f.tables[1], f.err = loadSystemFont(c.Bold); f.err != nil {
				return
			}
			f.fam.Bold = b
		}
	})
	if f.err != nil {
		return nil, f.err
	}
	return f, nil
}

// writerFaces returns the family's faces for the PDF writer. A TrueType
// family on the bundled fonts' grid is prepared once per process; any
// other is converted for each document, only the glyphs a layout of its
// texts can use (a CJK face holds 65,535 glyphs, a statement a few
// hundred), found by fonts.Closure.
func (f *sysFamily) writerFaces(texts []string) ([2]*face, error) {
	// Orders are fixed by the file, not by load order, so that a
	// document's bytes do not depend on what the process set before.
	h := int(crc32.ChecksumIEEE([]byte(f.key)) % 100000)
	fams := [2]*typeset.Font{f.fam.Regular, f.fam.Bold}
	paths := [2]string{f.choice.Regular.Path, f.choice.Bold.Path}
	prepare := func(i int, seed []rune) (*face, error) {
		if fams[i] == nil {
			return nil, nil
		}
		fa, err := writerFace(fams[i], f.tables[i], 10+h+200000*i, seed)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", paths[i], err)
		}
		return fa, nil
	}
	if !f.converted() {
		f.faceOnce.Do(func() {
			if f.faces[0], f.faceErr = prepare(0, nil); f.faceErr == nil {
				f.faces[1], f.faceErr = prepare(1, nil)
			}
		})
		return f.faces, f.faceErr
	}
	seed := []rune(pageText)
	for _, t := range texts {
		seed = append(seed, []rune(t)...)
	}
	var out [2]*face
	var err error
	if out[0], err = prepare(0, seed); err != nil {
		return out, err
	}
	out[1], err = prepare(1, seed)
	return out, err
}

// pageText are characters a layout may draw beyond a document's texts:
// page numbers, hyphens and the marks justification inserts.
const pageText = "0123456789 /.,:;-()\u00ad\u2010\u2011\u2026\u0640"

// converted reports whether the family's outlines are converted for the
// writer (see writerFace).
func (f *sysFamily) converted() bool {
	_, glyf := f.tables[0]["glyf"]
	return !glyf || f.fam.Regular.UnitsPerEm() != 1000
}

func loadSystemFont(fc fonts.Face) (*typeset.Font, map[string][]byte, error) {
	data, err := fonts.Load(fc)
	if err != nil {
		return nil, nil, err
	}
	src, err := typeset.NewFont(fmt.Sprintf("%s-%s", fc.Family, fc.Style), data)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", fc.Path, err)
	}
	tables, err := readSfntTables(data)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", fc.Path, err)
	}
	return src, tables, nil
}

// writerFace is newFace for a TrueType face on the 1000-unit grid the
// bundled fonts share, convertedFace (the closure of seed) for any other.
func writerFace(src *typeset.Font, tables map[string][]byte, order int, seed []rune) (*face, error) {
	if _, ok := tables["glyf"]; ok && src.UnitsPerEm() == 1000 {
		return newFace(src, order)
	}
	return convertedFace(src, tables, order, seed)
}

// readSfntTables reads the tables of a TrueType or OpenType (CFF) file.
func readSfntTables(data []byte) (map[string][]byte, error) {
	if len(data) >= 4 && string(data[:4]) == "OTTO" {
		// readTables accepts TrueType only; the directory is the same.
		d := slices.Clone(data[:12])
		binary.BigEndian.PutUint32(d, 0x00010000)
		return sfnt.ReadTables(append(d, data[12:]...))
	}
	return sfnt.ReadTables(data)
}

// convertedFace prepares a face whose outlines the merged document font
// cannot copy as they are — PostScript (CFF) outlines, or a grid other than
// 1000 units per em — by converting every glyph to a TrueType description
// on the 1000-unit grid (package fonts): the glyphs of seed's closure.
func convertedFace(src *typeset.Font, tables map[string][]byte, order int, seed []rune) (*face, error) {
	maxp := tables["maxp"]
	if len(maxp) < 6 {
		return nil, errors.New("no maxp table")
	}
	whole, err := src.Outlines()
	if err != nil {
		return nil, err
	}
	n := int(binary.BigEndian.Uint16(maxp[4:]))
	scale := 1000 / src.UnitsPerEm()
	g := fonts.TrueTypeGlyphs(font.NewFace(whole), n, scale, fonts.Closure(whole, seed, n))
	f := &face{src: src, order: order, upem: 1000, glyf: g.Glyf, starts: g.Starts, adv: g.Adv, lsb: g.LSB}
	if f.tables, err = fonts.TrueTypeTables(tables, n, g, scale); err != nil {
		return nil, err
	}
	for _, tag := range []string{"OS/2", "name"} {
		if f.tables[tag] = tables[tag]; f.tables[tag] == nil {
			return nil, fmt.Errorf("no %s table", tag)
		}
	}
	space, ok := src.Parsed().NominalGlyph(' ')
	if !ok || int(space) >= n {
		return nil, errors.New("no space glyph")
	}
	f.space = uint16(space)
	return f, nil
}
