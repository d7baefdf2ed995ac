package statement

import (
	"fmt"
	"regexp"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// Text is a statement read from plain text, before it gets an ID and a
// place in a workspace.
type Text struct {
	Title      string
	Paragraphs []string
	Dropped    []Dropped // website boilerplate left out, for the import report
}

// Dropped is a block of the input that was recognised as website
// boilerplate rather than part of the statement.
type Dropped struct {
	Line   int    // 1-based line where the block starts
	Text   string // the block as it was (lines joined by spaces)
	Reason string
}

func (d Dropped) String() string {
	return fmt.Sprintf("line %d: dropped %s: %q", d.Line, d.Reason, abbreviate(d.Text, 72))
}

// ParseOptions tunes ParseText.
type ParseOptions struct {
	KeepAll bool // keep blocks that look like website boilerplate
}

// ParseText turns plain text into a title and paragraphs: the first
// non-empty line is the title, each following block (separated by blank
// lines) is a paragraph. Lines inside a block are soft-wrapped text and are
// joined with a space. Characters are kept exactly as written (typographic
// quotes included); only surrounding whitespace is trimmed.
func ParseText(src string, opt ParseOptions) (*Text, error) {
	if !utf8.ValidString(src) {
		return nil, fmt.Errorf("line %d: not valid UTF-8 text", firstInvalidLine(src))
	}
	src = strings.TrimPrefix(src, "\uFEFF")
	src = strings.ReplaceAll(src, "\r\n", "\n")
	src = strings.ReplaceAll(src, "\r", "\n")

	var t Text
	type block struct {
		line int
		text string
	}
	var blocks []block
	var cur []string
	start := 0
	flush := func() {
		if len(cur) > 0 {
			blocks = append(blocks, block{start, strings.Join(cur, " ")})
			cur = nil
		}
	}
	for i, line := range strings.Split(src, "\n") {
		line = strings.TrimFunc(line, unicode.IsSpace)
		if line == "" {
			flush()
			continue
		}
		if t.Title == "" {
			// The title is the first line that is not website furniture
			// ("Skip to main content"), even when a paragraph follows it
			// without a blank line.
			if reason := Boilerplate(line); reason != "" && !opt.KeepAll {
				t.Dropped = append(t.Dropped, Dropped{Line: i + 1, Text: line, Reason: reason})
				continue
			}
			t.Title = line
			continue
		}
		if len(cur) == 0 {
			start = i + 1
		}
		cur = append(cur, line)
	}
	flush()
	if t.Title == "" && len(t.Dropped) == 0 {
		return nil, fmt.Errorf("line 1: no text: the first non-empty line is the title")
	}
	for _, b := range blocks {
		if !opt.KeepAll {
			if reason := Boilerplate(b.text); reason != "" {
				t.Dropped = append(t.Dropped, Dropped{Line: b.line, Text: b.text, Reason: reason})
				continue
			}
		}
		t.Paragraphs = append(t.Paragraphs, b.text)
	}
	if t.Title == "" {
		return nil, fmt.Errorf("line %d: every block looked like website boilerplate; use --keep-all to keep it", t.Dropped[0].Line)
	}
	return &t, nil
}

// The boilerplate patterns are compiled on first use: only an import needs
// them, and compiling them at start-up cost every command (an export, the
// desktop app) most of a millisecond.
var patterns = sync.OnceValue(func() *boilerplatePatterns {
	return &boilerplatePatterns{
		cookieWord:   regexp.MustCompile(`(?i)\bcookies?\b`),
		usesCookies:  regexp.MustCompile(`(?i)\b(we|this (web)?site|our (web)?site|this portal)\s+(use|uses|is using|are using)\s+cookies\b`),
		cookieAction: regexp.MustCompile(`(?i)\b(accept( all)?( cookies)?|i agree|agree|got it|ok|okay|allow( all)?|opt[- ]?out|manage (preferences|cookies|settings)|cookie (policy|settings|preferences)|reject( all)?|decline)\b`),
		navWord:      regexp.MustCompile(`(?i)^(read more|read|more|share( this( page| article| story)?)?|share on|tweet( this)?|email( this( page| article)?)?|e-mail|print( this( page| article)?)?|facebook|twitter|x|linkedin|whatsapp|telegram|reddit|copy link|back to top|skip to (main )?content|accept( all)?|reject( all)?|decline|ok|close|subscribe|follow us( on (twitter|x|facebook|linkedin|instagram|youtube))?|related( articles| posts)?|tags?|previous|next|home|menu)$`),
		navSplit:     regexp.MustCompile(`\s*[|•·,;/]\s*|\s{2,}`),
		breadcrumbs:  regexp.MustCompile(`(?i)^(home|accueil|inicio|startseite)(\s*[>›»/]\s*[^>›»/]{1,40}){1,6}$`),
	}
})

type boilerplatePatterns struct {
	cookieWord *regexp.Regexp
	// usesCookies is the sentence every consent banner starts with.
	usesCookies *regexp.Regexp
	// cookieAction is a banner's buttons and links.
	cookieAction *regexp.Regexp
	// navWord matches one token of share bars, "read more" links and the
	// like. A block made only of these is navigation, not statement text.
	navWord     *regexp.Regexp
	navSplit    *regexp.Regexp
	breadcrumbs *regexp.Regexp
}

// Boilerplate says why a block of text looks like website furniture rather
// than statement text, or "" when it looks like real text. It is deliberately
// narrow: a paragraph that merely mentions cookies, even consent to them, is
// kept.
func Boilerplate(block string) string {
	re := patterns()
	words := len(strings.Fields(block))
	if re.cookieWord.MatchString(block) && words <= 80 &&
		(re.usesCookies.MatchString(block) || words <= 40 && len(re.cookieAction.FindAllString(block, -1)) >= 1 && endsWithAction(block)) {
		return "cookie banner"
	}
	if re.breadcrumbs.MatchString(block) {
		return "navigation or share links"
	}
	if isNavigation(block) {
		return "navigation or share links"
	}
	return ""
}

// endsWithAction reports whether the block ends with a banner button, as in
// "Cookies help us. Accept". A sentence about cookies ends with its subject.
func endsWithAction(block string) bool {
	tail := strings.TrimRight(block, " .!»›>→")
	loc := patterns().cookieAction.FindAllStringIndex(tail, -1)
	return len(loc) > 0 && loc[len(loc)-1][1] == len(tail)
}

func isNavigation(block string) bool {
	words := strings.Fields(block)
	if len(words) == 0 || len(words) > 12 {
		return false
	}
	// Try to read the whole block as a sequence of navigation tokens, each of
	// one or more words.
	var match func(ws []string) bool
	match = func(ws []string) bool {
		if len(ws) == 0 {
			return true
		}
		for n := min(4, len(ws)); n >= 1; n-- {
			tok := strings.Trim(strings.Join(ws[:n], " "), "»›>→↑^:.!|•·")
			if tok != "" && patterns().navWord.MatchString(tok) || tok == "" && n == 1 {
				if match(ws[n:]) {
					return true
				}
			}
		}
		return false
	}
	var parts []string
	for _, p := range patterns().navSplit.Split(block, -1) {
		parts = append(parts, strings.Fields(p)...)
	}
	// A block of punctuation alone ("...", "—") is not a link bar.
	hasWord := false
	for _, p := range parts {
		if strings.Trim(p, "»›>→↑^:.!|•·") != "" {
			hasWord = true
		}
	}
	return hasWord && match(parts)
}

func abbreviate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

func firstInvalidLine(s string) int {
	line := 1
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			return line
		}
		if r == '\n' {
			line++
		}
		i += size
	}
	return line
}

