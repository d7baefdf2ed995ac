package pdf

import (
	"bytes"
	"encoding/json"
	"fmt"
	"image"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode"

	"communique/app/locale"
	"communique/app/pdf/readertest"
)

// TestStructureTree: pdfinfo -struct-text shows the document's structure
// elements in reading order (organisation, H1 title, issuing body,
// dateline, each paragraph), each with its text, and neither the page
// numbers nor the signature block, which are artifacts. poppler prints an
// element's text in content order, which for right-to-left lines is
// visual order, so the text is compared for English.
func TestStructureTree(t *testing.T) {
	title, paras := seedParts(t)
	doc := Document{Lang: "en", Organisation: "Global Coalition", Title: title, IssuingBody: "Political Directors",
		Place: "Washington", Date: testDate, Paragraphs: paras, Signature: &SignatureBlock{Signer: "Jane Doe", Role: "Director"}}
	res, err := Export(doc)
	if err != nil {
		t.Fatal(err)
	}
	out := run(t, "pdfinfo", "-struct-text", writeTemp(t, "tags.pdf", res.PDF))
	// Elements and their text, in the order pdfinfo lists them.
	type elem struct{ role, text string }
	var elems []elem
	for _, line := range strings.Split(out, "\n") {
		s := strings.TrimSpace(line)
		switch {
		case strings.HasPrefix(s, "Document"):
		case strings.HasPrefix(s, `"`):
			if len(elems) == 0 {
				t.Fatalf("text outside an element:\n%s", out)
			}
			elems[len(elems)-1].text = joinLine(elems[len(elems)-1].text, strings.Trim(s, `"`))
		case s != "":
			elems = append(elems, elem{role: strings.Fields(s)[0]})
		}
	}
	want := []elem{{"P", doc.Organisation}, {"H1", title.Text}, {"P", doc.IssuingBody}, {"P", locale.Dateline("en", doc.Place, doc.Date)}}
	for _, p := range paras {
		want = append(want, elem{"P", p.Text})
	}
	if len(elems) != len(want) {
		t.Fatalf("%d structure elements, want %d:\n%s", len(elems), len(want), out)
	}
	for i, w := range want {
		if elems[i].role != w.role || readertest.Normalize(elems[i].text) != readertest.Normalize(w.text) {
			t.Errorf("element %d: %s %q, want %s %q", i, elems[i].role, readertest.Normalize(elems[i].text), w.role, readertest.Normalize(w.text))
		}
	}
	for _, artifact := range []string{"Page 1 of 1", "Jane Doe", locale.Signed("en")} {
		if strings.Contains(out, artifact) {
			t.Errorf("structure text holds the artifact %q", artifact)
		}
	}
	for _, want := range []string{"/MarkInfo <</Marked true>>", "/ViewerPreferences <</DisplayDocTitle true>>", "/StructTreeRoot ", "/Lang (en)"} {
		if !strings.Contains(string(res.PDF), want) {
			t.Errorf("catalog lacks %s", want)
		}
	}
}

// joinLine appends a line of an element's text as a screen reader joins
// them: with a space, or, after a hyphenation point's "-" (a letter, the
// hyphen, then a lower-case letter), without the hyphen.
func joinLine(text, line string) string {
	if text == "" {
		return line
	}
	t, l := []rune(text), []rune(line)
	if k := len(t); k >= 2 && t[k-1] == '-' && unicode.IsLetter(t[k-2]) && len(l) > 0 && unicode.IsLower(l[0]) {
		return string(t[:k-1]) + line
	}
	return text + " " + line
}

