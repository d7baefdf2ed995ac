package glossary

import (
	"strings"
	"testing"
)

const sampleFile = `# test glossary
[[term]]
source = "Daesh"
note = "Never 'Islamic State'."
[term.approved]
ar = "داعش"
fr = "Daech"
[term.forbidden]
ar = ["تنظيم الدولة", "الدولة الإسلامية"]

[[term]]
source = "Global Coalition"
[term.approved]
ar = "التحالف الدولي"
`

func sample(t *testing.T) *Glossary {
	t.Helper()
	g, err := Parse("glossary.toml", []byte(sampleFile))
	if err != nil {
		t.Fatal(err)
	}
	return g
}

// The sample: "Daesh → داعش" flags an Arabic paragraph that writes
// "تنظيم الدولة" instead, under both rules.
func TestDaeshSample(t *testing.T) {
	g := sample(t)
	src := "The Global Coalition to Defeat Daesh met today."
	bad := "اجتمع التحالف الدولي لهزيمة تنظيم الدولة اليوم."
	ps := g.Check(src, bad, "ar")
	if len(ps) != 2 {
		t.Fatalf("problems %+v", ps)
	}
	if ps[0].Rule != ApprovedNotUsed || src[ps[0].Start:ps[0].End] != "Daesh" || !strings.Contains(ps[0].Message, "line 2") {
		t.Errorf("first %+v", ps[0])
	}
	if ps[1].Rule != ForbiddenUsed || bad[ps[1].Start:ps[1].End] != "تنظيم الدولة" {
		t.Errorf("second %+v", ps[1])
	}
	good := "اجتمع التحالف الدولي لهزيمة داعش اليوم."
	if ps := g.Check(src, good, "ar-IQ"); len(ps) != 0 {
		t.Errorf("good translation flagged: %+v", ps)
	}
}

func TestHitsGiveRangesAndApprovedTranslation(t *testing.T) {
	g := sample(t)
	src := "Partners of the global coalition and of the Global Coalitions against DAESH."
	hits := g.Hits(src, "fr")
	var got []string
	for _, h := range hits {
		got = append(got, src[h.Start:h.End]+"→"+h.Approved)
	}
	want := "[DAESH→Daech global coalition→ Global Coalitions→]"
	if s := "[" + strings.Join(got, " ") + "]"; s != want {
		t.Errorf("hits %s, want %s", s, want)
	}
}

func TestArabicProclitics(t *testing.T) {
	for _, c := range []struct {
		text, term string
		want       bool
	}{
		{"وداعش", "داعش", true},
		{"لداعش", "داعش", true},
		{"بداعش", "داعش", true},
		{"فبداعش", "داعش", true},
		{"والتحالف الدولي", "التحالف الدولي", true},
		{"بالتحالف الدولي", "التحالف الدولي", true},
		{"للتحالف الدولي", "التحالف الدولي", true},
		{"كالتحالف", "التحالف", true},
		{"التَّحالُف", "التحالف", true}, // harakat folded
		{"إنهاء", "انهاء", true},        // hamza on alef folded
		// Documented limits: suffixes and broken plurals are not recognised,
		// and proclitics count on a term's first word only.
		{"التحالفات", "التحالف", false},
		{"تحالفهم", "تحالف", false},
		{"التحالف والدولي", "التحالف الدولي", false},
		{"سداعش", "داعش", false},
	} {
		got := len(find(tokenize(c.text), c.term)) > 0
		if got != c.want {
			t.Errorf("%q in %q: %v, want %v", c.term, c.text, got, c.want)
		}
	}
}

func TestParseErrorsNameLine(t *testing.T) {
	for _, c := range []struct{ src, want string }{
		{"[[term]]\nsource = \"x\"\nnote = \n", "g.toml:3"},
		{"[[term]]\nnote = \"no source\"\n", "g.toml:1: term has no source text"},
		{"[[term]]\nsource = \"x\"\nsauce = 1\n", "unknown key term.sauce"},
	} {
		_, err := Parse("g.toml", []byte(c.src))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q: %v, want %s", c.src, err, c.want)
		}
	}
}

// What Bytes writes reads back as the same terms, in the documented layout.
func TestBytesRoundTrip(t *testing.T) {
	g := sample(t)
	data, err := g.Bytes()
	if err != nil {
		t.Fatal(err)
	}
	back, err := Parse("glossary.toml", data)
	if err != nil {
		t.Fatalf("%v\n%s", err, data)
	}
	if len(back.Terms) != 2 || back.Terms[0].Approved["ar"] != "داعش" || back.Terms[0].Forbidden["ar"][1] != "الدولة الإسلامية" ||
		back.Terms[0].Note != g.Terms[0].Note || back.Terms[1].Source != "Global Coalition" {
		t.Errorf("round trip: %+v\n%s", back.Terms, data)
	}
	for _, want := range []string{"[[term]]", "[term.approved]", "[term.forbidden]"} {
		if !strings.Contains(string(data), want) {
			t.Errorf("written glossary lacks %s:\n%s", want, data)
		}
	}
}

// A term both approved and forbidden in one language is an error naming
// the line.
func TestParseRefusesContradiction(t *testing.T) {
	_, err := Parse("g.toml", []byte("\n[[term]]\nsource = \"Daesh\"\n[term.approved]\nar = \"داعش\"\n[term.forbidden]\nar = [\"داعش\"]\n"))
	if err == nil || !strings.Contains(err.Error(), "g.toml:2:") {
		t.Errorf("err = %v, want one naming g.toml:2", err)
	}
}

// A glossary nested so deeply that the TOML library would stall on it is
// refused at once, with file and line: it comes with a workspace from
// anyone, and opening that must not hang.
func TestParseRefusesDeepNesting(t *testing.T) {
	deep := "[[term]]\nsource = \"x\"\n" + "k" + strings.Repeat(".k", 20000) + " = 1\n"
	_, err := Parse("glossary.toml", []byte(deep))
	if err == nil || !strings.HasPrefix(err.Error(), "glossary.toml:3: ") {
		t.Fatalf("err = %v, want one naming glossary.toml line 3", err)
	}
}
