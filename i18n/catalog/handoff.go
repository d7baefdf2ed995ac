package catalog

import (
	"bytes"
	"encoding/json"
	"fmt"

	"github.com/BurntSushi/toml"
	"go.yaml.in/yaml/v3"
	"golang.org/x/text/language"
)

// HandoffName is the file name goi18n gives a translate file:
// translate.<lang>.<format>.
func HandoffName(lang language.Tag, format Format) string {
	return fmt.Sprintf("translate.%s.%s", lang, format)
}

// Handoff returns a translate.<lang>.<format> file for translators who work
// on files: only the messages that are missing or need review (and, as
// goi18n does, translated ones that lack a plural form the language needs),
// each with the source text pre-filled in every plural form the language
// needs and the source hash, laid out byte for byte as goi18n merge writes
// its translate files (same encoders, same settings). Forms already
// translated for the current source are included as context, as goi18n
// does. A language without a CLDR plural rule (which goi18n would skip) gets
// the forms the source has.
//
// It returns nil when nothing needs work.
func Handoff(source, target *Catalog, hist *History, format Format) []byte {
	data, _ := HandoffCounted(source, target, hist, format)
	return data
}

// HandoffCount says what a handoff file holds, by why each message is in it.
type HandoffCount struct {
	Missing, NeedsReview int
	// LacksForms counts translations that are current but lack a plural
	// form the language needs.
	LacksForms int
}

// Total is the number of messages in the file.
func (n HandoffCount) Total() int { return n.Missing + n.NeedsReview + n.LacksForms }

// HandoffCounted is Handoff that also counts what the file holds, so what
// a command reports is what it wrote.
func HandoffCounted(source, target *Catalog, hist *History, format Format) ([]byte, HandoffCount) {
	var n HandoffCount
	r := Status(source, target, hist)
	needed := neededForms{lang: r.PluralForms, rule: !r.NoPluralRule}
	v := map[string]any{}
	for _, e := range r.Entries {
		src := e.Source
		need := needed.forms(&src)
		// A translation of the current text lacking a plural form counts
		// as needing review (Status); its forms go out as context.
		current := e.State == Translated || e.LacksForms != nil
		lacks := e.LacksForms != nil || (e.State == Translated && lacksForms(&e.Translation, need) != nil)
		switch {
		case e.State == Translated && !lacks:
			continue
		case lacks:
			n.LacksForms++
		case e.State == Missing:
			n.Missing++
		default:
			n.NeedsReview++
		}
		m := map[string]string{}
		if src.Description != "" {
			m["description"] = src.Description
		}
		m["hash"] = Hash(src.Description, src.Other)
		for _, f := range need {
			text := src.Form(f)
			if text == "" {
				text = src.Other
			}
			// A needs-review translation was made from other text: goi18n
			// discards it, and so does the handoff (the catalog keeps it).
			if current {
				if t := e.Translation.Form(f); t != "" {
					text = t
				}
			}
			m[f] = text
		}
		v[src.ID] = m
	}
	if len(v) == 0 {
		return nil, n
	}
	out, err := marshalLikeGoi18n(v, format)
	if err != nil {
		// Only invalid UTF-8 in a catalog can get here; fall back to JSON
		// escapes rather than lose the file.
		out, _ = json.MarshalIndent(v, "", "  ")
	}
	return out, n
}

// marshalLikeGoi18n is goi18n's marshal (goi18n/marshal.go, v2.7.0).
func marshalLikeGoi18n(v any, format Format) ([]byte, error) {
	switch format {
	case JSON:
		var buf bytes.Buffer
		enc := json.NewEncoder(&buf)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		err := enc.Encode(v)
		return buf.Bytes(), err
	case TOML:
		var buf bytes.Buffer
		enc := toml.NewEncoder(&buf)
		enc.Indent = ""
		err := enc.Encode(v)
		return buf.Bytes(), err
	case YAML:
		return yaml.Marshal(v)
	}
	return nil, fmt.Errorf("unsupported format: %s", format)
}
