package pdf

import (
	"bytes"
	"communique/app/pdf/archival"
	"encoding/xml"
	"regexp"
	"strings"
	"testing"
)

// TestPDFAParts checks, one by one, the PDF/A-2u rules that can be checked
// here without a PDF/A validator (none is packaged for Debian), with qpdf
// and poppler as the readers:
//
//   - 6.1.2 header: a binary comment after %PDF-; 6.1.3 trailer /ID, no
//     /Encrypt; qpdf --check clean (6.1.7 streams, 6.1.8 xref).
//   - 6.2.3/6.2.4.3 an sRGB output intent (GTS_PDFA1) with its ICC profile
//     embedded, ICC version below 5.
//   - 6.2.11.4 every font embedded (pdffonts), 6.2.11.7.2 with ToUnicode.
//   - 6.6.2 XMP metadata that parses, uncompressed; 6.6.4 pdfaid part 2,
//     conformance U; 6.6.2.3.1 pdfuaid declared by an extension schema;
//     6.6.3 Info dates, title and producer agreeing with XMP.
//   - 6.1.10/6.6.1 no JavaScript, no actions, no external content.
//
// Not checked: the full PDF/A and PDF/UA (Matterhorn) rule sets of a
// validator such as veraPDF; transparency groups (the logo's soft mask is
// allowed in PDF/A-2 with an output intent); annotation flags of the
// signature widget that package sign adds.
func TestPDFAParts(t *testing.T) {
	lines := readScriptLines(t)
	for _, lang := range []string{"en", "ar", "ckb"} {
		t.Run(lang, func(t *testing.T) {
			doc := statement(t, lang, lines)
			res, err := Export(doc)
			if err != nil {
				t.Fatal(err)
			}
			checkPDFA(t, lang, doc, res.PDF)
		})
	}
}

func checkPDFA(t *testing.T, name string, doc Document, pdf []byte) {
	t.Helper()
	path := writeTemp(t, name+".pdf", pdf)
	high := 0
	if nl := bytes.IndexByte(pdf, '\n'); bytes.HasPrefix(pdf, []byte("%PDF-1.")) && nl > 0 && nl+1 < len(pdf) && pdf[nl+1] == '%' {
		for _, c := range pdf[nl+2 : nl+2+bytes.IndexByte(pdf[nl+2:], '\n')] {
			if c >= 0x80 {
				high++
			}
		}
	}
	if high < 4 {
		t.Errorf("%s: header %q lacks a comment of four or more bytes above 127", name, pdf[:min(20, len(pdf))])
	}
	if out := run(t, "qpdf", "--check", path); !strings.Contains(out, "No syntax or stream encoding errors found") {
		t.Errorf("%s: qpdf --check:\n%s", name, out)
	}
	tail := pdf[bytes.LastIndex(pdf, []byte("trailer")):]
	if !regexp.MustCompile(`/ID \[<[0-9a-f]{32}><[0-9a-f]{32}>\]`).Match(tail) || bytes.Contains(tail, []byte("/Encrypt")) {
		t.Errorf("%s: trailer lacks /ID or has /Encrypt:\n%s", name, tail)
	}
	for _, bad := range []string{"/JavaScript", "/JS ", "/AA ", "/Launch", "/URI", "/GoToR", "/EmbeddedFile "} {
		if bytes.Contains(pdf, []byte(bad)) {
			t.Errorf("%s: file contains %s", name, bad)
		}
	}
	info := run(t, "pdfinfo", path)
	for _, want := range []string{"Tagged:          yes", "JavaScript:      no", "Encrypted:       no", "Metadata Stream: yes"} {
		if !strings.Contains(info, want) {
			t.Errorf("%s: pdfinfo lacks %q", name, want)
		}
	}

	// Output intent and its profile, as qpdf reads them.
	qdf := run(t, "qpdf", "--qdf", "--object-streams=disable", path, "-")
	m := regexp.MustCompile(`/OutputIntents \[\s*<<[^>]*/DestOutputProfile (\d+) 0 R[^>]*/S /GTS_PDFA1`).FindStringSubmatch(qdf)
	if m == nil {
		t.Fatalf("%s: no GTS_PDFA1 output intent in the catalog", name)
	}
	qdfPath := writeTemp(t, name+".qdf.pdf", []byte(qdf))
	icc := []byte(run(t, "qpdf", "--show-object="+m[1], "--filtered-stream-data", qdfPath))
	if !bytes.Equal(icc, archival.SRGBProfile) || len(icc) < 128 || string(icc[36:40]) != "acsp" || icc[8] >= 5 || string(icc[16:20]) != "RGB " {
		t.Errorf("%s: output intent profile is not the embedded sRGB ICC (v<5, RGB) profile (%d bytes)", name, len(icc))
	}

	// XMP: well-formed, uncompressed, declaring PDF/A-2u and PDF/UA-1.
	meta := run(t, "pdfinfo", "-meta", path)
	dec := xml.NewDecoder(strings.NewReader(meta))
	props := map[string]string{}
	var stack []string
	for {
		tok, err := dec.Token()
		if err != nil {
			if err.Error() != "EOF" {
				t.Fatalf("%s: XMP does not parse: %v", name, err)
			}
			break
		}
		switch e := tok.(type) {
		case xml.StartElement:
			stack = append(stack, e.Name.Space+" "+e.Name.Local)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		case xml.CharData:
			if len(stack) > 0 && strings.TrimSpace(string(e)) != "" {
				props[stack[len(stack)-1]] += string(e)
			}
		}
	}
	for key, want := range map[string]string{
		"http://www.aiim.org/pdfa/ns/id/ part":        "2",
		"http://www.aiim.org/pdfa/ns/id/ conformance": "U",
		"http://www.aiim.org/pdfua/ns/id/ part":       "1",
		"http://www.aiim.org/pdfa/ns/schema# prefix":  "pdfuaid",
		"http://ns.adobe.com/pdf/1.3/ Producer":       producer,
		"http://ns.adobe.com/xap/1.0/ CreateDate":     doc.Date.UTC().Format("2006-01-02T15:04:05Z"),
	} {
		if got := props[key]; got != want {
			t.Errorf("%s: XMP %s = %q, want %q", name, key, got, want)
		}
	}
	if !strings.Contains(meta, "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">") || !strings.Contains(info, "Title:           "+strings.TrimSpace(doc.Title.Text)) {
		t.Errorf("%s: dc:title or Info title missing", name)
	}
	if want := "CreationDate:    " + doc.Date.UTC().Format("Mon Jan _2 15:04:05 2006") + " UTC"; !strings.Contains(info, want) {
		t.Errorf("%s: pdfinfo lacks %q (Info and XMP dates must agree):\n%s", name, want, info)
	}
	if bytes.Contains(pdf, []byte("/Metadata")) && regexp.MustCompile(`/Type /Metadata /Subtype /XML /Filter`).Match(pdf) {
		t.Errorf("%s: metadata stream is compressed", name)
	}
}
