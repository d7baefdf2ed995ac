package fonts

import (
	"encoding/binary"
	"errors"
	"math"
	"runtime"
	"slices"

	"communique/internal/parallel"

	"github.com/go-text/typesetting/font"
	ot "github.com/go-text/typesetting/font/opentype"
)

// Glyphs are a font's outlines re-encoded as TrueType glyph descriptions,
// so that a font with PostScript (CFF) outlines — Noto CJK ships so — or
// a grid other than the PDF font's can be embedded by a writer that only
// knows TrueType. Cubic curves become quadratic ones within half a unit of
// a 1000-unit em; hinting is dropped (PDF viewers scale outlines freely).
type Glyphs struct {
	Glyf   []byte
	Starts []uint32 // glyph g is Glyf[Starts[g]:Starts[g+1]]
	Adv    []uint16
	LSB    []int16
	// MaxPoints and MaxContours are the largest glyph's, for maxp.
	MaxPoints, MaxContours int
	// XMin, YMin, XMax, YMax bound every glyph, for head.
	XMin, YMin, XMax, YMax int
}

// TrueTypeGlyphs converts the n glyphs of face, scaling font units by
// scale: those want holds (all when want is nil; the others are left
// empty, with their advance). The glyphs are converted in parallel; a
// glyph with no outline (a space, a bitmap) is empty.
func TrueTypeGlyphs(face *font.Face, n int, scale float64, want []bool) *Glyphs {
	descs := make([][]byte, n)
	out := &Glyphs{Adv: make([]uint16, n), LSB: make([]int16, n)}
	var todo []int
	for g := range n {
		out.Adv[g] = uint16(max(0, min(math.MaxUint16, math.Round(float64(face.HorizontalAdvance(font.GID(g)))*scale))))
		if want == nil || g < len(want) && want[g] {
			todo = append(todo, g)
		}
	}
	type stats struct{ points, contours, x0, y0, x1, y1 int }
	// One go-text Face per chunk (its caches are not safe to share, and
	// each costs an allocation the size of the font), few chunks.
	chunks := min(runtime.GOMAXPROCS(0), max(1, len(todo)/256))
	st := make([]stats, chunks)
	parallel.Each(chunks, func(c int) {
		s := stats{x0: math.MaxInt16, y0: math.MaxInt16, x1: math.MinInt16, y1: math.MinInt16}
		f := font.NewFace(face.Font)
		for _, g := range todo[c*len(todo)/chunks : (c+1)*len(todo)/chunks] {
			o, ok := f.GlyphData(font.GID(g)).(font.GlyphOutline)
			if !ok || len(o.Segments) == 0 {
				continue
			}
			d, pts, cts := encodeGlyph(o.Segments, scale)
			descs[g] = d
			if len(d) >= 10 {
				be := binary.BigEndian
				out.LSB[g] = int16(be.Uint16(d[2:]))
				s.x0, s.y0 = min(s.x0, int(int16(be.Uint16(d[2:])))), min(s.y0, int(int16(be.Uint16(d[4:]))))
				s.x1, s.y1 = max(s.x1, int(int16(be.Uint16(d[6:])))), max(s.y1, int(int16(be.Uint16(d[8:]))))
			}
			s.points, s.contours = max(s.points, pts), max(s.contours, cts)
		}
		st[c] = s
	})
	out.XMin, out.YMin, out.XMax, out.YMax = math.MaxInt16, math.MaxInt16, math.MinInt16, math.MinInt16
	for _, s := range st {
		out.MaxPoints, out.MaxContours = max(out.MaxPoints, s.points), max(out.MaxContours, s.contours)
		out.XMin, out.YMin = min(out.XMin, s.x0), min(out.YMin, s.y0)
		out.XMax, out.YMax = max(out.XMax, s.x1), max(out.YMax, s.y1)
	}
	if out.XMin > out.XMax {
		out.XMin, out.YMin, out.XMax, out.YMax = 0, 0, 0, 0
	}
	size := 0
	for _, d := range descs {
		size += (len(d) + 3) &^ 3
	}
	out.Glyf = make([]byte, 0, size)
	out.Starts = make([]uint32, n+1)
	for g, d := range descs {
		out.Starts[g] = uint32(len(out.Glyf))
		out.Glyf = append(out.Glyf, d...)
		for len(out.Glyf)%4 != 0 {
			out.Glyf = append(out.Glyf, 0)
		}
	}
	out.Starts[n] = uint32(len(out.Glyf))
	return out
}

