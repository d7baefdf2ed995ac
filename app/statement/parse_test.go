package statement

import (
	"os"
	"strings"
	"testing"
)

func TestParseSeed(t *testing.T) {
	src, err := os.ReadFile("testdata/seed-statement.txt")
	if err != nil {
		t.Fatal(err)
	}
	txt, err := ParseText(string(src), ParseOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if want := "Statement by the Political Directors of the Global Coalition to Defeat ISIS Small Group"; txt.Title != want {
		t.Errorf("title = %q, want %q", txt.Title, want)
	}
	if len(txt.Paragraphs) != 6 {
		t.Fatalf("got %d paragraphs, want 6", len(txt.Paragraphs))
	}
	for i, p := range txt.Paragraphs {
		if strings.Contains(strings.ToLower(p), "cookies") {
			t.Errorf("paragraph %d kept the cookie banner: %q", i+1, p)
		}
	}
	// Typographic apostrophes survive as they are.
	if !strings.Contains(txt.Paragraphs[2], "Operation Inherent Resolve’s") {
		t.Errorf("typographic apostrophe changed: %q", txt.Paragraphs[2])
	}
	if len(txt.Dropped) != 1 || txt.Dropped[0].Reason != "cookie banner" || txt.Dropped[0].Line != 15 {
		t.Fatalf("dropped = %+v, want the cookie banner at line 15", txt.Dropped)
	}
	if s := txt.Dropped[0].String(); !strings.Contains(s, "line 15") || !strings.Contains(s, "cookies") {
		t.Errorf("report line %q does not name the line and content", s)
	}

	all, err := ParseText(string(src), ParseOptions{KeepAll: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(all.Paragraphs) != 7 || len(all.Dropped) != 0 {
		t.Errorf("--keep-all: %d paragraphs, %d dropped; want 7, 0", len(all.Paragraphs), len(all.Dropped))
	}
}

func TestParseText(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		title   string
		paras   []string
		dropped int
	}{
		{"crlf and soft wraps", "\uFEFFTitle line\r\n\r\nfirst line\r\nsecond line\r\n\r\n\r\nThen more.\r\n", "Title line",
			[]string{"first line second line", "Then more."}, 0},
		{"paragraph right after title", "Title\nbody starts here\n\nsecond", "Title", []string{"body starts here", "second"}, 0},
		{"leading blank lines", "\n\n  Title  \n\nText.", "Title", []string{"Text."}, 0},
		{"share bar", "T\n\nReal text.\n\nShare | Tweet | Email\n\nRead More »", "T", []string{"Real text."}, 2},
		{"skip link before title", "Skip to content\n\nThe Title\n\nText.", "The Title", []string{"Text."}, 1},
		{"mentions cookies but is text", "T\n\nThe delegates shared cookies and tea.", "T",
			[]string{"The delegates shared cookies and tea."}, 0},
		{"quotes kept", "«Titre»\n\nL’unité « d’objectif » — “quoted”.", "«Titre»", []string{"L’unité « d’objectif » — “quoted”."}, 0},
		{"arabic", "بيان\n\nفقرة أولى.", "بيان", []string{"فقرة أولى."}, 0},
		{"boilerplate line before the title", "Skip to main content\nThe Real Title\nFirst paragraph line.\n\nSecond para.",
			"The Real Title", []string{"First paragraph line.", "Second para."}, 1},
		{"punctuation alone is kept", "T\n\n...\n\nText.", "T", []string{"...", "Text."}, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ParseText(tc.in, ParseOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if got.Title != tc.title {
				t.Errorf("title %q, want %q", got.Title, tc.title)
			}
			if strings.Join(got.Paragraphs, "\x00") != strings.Join(tc.paras, "\x00") {
				t.Errorf("paragraphs %q, want %q", got.Paragraphs, tc.paras)
			}
			if len(got.Dropped) != tc.dropped {
				t.Errorf("dropped %v, want %d", got.Dropped, tc.dropped)
			}
		})
	}
}

func TestParseTextErrors(t *testing.T) {
	if _, err := ParseText(" \n\n\t\n", ParseOptions{}); err == nil || !strings.Contains(err.Error(), "line 1") {
		t.Errorf("empty input: err = %v", err)
	}
	if _, err := ParseText("ok\nok\n\xff\xfe bad", ParseOptions{}); err == nil || !strings.Contains(err.Error(), "line 3") {
		t.Errorf("invalid UTF-8: err = %v", err)
	}
	if _, err := ParseText("Read More\n\nShare", ParseOptions{}); err == nil || !strings.Contains(err.Error(), "--keep-all") {
		t.Errorf("all boilerplate: err = %v", err)
	}
}

func TestSlug(t *testing.T) {
	for in, want := range map[string]string{
		"Statement by the Political Directors of the Global Coalition to Defeat ISIS Small Group": "political-directors-global-coalition",
		"Déclaration de la Coalition": "declaration-coalition",
		"بيان":                        "statement",
		"Joint Statement on COVID-19": "covid-19",
	} {
		if got := Slug(in); got != want {
			t.Errorf("Slug(%q) = %q, want %q", in, got, want)
		}
		if err := ValidID(Slug(in)); err != nil {
			t.Errorf("Slug(%q) not a valid id: %v", in, err)
		}
	}
}

func TestStatementStructure(t *testing.T) {
	s := &Statement{ID: "x", TitleID: "x.title"}
	for range 3 {
		s.Paragraphs = append(s.Paragraphs, s.NewParagraphID())
	}
	if got := strings.Join(s.Paragraphs, ","); got != "x.p1,x.p2,x.p3" {
		t.Fatalf("ids %s", got)
	}
	if err := s.Move(0, 2); err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(s.Paragraphs, ","); got != "x.p2,x.p3,x.p1" {
		t.Fatalf("after move %s", got)
	}
	if err := s.Move(0, 3); err == nil {
		t.Error("move out of range accepted")
	}
	// Deleting the last paragraph and adding one never reuses its ID.
	s.Paragraphs = s.Paragraphs[:2]
	if id := s.NewParagraphID(); id != "x.p4" {
		t.Errorf("new id after delete = %s, want x.p4", id)
	}
	if d := s.Description("x.p3"); d != `Paragraph 2 of 2 of statement "x"` {
		t.Errorf("description %q", d)
	}
	if err := s.Validate(); err != nil {
		t.Error(err)
	}
	s.Paragraphs = append(s.Paragraphs, "x.title")
	if err := s.Validate(); err == nil {
		t.Error("duplicate id accepted")
	}
}

func TestBoilerplate(t *testing.T) {
	banners := []string{
		"This website uses cookies to improve your experience, We'll assume you're ok with this, but you can opt-out if you wish. Accept Read More",
		"This website uses cookies. OK",
		"We use cookies. Got it!",
		"This site uses cookies. By continuing to browse you agree to our use of cookies.",
		"We use cookies on our website. Manage preferences | Accept",
		"Cookies help us deliver our services. Accept all",
	}
	for _, b := range banners {
		if got := Boilerplate(b); got != "cookie banner" {
			t.Errorf("%q: %q, want cookie banner", b, got)
		}
	}
	nav := []string{"Read More »", "Share | Tweet | Email", "Tweet this", "Print this page | Email this page",
		"Follow us on Twitter", "Back to top ↑", "Home > News > Statements", "Skip to content"}
	for _, b := range nav {
		if got := Boilerplate(b); got != "navigation or share links" {
			t.Errorf("%q: %q, want navigation", b, got)
		}
	}
	text := []string{
		"The ministry welcomes the ruling that websites must obtain consent before placing cookies, a landmark for privacy.",
		"The delegates shared cookies and tea.",
		"...",
		"Next year the Coalition will meet in Rome.",
		"Home is where the displaced families want to return.",
		"They read more reports than ever; the share of women rose.",
	}
	for _, b := range text {
		if got := Boilerplate(b); got != "" {
			t.Errorf("%q: dropped as %q, but it is text", b, got)
		}
	}
}
