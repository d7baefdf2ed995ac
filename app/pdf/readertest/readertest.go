// Package readertest extracts the text of PDF files the way three
// independent readers do, for tests that judge what a reader copying,
// searching or reading aloud a Communiqué PDF gets: poppler's pdftotext,
// pdf.js (Firefox and most web viewers) and current MuPDF (MuPDF.js). The
// two JavaScript readers run under node from scripts/readers, whose
// packages `make deps` installs with npm ci.
package readertest

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"unicode"

	"golang.org/x/text/unicode/bidi"
	"golang.org/x/text/unicode/norm"

	"communique/internal/judge"
)

// Readers names the readers Pages knows and Check holds to exact text, in
// the order tests report them. Pages also knows "pdfium", which tests hold
// to every character (SameCharacters): PDFium reverses the brackets of
// right-to-left text and reorders a number's sign, in files any producer
// writes, but a file may still make it lose text.
var Readers = []string{"poppler", "pdfjs", "mupdf"}

// Pages returns the text reader extracts from each page of the PDF at
// path. A reader that cannot run fails the test (see package judge). The
// JavaScript readers run in one node process per reader for the whole test
// binary (scripts/readers/serve.mjs): starting node and loading pdf.js or
// MuPDF's WebAssembly for every file took most of the tests' time.
func Pages(tb testing.TB, reader, path string) []string {
	tb.Helper()
	var text string
	switch reader {
	case "poppler":
		cmd := exec.Command(judge.Tool(tb, "pdftotext"), "-enc", "UTF-8", path, "-")
		var out, stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &stderr
		if err := cmd.Run(); err != nil {
			tb.Fatalf("%s on %s: %v\n%s", reader, path, err, stderr.String())
		}
		text = out.String()
	case "pdfjs", "mupdf", "pdfium":
		s := nodeServer(tb, reader)
		t, err := s.extract(path)
		if err != nil {
			tb.Fatalf("%s on %s: %v", reader, path, err)
		}
		text = t
	default:
		tb.Fatalf("readertest: unknown reader %q", reader)
	}
	return strings.Split(strings.TrimRight(text, "\f"), "\f")
}

// server is a node process that extracts one file per request.
type server struct {
	mu     sync.Mutex
	in     io.WriteCloser
	out    *bufio.Reader
	stderr *bytes.Buffer
	broken error
}

var (
	serversMu sync.Mutex
	servers   = map[string]*server{}
)

// nodeServer returns the running server of a JavaScript reader, starting
// it on first use.
func nodeServer(tb testing.TB, reader string) *server {
	tb.Helper()
	node := judge.Tool(tb, "node")
	serversMu.Lock()
	defer serversMu.Unlock()
	if s, ok := servers[reader]; ok {
		return s
	}
	dir := scriptsDir(tb)
	script := map[string]string{"pdfjs": "pdfjs-text.mjs", "mupdf": "mupdf-text.mjs", "pdfium": "pdfium-text.mjs"}[reader]
	cmd := exec.Command(node, filepath.Join(dir, script), "--serve")
	cmd.Dir = dir
	s := &server{stderr: &bytes.Buffer{}}
	cmd.Stderr = s.stderr
	in, err := cmd.StdinPipe()
	if err != nil {
		tb.Fatal(err)
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		tb.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		tb.Fatalf("starting %s: %v", reader, err)
	}
	// The process ends when the test binary does: its standard input
	// closes and serve.mjs returns.
	s.in, s.out = in, bufio.NewReader(out)
	servers[reader] = s
	return s
}

