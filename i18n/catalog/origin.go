package catalog

import "strings"

// MemoryOriginPrefix starts the description under which the history keeps
// the source of a translation pre-filled from translation memory, followed
// by where the translation came from ("translation memory: s1.p2 (ar)").
// Such a translation is of the very same text, yet nobody has reviewed it in
// this context, so Status counts it needs_review, never translated.
const MemoryOriginPrefix = "translation memory: "

// fromMemory reports whether a history entry records a memory pre-fill.
func fromMemory(old Message) bool { return strings.HasPrefix(old.Description, MemoryOriginPrefix) }
