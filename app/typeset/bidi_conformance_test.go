package typeset

import (
	"bufio"
	"fmt"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"

	"communique/internal/judge"
)

// Unicode's conformance files for UAX #9, from Debian's unicode-data
// (scripts/deps.sh installs it). Every case of both must pass.
const unicodeData = "/usr/share/unicode"

func openUnicodeData(t *testing.T, name string) *os.File {
	t.Helper()
	f, err := os.Open(unicodeData + "/" + name)
	if err != nil {
		judge.Missing(t, name+" (Debian package unicode-data)", err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// conformanceCase is one paragraph of a conformance file and what UAX #9
// resolves it to.
type conformanceCase struct {
	where  string // file:line
	text   []rune
	base   int   // 0, 1, or -1 for auto
	levels []int // -1 where X9 removes the character
	order  []int // visual order of the characters not removed
	para   int   // resolved paragraph level; -1 when the file gives none
}

// check runs the algorithm through L2 on one case and describes the first
// difference, or returns "".
func (c *conformanceCase) check() string {
	levels, para := resolveLevels(c.text, c.base)
	if c.para >= 0 && int(para) != c.para {
		return fmt.Sprintf("paragraph level %d, want %d", para, c.para)
	}
	lineLevels := applyL1(c.text, levels, para)
	var kept []int
	var keptLevels []uint8
	for i, want := range c.levels {
		if want < 0 {
			continue
		}
		if int(lineLevels[i]) != want {
			return fmt.Sprintf("levels %v, want %v", lineLevels, c.levels)
		}
		kept = append(kept, i)
		keptLevels = append(keptLevels, lineLevels[i])
	}
	order := visualOrder(keptLevels)
	got := make([]int, len(order))
	for k, o := range order {
		got[k] = kept[o]
	}
	if !slices.Equal(got, c.order) {
		return fmt.Sprintf("order %v, want %v", got, c.order)
	}
	return ""
}

func parseInts(field string, x int) ([]int, error) {
	var out []int
	for _, f := range strings.Fields(field) {
		if f == "x" {
			out = append(out, x)
			continue
		}
		n, err := strconv.Atoi(f)
		if err != nil {
			return nil, err
		}
		out = append(out, n)
	}
	return out, nil
}

// classRune is a character of each bidi class, to turn BidiTest.txt's
// class sequences into text.
var classRune = map[string]rune{
	"L": 'a', "R": 'א', "AL": 'ب', "EN": '1', "ES": '+', "ET": '$', "AN": '٠', "CS": ',',
	"NSM": 0x0300, "BN": 0x00AD, "B": 0x2029, "S": '\t', "WS": ' ', "ON": '!',
	"LRE": 0x202A, "RLE": 0x202B, "PDF": 0x202C, "LRO": 0x202D, "RLO": 0x202E,
	"LRI": 0x2066, "RLI": 0x2067, "FSI": 0x2068, "PDI": 0x2069,
}

func TestBidiTestTxt(t *testing.T) {
	sc := bufio.NewScanner(openUnicodeData(t, "BidiTest.txt"))
	var levels, order []int
	cases, failures := 0, 0
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if i := strings.IndexByte(line, '#'); i >= 0 {
			line = line[:i]
		}
		line = strings.TrimSpace(line)
		var err error
		switch {
		case line == "":
			continue
		case strings.HasPrefix(line, "@Levels:"):
			levels, err = parseInts(strings.TrimPrefix(line, "@Levels:"), -1)
		case strings.HasPrefix(line, "@Reorder:"):
			order, err = parseInts(strings.TrimPrefix(line, "@Reorder:"), -1)
		default:
			input, bits, ok := strings.Cut(line, ";")
			if !ok {
				t.Fatalf("BidiTest.txt:%d: no ';'", n)
			}
			var text []rune
			for _, cl := range strings.Fields(input) {
				r, ok := classRune[cl]
				if !ok {
					t.Fatalf("BidiTest.txt:%d: unknown class %q", n, cl)
				}
				text = append(text, r)
			}
			set, err := strconv.Atoi(strings.TrimSpace(bits))
			if err != nil {
				t.Fatalf("BidiTest.txt:%d: %v", n, err)
			}
			for bit, base := range []int{-1, 0, 1} {
				if set&(1<<bit) == 0 {
					continue
				}
				c := conformanceCase{where: fmt.Sprintf("BidiTest.txt:%d", n), text: text, base: base, levels: levels, order: order, para: -1}
				cases++
				if msg := c.check(); msg != "" {
					failures++
					if failures <= 10 {
						t.Errorf("%s %s (base %d): %s", c.where, input, base, msg)
					}
				}
			}
		}
		if err != nil {
			t.Fatalf("BidiTest.txt:%d: %v", n, err)
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if cases < 400000 {
		t.Fatalf("only %d cases read from BidiTest.txt", cases)
	}
	if failures > 0 {
		t.Errorf("%d of %d cases of BidiTest.txt fail", failures, cases)
	}
}

func TestBidiCharacterTestTxt(t *testing.T) {
	sc := bufio.NewScanner(openUnicodeData(t, "BidiCharacterTest.txt"))
	cases, failures := 0, 0
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, ";")
		if len(f) != 5 {
			t.Fatalf("BidiCharacterTest.txt:%d: %d fields", n, len(f))
		}
		var text []rune
		for _, h := range strings.Fields(f[0]) {
			v, err := strconv.ParseUint(h, 16, 32)
			if err != nil {
				t.Fatalf("BidiCharacterTest.txt:%d: %v", n, err)
			}
			text = append(text, rune(v))
		}
		base := map[string]int{"0": 0, "1": 1, "2": -1}[f[1]]
		para, err1 := strconv.Atoi(f[2])
		levels, err2 := parseInts(f[3], -1)
		order, err3 := parseInts(f[4], -1)
		if err1 != nil || err2 != nil || err3 != nil {
			t.Fatalf("BidiCharacterTest.txt:%d: bad fields", n)
		}
		c := conformanceCase{where: fmt.Sprintf("BidiCharacterTest.txt:%d", n), text: text, base: base, levels: levels, order: order, para: para}
		cases++
		if msg := c.check(); msg != "" {
			failures++
			if failures <= 10 {
				t.Errorf("%s %s: %s", c.where, f[0], msg)
			}
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if cases < 90000 {
		t.Fatalf("only %d cases read from BidiCharacterTest.txt", cases)
	}
	if failures > 0 {
		t.Errorf("%d of %d cases of BidiCharacterTest.txt fail", failures, cases)
	}
}
