package catfile

import (
	"fmt"
	"path/filepath"
	"strings"

	"communique/i18n/catfile/jsonfile"
	"communique/i18n/catfile/tomlfile"
	"communique/i18n/catfile/tree"
	"communique/i18n/catfile/yamlfile"
)

// Format is a catalog file format, named as go-i18n names it (the file
// extension).
type Format string

// The formats go-i18n's goi18n tool reads and writes.
const (
	TOML Format = "toml"
	JSON Format = "json"
	YAML Format = "yaml"
)

// FormatOf returns the format of a catalog file from its extension.
func FormatOf(path string) (Format, error) {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".toml":
		return TOML, nil
	case ".json":
		return JSON, nil
	case ".yaml", ".yml":
		return YAML, nil
	}
	return "", fmt.Errorf("%s: not a catalog file (want .toml, .json, .yaml or .yml)", path)
}

// ParseError reports malformed catalog content at a position in a file.
type ParseError struct {
	Path      string
	Line, Col int
	Msg       string
}

func (e *ParseError) Error() string {
	return fmt.Sprintf("%s:%d:%d: %s", e.Path, e.Line, e.Col, excerpt(e.Msg))
}

// langAndFormat splits a file name the way go-i18n's parsePath does: the
// format is after the last dot, the language between the dot before it (or
// the start of the base name) and that.
func langAndFormat(path string) (lang, format string) {
	base := filepath.Base(path)
	i := strings.LastIndexByte(base, '.')
	if i < 0 {
		return "", ""
	}
	format = base[i+1:]
	rest := base[:i]
	if j := strings.LastIndexByte(rest, '.'); j >= 0 {
		rest = rest[j+1:]
	}
	return rest, format
}

// read reads src's messages, appended to buf[:0]: TOML with its reader,
// which answers the common layout without a position tree; JSON and YAML
// from theirs. entries (positions, for errors) is nil without a tree.
func read(format Format, src []byte, buf []tree.Message) (msgs []tree.Message, entries []*tree.Entry, err error) {
	if format == TOML {
		return tomlfile.Read(src, buf)
	}
	if _, entries, err = scan(format, src, false); err != nil {
		return nil, nil, err
	}
	msgs = buf[:0]
	if cap(msgs) < len(entries) {
		msgs = make([]tree.Message, 0, len(entries))
	}
	for _, e := range entries {
		msgs = append(msgs, e.Message)
	}
	return msgs, entries, nil
}

// scan parses src into its position tree and messages.
func scan(format Format, src []byte, positions bool) (*tree.Value, []*tree.Entry, error) {
	a := &tree.Arena{Positions: positions}
	switch format {
	case TOML:
		return tomlfile.Scan(a, src)
	case JSON:
		return jsonfile.Scan(a, src)
	case YAML:
		return yamlfile.Scan(a, src)
	}
	return nil, nil, fmt.Errorf("unsupported format %q", format)
}

// Message is one translatable string with its CLDR plural forms, as
// go-i18n's i18n.Message (see tree.Message).
type Message = tree.Message
