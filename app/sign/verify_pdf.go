package sign

import (
	"unicode/utf16"

	"communique/app/pdfread"
)

// Reading the few structures the verifier needs (form fields, DocMDP) from
// a strictly parsed file. Every walk is bounded by a depth and a visited
// set; a value of the wrong type reads as absent.

func resolveDict(f *pdfread.File, k int, o pdfread.Object) (pdfread.Dict, error) {
	o, err := f.Resolve(k, o)
	if err != nil {
		return nil, err
	}
	switch d := o.(type) {
	case pdfread.Dict:
		return d, nil
	case *pdfread.Stream:
		return d.Dict, nil
	}
	return nil, nil
}

func resolveArray(f *pdfread.File, k int, o pdfread.Object) pdfread.Array {
	o, _ = f.Resolve(k, o)
	a, _ := o.(pdfread.Array)
	return a
}

func resolveName(f *pdfread.File, k int, o pdfread.Object) string {
	o, _ = f.Resolve(k, o)
	n, _ := o.(pdfread.Name)
	return string(n)
}

func intArray(f *pdfread.File, k int, o pdfread.Object) []int64 {
	var out []int64
	for _, e := range resolveArray(f, k, o) {
		e, _ = f.Resolve(k, e)
		n, ok := e.(int64)
		if !ok {
			return nil
		}
		out = append(out, n)
	}
	return out
}

// decodeText reads a PDF text string: UTF-16BE with a byte-order mark, or
// PDFDocEncoding read as Latin-1 (which it matches for printable text).
func decodeText(s string) string {
	if len(s) >= 2 && s[0] == 0xFE && s[1] == 0xFF {
		u := make([]uint16, 0, len(s)/2)
		for i := 2; i+1 < len(s); i += 2 {
			u = append(u, uint16(s[i])<<8|uint16(s[i+1]))
		}
		return string(utf16.Decode(u))
	}
	r := make([]rune, len(s))
	for i := 0; i < len(s); i++ {
		r[i] = rune(s[i])
	}
	return string(r)
}

// docMDP reads /P from a signature dictionary's DocMDP reference: 0 for an
// approval signature, else 1–3 (default 2).
func docMDP(f *pdfread.File, k int, sig pdfread.Dict) int {
	for _, r := range resolveArray(f, k, sig["Reference"]) {
		d, _ := resolveDict(f, k, r)
		if resolveName(f, k, d["TransformMethod"]) != "DocMDP" {
			continue
		}
		params, _ := resolveDict(f, k, d["TransformParams"])
		p, _ := f.Resolve(k, params["P"])
		if n, ok := p.(int64); ok && n >= 1 && n <= 3 {
			return int(n)
		}
		return 2
	}
	return 0
}

type field struct {
	name string // fully qualified, parts joined by "."
	ft   string // field type, inherited from ancestors
	ref  pdfread.Ref
	dict pdfread.Dict
}

const (
	maxFieldDepth = 32
	maxFields     = 100_000
)

// formFields lists the terminal fields of revision k's AcroForm.
func formFields(f *pdfread.File, k int) ([]field, error) {
	root, err := resolveDict(f, k, f.Revisions[k].Trailer["Root"])
	if err != nil {
		return nil, err
	}
	acro, err := resolveDict(f, k, root["AcroForm"])
	if err != nil {
		return nil, err
	}
	var out []field
	seen := map[pdfread.Ref]bool{}
	type item struct {
		o      pdfread.Object
		prefix string
		ft     string
		depth  int
	}
	var stack []item
	for _, o := range resolveArray(f, k, acro["Fields"]) {
		stack = append(stack, item{o, "", "", 0})
	}
	for len(stack) > 0 && len(out) < maxFields {
		it := stack[0]
		stack = stack[1:]
		r, _ := it.o.(pdfread.Ref)
		if it.depth > maxFieldDepth || seen[r] && r.Num != 0 {
			continue
		}
		seen[r] = true
		if err := f.Spend(1); err != nil {
			return nil, err
		}
		d, err := resolveDict(f, k, it.o)
		if err != nil {
			return nil, err
		}
		if d == nil {
			continue
		}
		name := it.prefix
		if t, err := f.Resolve(k, d["T"]); err == nil {
			if s, ok := t.(pdfread.String); ok {
				if name != "" {
					name += "."
				}
				name += decodeText(string(s))
			}
		}
		ft := it.ft
		if n := resolveName(f, k, d["FT"]); n != "" {
			ft = n
		}
		var kids []item
		for _, kid := range resolveArray(f, k, d["Kids"]) {
			kd, _ := resolveDict(f, k, kid)
			if _, isField := kd["T"]; isField {
				kids = append(kids, item{kid, name, ft, it.depth + 1})
			}
		}
		if len(kids) > 0 {
			stack = append(stack, kids...)
			continue
		}
		out = append(out, field{name: name, ft: ft, ref: r, dict: d})
	}
	return out, nil
}
