package pdf

import (
	"encoding/binary"
	"math"

	"communique/app/pdf/bidimark"
	"communique/app/pdf/carrier"
)

// Export streams: a long statement's typeset lines (glyphs and clusters,
// some 10 KB a line) are turned into draws page by page as compose fills
// the pages, and kept only as a program, a few bytes a draw: which (form,
// text) use it draws, at which x, in which size. The font, whose codes
// depend on every use in the document, is made when the layout ends; then
// each page's program is drawn with its codes and handed to fpdf, and
// dropped. The bytes are those the draws would give directly.

// program gathers the uses of a document's pages as compose streams them.
type program struct {
	uses  []use // in the order first drawn
	index map[use]uint32
	// code and width are each use's code and /W advance once the font is
	// made (bind).
	code   []rune
	width  []int
	hidden []byte // see glyphDraw
	// markedWords counts the distinct words structure text gave codes
	// of their own (lineReading).
	markedWords int
}

func newProgram() *program { return &program{index: make(map[use]uint32)} }

// progLine is a placed line as the writer needs it.
type progLine struct {
	elem     *structElem
	artifact string
	gray     bool
	y        float64
	// draws is each draw's use index times two (plus one when a size
	// follows) as a uvarint, the size when it changes, and x, as
	// little-endian float64 bits: x exactly as the layout gave it, so the
	// content stream is the same to the byte.
	draws []byte
	// carriers are the line's text for MuPDF, where it mixes
	// directions (reading.go).
	carriers []progCarrier
	// reading is the uses of the line's structure text, where it holds
	// right-to-left text (reading.go).
	reading []uint32
}

// sink is compose's pageSink: it keeps a finished page's lines as programs.
func (pr *program) sink(c *composition, pg *page) error {
	for _, pl := range pg.lines {
		ds, err := lineDraws(pl, c.faces)
		if err != nil {
			return err
		}
		l := pr.encode(pl, ds)
		l.carriers = lineCarriers(pl, c.faces, pr)
		l.reading = lineReading(pl, c.faces, pr)
		pg.prog = append(pg.prog, l)
	}
	return nil
}

func (pr *program) encode(pl placedLine, ds []textDraw) progLine {
	b := make([]byte, 0, 10*len(ds))
	size := 0.0
	for _, d := range ds {
		v := uint64(pr.useOf(use{d.form, d.text})) << 1
		if d.size != size {
			v |= 1
		}
		b = binary.AppendUvarint(b, v)
		if d.size != size {
			b = binary.LittleEndian.AppendUint64(b, math.Float64bits(d.size))
			size = d.size
		}
		b = binary.LittleEndian.AppendUint64(b, math.Float64bits(d.x))
	}
	return progLine{elem: pl.elem, artifact: pl.artifact, gray: pl.gray, y: pl.y, draws: b}
}

// useOf returns the index of a use, adding it if it is new.
func (pr *program) useOf(u use) uint32 {
	i, ok := pr.index[u]
	if !ok {
		i = uint32(len(pr.uses))
		pr.index[u] = i
		pr.uses = append(pr.uses, u)
	}
	return i
}

// carriers returns a line's carriers with their codes (bind first).
func (pr *program) carriers(l progLine) []carrier.Draw {
	if len(l.carriers) == 0 {
		return nil
	}
	cs := make([]carrier.Draw, len(l.carriers))
	for i, c := range l.carriers {
		cs[i] = carrier.Draw{Code: pr.code[c.use], X: c.x, Text: c.text}
	}
	return cs
}

// reading returns a line's structure-text codes and their glyph's width
// (bind first).
func (pr *program) reading(l progLine) ([]rune, int) {
	if len(l.reading) == 0 {
		return nil, 0
	}
	codes := make([]rune, len(l.reading))
	for i, u := range l.reading {
		codes[i] = pr.code[u]
	}
	return codes, pr.width[l.reading[0]]
}

// bind looks up each use's code and advance in the document font, once,
// rather than for every draw.
func (pr *program) bind(font *docFont) {
	pr.code = make([]rune, len(pr.uses))
	pr.width = make([]int, len(pr.uses))
	pr.hidden = make([]byte, len(pr.uses))
	for i, u := range pr.uses {
		pr.code[i] = font.code(u.form, u.text)
		pr.width[i] = font.width[u.form]
		switch {
		case bidimark.Hidden(u.text):
			pr.hidden[i] = hiddenClipped
		case u.text == string(bidimark.MuPDF):
			pr.hidden[i] = hiddenOffPage
		}
	}
}

// glyphDraw is a draw as the writer puts it on the page.
type glyphDraw struct {
	code    rune
	width   int // /W advance, thousandths of the size
	x, size float64
	// hidden is how a mark only one reader may see is drawn (hiddenMarks
	// in textmap.go): 0 for a code every reader reads.
	hidden byte
}

const (
	hiddenClipped = 1 + iota // in a text object clipped to nothing: poppler only
	hiddenOffPage            // off the page: sets MuPDF's direction, read by none
)

// decode appends a line's draws to ds (bind first).
func (pr *program) decode(l progLine, ds []glyphDraw) []glyphDraw {
	size := 0.0
	for b := l.draws; len(b) > 0; {
		v, n := binary.Uvarint(b)
		b = b[n:]
		if v&1 == 1 {
			size = math.Float64frombits(binary.LittleEndian.Uint64(b))
			b = b[8:]
		}
		x := math.Float64frombits(binary.LittleEndian.Uint64(b))
		b = b[8:]
		i := v >> 1
		ds = append(ds, glyphDraw{code: pr.code[i], width: pr.width[i], x: x, size: size, hidden: pr.hidden[i]})
	}
	return ds
}
