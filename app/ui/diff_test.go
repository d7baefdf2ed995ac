package ui

import (
	"communique/app/ui/widgets"
	"strings"
	"testing"
)

func TestWordDiff(t *testing.T) {
	tests := []struct {
		name, old, new string
		want           []span
	}{
		{"identical", "The council met.", "The council met.", []span{{same, "The council met."}}},
		{"word replaced", "The council met today.", "The council met yesterday.",
			[]span{{same, "The council met "}, {removed, "today"}, {added, "yesterday"}, {same, "."}}},
		{"word added", "Five members voted.", "Five members voted unanimously.",
			[]span{{same, "Five members voted"}, {added, " unanimously"}, {same, "."}}},
		{"punctuation only", "In 2020, the group met.", "In 2020 the group met.",
			[]span{{same, "In 2020"}, {removed, ","}, {same, " the group met."}}},
		{"from empty", "", "New text", []span{{added, "New text"}}},
		{"to empty", "Old text", "", []span{{removed, "Old text"}}},
		{"arabic words", "اجتمع المجلس اليوم", "اجتمع المجلس أمس",
			[]span{{same, "اجتمع المجلس "}, {removed, "اليوم"}, {added, "أمس"}}},
		{"number changed", "It lasted 3 days.", "It lasted 4 days.",
			[]span{{same, "It lasted "}, {removed, "3"}, {added, "4"}, {same, " days."}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := wordDiff(tt.old, tt.new)
			if !equalSpans(got, tt.want) {
				t.Fatalf("wordDiff(%q, %q)\n got %v\nwant %v", tt.old, tt.new, got, tt.want)
			}
			if s := join(oldSide(got)); s != tt.old {
				t.Errorf("old side reads %q, want %q", s, tt.old)
			}
			if s := join(newSide(got)); s != tt.new {
				t.Errorf("new side reads %q, want %q", s, tt.new)
			}
		})
	}
}

func TestTokensKeepEveryByte(t *testing.T) {
	for _, s := range []string{"", "a", "  two  spaces ", "«Guillemets» — et “quotes”!", "ڕێگا، ئەوە؟", "e\u0301te\u0301"} {
		if got := strings.Join(tokens(s), ""); got != s {
			t.Errorf("tokens(%q) joined = %q", s, got)
		}
	}
	if got := tokens("e\u0301t"); len(got) != 1 {
		t.Errorf("a combining mark split a word: %q", got)
	}
}

func equalSpans(a, b []span) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func join(s []span) string {
	var b strings.Builder
	for _, x := range s {
		b.WriteString(x.Text)
	}
	return b.String()
}

func BenchmarkWordDiffParagraph(b *testing.B) {
	old := strings.Repeat("The members of the council met in the capital to discuss the situation. ", 6)
	new := strings.Replace(old, "capital", "city", 2) + "They agreed."
	for b.Loop() {
		wordDiff(old, new)
	}
}

func TestLanguageNames(t *testing.T) {
	tests := []struct{ fn, in, want string }{
		{"name", "fr", "fr · français"},
		{"name", "ar", "ar · العربية"},
		{"name", "ckb", "ckb · کوردیی ناوەندی"},
		{"name", "x-bogus!", "x-bogus!"},
		{"in:fr", "en", "anglais"},
		{"in:ar", "en", "الإنجليزية"},
		{"in:en", "ar", "Arabic"},
	}
	for _, tt := range tests {
		var got string
		if tt.fn == "name" {
			got = languageName(tt.in)
		} else {
			got = nameIn(strings.TrimPrefix(tt.fn, "in:"), tt.in)
		}
		if got != tt.want {
			t.Errorf("%s(%q) = %q, want %q", tt.fn, tt.in, got, tt.want)
		}
	}
	for lang, want := range map[string]bool{"ar": true, "fa": true, "ckb": true, "he": true, "fr": false, "en": false, "ku": false} {
		if widgets.RightToLeft(lang) != want {
			t.Errorf("widgets.RightToLeft(%s) = %v", lang, !want)
		}
	}
}
