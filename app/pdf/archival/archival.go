// Package archival makes the writer's output a PDF/A-2u file: the sRGB
// output intent and document information that agrees with the XMP.
package archival

import (
	"bytes"
	"compress/zlib"
	_ "embed" // the sRGB output intent profile
	"errors"
	"fmt"
	"regexp"
	"sync"

	"communique/app/pdf/pdfobj"
)

// Every export is PDF/A-2u (ISO 19005-2, level U: Unicode text) as well as
// PDF/UA-1: statements are kept as records, and archival costs a 2.5 KB
// colour profile per file, so there is no switch to turn it off. What the
// writer does for it: fonts embedded and subset with a ToUnicode entry for
// every code (../docfont.go), an sRGB output intent, XMP metadata declaring
// pdfaid part 2 conformance U (and pdfuaid, through an extension schema,
// since PDF/A does not predefine it) that agrees with the document
// information, a trailer /ID, no encryption, JavaScript or external
// content. Signing appends an incremental update (package sign).

// SRGBProfile is the profile (see icc/ for its source and licence).
//
//go:embed icc/sRGB.icc
var SRGBProfile []byte

// iccStream is the profile's stream object, compressed once per process:
// compressing it took a tenth of a one-language export when fpdf did it
// for every file.
var iccStream = sync.OnceValue(func() []byte {
	var z bytes.Buffer
	w, _ := zlib.NewWriterLevel(&z, zlib.BestCompression)
	w.Write(SRGBProfile)
	w.Close()
	b := fmt.Appendf(nil, "<</N 3 /Alternate /DeviceRGB /Filter /FlateDecode /Length %d>>\nstream\n", z.Len())
	b = append(b, z.Bytes()...)
	return append(b, "\nendstream"...)
})

// AddOutputIntent declares the sRGB profile the colours are meant in
// (ISO 19005-2 6.2.3): text and rules are DeviceGray, the logo DeviceRGB.
func AddOutputIntent(p *pdfobj.File) {
	n := p.Add(iccStream())
	p.AddToDict(p.Root, fmt.Sprintf("/OutputIntents [<</Type /OutputIntent /S /GTS_PDFA1 "+
		"/OutputConditionIdentifier (sRGB IEC61966-2.1) /Info (sRGB IEC61966-2.1) /DestOutputProfile %d 0 R>>]", n))
}

var reInfoDate = regexp.MustCompile(`(/(?:CreationDate|ModDate) \(D:\d{14})\)`)

// FixInfo points the trailer at the document information dictionary and
// gives its dates their time zone. fpdf takes the information for the
// object before the catalog, which is wrong when anything (an output
// intent of its own) comes between; and it writes the date's wall-clock
// time with no zone, while
// ISO 19005-2 6.6.3 wants the dates to agree with the XMP ones, which are
// in UTC like every export's date.
func FixInfo(p *pdfobj.File) error {
	for n, o := range p.Objs {
		if bytes.HasPrefix(o, []byte("<<")) && bytes.Contains(o, []byte("\n/Producer ")) && bytes.Contains(o, []byte("\n/CreationDate ")) {
			p.Info = n
			p.Objs[n] = reInfoDate.ReplaceAll(o, []byte("${1}Z)"))
			return nil
		}
	}
	return errors.New("pdf: no document information dictionary in fpdf's output")
}
