package typeset

import (
	"strings"
	"testing"
	"unicode"
)

// TestKashidaSites: the site of a word follows the priority rules.
func TestKashidaSites(t *testing.T) {
	for _, c := range []struct{ word, after string }{
		{"السياسيون", "السياس"},           // after seen, the one nearest the end
		{"الهزيمة", "الهزيم"},             // before a final teh marbuta
		{"تحقيق", "تحقي"},                 // before a final qaf
		{"في", ""},                        // never before a final yeh
		{"دار", ""},                       // dal and alef join nothing after them
		{"العراق", "الع"},                 // before alef
		{"می\u200Cخواهم", "می\u200Cخواه"}, // never across a ZWNJ
	} {
		r := []rune(c.word)
		s, ok := wordSite(r, 0, len(r))
		got := ""
		if ok {
			got = string(r[:s.at+1])
		}
		if got != c.after {
			t.Errorf("%s: kashida after %q, want after %q", c.word, got, c.after)
		}
	}
}

// TestKashida: justified Arabic lines are lengthened with tatweel glyphs
// inside the clusters of the letters they follow, one site a word at most,
// never after a letter that does not join the next; the clusters' text has
// no tatweel, so nothing a reader extracts does; Persian and Sorani get
// none.
func TestKashida(t *testing.T) {
	text := "اجتمع المديرون السياسيون للمجموعة المصغرة في التحالف الدولي لهزيمة داعش اليوم عبر الاتصال المرئي لتأكيد التزامنا المشترك بمواصلة القتال ضد داعش والحفاظ على وحدة الهدف والتماسك في العراق وسوريا."
	tw := nominal(t, testFonts(t).Families[1].Regular, '\u0640')
	count := func(p *Paragraph) int {
		n := 0
		for li, ln := range p.Lines {
			perWord := map[int]int{}
			for _, r := range ln.Runs {
				for _, c := range r.Clusters {
					k := 0
					for _, g := range r.Glyphs[c.FirstGlyph : c.FirstGlyph+c.NumGlyphs] {
						if g.ID == tw {
							k++
						}
					}
					if k == 0 {
						continue
					}
					n += k
					letter := []rune(c.Text)[0]
					if strings.ContainsRune(c.Text, '\u0640') || !dualJoining(letter) || k > maxKashidas {
						t.Errorf("line %d: %d tatweels in cluster %q", li+1, k, c.Text)
					}
					if c.End >= len([]rune(text)) || !unicode.IsLetter([]rune(text)[c.End]) {
						t.Errorf("line %d: tatweel after %q, the last letter of a word", li+1, c.Text)
					}
					perWord[strings.LastIndex(string([]rune(text)[:c.Start]), " ")]++
				}
			}
			for _, k := range perWord {
				if k > 1 {
					t.Errorf("line %d: kashidas at %d sites of one word", li+1, k)
				}
			}
		}
		return n
	}
	total := 0
	for _, width := range []float64{150, 220, 300} {
		p := layout(t, text, width, Style{Lang: "ar", Align: AlignJustify})
		total += count(p)
		for i, ln := range p.Lines[:len(p.Lines)-1] {
			if ln.Justified && (ln.Width < width-1e-6 || ln.Width > width+3) {
				t.Errorf("ar at %.0f: justified line %d is %.2f wide", width, i+1, ln.Width)
			}
		}
		for _, lang := range []string{"fa", "ckb"} {
			if n := count(layout(t, text, width, Style{Lang: lang, Align: AlignJustify})); n > 0 {
				t.Errorf("%s at %.0f: %d tatweels", lang, width, n)
			}
		}
		if n := count(layout(t, text, width, Style{Lang: "ar"})); n > 0 {
			t.Errorf("ragged ar at %.0f: %d tatweels", width, n)
		}
	}
	if total == 0 {
		t.Error("no kashida in three justified Arabic columns")
	}
}
