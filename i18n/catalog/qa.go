package catalog

import (
	"fmt"
	"slices"
	"strings"
	"text/template/parse"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/language"
)

// Problem is one QA finding on a translation.
type Problem struct {
	Rule   string // the rule's name, e.g. "placeholders"
	Detail string
}

// QARule is a named check of a translation against its source.
type QARule struct {
	Name  string
	Check func(lang language.Tag, source, translation Message) []Problem
}

// QARules are the checks Status runs, in the order their problems are listed.
var QARules = []QARule{
	{"empty", CheckEmpty},
	{"plural", CheckPlural},
	{"placeholders", CheckPlaceholders},
	{"template", CheckTemplate},
	{"numbers", CheckNumbers},
	{"whitespace", CheckWhitespace},
	{"spacing", CheckSpacing},
	{"punctuation", CheckPunctuation},
	{"brackets", CheckBrackets},
	{"markup", CheckMarkup},
	{"identical", CheckIdentical},
}

// QA runs every rule on a translation of source into lang.
func QA(lang language.Tag, source, translation Message) []Problem {
	c := newCase(lang, &source, &translation, nil)
	return c.run()
}

// qaCase is one translation being checked: the pairs of texts to compare,
// worked out once for all rules.
type qaCase struct {
	lang    language.Tag
	srcLang language.Tag // und: English conventions
	opt     *QAOptions   // nil: the defaults
	// The decimal separators (sepMark) of the two languages; 0 until
	// needed. Status sets them once for all messages.
	srcDec, trDec byte
	src, tr       Message // copies: pointers to the caller's would force them onto the heap
	ps            [6]pair
	n             int
	sl, sr        string // source delimiters
	tl, trd       string // translation delimiters
	facts         *sourceFacts
}

// pair is a translated plural form and the source text it translates: the
// source's same form or, when the source has no such form (English has no
// "few"), its "other".
type pair struct {
	form    string
	srcForm int // index in formNames of the source text
	src, tr string
	trAct   int // where tr's first template action starts, -1 if none
}

// sourceFacts caches what the rules extract from a source message, which
// Status compares with every language: per plural form, its numbers and
// template actions. It is read-only once made.
type sourceFacts struct {
	punct      [6][2]string // endPunct's class and mark
	nums       [6][]string
	actions    [6][]string
	unbalanced [6]uint32 // brackets and quotes that do not pair up
}

func newSourceFacts(m *Message) sourceFacts {
	var f sourceFacts
	l, r := delims(*m)
	for i, form := range formNames {
		if t := m.Form(form); t != "" {
			f.nums[i] = numbers(nil, t, l, r)
			f.actions[i] = placeholders(nil, t, l, r)
			f.unbalanced[i] = unbalanced(t, l, r)
			f.punct[i][0], f.punct[i][1] = endPunct(t)
		}
	}
	return f
}

func newCase(lang language.Tag, source, translation *Message, facts *sourceFacts) qaCase {
	c := qaCase{lang: lang, src: *source, tr: *translation, facts: facts}
	c.sl, c.sr = delims(*source)
	c.tl, c.trd = delims(*translation)
	for i, f := range formNames {
		tr := translation.Form(f)
		if tr == "" {
			continue
		}
		k := i
		src := source.Form(f)
		if src == "" {
			src, k = source.Other, 5
		}
		c.ps[c.n] = pair{form: f, srcForm: k, src: src, tr: tr, trAct: strings.Index(tr, c.tl)}
		c.n++
	}
	return c
}

// run applies the rules in QARules order. The calls are spelled out (not a
// loop over method values) so that c stays on the stack.
func (c *qaCase) run() []Problem {
	var out []Problem
	out = append(out, c.empty()...)
	out = append(out, c.plural()...)
	out = append(out, c.placeholders()...)
	out = append(out, c.template()...)
	out = append(out, c.numbers()...)
	out = append(out, c.whitespace()...)
	out = append(out, c.spacing()...)
	out = append(out, c.punctuation()...)
	out = append(out, c.brackets()...)
	out = append(out, c.markup()...)
	out = append(out, c.identical()...)
	return out
}

// srcNumbers and srcActions return the (sorted) numbers and template
// actions of the source text of pair p, from the cache when there is one.
func (c *qaCase) srcNumbers(p *pair, buf []string) []string {
	if c.facts == nil {
		return numbers(buf, p.src, c.sl, c.sr)
	}
	return c.facts.nums[p.srcForm]
}

