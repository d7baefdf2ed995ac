package yamlfile

import (
	"bytes"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"communique/i18n/catfile/tree"

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
	a          *tree.Arena
	src        []byte
	lineStarts []int
	// runeStarts[line-1] is the byte offset of each rune of a line that
	// is not ASCII, made the first time a column on it is asked for. yaml.v3
	// gives columns in runes; walking the line from its start for every
	// node is quadratic on a long line ("a: [x, x, x, …]" of 64 KB took
	// seconds). ASCII lines (nil, nonASCII false) need no table.
	nonASCII   []bool
	runeStarts [][]int32
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

// Scan reads a YAML catalog into the position tree and finds its messages
// by go-i18n's rules. A file that is empty or only comments has no
// messages (go-i18n refuses it; a header comment survives here).
func Scan(a *tree.Arena, src []byte) (*tree.Value, []*tree.Entry, error) {
	if err := checkLineBreaks(src); err != nil {
		return nil, nil, err
	}
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
		return nil, nil, &tree.PosError{Line: line, Col: 1, Msg: msg}
	}
	if doc.Kind == 0 || len(doc.Content) == 0 {
		// Empty, or only comments. go-i18n refuses such a file; we accept it
		// as a catalog with no messages yet, so a header comment survives.
		return nil, nil, nil
	}
	// yaml.v3 drops a byte-order mark before counting columns, so the
	// first line's columns start after it.
	first := 0
	if bytes.HasPrefix(src, tree.BOM) {
		first = len(tree.BOM)
	}
	b := &yamlBuilder{src: src, a: a, lineStarts: []int{first}, nonASCII: []bool{false}, budget: yamlBudget(src)}
	for i, c := range src[first:] {
		switch {
		case c == '\n':
			b.lineStarts = append(b.lineStarts, first+i+1)
			b.nonASCII = append(b.nonASCII, false)
		case c >= utf8.RuneSelf:
			b.nonASCII[len(b.nonASCII)-1] = true
		}
	}
	b.runeStarts = make([][]int32, len(b.lineStarts))
	root, err := b.build(doc.Content[0], -1, false, 0)
	if err != nil {
		return nil, nil, err
	}
	entries, err := tree.Messages(a, root)
	if err != nil {
		return nil, nil, err
	}
	for _, e := range entries {
		switch {
		case e.Mem != nil:
			e.Start, e.End = e.Mem.SpanStart, e.Mem.SpanEnd
		default:
			e.Start, e.End = e.Val.Start, e.Val.End
		}
	}
	return root, entries, nil
}

// checkLineBreaks refuses line breaks other than LF and CRLF. yaml.v3
// (as libyaml) also breaks lines at a lone CR, U+0085, U+2028 and U+2029,
// anywhere, even inside quotes; the positions it gives would then not be
// the lines this package finds, and an edit would be written in the wrong
// place (a lone CR before "other: A" made one land past the end of the
// file). Editors write LF or CRLF; go-i18n would read such a file, but it
// cannot be edited here safely, so it is refused, with its position.
func checkLineBreaks(src []byte) error {
	for i := 0; i < len(src); i++ {
		switch c := src[i]; {
		case c == '\r' && (i+1 >= len(src) || src[i+1] != '\n'):
			return tree.ErrAt(i, "a line break that is a lone CR (old Mac style); YAML catalogs here must end lines with LF or CRLF")
		case c == 0xC2 && i+1 < len(src) && src[i+1] == 0x85,
			c == 0xE2 && i+2 < len(src) && src[i+1] == 0x80 && (src[i+2] == 0xA8 || src[i+2] == 0xA9):
			r, _ := utf8.DecodeRune(src[i:])
			return tree.ErrAt(i, "U+%04X, which YAML reads as a line break; write it as an escape (\\N, \\L, \\P) in a double-quoted string", r)
		}
	}
	return nil
}

// off converts yaml.v3's 1-based line and rune column to a byte offset.
func (b *yamlBuilder) off(line, col int) int {
	if line < 1 || line > len(b.lineStarts) {
		return len(b.src)
	}
	ls := b.lineStarts[line-1]
	end := len(b.src)
	if line < len(b.lineStarts) {
		end = b.lineStarts[line] - 1 // the newline
	}
	if col < 1 {
		col = 1
	}
	if !b.nonASCII[line-1] {
		return min(ls+col-1, end)
	}
	runes := b.runeStarts[line-1]
	if runes == nil {
		runes = make([]int32, 0, end-ls)
		for p := ls; p < end; {
			runes = append(runes, int32(p))
			_, n := utf8.DecodeRune(b.src[p:end])
			p += n
		}
		b.runeStarts[line-1] = runes
	}
	if col-1 < len(runes) {
		return int(runes[col-1])
	}
	return end
}

