// Package hyphen embeds the hyphenation patterns Communiqué hyphenates
// justified paragraphs with: Liang patterns (hyph-XX.pat.txt) and
// exception words (hyph-XX.hyp.txt) from the TeX hyph-utf8 project, each
// beside the header of its TeX source (hyph-XX.licence.txt), which names
// its authors and licence (MIT, BSD, LPPL or the en-us authors' notice) and
// the left and right minimums TeX typesets with.
package hyphen

import "embed"

//go:embed *.txt
var files embed.FS

// Patterns returns the pattern file and the exception file of a hyph-utf8
// language name (e.g. "en-us", "de-1996"); ok is false when there are no
// patterns. A language may have no exceptions.
func Patterns(name string) (patterns, exceptions string, ok bool) {
	p, err := files.ReadFile("hyph-" + name + ".pat.txt")
	if err != nil {
		return "", "", false
	}
	x, _ := files.ReadFile("hyph-" + name + ".hyp.txt")
	return string(p), string(x), true
}