func (c *qaCase) srcActions(p *pair, buf []string) []string {
	if c.facts == nil {
		return placeholders(buf, p.src, c.sl, c.sr)
	}
	return c.facts.actions[p.srcForm]
}

func formLabel(form string) string {
	if form == "other" {
		return ""
	}
	return " (" + form + ")"
}

// CheckEmpty reports a translation with no text, or whose "other" form is
// empty or blank while the source has one.
func CheckEmpty(lang language.Tag, source, translation Message) []Problem {
	c := newCase(lang, &source, &translation, nil)
	return c.empty()
}

func (c *qaCase) empty() []Problem {
	source, translation := c.src, c.tr
	if translation.Empty() {
		return []Problem{{"empty", "no translation"}}
	}
	var out []Problem
	for _, p := range c.ps[:c.n] {
		if strings.TrimSpace(p.tr) == "" && strings.TrimSpace(p.src) != "" {
			out = append(out, Problem{"empty", "translation" + formLabel(p.form) + " is only whitespace"})
		}
	}
	if translation.Other == "" && source.Other != "" {
		out = append(out, Problem{"empty", `the "other" form is empty`})
	}
	return out
}

// CheckPlural reports plural forms the language needs and the translation
// lacks, for messages whose source has plural forms (as goi18n decides: a
// source with only "other" needs only "other"). A language without a CLDR
// rule in go-i18n is reported rather than skipped.
func CheckPlural(lang language.Tag, source, translation Message) []Problem {
	c := newCase(lang, &source, &translation, nil)
	return c.plural()
}

func (c *qaCase) plural() []Problem {
	if !hasPlurals(c.src) || c.tr.Empty() {
		return nil
	}
	forms, ok := PluralForms(c.lang)
	if !ok {
		return []Problem{{"plural", fmt.Sprintf("go-i18n has no CLDR plural rule for %s: cannot tell which plural forms are needed", c.lang)}}
	}
	var missing []string
	for _, f := range forms {
		if c.tr.Form(f) == "" {
			missing = append(missing, f)
		}
	}
	if len(missing) == 0 {
		return nil
	}
	return []Problem{{"plural", fmt.Sprintf("missing plural forms %s (%s needs %s)", strings.Join(missing, ", "), c.lang, strings.Join(forms, ", "))}}
}

func hasPlurals(m Message) bool {
	return m.Zero != "" || m.One != "" || m.Two != "" || m.Few != "" || m.Many != ""
}

func delims(m Message) (string, string) {
	l, r := m.LeftDelim, m.RightDelim
	if l == "" {
		l = "{{"
	}
	if r == "" {
		r = "}}"
	}
	return l, r
}

// placeholders appends to buf the template actions in s, without their
// delimiters and whitespace-normalised ("{{ .Name }}" and "{{.Name}}" are
// the same), trim markers dropped, sorted.
func placeholders(buf []string, s, left, right string) []string {
	for {
		i := strings.Index(s, left)
		if i < 0 {
			break
		}
		rest := s[i+len(left):]
		j := strings.Index(rest, right)
		if j < 0 {
			break
		}
		action := strings.TrimSpace(strings.TrimSuffix(strings.TrimPrefix(rest[:j], "-"), "-"))
		if strings.ContainsAny(action, " \t\r\n") {
			action = strings.Join(strings.Fields(action), " ")
		}
		buf = append(buf, action)
		s = rest[j+len(right):]
	}
	slices.Sort(buf)
	return buf
}

// sortedDiff returns what sorted list a has more of than b, and b than a.
func sortedDiff(a, b []string) (onlyA, onlyB []string) {
	i, j := 0, 0
	for i < len(a) || j < len(b) {
		switch {
		case j >= len(b) || i < len(a) && a[i] < b[j]:
			onlyA = append(onlyA, a[i])
			i++
		case i >= len(a) || b[j] < a[i]:
			onlyB = append(onlyB, b[j])
			j++
		default:
			i++
			j++
		}
	}
	return onlyA, onlyB
}

func wrap(actions []string, left, right string) string {
	out := make([]string, len(actions))
	for i, a := range actions {
		out[i] = left + a + right
	}
	return strings.Join(out, " ")
}

