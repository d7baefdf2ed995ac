package catalog

import (
	"communique/i18n/catfile"
	"communique/i18n/catfile/tree"

	"golang.org/x/text/language"
)

// The catalog files themselves (reading, editing in place, saving) are
// package catfile's; these names keep this package's API whole, so callers
// that only need the files can move to catfile one by one.
type (
	// Catalog is one catalog file (see catfile.Catalog).
	Catalog = catfile.Catalog
	// Message is one translatable string (see tree.Message).
	Message = tree.Message
	// Format is a catalog file format (see catfile.Format).
	Format = catfile.Format
	// ParseError reports malformed catalog content at a position in a file.
	ParseError = catfile.ParseError
)

// The formats go-i18n's goi18n tool reads and writes.
const (
	TOML = catfile.TOML
	JSON = catfile.JSON
	YAML = catfile.YAML
)

// MaxFileSize is the largest catalog (or history) file read.
const MaxFileSize = catfile.MaxFileSize

// FormatOf returns the format of a catalog file from its extension.
func FormatOf(path string) (Format, error) { return catfile.FormatOf(path) }

// Hash returns the hash goi18n stores in translation files (see tree.Hash).
func Hash(description, other string) string { return tree.Hash(description, other) }

// Parse reads a catalog from data (see catfile.Parse).
func Parse(path string, data []byte) (*Catalog, error) { return catfile.Parse(path, data) }

// Load reads and parses the catalog at path (see catfile.Load).
func Load(path string) (*Catalog, error) { return catfile.Load(path) }

// LoadAs is Load for a file whose name does not give its language.
func LoadAs(path string, lang language.Tag) (*Catalog, error) { return catfile.LoadAs(path, lang) }

// New returns an empty catalog for a file that does not exist yet.
func New(path string) (*Catalog, error) { return catfile.New(path) }

// ErrEditRefused is wrapped by Save's error when an edit cannot be written
// safely in the file's own layout (see catfile.ErrEditRefused).
var ErrEditRefused = catfile.ErrEditRefused
