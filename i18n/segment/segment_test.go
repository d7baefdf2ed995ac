package segment

import (
	"strings"
	"testing"
)

func TestSentences(t *testing.T) {
	for _, c := range []struct {
		in   string
		want []string
	}{
		{"Ministers met in Washington, D.C. on Monday. They agreed.", []string{"Ministers met in Washington, D.C. on Monday.", "They agreed."}},
		{"Ministers met in Washington, D.C. The U.S. and the U.N. agreed.", []string{"Ministers met in Washington, D.C. The U.S. and the U.N. agreed."}},
		{"Mr. Smith spoke, e.g. on aid. Dr. Jones did not!  Why? Because.", []string{"Mr. Smith spoke, e.g. on aid.", "Dr. Jones did not!", "Why?", "Because."}},
		{`He said "Stop." Then left.`, []string{`He said "Stop."`, "Then left."}},
		{"See No. 5 and J. Smith. Done.", []string{"See No. 5 and J. Smith.", "Done."}},
		{"It rose 2.5 per cent. Wait... it fell.", []string{"It rose 2.5 per cent.", "Wait... it fell."}},
		{"اجتمع الوزراء اليوم. هل اتفقوا؟ نعم.", []string{"اجتمع الوزراء اليوم.", "هل اتفقوا؟", "نعم."}},
		{"会议结束。部长们同意了。", []string{"会议结束。", "部长们同意了。"}},
		{"  One sentence without a stop  ", []string{"One sentence without a stop"}},
		{"   ", nil},
	} {
		got := Texts(c.in)
		if strings.Join(got, "|") != strings.Join(c.want, "|") {
			t.Errorf("%q:\n got %q\nwant %q", c.in, got, c.want)
		}
	}
}

func TestJoin(t *testing.T) {
	if got := Join([]string{"One.", " Two. ", ""}, "fr"); got != "One. Two." {
		t.Errorf("fr: %q", got)
	}
	if got := Join([]string{"会议结束。", "部长们同意了。"}, "zh-Hans"); got != "会议结束。部长们同意了。" {
		t.Errorf("zh: %q", got)
	}
}

func FuzzSentences(f *testing.F) {
	f.Add("Mr. A. B. went to D.C. Then? Yes!! «Fin.» ok")
	f.Fuzz(func(t *testing.T, s string) {
		prev := 0
		for _, sp := range Sentences(s) {
			if sp.Start < prev || sp.End <= sp.Start || sp.End > len(s) {
				t.Fatalf("bad span %+v after %d in %q", sp, prev, s)
			}
			prev = sp.End
		}
	})
}
