package mempane

import (
	"strings"
	"testing"

	"communique/i18n/memory"
	"communique/i18n/worddiff"
)

// Suggest leaves out the message's own translation, keeps one match per
// target text, best first, and at most MaxMatches; a match's spans read
// as the stored source with the current source's words marked.
func TestSuggestOrderAndSpans(t *testing.T) {
	local, imported := memory.New(), memory.New()
	add := func(m *memory.Memory, src, tgt, origin string) {
		m.Add(memory.Segment{SourceLang: "en", TargetLang: "fr", Source: src, Target: tgt, Origin: origin})
	}
	query := "The ministers met in Paris on Monday."
	add(local, query, "Les ministres se sont réunis à Paris lundi.", "p1 (fr)") // its own translation
	add(local, "The ministers met in Rome on Monday.", "Les ministres se sont réunis à Rome lundi.", "p2 (fr)")
	add(imported, "The ministers met in Rome on Monday.", "Les ministres se sont réunis à Rome lundi.", "old.tmx:7")
	add(imported, "The ministers met in Berlin on Friday.", "Les ministres se sont réunis à Berlin vendredi.", "old.tmx:8")
	add(imported, "The ministers met in Oslo on Monday.", "Les ministres se sont réunis à Oslo lundi.", "old.tmx:9")
	add(imported, "The ministers met in Bonn on Monday.", "Les ministres se sont réunis à Bonn lundi.", "old.tmx:10")
	s := Suggest(Memories{Local: local, Imported: imported}, nil, "en", "fr", "p1", query)
	if len(s.Matches) != MaxMatches {
		t.Fatalf("%d matches, want %d", len(s.Matches), MaxMatches)
	}
	seen := map[string]bool{}
	for i, m := range s.Matches {
		if m.Segment.Origin == "p1 (fr)" {
			t.Error("the message's own translation is a match for itself")
		}
		if seen[m.Segment.Target] {
			t.Errorf("target %q offered twice", m.Segment.Target)
		}
		seen[m.Segment.Target] = true
		if i > 0 && ScorePercent(m) > ScorePercent(s.Matches[i-1]) {
			t.Errorf("match %d scores more than match %d", i, i-1)
		}
		if strings.Contains(m.Segment.Source, "Berlin") {
			t.Errorf("the two-word difference %q outranks one-word ones", m.Segment.Source)
		}
	}
	var gone, more string
	for _, sp := range MatchSpans(s.Matches[0], query) {
		switch sp.Op {
		case worddiff.Delete:
			gone += sp.Text
		case worddiff.Insert:
			more += sp.Text
		}
	}
	if strings.TrimSpace(more) != "Paris" || !strings.Contains(gone, strings.Fields(s.Matches[0].Segment.Source)[4]) {
		t.Errorf("spans of %q: removed %q, added %q", s.Matches[0].Segment.Source, gone, more)
	}
}
