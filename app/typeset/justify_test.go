package typeset

import (
	"math"
	"strings"
	"testing"
	"unicode"

	"github.com/go-text/typesetting/language"
)

// clusterGap is the room between two clusters next to each other on a
// line, beyond the first one's advance.
type clusterGap struct {
	before, after string
	gap           float64
}

func lineGaps(ln Line) []clusterGap {
	var out []clusterGap
	var prev *Cluster
	for _, r := range ln.Runs {
		for k := range r.Clusters {
			c := &r.Clusters[k]
			if prev != nil {
				out = append(out, clusterGap{prev.Text, c.Text, c.X - (prev.X + prev.Advance)})
			}
			prev = c
		}
	}
	return out
}

// The second paragraph of the sample's French statement, whose second
// line Knuth–Plass can only stretch (the unbreakable "Daech/EIIL" before
// it, "COVID-19," after it).
const frenchLoose = "Les directeurs politiques sont convenus de maintenir une pression maximale sur Daech/EIIL malgré des défis nombreux et multiformes, notamment ceux posés par la pandémie de COVID-19, afin d’obtenir la défaite durable du groupe terroriste en Irak et en Syrie, et de rester vigilants face à la menace que représente Daech/EIIL dans le monde."

// TestLetterGapsTakeShareOfSlack: in a justified Latin line the letters
// take a share of the slack, at most letterStretch apart, so its word gaps
// are narrower than if the spaces took it all; lines still fill the box,
// and the breaks are the ones the spaces alone would choose.
func TestLetterGapsTakeShareOfSlack(t *testing.T) {
	const width, size = 467.72, 11.0
	p := layout(t, frenchLoose, width, Style{Lang: "fr", Align: AlignJustify})
	natural := gapOf(layout(t, "a b", 1e5, Style{Lang: "fr"}).Lines[0])
	spaced := 0
	for i, ln := range p.Lines[:len(p.Lines)-1] {
		if !ln.Justified || math.Abs(ln.Width-width) > 0.8*0.3*size {
			t.Fatalf("line %d: justified=%v width %.2f", i+1, ln.Justified, ln.Width)
		}
		ink, spaces, maxLetter := 0.0, 0, 0.0
		for _, g := range lineGaps(ln) {
			word := !strings.ContainsFunc(g.before+g.after, unicode.IsSpace)
			switch {
			case word && g.gap < -1e-9, word && g.gap > letterStretch*size+1e-9:
				t.Errorf("line %d: %.3f pt between %q and %q", i+1, g.gap, g.before, g.after)
			case !word && math.Abs(g.gap) > 1e-9:
				t.Errorf("line %d: a gap of %.3f pt next to a space (%q %q)", i+1, g.gap, g.before, g.after)
			}
			maxLetter = max(maxLetter, g.gap)
		}
		for _, r := range ln.Runs {
			for _, c := range r.Clusters {
				if c.Text == " " {
					spaces++
				} else {
					ink += c.Advance
				}
			}
		}
		if maxLetter > 0 {
			spaced++
			spacesOnly := (ln.Width - ink) / float64(spaces)
			if gap := gapOf(ln); gap >= spacesOnly-0.1 || gap <= natural {
				t.Errorf("line %d: word gap %.2f pt, %.2f with the spaces alone, %.2f natural", i+1, gap, spacesOnly, natural)
			}
		}
	}
	if spaced == 0 {
		t.Fatal("no line spaces its letters")
	}
	// The second line has 16.6 pt of slack: with the spaces alone, its
	// gaps were 4.24 pt wide.
	if gap := gapOf(p.Lines[1]); gap > 3.9 {
		t.Errorf("line 2: word gap %.2f pt", gap)
	}
	for _, g := range lineGaps(p.Lines[len(p.Lines)-1]) {
		if math.Abs(g.gap) > 1e-9 {
			t.Fatalf("the last line, set ragged, spaces %q and %q", g.before, g.after)
		}
	}
}

// TestNoLetterGapsInArabic: Arabic is justified by kashida and spaces;
// its letters stay joined.
func TestNoLetterGapsInArabic(t *testing.T) {
	text := scriptLines[6].text + " " + scriptLines[7].text
	p := layout(t, text, 200, Style{Lang: "ar", Align: AlignJustify})
	for i, ln := range p.Lines {
		for _, g := range lineGaps(ln) {
			if math.Abs(g.gap) > 1e-9 {
				t.Errorf("line %d: %.3f pt between %q and %q", i+1, g.gap, g.before, g.after)
			}
		}
	}
}

