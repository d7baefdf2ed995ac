package catalog_test

import (
	"fmt"
	"os"

	"communique/i18n/catalog"
)

// A translation is changed in place: comments, order and the other
// messages keep their bytes.
func ExampleCatalog_Set() {
	c, err := catalog.Parse("active.fr.toml", []byte(`# Reviewed by Amélie
[title]
hash = "sha1-old"
other = "Déclaration"

[date]
other = "15 avril 2020"
`))
	if err != nil {
		fmt.Println(err)
		return
	}
	m, _ := c.Get("title")
	m.Hash = catalog.Hash("", "Statement")
	m.Other = "Déclaration officielle"
	c.Set(m)
	os.Stdout.Write(c.Bytes())
	// Output:
	// # Reviewed by Amélie
	// [title]
	// hash = "sha1-a72ca256dc49e55a1a57b9a727fbde9834c9a3f7"
	// other = "Déclaration officielle"
	//
	// [date]
	// other = "15 avril 2020"
}

// Status tells translated, stale and missing messages apart and runs the
// QA rules on what is there.
func ExampleStatus() {
	src, _ := catalog.Parse("active.en.toml", []byte(`title = "Statement"
body = "Article 12 applies."
date = "15 April 2020"
`))
	ar, _ := catalog.Parse("active.ar.toml", []byte(`[title]
hash = "`+catalog.Hash("", "Statement")+`"
other = "بيان"

[body]
hash = "`+catalog.Hash("", "Article 13 applies.")+`"
other = "تنطبق المادة ١٣."
`))
	r := catalog.Status(src, ar, nil)
	fmt.Printf("%s: %d translated, %d needs review, %d missing\n", r.Lang, r.Translated, r.NeedsReview, r.Missing)
	for _, e := range r.Entries {
		fmt.Println(e.ID, e.State)
	}
	for _, e := range r.Entries {
		for _, p := range e.Problems {
			fmt.Println(r.Lang, e.ID, p.Rule+":", p.Detail)
		}
	}
	// Output:
	// ar: 1 translated, 1 needs review, 1 missing
	// title translated
	// body needs_review
	// date missing
	// ar body numbers: missing 12; not in source 13
}