// CheckPlaceholders reports template actions ({{.Name}}) that the
// translation drops or invents. A plural form other than "other" may drop
// the count ("un message" for one), so only invented ones count there.
func CheckPlaceholders(lang language.Tag, source, translation Message) []Problem {
	c := newCase(lang, &source, &translation, nil)
	return c.placeholders()
}

func (c *qaCase) placeholders() []Problem {
	var out []Problem
	for i := range c.ps[:c.n] {
		p := &c.ps[i]
		if p.trAct < 0 && !strings.Contains(p.src, c.sl) {
			continue
		}
		var sb, tb [8]string
		trActions := tb[:0]
		if p.trAct >= 0 {
			trActions = placeholders(trActions, p.tr[p.trAct:], c.tl, c.trd)
		}
		missing, extra := sortedDiff(c.srcActions(p, sb[:0]), trActions)
		if p.form != "other" {
			missing = nil
		}
		var parts []string
		if len(missing) > 0 {
			parts = append(parts, "missing "+wrap(missing, c.sl, c.sr))
		}
		if len(extra) > 0 {
			parts = append(parts, "not in source "+wrap(extra, c.tl, c.trd))
		}
		if len(parts) > 0 {
			out = append(out, Problem{"placeholders", strings.Join(parts, "; ") + formLabel(p.form)})
		}
	}
	return out
}

// CheckTemplate reports translations that are not valid Go templates. It
// only parses: statement text is never executed.
func CheckTemplate(lang language.Tag, source, translation Message) []Problem {
	c := newCase(lang, &source, &translation, nil)
	return c.template()
}

func (c *qaCase) template() []Problem {
	l, r := c.tl, c.trd
	var out []Problem
	for _, p := range c.ps[:c.n] {
		s := p.tr
		if p.trAct < 0 || simpleTemplate(s[p.trAct:], l, r) {
			continue
		}
		// Functions are not checked: go-i18n lets the caller add them
		// (Funcs), and the source uses the same ones.
		t := parse.New("")
		t.Mode = parse.SkipFuncCheck
		if _, err := t.Parse(s, l, r, map[string]*parse.Tree{}); err != nil {
			msg := err.Error()
			msg = strings.TrimPrefix(msg, "template: :")
			out = append(out, Problem{"template", "does not parse: " + msg + formLabel(p.form)})
		}
	}
	return out
}

// simpleTemplate reports whether every action in s is a plain field
// reference ({{.Name}}, {{ .A.B }}), which always parses: the common case,
// checked without text/template's allocations.
func simpleTemplate(s, left, right string) bool {
	for {
		i := strings.Index(s, left)
		if i < 0 {
			return true
		}
		rest := s[i+len(left):]
		j := strings.Index(rest, right)
		if j < 0 {
			return false
		}
		if !isFieldChain(strings.Trim(rest[:j], " ")) {
			return false
		}
		s = rest[j+len(right):]
	}
}

func isFieldChain(a string) bool {
	if len(a) < 2 {
		return false
	}
	for len(a) > 0 {
		if a[0] != '.' || len(a) < 2 {
			return false
		}
		a = a[1:]
		k := 0
		for k < len(a) && (a[k] == '_' || a[k] >= 'a' && a[k] <= 'z' || a[k] >= 'A' && a[k] <= 'Z' || k > 0 && a[k] >= '0' && a[k] <= '9') {
			k++
		}
		if k == 0 {
			return false
		}
		a = a[k:]
	}
	return true
}

// digitValue maps Latin, Arabic-Indic (٠-٩) and Extended Arabic-Indic /
// Persian (۰-۹) digits to 0-9.
func digitValue(r rune) (byte, bool) {
	switch {
	case r >= '0' && r <= '9':
		return byte(r - '0'), true
	case r < 0x80 || !unicode.IsDigit(r):
		return 0, false
	}
	// Every Unicode decimal digit system (Nd) is a run of ten code points
	// from zero to nine, and runs that touch (mathematical digits) are
	// whole runs of ten: the value is the distance to the run's start.
	zero := r
	for zero > 0 && r-zero < 60 && unicode.IsDigit(zero-1) {
		zero--
	}
	return byte((r - zero) % 10), true
}

// isGroupSep reports characters that separate digit groups or decimals in
// some locale: 1,000.5 · 1.000,5 · 1 000,5 · ١٬٠٠٠٫٥.
func isGroupSep(r rune) bool {
	switch r {
	case ',', '.', '\'', '\u2019', '\u00a0', '\u202f', '\u066b', '\u066c', '\u2009':
		return true
	}
	return false
}