// extract sends one path and reads the framed answer.
func (s *server) extract(path string) (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.broken != nil {
		return "", s.broken
	}
	fail := func(err error) (string, error) {
		s.broken = fmt.Errorf("%w\n%s", err, s.stderr.String())
		return "", s.broken
	}
	if strings.ContainsAny(path, "\r\n") {
		return "", fmt.Errorf("path %q has a line break", path)
	}
	if _, err := io.WriteString(s.in, path+"\n"); err != nil {
		return fail(err)
	}
	header, err := s.out.ReadString('\n')
	if err != nil {
		return fail(err)
	}
	var kind string
	var n int
	if _, err := fmt.Sscanf(header, "%s %d\n", &kind, &n); err != nil || n < 0 || n > 1<<28 {
		return fail(fmt.Errorf("bad answer header %q", header))
	}
	body := make([]byte, n)
	if _, err := io.ReadFull(s.out, body); err != nil {
		return fail(err)
	}
	if kind != "ok" {
		return "", errors.New(string(body))
	}
	return string(body), nil
}

// scriptsDir finds scripts/readers above the test's directory and checks
// that its packages are installed.
func scriptsDir(tb testing.TB) string {
	tb.Helper()
	wd, err := os.Getwd()
	if err != nil {
		tb.Fatal(err)
	}
	for d := wd; ; d = filepath.Dir(d) {
		if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
			dir := filepath.Join(d, "scripts", "readers")
			for _, pkg := range []string{"pdfjs-dist", "mupdf", "@hyzyla/pdfium"} {
				if _, err := os.Stat(filepath.Join(dir, "node_modules", pkg, "package.json")); err != nil {
					judge.Missing(tb, "npm package "+pkg+" (make deps runs npm ci in scripts/readers)", err)
				}
			}
			return dir
		}
		if filepath.Dir(d) == d {
			judge.Missing(tb, "scripts/readers", errors.New("no go.mod above "+wd))
		}
	}
}

// Normalize is how extracted and expected text are compared: NFC, the
// invisible bidi controls and marks removed (pdftotext wraps right-to-left
// lines in embeddings; the writer adds marks where poppler's reordering
// needs them), soft hyphens removed (the layout's text has them, no
// reader gets them), runs of white space made one space.
func Normalize(s string) string {
	s = strings.Map(func(r rune) rune {
		switch {
		case r >= 0x202A && r <= 0x202E, r >= 0x2066 && r <= 0x2069, r == 0x200E, r == 0x200F, r == 0x061C, r == 0x00AD:
			return -1
		}
		return r
	}, s)
	return strings.Join(strings.Fields(norm.NFC.String(s)), " ")
}

// Want returns the lines a layout placed (pdf.TextLines), normalized,
// without the empty ones: what Check holds a reader to.
func Want(raw [][]string) [][]string {
	pages := make([][]string, len(raw))
	for i, page := range raw {
		for _, l := range page {
			if s := Normalize(l); s != "" {
				pages[i] = append(pages[i], s)
			}
		}
	}
	return pages
}

// Dehyphenate joins each line ending in "-" with the line after it,
// without the hyphen, as poppler's pdftotext does in its default mode
// (TextOutputDev.cc: a line whose last character is '-' is "hyphenated"
// and printed without it and without the line break).
func Dehyphenate(lines []string) []string {
	var out []string
	join := false
	for i, l := range lines {
		if join {
			out[len(out)-1] = strings.TrimSuffix(out[len(out)-1], "-") + l
		} else {
			out = append(out, l)
		}
		join = strings.HasSuffix(l, "-") && i+1 < len(lines)
	}
	return out
}

