package pdf

import (
	"strings"
	"testing"
	"time"
)

// An untranslated part that the preview shows in the source language is
// laid out in that language: an English paragraph in an Arabic statement
// runs left to right with its final period at its right end, not at its
// left as in a right-to-left paragraph.
func TestPartInAnotherLanguage(t *testing.T) {
	en := "The Political Directors met today in Rome to reaffirm their shared commitment."
	for _, c := range []struct {
		partLang string
		rtl      bool
	}{
		{"", true},
		{"en", false},
	} {
		doc := Document{Lang: "ar", Title: Part{ID: "title", Text: "بيان"}, Date: time.Date(2020, 6, 3, 0, 0, 0, 0, time.UTC),
			Paragraphs: []Part{{ID: "p1", Text: "اجتمع المديرون السياسيون اليوم في روما."}, {ID: "p2", Text: en, Lang: c.partLang}}}
		comp, err := compose(&doc, nil)
		if err != nil {
			t.Fatal(err)
		}
		var lines int
		for _, pg := range comp.pages {
			for _, pl := range pg.lines {
				switch pl.id {
				case "p1":
					if !pl.line.RTL {
						t.Error("the Arabic paragraph is laid out left to right")
					}
				case "p2":
					lines++
					if pl.line.RTL != c.rtl {
						t.Errorf("Part.Lang %q: English line RTL=%v", c.partLang, pl.line.RTL)
					}
					var visual []string
					for _, r := range pl.line.Runs {
						for _, cl := range r.Clusters {
							visual = append(visual, cl.Text)
						}
					}
					s := strings.Join(visual, "")
					if last := strings.HasSuffix(strings.TrimSpace(s), "."); pl.line.End == len([]rune(en)) && last == c.rtl {
						t.Errorf("Part.Lang %q: last line reads %q left to right", c.partLang, s)
					}
				}
			}
		}
		if lines == 0 {
			t.Fatal("no line of the English paragraph")
		}
	}
}
