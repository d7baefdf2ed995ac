package pdfobj

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Date formats t as a PDF date string, D:YYYYMMDDHHmmSS+HH'mm'.
func Date(t time.Time) string {
	_, off := t.Zone()
	sign := byte('+')
	if off < 0 {
		sign, off = '-', -off
	}
	if off == 0 {
		return "(D:" + t.Format("20060102150405") + "Z)"
	}
	return fmt.Sprintf("(D:%s%c%02d'%02d')", t.Format("20060102150405"), sign, off/3600, (off%3600)/60)
}

// ParseDate reads the common forms of a PDF date; ok is false otherwise.
func ParseDate(s string) (time.Time, bool) {
	s = strings.TrimPrefix(strings.TrimSpace(s), "D:")
	if len(s) < 4 {
		return time.Time{}, false
	}
	digits := 0
	for digits < len(s) && digits < 14 && s[digits] >= '0' && s[digits] <= '9' {
		digits++
	}
	layout := "20060102150405"[:digits]
	t, err := time.Parse(layout, s[:digits])
	if err != nil {
		return time.Time{}, false
	}
	rest := s[digits:]
	if rest == "" || rest[0] == 'Z' {
		return t, true
	}
	if rest[0] != '+' && rest[0] != '-' {
		return t, true
	}
	var hh, mm int
	fields := strings.FieldsFunc(rest[1:], func(r rune) bool { return r == '\'' })
	if len(fields) > 0 {
		hh, _ = strconv.Atoi(fields[0])
	}
	if len(fields) > 1 {
		mm, _ = strconv.Atoi(fields[1])
	}
	off := hh*3600 + mm*60
	if rest[0] == '-' {
		off = -off
	}
	return time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), 0, time.FixedZone("", off)), true
}
