package typeset

import (
	"errors"
	"flag"
	"fmt"
	"math"
	"os"
	"strings"
	"sync"
	"testing"
	"unicode"

	"github.com/go-text/typesetting/language"

	"communique/assets/fonts"
)

var update = flag.Bool("update", false, "rewrite golden files")

var (
	fontsOnce sync.Once
	testSet   *FontSet
)

func testFonts(t testing.TB) *FontSet {
	t.Helper()
	fontsOnce.Do(func() {
		must := func(name string, data []byte) *Font {
			f, err := NewFont(name, data)
			if err != nil {
				panic(err)
			}
			return f
		}
		testSet = &FontSet{Families: []Family{
			{Regular: must("NotoSans-Regular", fonts.NotoSansRegular), Bold: must("NotoSans-Bold", fonts.NotoSansBold)},
			{Regular: must("NotoNaskhArabic-Regular", fonts.NotoNaskhArabicRegular), Bold: must("NotoNaskhArabic-Bold", fonts.NotoNaskhArabicBold), Scripts: []language.Script{language.Arabic}},
		}}
	})
	return testSet
}

// The test lines of ../../shared/samples/script-lines.txt, one per language.
var scriptLines = []struct{ lang, text string }{
	{"en", "Statement by the Political Directors of the Global Coalition to Defeat Daesh/ISIS — 15 April 2020."},
	{"fr", "Les directeurs politiques de la Coalition mondiale contre Daech se sont réunis aujourd’hui : « unité d’objectif » !"},
	{"de", "Die Politischen Direktoren bekräftigten ihre Entschlossenheit – trotz der COVID‑19‑Pandemie."},
	{"tr", "Siyasi Direktörler, IŞİD'e karşı mücadeleye devam etme kararlılığını yinelediler."},
	{"ru", "Политические директора Глобальной коалиции по борьбе с ИГИЛ провели виртуальную встречу."},
	{"ku", "Rêveberên siyasî yên Koalîsyona Navneteweyî ya li dijî DAIŞ'ê îro bi awayekî virtual civiyan."},
	{"ar", "اجتمع المديرون السياسيون (المجموعة المصغرة) يوم 15 نيسان/أبريل 2020 عبر الإنترنت لمواجهة COVID-19."},
	{"ar", "لا إله، لأن، لإعادة، الأمن — اختبار لام ألف والأرقام ١٢٣ و 123 داخل النص."},
	{"fa", "گروه کوچک ائتلاف جهانی برای شکست داعش در تاریخ ۱۵ آوریل ۲۰۲۰ دیدار کرد."},
	{"ckb", "بەیاننامەی بەڕێوەبەرە سیاسییەکانی هاوپەیمانیی نێودەوڵەتی دژی داعش، ساڵی ٢٠٢٠."},
}

func layout(t testing.TB, text string, width float64, st Style) *Paragraph {
	t.Helper()
	if st.Fonts == nil {
		st.Fonts = testFonts(t)
	}
	if st.Size == 0 {
		st.Size = 11
	}
	p, err := NewEngine().Layout(text, width, st)
	if err != nil {
		t.Fatalf("Layout(%q): %v", text, err)
	}
	return p
}

// describe writes a paragraph as text: one line per line, then per run the
// font, level and each cluster with its glyph IDs, in visual order.
func describe(p *Paragraph) string {
	var b strings.Builder
	for i, ln := range p.Lines {
		fmt.Fprintf(&b, "line %d [%d,%d) left=%.2f width=%.2f justified=%v\n", i+1, ln.Start, ln.End, ln.Left, ln.Width, ln.Justified)
		for _, r := range ln.Runs {
			fmt.Fprintf(&b, "  %s L%d:", r.Font.Name, r.Level)
			for _, c := range r.Clusters {
				b.WriteString(" ")
				b.WriteString(strings.ReplaceAll(c.Text, " ", "␠"))
				for k, g := range r.Glyphs[c.FirstGlyph : c.FirstGlyph+c.NumGlyphs] {
					if k == 0 {
						b.WriteString("=")
					} else {
						b.WriteString(",")
					}
					fmt.Fprintf(&b, "%d", g.ID)
				}
			}
			b.WriteString("\n")
		}
	}
	return b.String()
}

