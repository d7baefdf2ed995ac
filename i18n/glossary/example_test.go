package glossary_test

import (
	"fmt"

	"communique/i18n/glossary"
)

func ExampleGlossary_Check() {
	g, err := glossary.Parse("glossary.toml", []byte(`
[[term]]
source = "Daesh"
[term.approved]
ar = "داعش"
[term.forbidden]
ar = ["تنظيم الدولة"]
`))
	if err != nil {
		panic(err)
	}
	for _, p := range g.Check("The fight against Daesh.", "القتال ضد تنظيم الدولة.", "ar") {
		fmt.Println(p.Rule, p.Message)
	}
	// Output:
	// approved_term_not_used "Daesh" should be translated "داعش" (glossary line 2)
	// forbidden_term_used "تنظيم الدولة" is forbidden for "Daesh"; use "داعش" (glossary line 2)
}