// TestElementLang: a part in another language than the document's (an
// English paragraph in an Arabic statement) is its own structure element
// with /Lang, read by qpdf from the element's dictionary, the element
// pdfinfo -struct-text shows with that paragraph's text; parts in the
// document's language, or with a tag that is not well formed, have none.
// The paragraph is set left to right and every reader still gets each
// line exactly.
func TestElementLang(t *testing.T) {
	english := "The Coalition reaffirmed its commitment."
	doc := Document{Lang: "ar", Title: Part{ID: "title", Text: "بيان"}, Date: testDate, Paragraphs: []Part{
		{ID: "p1", Text: "اجتمع المديرون السياسيون عبر الإنترنت."},
		{ID: "p2", Text: english, Lang: "en"},
		{ID: "p3", Text: "نص عربي آخر.", Lang: "AR"},
		{ID: "p4", Text: "نص ثالث.", Lang: "not a tag"},
	}}
	res, err := Export(doc)
	if err != nil {
		t.Fatal(err)
	}
	path := writeTemp(t, "lang.pdf", res.PDF)
	var out struct {
		QPDF []json.RawMessage `json:"qpdf"`
	}
	if err := json.Unmarshal([]byte(run(t, "qpdf", "--json=2", "--json-key=qpdf", path)), &out); err != nil || len(out.QPDF) != 2 {
		t.Fatalf("qpdf --json: %v", err)
	}
	var objs map[string]struct {
		Value json.RawMessage `json:"value"`
	}
	if err := json.Unmarshal(out.QPDF[1], &objs); err != nil {
		t.Fatal(err)
	}
	var kids []string // the Document element's children, in reading order
	langs := map[string]string{}
	for ref, o := range objs {
		var dict map[string]json.RawMessage
		if json.Unmarshal(o.Value, &dict) != nil {
			continue // not a dictionary
		}
		var typ, s, lang string
		_ = json.Unmarshal(dict["/Type"], &typ)
		_ = json.Unmarshal(dict["/S"], &s)
		if typ != "/StructElem" {
			continue
		}
		if s == "/Document" {
			if err := json.Unmarshal(dict["/K"], &kids); err != nil {
				t.Fatal(err)
			}
		}
		if l, ok := dict["/Lang"]; ok {
			_ = json.Unmarshal(l, &lang)
			langs[strings.TrimSuffix(strings.TrimPrefix(ref, "obj:"), " 0 R")+" 0 R"] = lang
		}
	}
	if len(langs) != 1 {
		t.Fatalf("%d structure elements with /Lang, want 1: %v", len(langs), langs)
	}
	at := -1
	for i, k := range kids {
		if lang, ok := langs[k]; ok {
			if lang != "u:en" {
				t.Errorf("element %s: /Lang %s, want (en)", k, lang)
			}
			at = i
		}
	}
	if at < 0 {
		t.Fatalf("the element with /Lang is not a child of Document %v", kids)
	}
	var texts []string
	for _, line := range strings.Split(run(t, "pdfinfo", "-struct-text", path), "\n") {
		if s := strings.TrimSpace(line); strings.HasPrefix(s, `"`) {
			texts = append(texts, readertest.Normalize(strings.Trim(s, `"`)))
		}
	}
	if at >= len(texts) || texts[at] != english {
		t.Errorf("the element with /Lang holds %q, want %q (all: %q)", texts[min(at, len(texts)-1)], english, texts)
	}
	checkReaders(t, "lang", doc, res)
}

