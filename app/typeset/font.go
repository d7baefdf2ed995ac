package typeset

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"slices"
	"sync"

	"github.com/go-text/typesetting/font"
	"github.com/go-text/typesetting/harfbuzz"
	"github.com/go-text/typesetting/language"
)

// Font is one parsed TrueType font. It is immutable and safe for concurrent
// use; parse each font once and share it.
type Font struct {
	// Name is the PostScript-style name, e.g. "NotoSans-Regular".
	Name string
	// Data is the font file the glyph IDs of a layout refer to.
	Data []byte

	parsed  *font.Font // without outlines: cmap, metrics, layout tables
	upem    float64
	ascent  float64 // font units, positive
	descent float64 // font units, negative

	outlinesOnce sync.Once
	outlines     *font.Font
	outlinesErr  error
}

// NewFont parses a TrueType font file for shaping. go-text decodes every
// glyph outline and glyph name of a font it parses, which is most of the
// parse (Noto Sans: 3.6 ms and 1.9 MB against 0.5 ms), and a PDF export needs
// neither: HarfBuzz reads only the cmap, metrics and layout tables of a font
// with GPOS, and the PDF embeds the file's own glyph programs. So the
// shaping parse hides glyf, loca and post (CFF and CFF2 in a PostScript-
// flavoured font: a CJK face's 65,535 charstrings were decoded twice on a
// first Chinese export, once here and once by Outlines), and Outlines
// parses the whole font on demand for drawing. TestShapingIgnoresOutlines
// shapes every character of the bundled fonts and of a CJK face both ways
// and compares.
func NewFont(name string, data []byte) (*Font, error) {
	face, err := font.ParseTTF(shapingView(data))
	if err != nil {
		return nil, fmt.Errorf("typeset: font %s: %w", name, err)
	}
	f := &Font{Name: name, Data: data, parsed: face.Font, upem: float64(face.Upem())}
	if ext, ok := face.FontHExtents(); ok {
		f.ascent, f.descent = float64(ext.Ascender), float64(ext.Descender)
	} else {
		f.ascent, f.descent = 0.8*f.upem, -0.2*f.upem
	}
	return f, nil
}

// shapingView presents a font file whose glyf, loca, post, CFF and CFF2
// table records carry other tags, so go-text's parser skips them. Renaming is
// enough: go-text looks tables up by tag, not by position. Only the table
// directory is copied (a cold process pays for every fresh page it
// touches); the tables are read from data. A file that is not a plain sfnt
// (a collection, WOFF) is presented as is and parsed whole.
func shapingView(data []byte) *io.SectionReader {
	whole := io.NewSectionReader(bytes.NewReader(data), 0, int64(len(data)))
	if len(data) < 12 {
		return whole
	}
	switch string(data[:4]) {
	case "\x00\x01\x00\x00", "true", "OTTO":
	default:
		return whole
	}
	n := int(binary.BigEndian.Uint16(data[4:]))
	if len(data) < 12+16*n {
		return whole
	}
	dir := bytes.Clone(data[:12+16*n])
	for i := range n {
		rec := dir[12+16*i : 12+16*i+4]
		switch string(rec) {
		case "glyf", "loca", "post", "CFF ", "CFF2":
			rec[0] = '_' // "_lyf", "_oca", "_ost", "_FF ": no table go-text reads
		}
	}
	return io.NewSectionReader(patchedFile{dir, data}, 0, int64(len(data)))
}

// patchedFile reads data with its first len(head) bytes replaced by head.
type patchedFile struct{ head, data []byte }

func (p patchedFile) ReadAt(b []byte, off int64) (int, error) {
	if off < 0 {
		return 0, errors.New("typeset: negative offset")
	}
	if off >= int64(len(p.data)) {
		return 0, io.EOF
	}
	n := 0
	if off < int64(len(p.head)) {
		n = copy(b, p.head[off:])
	}
	n += copy(b[n:], p.data[off+int64(n):])
	if n < len(b) {
		return n, io.EOF
	}
	return n, nil
}

// Parsed returns the go-text view of the font used for shaping: cmap,
// metrics and layout tables, without glyph outlines.
func (f *Font) Parsed() *font.Font { return f.parsed }

