package tree

import (
	"crypto/sha1"
	"encoding/hex"
	"strings"
)

// Message mirrors go-i18n's i18n.Message: one translatable string with its
// CLDR plural forms.
type Message struct {
	ID, Description, Hash, LeftDelim, RightDelim string
	Zero, One, Two, Few, Many, Other             string
}

// Hash returns the hash goi18n stores in translation files to record which
// source text a translation was made from: "sha1-" and the hex SHA-1 of the
// description followed by the "other" text.
func Hash(description, other string) string {
	h := sha1.New()
	h.Write([]byte(description))
	h.Write([]byte(other))
	return "sha1-" + hex.EncodeToString(h.Sum(nil))
}

// SourceHash is Hash of the message's own description and other text.
func (m Message) SourceHash() string { return Hash(m.Description, m.Other) }

// Forms returns the plural forms the message has text for, in CLDR order
// (zero, one, two, few, many, other).
func (m Message) Forms() []string {
	var forms []string
	for _, f := range PluralKeys {
		if *Field(&m, f) != "" {
			forms = append(forms, KeyNames[f])
		}
	}
	return forms
}

// Form returns the text of a plural form by its CLDR name ("one", "other"…).
func (m Message) Form(name string) string {
	switch name {
	case "other":
		return m.Other
	case "one":
		return m.One
	case "few":
		return m.Few
	case "many":
		return m.Many
	case "two":
		return m.Two
	case "zero":
		return m.Zero
	}
	return ""
}

// Empty reports whether the message has no text in any plural form.
func (m Message) Empty() bool {
	return m.Zero == "" && m.One == "" && m.Two == "" && m.Few == "" && m.Many == "" && m.Other == ""
}

// field identifies a reserved message key.
type Key uint8

const (
	KeyID Key = iota
	KeyDescription
	KeyHash
	KeyLeftDelim
	KeyRightDelim
	KeyZero
	KeyOne
	KeyTwo
	KeyFew
	KeyMany
	KeyOther
	KeyTranslation // v1: the text, or a table of plural forms
	NumKeys
)

// KeyNames are the reserved keys as go-i18n spells them, by Key.
var KeyNames = [NumKeys]string{"id", "description", "hash", "leftdelim", "rightdelim", "zero", "one", "two", "few", "many", "other", "translation"}

// PluralKeys are the keys of the CLDR plural forms, in CLDR order.
var PluralKeys = []Key{KeyZero, KeyOne, KeyTwo, KeyFew, KeyMany, KeyOther}

// KeyOf returns the reserved key key names, matched without regard to
// case as go-i18n matches it.
func KeyOf(key string) (Key, bool) {
	// Case-insensitive, as go-i18n lowercases keys; without allocating.
	if len(key) < 2 || len(key) > 11 {
		return 0, false
	}
	c := key[0] | 0x20
	for f, n := range KeyNames {
		if n[0] == c && len(n) == len(key) && (n == key || strings.EqualFold(n, key)) {
			return Key(f), true
		}
	}
	return 0, false
}

// Field returns the field of m that reserved key f names (nil for
// KeyTranslation, which names no field of its own).
func Field(m *Message, f Key) *string {
	switch f {
	case KeyID:
		return &m.ID
	case KeyDescription:
		return &m.Description
	case KeyHash:
		return &m.Hash
	case KeyLeftDelim:
		return &m.LeftDelim
	case KeyRightDelim:
		return &m.RightDelim
	case KeyZero:
		return &m.Zero
	case KeyOne:
		return &m.One
	case KeyTwo:
		return &m.Two
	case KeyFew:
		return &m.Few
	case KeyMany:
		return &m.Many
	case KeyOther:
		return &m.Other
	}
	return nil
}
