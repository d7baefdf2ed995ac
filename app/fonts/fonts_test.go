package fonts

import (
	"bytes"
	"encoding/binary"
	"math"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/go-text/typesetting/font"
	ot "github.com/go-text/typesetting/font/opentype"
	"github.com/go-text/typesetting/language"
)

// cjkFile is Debian fonts-noto-cjk's collection (scripts/deps.sh installs
// it): ten faces with PostScript (CFF) outlines.
const cjkFile = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"

// TestScanAndCutCollection: a folder scan finds a collection's faces by
// their typographic family, skips files that are not fonts, and a face cut
// out of the collection is a font go-text parses, with that face's name.
func TestScanAndCutCollection(t *testing.T) {
	data, err := os.ReadFile(cjkFile)
	if err != nil {
		t.Fatalf("%v (scripts/deps.sh installs fonts-noto-cjk)", err)
	}
	dir := t.TempDir()
	sub := filepath.Join(dir, "noto")
	if err := os.MkdirAll(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(cjkFile, filepath.Join(sub, "cjk.ttc")); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "junk.ttf"), []byte("not a font at all"), 0o644); err != nil {
		t.Fatal(err)
	}
	ix := NewIndex([]string{dir})
	if fams := ix.Families(); len(fams) != 10 || !slices.Contains(fams, "Noto Sans CJK SC") {
		t.Fatalf("families %q", fams)
	}
	r, b, err := ix.Family("noto sans cjk sc")
	if err != nil || r.Index != 2 || r.Style != "Regular" || b.Path != "" {
		t.Fatalf("Noto Sans CJK SC: %+v %+v %v", r, b, err)
	}
	cut, err := Load(r)
	if err != nil {
		t.Fatal(err)
	}
	if len(cut) >= len(data) || string(cut[:4]) != "OTTO" {
		t.Fatalf("cut face: %d bytes, starts %q", len(cut), cut[:4])
	}
	f, err := font.ParseTTF(bytes.NewReader(cut))
	if err != nil {
		t.Fatal(err)
	}
	if got := f.Describe().Family; got != "Noto Sans CJK SC" {
		t.Errorf("cut face is %q", got)
	}
	if _, _, err := ix.Family("No Such Family"); err == nil {
		t.Error("a missing family was found")
	}
}

// TestDefaults: each language gets the installed Noto family for its
// script, Chinese by region and script; languages the bundled fonts write
// get none.
func TestDefaults(t *testing.T) {
	ix := System()
	for lang, want := range map[string]string{"he": "Noto Sans Hebrew", "hi": "Noto Sans Devanagari", "zh": "Noto Sans CJK SC",
		"zh-Hant": "Noto Sans CJK TC", "zh-TW": "Noto Sans CJK TC", "zh-HK": "Noto Sans CJK HK", "ja": "Noto Sans CJK JP",
		"ko": "Noto Sans CJK KR", "am": "Noto Sans Ethiopic", "bn": "Noto Sans Bengali", "ka": "Noto Sans Georgian",
		"ur": "Noto Nastaliq Urdu"} {
		c := ix.Default(lang)
		if c == nil || c.Family != want {
			t.Errorf("%s: %+v, want %s", lang, c, want)
		}
	}
	for _, lang := range []string{"en", "ar", "ru", "el", "vi", "ps", "ckb"} {
		if c := ix.Default(lang); c != nil {
			t.Errorf("%s: %+v, want the bundled fonts", lang, c)
		}
	}
	if s := Scripts("ja"); !slices.Contains(s, language.Han) || !slices.Contains(s, language.Hiragana) {
		t.Errorf("Japanese scripts %v", s)
	}
}

