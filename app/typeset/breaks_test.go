package typeset

import (
	"math/rand/v2"
	"os"
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/go-text/typesetting/language"
)

// lineTexts returns the text each line stands for, soft hyphens and the
// hyphens drawn at hyphenation points dropped, in logical order.
func lineTexts(p *Paragraph, text string) []string {
	r := []rune(text)
	var out []string
	for _, ln := range p.Lines {
		out = append(out, string(r[ln.Start:ln.End]))
	}
	return out
}

// hyphenatedEnds counts the lines that end at a hyphenation point and
// checks how each is drawn: the hyphen glyph of its font, last on the line,
// as one more glyph of the last letter's cluster, whose text is that
// letter alone (so readers extract the word whole).
func hyphenatedEnds(t *testing.T, p *Paragraph, text string) int {
	t.Helper()
	r := []rune(text)
	n := 0
	for i, ln := range p.Lines {
		if !endsWithHyphen(ln) || i == len(p.Lines)-1 || !unicode.IsLetter(r[ln.End-1]) {
			continue
		}
		n++
		if !ln.Hyphenated {
			t.Errorf("line %d ends at a hyphenation point but is not marked Hyphenated", i+1)
		}
		if !unicode.IsLetter(r[ln.End]) {
			t.Errorf("line %d: hyphen at %d, not inside a word", i+1, ln.End)
		}
		run := ln.Runs[len(ln.Runs)-1]
		c := run.Clusters[len(run.Clusters)-1]
		g := run.Glyphs[len(run.Glyphs)-1]
		if c.Text != string(r[ln.End-1]) || c.End != ln.End || c.FirstGlyph+c.NumGlyphs != len(run.Glyphs) || c.NumGlyphs < 2 {
			t.Errorf("line %d: last cluster %q [%d,%d) with %d glyphs, want %q with the hyphen", i+1, c.Text, c.Start, c.End, c.NumGlyphs, r[ln.End-1])
		}
		if end := ln.Left + ln.Width; g.X+g.Advance < end-1e-6 {
			t.Errorf("line %d %q: hyphen at %.2f, not at the line's end %.2f", i+1, string(r[ln.Start:ln.End]), g.X+g.Advance, end)
		}
	}
	return n
}

// TestHyphenation: justified paragraphs in en, fr, de and ru break inside
// words at the patterns' hyphenation points in a narrow column, draw the
// hyphen there, and lose no character; ragged text and Arabic never do.
func TestHyphenation(t *testing.T) {
	texts := map[string]string{
		"en": "The Political Directors reaffirmed their determination to maintain unity of purpose and cohesiveness, guaranteeing the sovereignty of Iraq and increasing stabilization support.",
		"fr": "Les directeurs politiques ont réaffirmé leur détermination à maintenir l’unité d’objectif et la cohésion, garantissant la souveraineté de l’Irak et renforçant le soutien à la stabilisation.",
		"de": "Die Politischen Direktoren bekräftigten ihre Entschlossenheit, die Einheit und den Zusammenhalt zu bewahren und die Stabilisierungsunterstützung für befreite Gebiete zu verstärken.",
		"ru": "Политические директора подтвердили решимость сохранять единство целей и сплочённость, гарантируя суверенитет Ирака и увеличивая поддержку стабилизации освобождённых районов.",
	}
	for lang, text := range texts {
		total := 0
		for _, width := range []float64{140, 170, 200} {
			p := layout(t, text, width, Style{Lang: lang, Align: AlignJustify})
			total += hyphenatedEnds(t, p, text)
			if got := strings.Join(lineTexts(p, text), ""); got != text {
				t.Errorf("%s: lines cover %q", lang, got)
			}
			ragged := layout(t, text, width, Style{Lang: lang})
			if n := hyphenatedEnds(t, ragged, text); n > 0 {
				t.Errorf("%s at %.0f: ragged text hyphenated %d times", lang, width, n)
			}
		}
		if total == 0 {
			t.Errorf("%s: no line ends at a hyphenation point in three narrow columns", lang)
		}
	}
	ar := "اجتمع المديرون السياسيون للتحالف الدولي لهزيمة داعش عبر الإنترنت لتأكيد التزامهم المشترك بمواصلة القتال ضد داعش والحفاظ على وحدة الهدف والتماسك في العراق وسوريا."
	for _, width := range []float64{100, 140} {
		p := layout(t, ar, width, Style{Lang: "ar", Align: AlignJustify})
		for i, ln := range p.Lines[:len(p.Lines)-1] {
			if r := []rune(ar); !unicode.IsSpace(r[ln.End-1]) {
				t.Errorf("ar at %.0f: line %d ends inside a word", width, i+1)
			}
		}
	}
}

