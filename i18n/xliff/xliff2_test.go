package xliff

import (
	"os"
	"regexp"
	"strings"
	"testing"

	"communique/i18n/catalog"
)

// fill2 does what a CAT tool does to an XLIFF 2.0 handoff: a target for
// every segment, state "translated" (the key read from the unit's name).
// The first unit is split in two segments at its first space, with an
// <ignorable> between, as a tool that resegments would.
func fill2(t *testing.T, data []byte) []byte {
	t.Helper()
	unit := regexp.MustCompile(`(?s)<unit id="(u\d+)" name="([^"]*)"([^>]*)>(.*?)<segment>\s*<source>([^<]*)</source>\s*</segment>`)
	first := true
	return unit.ReplaceAllFunc(data, func(m []byte) []byte {
		g := unit.FindSubmatch(m)
		k, ok := ParseKey(unescapeAttr(string(g[2])))
		if !ok {
			t.Fatalf("unit name %q is not a key", g[2])
		}
		src := string(g[5])
		tgt := translation(k, unescapeAttr(src))
		head := string(g[0][:len(g[0])-len(g[0][strings.Index(string(g[0]), "<segment>"):])])
		if a, b, ok := strings.Cut(src, " "); ok && first {
			first = false
			ta, tb, _ := strings.Cut(escapeText(tgt), " ")
			return []byte(head + `<segment state="translated"><source>` + a + `</source><target>` + ta + `</target></segment>` +
				`<ignorable><source> </source></ignorable>` +
				`<segment state="reviewed"><source>` + b + `</source><target>` + tb + `</target></segment>`)
		}
		return []byte(head + `<segment state="translated"><source>` + src + `</source><target>` + escapeText(tgt) + `</target></segment>`)
	})
}

func unescapeAttr(s string) string {
	return strings.NewReplacer("&amp;", "&", "&lt;", "<", "&gt;", ">", "&quot;", `"`, "&#34;", `"`, "&#39;", "'").Replace(s)
}

func escapeText(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").Replace(s)
}

// An XLIFF 2.0 handoff, translated as a CAT tool would (one unit even
// resegmented), merges exactly like 1.2: every form and sentence in place,
// the source hash kept so the catalog is current, and go-i18n reads it.
func TestRoundTripXLIFF2(t *testing.T) {
	src, ar := workspaceFiles(t)
	out := Handoff2(src, ar, nil)
	if out == nil {
		t.Fatal("nothing handed off")
	}
	for _, want := range []string{`xmlns="urn:oasis:names:tc:xliff:document:2.0"`, `version="2.0"`, `srcLang="en"`, `trgLang="ar"`,
		`<note category="description">Paragraph 1 of 2`, `name="p1|other|1|4|sha1-`} {
		if !strings.Contains(string(out), want) {
			t.Errorf("handoff lacks %s:\n%s", want, out)
		}
	}
	if p := os.Getenv("XLIFF2_OUT"); p != "" { // for a by-hand check against the OASIS schema
		_ = os.WriteFile(p, out, 0o644)
	}
	returned := fill2(t, out)
	if p := os.Getenv("XLIFF2_OUT"); p != "" {
		_ = os.WriteFile(p+".filled", returned, 0o644)
	}
	f, err := Read("translate.ar.xlf", returned)
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Ignored) > 0 {
		t.Errorf("units ignored: %v", f.Ignored)
	}
	cat, problems, err := f.Catalog()
	if err != nil || len(problems) > 0 {
		t.Fatalf("catalog: %v %v\n%s", err, problems, returned)
	}
	rep := catalog.MergeWith(src, ar, cat, catalog.MergeOptions{})
	if rep.Rejected > 0 {
		t.Errorf("rejected: %v", rep.Results)
	}
	checkMerged(t, src, ar)
	if err := ar.Save(); err != nil {
		t.Fatal(err)
	}
	checkGoI18n(t, ar.Path)
}

// A segment left in state "initial", or without a target, is not a
// translation; the form it belongs to is not merged.
func TestXLIFF2InitialIsNotMerged(t *testing.T) {
	src, ar := workspaceFiles(t)
	out := string(fill2(t, Handoff2(src, ar, nil)))
	out = strings.Replace(out, `<segment state="translated"><source>Operation`, `<segment state="initial"><source>Operation`, 1)
	f, err := Read("translate.ar.xlf", []byte(out))
	if err != nil {
		t.Fatal(err)
	}
	cat, _, err := f.Catalog()
	if err != nil {
		t.Fatal(err)
	}
	if m, ok := cat.Get("p2"); ok && m.Other != "" {
		t.Errorf("p2 merged from an initial segment: %q", m.Other)
	}
	if m, _ := cat.Get("p1"); m.Other == "" {
		t.Error("p1, translated, was not read")
	}
}

// Broken 2.0 files are errors naming the file and line, never a panic.
func TestXLIFF2ReadErrors(t *testing.T) {
	for _, in := range []string{
		"<xliff version=\"2.0\" srcLang=\"en\">\n<file id=\"f\"><unit id=\"u\"><segment><source>a</source></segment>",
		"<xliff version=\"3.0\" srcLang=\"en\"/>",
	} {
		if _, err := Read("bad.xlf", []byte(in)); err == nil || !strings.HasPrefix(err.Error(), "bad.xlf") {
			t.Errorf("Read(%q) = %v, want an error naming the file", in, err)
		}
	}
}