type point struct {
	x, y int
	on   bool
}

// encodeGlyph writes a simple glyph description (no instructions) for an
// outline, and returns it with its point and contour counts.
func encodeGlyph(segs []font.Segment, scale float64) ([]byte, int, int) {
	var contours [][]point
	var cur []point
	var pen font.SegmentPoint
	at := func(p font.SegmentPoint, on bool) point {
		return point{int(math.Round(float64(p.X) * scale)), int(math.Round(float64(p.Y) * scale)), on}
	}
	flush := func() {
		if len(cur) > 1 && cur[len(cur)-1] == cur[0] {
			cur = cur[:len(cur)-1] // the contour closes itself
		}
		if len(cur) > 0 {
			contours = append(contours, cur)
		}
		cur = nil
	}
	for _, s := range segs {
		switch s.Op {
		case ot.SegmentOpMoveTo:
			flush()
			cur = append(cur, at(s.Args[0], true))
			pen = s.Args[0]
		case ot.SegmentOpLineTo:
			cur = append(cur, at(s.Args[0], true))
			pen = s.Args[0]
		case ot.SegmentOpQuadTo:
			cur = append(cur, at(s.Args[0], false), at(s.Args[1], true))
			pen = s.Args[1]
		case ot.SegmentOpCubeTo:
			for _, q := range cubicToQuads(pen, s.Args[0], s.Args[1], s.Args[2], scale) {
				cur = append(cur, at(q[0], false), at(q[1], true))
			}
			pen = s.Args[2]
		}
	}
	flush()
	var pts []point
	ends := make([]int, len(contours))
	for i, c := range contours {
		pts = append(pts, c...)
		ends[i] = len(pts) - 1
	}
	if len(pts) == 0 {
		return nil, 0, 0
	}
	return writeSimple(pts, ends), len(pts), len(contours)
}

// cubicToQuads splits a cubic Bézier into quadratic ones: n equal pieces,
// each replaced by the quadratic whose control point averages the two its
// tangents give, n chosen so the error stays under half a unit (scaled).
func cubicToQuads(p0, c1, c2, p3 font.SegmentPoint, scale float64) [][2]font.SegmentPoint {
	// The error of the midpoint approximation is at most
	// sqrt(3)/36 · |p3 − 3c2 + 3c1 − p0| / n³.
	dx := float64(p3.X-3*c2.X+3*c1.X-p0.X) * scale
	dy := float64(p3.Y-3*c2.Y+3*c1.Y-p0.Y) * scale
	n := int(math.Ceil(math.Cbrt(math.Sqrt(3) / 36 * math.Hypot(dx, dy) / 0.5)))
	n = max(1, min(n, 16))
	lerp := func(a, b font.SegmentPoint, t float32) font.SegmentPoint {
		return font.SegmentPoint{X: a.X + (b.X-a.X)*t, Y: a.Y + (b.Y-a.Y)*t}
	}
	out := make([][2]font.SegmentPoint, 0, n)
	a, b, c, d := p0, c1, c2, p3
	for i := range n {
		// Split off the first 1/(n-i) of what remains (de Casteljau).
		t := float32(1) / float32(n-i)
		ab, bc, cd := lerp(a, b, t), lerp(b, c, t), lerp(c, d, t)
		abc, bcd := lerp(ab, bc, t), lerp(bc, cd, t)
		mid := lerp(abc, bcd, t)
		q := font.SegmentPoint{
			X: (3*(ab.X+abc.X) - a.X - mid.X) / 4,
			Y: (3*(ab.Y+abc.Y) - a.Y - mid.Y) / 4,
		}
		out = append(out, [2]font.SegmentPoint{q, mid})
		a, b, c = mid, bcd, cd
	}
	return out
}

