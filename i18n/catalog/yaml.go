package catalog

import (
	"bytes"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// YAML value forms.
const (
	yamlBlock   uint8 = iota
	yamlFlow          // { … } or [ … ], or anything inside one
	yamlAliased       // reached through an alias: its parts live at the anchor
)

// yamlBuilder turns yaml.v3's node tree (which has line and column) into the
// value tree with byte spans. yaml.v3 does the YAML parsing; the spans are
// found by scanning from each node's start.
type yamlBuilder struct {
	a          *arena
	src        []byte
	lineStarts []int
	// budget is how many more values the tree may have. Each alias is
	// expanded into a copy of its anchor's tree, so a few hundred bytes of
	// nested aliases ("b: [*a,*a,…]", "c: [*b,*b,…]") would expand to
	// billions of values; a real catalog has about one value per few bytes.
	budget int
}

// yamlBudget is the value budget for src: what its own nodes need, plus as
// much again for aliases, and room for a small file to use a few.
func yamlBudget(src []byte) int { return 2*len(src) + 10_000 }

var yamlParserErrors = map[string]bool{
	"did not find expected ',' or ']'":       true,
	"did not find expected ',' or '}'":       true,
	"did not find expected '-' indicator":    true,
	"did not find expected <document start>": true,
	"did not find expected key":              true,
	"did not find expected node content":     true,
	"found duplicate %TAG directive":         true,
	"found duplicate %YAML directive":        true,
	"found incompatible YAML document":       true,
	"found undefined tag handle":             true,
}

// Compiled on first use: most runs never see a YAML error.
var yamlLineRE = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^yaml: line (\d+): (.*)$`) })

func parseYAML(a *arena, src []byte) (*value, []*entry, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(src, &doc); err != nil {
		msg := strings.TrimPrefix(err.Error(), "yaml: ")
		line := 0
		if m := yamlLineRE().FindStringSubmatch(err.Error()); m != nil {
			line, _ = strconv.Atoi(m[1])
			msg = m[2]
		}
		// yaml.v3 counts lines from 0 for parser (not scanner) errors.
		if yamlParserErrors[msg] || line == 0 {
			line++
		}
		return nil, nil, &posError{line: line, col: 1, msg: msg}
	}
	if doc.Kind == 0 || len(doc.Content) == 0 {
		// Empty, or only comments. go-i18n refuses such a file; we accept it
		// as a catalog with no messages yet, so a header comment survives.
		return nil, nil, nil
	}
	// yaml.v3 drops a byte-order mark before counting columns, so the
	// first line's columns start after it.
	first := 0
	if bytes.HasPrefix(src, utf8BOM) {
		first = len(utf8BOM)
	}
	b := &yamlBuilder{src: src, a: a, lineStarts: []int{first}, budget: yamlBudget(src)}
	for i, c := range src {
		if c == '\n' {
			b.lineStarts = append(b.lineStarts, i+1)
		}
	}
	root, err := b.build(doc.Content[0], -1, false, 0)
	if err != nil {
		return nil, nil, err
	}
	entries, err := messages(a, root)
	if err != nil {
		return nil, nil, err
	}
	for _, e := range entries {
		switch {
		case e.mem != nil:
			e.start, e.end = e.mem.spanStart, e.mem.spanEnd
		default:
			e.start, e.end = e.val.start, e.val.end
		}
	}
	return root, entries, nil
}

// off converts yaml.v3's 1-based line and rune column to a byte offset.
func (b *yamlBuilder) off(line, col int) int {
	if line < 1 || line > len(b.lineStarts) {
		return len(b.src)
	}
	p := b.lineStarts[line-1]
	for i := 1; i < col && p < len(b.src) && b.src[p] != '\n'; i++ {
		_, n := utf8.DecodeRune(b.src[p:])
		p += n
	}
	return p
}

// build converts n. indent is the indentation of the block the node belongs
// to (the column of its key or sequence dash; -1 at the top).
func (b *yamlBuilder) build(n *yaml.Node, indent int, flow bool, depth int) (*value, error) {
	if depth > maxDepth {
		return nil, errAt(b.off(n.Line, n.Column), "exceeded max depth")
	}
	start := b.off(n.Line, n.Column)
	if b.budget--; b.budget < 0 {
		return nil, errAt(start, "aliases expand to more than %d values, far more than the file holds (an alias bomb?); refused", yamlBudget(b.src))
	}
	switch n.Kind {
	case yaml.AliasNode:
		end := start + 1
		for end < len(b.src) && !isSpace(b.src[end]) && !isFlowIndicator(b.src[end]) {
			end++
		}
		if n.Alias == nil {
			return nil, errAt(start, "unknown alias")
		}
		v, err := b.build(n.Alias, indent, flow, depth+1)
		if err != nil {
			return nil, err
		}
		// A copy: the alias's own position, the anchor's content.
		cp := *v
		cp.start, cp.end = start, end
		if cp.kind == vTable || cp.kind == vArray {
			cp.form = yamlAliased
		}
		cp.style = uint8(yaml.DoubleQuotedStyle)
		cp.ind = int32(indent)
		cp.anchored = true
		return &cp, nil
	case yaml.ScalarNode:
		v := b.a.val(value{ind: int32(indent), anchored: n.Anchor != ""})
		if flow {
			v.form = yamlFlow
		}
		v.style = uint8(n.Style &^ yaml.TaggedStyle)
		// Decode as go-i18n does (into interface{}), so custom tags,
		// !!binary and friends come out the same.
		var x any
		if err := n.Decode(&x); err != nil {
			return nil, errAt(start, "%v", err)
		}
		switch x := x.(type) {
		case string:
			v.kind, v.str = vString, x
		case nil:
			v.kind = vNull
		default:
			v.kind, v.typ = vOther, fmt.Sprintf("a %T", x)
		}
		v.start = b.skipProps(start)
		if n.Tag == "!!null" && n.Value == "" {
			v.start, v.end = start, start // "key:" with nothing after it
			return v, nil
		}
		v.end = b.scalarEnd(v.start, n.Style&^yaml.TaggedStyle, indent, flow)
		return v, nil
	case yaml.MappingNode:
		t := b.a.val(value{kind: vTable, ind: int32(indent), anchored: n.Anchor != ""})
		inFlow := flow || n.Style&yaml.FlowStyle != 0
		if inFlow {
			t.form = yamlFlow
		}
		t.start = b.skipProps(start)
		t.end = t.start
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, vn := n.Content[i], n.Content[i+1]
			if k.Kind == yaml.AliasNode && k.Alias != nil {
				k = k.Alias
			}
			kStart := b.off(k.Line, k.Column)
			if k.Kind != yaml.ScalarNode || k.ShortTag() != "!!str" {
				if k.ShortTag() == "!!merge" {
					return nil, errAt(kStart, "YAML merge keys (<<) are not supported in catalogs")
				}
				return nil, errAt(kStart, "expected key to be a string but got %s", k.ShortTag())
			}
			if prev := t.lookup(k.Value); prev != nil {
				l, _ := lineCol(b.src, prev.keyStart)
				return nil, errAt(kStart, "key %q given twice in one mapping (first on line %d)", k.Value, l)
			}
			keyCol := kStart - b.lineStartOf(kStart)
			v, err := b.build(vn, keyCol, inFlow, depth+1)
			if err != nil {
				return nil, err
			}
			m := b.a.mem(member{key: k.Value, keyStart: kStart, lineStart: b.lineStartOf(kStart), val: v, parent: t})
			if v.form != yamlAliased {
				v.up = m
			}
			if inFlow {
				m.spanStart, m.spanEnd = kStart, v.end
			} else {
				m.spanStart = kStart
				if onlySpaceBefore(b.src, kStart) {
					m.spanStart = m.lineStart
				}
				m.spanEnd = b.restOfLine(v.end)
			}
			if v.end == v.start && v.kind == vNull {
				// The value is empty: its position is after the colon.
				m.spanEnd = b.restOfLine(max(v.end, kStart))
			}
			t.add(b.a, m)
			t.end = max(t.end, v.end)
		}
		if inFlow {
			t.end = b.flowEnd(t.start)
		}
		return t, nil
	case yaml.SequenceNode:
		a := b.a.val(value{kind: vArray, typ: "an array", ind: int32(indent), anchored: n.Anchor != ""})
		inFlow := flow || n.Style&yaml.FlowStyle != 0
		if inFlow {
			a.form = yamlFlow
		}
		a.start = b.skipProps(start)
		a.end = a.start
		dashCol := a.start - b.lineStartOf(a.start)
		for _, el := range n.Content {
			v, err := b.build(el, dashCol, inFlow, depth+1)
			if err != nil {
				return nil, err
			}
			a.elems = append(a.elems, v)
			a.end = max(a.end, v.end)
		}
		if inFlow {
			a.end = b.flowEnd(a.start)
		}
		return a, nil
	}
	return nil, errAt(start, "unsupported YAML node")
}

func isFlowIndicator(c byte) bool { return c == ',' || c == '[' || c == ']' || c == '{' || c == '}' }

func (b *yamlBuilder) lineStartOf(off int) int { return lineStartOf(b.src, off) }

func onlySpaceBefore(src []byte, off int) bool {
	for i := off - 1; i >= 0 && src[i] != '\n'; i-- {
		if src[i] != ' ' && src[i] != '\t' {
			return false
		}
	}
	return true
}

// skipProps moves past an anchor (&a) and tag (!t) to the value itself.
func (b *yamlBuilder) skipProps(p int) int {
	for p < len(b.src) && (b.src[p] == '&' || b.src[p] == '!') {
		for p < len(b.src) && !isSpace(b.src[p]) {
			p++
		}
		for p < len(b.src) && (b.src[p] == ' ' || b.src[p] == '\t') {
			p++
		}
	}
	return p
}

// restOfLine extends off over trailing blanks and a comment to just past the
// newline, when nothing else follows on the line.
func (b *yamlBuilder) restOfLine(off int) int {
	p := off
	for p < len(b.src) && (b.src[p] == ' ' || b.src[p] == '\t') {
		p++
	}
	if p < len(b.src) && b.src[p] == '#' {
		for p < len(b.src) && b.src[p] != '\n' {
			p++
		}
	}
	if p < len(b.src) && b.src[p] == '\r' && p+1 < len(b.src) && b.src[p+1] == '\n' {
		p++
	}
	if p >= len(b.src) {
		return len(b.src)
	}
	if b.src[p] == '\n' {
		return p + 1
	}
	return off
}

// lineInfo returns the indentation (spaces) of the line at ls and
// whether it is blank or a comment.
func lineInfo(src []byte, ls int) (indent int, blank, comment bool, end int) {
	p := ls
	for p < len(src) && src[p] == ' ' {
		p++
	}
	indent = p - ls
	q := p
	for q < len(src) && (src[q] == ' ' || src[q] == '\t') {
		q++
	}
	end = afterLine(src, ls)
	blank = q >= len(src) || src[q] == '\n' || src[q] == '\r'
	comment = !blank && src[q] == '#'
	return
}

// contentEnd is the end of a line's text before a trailing comment and
// blanks (for plain scalars) or before the newline.
func contentEnd(src []byte, from, lineEnd int, stopAtComment bool) int {
	e := lineEnd
	for e > from && (src[e-1] == '\n' || src[e-1] == '\r') {
		e--
	}
	if stopAtComment {
		for i := from; i < e; i++ {
			if src[i] == '#' && i > from && (src[i-1] == ' ' || src[i-1] == '\t') {
				e = i
				break
			}
		}
	}
	for e > from && (src[e-1] == ' ' || src[e-1] == '\t') {
		e--
	}
	return e
}

// scalarEnd finds where a scalar that starts at p ends.
func (b *yamlBuilder) scalarEnd(p int, style yaml.Style, indent int, flow bool) int {
	src := b.src
	switch {
	case style&yaml.DoubleQuotedStyle != 0 && p < len(src) && src[p] == '"':
		for i := p + 1; i < len(src); i++ {
			switch src[i] {
			case '\\':
				i++
			case '"':
				return i + 1
			}
		}
		return len(src)
	case style&yaml.SingleQuotedStyle != 0 && p < len(src) && src[p] == '\'':
		for i := p + 1; i < len(src); i++ {
			if src[i] == '\'' {
				if i+1 < len(src) && src[i+1] == '\'' {
					i++
					continue
				}
				return i + 1
			}
		}
		return len(src)
	case style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0:
		// The header line, then every line indented deeper than the
		// parent, or blank.
		end := contentEnd(src, p, afterLine(src, p), true)
		ls := afterLine(src, p)
		for ls < len(src) {
			ind, blank, _, le := lineInfo(src, ls)
			if !blank && ind <= indent {
				break
			}
			if !blank {
				end = contentEnd(src, ls, le, false)
			}
			ls = le
		}
		return end
	}
	// Plain scalar.
	if flow {
		i := p
		for i < len(src) {
			c := src[i]
			// Plain scalars in flow context fold over line breaks.
			if isFlowIndicator(c) ||
				c == '#' && i > p && isSpace(src[i-1]) ||
				c == ':' && (i+1 >= len(src) || isSpace(src[i+1]) || isFlowIndicator(src[i+1])) {
				break
			}
			i++
		}
		for i > p && isSpace(src[i-1]) {
			i--
		}
		return i
	}
	end := contentEnd(src, p, afterLine(src, p), true)
	if end < afterLine(src, p) && hasCommentAfter(src, end) {
		return end // a comment ends a plain scalar
	}
	ls := afterLine(src, p)
	for ls < len(src) {
		ind, blank, comment, le := lineInfo(src, ls)
		if blank {
			ls = le
			continue
		}
		if comment || ind <= indent || isDocMarker(src, ls) {
			break
		}
		end = contentEnd(src, ls, le, true)
		if hasCommentAfter(src, end) {
			break
		}
		ls = le
	}
	return end
}

func hasCommentAfter(src []byte, p int) bool {
	for p < len(src) && (src[p] == ' ' || src[p] == '\t') {
		p++
	}
	return p < len(src) && src[p] == '#'
}

func isDocMarker(src []byte, ls int) bool {
	if ls+3 > len(src) {
		return false
	}
	s := string(src[ls : ls+3])
	return (s == "---" || s == "...") && (ls+3 == len(src) || isSpace(src[ls+3]))
}

// flowEnd finds the bracket closing the flow collection opened at p.
func (b *yamlBuilder) flowEnd(p int) int {
	src := b.src
	depth := 0
	for i := p; i < len(src); i++ {
		switch c := src[i]; c {
		case '[', '{':
			depth++
		case ']', '}':
			depth--
			if depth == 0 {
				return i + 1
			}
		case '"':
			if !quoteCanStart(src, p, i) {
				continue
			}
			for i++; i < len(src) && src[i] != '"'; i++ {
				if src[i] == '\\' {
					i++
				}
			}
		case '\'':
			if !quoteCanStart(src, p, i) {
				continue
			}
			for i++; i < len(src); i++ {
				if src[i] == '\'' {
					if i+1 < len(src) && src[i+1] == '\'' {
						i++
						continue
					}
					break
				}
			}
		case '#':
			if i > 0 && isSpace(src[i-1]) {
				for i < len(src) && src[i] != '\n' {
					i++
				}
			}
		}
	}
	return len(src)
}

// quoteCanStart reports whether a quote at i opens a quoted scalar rather
// than sitting inside a plain one (it's).
func quoteCanStart(src []byte, from, i int) bool {
	j := i - 1
	for j > from && (src[j] == ' ' || src[j] == '\t' || src[j] == '\n' || src[j] == '\r') {
		j--
	}
	return j < from || isSpace(src[i-1]) || isFlowIndicator(src[j]) || src[j] == ':'
}
