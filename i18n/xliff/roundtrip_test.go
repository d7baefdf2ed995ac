package xliff

import (
	"bufio"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
	"github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"

	"communique/i18n/catalog"
	"communique/internal/judge"
)

const sourceTOML = `[p1]
description = "Paragraph 1 of 2 of statement \"s\""
other = "Ministers met in Washington, D.C. on Monday. They reaffirmed the Global Coalition's commitment! Will it last? Yes."

[p2]
description = "Paragraph 2 of 2"
other = "Operation Inherent Resolve continues."

[count]
description = "Number of partners"
one = "{{.Count}} partner"
other = "{{.Count}} partners"

[done]
other = "Already translated."
`

// workspaceFiles writes a source catalog and an Arabic one where "done" is
// translated and "p2" was translated from an older text (needs review).
func workspaceFiles(t testing.TB) (src, ar *catalog.Catalog) {
	t.Helper()
	dir := t.TempDir()
	sp := filepath.Join(dir, "active.en.toml")
	if err := os.WriteFile(sp, []byte(sourceTOML), 0o644); err != nil {
		t.Fatal(err)
	}
	ap := filepath.Join(dir, "active.ar.toml")
	arTOML := fmt.Sprintf("[done]\nhash = %q\nother = \"مترجم سابقاً.\"\n\n[p2]\nhash = \"sha1-0123\"\nother = \"تستمر العملية.\"\n",
		catalog.Hash("", "Already translated."))
	if err := os.WriteFile(ap, []byte(arTOML), 0o644); err != nil {
		t.Fatal(err)
	}
	var err error
	if src, err = catalog.Load(sp); err != nil {
		t.Fatal(err)
	}
	if ar, err = catalog.Load(ap); err != nil {
		t.Fatal(err)
	}
	return src, ar
}

// translation is what the "translator" writes for a sentence: recognisable
// per form and sentence, so the test knows what the merge must produce.
func translation(k Key, source string) string {
	return fmt.Sprintf("«%s %d» %s", k.Form, k.Index, source)
}

// TestRoundTripThroughTranslateToolkit is the check by tools no one
// here wrote: our handoff → xliff2po → the PO filled in → po2xliff (no
// template: with one, translate-toolkit 3.8 appends a second <file> instead
// of filling ours) → Read → catalog.MergeWith. The catalog must get exactly
// those translations, and go-i18n must read it.
func TestRoundTripThroughTranslateToolkit(t *testing.T) {
	x2p, p2x := judge.Tool(t, "xliff2po"), judge.Tool(t, "po2xliff")
	src, ar := workspaceFiles(t)
	out := Handoff(src, ar, nil)
	dir := t.TempDir()
	xlf := filepath.Join(dir, Name(ar))
	if err := os.WriteFile(xlf, out, 0o644); err != nil {
		t.Fatal(err)
	}
	po := filepath.Join(dir, "ar.po")
	if b, err := exec.Command(x2p, xlf, po).CombinedOutput(); err != nil {
		t.Fatalf("xliff2po: %v\n%s", err, b)
	}
	filled := fillPO(t, po)
	back := filepath.Join(dir, "returned", "translate.ar.xlf")
	if err := os.MkdirAll(filepath.Dir(back), 0o755); err != nil {
		t.Fatal(err)
	}
	if b, err := exec.Command(p2x, filled, back).CombinedOutput(); err != nil {
		t.Fatalf("po2xliff: %v\n%s", err, b)
	}
	data, err := os.ReadFile(back)
	if err != nil {
		t.Fatal(err)
	}
	f, err := Read(back, data)
	if err != nil {
		t.Fatal(err)
	}
	returned, problems, err := f.Catalog()
	if err != nil || len(problems) > 0 {
		t.Fatalf("catalog: %v %v", err, problems)
	}
	rep := catalog.MergeWith(src, ar, returned, catalog.MergeOptions{})
	if rep.Rejected > 0 {
		t.Errorf("rejected: %v", rep.Results)
	}
	checkMerged(t, src, ar)
	if err := ar.Save(); err != nil {
		t.Fatal(err)
	}
	checkGoI18n(t, ar.Path)
}

