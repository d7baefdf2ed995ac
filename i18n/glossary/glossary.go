// Package glossary holds a workspace's approved terminology and checks
// translations against it: which terms a source text contains (with their
// approved translations, as byte ranges a window can highlight), and the QA
// rules "approved term not used" and "forbidden term used".
//
// The glossary is a TOML file (glossary.toml in the workspace) rather than
// TBX: every other workspace file is TOML, translators edit it by hand and
// review it in git diffs, and one table per term reads like a card:
//
//	# Communiqué glossary: one [[term]] per concept.
//	[[term]]
//	source = "Daesh"                        # in the workspace's source language
//	note = "Never 'Islamic State' (policy of 2014-09)."
//	[term.approved]                         # the translation to use, per language
//	ar = "داعش"
//	fr = "Daech"
//	[term.forbidden]                        # renderings that must not appear
//	ar = ["تنظيم الدولة", "الدولة الإسلامية"]
//
// Matching folds case and, for Arabic, harakat, tatweel and the hamza forms
// of alef (أ إ آ → ا). Two simple inflection rules are applied, and no more:
//
//   - a word may take a plural or possessive ending: s, es, 's, ’s
//     ("coalitions" matches "coalition");
//   - an Arabic term's first word may carry the proclitics و ف (and, so),
//     then ب ل ك (with, for, like), then the article ال, with ل + ال written
//     لل ("وبالتحالف", "للتحالف" match "التحالف"; "وداعش" matches "داعش").
//
// Limits: Arabic suffixes (pronouns ـها ـهم, dual ـان ـين, plurals ـون ـات)
// and broken plurals are not recognised, so "التحالفات" does not match
// "التحالف"; list such forms as their own approved or forbidden entries. A
// word that merely begins with those letters can match a shorter term (the
// term "دين" would match "ودين" read as "and religion", which is right, but
// also a word whose first letter is و by root); keep one-word Arabic terms
// distinctive. Other languages get only the ending rule.
package glossary

import (
	"errors"
	"fmt"
	"os"
	"strings"
	"unicode"
	"unicode/utf8"

	"communique/app/safefile"
	"communique/i18n/catfile/tomlfile"
	"communique/i18n/catfile/tree"

	"github.com/BurntSushi/toml"
)

// FileName is the glossary's name inside a workspace.
const FileName = "glossary.toml"

// Term is one glossary concept.
type Term struct {
	Source    string              `toml:"source"`
	Note      string              `toml:"note,omitempty"`
	Approved  map[string]string   `toml:"approved,omitempty"`
	Forbidden map[string][]string `toml:"forbidden,omitempty"`
	Line      int                 `toml:"-"` // where the term starts in the file
}

// Glossary is a parsed glossary file.
type Glossary struct {
	Path  string
	Terms []Term
	// Read is the file as it was loaded (nil when there was none), so a
	// save can tell whether someone changed the file since.
	Read []byte
}

// maxFile bounds a glossary file: a few thousand terms are well under a
// megabyte, and the file comes with a workspace from anyone.
const maxFile = 16 << 20

// Load reads a glossary file; a missing file is an empty glossary.
func Load(path string) (*Glossary, error) {
	data, err := safefile.ReadFile(path, maxFile)
	if errors.Is(err, os.ErrNotExist) {
		return &Glossary{Path: path}, nil
	}
	if err != nil {
		return nil, err
	}
	return Parse(path, data)
}

// Parse reads glossary TOML. Errors name the file and line.
func Parse(path string, data []byte) (*Glossary, error) {
	var doc struct {
		Term []Term `toml:"term"`
	}
	// Nesting that would stall the TOML library (see tomlfile.CheckDepth)
	// is refused first: opening a workspace must not hang.
	if err := tomlfile.CheckDepth(data); err != nil {
		var pe *tree.PosError
		if errors.As(err, &pe) {
			line, _ := tree.LineCol(data, pe.Off)
			return nil, fmt.Errorf("%s:%d: %s", path, line, pe.Msg)
		}
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	md, err := toml.Decode(string(data), &doc)
	if err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			return nil, fmt.Errorf("%s:%d: %s", path, pe.Position.Line, pe.Message)
		}
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	lines := termLines(data)
	for i := range doc.Term {
		if i < len(lines) {
			doc.Term[i].Line = lines[i]
		}
		if err := doc.Term[i].Validate(); err != nil {
			return nil, fmt.Errorf("%s:%d: %w", path, doc.Term[i].Line, err)
		}
	}
	if und := md.Undecoded(); len(und) > 0 {
		return nil, fmt.Errorf("%s: unknown key %s", path, und[0])
	}
	return &Glossary{Path: path, Terms: doc.Term, Read: data}, nil
}

// termLines finds the line of each [[term]] header, for error messages.
func termLines(data []byte) []int {
	var out []int
	for i, l := range strings.Split(string(data), "\n") {
		if strings.TrimSpace(l) == "[[term]]" {
			out = append(out, i+1)
		}
	}
	return out
}

// Hit is a term found in a text: bytes [Start, End) of the text.
type Hit struct {
	Term       *Term
	Start, End int
	// Approved is the term's translation into the language asked for, if any.
	Approved string
}