// TestTrueTypeGlyphsMatchOutlines: converting CFF outlines to TrueType
// keeps every glyph's bounding box within a unit of go-text's own
// extents, and the advance; glyphs left out are empty.
func TestTrueTypeGlyphsMatchOutlines(t *testing.T) {
	ix := NewIndex([]string{filepath.Dir(cjkFile)})
	r, _, err := ix.Family("Noto Sans CJK JP")
	if err != nil {
		t.Fatal(err)
	}
	data, err := Load(r)
	if err != nil {
		t.Fatal(err)
	}
	face, err := font.ParseTTF(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	recs, err := directory(readerAt(data), 0)
	if err != nil {
		t.Fatal(err)
	}
	i := slices.IndexFunc(recs, func(r tableRecord) bool { return r.tag == "maxp" })
	n := int(binary.BigEndian.Uint16(data[recs[i].off+4:]))
	text := []rune("声明。あア한A")
	want := Closure(face.Font, text, n)
	g := TrueTypeGlyphs(face, n, 1, want)
	checked := 0
	for gid := range n {
		d := g.Glyf[g.Starts[gid]:g.Starts[gid+1]]
		if !want[gid] {
			if len(d) != 0 {
				t.Fatalf("glyph %d not wanted but converted", gid)
			}
			continue
		}
		if adv := math.Round(float64(face.HorizontalAdvance(font.GID(gid)))); int(g.Adv[gid]) != int(adv) {
			t.Errorf("glyph %d advance %d, want %v", gid, g.Adv[gid], adv)
		}
		ext, ok := face.GlyphExtents(font.GID(gid))
		if !ok || len(d) == 0 {
			continue
		}
		be := binary.BigEndian
		x0, y1 := float64(int16(be.Uint16(d[2:]))), float64(int16(be.Uint16(d[8:])))
		x1, y0 := float64(int16(be.Uint16(d[6:]))), float64(int16(be.Uint16(d[4:])))
		// Control points may lie outside the curve's extents.
		if math.Abs(x0-float64(ext.XBearing)) > 8 || math.Abs(y1-float64(ext.YBearing)) > 8 ||
			math.Abs(x1-float64(ext.XBearing+ext.Width)) > 8 || math.Abs(y0-float64(ext.YBearing+ext.Height)) > 8 {
			t.Errorf("glyph %d box %v %v %v %v, extents %+v", gid, x0, y0, x1, y1, ext)
		}
		checked++
	}
	if checked < len(text)-1 {
		t.Errorf("only %d glyphs checked", checked)
	}
}

// TestCubicToQuadsWithinHalfAUnit: the quadratic pieces stay within half a
// unit of the cubic they replace.
func TestCubicToQuadsWithinHalfAUnit(t *testing.T) {
	p0, c1, c2, p3 := ot.SegmentPoint{X: 0, Y: 0}, ot.SegmentPoint{X: 100, Y: 900}, ot.SegmentPoint{X: 900, Y: -800}, ot.SegmentPoint{X: 1000, Y: 100}
	qs := cubicToQuads(p0, c1, c2, p3, 1)
	cubic := func(t float64) (float64, float64) {
		u := 1 - t
		x := u*u*u*float64(p0.X) + 3*u*u*t*float64(c1.X) + 3*u*t*t*float64(c2.X) + t*t*t*float64(p3.X)
		y := u*u*u*float64(p0.Y) + 3*u*u*t*float64(c1.Y) + 3*u*t*t*float64(c2.Y) + t*t*t*float64(p3.Y)
		return x, y
	}
	start := p0
	for i, q := range qs {
		for k := 0; k <= 20; k++ {
			s := float64(k) / 20
			u := 1 - s
			x := u*u*float64(start.X) + 2*u*s*float64(q[0].X) + s*s*float64(q[1].X)
			y := u*u*float64(start.Y) + 2*u*s*float64(q[0].Y) + s*s*float64(q[1].Y)
			cx, cy := cubic((float64(i) + s) / float64(len(qs)))
			if d := math.Hypot(x-cx, y-cy); d > 0.5 {
				t.Fatalf("piece %d of %d at %.2f: %.2f units off", i, len(qs), s, d)
			}
		}
		start = q[1]
	}
}

// BenchmarkLoadCollectionFace cuts the regular Simplified Chinese face out
// of fonts-noto-cjk's 19 MB collection, as the first Chinese export of a
// process does for its regular and bold faces.
func BenchmarkLoadCollectionFace(b *testing.B) {
	face := Face{Path: "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", Index: 2}
	for range b.N {
		if _, err := Load(face); err != nil {
			b.Fatal(err)
		}
	}
}

// Families returns the names of every family in the index, sorted.
func (ix *Index) Families() []string {
	var out []string
	for _, fs := range ix.faces {
		out = append(out, fs[0].Family)
	}
	slices.Sort(out)
	return out
}
