package pdf

import (
	"errors"
	"fmt"
	"sync"

	"communique/app/typeset"
	"communique/assets/fonts"

	"github.com/go-text/typesetting/language"
)

// The bundled fonts are parsed and re-encoded once per process: parsing
// Noto Sans and building its PUA cmap costs more than typesetting a whole
// statement, and nothing about them changes between exports.
var (
	fontsOnce sync.Once
	fontSet   *typeset.FontSet
	faces     map[*typeset.Font]*face
	fontsErr  error
)

func loadFonts() (*typeset.FontSet, map[*typeset.Font]*face, error) {
	fontsOnce.Do(func() { fontSet, faces, fontsErr = buildFonts() })
	if fontsErr != nil {
		return nil, nil, fmt.Errorf("pdf: bundled fonts: %w", fontsErr)
	}
	return fontSet, faces, nil
}

// buildFonts parses the bundled fonts and prepares them for merging. The
// four faces are parsed concurrently: parsing (go-text reads every glyph
// outline up front) is most of a one-language export's cold start.
func buildFonts() (*typeset.FontSet, map[*typeset.Font]*face, error) {
	srcs := []struct {
		name string
		data []byte
	}{
		{"NotoSans-Regular", fonts.NotoSansRegular},
		{"NotoSans-Bold", fonts.NotoSansBold},
		{"NotoNaskhArabic-Regular", fonts.NotoNaskhArabicRegular},
		{"NotoNaskhArabic-Bold", fonts.NotoNaskhArabicBold},
	}
	parsed := make([]*typeset.Font, len(srcs))
	errs := make([]error, len(srcs))
	var wg sync.WaitGroup
	for i, s := range srcs {
		wg.Go(func() { parsed[i], errs[i] = typeset.NewFont(s.name, s.data) })
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, nil, err
	}
	sans := typeset.Family{Regular: parsed[0], Bold: parsed[1]}
	naskh := typeset.Family{Regular: parsed[2], Bold: parsed[3], Scripts: []language.Script{language.Arabic}}
	set := &typeset.FontSet{Families: []typeset.Family{sans, naskh}}
	m := make(map[*typeset.Font]*face)
	// Merge priority: regular before bold, so body text keeps plain codes.
	for order, f := range []*typeset.Font{sans.Regular, naskh.Regular, sans.Bold, naskh.Bold} {
		fc, err := newFace(f, order)
		if err != nil {
			return nil, nil, err
		}
		m[f] = fc
	}
	return set, m, nil
}

// Typesetting engines keep HarfBuzz's compiled shaping plans per font;
// building them costs more than shaping a statement. A sync.Pool would drop
// them at every garbage collection, so idle engines wait in a small free
// list instead, one per concurrent export at most.
var engines struct {
	sync.Mutex
	free []*typeset.Engine
}

const maxIdleEngines = 8

func getEngine() *typeset.Engine {
	engines.Lock()
	defer engines.Unlock()
	if n := len(engines.free); n > 0 {
		e := engines.free[n-1]
		engines.free = engines.free[:n-1]
		return e
	}
	return typeset.NewEngine()
}

func putEngine(e *typeset.Engine) {
	engines.Lock()
	defer engines.Unlock()
	if len(engines.free) < maxIdleEngines {
		engines.free = append(engines.free, e)
	}
}
