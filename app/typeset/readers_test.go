package typeset_test

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode"

	"communique/app/pdf"
	"communique/app/pdf/readertest"
)

// hyphenatedTexts are paragraphs long enough, in words long enough, that a
// page of them hyphenates.
var hyphenatedTexts = map[string][]string{
	"en": {
		"The Political Directors agreed to maintain maximum pressure on Daesh/ISIS despite the several and multifaceted challenges, including those posed by the COVID-19 pandemic in order to achieve the enduring defeat of the terrorist group in Iraq and Syria, and to remain vigilant against the threat of Daesh/ISIS around the world.",
		"They also emphasized the need to remain focused on the Coalition’s civilian and military lines of effort in the areas of Communications; Foreign Terrorist Fighters; Stabilization; Countering ISIS Financing; and, Political Military Coordination, and encouraged Working Group members to connect virtually to continue their vital work.",
	},
	"fr": {
		"Les directeurs politiques sont convenus de maintenir une pression maximale sur Daech/EIIL malgré des défis nombreux et multiformes, notamment ceux posés par la pandémie de COVID-19, afin d’obtenir la défaite durable du groupe terroriste en Irak et en Syrie, et de rester vigilants face à la menace que représente Daech/EIIL dans le monde.",
		"Ils ont également souligné la nécessité de rester concentrés sur les axes d’effort civils et militaires de la Coalition dans les domaines de la communication, des combattants terroristes étrangers, de la stabilisation, de la lutte contre le financement de Daech et de la coordination politico-militaire.",
	},
	"de": {
		"Die Politischen Direktoren vereinbarten, trotz der vielfältigen und vielschichtigen Herausforderungen, einschließlich derjenigen, die sich aus der COVID-19-Pandemie ergeben, den größtmöglichen Druck auf Daesh/ISIS aufrechtzuerhalten, um die dauerhafte Niederlage der Terrorgruppe in Irak und Syrien zu erreichen.",
		"Sie betonten außerdem die Notwendigkeit, sich auf die zivilen und militärischen Handlungsstränge der Koalition in den Bereichen Kommunikation, ausländische terroristische Kämpfer, Stabilisierung, Bekämpfung der Finanzierung und politisch-militärische Koordinierung zu konzentrieren.",
	},
	"ru": {
		"Политические директора договорились сохранять максимальное давление на ИГИЛ, несмотря на многочисленные и многоплановые вызовы, включая те, что связаны с пандемией COVID-19, чтобы добиться окончательного поражения террористической группировки в Ираке и Сирии.",
		"Они также подчеркнули необходимость сосредоточиться на гражданских и военных направлениях деятельности Коалиции в области коммуникаций, иностранных боевиков-террористов, стабилизации, противодействия финансированию и военно-политической координации.",
	},
}

// TestReadersHyphenatedWords: statements in English, French, German and
// Russian, justified with hyphenation, exported as PDF and read back by
// poppler, pdf.js and MuPDF. A hyphen is drawn where a word is broken, but
// no reader gets it: joining each line that ends inside a word with the
// next gives back every word of the text exactly, in order.
func TestReadersHyphenatedWords(t *testing.T) {
	date := time.Date(2020, 4, 15, 0, 0, 0, 0, time.UTC)
	for lang, paras := range hyphenatedTexts {
		t.Run(lang, func(t *testing.T) {
			t.Parallel()
			doc := pdf.Document{Lang: lang, Title: pdf.Part{ID: "title", Text: "Hyphenation"}, Date: date}
			var want []string
			for i, p := range paras {
				doc.Paragraphs = append(doc.Paragraphs, pdf.Part{ID: "p" + string(rune('1'+i)), Text: p})
				want = append(want, strings.Fields(p)...)
			}
			res, err := pdf.Export(doc)
			if err != nil {
				t.Fatal(err)
			}
			path := filepath.Join(t.TempDir(), lang+".pdf")
			if err := os.WriteFile(path, res.PDF, 0o644); err != nil {
				t.Fatal(err)
			}
			for _, reader := range readertest.Readers {
				pages := readertest.Pages(t, reader, path)
				text := strings.Join(pages, "\n")
				if strings.ContainsAny(text, "\u00AD\u2010") {
					t.Errorf("%s extracts a soft hyphen or U+2010", reader)
				}
				var lines [][]string
				for _, page := range pages {
					for _, l := range readertest.Lines(page) {
						lines = append(lines, strings.Fields(l))
					}
				}
				got, joins := dehyphenate(lines)
				// poppler removes the hyphens itself (its "dehyphenation"
				// joins a line ending in "-" with the next); the others
				// show them, as in any hyphenated PDF.
				if joins == 0 && reader != "poppler" {
					t.Errorf("%s: no line ends with a hyphen inside a word; the test needs a hyphenated page", reader)
				}
				if !containsRun(got, want) {
					t.Errorf("%s: the words of the text do not come back in order after hyphen removal:\n got %q\nwant %q", reader, got, want)
				}
			}
		})
	}
}

// dehyphenate concatenates the words of the lines as a reader removing
// hyphens would: a line whose last word ends in a letter and "-" is joined
// with the next line's first word, without the hyphen. It returns the
// words and how many joins it made.
func dehyphenate(lines [][]string) ([]string, int) {
	var out []string
	joins := 0
	for _, l := range lines {
		if n := len(out); n > 0 && len(l) > 0 {
			last := []rune(out[n-1])
			if k := len(last); k >= 2 && last[k-1] == '-' && unicode.IsLetter(last[k-2]) && unicode.IsLower([]rune(l[0])[0]) {
				out[n-1] = string(last[:k-1]) + l[0]
				l = l[1:]
				joins++
			}
		}
		out = append(out, l...)
	}
	return out, joins
}

func containsRun(s, run []string) bool {
	for i := 0; i+len(run) <= len(s); i++ {
		if slices.Equal(s[i:i+len(run)], run) {
			return true
		}
	}
	return false
}