// TestGoldenShaping compares glyph sequences and line breaks of the script
// lines, set justified in a narrow column, with testdata/shaping.golden.
// Run with -update after a deliberate change and review the diff.
func TestGoldenShaping(t *testing.T) {
	var b strings.Builder
	for _, sl := range scriptLines {
		p := layout(t, sl.text, 220, Style{Lang: sl.lang, Align: AlignJustify})
		fmt.Fprintf(&b, "## %s %s\n%s\n", sl.lang, sl.text, describe(p))
	}
	got := b.String()
	const golden = "testdata/shaping.golden"
	if *update {
		if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if got != string(want) {
		gl, wl := strings.Split(got, "\n"), strings.Split(string(want), "\n")
		for i := range max(len(gl), len(wl)) {
			var g, w string
			if i < len(gl) {
				g = gl[i]
			}
			if i < len(wl) {
				w = wl[i]
			}
			if g != w {
				t.Fatalf("%s differs at line %d:\n got: %s\nwant: %s", golden, i+1, g, w)
			}
		}
	}
}

func nominal(t *testing.T, f *Font, r rune) uint16 {
	t.Helper()
	g, ok := f.Parsed().NominalGlyph(r)
	if !ok {
		t.Fatalf("%s has no glyph for %q", f.Name, r)
	}
	return uint16(g)
}

// clusterOf finds the first cluster whose text is s.
func clusterOf(p *Paragraph, s string) (Run, Cluster, bool) {
	for _, ln := range p.Lines {
		for _, r := range ln.Runs {
			for _, c := range r.Clusters {
				if c.Text == s {
					return r, c, true
				}
			}
		}
	}
	return Run{}, Cluster{}, false
}

// TestSoraniJoins checks that ڕ ڵ ێ ە take their joined (contextual) forms
// inside words: a glyph different from the isolated one the cmap gives.
func TestSoraniJoins(t *testing.T) {
	naskh := testFonts(t).Families[1].Regular
	tests := []struct {
		word string
		char rune
	}{
		{"بڕیار", 'ڕ'},      // after a dual-joining letter: final form
		{"بەڕێوەبەرە", 'ێ'}, // after right-joining ڕ, before و: initial form
		{"ساڵی", 'ڵ'},       // after right-joining ا: initial form
		{"بە", 'ە'},         // final form
	}
	for _, tt := range tests {
		p := layout(t, tt.word, 400, Style{Lang: "ckb"})
		r, c, ok := clusterOf(p, string(tt.char))
		if !ok {
			t.Fatalf("%s: no cluster for %q in\n%s", tt.word, tt.char, describe(p))
		}
		if r.Font != naskh {
			t.Errorf("%s: %q set in %s, want Noto Naskh Arabic", tt.word, tt.char, r.Font.Name)
		}
		if g := r.Glyphs[c.FirstGlyph].ID; g == nominal(t, naskh, tt.char) {
			t.Errorf("%s: %q drawn with its isolated glyph %d, want a joined form", tt.word, tt.char, g)
		}
	}
}

// TestArabicLine checks the Arabic test line: brackets mirrored so they
// face the enclosed words, "2020" and "COVID-19" left to right inside the
// right-to-left line, COVID-19 in the Latin font.
func TestArabicLine(t *testing.T) {
	p := layout(t, scriptLines[6].text, 2000, Style{Lang: "ar"})
	if len(p.Lines) != 1 || !p.RTL {
		t.Fatalf("want one RTL line, got %d lines rtl=%v", len(p.Lines), p.RTL)
	}
	ln := p.Lines[0]
	sans := testFonts(t).Families[0].Regular

	// Visual text of the line, left to right, cluster by cluster.
	var visual []string
	xOf := map[string]float64{}
	for _, r := range ln.Runs {
		for _, c := range r.Clusters {
			visual = append(visual, c.Text)
			if _, seen := xOf[c.Text]; !seen {
				xOf[c.Text] = c.X
			}
		}
	}
	joined := strings.Join(visual, "")
	for _, want := range []string{"2020", "COVID-19"} {
		if !strings.Contains(joined, want) {
			t.Errorf("%q not left to right in the visual line %q", want, joined)
		}
	}
	// The opening bracket is drawn right of the words it opens, with the
	// mirrored glyph (the shape of ")"), and the closing one left of them.
	openRun, open, ok := clusterOf(p, "(")
	closeRun, closing, ok2 := clusterOf(p, ")")
	if !ok || !ok2 {
		t.Fatal("bracket clusters not found")
	}
	if open.X <= closing.X {
		t.Errorf("opening bracket at x=%.1f is not right of the closing one at %.1f", open.X, closing.X)
	}
	if g := openRun.Glyphs[open.FirstGlyph].ID; g != nominal(t, sans, ')') {
		t.Errorf("opening bracket glyph %d, want mirrored glyph %d", g, nominal(t, sans, ')'))
	}
	if g := closeRun.Glyphs[closing.FirstGlyph].ID; g != nominal(t, sans, '(') {
		t.Errorf("closing bracket glyph %d, want mirrored glyph %d", g, nominal(t, sans, '('))
	}
	inner := xOf["ص"] // only in المصغرة, inside the brackets
	if !(closing.X < inner && inner < open.X) {
		t.Errorf("enclosed text at x=%.1f not between brackets (%.1f, %.1f)", inner, closing.X, open.X)
	}
	cr, _, _ := clusterOf(p, "C")
	if cr.Font != sans || cr.Level != 2 {
		t.Errorf("COVID set in %s at level %d, want Noto Sans at level 2", cr.Font.Name, cr.Level)
	}
	// The first word of the sentence is at the right end.
	last := ln.Runs[len(ln.Runs)-1]
	if c := last.Clusters[len(last.Clusters)-1]; c.Text != "ا" || c.Start != 0 {
		t.Errorf("rightmost cluster %q at %d, want the first letter of the line", c.Text, c.Start)
	}
}

// TestLineBreaking checks breaks against the box on every script line at
// several widths: lines fit, break after spaces or other UAX #14
// opportunities only, justified lines fill the box exactly, the last line
// is not stretched and right-to-left lines hang from the right.
func TestLineBreaking(t *testing.T) {
	for _, sl := range scriptLines {
		for _, width := range []float64{120, 180, 260} {
			p := layout(t, sl.text, width, Style{Lang: sl.lang, Align: AlignJustify})
			runes := []rune(sl.text)
			naturalGap := gapOf(layout(t, sl.text, 1e5, Style{Lang: sl.lang}).Lines[0])
			if len(p.Lines) < 2 {
				t.Errorf("%s at %.0f: %d line(s), want a wrapped paragraph", sl.lang, width, len(p.Lines))
			}
			for i, ln := range p.Lines {
				// A justified line's last hyphen or punctuation may hang
				// past the edge, by at most 0.8 of a full stop.
				hangs := 0.8 * 0.3 * 11
				if ln.Width > width+hangs {
					t.Errorf("%s at %.0f: line %d is %.2f wide", sl.lang, width, i+1, ln.Width)
				}
				last := i == len(p.Lines)-1
				if !last {
					before := runes[ln.End-1]
					if !unicode.IsSpace(before) && !strings.ContainsRune("/-–—", before) && !endsWithHyphen(ln) {
						t.Errorf("%s at %.0f: line %d ends after %q, not a break opportunity", sl.lang, width, i+1, before)
					}
					if ln.Justified && (ln.Width < width-1e-6 || ln.Width > width+hangs) {
						t.Errorf("%s at %.0f: justified line %d is %.2f wide", sl.lang, width, i+1, ln.Width)
					}
				} else if ln.Justified && gapOf(ln) >= naturalGap-1e-9 {
					// Only a last line that would overflow is set tight,
					// its spaces shrunk (as TeX does).
					t.Errorf("%s at %.0f: last line stretched", sl.lang, width)
				}
				if !ln.Justified && ln.RTL && math.Abs(ln.Left+ln.Width-width) > 1e-6 {
					t.Errorf("%s at %.0f: ragged RTL line %d not flush right (left %.2f width %.2f)", sl.lang, width, i+1, ln.Left, ln.Width)
				}
				if ln.RTL != (DirectionOf(sl.lang) == RightToLeft) {
					t.Errorf("%s: line %d rtl=%v", sl.lang, i+1, ln.RTL)
				}
			}
			if got := p.Lines[len(p.Lines)-1].End; got != len(runes) {
				t.Errorf("%s at %.0f: lines cover %d of %d characters", sl.lang, width, got, len(runes))
			}
		}
	}
}

// TestJustifyStretchesSpacesOnly checks that justification widens
// inter-word spaces and nothing else, so Arabic letters stay joined.
func TestJustifyStretchesSpacesOnly(t *testing.T) {
	text := scriptLines[9].text
	ragged := layout(t, text, 200, Style{Lang: "ckb"})
	just := layout(t, text, 200, Style{Lang: "ckb", Align: AlignJustify})
	if len(ragged.Lines) != len(just.Lines) {
		t.Fatalf("justification changed the breaks: %d vs %d lines", len(ragged.Lines), len(just.Lines))
	}
	ln, rl := just.Lines[0], ragged.Lines[0]
	if !ln.Justified {
		t.Fatal("first line not justified")
	}
	for i, r := range ln.Runs {
		for j, c := range r.Clusters {
			want := rl.Runs[i].Clusters[j].Advance
			if c.Text == " " {
				if c.Advance <= want {
					t.Errorf("space not stretched: %.2f <= %.2f", c.Advance, want)
				}
			} else if math.Abs(c.Advance-want) > 1e-9 {
				t.Errorf("cluster %q stretched from %.2f to %.2f", c.Text, want, c.Advance)
			}
		}
	}
}

// TestFrenchPunctuationStaysAttached sets the French line at every width
// from narrow to wide: no line may begin with » : ! or end with «.
func TestFrenchPunctuationStaysAttached(t *testing.T) {
	text := scriptLines[1].text
	runes := []rune(text)
	for width := 90.0; width < 400; width += 7 {
		p := layout(t, text, width, Style{Lang: "fr"})
		for _, ln := range p.Lines[1:] {
			if r := runes[ln.Start]; strings.ContainsRune("»:;!?", r) {
				t.Errorf("width %.0f: a line starts with %q", width, r)
			}
		}
		for _, ln := range p.Lines {
			end := trimEnd(runes, ln.Start, ln.End)
			if end > ln.Start && runes[end-1] == '«' {
				t.Errorf("width %.0f: a line ends with «", width)
			}
		}
	}
}

func TestUnbreakableWordOverflowsByGrapheme(t *testing.T) {
	p := layout(t, "Entschlossenheitsbekundungen", 40, Style{Lang: "de"})
	if len(p.Lines) < 3 {
		t.Fatalf("want the word broken over several lines, got %d", len(p.Lines))
	}
	for i, ln := range p.Lines {
		if ln.Width > 40 {
			t.Errorf("line %d is %.2f wide", i+1, ln.Width)
		}
	}
}

func TestMissingGlyph(t *testing.T) {
	_, err := NewEngine().Layout("Statement 声明", 300, Style{Fonts: testFonts(t), Size: 11, Lang: "en"})
	var mg *MissingGlyphError
	if !errors.As(err, &mg) || mg.Char != '声' || mg.Index != 10 {
		t.Fatalf("err = %v, want MissingGlyphError for 声 at 10", err)
	}
	if r, missing := testFonts(t).MissingRune("ok \u200F\u200c\n\t", false); missing {
		t.Errorf("invisible characters reported missing: %q", r)
	}
}

func TestLineFeedsSplitParagraphs(t *testing.T) {
	p := layout(t, "First line\nسطر ثان\r\nThird", 400, Style{Lang: "xx"})
	if len(p.Lines) != 3 {
		t.Fatalf("%d lines, want 3", len(p.Lines))
	}
	if p.Lines[0].RTL || !p.Lines[1].RTL || p.Lines[2].RTL {
		t.Errorf("directions %v %v %v, want each paragraph's first strong character to decide", p.Lines[0].RTL, p.Lines[1].RTL, p.Lines[2].RTL)
	}
	if p.Lines[2].Start != 20 {
		t.Errorf("third line starts at %d, want 20", p.Lines[2].Start)
	}
}

func Example() {
	set := &FontSet{Families: []Family{}}
	for _, f := range []struct {
		name string
		data []byte
		arab bool
	}{{"NotoSans-Regular", fonts.NotoSansRegular, false}, {"NotoNaskhArabic-Regular", fonts.NotoNaskhArabicRegular, true}} {
		font, err := NewFont(f.name, f.data)
		if err != nil {
			panic(err)
		}
		fam := Family{Regular: font}
		if f.arab {
			fam.Scripts = []language.Script{language.Arabic}
		}
		set.Families = append(set.Families, fam)
	}
	p, err := NewEngine().Layout("عبر COVID-19.", 300, Style{Fonts: set, Size: 12, Lang: "ar"})
	if err != nil {
		panic(err)
	}
	for _, r := range p.Lines[0].Runs {
		var texts []string
		for _, c := range r.Clusters {
			texts = append(texts, c.Text)
		}
		fmt.Printf("%s level %d: %s\n", r.Font.Name, r.Level, strings.Join(texts, "|"))
	}
	// Output:
	// NotoSans-Regular level 1: .
	// NotoSans-Regular level 2: C|O|V|I|D|-|1|9
	// NotoNaskhArabic-Regular level 1:  |ر|ب|ع
}

// TestSoftHyphen: a soft hyphen is invisible where the line does not break
// and drawn as a hyphen where it does, with the hyphen's width counted
// when the line is filled.
func TestSoftHyphen(t *testing.T) {
	fonts := testFonts(t)
	hy, _ := fonts.Families[0].Regular.parsed.NominalGlyph('\u2010')
	text := "the sta\u00ADbi\u00ADliza\u00ADtion of liberated areas"
	whole := layout(t, text, 1000, Style{Fonts: fonts})
	if len(whole.Lines) != 1 {
		t.Fatalf("%d lines, want 1", len(whole.Lines))
	}
	plain := layout(t, strings.ReplaceAll(text, "\u00AD", ""), 1000, Style{Fonts: fonts})
	if d := whole.Lines[0].Width - plain.Lines[0].Width; d > 1e-9 || d < -1e-9 {
		t.Errorf("soft hyphens inside a line take %.3f pt", d)
	}
	for _, r := range whole.Lines[0].Runs {
		for _, g := range r.Glyphs {
			if g.ID == uint16(hy) {
				t.Error("a hyphen is drawn inside the line")
			}
		}
	}
	// Narrow enough that "the sta-" fits but "the stabi-" does not.
	narrow := layout(t, text, layout(t, "the stabi", 1000, Style{Fonts: fonts}).Lines[0].Width, Style{Fonts: fonts})
	if len(narrow.Lines) < 2 {
		t.Fatalf("%d lines, want a break", len(narrow.Lines))
	}
	first := narrow.Lines[0]
	runs := first.Runs
	last := runs[len(runs)-1]
	g := last.Glyphs[len(last.Glyphs)-1]
	if g.ID != uint16(hy) || g.Advance <= 0 {
		t.Errorf("line %q does not end with a hyphen glyph (last glyph %d, advance %.2f)", text[:first.End], g.ID, g.Advance)
	}
	if first.Width > narrow.Width+1e-6 {
		t.Errorf("line with its hyphen is %.2f pt wide, box %.2f", first.Width, narrow.Width)
	}
	for _, ln := range narrow.Lines[1:] {
		for _, r := range ln.Runs {
			for _, c := range r.Clusters {
				drawn := r.Glyphs[c.FirstGlyph].ID == uint16(hy)
				if strings.ContainsRune(c.Text, '\u00AD') && drawn != (c.Start == ln.End-1) {
					t.Errorf("soft hyphen at %d, line ending at %d: drawn %v", c.Start, ln.End, drawn)
				}
			}
		}
	}
}

// endsWithHyphen reports a line broken at a hyphenation point: it ends
// inside a word, and its last glyph is the hyphen of its font.
func endsWithHyphen(ln Line) bool {
	if len(ln.Runs) == 0 {
		return false
	}
	run := ln.Runs[len(ln.Runs)-1]
	if ln.RTL {
		run = ln.Runs[0]
	}
	if len(run.Glyphs) == 0 {
		return false
	}
	g := run.Glyphs[len(run.Glyphs)-1]
	if run.RTL() {
		g = run.Glyphs[0]
	}
	hy, ok := run.Font.parsed.NominalGlyph('\u2010')
	return ok && g.ID == uint16(hy)
}