// Outlines returns the font parsed whole, with its glyph outlines, for
// drawing glyphs. It is parsed on first use.
func (f *Font) Outlines() (*font.Font, error) {
	f.outlinesOnce.Do(func() {
		face, err := font.ParseTTF(bytes.NewReader(f.Data))
		if err != nil {
			f.outlinesErr = fmt.Errorf("typeset: font %s: %w", f.Name, err)
			return
		}
		f.outlines = face.Font
	})
	return f.outlines, f.outlinesErr
}

// UnitsPerEm returns the font's design grid size.
func (f *Font) UnitsPerEm() float64 { return f.upem }

// Ascent and Descent return the font's line extents at size points; Descent
// is negative.
func (f *Font) Ascent(size float64) float64  { return f.ascent * size / f.upem }
func (f *Font) Descent(size float64) float64 { return f.descent * size / f.upem }

// HasRune reports whether the font's cmap maps r to a glyph.
func (f *Font) HasRune(r rune) bool {
	_, ok := f.parsed.NominalGlyph(r)
	return ok
}

// Family is one typeface in two weights and the scripts it is the first
// choice for.
type Family struct {
	Regular, Bold *Font
	// Scripts this family is preferred for. A family with no scripts is
	// the default for everything not claimed by another family.
	Scripts []language.Script
}

func (fam Family) weight(bold bool) *Font {
	if bold && fam.Bold != nil {
		return fam.Bold
	}
	return fam.Regular
}

// FontSet is the ordered list of families the engine falls back through,
// run by run: a Latin acronym inside Arabic text takes the Latin family, an
// Arabic word inside English the Arabic one.
type FontSet struct {
	Families []Family
}

// candidates returns the families in the order to try for script s.
func (fs *FontSet) candidates(s language.Script, buf []int) []int {
	buf = buf[:0]
	for i, fam := range fs.Families {
		if slices.Contains(fam.Scripts, s) {
			buf = append(buf, i)
		}
	}
	for i, fam := range fs.Families {
		if len(fam.Scripts) == 0 && !slices.Contains(buf, i) {
			buf = append(buf, i)
		}
	}
	for i := range fs.Families {
		if !slices.Contains(buf, i) {
			buf = append(buf, i)
		}
	}
	return buf
}

// serves reports whether f belongs to a family meant for script s: one
// that claims it, or a default family when no family claims it.
func (fs *FontSet) serves(f *Font, s language.Script) bool {
	claimed := false
	for _, fam := range fs.Families {
		if slices.Contains(fam.Scripts, s) {
			claimed = true
			if fam.Regular == f || fam.Bold == f {
				return true
			}
		}
	}
	if claimed {
		return false
	}
	for _, fam := range fs.Families {
		if len(fam.Scripts) == 0 && (fam.Regular == f || fam.Bold == f) {
			return true
		}
	}
	return false
}

// needsNoGlyph reports whether r is laid out without a glyph of its own:
// controls, line separators and default-ignorable characters (bidi marks,
// ZWJ/ZWNJ, variation selectors).
func needsNoGlyph(r rune) bool {
	return r < 0x20 || (r >= 0x7F && r < 0xA0) || r == 0x2028 || r == 0x2029 || harfbuzz.IsDefaultIgnorable(r)
}

// MissingRune returns the first character of text that no font of the set
// can draw, in either weight asked for.
func (fs *FontSet) MissingRune(text string, bold bool) (rune, bool) {
	for _, r := range text {
		if needsNoGlyph(r) {
			continue
		}
		found := false
		for _, fam := range fs.Families {
			if fam.weight(bold).HasRune(r) {
				found = true
				break
			}
		}
		if !found {
			return r, true
		}
	}
	return 0, false
}

// MissingGlyphError reports a character no font can draw. Index is the rune
// offset in the paragraph.
type MissingGlyphError struct {
	Char  rune
	Index int
}

func (e *MissingGlyphError) Error() string {
	return fmt.Sprintf("typeset: no font has a glyph for %q (%U) at character %d", e.Char, e.Char, e.Index)
}
