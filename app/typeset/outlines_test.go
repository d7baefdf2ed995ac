package typeset

import (
	"bytes"
	"encoding/binary"
	"io"
	"slices"
	"strings"
	"testing"
	"unicode"

	sysfonts "communique/app/fonts"
	"communique/assets/fonts"

	"github.com/go-text/typesetting/font"
	"github.com/go-text/typesetting/harfbuzz"
	"github.com/go-text/typesetting/language"
)

// shapingTexts builds texts that exercise every glyph a font's cmap reaches
// in the contexts where HarfBuzz could consult an outline: each character
// alone, between joiners (Arabic contextual forms), followed by combining
// marks (GPOS mark attachment, whose anchors may name a contour point), and
// every ordered pair of a script's letters (kerning).
func shapingTexts(f *font.Font) map[language.Script][]string {
	byScript := map[language.Script][]rune{}
	it := f.Cmap.Iter()
	for it.Next() {
		r, _ := it.Char()
		if unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.IsPunct(r) || unicode.IsSymbol(r) || unicode.Is(unicode.Mn, r) {
			s := language.LookupScript(r)
			byScript[s] = append(byScript[s], r)
		}
	}
	marks := map[language.Script]string{
		language.Latin:    "\u0301\u0308\u0323\u0327\u030C",
		language.Greek:    "\u0301\u0313\u0342\u0345",
		language.Cyrillic: "\u0301\u0306\u0308",
		language.Arabic:   "\u064B\u064E\u064F\u0650\u0651\u0652\u0654\u0655\u0670",
	}
	out := map[language.Script][]string{}
	for s, rs := range byScript {
		slices.Sort(rs)
		var texts []string
		for _, r := range rs {
			texts = append(texts, string(r), "\u0640"+string(r)+"\u0640", "\u200D"+string(r)+"\u200D")
			for _, m := range marks[s] {
				texts = append(texts, string(r)+string(m))
				if s == language.Arabic {
					texts = append(texts, string(r)+"\u0651"+string(m))
				}
			}
		}
		var pairs strings.Builder
		letters := slices.DeleteFunc(slices.Clone(rs), func(r rune) bool { return !unicode.IsLetter(r) })
		if len(letters) > 60 {
			letters = letters[:60]
		}
		for _, a := range letters {
			for _, b := range letters {
				pairs.WriteRune(a)
				pairs.WriteRune(b)
			}
			pairs.WriteRune(' ')
		}
		texts = append(texts, pairs.String())
		out[s] = texts
	}
	for _, l := range scriptLines {
		for _, r := range l.text {
			if s := language.LookupScript(r); s != language.Common && s != language.Inherited {
				out[s] = append(out[s], l.text)
				break
			}
		}
	}
	return out
}

// TestShapingIgnoresOutlines is the evidence for NewFont's shortcut: with
// glyf and loca (or CFF) hidden, HarfBuzz picks the same glyphs at the
// same advances and offsets as with the whole font, for every character of
// every bundled face and of a CJK face of the system.
func TestShapingIgnoresOutlines(t *testing.T) {
	// A PostScript-flavoured (CFF) face cut from a collection: the CJK
	// faces of fonts-noto-cjk, the largest fonts an export loads.
	cjkFace, err := sysfonts.Load(sysfonts.Face{Path: "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", Index: 2})
	if err != nil {
		t.Fatalf("%v (scripts/deps.sh installs fonts-noto-cjk)", err)
	}
	for _, tc := range []struct {
		name string
		data []byte
	}{
		{"NotoSans-Regular", fonts.NotoSansRegular},
		{"NotoSans-Bold", fonts.NotoSansBold},
		{"NotoNaskhArabic-Regular", fonts.NotoNaskhArabicRegular},
		{"NotoNaskhArabic-Bold", fonts.NotoNaskhArabicBold},
		{"NotoSansCJKsc-Regular", cjkFace},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			full, err := font.ParseTTF(bytes.NewReader(tc.data))
			if err != nil {
				t.Fatal(err)
			}
			lean, err := NewFont(tc.name, tc.data)
			if err != nil {
				t.Fatal(err)
			}
			if _, ok := font.NewFace(lean.Parsed()).GlyphExtents(5); ok {
				t.Fatal("the shaping parse still holds outlines; the test would compare a font with itself")
			}
			outl, err := lean.Outlines()
			if err != nil {
				t.Fatal(err)
			}
			if _, ok := font.NewFace(outl).GlyphData(font.GID(5)).(font.GlyphOutline); !ok {
				t.Fatal("Outlines has no glyph outlines")
			}
			fullFont, leanFont := harfbuzz.NewFont(font.NewFace(full.Font)), harfbuzz.NewFont(font.NewFace(lean.Parsed()))
			bufs := map[*harfbuzz.Font]*harfbuzz.Buffer{fullFont: harfbuzz.NewBuffer(), leanFont: harfbuzz.NewBuffer()}
			shape := func(hf *harfbuzz.Font, text []rune, dir harfbuzz.Direction, script language.Script) ([]harfbuzz.GlyphInfo, []harfbuzz.GlyphPosition) {
				buf := bufs[hf]
				buf.Clear()
				buf.AddRunes(text, 0, len(text))
				buf.Props = harfbuzz.SegmentProperties{Direction: dir, Script: script, Language: language.NewLanguage("und")}
				buf.Shape(hf, nil)
				return buf.Info, buf.Pos
			}
			shaped := 0
			for script, texts := range shapingTexts(full.Font) {
				dir := harfbuzz.LeftToRight
				if script == language.Arabic {
					dir = harfbuzz.RightToLeft
				}
				for _, text := range texts {
					rs := []rune(text)
					wantInfo, wantPos := shape(fullFont, rs, dir, script)
					gotInfo, gotPos := shape(leanFont, rs, dir, script)
					if len(gotInfo) != len(wantInfo) {
						t.Fatalf("%q: %d glyphs without outlines, %d with", text, len(gotInfo), len(wantInfo))
					}
					for i := range wantInfo {
						if gotInfo[i].Glyph != wantInfo[i].Glyph || gotInfo[i].Cluster != wantInfo[i].Cluster || gotPos[i] != wantPos[i] {
							t.Fatalf("%q glyph %d: without outlines %d %+v, with %d %+v", text, i, gotInfo[i].Glyph, gotPos[i], wantInfo[i].Glyph, wantPos[i])
						}
					}
					shaped += len(wantInfo)
				}
			}
			if shaped < 5000 {
				t.Fatalf("only %d glyphs shaped; the corpus is too thin to vouch for every glyph", shaped)
			}
			t.Logf("%d glyphs compared", shaped)
		})
	}
}