// TestTotalFitBeatsGreedy: on a paragraph whose greedy breaking leaves a
// very loose line, total fit spreads the slack: its loosest justified line
// is tighter than greedy's.
func TestTotalFitBeatsGreedy(t *testing.T) {
	text := "The Political Directors of the Global Coalition, while maintaining the importance of guaranteeing the sovereignty of Iraq, also stressed the importance of increasing our various forms of assistance and stabilization support to liberated areas."
	loosest := func(p *Paragraph) float64 {
		worst := 0.0
		for _, ln := range p.Lines[:len(p.Lines)-1] {
			if !ln.Justified {
				return 1e9 // a line left ragged: worse than any gap
			}
			worst = max(worst, gapOf(ln))
		}
		return worst
	}
	for _, width := range []float64{260, 300, 340} {
		kp := layout(t, text, width, Style{Lang: "en", Align: AlignJustify})
		// Greedy breaking, justified after: what the layout did before.
		e := NewEngine()
		st := Style{Fonts: testFonts(t), Size: 11, Lang: "en", Align: AlignJustify}
		e.greedy = true
		greedy, err := e.Layout(text, width, st)
		if err != nil {
			t.Fatal(err)
		}
		if k, g := loosest(kp), loosest(greedy); k > g+1e-9 {
			t.Errorf("at %.0f: widest total-fit gap %.2f pt, greedy %.2f pt", width, k, g)
		} else {
			t.Logf("at %.0f: widest gap %.2f pt (greedy %.2f pt)", width, k, g)
		}
	}
}

// gapOf returns the width of the widest space cluster of a line.
func gapOf(ln Line) float64 {
	w := 0.0
	for _, r := range ln.Runs {
		for _, c := range r.Clusters {
			if c.Text == " " {
				w = max(w, c.Advance)
			}
		}
	}
	return w
}

// TestNoBreakInsideWords: UAX #14 allows a break after the slash of
// "Daech/EIIL" and after the hyphens of a URL; neither is taken while the
// word fits on a line, both ragged and justified. A word wider than the
// line is still broken.
func TestNoBreakInsideWords(t *testing.T) {
	text := "Les directeurs ont condamné Daech/EIIL et renvoient à https://www.state-department.example/global-coalition-statement pour le texte complet et la liste des membres."
	for _, align := range []Align{AlignStart, AlignJustify} {
		for w := 60.0; w <= 400; w += 7 {
			p := layout(t, text, w, Style{Lang: "fr", Align: align})
			r := []rune(text)
			for i, ln := range p.Lines[:len(p.Lines)-1] {
				prev := r[ln.End-1]
				if prev != '/' && prev != '-' && prev != '.' {
					continue
				}
				word := wordAround(r, ln.End)
				if layout(t, word, 1e4, Style{Lang: "fr"}).Lines[0].Width <= w {
					t.Errorf("align %d at %.0f: line %d ends after %q inside %q, which fits a line", align, w, i+1, prev, word)
				}
			}
		}
	}
	url := "https://www.state-department.example/global-coalition-statement"
	p := layout(t, url, 120, Style{Lang: "en", Align: AlignJustify})
	if len(p.Lines) < 2 {
		t.Fatal("a URL wider than the line is not broken")
	}
	for i, ln := range p.Lines {
		if ln.Width > 120+1e-6 {
			t.Errorf("URL line %d is %.2f wide", i+1, ln.Width)
		}
	}
}

func wordAround(r []rune, pos int) string {
	a, b := pos, pos
	for a > 0 && !unicode.IsSpace(r[a-1]) {
		a--
	}
	for b < len(r) && !unicode.IsSpace(r[b]) {
		b++
	}
	return string(r[a:b])
}

// systemFont loads a font installed by scripts/deps.sh.
func systemFont(t *testing.T, path string) *Font {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (scripts/deps.sh installs it)", err)
	}
	f, err := NewFont(path, data)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// TestChineseBreaks: Chinese has no spaces; lines break between
