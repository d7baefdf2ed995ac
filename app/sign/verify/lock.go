package verify

import (
	"sort"
	"strings"

	"communique/app/pdfread"
	"communique/app/sign/pdfobj"
)

// A signature can lock form fields beyond its DocMDP level: the /Lock
// dictionary of its field (ISO 32000-2 §12.7.5.5, Table 236) and FieldMDP
// references in its signature dictionary (§12.8.2.4, Table 259) name the
// fields whose values later updates may not change (/Action /All,
// /Include or /Exclude with /Fields), and a /Lock may also lower the
// DocMDP level (/P). Filling a locked field is a change, not form filling.

// lockRule is one /Lock or FieldMDP dictionary.
type lockRule struct {
	action string
	fields []string        // sorted, for key
	named  map[string]bool // the same, for lookups
}

// fieldLocks are the rules a signature set, and the /P its /Lock names.
type fieldLocks struct {
	rules []lockRule
	p     int
}

// key identifies the locks for the cache of diffs.
func (l *fieldLocks) key() string {
	if l == nil {
		return ""
	}
	var b strings.Builder
	for _, r := range l.rules {
		b.WriteString(r.action + "(" + strings.Join(r.fields, "\x00") + ")")
	}
	return b.String()
}

// locks tells whether the field of fully qualified name is locked; a rule
// naming a field locks its descendants too, and an unknown action locks
// everything.
func (l *fieldLocks) locks(name string) bool {
	if l == nil {
		return false
	}
	for _, r := range l.rules {
		// The name or any of its ancestors ("a.b" for "a.b.c"), looked
		// up rather than compared with each listed name: a long list
		// must not cost its length for every field an update fills.
		named := r.named[name]
		for i := 0; i < len(name) && !named; i++ {
			named = name[i] == '.' && r.named[name[:i]]
		}
		switch r.action {
		case "Include":
			if named {
				return true
			}
		case "Exclude":
			if !named {
				return true
			}
		default: // All, or an action this reader does not know
			return true
		}
	}
	return false
}

func readLockRule(f *pdfread.File, k int, d pdfread.Dict) lockRule {
	r := lockRule{action: pdfobj.NameOf(f, k, d["Action"]), named: map[string]bool{}}
	for _, o := range pdfobj.Array(f, k, d["Fields"]) {
		o, _ = f.Resolve(k, o)
		if s, ok := o.(pdfread.String); ok {
			name := pdfobj.DecodeText(string(s))
			r.fields = append(r.fields, name)
			r.named[name] = true
		}
	}
	sort.Strings(r.fields)
	return r
}

// locksOf reads the locks signature s (signing revision k) sets; nil if
// none.
func (v *verifier) locksOf(s *foundSig, k int) *fieldLocks {
	l := &fieldLocks{}
	for _, ref := range pdfobj.Array(v.f, k, s.dict["Reference"]) {
		d, _ := pdfobj.Dict(v.f, k, ref)
		if pdfobj.NameOf(v.f, k, d["TransformMethod"]) != "FieldMDP" {
			continue
		}
		params, _ := pdfobj.Dict(v.f, k, d["TransformParams"])
		l.rules = append(l.rules, readLockRule(v.f, k, params))
	}
	// locate has read the form of revision k (formSigs) and found the
	// field holding s there.
	field := v.forms[k][s.ref]
	if lock, _ := pdfobj.Dict(v.f, k, field["Lock"]); lock != nil {
		if _, has := lock["Action"]; has {
			l.rules = append(l.rules, readLockRule(v.f, k, lock))
		}
		if p, _ := v.f.Resolve(k, lock["P"]); p != nil {
			if n, ok := p.(int64); ok && n >= 1 && n <= 3 {
				l.p = int(n)
			} else {
				l.p = 1 // a /P this reader cannot read allows nothing
			}
		}
	}
	if len(l.rules) == 0 && l.p == 0 {
		return nil
	}
	return l
}

// fieldName returns the fully qualified name of the field (or widget of a
// field) r in the old revision, read once per update and only when a lock
// asks for it.
func (c *revisionContext) fieldName(r pdfread.Ref) string {
	if c.names == nil {
		c.names = map[pdfread.Ref]string{}
		fields, _ := pdfobj.FormFields(c.f, c.old)
		for _, fl := range fields {
			c.names[fl.Ref] = fl.Name
			for _, kid := range pdfobj.Array(c.f, c.old, fl.Dict["Kids"]) {
				if kr, ok := kid.(pdfread.Ref); ok {
					c.names[kr] = fl.Name
				}
			}
		}
	}
	return c.names[r]
}
