// Package jsonfile reads go-i18n catalogs written in JSON (what
// encoding/json accepts, except a key given twice in one object) into the
// position tree, and writes edits in them with the file's own indentation.
package jsonfile
