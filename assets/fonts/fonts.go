// Package fonts embeds the typefaces Communiqué typesets statements with:
// Noto Sans (Latin, Greek, Cyrillic) and Noto Naskh Arabic (Arabic, Persian,
// Sorani), regular and bold, under the SIL Open Font License (OFL.txt).
package fonts

import _ "embed"

// The font files are TrueType (glyf) outlines, the only kind fpdf embeds.
var (
	//go:embed NotoSans-Regular.ttf
	NotoSansRegular []byte
	//go:embed NotoSans-Bold.ttf
	NotoSansBold []byte
	//go:embed NotoNaskhArabic-Regular.ttf
	NotoNaskhArabicRegular []byte
	//go:embed NotoNaskhArabic-Bold.ttf
	NotoNaskhArabicBold []byte
	//go:embed OFL.txt
	License string
)
