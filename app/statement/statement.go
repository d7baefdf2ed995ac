// Package statement is the model of an official statement: its metadata
// (issuing body, dateline) and the ordered message IDs of its parts. The text
// of every part lives in the go-i18n catalogs, one per language, so that the
// source text and its translations are edited the same way. That includes
// the issuing body and the place of the dateline, and the organisation's
// name in the letterhead: an official Arabic version carries them in Arabic.
package statement

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Kind says what role a part plays on the page.
type Kind string

const (
	Title     Kind = "title"
	Paragraph Kind = "paragraph"
	// The letterhead and dateline: the organisation's name (one message
	// for the whole workspace), each statement's issuing body and place.
	Organisation Kind = "organisation"
	IssuingBody  Kind = "issuing_body"
	Place        Kind = "place"
)

// OrganisationID is the message holding the organisation's name, shared by
// every statement of a workspace. Statement messages all contain a dot, so
// it cannot clash with one.
const OrganisationID = "organisation"

// OrganisationDescription is the translator context of OrganisationID.
const OrganisationDescription = "Name of the organisation, in the letterhead of every statement"

// Part is one translatable unit of a statement, named by a stable message ID.
type Part struct {
	ID   string
	Kind Kind
}

// Statement is the metadata and structure of one statement. Its text is not
// here: see the workspace's catalogs.
type Statement struct {
	ID string
	// IssuingBody and Place are the source text of the messages BodyID
	// and PlaceID; the workspace keeps them in step with its catalog.
	IssuingBody string
	Place       string
	Date        time.Time // a calendar date; the time of day is ignored
	SourceLang  string
	TitleID     string
	Paragraphs  []string // message IDs, in reading order
	// NextParagraph numbers the next new paragraph. It only grows, so a
	// deleted paragraph's ID (and translations still in catalogs) is never
	// reused for different text.
	NextParagraph int
}

// BodyID and PlaceID are the messages of the issuing body and the place.
func (s *Statement) BodyID() string  { return s.ID + ".body" }
func (s *Statement) PlaceID() string { return s.ID + ".place" }

// Parts lists the title and the paragraphs in reading order: the
// statement's structure. The workspace's Parts adds the letterhead and
// dateline.
func (s *Statement) Parts() []Part {
	parts := make([]Part, 0, 1+len(s.Paragraphs))
	if s.TitleID != "" {
		parts = append(parts, Part{ID: s.TitleID, Kind: Title})
	}
	for _, id := range s.Paragraphs {
		parts = append(parts, Part{ID: id, Kind: Paragraph})
	}
	return parts
}

// NewParagraphID returns a fresh message ID for a paragraph and advances the
// counter. IDs are never reused and never renamed when paragraphs move.
func (s *Statement) NewParagraphID() string {
	if s.NextParagraph < 1 {
		s.NextParagraph = 1
	}
	for {
		id := s.ID + ".p" + strconv.Itoa(s.NextParagraph)
		s.NextParagraph++
		if !s.has(id) {
			return id
		}
	}
}

func (s *Statement) has(id string) bool {
	if id == s.TitleID {
		return true
	}
	for _, p := range s.Paragraphs {
		if p == id {
			return true
		}
	}
	return false
}

// Description is the translator-facing context of a part, written into the
// source catalog's description field.
func (s *Statement) Description(id string) string {
	switch id {
	case s.TitleID:
		return fmt.Sprintf("Title of statement %q", s.ID)
	case s.BodyID():
		return fmt.Sprintf("Issuing body of statement %q, under its title", s.ID)
	case s.PlaceID():
		return fmt.Sprintf("Place in the dateline of statement %q (Communiqué writes the date)", s.ID)
	}
	for i, p := range s.Paragraphs {
		if p == id {
			return fmt.Sprintf("Paragraph %d of %d of statement %q", i+1, len(s.Paragraphs), s.ID)
		}
	}
	return ""
}

// validIDChars: lower-case ASCII letters, digits and dashes, not starting
// with a dash.
func validIDChars(id string) bool {
	if id == "" || id[0] == '-' {
		return false
	}
	for _, c := range []byte(id) {
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-') {
			return false
		}
	}
	return true
}

// ValidID reports why id cannot name a statement, or nil. IDs become file
// names and message ID prefixes, so they are kept to lower-case ASCII.
func ValidID(id string) error {
	if !validIDChars(id) || len(id) > 80 {
		return fmt.Errorf("statement id %q: use 1-80 lower-case letters, digits and dashes, starting with a letter or digit", id)
	}
	return nil
}

// Validate checks the structure: IDs present, unique, and belonging to this
// statement's namespace.
func (s *Statement) Validate() error {
	if err := ValidID(s.ID); err != nil {
		return err
	}
	if s.TitleID == "" {
		return fmt.Errorf("statement %q has no title", s.ID)
	}
	seen := map[string]bool{}
	for _, p := range s.Parts() {
		if strings.TrimSpace(p.ID) == "" {
			return fmt.Errorf("statement %q: empty message id", s.ID)
		}
		if !strings.HasPrefix(p.ID, s.ID+".") {
			return fmt.Errorf("statement %q: message id %q must start with %q, so no two statements share a message", s.ID, p.ID, s.ID+".")
		}
		if p.ID == s.BodyID() || p.ID == s.PlaceID() {
			return fmt.Errorf("statement %q: message id %q is reserved for the letterhead and dateline", s.ID, p.ID)
		}
		if seen[p.ID] {
			return fmt.Errorf("statement %q: message id %q is used twice", s.ID, p.ID)
		}
		seen[p.ID] = true
	}
	return nil
}

// Move moves the paragraph at index from to index to.
func (s *Statement) Move(from, to int) error {
	n := len(s.Paragraphs)
	if from < 0 || from >= n || to < 0 || to >= n {
		return fmt.Errorf("move paragraph %d to %d: out of range (1-%d)", from+1, to+1, n)
	}
	id := s.Paragraphs[from]
	s.Paragraphs = append(s.Paragraphs[:from], s.Paragraphs[from+1:]...)
	s.Paragraphs = append(s.Paragraphs[:to], append([]string{id}, s.Paragraphs[to:]...)...)
	return nil
}
