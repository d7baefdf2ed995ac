package catfile

import (
	"encoding/json"
	"fmt"
	"sort"

	"github.com/BurntSushi/toml"
	"github.com/nicksnyder/go-i18n/v2/i18n"
	"go.yaml.in/yaml/v3"
)

var goi18nUnmarshal = map[string]i18n.UnmarshalFunc{
	"toml": toml.Unmarshal,
	"json": json.Unmarshal,
	"yaml": yaml.Unmarshal,
}

// goi18nMessages parses data with go-i18n's own parser.
func goi18nMessages(path string, data []byte) ([]Message, error) {
	mf, err := i18n.ParseMessageFileBytes(data, path, goi18nUnmarshal)
	if err != nil {
		return nil, err
	}
	out := make([]Message, len(mf.Messages))
	for i, m := range mf.Messages {
		out[i] = Message{ID: m.ID, Description: m.Description, Hash: m.Hash, LeftDelim: m.LeftDelim, RightDelim: m.RightDelim,
			Zero: m.Zero, One: m.One, Two: m.Two, Few: m.Few, Many: m.Many, Other: m.Other}
	}
	return out, nil
}

func sortedByID(ms []Message) []Message {
	out := append([]Message(nil), ms...)
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// agree reports how our parse and go-i18n's differ on data, "" if they agree.
func agree(path string, data []byte) string {
	ours, oerr := Parse(path, data)
	if oerr != nil && isOurStrictness(oerr) {
		// Do not ask go-i18n: these are the inputs that cost it most. Its
		// YAML library reports every pair of equal keys in a mapping with
		// its own formatted message (n² of them: 8,000 equal keys in 64 KB
		// took minutes and 15 GB), and its TOML library is quadratic in
		// the parts of a dotted key. The fuzzer's stalls were these.
		return ""
	}
	theirs, terr := goi18nMessages(path, data)
	switch {
	case oerr != nil && terr != nil:
		return ""
	case oerr != nil:
		// Stricter than go-i18n on purpose: the same message or key twice
		// (go-i18n keeps one at random), YAML merge keys, JSON that is not
		// UTF-8 (go-i18n turns it into U+FFFD, which would reach the PDF),
		// alias bombs, nesting deeper than tree.MaxDepth and YAML line
		// breaks other than LF and CRLF.
		if dupIDs(theirs) || isOurStrictness(oerr) {
			return ""
		}
		return fmt.Sprintf("we reject what go-i18n accepts: %v", oerr)
	case terr != nil:
		if len(data) > 0 && path[len(path)-4:] == "yaml" && len(ours.Messages()) == 0 {
			return "" // a comment-only YAML file: we accept it as empty
		}
		return fmt.Sprintf("we accept what go-i18n rejects: %v", terr)
	}
	a, b := sortedByID(ours.Messages()), sortedByID(theirs)
	if fmt.Sprint(a) != fmt.Sprint(b) {
		return fmt.Sprintf("messages differ:\nours   %+v\ngo-i18n %+v", a, b)
	}
	return ""
}

func dupIDs(ms []Message) bool {
	seen := map[string]bool{}
	for _, m := range ms {
		if seen[m.ID] {
			return true
		}
		seen[m.ID] = true
	}
	return false
}

func isOurStrictness(err error) bool {
	pe, ok := err.(*ParseError)
	if !ok {
		return false
	}
	for _, s := range []string{"given twice", "defined twice", "merge keys", "invalid UTF-8", "an alias bomb", "levels deep", "lone CR", "reads as a line break"} {
		if contains(pe.Msg, s) {
			return true
		}
	}
	return false
}

func contains(s, sub string) bool {
	for i := 0; i+len(sub) <= len(s); i++ {
		if s[i:i+len(sub)] == sub {
			return true
		}
	}
	return false
}