// TestCJKInterCharacterJustification: a justified Chinese or Japanese line
// fills the box by equal gaps between its characters (JLREQ), none before
// closing punctuation or after an opening bracket, none at the line's end
// (the letters of a Latin word in it are spaced as in Latin text).
func TestCJKInterCharacterJustification(t *testing.T) {
	cjkFont := systemFont(t, "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf")
	set := &FontSet{Families: append([]Family{{Regular: cjkFont, Bold: cjkFont,
		Scripts: []language.Script{language.Han, language.Hiragana, language.Katakana}}}, testFonts(t).Families...)}
	for _, tc := range []struct{ lang, text string }{
		{"zh", "全球打击达伊沙联盟政治主任小组今天举行视频会议，重申我们继续打击达伊沙的共同承诺，并在伊拉克和叙利亚保持目标一致和团结。「政治主任们」同意对达伊沙保持最大压力（尽管面临多重挑战），包括新冠肺炎疫情带来的挑战，以实现在伊拉克和叙利亚持久击败该恐怖组织的目标。"},
		{"ja", "有志連合の政治局長は本日、テレビ会議を開催し、イラクとシリアにおけるダーイシュとの戦いを継続するという共通のコミットメントを再確認した。「政治局長たち」は、新型コロナウイルス（COVID-19）の大流行を含む多くの課題にもかかわらず、最大限の圧力を維持することで合意した。"},
	} {
		for _, width := range []float64{150.5, 223.3, 301.7} {
			p := layout(t, tc.text, width, Style{Fonts: set, Lang: tc.lang, Align: AlignJustify})
			if len(p.Lines) < 3 {
				t.Fatalf("%s at %.1f: %d lines", tc.lang, width, len(p.Lines))
			}
			ragged := 0
			for i, ln := range p.Lines[:len(p.Lines)-1] {
				if !ln.Justified {
					// Only a line whose gaps would be wider than readers
					// take for spaces (before an unbreakable Latin word).
					n := 0
					for _, g := range lineGaps(ln) {
						if cjk([]rune(g.before)[0]) || cjk([]rune(g.after)[0]) {
							n++
						}
					}
					if (width-ln.Width)/float64(n) <= cjkMaxGap*11 {
						t.Errorf("%s at %.1f: line %d is ragged, %.2f short with %d gaps", tc.lang, width, i+1, width-ln.Width, n)
					}
					ragged++
					continue
				}
				if math.Abs(ln.Width-width) > 0.8*11 {
					t.Errorf("%s at %.1f: line %d justified width %.2f", tc.lang, width, i+1, ln.Width)
					continue
				}
				var unit float64
				for _, g := range lineGaps(ln) {
					b, a := []rune(g.before), []rune(g.after)
					latin := !cjk(b[len(b)-1]) && !cjk(a[0])
					fixed := closing(a[0]) || opening(b[len(b)-1])
					switch {
					case latin && (g.gap < -1e-9 || g.gap > letterStretch*11+1e-9):
						t.Errorf("%s at %.1f: line %d: %.2f pt between %q and %q", tc.lang, width, i+1, g.gap, g.before, g.after)
					case latin:
					case fixed && math.Abs(g.gap) > 1e-9:
						t.Errorf("%s at %.1f: line %d: %.2f pt between %q and %q", tc.lang, width, i+1, g.gap, g.before, g.after)
					case !fixed && unit == 0:
						unit = g.gap
					case !fixed && math.Abs(g.gap-unit) > 1e-6:
						t.Errorf("%s at %.1f: line %d: gaps %.3f and %.3f pt", tc.lang, width, i+1, unit, g.gap)
					}
				}
				if unit <= 0 && math.Abs(ln.Width-width) > 1e-6 {
					t.Errorf("%s at %.1f: line %d: no gap between characters, %.2f short", tc.lang, width, i+1, width-ln.Width)
				}
			}
			if ragged > len(p.Lines)/4 {
				t.Errorf("%s at %.1f: %d of %d lines ragged", tc.lang, width, ragged, len(p.Lines))
			}
			if last := p.Lines[len(p.Lines)-1]; last.Justified {
				t.Errorf("%s at %.1f: the last line is justified", tc.lang, width)
			}
			if strings.Join(lineTexts(p, tc.text), "") != tc.text {
				t.Errorf("%s at %.1f: lines lose characters", tc.lang, width)
			}
		}
	}
}
