// Package catfile reads, edits and writes go-i18n message catalog files
// (TOML, JSON, YAML) without losing anything a translator put in them.
//
// go-i18n's own tooling decodes a catalog into a map and re-encodes it, which
// sorts keys and drops comments, custom layout and stale translations. A
// Catalog instead keeps the original bytes and edits only the byte spans of
// the messages that changed, so a catalog that went through Communiqué still
// diffs cleanly in git and reads as the translator left it. What counts as a
// message (reserved keys, nested tables as dotted IDs, the v1 "translation"
// key and list form) follows go-i18n v2.7.0's parser exactly; fuzz tests hold
// the two side by side.
//
// The work is layered as the files are: package tree holds the document
// tree with byte positions that the three formats share, go-i18n's rules for
// finding messages in it, and the patches that edit it in place; tomlfile,
// jsonfile and yamlfile each read one syntax into that tree and write edits
// in it; this package is the file: its limits and encodings, the edits
// pending on it, and a save that reads its own output back before it
// writes.
//
// A Catalog is not safe for concurrent mutation; reading an unedited one
// from many goroutines is (package catalog's StatusEach does).
package catfile
