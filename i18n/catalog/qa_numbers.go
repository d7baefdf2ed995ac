package catalog

import (
	"strings"
	"sync"
	"unicode/utf8"

	"golang.org/x/text/language"
	"golang.org/x/text/message"
	"golang.org/x/text/number"
)

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