// Lines returns the normalized non-empty lines of a page's text.
func Lines(page string) []string {
	var out []string
	for _, l := range strings.Split(page, "\n") {
		if s := Normalize(l); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// Forbidden finds a Private Use or Arabic presentation-form character:
// proof that a glyph code leaked instead of the text.
func Forbidden(s string) (rune, bool) {
	for _, r := range s {
		if (r >= 0xE000 && r <= 0xF8FF) || (r >= 0xFB50 && r <= 0xFDFF) || (r >= 0xFE70 && r <= 0xFEFF) {
			return r, true
		}
	}
	return 0, false
}

// LayoutControl finds a bidi control or mark or a soft hyphen: layout, not
// text. pdf.js and MuPDF must extract none. poppler's pdftotext is let
// off: it wraps right-to-left lines in embeddings of its own, and it
// needs the marks the writer draws for it alone (see ../textmap.go,
// hiddenMarks) to order a line.
func LayoutControl(s string) (rune, bool) {
	for _, r := range s {
		switch {
		case r >= 0x202A && r <= 0x202E, r >= 0x2066 && r <= 0x2069, r == 0x200E, r == 0x200F, r == 0x061C, r == 0x00AD:
			return r, true
		}
	}
	return 0, false
}

// Lenient reports whether a reader can only be held to a line's
// characters, not their order, for reasons of its own that no file can
// change: pdf.js on a line of a right-to-left paragraph that it reads left
// to right (under 30% of its characters right to left, bidi.js) and in
// which a space separates right-to-left text from Latin letters or digits
// ("من Daesh/ISIS."). pdf.js reads a space only where the pen moves on, so
// the two must be one item, drawn in visual order, and it then reverses
// the right-to-left words in place instead of putting them first (see
// pdfjsItems in ../pdfjsitems.go, which draws such lines in reading order
// where no space lies between the two directions).
func Lenient(reader string, rtl bool, line string) bool {
	if reader != "pdfjs" || !rtl {
		return false
	}
	n, r := 0, 0
	for _, c := range line {
		n++
		p, _ := bidi.LookupRune(c)
		if k := p.Class(); k == bidi.R || k == bidi.AL || k == bidi.AN {
			r++
		}
	}
	if r > 0 && (n <= 4 || float64(r)/float64(n) >= 0.3) {
		return false
	}
	return spacedDirections(line)
}

// spacedDirections reports a space with right-to-left letters on one side
// and Latin letters or digits on the other (the nearest characters that
// are not spaces).
func spacedDirections(line string) bool {
	rs := []rune(line)
	class := func(r rune) int {
		p, _ := bidi.LookupRune(r)
		switch p.Class() {
		case bidi.R, bidi.AL:
			return 1
		case bidi.L, bidi.EN, bidi.AN:
			return 2
		}
		return 0
	}
	for i, c := range rs {
		if !unicode.IsSpace(c) {
			continue
		}
		left, right := 0, 0
		for j := i - 1; j >= 0 && left == 0; j-- {
			if !unicode.IsSpace(rs[j]) {
				left = class(rs[j])
			}
		}
		for j := i + 1; j < len(rs) && right == 0; j++ {
			if !unicode.IsSpace(rs[j]) {
				right = class(rs[j])
			}
		}
		if left != 0 && right != 0 && left != right {
			return true
		}
	}
	return false
}

// SameCharacters reports whether two texts hold the same characters,
// ignoring order and white space.
func SameCharacters(a, b string) bool {
	sorted := func(s string) []rune {
		rs := []rune(strings.Join(strings.Fields(s), ""))
		slices.Sort(rs)
		return rs
	}
	return slices.Equal(sorted(a), sorted(b))
}

// mirrorPairs folds the mirrored brackets into one of each pair: PDFium
// swaps them in right-to-left text. It also stands a hyphen for U+FFFE,
// which PDFium's text gives for the hyphen it finds at a line's end (its
// mark for a word that goes on, CPDF_TextPage).
var mirrorPairs = strings.NewReplacer(")", "(", "]", "[", "}", "{", ">", "<", "»", "«", "›", "‹", "\ufffe", "-")

// CheckCharacters holds each page a reader extracted to the characters of
// the lines it should hold, in any order and with brackets folded
// (mirrorPairs), and to no invisible character the file draws for another
// reader: no character lost, none made up.
func CheckCharacters(tb testing.TB, name, reader string, pages []string, want [][]string) {
	tb.Helper()
	if !checkPages(tb, name, reader, pages, want) {
		return
	}
	for i, page := range pages {
		w, g := mirrorPairs.Replace(Normalize(strings.Join(want[i], " "))), mirrorPairs.Replace(Normalize(page))
		if !SameCharacters(w, g) {
			tb.Errorf("%s page %d: %s extracts other characters: %s", name, i+1, reader, charDiff(w, g))
		}
	}
}

// checkPages reports, and returns false for, a page count other than the
// layout's, and reports any page holding a glyph code instead of text or
// an invisible character the file draws for another reader (poppler is let
// off those: see LayoutControl).
func checkPages(tb testing.TB, name, reader string, pages []string, want [][]string) bool {
	tb.Helper()
	if len(pages) != len(want) {
		tb.Errorf("%s: %s extracts %d pages, the layout has %d", name, reader, len(pages), len(want))
		return false
	}
	for i, page := range pages {
		if r, bad := Forbidden(page); bad {
			tb.Errorf("%s page %d: %s extracts %U (Private Use or presentation form)", name, i+1, reader, r)
		}
		if r, bad := LayoutControl(page); bad && reader != "poppler" {
			tb.Errorf("%s page %d: %s extracts the invisible %U", name, i+1, reader, r)
		}
	}
	return true
}

// charDiff lists the characters one text has more of than the other.
func charDiff(want, got string) string {
	count := map[rune]int{}
	for _, r := range strings.Join(strings.Fields(want), "") {
		count[r]++
	}
	for _, r := range strings.Join(strings.Fields(got), "") {
		count[r]--
	}
	var b strings.Builder
	for r, n := range count {
		if n != 0 {
			fmt.Fprintf(&b, "%q×%d ", r, n)
		}
	}
	return b.String()
}

// Diff describes how two multisets of lines differ.
func Diff(want, got []string) string {
	var b strings.Builder
	for _, w := range want {
		if !slices.Contains(got, w) {
			fmt.Fprintf(&b, "  missing: %q\n", w)
		}
	}
	for _, g := range got {
		if !slices.Contains(want, g) {
			fmt.Fprintf(&b, "  extra:   %q\n", g)
		}
	}
	return b.String()
}

// Check compares the pages a reader extracted with the lines each page
// should hold (normalized, any order: the order of blocks is the reader's
// choice) and reports every difference through tb.Errorf: every line must
// come back exactly.
func Check(tb testing.TB, name, reader string, rtl bool, pages []string, want [][]string) {
	tb.Helper()
	check(tb, name, reader, rtl, pages, want, func(string, bool, string) bool { return false })
}

// CheckLenient is Check, except that a line for which Lenient says so need
// only come back with the same characters.
func CheckLenient(tb testing.TB, name, reader string, rtl bool, pages []string, want [][]string) {
	tb.Helper()
	check(tb, name, reader, rtl, pages, want, Lenient)
}

func check(tb testing.TB, name, reader string, rtl bool, pages []string, want [][]string, lenient func(reader string, rtl bool, line string) bool) {
	tb.Helper()
	if !checkPages(tb, name, reader, pages, want) {
		return
	}
	for i, page := range pages {
		got := Lines(page)
		wantPage := want[i]
		if reader == "poppler" {
			wantPage = Dehyphenate(wantPage)
		}
		var missing []string
		for _, w := range wantPage {
			if k := slices.Index(got, w); k >= 0 {
				got = slices.Delete(got, k, k+1)
			} else {
				missing = append(missing, w)
			}
		}
		var strict []string
		for _, l := range missing {
			if !lenient(reader, rtl, l) {
				strict = append(strict, l)
			}
		}
		if len(strict) == 0 && SameCharacters(strings.Join(missing, " "), strings.Join(got, " ")) {
			continue
		}
		if len(strict) > 0 && len(strict) < len(missing) {
			tb.Errorf("%s page %d: %s misses lines it must get exactly:\n%s", name, i+1, reader, Diff(strict, nil))
		}
		if len(strict) < len(missing) {
			tb.Logf("%s page %d: %s: %d lines held to their characters only; characters differ: %s", name, i+1, reader, len(missing)-len(strict),
				charDiff(strings.Join(missing, " "), strings.Join(got, " ")))
		}
		if len(missing) > 0 || len(got) > 0 {
			tb.Errorf("%s page %d: %s extracts different text\n%s", name, i+1, reader, Diff(missing, got))
		}
	}
}
