// Package logo prepares a statement's letterhead logo for the PDF and its
// preview.
package logo

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"sync"
)

// Logo is a letterhead logo prepared for both outputs: flattened onto the
// white page and re-encoded as an 8-bit, non-interlaced RGB PNG. fpdf
// embeds such a PNG's data as it is, where an alpha channel would make it
// split and recompress the image on every export (and interlaced or 16-bit
// files it rejects outright).
type Logo struct {
	PNG  []byte
	Img  image.Image
	W, H int // pixels
}

// logoCache keeps the last few logos: a workspace exports many languages
// with the same one.
var logoCache struct {
	sync.Mutex
	keys  [][32]byte
	logos map[[32]byte]*Logo
}

const logoCacheSize = 4

// Prepare decodes a PNG logo and prepares it, or returns the one it
// prepared from the same bytes recently.
func Prepare(data []byte) (*Logo, error) {
	key := sha256.Sum256(data)
	logoCache.Lock()
	if l, ok := logoCache.logos[key]; ok {
		logoCache.Unlock()
		return l, nil
	}
	logoCache.Unlock()

	src, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("logo is not a PNG image: %w", err)
	}
	b := src.Bounds()
	if b.Dx() == 0 || b.Dy() == 0 {
		return nil, fmt.Errorf("logo has no pixels")
	}
	if b.Dx()*b.Dy() > 4096*4096 {
		return nil, fmt.Errorf("logo is %d×%d pixels; at most 4096×4096", b.Dx(), b.Dy())
	}
	flat := image.NewRGBA(image.Rect(0, 0, b.Dx(), b.Dy()))
	draw.Draw(flat, flat.Bounds(), image.NewUniform(color.White), image.Point{}, draw.Src)
	draw.Draw(flat, flat.Bounds(), src, b.Min, draw.Over)
	// An RGBA image whose pixels are all opaque encodes as 8-bit RGB.
	var out bytes.Buffer
	if err := png.Encode(&out, flat); err != nil {
		return nil, fmt.Errorf("logo: %w", err)
	}
	l := &Logo{PNG: out.Bytes(), Img: flat, W: b.Dx(), H: b.Dy()}

	logoCache.Lock()
	defer logoCache.Unlock()
	if logoCache.logos == nil {
		logoCache.logos = make(map[[32]byte]*Logo)
	}
	if _, ok := logoCache.logos[key]; !ok {
		if len(logoCache.keys) == logoCacheSize {
			delete(logoCache.logos, logoCache.keys[0])
			logoCache.keys = logoCache.keys[1:]
		}
		logoCache.keys = append(logoCache.keys, key)
		logoCache.logos[key] = l
	}
	return l, nil
}
