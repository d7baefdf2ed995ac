package yamlfile

import (
	"communique/i18n/catfile/tree"

	"go.yaml.in/yaml/v3"
)

// HasContent reports whether YAML data has a document with content
// (not only comments and blank lines).
func HasContent(data []byte) bool {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return true // not for this check to report; Save's read-back does
	}
	return doc.Kind != 0 && len(doc.Content) > 0
}

// UsesAnchor reports whether message e, or one of its fields, carries an
// anchor or is an alias: editing it would change (or break) the others.
func UsesAnchor(e *tree.Entry) bool {
	if e.Val.Anchored || e.Val.Form == yamlAliased && e.Val.Kind == tree.Table {
		return true
	}
	for _, fl := range e.Fields {
		if fl.Mem.Val.Anchored {
			return true
		}
	}
	return false
}

// Collapse handles deleting every message of a nested YAML block
// mapping: "a:" left with nothing under it would read as a message "a" with
// no text, so the emptied mapping's own key goes too (and so on upwards).
// It returns the patches for such keys and every member they cover.
func Collapse(entries []*tree.Entry, deleted func(id string) bool) ([]tree.Patch, map[*tree.Member]bool) {
	gone := map[*tree.Member]bool{}
	for _, e := range entries {
		if e.Mem != nil && deleted(e.ID) {
			gone[e.Mem] = true
		}
	}
	if len(gone) == 0 {
		return nil, nil
	}
	emptied := map[*tree.Member]bool{}
	for changed := true; changed; {
		changed = false
		for m := range gone {
			p := m.Parent
			if p == nil || p.Up == nil || p.Form != yamlBlock || gone[p.Up] {
				continue
			}
			all := true
			for _, sib := range p.Members {
				if !gone[sib] {
					all = false
					break
				}
			}
			if all {
				gone[p.Up] = true
				emptied[p.Up] = true
				changed = true
			}
		}
	}
	covered := map[*tree.Member]bool{}
	var visit func(m *tree.Member)
	visit = func(m *tree.Member) {
		covered[m] = true
		if m.Val.Kind == tree.Table {
			for _, k := range m.Val.Members {
				visit(k)
			}
		}
	}
	var patches []tree.Patch
	for m := range emptied {
		if p := m.Parent; p != nil && p.Up != nil && emptied[p.Up] {
			continue // inside a bigger emptied mapping
		}
		visit(m)
		patches = append(patches, tree.Patch{Start: m.SpanStart, End: m.SpanEnd})
	}
	return patches, covered
}
