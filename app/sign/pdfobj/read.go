package pdfobj

import (
	"errors"
	"fmt"
	"unicode/utf16"

	"communique/app/pdfread"
)

// A value of the wrong type reads as absent: the verifier judges what a
// structure says, and a missing entry is the conservative reading.

// Dict resolves o in revision k to a dictionary (a stream's dictionary
// counts); nil when it is something else.
func Dict(f *pdfread.File, k int, o pdfread.Object) (pdfread.Dict, error) {
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

// Array resolves o in revision k to an array, or nil.
func Array(f *pdfread.File, k int, o pdfread.Object) pdfread.Array {
	o, _ = f.Resolve(k, o)
	a, _ := o.(pdfread.Array)
	return a
}

// NameOf resolves o in revision k to a name, or "".
func NameOf(f *pdfread.File, k int, o pdfread.Object) string {
	o, _ = f.Resolve(k, o)
	n, _ := o.(pdfread.Name)
	return string(n)
}

// Ints resolves o to an array of integers; nil if any element is not one.
func Ints(f *pdfread.File, k int, o pdfread.Object) []int64 {
	var out []int64
	for _, e := range Array(f, k, o) {
		e, _ = f.Resolve(k, e)
		n, ok := e.(int64)
		if !ok {
			return nil
		}
		out = append(out, n)
	}
	return out
}

// DecodeText reads a PDF text string: UTF-16BE with a byte-order mark, or
// PDFDocEncoding read as Latin-1 (which it matches for printable text).
func DecodeText(s string) string {
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

// DocMDP reads /P from a signature dictionary's DocMDP reference: 0 for an
// approval signature, else 1–3 (default 2).
func DocMDP(f *pdfread.File, k int, sig pdfread.Dict) int {
	for _, r := range Array(f, k, sig["Reference"]) {
		d, _ := Dict(f, k, r)
		if NameOf(f, k, d["TransformMethod"]) != "DocMDP" {
			continue
		}
		params, _ := Dict(f, k, d["TransformParams"])
		p, _ := f.Resolve(k, params["P"])
		if n, ok := p.(int64); ok && n >= 1 && n <= 3 {
			return int(n)
		}
		return 2
	}
	return 0
}

// Field is a terminal form field.
type Field struct {
	Name string // fully qualified, parts joined by "."
	FT   string // field type, inherited from ancestors
	Ref  pdfread.Ref
	Dict pdfread.Dict
}

const (
	maxFieldDepth = 32
	maxFields     = 100_000
	maxPageDepth  = 64
)

// FormFields lists the terminal fields of revision k's AcroForm.
func FormFields(f *pdfread.File, k int) ([]Field, error) {
	root, err := Dict(f, k, f.Revisions[k].Trailer["Root"])
	if err != nil {
		return nil, err
	}
	acro, err := Dict(f, k, root["AcroForm"])
	if err != nil {
		return nil, err
	}
	var out []Field
	seen := map[pdfread.Ref]bool{}
	type item struct {
		o      pdfread.Object
		prefix string
		ft     string
		depth  int
	}
	var stack []item
	for _, o := range Array(f, k, acro["Fields"]) {
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
		d, err := Dict(f, k, it.o)
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
				name += DecodeText(string(s))
			}
		}
		ft := it.ft
		if n := NameOf(f, k, d["FT"]); n != "" {
			ft = n
		}
		var kids []item
		for _, kid := range Array(f, k, d["Kids"]) {
			kd, _ := Dict(f, k, kid)
			if _, isField := kd["T"]; isField {
				kids = append(kids, item{kid, name, ft, it.depth + 1})
			}
		}
		if len(kids) > 0 {
			stack = append(stack, kids...)
			continue
		}
		out = append(out, Field{Name: name, FT: ft, Ref: r, Dict: d})
	}
	return out, nil
}

// Pages lists the leaves of revision k's page tree, rooted at node, in
// order. Every node must be an indirect dictionary reached once.
func Pages(f *pdfread.File, k int, node pdfread.Object) ([]pdfread.Ref, error) {
	var pages []pdfread.Ref
	seen := map[pdfread.Ref]bool{}
	var walk func(o pdfread.Object, depth int) error
	walk = func(o pdfread.Object, depth int) error {
		r, ok := o.(pdfread.Ref)
		switch {
		case !ok:
			return errors.New("a page tree node is not an indirect object")
		case depth > maxPageDepth:
			return errors.New("the page tree is too deep")
		case seen[r]:
			return errors.New("the page tree contains a loop")
		}
		seen[r] = true
		if err := f.Spend(1); err != nil {
			return err
		}
		d, err := Dict(f, k, r)
		if err != nil {
			return err
		}
		if d == nil {
			return errors.New("a page tree node is not a dictionary")
		}
		switch NameOf(f, k, d["Type"]) {
		case "Page":
			pages = append(pages, r)
			return nil
		case "Pages":
		default:
			if _, kids := d["Kids"]; !kids {
				return errors.New("a page tree node without /Type")
			}
		}
		for _, kid := range Array(f, k, d["Kids"]) {
			if err := walk(kid, depth+1); err != nil {
				return err
			}
		}
		return nil
	}
	if _, ok := node.(pdfread.Ref); !ok {
		return nil, errors.New("the PDF has no page tree")
	}
	if err := walk(node, 0); err != nil {
		return nil, err
	}
	return pages, nil
}

// CheckLinearization requires a linearized original's dictionary to name
// the page tree's first page (/O) and page count (/N): readers in
// linearized mode (poppler, pdf.js, while /L is the file's length) show
// /O as the first page without reading the page tree, so a document whose
// dictionary names another page shows one page before it is signed and
// another once the signature's update has changed its length. poppler
// takes the other pages from the hint table the same way (hints.go).
func CheckLinearization(f *pdfread.File) error {
	lin := f.Linearization()
	if lin == nil {
		return nil
	}
	root, err := Dict(f, 0, f.Revisions[0].Trailer["Root"])
	if err != nil {
		return err
	}
	pages, err := Pages(f, 0, root["Pages"])
	if err != nil {
		return &pdfread.Error{Msg: "the linearized original's page tree: " + err.Error()}
	}
	o, _ := f.Resolve(0, lin["O"])
	n, _ := f.Resolve(0, lin["N"])
	first, ok1 := o.(int64)
	count, ok2 := n.(int64)
	if !ok1 || !ok2 || len(pages) == 0 || first != int64(pages[0].Num) || count != int64(len(pages)) {
		return &pdfread.Error{Msg: fmt.Sprintf("the linearization dictionary names first page %v of %v, the page tree another (readers in linearized mode would show another page)", lin["O"], lin["N"])}
	}
	return checkHints(f, lin, pages)
}
