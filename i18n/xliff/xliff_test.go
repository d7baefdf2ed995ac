package xliff

import (
	"strings"
	"testing"

	"communique/i18n/catalog"
)

func TestHandoffContents(t *testing.T) {
	src, ar := workspaceFiles(t)
	out := string(Handoff(src, ar, nil))
	for _, want := range []string{
		`<xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" version="1.2">`,
		`source-language="en" target-language="ar"`,
		`<note from="developer">Paragraph 1 of 2 of statement &#34;s&#34;</note>`,
		`<source>Ministers met in Washington, D.C. on Monday.</source>`,
		`id="p1|other|4|4|` + catalog.Hash(`Paragraph 1 of 2 of statement "s"`, "Ministers met in Washington, D.C. on Monday. They reaffirmed the Global Coalition's commitment! Will it last? Yes.") + `"`,
		`Earlier translation, of a source text that has changed since: تستمر العملية.`,
		`id="count|few|1|1|`, `Plural form &#34;few&#34; (CLDR)`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("handoff lacks %s\n%s", want, out)
		}
	}
	if strings.Contains(out, "done|") {
		t.Errorf("a translated message was handed off")
	}
}

// A translation of a source text that changed after the handoff is
// refused by the merge: the hash in the key is the old one.
func TestStaleAndPartialTranslationsAreNotMerged(t *testing.T) {
	src, ar := workspaceFiles(t)
	out := Handoff(src, ar, nil)
	x := strings.Replace(string(out), "<source>Operation Inherent Resolve continues.</source>", "<source>Operation Inherent Resolve continues.</source><target>تستمر عملية العزم الصلب.</target>", 1)
	x = strings.Replace(x, "<source>Yes.</source>", `<source>Yes.</source><target state="translated">نعم.</target>`, 1)
	x = strings.Replace(x, "<source>Will it last?</source>", `<source>Will it last?</source><target state="needs-review-translation">هل؟</target>`, 1)
	f, err := Read("translate.ar.xlf", []byte(x))
	if err != nil {
		t.Fatal(err)
	}
	ret, problems, err := f.Catalog()
	if err != nil {
		t.Fatal(err)
	}
	if len(problems) != 1 || problems[0].ID != "p1" || !strings.Contains(problems[0].Msg, "1 of 4 sentences") {
		t.Errorf("problems %v", problems)
	}
	src.Set(catalog.Message{ID: "p2", Description: "Paragraph 2 of 2", Other: "Operation Inherent Resolve goes on."})
	rep := catalog.MergeWith(src, ar, ret, catalog.MergeOptions{})
	if rep.Rejected != 1 || !strings.Contains(rep.Results[0].Reason, "older source text") {
		t.Errorf("merge %v", rep.Results)
	}
}

func TestReadErrors(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"<xliff version=\"1.2\">\n<file>\n<body>\n</file>", "t.xlf:4:"},
		{`<xliff version="3.0"></xliff>`, `XLIFF version "3.0"`},
		{`<xliff version="2.0"></xliff>`, `no srcLang`},
		{`<tmx version="1.4"/>`, "not an XLIFF file"},
	} {
		_, err := Read("t.xlf", []byte(c.in))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q: %v, want %s", c.in, err, c.want)
		}
	}
	f, err := Read("x/translate.fr.xlf", []byte(`<xliff version="1.2"><file><body><trans-unit id="7"><source>a</source><target>b</target></trans-unit></body></file></xliff>`))
	if err != nil || len(f.Ignored) != 1 || f.Lang() != "fr" {
		t.Errorf("%+v %v", f, err)
	}
	for _, k := range []string{"a|other|0|1|h", "a|other|2|1|h", "a|bogus|1|1|h", "|other|1|1|h", "a|other|1|99999999|h"} {
		if _, ok := ParseKey(k); ok {
			t.Errorf("ParseKey(%q) accepted", k)
		}
	}
	if k, ok := ParseKey("id|with|bars|one|2|3|sha1-x"); !ok || k.ID != "id|with|bars" || k.Form != "one" {
		t.Errorf("%+v", k)
	}
}

// FuzzRead: any input ends in a File or an error, never a panic, and the
// catalog built from it never holds more messages than units.
func FuzzRead(f *testing.F) {
	src, ar := workspaceFiles(f)
	f.Add(Handoff(src, ar, nil))
	f.Add(Handoff2(src, ar, nil))
	f.Add([]byte(`<xliff version="2.0" srcLang="en"><file id="f"><group id="g"><unit id="u" name="a|other|1|1|h"><segment state="translated"><source>x</source><target>y</target></segment><ignorable><source> </source></ignorable></unit></group></file></xliff>`))
	f.Add([]byte(`<xliff version="1.2"><file target-language="ar"><body><group><group><trans-unit id="a|other|1|2|h"><source>x</source><target>y</target></trans-unit></group></group></body></file></xliff>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		x, err := Read("translate.ar.xlf", data)
		if err != nil {
			return
		}
		c, _, err := x.Catalog()
		if err == nil && c.Len() > len(x.Units) {
			t.Fatalf("%d messages from %d units", c.Len(), len(x.Units))
		}
	})
}

// A fuzzy PO entry, as translate-toolkit 3.8.4's po2xliff writes it, is no
// translation; the entry beside it is.
func TestPo2xliffFuzzyIsSkipped(t *testing.T) {
	const po2xliff = `<?xml version="1.0" encoding="UTF-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:1.1" version="1.1">
  <file original="f.po" source-language="en-US" datatype="po">
    <body>
      <trans-unit xml:space="preserve" id="2" approved="no" restype="x-gettext-domain-header"><source>Content-Type: text/plain; charset=UTF-8
</source>
        <target state="translated">Content-Type: text/plain; charset=UTF-8
</target>
      </trans-unit>
      <trans-unit xml:space="preserve" id="3" approved="no"><source>Hello.</source>
        <target state="needs-translation">Salut.</target>
        <context-group name="po-reference" purpose="location"><context context-type="sourcefile">a|other|1|1|h</context></context-group>
      </trans-unit>
      <trans-unit xml:space="preserve" id="4" approved="yes"><source>Bye.</source>
        <target state="translated">Adieu.</target>
        <context-group name="po-reference" purpose="location"><context context-type="sourcefile">b|other|1|1|h</context></context-group>
      </trans-unit>
    </body>
  </file>
</xliff>`
	f, err := Read("translate.fr.xlf", []byte(po2xliff))
	if err != nil {
		t.Fatal(err)
	}
	c, problems, err := f.Catalog()
	if err != nil || len(problems) != 0 || len(f.Ignored) != 0 {
		t.Fatalf("%v %v %v", err, problems, f.Ignored)
	}
	if _, ok := c.Get("a"); ok || c.Len() != 1 {
		t.Errorf("fuzzy entry taken: %v", c.Messages())
	}
	if b, _ := c.Get("b"); b.Other != "Adieu." || b.Hash != "h" {
		t.Errorf("b = %+v", b)
	}
}
