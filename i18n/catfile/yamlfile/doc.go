// Package yamlfile reads go-i18n catalogs written in YAML (yaml.v3 parses;
// this package finds the byte span of each node) and writes edits in them
// in the file's own style. Anchors and aliases are read within a budget and
// never edited blindly: a change to an anchored value would change every
// alias of it.
package yamlfile
