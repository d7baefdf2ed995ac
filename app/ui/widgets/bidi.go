package widgets

// IsolateLTR wraps a path or other left-to-right token in a bidi isolate
// (LRI … PDI), so a right-to-left sentence around it cannot pull its
// leading slash to the wrong end.
func IsolateLTR(s string) string { return "\u2066" + s + "\u2069" }

// IsolateIn sets s apart in its language's direction inside a sentence of
// the interface ("Approved: داعش" in English, "المعتمد: Daech" in Arabic).
func IsolateIn(lang, s string) string {
	if RightToLeft(lang) {
		return "\u2067" + s + "\u2069"
	}
	return IsolateLTR(s)
}
