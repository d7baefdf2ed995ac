// Package tomlfile reads go-i18n catalogs written in TOML (1.0, plus what
// BurntSushi/toml, go-i18n's decoder, accepts of 1.1) and writes edits in
// them in the file's own style. Read is the one reader, in two phases (the
// common layout straight into messages, anything else through Scan's
// position tree); Writer edits the tree's spans.
package tomlfile
