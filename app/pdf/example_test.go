package pdf_test

import (
	"bytes"
	"fmt"
	"time"

	"communique/app/pdf"
)

func ExampleExport() {
	doc := pdf.Document{
		Lang:         "ar",
		Organisation: "التحالف الدولي",
		Title:        pdf.Part{ID: "title", Text: "بيان المديرين السياسيين"},
		Place:        "بغداد",
		Date:         time.Date(2020, time.April, 15, 0, 0, 0, 0, time.UTC),
		Paragraphs: []pdf.Part{
			{ID: "p1", Text: "اجتمع المديرون السياسيون (المجموعة المصغرة) يوم 15 نيسان/أبريل 2020 عبر الإنترنت لمواجهة COVID-19."},
		},
		Signature: &pdf.SignatureBlock{Signer: "Jane Doe", Role: "Director"},
	}
	res, err := pdf.Export(doc)
	if err != nil {
		panic(err)
	}
	again, _ := pdf.Export(doc)
	fmt.Println("pages:", res.Pages)
	fmt.Println("same bytes twice:", bytes.Equal(res.PDF, again.PDF))
	fmt.Println("signature block on page", res.SignatureRect.Page, "left half:", res.SignatureRect.X1 < 300)

	_, err = pdf.Export(pdf.Document{Lang: "en", Date: doc.Date, Title: pdf.Part{ID: "title", Text: "\U00010000"}}) // Linear B: no font here draws it
	fmt.Println(err)
	// Output:
	// pages: 1
	// same bytes twice: true
	// signature block on page 1 left half: true
	// pdf: en: message "title": no font has a glyph for '𐀀' (U+10000)
}