// build converts n. indent is the indentation of the block the node belongs
// to (the column of its key or sequence dash; -1 at the top).
func (b *yamlBuilder) build(n *yaml.Node, indent int, flow bool, depth int) (*tree.Value, error) {
	start := b.off(n.Line, n.Column)
	if depth > tree.MaxDepth {
		return nil, tree.ErrTooDeep(start)
	}
	if b.budget--; b.budget < 0 {
		return nil, tree.ErrAt(start, "aliases expand to more than %d values, far more than the file holds (an alias bomb?); refused", yamlBudget(b.src))
	}
	switch n.Kind {
	case yaml.AliasNode:
		return b.alias(n, start, indent, flow, depth)
	case yaml.ScalarNode:
		return b.scalar(n, start, indent, flow)
	case yaml.MappingNode:
		return b.mapping(n, start, indent, flow, depth)
	case yaml.SequenceNode:
		return b.sequence(n, start, indent, flow, depth)
	}
	return nil, tree.ErrAt(start, "unsupported YAML node")
}

// alias builds an alias (*a) at start: a copy of its anchor's value, with
// the alias's own position.
func (b *yamlBuilder) alias(n *yaml.Node, start, indent int, flow bool, depth int) (*tree.Value, error) {
	end := start + 1
	for end < len(b.src) && !tree.IsSpace(b.src[end]) && !isFlowIndicator(b.src[end]) {
		end++
	}
	if n.Alias == nil {
		return nil, tree.ErrAt(start, "unknown alias")
	}
	v, err := b.build(n.Alias, indent, flow, depth+1)
	if err != nil {
		return nil, err
	}
	cp := *v
	cp.Start, cp.End = start, end
	if cp.Kind == tree.Table || cp.Kind == tree.Array {
		cp.Form = yamlAliased
	}
	cp.Style = uint8(yaml.DoubleQuotedStyle)
	cp.Ind = int32(indent)
	cp.Anchored = true
	return &cp, nil
}

// scalar builds a scalar, decoded as go-i18n decodes it (into
// interface{}), so custom tags, !!binary and friends come out the same.
func (b *yamlBuilder) scalar(n *yaml.Node, start, indent int, flow bool) (*tree.Value, error) {
	v := b.a.NewValue(tree.Value{Ind: int32(indent), Anchored: n.Anchor != ""})
	if flow {
		v.Form = yamlFlow
	}
	v.Style = uint8(n.Style &^ yaml.TaggedStyle)
	x, err := decodeScalar(n)
	if err != nil {
		return nil, tree.ErrAt(start, "%v", err)
	}
	switch x := x.(type) {
	case string:
		v.Kind, v.Str = tree.String, x
	case nil:
		v.Kind = tree.Null
	default:
		v.Kind, v.Typ = tree.Other, fmt.Sprintf("a %T", x)
	}
	v.Start = b.skipProps(start)
	if n.Tag == "!!null" && n.Value == "" {
		v.Start, v.End = start, start // "key:" with nothing after it
		return v, nil
	}
	v.End = b.scalarEnd(v.Start, n.Style&^yaml.TaggedStyle, indent, flow)
	return v, nil
}

// mapping builds a mapping and its members, each with the span its
// deletion removes.
func (b *yamlBuilder) mapping(n *yaml.Node, start, indent int, flow bool, depth int) (*tree.Value, error) {
	t := b.a.NewValue(tree.Value{Kind: tree.Table, Ind: int32(indent), Anchored: n.Anchor != ""})
	inFlow := flow || n.Style&yaml.FlowStyle != 0
	if inFlow {
		t.Form = yamlFlow
	}
	t.Start = b.skipProps(start)
	t.End = t.Start
	if err := b.sameKeysAsWritten(n); err != nil {
		return nil, err
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if err := b.member(t, n.Content[i], n.Content[i+1], inFlow, depth); err != nil {
			return nil, err
		}
	}
	if inFlow {
		t.End = b.flowEnd(t.Start)
	}
	return t, nil
}