// Hits finds the glossary's terms in a source text and gives each its
// approved translation into tgtLang (empty when there is none).
func (g *Glossary) Hits(text, tgtLang string) []Hit {
	toks := tokenize(text)
	var out []Hit
	for i := range g.Terms {
		t := &g.Terms[i]
		for _, r := range find(toks, t.Source) {
			out = append(out, Hit{Term: t, Start: r[0], End: r[1], Approved: lookupLang(t.Approved, tgtLang)})
		}
	}
	return out
}

// Rule names a glossary QA rule.
type Rule string

const (
	ApprovedNotUsed Rule = "approved_term_not_used"
	ForbiddenUsed   Rule = "forbidden_term_used"
)

// Problem is one glossary rule broken by a translation. For ApprovedNotUsed
// the range is the term in the source; for ForbiddenUsed, the forbidden
// words in the translation.
type Problem struct {
	Rule       Rule
	Term       *Term
	Start, End int
	Message    string
}

// Check applies the glossary's rules to a translation into tgtLang of source.
func (g *Glossary) Check(source, target, tgtLang string) []Problem {
	src, tgt := tokenize(source), tokenize(target)
	var out []Problem
	for i := range g.Terms {
		t := &g.Terms[i]
		if want := lookupLang(t.Approved, tgtLang); want != "" {
			if hits := find(src, t.Source); len(hits) > 0 && len(find(tgt, want)) < len(hits) {
				out = append(out, Problem{ApprovedNotUsed, t, hits[0][0], hits[0][1],
					fmt.Sprintf("%q should be translated %q (glossary line %d)", t.Source, want, t.Line)})
			}
		}
		for _, bad := range t.Forbidden[langBase(tgtLang)] {
			for _, r := range find(tgt, bad) {
				out = append(out, Problem{ForbiddenUsed, t, r[0], r[1],
					fmt.Sprintf("%q is forbidden for %q; use %q (glossary line %d)", target[r[0]:r[1]], t.Source, lookupLang(t.Approved, tgtLang), t.Line)})
			}
		}
	}
	return out
}

func langBase(l string) string {
	l = strings.ToLower(strings.ReplaceAll(l, "_", "-"))
	b, _, _ := strings.Cut(l, "-")
	return b
}

// lookupLang finds a language's entry, "ar-EG" falling back to "ar".
func lookupLang(m map[string]string, lang string) string {
	if v, ok := m[lang]; ok {
		return v
	}
	return m[langBase(lang)]
}

type token struct {
	key        string
	start, end int
}

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) || r == '\'' || r == '’' || r == 'ـ'
}

// tokenize splits text into words (folded) with their byte ranges;
// punctuation and spaces separate words and take no part in matching.
func tokenize(s string) []token {
	var toks []token
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if !isWordRune(r) {
			i += n
			continue
		}
		j := i + n
		for j < len(s) {
			r2, n2 := utf8.DecodeRuneInString(s[j:])
			if !isWordRune(r2) {
				break
			}
			j += n2
		}
		toks = append(toks, token{fold(s[i:j]), i, j})
		i = j
	}
	return toks
}

// fold lower-cases and removes what Arabic writers vary freely: harakat
// and other combining marks, tatweel, and hamza on alef.
func fold(w string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(w) {
		switch {
		case unicode.Is(unicode.Mn, r), r == 'ـ':
		case r == 'أ', r == 'إ', r == 'آ':
			b.WriteRune('ا')
		case r == '’':
			b.WriteRune('\'')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// find returns the byte ranges where phrase occurs in toks.
func find(toks []token, phrase string) [][2]int {
	p := tokenize(phrase)
	if len(p) == 0 {
		return nil
	}
	var out [][2]int
	for i := 0; i+len(p) <= len(toks); i++ {
		ok := true
		for k := range p {
			if !wordMatches(toks[i+k].key, p[k].key, k == 0) {
				ok = false
				break
			}
		}
		if ok {
			out = append(out, [2]int{toks[i].start, toks[i+len(p)-1].end})
		}
	}
	return out
}

// wordMatches applies the two inflection rules of the package comment.
func wordMatches(word, term string, first bool) bool {
	if word == term {
		return true
	}
	for _, suf := range []string{"s", "es", "'s"} {
		if strings.TrimSuffix(word, suf) == term && strings.HasSuffix(word, suf) {
			return true
		}
	}
	if first && isArabic(term) {
		for _, rest := range stripProclitics(word) {
			if rest == term {
				return true
			}
		}
	}
	return false
}

func isArabic(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.Is(unicode.Arabic, r)
}

// stripProclitics returns the readings of word without its proclitics:
// [و|ف] [ب|ل|ك] [ال], and لل for ل + ال. The bare stem must keep at least two
// letters so a short word is not read as all prefix.
func stripProclitics(word string) []string {
	var out []string
	add := func(s string) {
		if utf8.RuneCountInString(s) >= 2 {
			out = append(out, s)
		}
	}
	for _, conj := range []string{"", "و", "ف"} {
		w, ok := strings.CutPrefix(word, conj)
		if !ok {
			continue
		}
		if rest, ok := strings.CutPrefix(w, "لل"); ok {
			add(rest)
			add("ال" + rest) // للتحالف = ل + التحالف
		}
		for _, prep := range []string{"", "ب", "ل", "ك"} {
			v, ok := strings.CutPrefix(w, prep)
			if !ok {
				continue
			}
			add(v)
			if rest, ok := strings.CutPrefix(v, "ال"); ok {
				add(rest)
			}
		}
	}
	return out
}