// TestPlaceLang: a place name in another language than the statement's is
// a Span element of the dateline, tagged with its language, whose text is
// the place; the dateline still reads back exactly, place first, in all
// three readers, in a right-to-left statement with a Latin place and in a
// left-to-right one with an Arabic place.
func TestPlaceLang(t *testing.T) {
	for _, tc := range []struct{ lang, place, placeLang, para string }{
		{"ar", "Washington, D.C.", "en", "اجتمع المديرون السياسيون عبر الإنترنت."},
		{"en", "بغداد", "ar", "The Political Directors met online."},
	} {
		t.Run(tc.lang, func(t *testing.T) {
			doc := Document{Lang: tc.lang, Title: Part{ID: "title", Text: "Dateline"}, Place: tc.place, PlaceLang: tc.placeLang,
				Date: testDate, Paragraphs: []Part{{ID: "p1", Text: tc.para}}}
			res, err := Export(doc)
			if err != nil {
				t.Fatal(err)
			}
			path := writeTemp(t, "place.pdf", res.PDF)
			qdf := run(t, "qpdf", "--qdf", "--object-streams=disable", path, "-")
			span := regexp.MustCompile(`/K \[\s*<<[^>]*/MCID \d+[^>]*>>\s*\]\s*/Lang \((\w+)\)\s*/P (\d+) 0 R\s*/S /Span`).FindStringSubmatch(qdf)
			if span == nil {
				t.Fatalf("no Span element with /Lang and one marked-content sequence:\n%s", structObjects(qdf))
			}
			if span[1] != tc.placeLang {
				t.Errorf("Span /Lang (%s), want (%s)", span[1], tc.placeLang)
			}
			parent := regexp.MustCompile(`(?s)\n` + span[2] + ` 0 obj\n<<(.*?)>>\nendobj`).FindStringSubmatch(qdf)
			if parent == nil || !strings.Contains(parent[1], "/S /P") {
				t.Fatalf("the Span's parent %s is not a P:\n%s", span[2], structObjects(qdf))
			}
			// pdfinfo -struct-text: the P holds the Span, whose text is the place.
			out := run(t, "pdfinfo", "-struct-text", path)
			if !regexp.MustCompile(`(?m)^\s+P \(block\)\n\s+Span \(inline\)\n\s+"` + regexp.QuoteMeta(tc.place) + `"`).MatchString(out) {
				t.Errorf("pdfinfo -struct-text shows no Span with the place:\n%s", out)
			}
			checkReaders(t, "place-"+tc.lang, doc, res)
		})
	}
}

// structObjects returns the structure elements of a QDF file, for messages.
func structObjects(qdf string) string {
	return strings.Join(regexp.MustCompile(`(?s)<<[^<>]*/Type /StructElem[^<>]*(?:<<[^<>]*>>[^<>]*)*>>`).FindAllString(qdf, -1), "\n")
}

// TestPlaceLangLooksTheSame: tagging the place changes what readers are
// told, not what is drawn: the preview paints the same pixels, each glyph
// once.
func TestPlaceLangLooksTheSame(t *testing.T) {
	doc := Document{Lang: "ar", Title: Part{ID: "title", Text: "بيان"}, Place: "Washington, D.C.",
		Date: testDate, Paragraphs: []Part{{ID: "p1", Text: "اجتمع المديرون السياسيون عبر الإنترنت."}}}
	plain, _, err := Render(doc, 1, 1)
	if err != nil {
		t.Fatal(err)
	}
	doc.PlaceLang = "en"
	tagged, _, err := Render(doc, 1, 1)
	if err != nil {
		t.Fatal(err)
	}
	a, b := plain.(*image.RGBA), tagged.(*image.RGBA)
	if !bytes.Equal(a.Pix, b.Pix) {
		t.Error("the preview of a statement whose place is tagged differs from the untagged one")
	}
}

// TestSpanSplit: splitting a line at a span that cuts a run gives each
// part the clusters on its side with their own glyphs, every glyph once,
// and the span first.
func TestSpanSplit(t *testing.T) {
	d := sanitize(Document{Lang: "en", Title: Part{ID: "title", Text: "Washington talks"}, Date: testDate})
	c, err := compose(&d, nil)
	if err != nil {
		t.Fatal(err)
	}
	var title placedLine
	for _, pl := range c.pages[0].lines {
		if pl.elem != nil && pl.elem.role == "H1" {
			title = pl
		}
	}
	child := &structElem{role: "Span", lang: "fr", parent: title.elem}
	parts := (&span{from: 2, to: 7, lang: "fr"}).split(title, child) // "shing"
	if len(parts) != 2 || parts[0].elem != child || parts[1].elem != title.elem || parts[0].cont || !parts[1].cont {
		t.Fatalf("split into %d parts", len(parts))
	}
	count := func(pl placedLine) (clusters, glyphs int, text string) {
		for _, r := range pl.line.Runs {
			glyphs += len(r.Glyphs)
			for _, cl := range r.Clusters {
				clusters++
				text += cl.Text
				if cl.FirstGlyph+cl.NumGlyphs > len(r.Glyphs) {
					t.Errorf("cluster %q points past its run's glyphs", cl.Text)
				}
			}
		}
		return
	}
	wc, wg, _ := count(title)
	ic, ig, itext := count(parts[0])
	oc, og, _ := count(parts[1])
	if itext != "shing" || ic+oc != wc || ig+og != wg {
		t.Errorf("span %q, clusters %d+%d of %d, glyphs %d+%d of %d", itext, ic, oc, wc, ig, og, wg)
	}
}