// member builds the pair k: vn of mapping t and adds it to t.
func (b *yamlBuilder) member(t *tree.Value, k, vn *yaml.Node, inFlow bool, depth int) error {
	if k.Kind == yaml.AliasNode && k.Alias != nil {
		k = k.Alias
	}
	kStart := b.off(k.Line, k.Column)
	key, err := checkKey(t, k, kStart, b.src)
	if err != nil {
		return err
	}
	keyCol := kStart - b.lineStartOf(kStart)
	v, err := b.build(vn, keyCol, inFlow, depth+1)
	if err != nil {
		return err
	}
	m := b.a.NewMember(tree.Member{Key: key, KeyStart: kStart, LineStart: b.lineStartOf(kStart), Val: v, Parent: t})
	if v.Form != yamlAliased {
		v.Up = m
	}
	if inFlow {
		m.SpanStart, m.SpanEnd = kStart, v.End
	} else {
		m.SpanStart = kStart
		if onlySpaceBefore(b.src, kStart) {
			m.SpanStart = m.LineStart
		}
		m.SpanEnd = b.restOfLine(v.End)
	}
	if v.End == v.Start && v.Kind == tree.Null {
		// The value is empty: its position is after the colon.
		m.SpanEnd = b.restOfLine(max(v.End, kStart))
	}
	t.Add(b.a, m)
	t.End = max(t.End, v.End)
	return nil
}

// sameKeysAsWritten refuses mapping n when two of its keys are the same
// as go-i18n's YAML library compares them before decoding: same kind of
// node, same text. checkKey compares decoded keys, which finds every such
// pair but one kind: "!!binary YQ==" and "YQ==" are written alike and
// decode differently ("a" and "YQ=="), and go-i18n refuses the file. Only
// !!binary makes a key's decoded string differ from its text, so the
// check runs only where one is.
func (b *yamlBuilder) sameKeysAsWritten(n *yaml.Node) error {
	binary := false
	for i := 0; i+1 < len(n.Content); i += 2 {
		if k := n.Content[i]; k.Tag == "!!binary" || k.Tag == "tag:yaml.org,2002:binary" {
			binary = true
			break
		}
	}
	if !binary {
		return nil
	}
	type written struct {
		kind  yaml.Kind
		value string
	}
	first := map[written]int{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k := n.Content[i]
		w := written{k.Kind, k.Value}
		if line, ok := first[w]; ok {
			return tree.ErrAt(b.off(k.Line, k.Column), "key %q given twice in one mapping (first on line %d; go-i18n compares keys as written, before !!binary is decoded)", k.Value, line)
		}
		first[w] = k.Line
	}
	return nil
}

// checkKey returns key k as go-i18n reads it, or refuses a key go-i18n
// could not read as a string, or one given twice in mapping t (go-i18n would
// keep one of the two at random). go-i18n decodes the file into interface{}
// with its YAML library, so the key is whatever that library makes of the
// node: an unknown tag ("!foo a", "!!000") leaves a string, "!!binary"
// decodes base64, "!!int 1" is no string. Decoding the node with the same
// library is the one faithful rule.
func checkKey(t *tree.Value, k *yaml.Node, kStart int, src []byte) (string, error) {
	if k.ShortTag() == "!!merge" {
		return "", tree.ErrAt(kStart, "YAML merge keys (<<) are not supported in catalogs")
	}
	key, ok := "", false
	if k.Kind == yaml.ScalarNode {
		if x, err := decodeScalar(k); err == nil {
			key, ok = x.(string)
		}
	}
	if !ok {
		return "", tree.ErrAt(kStart, "expected key to be a string but got %s", k.ShortTag())
	}
	if prev := t.Lookup(key); prev != nil {
		l, _ := tree.LineCol(src, prev.KeyStart)
		return "", tree.ErrAt(kStart, "key %q given twice in one mapping (first on line %d)", key, l)
	}
	return key, nil
}

// decodeScalar decodes scalar node n as go-i18n does, into interface{}.
// A node yaml.v3 already knows to be a string (tagged !!str by its parser,
// or quoted with no tag) is its Value, as yaml.v3's own decoder has it
// (decoder.scalar, Node.indicatedString); Node.Decode would build a decoder
// per node, which made a 64 KB file of short strings take a fifth of a
// second.
func decodeScalar(n *yaml.Node) (any, error) {
	quoted := n.Style&(yaml.SingleQuotedStyle|yaml.DoubleQuotedStyle|yaml.LiteralStyle|yaml.FoldedStyle) != 0
	if n.Tag == "!!str" || n.Tag == "tag:yaml.org,2002:str" || (n.Tag == "" || n.Tag == "!") && quoted {
		return n.Value, nil
	}
	var x any
	err := n.Decode(&x)
	return x, err
}

