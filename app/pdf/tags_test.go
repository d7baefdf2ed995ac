package pdf

import (
	"encoding/json"
	"strings"
	"testing"
	"unicode"

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
	want := []elem{{"P", doc.Organisation}, {"H1", title.Text}, {"P", doc.IssuingBody}, {"P", dateline("en", doc.Place, doc.Date)}}
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
	for _, artifact := range []string{"Page 1 of 1", "Jane Doe", signedCaption("en")} {
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
		Value map[string]json.RawMessage `json:"value"`
	}
	if err := json.Unmarshal(out.QPDF[1], &objs); err != nil {
		t.Fatal(err)
	}
	var kids []string // the Document element's children, in reading order
	langs := map[string]string{}
	for ref, o := range objs {
		var typ, s, lang string
		_ = json.Unmarshal(o.Value["/Type"], &typ)
		_ = json.Unmarshal(o.Value["/S"], &s)
		if typ != "/StructElem" {
			continue
		}
		if s == "/Document" {
			if err := json.Unmarshal(o.Value["/K"], &kids); err != nil {
				t.Fatal(err)
			}
		}
		if l, ok := o.Value["/Lang"]; ok {
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
