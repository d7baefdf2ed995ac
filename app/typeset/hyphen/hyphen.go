// Package hyphen finds where a word may be hyphenated, by Liang's
// algorithm (the one TeX uses) on the hyph-utf8 patterns embedded in
// assets/hyphen. Only languages written in Latin or Cyrillic script have
// patterns here; Arabic-script text is never hyphenated.
package hyphen

import (
	"fmt"
	"strings"
	"sync"
	"unicode"

	assets "communique/assets/hyphen"
)

// Hyphenator holds one language's patterns.
type Hyphenator struct {
	// patterns maps a pattern's letters ("." marks a word edge) to its
	// digits: values[i] is the priority of a break before letter i.
	patterns   map[string][]uint8
	maxLen     int // longest pattern, in bytes
	exceptions map[string][]int
	// Left and Right are the fewest letters kept before the first and after
	// the last hyphen.
	Left, Right int
}

// language is a hyph-utf8 pattern set with TeX's typesetting minimums
// for it (the "hyphenmins" of its licence header).
type language struct {
	file        string
	left, right int
}

var languages = map[string]language{
	"en":    {"en-us", 2, 3},
	"en-gb": {"en-gb", 2, 3},
	"fr":    {"fr", 2, 2},
	"de":    {"de-1996", 2, 2},
	"ru":    {"ru", 2, 2},
	"es":    {"es", 2, 2},
	"it":    {"it", 2, 2},
	"pt":    {"pt", 2, 3},
}

var (
	cacheMu sync.Mutex
	cache   = map[string]*Hyphenator{}
)

// For returns the hyphenator of a BCP 47 language tag, or nil for a
// language without patterns (including every Arabic-script language). The
// patterns are parsed once per process.
func For(tag string) *Hyphenator {
	key := strings.ToLower(strings.ReplaceAll(tag, "_", "-"))
	lang, ok := languages[key]
	if !ok {
		primary, _, _ := strings.Cut(key, "-")
		if lang, ok = languages[primary]; !ok {
			return nil
		}
	}
	cacheMu.Lock()
	defer cacheMu.Unlock()
	if h, ok := cache[lang.file]; ok {
		return h
	}
	pat, hyp, ok := assets.Patterns(lang.file)
	if !ok {
		return nil
	}
	h, err := Parse("hyph-"+lang.file, pat, hyp)
	if err != nil {
		panic(err) // embedded files, checked by TestEmbeddedPatterns
	}
	h.Left, h.Right = lang.left, lang.right
	cache[lang.file] = h
	return h
}

// Parse reads Liang patterns ("1na", ".ach4") and exception words
// ("as-so-ciate"), one a line; name is used in errors. Left and Right are
// set to TeX's defaults, 2 and 3.
func Parse(name, patterns, exceptions string) (*Hyphenator, error) {
	h := &Hyphenator{patterns: make(map[string][]uint8), exceptions: make(map[string][]int), Left: 2, Right: 3}
	for n, line := range strings.Split(patterns, "\n") {
		for _, p := range strings.Fields(line) {
			letters, values, err := splitPattern(p)
			if err != nil {
				return nil, fmt.Errorf("%s.pat.txt:%d: %w", name, n+1, err)
			}
			h.patterns[letters] = values
			h.maxLen = max(h.maxLen, len(letters))
		}
	}
	for n, line := range strings.Split(exceptions, "\n") {
		for _, w := range strings.Fields(line) {
			var points []int
			k := 0
			for _, r := range w {
				if r == '-' {
					if k == 0 || len(points) > 0 && points[len(points)-1] == k {
						return nil, fmt.Errorf("%s.hyp.txt:%d: misplaced hyphen in %q", name, n+1, w)
					}
					points = append(points, k)
					continue
				}
				k++
			}
			h.exceptions[strings.ToLower(strings.ReplaceAll(w, "-", ""))] = points
		}
	}
	return h, nil
}

// splitPattern separates a pattern's letters from its digits.
func splitPattern(p string) (string, []uint8, error) {
	var letters strings.Builder
	values := []uint8{0}
	for _, r := range p {
		if r >= '0' && r <= '9' {
			values[len(values)-1] = uint8(r - '0')
			continue
		}
		if !unicode.IsLetter(r) && !unicode.IsMark(r) && r != '.' && r != '\'' && r != '’' && r != '-' {
			return "", nil, fmt.Errorf("pattern %q: unexpected %q", p, r)
		}
		letters.WriteRune(r)
		values = append(values, 0)
	}
	if letters.Len() == 0 {
		return "", nil, fmt.Errorf("pattern %q has no letters", p)
	}
	return letters.String(), values, nil
}

// Points returns where word may be hyphenated: each k means a hyphen may
// go between word[k-1] and word[k]. Case is ignored.
func (h *Hyphenator) Points(word []rune) []int {
	n := len(word)
	if n < h.Left+h.Right {
		return nil
	}
	lower := strings.ToLower(string(word))
	if points, ok := h.exceptions[lower]; ok {
		return h.keepInside(points, n)
	}
	// The word between dots, with the byte offset of each letter, so that
	// substrings of it are map keys without allocating.
	dotted := "." + lower + "."
	starts := make([]int, 0, n+2)
	for i := range dotted {
		starts = append(starts, i)
	}
	if len(starts) != n+2 {
		return nil // lower-casing changed the number of letters
	}
	starts = append(starts, len(dotted))
	values := make([]uint8, n+3) // values[i]: break before letter i of dotted
	for i := range n + 2 {
		for j := i + 1; j <= n+2 && starts[j]-starts[i] <= h.maxLen; j++ {
			v, ok := h.patterns[dotted[starts[i]:starts[j]]]
			if !ok {
				continue
			}
			for k, d := range v {
				values[i+k] = max(values[i+k], d)
			}
		}
	}
	var points []int
	for k := 1; k < n; k++ {
		// A break before word[k] is a break before dotted letter k+1.
		if values[k+1]%2 == 1 {
			points = append(points, k)
		}
	}
	return h.keepInside(points, n)
}

// keepInside drops the points closer to the word's edges than Left and
// Right allow.
func (h *Hyphenator) keepInside(points []int, n int) []int {
	out := points[:0:0]
	for _, k := range points {
		if k >= h.Left && n-k >= h.Right {
			out = append(out, k)
		}
	}
	return out
}
