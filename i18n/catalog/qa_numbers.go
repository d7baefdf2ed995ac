package catalog

import (
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/language"
	"golang.org/x/text/message"
	"golang.org/x/text/number"
)

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

// sepMark is the canonical byte numbers() keeps for a separator inside a
// number: ASCII ones as they are, the Arabic decimal and thousands signs as
// 'd' and 'g', the apostrophes of Swiss grouping as '\”, every kind of
// space as ' '.
func sepMark(r rune) byte {
	switch r {
	case '.', ',', '\'', ' ':
		return byte(r)
	case '\u066b':
		return 'd'
	case '\u066c':
		return 'g'
	case '\u2019':
		return '\''
	}
	return ' '
}

// sepMarks are the bytes isSepMark accepts.
const sepMarks = ".,' dg"

func isSepMark(c byte) bool {
	return c == '.' || c == ',' || c == '\'' || c == ' ' || c == 'd' || c == 'g'
}

// decimalMarks caches decimalMark per language.
var decimalMarks sync.Map // language.Tag → byte

// decimalMark is the sepMark of lang's decimal separator, from CLDR (as
// golang.org/x/text formats 1234.5 in that language): '.' in English and
// Thai, ',' in French and German, 'd' in Arabic and Persian.
func decimalMark(lang language.Tag) byte {
	if lang == language.Und {
		return '.'
	}
	if m, ok := decimalMarks.Load(lang); ok {
		return m.(byte)
	}
	s := message.NewPrinter(lang).Sprint(number.Decimal(1234.5))
	mark := byte('.')
	// The separator is the last character before the final digit.
	if _, n := utf8.DecodeLastRuneInString(s); n < len(s) {
		r, _ := utf8.DecodeLastRuneInString(s[:len(s)-n])
		mark = sepMark(r)
	}
	decimalMarks.Store(lang, mark)
	return mark
}

// numValue reads a number token of numbers() with dec as the decimal
// separator: "1,234.5" with '.' is "1234.5", with ',' it is no number
// (the groups of 1,234.5 read that way are not groups of three). Grouping
// separators must be followed by groups of three digits (two before the
// last in Indian grouping: 12,34,567); trailing zeros of a fraction do not
// count (1.50 = 1,5).
func numValue(tok string, dec byte) (string, bool) {
	last := -1
	for i := len(tok) - 1; i >= 0; i-- {
		if isSepMark(tok[i]) {
			last = i
			break
		}
	}
	if last < 0 {
		return tok, true
	}
	intPart, frac := tok, ""
	if tok[last] == dec && strings.Count(tok, string(dec)) == 1 {
		intPart, frac = tok[:last], tok[last+1:]
	}
	var b strings.Builder
	first := true
	for rest := intPart; ; first = false {
		i := strings.IndexFunc(rest, func(r rune) bool { return r < utf8.RuneSelf && isSepMark(byte(r)) })
		group := rest
		if i >= 0 {
			group = rest[:i]
		}
		lastGroup := i < 0
		switch {
		case first:
		case lastGroup && len(group) != 3, !lastGroup && len(group) != 3 && len(group) != 2:
			return "", false
		}
		b.WriteString(group)
		if lastGroup {
			break
		}
		if i > 0 && rest[i] == dec {
			return "", false // a decimal separator among groups
		}
		rest = rest[i+1:]
	}
	if frac = strings.TrimRight(frac, "0"); frac != "" {
		b.WriteByte('.')
		b.WriteString(frac)
	}
	return b.String(), true
}

// numberValues appends the values of the tokens read with dec; a token
// that is no number with dec, nor with alt, stays as it is written (a
// version such as 2.7.1 matches itself).
func numberValue(tok string, dec, alt byte) string {
	if v, ok := numValue(tok, dec); ok {
		return v
	}
	if v, ok := numValue(tok, alt); ok {
		return v
	}
	return tok
}

// compareNumbers matches the number tokens of a source and a translation:
// each source number read with the source's decimal separator, each
// translated one with its language's or, failing that, the source's (a
// translator may keep 3.5 in French). It returns the source numbers the
// translation lacks and the translated ones the source lacks, as written.
func compareNumbers(src, tr []string, srcDec, trDec byte) (missing, extra []string) {
	if len(src) == 0 && len(tr) == 0 || samePlainNumbers(src, tr) {
		return nil, nil
	}
	var sv [8]string
	srcVals := sv[:0]
	for _, t := range src {
		srcVals = append(srcVals, numberValue(t, srcDec, trDec))
	}
	used := make([]bool, len(srcVals))
	var unmatched []string
	// Two passes: a translated number read with the translation's own
	// separator first, then with the source's, so "1,5" in French takes
	// 1.5 before 15 could.
	for _, dec := range [2]byte{trDec, srcDec} {
		unmatched = unmatched[:0]
		for _, t := range tr {
			v, ok := numValue(t, dec)
			if !ok {
				v = t
			}
			if k := indexUnused(srcVals, used, v); k >= 0 {
				used[k] = true
				continue
			}
			unmatched = append(unmatched, t)
		}
		tr = append([]string(nil), unmatched...)
		if srcDec == trDec {
			break
		}
	}
	extra = tr
	for k, u := range used {
		if !u {
			missing = append(missing, src[k])
		}
	}
	return missing, extra
}

// samePlainNumbers reports whether the sorted token lists are equal and
// hold only digits: each token is then its own value in any locale, and
// every number matches its twin. It is the answer for nearly every
// message, without the reading and matching compareNumbers does.
func samePlainNumbers(src, tr []string) bool {
	if len(src) != len(tr) {
		return false
	}
	for i, t := range src {
		if t != tr[i] || strings.ContainsAny(t, sepMarks) {
			return false
		}
	}
	return true
}

func indexUnused(vals []string, used []bool, v string) int {
	for k, s := range vals {
		if !used[k] && s == v {
			return k
		}
	}
	return -1
}
