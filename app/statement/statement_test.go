package statement

import (
	"strings"
	"testing"
)

func TestValidateMessageIDs(t *testing.T) {
	ok := Statement{ID: "st", TitleID: "st.title", Paragraphs: []string{"st.p1", "st.p2"}}
	if err := ok.Validate(); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		st   Statement
		want string
	}{
		{"another statement's namespace", Statement{ID: "st", TitleID: "st.title", Paragraphs: []string{"other.p1"}}, `must start with "st."`},
		{"the organisation", Statement{ID: "st", TitleID: "organisation"}, `must start with "st."`},
		{"the issuing body", Statement{ID: "st", TitleID: "st.title", Paragraphs: []string{"st.body"}}, "reserved"},
		{"the place", Statement{ID: "st", TitleID: "st.place"}, "reserved"},
		{"twice", Statement{ID: "st", TitleID: "st.title", Paragraphs: []string{"st.p1", "st.p1"}}, "used twice"},
	} {
		if err := tc.st.Validate(); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: %v, want an error saying %q", tc.name, err, tc.want)
		}
	}
}

func TestValidID(t *testing.T) {
	for id, ok := range map[string]bool{"st": true, "2020-04-15-statement": true, "a": true,
		"": false, "-st": false, "St": false, "st.x": false, "st x": false, "é": false, strings.Repeat("a", 81): false} {
		if err := ValidID(id); (err == nil) != ok {
			t.Errorf("ValidID(%q) = %v, want ok=%v", id, err, ok)
		}
	}
}
