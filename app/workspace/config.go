package workspace

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/BurntSushi/toml"
	"golang.org/x/text/language"

	"communique/app/statement"
	"communique/i18n/catfile/tomlfile"
	"communique/i18n/catfile/tree"
)

// Config is communique.toml: who publishes, and in which languages.
type Config struct {
	// Organisation is the source text of the message
	// statement.OrganisationID; the file no longer holds it, but one
	// written before (or by hand) is read and moved to the catalog.
	Organisation   string   `toml:"organisation"`
	SourceLanguage string   `toml:"source_language"`
	Languages      []string `toml:"languages"` // target languages, in the order the team wants them
	CatalogFormat  string   `toml:"catalog_format"`
	Logo           string   `toml:"logo"`   // optional letterhead image, relative to the workspace
	Notice         string   `toml:"notice"` // shown with the workspace, e.g. "translations are samples"
	// TrustedCertificates is a PEM file, relative to the workspace, of the
	// certificates verify trusts without flags: CA certificates act as
	// roots, others pin the organisation's own signers.
	TrustedCertificates string `toml:"trusted_certificates"`
	// QA's "identical" rule: a translation may equal a source of up to
	// identical_max_words words (default 1; -1 flags every one), or one
	// of the texts in identical_ok.
	IdenticalMaxWords int      `toml:"identical_max_words"`
	IdenticalOK       []string `toml:"identical_ok"`
	// Fonts is the [fonts] table: the font family each language is set
	// in, when not its default (fontsetting.go).
	Fonts map[string]string `toml:"fonts"`

	fontLines map[string]int // line of each [fonts] setting
}

func (c *Config) normalize() {
	if c.SourceLanguage == "" {
		c.SourceLanguage = "en"
	}
	if c.CatalogFormat == "" {
		c.CatalogFormat = "toml"
	}
	var langs []string
	for _, l := range c.Languages {
		l = strings.TrimSpace(l)
		if l != "" && l != c.SourceLanguage && !slices.Contains(langs, l) {
			langs = append(langs, l)
		}
	}
	c.Languages = langs
}

func (c *Config) validate() error {
	switch c.CatalogFormat {
	case "toml", "json", "yaml":
	default:
		return fmt.Errorf("catalog_format %q: use toml, json or yaml", c.CatalogFormat)
	}
	for _, l := range append([]string{c.SourceLanguage}, c.Languages...) {
		if err := ValidLanguage(l); err != nil {
			return err
		}
	}
	return nil
}

// ValidLanguage checks a language code as used in catalog file names: a
// BCP 47 tag in its canonical spelling ("pt-BR", not "pt-br"), the one
// go-i18n and goi18n derive from a catalog's file name. Two spellings of
// one language would be two files on Linux and one on macOS and Windows.
func ValidLanguage(code string) error {
	tag, err := language.Parse(code)
	if err != nil || strings.ContainsAny(code, "./\\ ") {
		return fmt.Errorf("language %q is not a BCP 47 code such as fr, ar or ckb", code)
	}
	if canon := tag.String(); canon != code {
		return fmt.Errorf("language %q: write it as %q", code, canon)
	}
	return nil
}

// CanonicalLanguage returns the canonical spelling of a language code the
// user typed ("pt-br" → "pt-BR"), or the code unchanged if it is not one.
func CanonicalLanguage(code string) string {
	if tag, err := language.Parse(strings.TrimSpace(code)); err == nil {
		return tag.String()
	}
	return code
}

func (c *Config) languages() []string {
	return append([]string{c.SourceLanguage}, c.Languages...)
}

func parseConfig(path string, data []byte) (*Config, error) {
	var c Config
	md, err := decodeTOML(path, data, &c)
	if err != nil {
		return nil, err
	}
	if und := md.Undecoded(); len(und) > 0 {
		k := und[0].String()
		return nil, &FileError{Path: path, Line: lineOfKey(data, k), Err: fmt.Errorf("unknown setting %q", k)}
	}
	for _, req := range []string{"source_language"} {
		if !md.IsDefined(req) {
			return nil, &FileError{Path: path, Line: 1, Err: fmt.Errorf("missing %s", req)}
		}
	}
	c.normalize()
	if err := c.validate(); err != nil {
		key := "languages"
		if strings.HasPrefix(err.Error(), "catalog_format") {
			key = "catalog_format"
		} else if ValidLanguage(c.SourceLanguage) != nil {
			key = "source_language"
		}
		return nil, &FileError{Path: path, Line: lineOfKey(data, key), Err: err}
	}
	if err := c.checkFonts(path, data); err != nil {
		return nil, err
	}
	return &c, nil
}

