package pdf

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"communique/app/fonts"
	"communique/app/pdf/readertest"
)

// systemFontDocs are statements in scripts the bundled fonts lack, set in
// the system's Noto fonts (Debian fonts-noto-core, fonts-noto-cjk; see
// scripts/deps.sh). The Chinese paragraphs are short enough that each fits
// on a line, or breaks at its punctuation.
var systemFontDocs = []Document{
	{
		// A Hebrew quotation in an English statement takes Noto Sans
		// Hebrew for its script.
		Lang: "en", Organisation: "International Coalition", Place: "Geneva", Date: testDate,
		Title:      Part{ID: "title", Text: "Joint statement"},
		Paragraphs: []Part{{ID: "p1", Text: "The delegates greeted the conference with the word שלום, peace."}},
	},
	{
		Lang: "he", Organisation: "הקואליציה הבינלאומית", Place: "ירושלים", Date: testDate,
		Title:      Part{ID: "title", Text: "הצהרה משותפת על זכויות האדם"},
		Paragraphs: []Part{{ID: "p1", Text: "הארגון קורא לכל הצדדים לכבד את החוק הבינלאומי ולהגן על האוכלוסייה האזרחית (COVID-19)."}, {ID: "p2", Text: "השרים נפגשו בשנת 2020 ודנו בשיתוף הפעולה."}},
		Signature:  &SignatureBlock{Signer: "דנה כהן", Role: "מזכירה כללית"},
	},
	{
		Lang: "zh", Organisation: "国际联盟", Place: "北京", Date: testDate,
		Title:      Part{ID: "title", Text: "关于人权的联合声明"},
		Paragraphs: []Part{{ID: "p1", Text: "本组织呼吁各方尊重国际法。"}, {ID: "p2", Text: "部长们于二〇二〇年会面，讨论了合作。"}},
		Signature:  &SignatureBlock{Signer: "王芳", Role: "秘书长"},
	},
	{
		// Noto Nastaliq Urdu, the default for Urdu when installed.
		Lang: "ur", Organisation: "بین الاقوامی اتحاد", Place: "لاہور", Date: testDate,
		Title:      Part{ID: "title", Text: "انسانی حقوق پر مشترکہ بیان"},
		Paragraphs: []Part{{ID: "p1", Text: "تنظیم تمام فریقوں سے بین الاقوامی قانون کا احترام کرنے کی اپیل کرتی ہے۔"}},
		Signature:  &SignatureBlock{Signer: "عائشہ خان", Role: "سیکرٹری جنرل"},
	},
	{
		Lang: "hi", Organisation: "अंतरराष्ट्रीय गठबंधन", Place: "नई दिल्ली", Date: testDate,
		Title:      Part{ID: "title", Text: "मानवाधिकार पर संयुक्त वक्तव्य"},
		Paragraphs: []Part{{ID: "p1", Text: "संगठन सभी पक्षों से अंतरराष्ट्रीय कानून का सम्मान करने का आग्रह करता है।"}},
		Signature:  &SignatureBlock{Signer: "प्रिया शर्मा", Role: "महासचिव"},
	},
}

// TestSystemFontStatements: Hebrew, Chinese (Noto Sans CJK SC, PostScript
// outlines cut from a .ttc collection), Urdu (Noto Nastaliq Urdu) and
// Devanagari statements export;
// qpdf, pdffonts, poppler, pdf.js and MuPDF read back the logical text of
// every line; the embedded font is a subset (a Chinese statement does not
// carry the 16 MB face). COMMUNIQUE_KEEP=dir keeps the PDFs to look at.
func TestSystemFontStatements(t *testing.T) {
	for _, doc := range systemFontDocs {
		t.Run(doc.Lang, func(t *testing.T) {
			// The window's preview draws the same fonts.
			if img, n, err := Render(doc, 1, 0.5); err != nil || n != 1 || img.Bounds().Dx() < 100 {
				t.Fatalf("Render: %v, %d pages", err, n)
			}
			res, err := Export(doc)
			if err != nil {
				t.Fatal(err)
			}
			if dir := os.Getenv("COMMUNIQUE_KEEP"); dir != "" {
				_ = os.WriteFile(filepath.Join(dir, "sys-"+doc.Lang+".pdf"), res.PDF, 0o644)
			}
			if len(res.PDF) > 400<<10 {
				t.Errorf("%s: the PDF is %d KB: the font is not subset", doc.Lang, len(res.PDF)>>10)
			}
			checkPDF(t, "sys-"+doc.Lang, doc, res)
			if doc.Lang != "hi" {
				checkReaders(t, "sys-"+doc.Lang, doc, res)
				return
			}
			// pdf.js splits a line before a cluster that starts with a
			// combining mark (the Devanagari anusvara, a pre-base vowel
			// sign), as it does for Arabic harakat (see the Arabic
			// signature caption in package locale): the text is all
			// there, in order, but a line may come out as two. Poppler
			// and MuPDF are held to the exact lines.
			path := writeTemp(t, "sys-hi.pdf", res.PDF)
			want := expectedLines(t, doc)
			for _, reader := range readertest.Readers {
				got := readertest.Pages(t, reader, path)
				if reader != "pdfjs" {
					readertest.Check(t, "sys-hi", reader, false, got, want)
					continue
				}
				var all []string
				for _, p := range want {
					all = append(all, p...)
				}
				if !readertest.SameCharacters(readertest.Normalize(strings.Join(all, " ")), readertest.Normalize(strings.Join(got, " "))) {
					t.Errorf("sys-hi: pdf.js extracts other characters:\n%q", got)
				}
			}
		})
	}
}

// TestFontChoiceNotInstalled: a family the machine lacks is an error that
// names it, not a fallback.
func TestFontChoiceNotInstalled(t *testing.T) {
	doc := systemFontDocs[0]
	doc.Font = "No Such Family"
	_, err := Export(doc)
	var fe *FontError
	if !errors.As(err, &fe) || fe.Family != "No Such Family" || !errors.Is(err, fonts.ErrNotFound) ||
		!strings.Contains(err.Error(), `"No Such Family": it is not installed`) {
		t.Fatalf("Export with a missing family: %v", err)
	}
}
