package memory_test

import (
	"fmt"

	"communique/i18n/memory"
)

func ExampleMemory_Lookup() {
	m := memory.New()
	m.Add(memory.Segment{SourceLang: "en", TargetLang: "fr",
		Source: "The ministers met in Rome.", Target: "Les ministres se sont réunis à Rome.", Origin: "s1.p1 (fr)"})
	for _, mt := range m.Lookup("en", "fr", "The ministers met in Paris.", memory.Options{}) {
		fmt.Printf("%.0f%% %s: %s\n", 100*mt.Score, mt.Segment.Origin, mt.Segment.Target)
		for _, e := range mt.Diff {
			if e.Op != memory.Equal {
				fmt.Printf("  op %d %q\n", e.Op, e.Text)
			}
		}
	}
	// Output:
	// 83% s1.p1 (fr): Les ministres se sont réunis à Rome.
	//   op 2 "Rome"
	//   op 1 "Paris"
}
