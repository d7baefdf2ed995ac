package tomlfile

import (
	"fmt"
	"testing"
	"unicode/utf8"

	"communique/i18n/catfile/tree"
)

// tomlSeeds are TOML catalogs in the shapes go-i18n reads (catfile's
// seeds), with and without the common layout Read's first phase takes.
var tomlSeeds = []string{
	"",
	"a = \"x\"\n",
	"a = \"x\"\r\nb = 'y'\r\n",
	"# c\n[a]\ndescription = \"d\" # c2\nhash = \"sha1-1\"\nother = \"o\"\n\n[b]\none = \"1\"\nother = \"n\"\n",
	"[a.b]\nother = \"x\"\n[a.c]\nother = \"y\"\n",
	"[a]\nb = \"x\"\nc = { other = \"y\", hash = \"h\" }\n",
	"a.b.other = \"x\"\na.b.hash = \"h\"\n",
	"m = \"\"\"\nmulti\nline\"\"\"\nn = '''\nraw \\n'''\n",
	"e = \"esc \\u00e9 \\t \\\" \\\\ \\U0001F600\"\nf = \"\"\"a \\\n   b\"\"\"\n",
	"[msg]\ntranslation = \"v1\"\n",
	"[msg]\nTranslation = \"x\"\nOther = \"y\"\n",
	"[msg.translation]\none = \"a\"\nother = \"b\"\n",
	"\"quoted.key\" = \"x\"\n'lit' = \"y\"\n",
	"a = 1\n",
	"a = [\"x\", \"y\"]\n",
	"a = [{id = \"x\", translation = \"y\"}]\n",
	"[[a]]\nid = \"x\"\nother = \"y\"\n",
	"[a]\nother = \"x\"\nfoo = \"y\"\n",
	"[a]\nleftdelim = \"<<\"\nrightdelim = \">>\"\nother = \"<<.X>>\"\n",
	"a = { b = \"x\",\n  c = \"y\", }\n",
	"a = \"x\"\na = \"y\"\n",
	"[a]\n[a]\n",
	"a = \"unterminated\n",
	"other = \"root message\"\n",
	`# French catalog — hand-maintained, keep comments!
greeting = "Bonjour"   # short form
'literal.key' = 'C:\chemin'

[Statement.Title]
# the title of a statement
description = "Title shown above the statement"
hash = "sha1-0000000000000000000000000000000000000000"
other = "Déclaration officielle"

[zeta]
hash = "sha1-1111111111111111111111111111111111111111"
leftdelim = "<<"
rightdelim = ">>"
one = "<<.Count>> message"
other = "<<.Count>> messages"

[Alpha]
other = """
Multi
line"""
`,
}

// FuzzTOMLPhasesAgree: whenever Read's first phase answers, it must give
// what the second, Scan, gives.
func FuzzTOMLPhasesAgree(f *testing.F) {
	for _, s := range tomlSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if !utf8.Valid(data) {
			return // catfile checks this before reading
		}
		common, ok := readCommon(data, nil)
		if !ok {
			return
		}
		_, entries, err := Scan(&tree.Arena{}, data)
		if err != nil {
			if dupIDs(common) {
				return // both refuse, via catfile's duplicate check
			}
			t.Fatalf("first phase accepted what Scan rejects (%v): %q", err, data)
		}
		var general []tree.Message
		for _, e := range entries {
			general = append(general, e.Message)
		}
		if fmt.Sprint(common) != fmt.Sprint(general) {
			t.Fatalf("%q:\nfirst phase %+v\nScan        %+v", data, common, general)
		}
	})
}

// TestReadTakesBothPhases checks that Read gives the same messages by
// either phase, and positions only from the second.
func TestReadTakesBothPhases(t *testing.T) {
	common := "a = \"x\"\n\n[b]\none = \"1\"\nother = \"n\"\n"
	msgs, entries, err := Read([]byte(common), nil)
	if err != nil || entries != nil || len(msgs) != 2 || msgs[1].One != "1" {
		t.Errorf("common layout: %+v %v %v", msgs, entries, err)
	}
	nested := "[a.b]\nother = \"x\"\n"
	msgs, entries, err = Read([]byte(nested), nil)
	if err != nil || len(entries) != 1 || len(msgs) != 1 || msgs[0].ID != "a.b" || msgs[0].Other != "x" {
		t.Errorf("nested: %+v %v %v", msgs, entries, err)
	}
	if _, _, err := Read([]byte("a = 1\n"), nil); err == nil {
		t.Error("a number was read as a message")
	}
}

func dupIDs(ms []tree.Message) bool {
	seen := map[string]bool{}
	for _, m := range ms {
		if seen[m.ID] {
			return true
		}
		seen[m.ID] = true
	}
	return false
}
