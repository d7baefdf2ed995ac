package pdf

import (
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
	embeds    map[*typeset.Font]*embedFont
	fontsErr  error
)

func loadFonts() (*typeset.FontSet, map[*typeset.Font]*embedFont, error) {
	fontsOnce.Do(func() {
		parse := func(name string, data []byte) *typeset.Font {
			if fontsErr != nil {
				return nil
			}
			f, err := typeset.NewFont(name, data)
			if err != nil {
				fontsErr = err
			}
			return f
		}
		sans := typeset.Family{
			Regular: parse("NotoSans-Regular", fonts.NotoSansRegular),
			Bold:    parse("NotoSans-Bold", fonts.NotoSansBold),
		}
		naskh := typeset.Family{
			Regular: parse("NotoNaskhArabic-Regular", fonts.NotoNaskhArabicRegular),
			Bold:    parse("NotoNaskhArabic-Bold", fonts.NotoNaskhArabicBold),
			Scripts: []language.Script{language.Arabic},
		}
		if fontsErr != nil {
			return
		}
		set := &typeset.FontSet{Families: []typeset.Family{sans, naskh}}
		m := make(map[*typeset.Font]*embedFont)
		for _, fam := range set.Families {
			for _, f := range []*typeset.Font{fam.Regular, fam.Bold} {
				ef, err := newEmbedFont(f)
				if err != nil {
					fontsErr = err
					return
				}
				m[f] = ef
			}
		}
		fontSet, embeds = set, m
	})
	if fontsErr != nil {
		return nil, nil, fmt.Errorf("pdf: bundled fonts: %w", fontsErr)
	}
	return fontSet, embeds, nil
}

// enginePool keeps typesetting engines (HarfBuzz buffers, per-font faces)
// warm across exports; an engine serves one goroutine at a time.
var enginePool = sync.Pool{New: func() any { return typeset.NewEngine() }}