// TrueType simple-glyph point flags.
const (
	onCurve   = 0x01
	xShort    = 0x02
	yShort    = 0x04
	xSameOrPo = 0x10
	ySameOrPo = 0x20
)

func writeSimple(pts []point, ends []int) []byte {
	be := binary.BigEndian
	x0, y0, x1, y1 := pts[0].x, pts[0].y, pts[0].x, pts[0].y
	for _, p := range pts {
		x0, y0, x1, y1 = min(x0, p.x), min(y0, p.y), max(x1, p.x), max(y1, p.y)
	}
	out := make([]byte, 10, 10+2*len(ends)+2+5*len(pts))
	be.PutUint16(out, uint16(len(ends)))
	for i, v := range []int{x0, y0, x1, y1} {
		be.PutUint16(out[2+2*i:], uint16(int16(v)))
	}
	for _, e := range ends {
		out = be.AppendUint16(out, uint16(e))
	}
	out = be.AppendUint16(out, 0) // no instructions
	flags := make([]byte, len(pts))
	var xs, ys []byte
	px, py := 0, 0
	for i, p := range pts {
		f := byte(0)
		if p.on {
			f |= onCurve
		}
		f, xs = coord(f, xs, p.x-px, xShort, xSameOrPo)
		f, ys = coord(f, ys, p.y-py, yShort, ySameOrPo)
		flags[i] = f
		px, py = p.x, p.y
	}
	out = append(out, flags...)
	out = append(out, xs...)
	return append(out, ys...)
}

// coord encodes one coordinate delta: nothing when zero, a byte and a sign
// flag when short, else a 16-bit word.
func coord(f byte, buf []byte, d int, short, same byte) (byte, []byte) {
	switch {
	case d == 0:
		return f | same, buf
	case d > -256 && d < 256:
		f |= short
		if d > 0 {
			f |= same
		} else {
			d = -d
		}
		return f, append(buf, byte(d))
	}
	return f, binary.BigEndian.AppendUint16(buf, uint16(int16(d)))
}

// TrueTypeTables returns the head, hhea, maxp and post tables of a font
// whose outlines are g (converted from tables' font at scale, with n
// glyphs): the grid becomes 1000 units, metrics are scaled, maxp is the
// version TrueType outlines need, post keeps no glyph names.
func TrueTypeTables(tables map[string][]byte, n int, g *Glyphs, scale float64) (map[string][]byte, error) {
	head, hhea, post := tables["head"], tables["hhea"], tables["post"]
	if len(head) < 54 || len(hhea) < 36 || len(post) < 4 {
		return nil, errors.New("missing head, hhea or post table")
	}
	be := binary.BigEndian
	h := slices.Clone(head[:54])
	be.PutUint16(h[18:], 1000)
	for at := 36; at <= 42; at += 2 { // the face's bounding box
		be.PutUint16(h[at:], uint16(int16(math.Round(float64(int16(be.Uint16(h[at:])))*scale))))
	}
	be.PutUint16(h[50:], 1) // long loca
	be.PutUint16(h[52:], 0) // glyphDataFormat

	hh := slices.Clone(hhea[:36])
	for _, at := range []int{4, 6, 8, 10, 12, 14, 16} { // ascender … xMaxExtent
		v := float64(int16(be.Uint16(hh[at:]))) * scale
		if at == 10 { // advanceWidthMax is unsigned
			v = float64(be.Uint16(hh[at:])) * scale
		}
		be.PutUint16(hh[at:], uint16(int16(math.Round(v))))
	}
	be.PutUint16(hh[34:], uint16(n))

	mp := make([]byte, 32) // maxp 1.0
	be.PutUint32(mp, 0x00010000)
	be.PutUint16(mp[4:], uint16(n))
	be.PutUint16(mp[6:], uint16(g.MaxPoints))
	be.PutUint16(mp[8:], uint16(g.MaxContours))
	be.PutUint16(mp[14:], 2) // maxZones

	p := slices.Clone(post[:min(32, len(post))])
	p = append(p, make([]byte, 32-len(p))...)
	be.PutUint32(p, 0x00030000) // no glyph names
	return map[string][]byte{"head": h, "hhea": hh, "maxp": mp, "post": p}, nil
}