// Slug proposes a statement ID from a title: the first significant words,
// ASCII-folded, joined by dashes.
func Slug(title string) string {
	stop := map[string]bool{"a": true, "an": true, "the": true, "of": true, "by": true, "to": true, "and": true,
		"in": true, "on": true, "for": true, "statement": true, "joint": true, "de": true, "la": true, "le": true,
		"les": true, "du": true, "des": true}
	var words []string
	for _, w := range strings.FieldsFunc(foldASCII(title), func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9')
	}) {
		if !stop[w] {
			words = append(words, w)
		}
		if len(words) == 4 {
			break
		}
	}
	if len(words) == 0 {
		return "statement"
	}
	return strings.Join(words, "-")
}

func foldASCII(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		switch {
		case r < utf8.RuneSelf:
			b.WriteRune(r)
		case strings.ContainsRune("àáâãäåā", r):
			b.WriteByte('a')
		case strings.ContainsRune("çćč", r):
			b.WriteByte('c')
		case strings.ContainsRune("èéêëē", r):
			b.WriteByte('e')
		case strings.ContainsRune("ìíîïīı", r):
			b.WriteByte('i')
		case strings.ContainsRune("ñń", r):
			b.WriteByte('n')
		case strings.ContainsRune("òóôõöøō", r):
			b.WriteByte('o')
		case strings.ContainsRune("ùúûüū", r):
			b.WriteByte('u')
		case strings.ContainsRune("şšś", r):
			b.WriteByte('s')
		case r == 'ğ':
			b.WriteByte('g')
		case r == 'ß':
			b.WriteString("ss")
		default:
			b.WriteByte(' ')
		}
	}
	return b.String()
}
