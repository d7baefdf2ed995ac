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
// statement, and nothing about them changes between exports. Each family is
// loaded on first use, so a document with no Arabic-script text never pays
// for Noto Naskh Arabic (a third of a one-language export's cold start).
type family struct {
	once  sync.Once
	fam   typeset.Family
	faces [2]*face // regular, bold
	err   error
}

var (
	sansFamily, naskhFamily family
	// latinSet and fullSet are built once from the loaded families, so the
	// same *FontSet (and HarfBuzz's cached plans for its fonts) is reused.
	latinOnce, fullOnce sync.Once
	latinSet, fullSet   *typeset.FontSet
)

// fontsFor returns the fonts a document needs: Noto Sans always (Latin,
// Greek, Cyrillic, and the Latin acronyms inside other scripts), Noto Naskh
// Arabic when any text is in the Arabic script, the family chosen for the
// document's language (doc.Font, else the language's default system
// family, see package fonts), and a system family for any other script the
// texts quote. faces maps each font to its re-encoded face for the PDF
// writer.
func fontsFor(doc *Document, texts []string) (*typeset.FontSet, map[*typeset.Font]*face, error) {
	return fontSetFor(doc, texts, true)
}

// fontSetFor is fontsFor; without forWriter, the faces of system families
// are not prepared (and not in the map): enough to check coverage.
func fontSetFor(doc *Document, texts []string, forWriter bool) (*typeset.FontSet, map[*typeset.Font]*face, error) {
	sans, err := sansFamily.load("NotoSans", fonts.NotoSansRegular, fonts.NotoSansBold, nil, 0)
	if err != nil {
		return nil, nil, err
	}
	faces := map[*typeset.Font]*face{sans.fam.Regular: sans.faces[0], sans.fam.Bold: sans.faces[1]}
	extra, err := systemFamilies(doc, texts)
	if err != nil {
		return nil, nil, err
	}
	arabic := needsArabic(texts...)
	if !arabic && len(extra) == 0 {
		latinOnce.Do(func() { latinSet = &typeset.FontSet{Families: []typeset.Family{sans.fam}} })
		return latinSet, faces, nil
	}
	var naskh *family
	if arabic {
		naskh, err = naskhFamily.load("NotoNaskhArabic", fonts.NotoNaskhArabicRegular, fonts.NotoNaskhArabicBold,
			[]language.Script{language.Arabic}, 1)
		if err != nil {
			return nil, nil, err
		}
		faces[naskh.fam.Regular], faces[naskh.fam.Bold] = naskh.faces[0], naskh.faces[1]
	}
	if len(extra) == 0 {
		fullOnce.Do(func() { fullSet = &typeset.FontSet{Families: []typeset.Family{sans.fam, naskh.fam}} })
		return fullSet, faces, nil
	}
	// The chosen families come first: a family claiming Arabic (Noto
	// Nastaliq Urdu) then wins over Naskh for the script.
	var fams []typeset.Family
	key := ""
	for _, s := range extra {
		fams = append(fams, s.fam)
		key += s.key + "\x00"
		if !forWriter {
			continue
		}
		fs, err := s.writerFaces(texts)
		if err != nil {
			return nil, nil, &FontError{Lang: doc.Lang, Family: s.choice.Family, Err: err}
		}
		faces[s.fam.Regular] = fs[0]
		if fs[1] != nil {
			faces[s.fam.Bold] = fs[1]
		}
	}
	fams = append(fams, sans.fam)
	if naskh != nil {
		fams = append(fams, naskh.fam)
		key += "naskh"
	}
	set, _ := fontSets.LoadOrStore(key, &typeset.FontSet{Families: fams})
	return set.(*typeset.FontSet), faces, nil
}

// fontSets keeps one FontSet per combination of families, so that HarfBuzz's
// cached plans for its fonts are reused from one export to the next.
var fontSets sync.Map

// Preload parses the fonts every document needs, so that a caller can
// overlap that work with its own start-up (reading the workspace, checking
// translations) instead of paying for it in the first export. It is safe to
// call from any goroutine, any number of times.
func Preload() {
	_, _, _ = fontsFor(&Document{}, nil) // an error is reported by the export that needs the fonts
}

// load parses a family's two faces concurrently (go-text reads every glyph
// outline up front) and prepares them for merging. rank orders families in
// the merged document font; regular faces come before bold ones, so body
// text keeps plain codes.
func (f *family) load(name string, regular, bold []byte, scripts []language.Script, rank int) (*family, error) {
	f.once.Do(func() {
		var r, b *typeset.Font
		var rerr, berr error
		var wg sync.WaitGroup
		wg.Go(func() { r, rerr = typeset.NewFont(name+"-Regular", regular) })
		b, berr = typeset.NewFont(name+"-Bold", bold)
		wg.Wait()
		if f.err = errors.Join(rerr, berr); f.err != nil {
			return
		}
		f.fam = typeset.Family{Regular: r, Bold: b, Scripts: scripts}
		if f.faces[0], f.err = newFace(r, rank); f.err != nil {
			return
		}
		f.faces[1], f.err = newFace(b, 2+rank)
	})
	if f.err != nil {
		return nil, fmt.Errorf("pdf: bundled fonts: %w", f.err)
	}
	return f, nil
}

// needsArabic reports whether any of the texts is in the Arabic script.
func needsArabic(texts ...string) bool {
	for _, t := range texts {
		for _, r := range t {
			if r >= 0x0600 && r <= 0x08FF || r >= 0xFB50 && r <= 0xFDFF || r >= 0xFE70 && r <= 0xFEFF {
				return true
			}
		}
	}
	return false
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