func (c *Config) encode() []byte {
	var b bytes.Buffer
	b.WriteString("# Communiqué workspace settings. Statements are in statements/, their text in locales/.\n")
	fmt.Fprintf(&b, "source_language = %s\n", tomlString(c.SourceLanguage))
	b.WriteString("languages = [")
	for i, l := range c.Languages {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(tomlString(l))
	}
	b.WriteString("]\n")
	fmt.Fprintf(&b, "catalog_format = %s\n", tomlString(c.CatalogFormat))
	if c.Logo != "" {
		fmt.Fprintf(&b, "logo = %s\n", tomlString(c.Logo))
	}
	if c.Notice != "" {
		fmt.Fprintf(&b, "notice = %s\n", tomlString(c.Notice))
	}
	if c.TrustedCertificates != "" {
		fmt.Fprintf(&b, "trusted_certificates = %s\n", tomlString(c.TrustedCertificates))
	}
	if c.IdenticalMaxWords != 0 {
		fmt.Fprintf(&b, "identical_max_words = %d\n", c.IdenticalMaxWords)
	}
	if len(c.IdenticalOK) > 0 {
		b.WriteString("identical_ok = [")
		for i, s := range c.IdenticalOK {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(tomlString(s))
		}
		b.WriteString("]\n")
	}
	c.encodeFonts(&b)
	return b.Bytes()
}

// tomlString quotes s as a TOML basic string. strconv.Quote is not one: it
// writes escapes such as \v, \a and \x that TOML lacks.
func tomlString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteString(`\t`)
		case r == '\r':
			b.WriteString(`\r`)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, `\u%04X`, r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// statementFile is the on-disk shape of statements/<id>.toml.
type statementFile struct {
	ID             string    `toml:"id"`
	IssuingBody    string    `toml:"issuing_body"`
	Place          string    `toml:"place"`
	Date           time.Time `toml:"date"`
	SourceLanguage string    `toml:"source_language"`
	Title          string    `toml:"title"`
	Paragraphs     []string  `toml:"paragraphs"`
	NextParagraph  int       `toml:"next_paragraph"`
}

// paragraphNumber returns N of a paragraph ID ending in ".pN".
func paragraphNumber(id string) (int, bool) {
	i := strings.LastIndex(id, ".p")
	if i < 0 || i+2 == len(id) {
		return 0, false
	}
	for _, c := range []byte(id[i+2:]) {
		if c < '0' || c > '9' {
			return 0, false
		}
	}
	n, err := strconv.Atoi(id[i+2:])
	return n, err == nil
}

func parseStatement(path string, data []byte) (*statement.Statement, error) {
	var f statementFile
	md, err := decodeTOML(path, data, &f)
	if err != nil {
		return nil, err
	}
	if und := md.Undecoded(); len(und) > 0 {
		k := und[0].String()
		return nil, &FileError{Path: path, Line: lineOfKey(data, k), Err: fmt.Errorf("unknown key %q", k)}
	}
	for _, req := range []string{"id", "title", "source_language"} {
		if !md.IsDefined(req) {
			return nil, &FileError{Path: path, Line: 1, Err: fmt.Errorf("missing %s", req)}
		}
	}
	st := &statement.Statement{ID: f.ID, IssuingBody: f.IssuingBody, Place: f.Place, SourceLang: f.SourceLanguage,
		TitleID: f.Title, Paragraphs: f.Paragraphs, NextParagraph: f.NextParagraph}
	if !f.Date.IsZero() {
		st.Date = time.Date(f.Date.Year(), f.Date.Month(), f.Date.Day(), 0, 0, 0, 0, time.UTC)
	}
	// A hand-added paragraph may carry a number beyond the counter.
	for _, id := range st.Paragraphs {
		if n, ok := paragraphNumber(id); ok && n >= st.NextParagraph {
			st.NextParagraph = n + 1
		}
	}
	if err := st.Validate(); err != nil {
		key := "paragraphs"
		switch {
		case statement.ValidID(st.ID) != nil:
			key = "id"
		case !strings.HasPrefix(st.TitleID, st.ID+".") || st.TitleID == st.BodyID() || st.TitleID == st.PlaceID():
			key = "title"
		}
		return nil, &FileError{Path: path, Line: lineOfKey(data, key), Err: err}
	}
	return st, nil
}