// TestShapingView reads the view go-text parses through every way it can:
// whole, in pieces that straddle the end of the table directory, and past
// the end.
func TestShapingView(t *testing.T) {
	data := fonts.NotoNaskhArabicRegular
	v := shapingView(data)
	whole, err := io.ReadAll(v)
	if err != nil {
		t.Fatal(err)
	}
	if len(whole) != len(data) {
		t.Fatalf("view has %d bytes, the font %d", len(whole), len(data))
	}
	n := int(binary.BigEndian.Uint16(data[4:]))
	dirEnd := 12 + 16*n
	var hidden []string
	for i := range n {
		tag := string(whole[12+16*i : 12+16*i+4])
		orig := string(data[12+16*i : 12+16*i+4])
		if tag != orig {
			hidden = append(hidden, orig)
		}
	}
	slices.Sort(hidden)
	if !slices.Equal(hidden, []string{"glyf", "loca", "post"}) {
		t.Errorf("hidden tables %v, want glyf, loca and post", hidden)
	}
	if !bytes.Equal(whole[dirEnd:], data[dirEnd:]) {
		t.Error("the tables after the directory differ from the font's")
	}
	for _, c := range []struct{ off, n int }{{0, 4}, {dirEnd - 3, 10}, {dirEnd, 5}, {len(data) - 2, 2}} {
		buf := make([]byte, c.n)
		got, err := v.ReadAt(buf, int64(c.off))
		if err != nil || got != c.n || !bytes.Equal(buf, whole[c.off:c.off+c.n]) {
			t.Errorf("ReadAt(%d, %d): %d bytes, %v", c.off, c.n, got, err)
		}
	}
	buf := make([]byte, 8)
	if got, err := v.ReadAt(buf, int64(len(data)-3)); got != 3 || err != io.EOF {
		t.Errorf("ReadAt past the end: %d bytes, %v; want 3, EOF", got, err)
	}
	if got, err := v.ReadAt(buf, int64(len(data))); got != 0 || err != io.EOF {
		t.Errorf("ReadAt at the end: %d bytes, %v; want 0, EOF", got, err)
	}
	// Not an sfnt (here, a WOFF signature): passed through untouched.
	odd := append([]byte("wOFF"), data[4:64]...)
	got, _ := io.ReadAll(shapingView(odd))
	if !bytes.Equal(got, odd) {
		t.Error("a file that is not a plain sfnt was changed")
	}
}

// BenchmarkLoadCJKFont is what the first Chinese export of a process pays
// for its regular face: the shaping parse (NewFont) and the outline parse
// the PDF writer converts glyphs from. Before NewFont hid CFF outlines,
// both parses decoded all 65,535 charstrings.
func BenchmarkLoadCJKFont(b *testing.B) {
	data, err := sysfonts.Load(sysfonts.Face{Path: "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", Index: 2})
	if err != nil {
		b.Fatal(err)
	}
	for range b.N {
		f, err := NewFont("NotoSansCJKsc-Regular", data)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := f.Outlines(); err != nil {
			b.Fatal(err)
		}
	}
}