func checkMerged(t *testing.T, src, ar *catalog.Catalog) {
	t.Helper()
	p1, _ := src.Get("p1")
	hash := p1.SourceHash()
	want := strings.Join([]string{
		translation(Key{Form: "other", Index: 1}, "Ministers met in Washington, D.C. on Monday."),
		translation(Key{Form: "other", Index: 2}, "They reaffirmed the Global Coalition's commitment!"),
		translation(Key{Form: "other", Index: 3}, "Will it last?"),
		translation(Key{Form: "other", Index: 4}, "Yes."),
	}, " ")
	got, _ := ar.Get("p1")
	if got.Other != want || got.Hash != hash {
		t.Errorf("p1 = %q (%s)\nwant %q (%s)", got.Other, got.Hash, want, hash)
	}
	p2, _ := ar.Get("p2")
	if p2.Other != translation(Key{Form: "other", Index: 1}, "Operation Inherent Resolve continues.") {
		t.Errorf("p2 = %q", p2.Other)
	}
	cnt, _ := ar.Get("count")
	for _, form := range []string{"zero", "one", "two", "few", "many", "other"} {
		s := "{{.Count}} partners"
		if form == "one" {
			s = "{{.Count}} partner"
		}
		if g := cnt.Form(form); g != translation(Key{Form: form, Index: 1}, s) {
			t.Errorf("count %s = %q", form, g)
		}
	}
	rep := catalog.Status(src, ar, nil)
	if rep.Translated != 4 || rep.NeedsReview != 0 || rep.Missing != 0 {
		t.Errorf("status %d translated, %d needs review, %d missing", rep.Translated, rep.NeedsReview, rep.Missing)
	}
}

func checkGoI18n(t *testing.T, path string) {
	t.Helper()
	b := i18n.NewBundle(language.English)
	b.RegisterUnmarshalFunc("toml", toml.Unmarshal)
	if _, err := b.LoadMessageFile(path); err != nil {
		t.Fatalf("go-i18n: %v", err)
	}
	loc := i18n.NewLocalizer(b, "ar")
	s, err := loc.Localize(&i18n.LocalizeConfig{MessageID: "count", PluralCount: 3, TemplateData: map[string]int{"Count": 3}})
	if err != nil || s != "«few 1» 3 partners" {
		t.Errorf("go-i18n count(3) = %q, %v", s, err)
	}
}

// fillPO writes msgstr for every entry, from its location (our unit key,
// URL-escaped by xliff2po) and msgid, as a translator's tool would.
func fillPO(t *testing.T, path string) string {
	t.Helper()
	in, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	var out []string
	var key Key
	var msgid strings.Builder
	inID := false
	sc := bufio.NewScanner(in)
	for sc.Scan() {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "#: "):
			loc, _ := url.PathUnescape(strings.TrimPrefix(line, "#: "))
			key, _ = ParseKey(loc)
			msgid.Reset()
		case strings.HasPrefix(line, "msgid "):
			inID = true
			msgid.WriteString(unquote(t, strings.TrimPrefix(line, "msgid ")))
		case inID && strings.HasPrefix(line, `"`):
			msgid.WriteString(unquote(t, line))
		case strings.HasPrefix(line, "msgstr ") && key.ID != "":
			inID = false
			line = "msgstr " + strconv.Quote(translation(key, msgid.String()))
			key = Key{}
		default:
			inID = false
		}
		out = append(out, line)
	}
	filled := strings.TrimSuffix(path, ".po") + ".filled.po"
	if err := os.WriteFile(filled, []byte(strings.Join(out, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	return filled
}

func unquote(t *testing.T, s string) string {
	u, err := strconv.Unquote(s)
	if err != nil {
		t.Fatalf("PO string %s: %v", s, err)
	}
	return u
}
