package workspace

import (
	"bytes"
	"fmt"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
)

// The [fonts] table of communique.toml chooses, per language, the font
// family its PDFs are set in, e.g.
//
//	[fonts]
//	ur = "Noto Nastaliq Urdu"
//
// The workspace checks the table's shape (a language of the workspace, a
// family name); whether the family is installed and draws the language
// is checked where fonts are known, by export (export.CheckFonts), with
// the file and line of the setting from FontSetting.

// checkFonts validates the [fonts] table and records each setting's line.
func (c *Config) checkFonts(path string, data []byte) error {
	if len(c.Fonts) == 0 {
		return nil
	}
	c.fontLines = map[string]int{}
	langs := make([]string, 0, len(c.Fonts))
	for l := range c.Fonts {
		langs = append(langs, l)
	}
	slices.Sort(langs)
	for _, l := range langs {
		line := fontLine(data, l)
		c.fontLines[l] = line
		if err := ValidLanguage(l); err != nil {
			return &FileError{Path: path, Line: line, Err: fmt.Errorf("[fonts]: %w", err)}
		}
		if !slices.Contains(c.languages(), l) {
			return &FileError{Path: path, Line: line, Err: fmt.Errorf("[fonts]: %s is not a language of this workspace (%s)", l, strings.Join(c.languages(), ", "))}
		}
		fam := strings.TrimSpace(c.Fonts[l])
		if fam == "" {
			return &FileError{Path: path, Line: line, Err: fmt.Errorf("[fonts]: %s: the font family is empty; remove the line to use the default", l)}
		}
		c.Fonts[l] = fam
	}
	return nil
}

// fontLine finds the line of lang's key inside the [fonts] table.
func fontLine(data []byte, lang string) int {
	key := regexp.MustCompile(`^\s*"?` + regexp.QuoteMeta(lang) + `"?\s*=`)
	in := false
	for i, line := range bytes.Split(data, []byte("\n")) {
		t := bytes.TrimSpace(line)
		if bytes.HasPrefix(t, []byte("[")) {
			in = string(t) == "[fonts]"
			continue
		}
		if in && key.Match(line) {
			return i + 1
		}
	}
	return lineOfKey(data, "fonts")
}

// FontSetting returns the font family the workspace chose for lang (empty:
// the default) and the place of the setting in communique.toml, for errors.
func (w *Workspace) FontSetting(lang string) (family, path string, line int) {
	family = w.Config.Fonts[lang]
	if family == "" {
		return "", "", 0
	}
	return family, filepath.Join(w.Dir, ConfigFile), w.Config.fontLines[lang]
}

func (c *Config) encodeFonts(b *bytes.Buffer) {
	if len(c.Fonts) == 0 {
		return
	}
	langs := make([]string, 0, len(c.Fonts))
	for l := range c.Fonts {
		langs = append(langs, l)
	}
	slices.Sort(langs)
	b.WriteString("\n[fonts]\n")
	for _, l := range langs {
		fmt.Fprintf(b, "%s = %s\n", tomlKey(l), tomlString(c.Fonts[l]))
	}
}

// tomlKey writes a language code as a TOML key: bare when it can be.
func tomlKey(k string) string {
	if regexp.MustCompile(`^[A-Za-z0-9_-]+$`).MatchString(k) {
		return k
	}
	return tomlString(k)
}