// numbers appends to buf the numbers in s, sorted, with Latin digits and
// their separators kept in a canonical form (sepMark), ignoring anything
// inside template actions ({{.Count}} is not a number). What a separator
// means depends on the locale: numValue decides.
func numbers(buf []string, s, left, right string) []string {
	return numbersFrom(buf, s, left, right, strings.Index(s, left))
}

// numbersFrom is numbers when the first template action is known to start
// at next (-1: none).
func numbersFrom(buf []string, s, left, right string, next int) []string {
	var stack [32]byte
	digits := stack[:0]
	in := false
	start, clean := 0, true // a number of plain ASCII digits is a substring of s
	// group counts the digits since the last separator, groups the
	// separators: a space groups digits only as in "12 345 678".
	group, groups := 0, 0
	flush := func() {
		if in {
			if clean {
				buf = append(buf, s[start:start+len(digits)])
			} else {
				buf = append(buf, string(digits))
			}
			digits = digits[:0]
			in, clean = false, true
			group, groups = 0, 0
		}
	}
	for i := 0; i < len(s); {
		if !in {
			// Outside a number only digits, non-ASCII (Arabic digits)
			// and actions matter: skip the rest in a tight loop.
			for i < len(s) && i != next && !numStart[s[i]] {
				i++
			}
			if i >= len(s) {
				break
			}
		}
		if i == next {
			if j := strings.Index(s[i+len(left):], right); j >= 0 {
				flush()
				i += len(left) + j + len(right)
				if k := strings.Index(s[i:], left); k >= 0 {
					next = i + k
				} else {
					next = -1
				}
				continue
			}
			next = -1
		}
		c := s[i]
		if c >= '0' && c <= '9' {
			if !in {
				in, start = true, i
			}
			digits = append(digits, c)
			group++
			i++
			continue
		}
		if c < 0x80 && !isGroupSep(rune(c)) && c != ' ' {
			flush()
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if d, ok := digitValue(r); ok {
			in, clean = true, false
			digits = append(digits, '0'+d)
			group++
			i += n
			continue
		}
		// A separator between two digits continues the number; so does a
		// plain space before exactly three digits (1 000), after a first
		// group of at most three digits or a later group of three: in
		// "in 2020 100 people" the space parts two numbers.
		if in && i+n < len(s) {
			next, _ := utf8.DecodeRuneInString(s[i+n:])
			spaceGroups := r == ' ' && threeDigits(s[i+n:]) && (groups == 0 && group <= 3 || group == 3)
			if _, ok := digitValue(next); ok && (isGroupSep(r) || spaceGroups) {
				digits = append(digits, sepMark(r))
				i += n
				clean = clean && r < 0x80
				group, groups = 0, groups+1
				continue
			}
		}
		flush()
		i += n
	}
	flush()
	slices.Sort(buf)
	return buf
}

// numStart flags the bytes a digit can start with: ASCII digits and the
// lead bytes of the UTF-8 encodings of every Unicode decimal digit (Nd).
// Outside a number every other byte is skipped without decoding: the
// letters of Cyrillic, Arabic or CJK text cannot start a number, and
// continuation bytes are never lead bytes.
var numStart = func() (t [256]bool) {
	for c := '0'; c <= '9'; c++ {
		t[c] = true
	}
	var buf [utf8.UTFMax]byte
	mark := func(lo, hi, stride uint32) {
		for r := lo; r <= hi; r += stride {
			utf8.EncodeRune(buf[:], rune(r))
			t[buf[0]] = true
		}
	}
	for _, rg := range unicode.Nd.R16 {
		mark(uint32(rg.Lo), uint32(rg.Hi), uint32(rg.Stride))
	}
	for _, rg := range unicode.Nd.R32 {
		mark(rg.Lo, rg.Hi, rg.Stride)
	}
	return t
}()

func threeDigits(s string) bool {
	n := 0
	for _, r := range s {
		if _, ok := digitValue(r); !ok {
			break
		}
		n++
	}
	return n == 3
}

// CheckNumbers reports numbers that differ between source and translation.
// Arabic-Indic and Persian digits count as the digits they stand for, and
// grouping is ignored, so ٢٠٢٤ matches 2024 and 1 000 matches 1,000.
func CheckNumbers(lang language.Tag, source, translation Message) []Problem {
	c := newCase(lang, &source, &translation, nil)
	return c.numbers()
}

func (c *qaCase) numbers() []Problem {
	var out []Problem
	for i := range c.ps[:c.n] {
		p := &c.ps[i]
		var sb, tb [8]string
		srcNums, trNums := c.srcNumbers(p, sb[:0]), numbersFrom(tb[:0], p.tr, c.tl, c.trd, p.trAct)
		if len(srcNums) == 0 && len(trNums) == 0 {
			continue
		}
		if c.srcDec == 0 {
			c.srcDec, c.trDec = decimalMark(c.srcLang), decimalMark(c.lang)
		}
		missing, extra := compareNumbers(srcNums, trNums, c.srcDec, c.trDec)
		if p.form != "other" && len(extra) == 0 {
			continue // "one" may spell the number out
		}
		if len(missing) > 0 || len(extra) > 0 {
			var parts []string
			if len(missing) > 0 {
				parts = append(parts, "missing "+strings.Join(missing, ", "))
			}
			if len(extra) > 0 {
				parts = append(parts, "not in source "+strings.Join(extra, ", "))
			}
			out = append(out, Problem{"numbers", strings.Join(parts, "; ") + formLabel(p.form)})
		}
	}
	return out
}

// solidEnds reports whether s begins and ends with an ASCII character
// that is not whitespace: then it has no leading or trailing whitespace,
// which most texts are, and the Unicode space tables need not be looked at.
func solidEnds(s string) bool {
	return s != "" && s[0] > ' ' && s[0] < utf8.RuneSelf && s[len(s)-1] > ' ' && s[len(s)-1] < utf8.RuneSelf
}

func leadingSpace(s string) string {
	return s[:len(s)-len(strings.TrimLeftFunc(s, unicode.IsSpace))]
}

func trailingSpace(s string) string {
	return s[len(strings.TrimRightFunc(s, unicode.IsSpace)):]
}

// CheckWhitespace reports leading or trailing whitespace (spaces, line
// breaks) that differs from the source: it usually glues or splits text in
// the statement layout.
func CheckWhitespace(lang language.Tag, source, translation Message) []Problem {
	c := newCase(lang, &source, &translation, nil)
	return c.whitespace()
}

func (c *qaCase) whitespace() []Problem {
	var out []Problem
	for _, p := range c.ps[:c.n] {
		if solidEnds(p.src) && solidEnds(p.tr) {
			continue // no whitespace at either end of either text
		}
		if strings.TrimSpace(p.tr) == "" {
			continue // CheckEmpty's business
		}
		if a, b := leadingSpace(p.src), leadingSpace(p.tr); a != b {
			out = append(out, Problem{"whitespace", fmt.Sprintf("leading whitespace %q, source has %q%s", b, a, formLabel(p.form))})
		}
		if a, b := trailingSpace(p.src), trailingSpace(p.tr); a != b {
			out = append(out, Problem{"whitespace", fmt.Sprintf("trailing whitespace %q, source has %q%s", b, a, formLabel(p.form))})
		}
	}
	return out
}

// endPunct classifies the sentence-ending punctuation of s: the same class
// for a full stop in Latin, Arabic, Urdu, Devanagari or CJK script, and so
// on. Closing quotes and brackets are looked through.
func endPunct(s string) (class string, mark string) {
	s = strings.TrimRightFunc(s, unicode.IsSpace)
	for s != "" {
		r, n := utf8.DecodeLastRuneInString(s)
		// The mark as written in s: string(r) would allocate for every
		// message of every language.
		written := s[len(s)-n:]
		if strings.ContainsRune(`"'»«”“’‘)]}›‹」』`, r) {
			s = strings.TrimRightFunc(s[:len(s)-n], unicode.IsSpace)
			continue
		}
		if strings.HasSuffix(s, "...") {
			return "ellipsis", "..."
		}
		switch r {
		case '.', '。', '۔', '।', '．', '\u0589', '\u1362', '\u17d4', '\u104b': // … Armenian, Ethiopic, Khmer, Myanmar
			return "full stop", written
		case '?', '؟', '？':
			return "question mark", written
		case '!', '！':
			return "exclamation mark", written
		case ':', '：':
			return "colon", written
		case ';', '؛', '；':
			return "semicolon", written
		case ',', '،', '，', '、':
			return "comma", written
		case '…':
			return "ellipsis", written
		case '\u037e': // Greek question mark looks like ;
			return "question mark", written
		}
		return "", ""
	}
	return "", ""
}

// endsWithAbbreviation reports whether s ends with an abbreviation's full
// stop: a last word with a full stop inside it too (D.C., U.S., e.g.), or
// one of the abbreviations that end company and place names.
func endsWithAbbreviation(s string) bool {
	s = strings.TrimRightFunc(s, func(r rune) bool { return unicode.IsSpace(r) || strings.ContainsRune(`"'»«”“’‘)]}›‹`, r) })
	if !strings.HasSuffix(s, ".") || strings.HasSuffix(s, "..") {
		return false
	}
	word := s[strings.LastIndexFunc(s, unicode.IsSpace)+1:]
	if strings.Contains(word[:len(word)-1], ".") {
		return true
	}
	switch strings.ToLower(strings.TrimLeft(word, "(")) {
	case "inc.", "ltd.", "co.", "corp.", "st.", "jr.", "sr.", "bros.":
		return true
	}
	return false
}

// CheckPunctuation reports a translation that ends with different
// punctuation than the source (Arabic ؟ ، ؛ count as ? , ;).
func CheckPunctuation(lang language.Tag, source, translation Message) []Problem {
	c := newCase(lang, &source, &translation, nil)
	return c.punctuation()
}

func (c *qaCase) punctuation() []Problem {
	var out []Problem
	base, _ := c.lang.Base()
	for _, p := range c.ps[:c.n] {
		var sc, sm string
		if c.facts != nil {
			sc, sm = c.facts.punct[p.srcForm][0], c.facts.punct[p.srcForm][1]
		} else {
			sc, sm = endPunct(p.src)
		}
		tc, tm := endPunct(p.tr)
		switch base.String() {
		case "el":
			if tm == ";" { // Greek writes its question mark as a semicolon
				tc = "question mark"
			}
		case "th", "lo":
			if sc == "full stop" && tc == "" { // Thai and Lao end sentences without a mark
				continue
			}
		}
		if sc == tc || strings.TrimSpace(p.tr) == "" {
			continue
		}
		// The full stop of an abbreviation ("Washington, D.C.", "Acme
		// Inc.") ends a name, not a sentence: the other text may well
		// end without one ("Washington", "واشنطن العاصمة").
		if sc == "full stop" && tc == "" && endsWithAbbreviation(p.src) ||
			tc == "full stop" && sc == "" && endsWithAbbreviation(p.tr) {
			continue
		}
		var d string
		switch {
		case sc == "":
			d = fmt.Sprintf("ends with %q, source has no end punctuation", tm)
		case tc == "":
			d = fmt.Sprintf("source ends with %s %q, translation does not", sc, sm)
		default:
			d = fmt.Sprintf("ends with %s %q, source ends with %s %q", tc, tm, sc, sm)
		}
		out = append(out, Problem{"punctuation", d + formLabel(p.form)})
	}
	return out
}

// CheckIdentical reports a translation that is the source text unchanged
// (ignoring text without letters, such as "{{.Count}}" or "2024", which is
// the same in every language). It is what an untranslated goi18n pre-fill
// looks like.
func CheckIdentical(lang language.Tag, source, translation Message) []Problem {
	c := newCase(lang, &source, &translation, nil)
	return c.identical()
}

func (c *qaCase) identical() []Problem {
	var out []Problem
	for _, p := range c.ps[:c.n] {
		if p.src == p.tr && hasLetter(p.tr, c.tl, c.trd) && !c.opt.identicalAllowed(p.src, c.sl, c.sr) {
			out = append(out, Problem{"identical", "same text as the source" + formLabel(p.form)})
		}
	}
	return out
}

// hasLetter reports whether s has a letter outside template actions.
func hasLetter(s, left, right string) bool {
	return strings.IndexFunc(stripActions(s, left, right), unicode.IsLetter) >= 0
}

// stripActions replaces each template action in s by a space.
func stripActions(s, left, right string) string {
	if left == "" || right == "" {
		return s // no delimiters, no actions (and no endless search for "")
	}
	var b strings.Builder
	for {
		i := strings.Index(s, left)
		if i < 0 {
			break
		}
		j := strings.Index(s[i+len(left):], right)
		if j < 0 {
			break
		}
		b.WriteString(s[:i])
		b.WriteByte(' ')
		s = s[i+len(left)+j+len(right):]
	}
	b.WriteString(s)
	return b.String()
}
