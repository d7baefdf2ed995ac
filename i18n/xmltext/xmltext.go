// Package xmltext reads and writes the text of the XML exchange formats CAT
// tools speak (XLIFF, TMX): the words of a segment whatever inline markup
// surrounds them, and text escaped for an element's content.
package xmltext

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"strings"
)

// CharData returns the character data of an element's inner XML, inline
// markup (<g>, <mrk>, <x/>, <hi>, <ph>…) dropped but the text inside it
// kept: a CAT tool's formatting codes are not part of a translation.
func CharData(inner []byte) (string, error) {
	d := xml.NewDecoder(bytes.NewReader(inner))
	var b strings.Builder
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			return b.String(), nil
		}
		if err != nil {
			return "", err
		}
		if cd, ok := tok.(xml.CharData); ok {
			b.Write(cd)
		}
	}
}

// Escape returns s escaped for use as element content.
func Escape(s string) []byte {
	var b bytes.Buffer
	_ = xml.EscapeText(&b, []byte(s)) // a bytes.Buffer does not fail
	return b.Bytes()
}