// ideographs, fill the box, and no line starts with closing punctuation
// (kinsoku: ，。、」）！？ stay with the character before).
func TestChineseBreaks(t *testing.T) {
	cjk := systemFont(t, "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf")
	set := &FontSet{Families: append([]Family{{Regular: cjk, Bold: cjk, Scripts: []language.Script{language.Han}}}, testFonts(t).Families...)}
	text := "全球打击达伊沙联盟政治主任小组今天举行视频会议，重申我们继续打击达伊沙的共同承诺，并在伊拉克和叙利亚保持目标一致和团结。「政治主任们」同意对达伊沙保持最大压力（尽管面临多重挑战）！"
	r := []rune(text)
	for _, align := range []Align{AlignStart, AlignJustify} {
		for _, width := range []float64{100, 150, 223} {
			p := layout(t, text, width, Style{Fonts: set, Lang: "zh", Align: align})
			if len(p.Lines) < 3 {
				t.Fatalf("%.0f: %d lines: the text is not broken between ideographs", width, len(p.Lines))
			}
			for i, ln := range p.Lines {
				if ln.Width > width+1e-6 {
					t.Errorf("%.0f: line %d overflows (%.2f)", width, i+1, ln.Width)
				}
				if i > 0 && strings.ContainsRune("，。、」）！？：；", r[ln.Start]) {
					t.Errorf("%.0f: line %d starts with %q", width, i+1, r[ln.Start])
				}
				if i < len(p.Lines)-1 && strings.ContainsRune("「（", r[ln.End-1]) {
					t.Errorf("%.0f: line %d ends with %q", width, i+1, r[ln.End-1])
				}
				if i < len(p.Lines)-1 && width-ln.Width > 2*11 {
					t.Errorf("%.0f: line %d is %.2f wide: room for two more ideographs", width, i+1, ln.Width)
				}
			}
			if strings.Join(lineTexts(p, text), "") != text {
				t.Errorf("%.0f: lines lose characters", width)
			}
		}
	}
}

// TestHebrewBreaks: Hebrew breaks at spaces, right to left, never
// hyphenated.
func TestHebrewBreaks(t *testing.T) {
	he := systemFont(t, "/usr/share/fonts/truetype/noto/NotoSansHebrew-Regular.ttf")
	set := &FontSet{Families: append([]Family{{Regular: he, Bold: he, Scripts: []language.Script{language.Hebrew}}}, testFonts(t).Families...)}
	text := "המנהלים המדיניים של הקואליציה הגלובלית להבסת דאעש נפגשו היום באופן מקוון כדי לאשר מחדש את מחויבותנו המשותפת להמשיך במאבק."
	r := []rune(text)
	for _, width := range []float64{120, 180} {
		p := layout(t, text, width, Style{Fonts: set, Lang: "he", Align: AlignJustify})
		for i, ln := range p.Lines {
			if !ln.RTL {
				t.Errorf("line %d not right to left", i+1)
			}
			if i < len(p.Lines)-1 && !unicode.IsSpace(r[ln.End-1]) {
				t.Errorf("line %d ends inside a word", i+1)
			}
		}
	}
}

// TestBreakingAnyText: random text of words, slashes, hyphens, URLs,
// Arabic, Chinese, soft hyphens, line separators and runs of spaces, at
// random widths down to less than a letter, justified and ragged, in a
// hyphenated language and in Arabic: the lines cover the text in order,
// without a gap or an overlap, and none is wider than the box unless it
// holds a single grapheme.
func TestBreakingAnyText(t *testing.T) {
	pieces := []string{"word", "hyphenation", " ", "  ", "/", "-", "Daech/EIIL", "https://a-b.example/c-d", "\u00AD", "\u2028",
		"السياسيون", "لا", "全球打击", "，", "Internationalization", "x", ".", "\u200C"}
	cjk := systemFont(t, "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf")
	set := &FontSet{Families: append(slices.Clone(testFonts(t).Families), Family{Regular: cjk, Bold: cjk})}
	rng := rand.New(rand.NewPCG(7, 8))
	for trial := range 300 {
		var b strings.Builder
		for range rng.IntN(30) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		text := b.String()
		width := []float64{3, 20, 60, 150, 400}[rng.IntN(5)]
		st := Style{Fonts: set, Lang: []string{"en", "ar", "de"}[rng.IntN(3)], Align: []Align{AlignJustify, AlignStart, AlignCenter}[rng.IntN(3)]}
		p := layout(t, text, width, st)
		end := 0
		for i, ln := range p.Lines {
			if ln.Start != end {
				t.Fatalf("trial %d %q at %.0f: line %d starts at %d, want %d", trial, text, width, i+1, ln.Start, end)
			}
			end = ln.End
			if ln.Width > width+0.8*0.3*11+1e-6 && ln.End-ln.Start > 1 && len(graphemesOf(text, ln)) > 1 {
				t.Errorf("trial %d %q at %.0f: line %d is %.2f wide", trial, text, width, i+1, ln.Width)
			}
		}
		if end != len([]rune(text)) {
			t.Fatalf("trial %d %q: lines end at %d of %d", trial, text, end, len([]rune(text)))
		}
	}
}

// graphemesOf returns the grapheme boundaries inside a line's text,
// trailing spaces left out.
func graphemesOf(text string, ln Line) []int {
	r := []rune(text)
	return NewEngine().graphemes(r[ln.Start:trimEnd(r, ln.Start, ln.End)])
}