// TestStructureTextReadingOrder: pdfinfo -struct-text gives every line of
// every structure element in reading order, exactly, in statements and
// lines holding right-to-left text (Arabic, Persian, Sorani, Hebrew, the
// nine script lines, Latin in Arabic and Arabic in English, harakat, a
// place name in the other direction), and no bidi mark reaches it. poppler
// reads an element's text in content order, so a line holding
// right-to-left text gives it in reading order on its own
// (carrier.StructureText); lines without any keep their glyphs' text.
func TestStructureTextReadingOrder(t *testing.T) {
	lines := readScriptLines(t)
	docs := map[string]Document{
		"en-arabic": {Lang: "en", Title: Part{ID: "title", Text: "Mixed lines"}, Date: testDate, Place: "بغداد", PlaceLang: "ar", Paragraphs: []Part{
			{ID: "p1", Text: "The meeting in بغداد الكبرى began."},
			{ID: "p2", Text: "Delegates from الموصل and أربيل attended, (2020)."},
		}},
		"ar-latin": {Lang: "ar", Title: Part{ID: "title", Text: "أسطر مختلطة"}, Date: testDate, Place: "Washington, D.C.", PlaceLang: "en", Paragraphs: []Part{
			{ID: "p1", Text: "COVID-19 (United Nations) من Daesh/ISIS، ٢٠٢٠ و 2020."},
			{ID: "p2", Text: "واتفقوا على أن الدور سيُستأنف حالما تسمح الظروف، وشَدَّدوا على ذلك وَالْمُسْتَضْعَفِينَ الْمُتَحَالِفِينَ."},
		}},
	}
	for _, lang := range []string{"ar", "ckb", "fa"} {
		docs[lang] = statement(t, lang, lines)
	}
	for i, sl := range lines {
		docs[fmt.Sprintf("line-%02d-%s", i+1, sl.lang)] = scriptLineDoc(sl)
	}
	for name, doc := range docs {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			res, err := Export(doc)
			if err != nil {
				t.Fatal(err)
			}
			out := run(t, "pdfinfo", "-struct-text", writeTemp(t, name+".pdf", res.PDF))
			var got []string
			for _, m := range regexp.MustCompile(`(?m)^\s*"(.*)"$`).FindAllStringSubmatch(out, -1) {
				if r, bad := readertest.LayoutControl(m[1]); bad {
					t.Errorf("structure text holds %U: %q", r, m[1])
				}
				got = append(got, readertest.Normalize(m[1]))
			}
			want := structureLines(t, doc)
			if !slices.Equal(got, want) {
				t.Errorf("structure text differs\n%s", readertest.Diff(want, got))
			}
		})
	}
}

// structureLines returns the text of each marked-content sequence of the
// document's structure elements (each placed line or part of a line that
// is not an artifact), normalized, in the order the structure tree gives
// them (a one-page document's lines in layout order).
func structureLines(t *testing.T, doc Document) []string {
	t.Helper()
	d := sanitize(doc)
	c, err := compose(&d, nil)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, pg := range c.pages {
		for _, pl := range pg.lines {
			if pl.elem != nil {
				out = append(out, readertest.Normalize(lineText(pl.line)))
			}
		}
	}
	return out
}
