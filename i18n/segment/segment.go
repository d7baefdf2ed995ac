// Package segment splits paragraphs into sentences the way CAT tools expect
// (translation memories and XLIFF work sentence by sentence) and joins
// translated sentences back into a paragraph.
//
// The rules follow SRX (Segmentation Rules eXchange): candidate breaks are
// tested against an ordered list of rules, each a regular expression for the
// text before the break and one for the text after; the first rule that
// matches decides, break or no break. The exceptions come first, as in the
// LISA default rules: abbreviations ("Mr.", "e.g.", "No."), runs of
// initials ("D.C.", "U.S.", "U.N."), a single capital initial ("J. Smith")
// and a lower-case continuation never end a sentence. The cost of that
// choice: a sentence really ending in "U.S." is joined to the next one, which
// a translator sees and a CAT tool can split.
package segment

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Span is a sentence: bytes [Start, End) of the paragraph, spaces trimmed.
type Span struct{ Start, End int }

type rule struct {
	brk           bool
	before, after *regexp.Regexp
}

var rules = []rule{
	{false, regexp.MustCompile(`(?i)(?:^|[^\p{L}])(?:mr|mrs|ms|dr|prof|st|gen|sen|rep|gov|amb|lt|col|sgt|capt|adm|no|nos|art|fig|vol|vs|etc|approx|cf|inc|ltd|co|jr|sr|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\.$`), regexp.MustCompile(`^\s`)},
	{false, regexp.MustCompile(`(?:^|[^\p{L}])(?:\p{L}\.){2,}$`), regexp.MustCompile(`^\s`)},
	{false, regexp.MustCompile(`(?:^|[^\p{L}])\p{Lu}\.$`), regexp.MustCompile(`^\s`)},
	{false, regexp.MustCompile(`[.!?]["'”’»)\]]*$`), regexp.MustCompile(`^\s+[\p{Ll}]`)},
	{true, regexp.MustCompile(`[.!?؟۔…]["'”’»)\]]*$`), regexp.MustCompile(`^\s`)},
	{true, regexp.MustCompile(`[。！？]["'”’»)\]」』]*$`), regexp.MustCompile(`^`)},
}

// lookBehind bounds how much text before a candidate break the rules see.
const lookBehind = 64

// Sentences returns the sentences of a paragraph, in order. A paragraph
// with no break is one sentence; blank text has none.
func Sentences(text string) []Span {
	var out []Span
	start := 0
	for i := 0; i < len(text); {
		_, n := utf8.DecodeRuneInString(text[i:])
		i += n
		if !endsCandidate(text[:i]) || i == len(text) || !breaksAt(text, i) {
			continue
		}
		out = appendTrimmed(out, text, start, i)
		start = i
	}
	return appendTrimmed(out, text, start, len(text))
}

// endsCandidate: a break can only follow a terminator or a closing mark.
func endsCandidate(s string) bool {
	r, _ := utf8.DecodeLastRuneInString(s)
	return strings.ContainsRune(".!?؟۔…。！？\"'”’»)]」』", r)
}

func breaksAt(text string, i int) bool {
	before := text[max(0, i-lookBehind):i]
	after := text[i:min(len(text), i+8)]
	if next, _ := utf8.DecodeRuneInString(after); !unicode.IsSpace(next) && endsCandidate(string(next)) {
		return false // inside a run of terminators or closers: break after it
	}
	for _, r := range rules {
		if r.before.MatchString(before) && r.after.MatchString(after) {
			return r.brk
		}
	}
	return false
}

func appendTrimmed(out []Span, text string, a, b int) []Span {
	s := text[a:b]
	lead := len(s) - len(strings.TrimLeftFunc(s, unicode.IsSpace))
	trail := len(s) - len(strings.TrimRightFunc(s, unicode.IsSpace))
	if lead == len(s) {
		return out
	}
	return append(out, Span{a + lead, b - trail})
}

// Texts returns the sentences as strings.
func Texts(text string) []string {
	spans := Sentences(text)
	out := make([]string, len(spans))
	for i, s := range spans {
		out[i] = text[s.Start:s.End]
	}
	return out
}

// Join makes a paragraph of translated sentences: separated by a space,
// except in languages written without spaces between sentences (Chinese,
// Japanese, Thai…).
func Join(sentences []string, lang string) string {
	sep := " "
	base, _, _ := strings.Cut(strings.ToLower(lang), "-")
	switch base {
	case "zh", "ja", "th", "lo", "km", "my", "bo":
		sep = ""
	}
	var parts []string
	for _, s := range sentences {
		if s = strings.TrimSpace(s); s != "" {
			parts = append(parts, s)
		}
	}
	return strings.Join(parts, sep)
}
