package pdf

import (
	"bufio"
	"bytes"
	"image"
	"image/color"
	"image/png"
	"os"
	"strings"
	"testing"
	"time"
)

// Test documents: the seed statement (English), and for every language a
// statement of the same shape made from its script test lines.

var testDate = time.Date(2020, time.April, 15, 10, 30, 0, 0, time.UTC)

type scriptLine struct{ lang, text string }

func readScriptLines(t testing.TB) []scriptLine {
	t.Helper()
	f, err := os.Open("testdata/script-lines.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []scriptLine
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		lang, text, ok := strings.Cut(line, "\t")
		if !ok {
			t.Fatalf("testdata/script-lines.txt:%d: no tab", n)
		}
		out = append(out, scriptLine{lang, text})
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// seedParts returns the seed statement's title and paragraphs, without the
// web page's cookie banner.
func seedParts(t testing.TB) (Part, []Part) {
	t.Helper()
	b, err := os.ReadFile("testdata/seed-statement.txt")
	if err != nil {
		t.Fatal(err)
	}
	var paras []string
	for _, p := range strings.Split(string(b), "\n\n") {
		p = strings.TrimSpace(p)
		if p == "" || strings.Contains(p, "uses cookies") {
			continue
		}
		paras = append(paras, p)
	}
	title := Part{ID: "title", Text: paras[0]}
	var parts []Part
	for i, p := range paras[1:] {
		parts = append(parts, Part{ID: "paragraph-" + string(rune('1'+i)), Text: p})
	}
	return title, parts
}

// places gives each language's capital-city dateline place.
var places = map[string]string{
	"en": "Washington", "fr": "Paris", "de": "Berlin", "tr": "Ankara", "ru": "Москва",
	"ku": "Hewlêr", "ar": "بغداد", "fa": "تهران", "ckb": "هەولێر",
}

// statement builds a seven-part statement (title and six paragraphs) in
// lang. English uses the seed statement; other languages repeat their
// script lines to paragraphs of similar length.
func statement(t testing.TB, lang string, lines []scriptLine) Document {
	t.Helper()
	doc := Document{
		Lang:         lang,
		Organisation: "Global Coalition to Defeat ISIS",
		Logo:         testLogo(),
		IssuingBody:  "Political Directors",
		Place:        places[lang],
		Date:         testDate,
	}
	if lang == "en" {
		doc.Title, doc.Paragraphs = seedParts(t)
		return doc
	}
	var own []string
	for _, l := range lines {
		if l.lang == lang {
			own = append(own, l.text)
		}
	}
	if len(own) == 0 {
		t.Fatalf("no script line for %s", lang)
	}
	doc.Organisation = own[0][:strings.IndexByte(own[0], ' ')]
	doc.IssuingBody = ""
	doc.Title = Part{ID: "title", Text: own[0]}
	for i := range 6 {
		var b strings.Builder
		for k := range 3 + i%3 {
			if k > 0 {
				b.WriteString(" ")
			}
			b.WriteString(own[(i+k)%len(own)])
		}
		doc.Paragraphs = append(doc.Paragraphs, Part{ID: "paragraph-" + string(rune('1'+i)), Text: b.String()})
	}
	return doc
}

// testLogo is a small deterministic PNG: a blue disc.
func testLogo() []byte {
	img := image.NewNRGBA(image.Rect(0, 0, 48, 48))
	for y := range 48 {
		for x := range 48 {
			dx, dy := x-24, y-24
			if dx*dx+dy*dy < 22*22 {
				img.Set(x, y, color.NRGBA{20, 60, 160, 255})
			}
		}
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		panic(err)
	}
	return b.Bytes()
}

var languages = []string{"en", "fr", "de", "tr", "ru", "ku", "ar", "fa", "ckb"}
