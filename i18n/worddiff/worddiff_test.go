package worddiff

import (
	"strings"
	"testing"
)

func TestWordDiff(t *testing.T) {
	tests := []struct {
		name, old, new string
		want           []Span
	}{
		{"identical", "The council met.", "The council met.", []Span{{Equal, "The council met."}}},
		{"word replaced", "The council met today.", "The council met yesterday.",
			[]Span{{Equal, "The council met "}, {Delete, "today"}, {Insert, "yesterday"}, {Equal, "."}}},
		{"word added", "Five members voted.", "Five members voted unanimously.",
			[]Span{{Equal, "Five members voted"}, {Insert, " unanimously"}, {Equal, "."}}},
		{"punctuation only", "In 2020, the group met.", "In 2020 the group met.",
			[]Span{{Equal, "In 2020"}, {Delete, ","}, {Equal, " the group met."}}},
		{"from empty", "", "New text", []Span{{Insert, "New text"}}},
		{"to empty", "Old text", "", []Span{{Delete, "Old text"}}},
		{"arabic words", "اجتمع المجلس اليوم", "اجتمع المجلس أمس",
			[]Span{{Equal, "اجتمع المجلس "}, {Delete, "اليوم"}, {Insert, "أمس"}}},
		{"number changed", "It lasted 3 days.", "It lasted 4 days.",
			[]Span{{Equal, "It lasted "}, {Delete, "3"}, {Insert, "4"}, {Equal, " days."}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Words(tt.old, tt.new)
			if !equalSpans(got, tt.want) {
				t.Fatalf("Words(%q, %q)\n got %v\nwant %v", tt.old, tt.new, got, tt.want)
			}
			if s := join(OldSide(got)); s != tt.old {
				t.Errorf("old side reads %q, want %q", s, tt.old)
			}
			if s := join(NewSide(got)); s != tt.new {
				t.Errorf("new side reads %q, want %q", s, tt.new)
			}
		})
	}
}

func TestTokensKeepEveryByte(t *testing.T) {
	for _, s := range []string{"", "a", "  two  spaces ", "«Guillemets» — et “quotes”!", "ڕێگا، ئەوە؟", "e\u0301te\u0301"} {
		if got := strings.Join(Tokens(s), ""); got != s {
			t.Errorf("Tokens(%q) joined = %q", s, got)
		}
	}
	if got := Tokens("e\u0301t"); len(got) != 1 {
		t.Errorf("a combining mark split a word: %q", got)
	}
}

func equalSpans(a, b []Span) bool {
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

func join(s []Span) string {
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
		Words(old, new)
	}
}

// Script's steps consume both sequences exactly and keep a longest
// common subsequence, deletions before insertions.
func TestScript(t *testing.T) {
	a, b := []rune("ABCABBA"), []rune("CBABAC")
	ops := Script(len(a), len(b), func(i, j int) bool { return a[i] == b[j] })
	var i, j, common int
	for k, op := range ops {
		switch op {
		case Equal:
			if a[i] != b[j] {
				t.Fatalf("step %d matches %c with %c", k, a[i], b[j])
			}
			i, j, common = i+1, j+1, common+1
		case Delete:
			i++
		case Insert:
			if k+1 < len(ops) && ops[k+1] == Delete {
				t.Errorf("step %d: an insertion before a deletion", k)
			}
			j++
		}
	}
	if i != len(a) || j != len(b) || common != 4 {
		t.Errorf("script consumed %d of %d and %d of %d, %d in common (want 4)", i, len(a), j, len(b), common)
	}
}