// sequence builds a sequence and its items.
func (b *yamlBuilder) sequence(n *yaml.Node, start, indent int, flow bool, depth int) (*tree.Value, error) {
	a := b.a.NewValue(tree.Value{Kind: tree.Array, Typ: "an array", Ind: int32(indent), Anchored: n.Anchor != ""})
	inFlow := flow || n.Style&yaml.FlowStyle != 0
	if inFlow {
		a.Form = yamlFlow
	}
	a.Start = b.skipProps(start)
	a.End = a.Start
	dashCol := a.Start - b.lineStartOf(a.Start)
	for _, el := range n.Content {
		v, err := b.build(el, dashCol, inFlow, depth+1)
		if err != nil {
			return nil, err
		}
		a.Elems = append(a.Elems, v)
		a.End = max(a.End, v.End)
	}
	if inFlow {
		a.End = b.flowEnd(a.Start)
	}
	return a, nil
}

func isFlowIndicator(c byte) bool { return c == ',' || c == '[' || c == ']' || c == '{' || c == '}' }

// lineStartOf is tree.LineStartOf by binary search in the line table: a
// backward scan per node is quadratic on a long line.
func (b *yamlBuilder) lineStartOf(off int) int {
	i, found := slices.BinarySearch(b.lineStarts, off)
	if !found {
		i--
	}
	if i < 0 {
		return 0 // inside a byte-order mark
	}
	return b.lineStarts[i]
}

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
		for p < len(b.src) && !tree.IsSpace(b.src[p]) {
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
	end = tree.AfterLine(src, ls)
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

// scalarEnd finds where a scalar that starts at p ends, by its style.
func (b *yamlBuilder) scalarEnd(p int, style yaml.Style, indent int, flow bool) int {
	src := b.src
	switch {
	case style&yaml.DoubleQuotedStyle != 0 && p < len(src) && src[p] == '"':
		return doubleQuotedEnd(src, p)
	case style&yaml.SingleQuotedStyle != 0 && p < len(src) && src[p] == '\'':
		return singleQuotedEnd(src, p)
	case style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0:
		return blockScalarEnd(src, p, indent)
	case flow:
		return plainFlowEnd(src, p)
	}
	return plainBlockEnd(src, p, indent)
}

// doubleQuotedEnd is the end of the "…" scalar at p: past its closing
// quote, which no backslash escapes.
func doubleQuotedEnd(src []byte, p int) int {
	for i := p + 1; i < len(src); i++ {
		switch src[i] {
		case '\\':
			i++
		case '"':
			return i + 1
		}
	}
	return len(src)
}

// singleQuotedEnd is the end of the '…' scalar at p: past the first quote
// that is not doubled (two in a row are a quote inside).
func singleQuotedEnd(src []byte, p int) int {
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
}

// blockScalarEnd is the end of the | or > scalar whose header is at p:
// the header line, then every line indented deeper than the parent, or
// blank.
func blockScalarEnd(src []byte, p, indent int) int {
	end := contentEnd(src, p, tree.AfterLine(src, p), true)
	ls := tree.AfterLine(src, p)
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

// plainFlowEnd is the end of a plain scalar inside a flow collection,
// which folds over line breaks and ends at an indicator, a comment or a
// colon before a blank.
func plainFlowEnd(src []byte, p int) int {
	i := p
	for i < len(src) {
		c := src[i]
		if isFlowIndicator(c) ||
			c == '#' && i > p && tree.IsSpace(src[i-1]) ||
			c == ':' && (i+1 >= len(src) || tree.IsSpace(src[i+1]) || isFlowIndicator(src[i+1])) {
			break
		}
		i++
	}
	for i > p && tree.IsSpace(src[i-1]) {
		i--
	}
	return i
}

// plainBlockEnd is the end of a plain scalar in block context: its lines
// go on while they are indented deeper than the parent, up to a comment
// or a document marker.
func plainBlockEnd(src []byte, p, indent int) int {
	end := contentEnd(src, p, tree.AfterLine(src, p), true)
	if end < tree.AfterLine(src, p) && hasCommentAfter(src, end) {
		return end // a comment ends a plain scalar
	}
	ls := tree.AfterLine(src, p)
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
	return (s == "---" || s == "...") && (ls+3 == len(src) || tree.IsSpace(src[ls+3]))
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
			if i > 0 && tree.IsSpace(src[i-1]) {
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
	return j < from || tree.IsSpace(src[i-1]) || isFlowIndicator(src[j]) || src[j] == ':'
}