func encodeStatement(st *statement.Statement) []byte {
	var b bytes.Buffer
	b.WriteString("# Communiqué statement: metadata and the order of its parts.\n")
	b.WriteString("# The text of each part is in locales/active.<lang>.*, under the message IDs listed here,\n")
	b.WriteString("# and so are the issuing body and the place (<id>.body, <id>.place).\n")
	fmt.Fprintf(&b, "id = %s\n", tomlString(st.ID))
	if !st.Date.IsZero() {
		fmt.Fprintf(&b, "date = %s\n", st.Date.Format(time.DateOnly))
	}
	fmt.Fprintf(&b, "source_language = %s\n", tomlString(st.SourceLang))
	fmt.Fprintf(&b, "title = %s\n", tomlString(st.TitleID))
	b.WriteString("paragraphs = [\n")
	for _, p := range st.Paragraphs {
		fmt.Fprintf(&b, "  %s,\n", tomlString(p))
	}
	b.WriteString("]\n")
	fmt.Fprintf(&b, "next_paragraph = %d\n", st.NextParagraph)
	return b.Bytes()
}

// decodeTOML decodes a workspace's TOML file into v, first refusing
// nesting that would stall the TOML library (see tomlfile.CheckDepth): a
// workspace may come from anyone, and opening it must not hang.
func decodeTOML(path string, data []byte, v any) (toml.MetaData, error) {
	if err := tomlfile.CheckDepth(data); err != nil {
		var pe *tree.PosError
		errors.As(err, &pe)
		line, _ := tree.LineCol(data, pe.Off)
		return toml.MetaData{}, &FileError{Path: path, Line: line, Err: err}
	}
	md, err := toml.Decode(string(data), v)
	if err != nil {
		return md, tomlError(path, err)
	}
	return md, nil
}

func tomlError(path string, err error) error {
	var pe toml.ParseError
	if errors.As(err, &pe) {
		return &FileError{Path: path, Line: pe.Position.Line, Err: errors.New(pe.Message)}
	}
	// Type mismatches ("toml: line 5 (last key "date"): incompatible types…")
	if m := regexp.MustCompile(`line (\d+)`).FindStringSubmatch(err.Error()); m != nil {
		n, _ := strconv.Atoi(m[1])
		msg := strings.TrimPrefix(err.Error(), "toml: ")
		msg = regexp.MustCompile(`^line \d+ ?`).ReplaceAllString(msg, "")
		return &FileError{Path: path, Line: n, Err: errors.New(strings.TrimLeft(msg, ": "))}
	}
	return &FileError{Path: path, Err: err}
}

// lineOfKey finds the line where a top-level key is set, for errors about
// its value; 1 if it cannot be found.
func lineOfKey(data []byte, key string) int {
	re := regexp.MustCompile(`^\s*"?` + regexp.QuoteMeta(key) + `"?\s*=`)
	for i, line := range bytes.Split(data, []byte("\n")) {
		if re.Match(line) {
			return i + 1
		}
	}
	return 1
}

// checkCatalogFormat refuses a workspace whose catalogs are in another
// format than communique.toml says: the next save would start a second
// catalog beside the first.
func checkCatalogFormat(dir, cfgPath string, cfgData []byte, cfg *Config) error {
	for _, lang := range cfg.languages() {
		want := filepath.Join(dir, LocalesDir, "active."+lang+"."+cfg.CatalogFormat)
		if _, err := os.Stat(want); err == nil {
			continue
		}
		for _, ext := range []string{"toml", "json", "yaml", "yml"} {
			other := filepath.Join(dir, LocalesDir, "active."+lang+"."+ext)
			if ext == cfg.CatalogFormat {
				continue
			}
			if _, err := os.Stat(other); err == nil {
				return &FileError{Path: cfgPath, Line: lineOfKey(cfgData, "catalog_format"),
					Err: fmt.Errorf("catalog_format is %q but %s is %s; set catalog_format to match the files", cfg.CatalogFormat, other, ext)}
			}
		}
	}
	return nil
}

// lineOfValue finds the line where a quoted string value appears, for
// errors about one entry of a list; 1 if it cannot be found.
func lineOfValue(data []byte, value string) int {
	q := []byte(tomlString(value))
	for i, line := range bytes.Split(data, []byte("\n")) {
		if bytes.Contains(line, q) {
			return i + 1
		}
	}
	return 1
}
