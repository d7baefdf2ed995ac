package sign

import (
	"bytes"
	"context"
	"encoding/pem"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	pdfsign "github.com/digitorus/pdfsign/sign"
)

// The red team: attack classes beyond issue 10's seven, each built here
// from Communiqué's certified and approval exports and from PDFs certified
// by another implementation (pdfsign, at P=2 and P=3). Every forged file
// must leave the first signature short of valid; where the attack changes
// what is shown, poppler must render it differently from the signed file
// (the attack is real). Annotations added after a P=3 certification are
// what that signer allowed: they stay valid and are reported.

type rtAttack struct {
	name string
	// build returns the forged file, or nil when the attack does not
	// apply to this base.
	build func(t *testing.T, b rtBase) []byte
	// renders: the attack changes the rendered page (checked on the
	// approval base).
	renders bool
	// annotation: allowed by a P=3 certification.
	annotation bool
}

// forgedPageParts returns a new content stream object and the page
// rewritten to show it.
func forgedPageParts(t *testing.T, data []byte) (page int, pageBody string, content rawObj) {
	page, maxID := firstPage(t, data)
	body := regexp.MustCompile(`/Contents \d+ 0 R`).ReplaceAllString(lastDefinition(t, data, page), fmt.Sprintf("/Contents %d 0 R", maxID+1))
	return page, body, rawObj{maxID + 1, streamBody(forgedContent), true}
}

func rtStructureAttacks() []rtAttack {
	return []rtAttack{
		{name: "xref stream update swaps the page", renders: true, build: func(t *testing.T, b rtBase) []byte {
			page, body, content := forgedPageParts(t, b.pdf)
			return appendXrefStreamUpdate(t, b.pdf, []rawObj{content, {page, body, true}}, nil, "")
		}},
		{name: "object stream in an update redefines the signed page", renders: true, build: func(t *testing.T, b rtBase) []byte {
			page, body, content := forgedPageParts(t, b.pdf)
			return appendXrefStreamUpdate(t, b.pdf, []rawObj{content}, []rawObj{{page, body, true}}, "")
		}},
		{name: "hybrid update: /XRefStm redefines the page", renders: true, build: hybridUpdate},
		{name: "/Prev loops to its own section", build: func(t *testing.T, b rtBase) []byte {
			f := forgePage(t, b.pdf)
			return setPrev(t, f, lastXref(t, f))
		}},
		{name: "/Prev loops between two updates", build: prevLoop},
		{name: "/Prev points into the signed range", build: func(t *testing.T, b rtBase) []byte {
			page, _ := firstPage(t, b.pdf)
			at := bytes.Index(b.pdf, fmt.Appendf(nil, "\n%d 0 obj", page)) + 1
			return setPrev(t, forgePage(t, b.pdf), at)
		}},
		{name: "/Prev skips the revision that swaps the page", build: func(t *testing.T, b rtBase) []byte {
			u1 := forgePage(t, b.pdf)
			root := rootNum(t, b.pdf)
			u2 := appendUpdate(t, u1, map[int]string{root: lastDefinition(t, b.pdf, root)})
			return setPrev(t, u2, lastXref(t, b.pdf))
		}},
		{name: "generation bump of the signed page (kids updated)", renders: true, build: func(t *testing.T, b rtBase) []byte {
			return genBump(t, b.pdf, true)
		}},
		{name: "generation bump of the signed page (kids not updated)", build: func(t *testing.T, b rtBase) []byte {
			return genBump(t, b.pdf, false)
		}},
		{name: "update re-lists the page at an older offset", build: func(t *testing.T, b rtBase) []byte {
			// Point the page at the content stream's offset: another object.
			page, _ := firstPage(t, b.pdf)
			c := contentsOf(t, b.pdf, page)
			at := bytes.Index(b.pdf, fmt.Appendf(nil, "\n%d 0 obj", c)) + 1
			return appendRawUpdate(t, b.pdf, nil, []xrow{{page, int64(at), 0, 'n'}})
		}},
		{name: "/Encrypt added in an update's trailer", build: func(t *testing.T, b rtBase) []byte {
			f := forgePage(t, b.pdf)
			i := bytes.LastIndex(f, []byte("trailer\n<<"))
			return append(f[:i+len("trailer\n<<")], append([]byte("/Encrypt << /Filter /Standard /V 1 /R 2 /O <00> /U <00> /P -4 >> "), f[i+len("trailer\n<<"):]...)...)
		}},
		{name: "update redefines an object inside the signed range (entry into the signed content stream)", build: func(t *testing.T, b rtBase) []byte {
			page, maxID := firstPage(t, b.pdf)
			c := contentsOf(t, b.pdf, page)
			at := bytes.Index(b.pdf, fmt.Appendf(nil, "\n%d 0 obj", c)) + 40
			return appendRawUpdate(t, b.pdf, nil, []xrow{{maxID + 3, int64(at), 0, 'n'}})
		}},
	}
}

// hybridUpdate: a classic section that changes nothing, whose /XRefStm
// names a cross-reference stream redefining the page (readers that honour
// /XRefStm see the forgery, others the original).
func hybridUpdate(t *testing.T, b rtBase) []byte {
	page, body, content := forgedPageParts(t, b.pdf)
	size, root, info, prev := trailerOf(t, b.pdf)
	out := bytes.Clone(b.pdf)
	cAt := len(out)
	out = fmt.Appendf(out, "%d 0 obj\n%s\nendobj\n", content.num, content.body)
	pAt := len(out)
	out = fmt.Appendf(out, "%d 0 obj\n%s\nendobj\n", page, body)
	x := max(size, content.num+1)
	xsAt := len(out)
	rows := []byte{1, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0}
	putOff := func(r []byte, off int) {
		r[1], r[2], r[3], r[4] = byte(off>>24), byte(off>>16), byte(off>>8), byte(off)
	}
	putOff(rows[0:7], cAt)
	putOff(rows[7:14], pAt)
	out = fmt.Appendf(out, "%d 0 obj\n<</Type /XRef /Size %d /W [1 4 2] /Index [%d 1 %d 1] /Length %d>>\nstream\n",
		x, x+1, content.num, page, len(rows))
	out = append(out, rows...)
	out = append(out, "\nendstream\nendobj\n"...)
	xref := len(out)
	out = fmt.Appendf(out, "xref\n0 0\ntrailer\n<</Size %d /Root %s%s /Prev %d /XRefStm %d>>\nstartxref\n%d\n%%%%EOF\n", x+1, root, info, prev, xsAt, xref)
	return out
}

// prevLoop: two updates whose /Prev name each other.
func prevLoop(t *testing.T, b rtBase) []byte {
	u1 := forgePage(t, b.pdf)
	x1 := lastXref(t, u1)
	root := rootNum(t, b.pdf)
	u2 := appendUpdate(t, u1, map[int]string{root: lastDefinition(t, b.pdf, root)})
	x2 := lastXref(t, u2)
	old := fmt.Sprintf("/Prev %d>>", lastXref(t, b.pdf))
	i := bytes.LastIndex(u2[:x2], []byte(old))
	repl := fmt.Sprintf("/Prev %d>>", x2)
	if i < x1 || len(repl) != len(old) {
		return nil
	}
	out := bytes.Clone(u2)
	copy(out[i:], repl)
	return out
}

// genBump redefines the page as generation 1 with forged content; with
// kids, the page tree names the new generation.
func genBump(t *testing.T, data []byte, kids bool) []byte {
	page, body, content := forgedPageParts(t, data)
	parent := regexp.MustCompile(`/Parent (\d+) 0 R`).FindStringSubmatch(body)
	objs := []rawObj{content}
	if kids && parent != nil {
		n, _ := strconv.Atoi(parent[1])
		pb := strings.ReplaceAll(lastDefinition(t, data, n), fmt.Sprintf("%d 0 R", page), fmt.Sprintf("%d 1 R", page))
		objs = append(objs, rawObj{n, pb, true})
	}
	out := appendRawUpdate(t, data, objs, nil)
	// Splice in the page as "N 1 obj" with its own section.
	size, root, info, prev := trailerOf(t, out)
	at := len(out)
	out = fmt.Appendf(out, "%d 1 obj\n%s\nendobj\n", page, body)
	xref := len(out)
	out = fmt.Appendf(out, "xref\n%d 1\n%010d 00001 n\r\ntrailer\n<</Size %d /Root %s%s /Prev %d>>\nstartxref\n%d\n%%%%EOF\n", page, at, size, root, info, prev, xref)
	return out
}

func rtByteRangeAttacks() []rtAttack {
	// edit rewrites the last signature's /ByteRange numbers in place.
	edit := func(f func(a, b, c int) string) func(t *testing.T, b rtBase) []byte {
		return func(t *testing.T, base rtBase) []byte {
			m := byteRangeRE.FindAllSubmatchIndex(base.pdf, -1)
			last := m[len(m)-1]
			n := func(i int) int { v, _ := strconv.Atoi(string(base.pdf[last[2*i]:last[2*i+1]])); return v }
			old := string(base.pdf[last[0]:last[1]])
			return sameLength(t, base.pdf, old, f(n(2), n(3), n(4)))
		}
	}
	contents := func(repl string) func(t *testing.T, b rtBase) []byte {
		return func(t *testing.T, base rtBase) []byte {
			a, bb := signedGap(t, base.pdf)
			start := bytes.LastIndex(base.pdf[:a], []byte("/Contents"))
			return sameLength(t, base.pdf, string(base.pdf[start:bb]), repl)
		}
	}
	return []rtAttack{
		{name: "ByteRange overlapping", build: edit(func(a, b, c int) string { return fmt.Sprintf("/ByteRange [0 %d %d %d]", b, a, c) })},
		{name: "ByteRange short of the end", build: edit(func(a, b, c int) string { return fmt.Sprintf("/ByteRange [0 %d %d %d]", a, b, c-20) })},
		{name: "ByteRange hole not at /Contents", build: edit(func(a, b, c int) string { return fmt.Sprintf("/ByteRange [0 %d %d %d]", a-12, b, c) })},
		{name: "ByteRange negative", build: edit(func(a, b, c int) string {
			return fmt.Sprintf("/ByteRange [0 %d -%s %d]", a, strconv.Itoa(b)[1:], c)
		})},
		{name: "ByteRange beyond the end", build: edit(func(a, b, c int) string {
			return fmt.Sprintf("/ByteRange [0 %d %d %s]", a, b, strings.Repeat("9", len(strconv.Itoa(c))))
		})},
		{name: "ByteRange [0 0 0 0]", build: edit(func(a, b, c int) string { return "/ByteRange [0 0 0 0]" })},
		{name: "ByteRange null", build: edit(func(a, b, c int) string { return "/ByteRange null" })},
		{name: "ByteRange missing", build: edit(func(a, b, c int) string { return "/ByteRangX [0 0 0 0]" })},
		{name: "/Contents missing", build: contents("")},
		{name: "/Contents empty", build: contents("/Contents <>")},
		{name: "/Contents null", build: contents("/Contents null")},
		{name: "/Contents with data after the CMS", build: func(t *testing.T, base rtBase) []byte {
			a, bb := signedGap(t, base.pdf)
			gap := string(base.pdf[a:bb])
			i := strings.LastIndexFunc(strings.TrimRight(gap, ">"), func(r rune) bool { return r != '0' })
			next := (i-1)/2*2 + 3 // the first hex pair after the one holding digit i
			if next+2 > len(gap)-1 {
				return nil
			}
			out := bytes.Clone(base.pdf)
			copy(out[a+next:], "ab")
			return out
		}},
		{name: "signature wrapping: signed bytes moved, ByteRange rewritten", build: func(t *testing.T, base rtBase) []byte {
			// The signed tail is copied into a stream after a forged
			// update, and the first signature's range points at the copy.
			a, bb := signedGap(t, base.pdf)
			tail := base.pdf[bb:]
			out := fmt.Appendf(forgePage(t, base.pdf), "9999 0 obj\n<</Length %d>>\nstream\n", len(tail))
			nb := len(out)
			out = append(out, tail...)
			out = append(out, "\nendstream\nendobj\n"...)
			last := byteRangeRE.FindAllSubmatchIndex(out, -1)[0]
			repl := fmt.Sprintf("/ByteRange [0 %d %d %d]", a, nb, len(tail))
			old := string(out[last[0]:last[1]])
			if len(repl) > len(old) {
				return nil
			}
			return sameLength(t, out, old, repl)
		}},
	}
}

// newSigField adds a signature field with the given widget extras and
// signature value to the form and page.
func newSigField(t *testing.T, data []byte, widgetExtra, sigValue string, extra ...rawObj) []byte {
	page, maxID := firstPage(t, data)
	holder := fieldsHolder(t, data)
	sig, widget := maxID+1, maxID+2
	objs := []rawObj{
		{widget, fmt.Sprintf("<</Type /Annot /Subtype /Widget /FT /Sig /T (Attacker) /V %s /P %d 0 R %s>>", sigValue, page, widgetExtra), true},
		{page, addToArray(lastDefinition(t, data, page), "Annots", fmt.Sprintf("%d 0 R", widget)), true},
	}
	if sigValue == "" {
		objs[0].body = strings.Replace(objs[0].body, "/V ", "", 1)
	}
	if holder == page {
		t.Fatal("form fields held by the page")
	}
	objs = append(objs, rawObj{holder, addToArray(lastDefinition(t, data, holder), "Fields", fmt.Sprintf("%d 0 R", widget)), true})
	custom := false
	for _, o := range extra {
		custom = custom || o.num == sig
	}
	if strings.Contains(sigValue, fmt.Sprintf("%d 0 R", sig)) && !custom {
		objs = append(objs, rawObj{sig, "<</Type /Sig /Filter /Adobe.PPKLite /SubFilter /adbe.pkcs7.detached /ByteRange [0 0 0 0] /Contents <00>>>", true})
	}
	return appendRawUpdate(t, data, append(objs, extra...), nil)
}

// firstSigRef returns the reference text of the first signature value.
func firstSigRef(t *testing.T, data []byte) string {
	m := regexp.MustCompile(`/V (\d+ 0 R)`).FindSubmatch(data)
	if m == nil {
		t.Fatal("no signature value")
	}
	return string(m[1])
}

func rtFormAttacks() []rtAttack {
	annot := func(sub, extra string) func(t *testing.T, b rtBase) []byte {
		return func(t *testing.T, b rtBase) []byte {
			page, maxID := firstPage(t, b.pdf)
			a, ap := maxID+1, maxID+2
			return appendRawUpdate(t, b.pdf, []rawObj{
				{a, fmt.Sprintf("<</Type /Annot /Subtype /%s /Rect [0 0 600 850] /F 4 /AP <</N %d 0 R>> %s>>", sub, ap, extra), true},
				{ap, overlayAP(), true},
				{page, addToArray(lastDefinition(t, b.pdf, page), "Annots", fmt.Sprintf("%d 0 R", a)), true},
			}, nil)
		}
	}
	return []rtAttack{
		{name: "FreeText overlay added", renders: true, annotation: true, build: annot("FreeText", "/DA (/Helv 12 Tf 0 g) /Contents (x)")},
		{name: "Stamp overlay added", renders: true, annotation: true, build: annot("Stamp", "")},
		{name: "Link with an appearance added", renders: true, annotation: true, build: annot("Link", "/A << /S /URI /URI (http://example.com) >>")},
		{name: "Widget of an unsigned text field added", renders: true, build: func(t *testing.T, b rtBase) []byte {
			f := annot("Widget", "/FT /Tx /T (overlay) /V (x)")(t, b)
			_, maxID := firstPage(t, b.pdf)
			holder := fieldsHolder(t, b.pdf)
			return appendRawUpdate(t, f, []rawObj{{holder, addToArray(lastDefinition(t, b.pdf, holder), "Fields", fmt.Sprintf("%d 0 R", maxID+1)), true}}, nil)
		}},
		{name: "new signature widget without appearance but with a background (/MK)", renders: true, build: func(t *testing.T, b rtBase) []byte {
			_, maxID := firstPage(t, b.pdf)
			return newSigField(t, b.pdf, "/Rect [0 0 600 850] /F 4 /MK << /BG [1 0 0] /BC [1 0 0] >>", fmt.Sprintf("%d 0 R", maxID+1))
		}},
		{name: "new unsigned signature field with a visible appearance", renders: true, build: func(t *testing.T, b rtBase) []byte {
			_, maxID := firstPage(t, b.pdf)
			return newSigField(t, b.pdf, fmt.Sprintf("/Rect [0 0 600 850] /F 4 /AP <</N %d 0 R>>", maxID+3), "", rawObj{maxID + 3, overlayAP(), true})
		}},
		{name: "new signature widget hidden on screen but printed (NoView, Print)", build: func(t *testing.T, b rtBase) []byte {
			_, maxID := firstPage(t, b.pdf)
			return newSigField(t, b.pdf, fmt.Sprintf("/Rect [0 0 600 850] /F 36 /AP <</N %d 0 R>>", maxID+3), "", rawObj{maxID + 3, overlayAP(), true})
		}},
		{name: "a signature relabelled /DocTimeStamp after a no-changes certification", build: func(t *testing.T, b rtBase) []byte {
			if b.level != 1 {
				return nil // later signatures are allowed there
			}
			_, maxID := firstPage(t, b.pdf)
			return newSigField(t, b.pdf, "/Rect [0 0 0 0] /F 132", fmt.Sprintf("%d 0 R", maxID+1), rawObj{maxID + 1,
				"<</Type /DocTimeStamp /Filter /Adobe.PPKLite /SubFilter /adbe.pkcs7.detached /ByteRange [0 0 0 0] /Contents <00>>>", true})
		}},
		{name: "new hidden signature widget runs JavaScript when the page opens (/AA)", build: func(t *testing.T, b rtBase) []byte {
			_, maxID := firstPage(t, b.pdf)
			return newSigField(t, b.pdf, "/Rect [0 0 0 0] /F 132 /AA << /PO << /S /JavaScript /JS (this.getField('x').display = 0;) >> >>", fmt.Sprintf("%d 0 R", maxID+1))
		}},
		{name: "JavaScript link annotation added", build: annot("Link", "/A << /S /JavaScript /JS (app.alert(1)) >>")},
		{name: "a second field shares the signature value (/V)", build: func(t *testing.T, b rtBase) []byte {
			return newSigField(t, b.pdf, "/Rect [0 0 0 0] /F 132", firstSigRef(t, b.pdf))
		}},
	}
}

func rtDocumentAttacks() []rtAttack {
	catalog := func(entries string, objs ...rawObj) func(t *testing.T, b rtBase) []byte {
		return func(t *testing.T, b rtBase) []byte {
			root := rootNum(t, b.pdf)
			body := lastDefinition(t, b.pdf, root)
			// The key the attack sets replaces any the catalog has.
			key := strings.Fields(entries)[0][1:]
			body = regexp.MustCompile(`/`+key+`\s*<<[^<>]*>>`).ReplaceAllString(withoutKey(body, key), "")
			return appendRawUpdate(t, b.pdf, append(objs, rawObj{root, withKey(body, entries), true}), nil)
		}
	}
	page := func(f func(t *testing.T, data []byte, body string) string) func(t *testing.T, b rtBase) []byte {
		return func(t *testing.T, b rtBase) []byte {
			p, _ := firstPage(t, b.pdf)
			return appendRawUpdate(t, b.pdf, []rawObj{{p, f(t, b.pdf, lastDefinition(t, b.pdf, p)), true}}, nil)
		}
	}
	return []rtAttack{
		{name: "/OpenAction JavaScript added", build: catalog("/OpenAction << /S /JavaScript /JS (app.alert(1)) >>")},
		{name: "/Names /EmbeddedFiles added", build: func(t *testing.T, b rtBase) []byte {
			root := rootNum(t, b.pdf)
			body := lastDefinition(t, b.pdf, root)
			file := "(a.txt) << /Type /Filespec /F (a.txt) >>"
			if nb := strings.Replace(body, "/EmbeddedFiles <</Names []>>", "/EmbeddedFiles <</Names ["+file+"]>>", 1); nb != body {
				// The exports carry an empty attachment list: fill it.
				return appendRawUpdate(t, b.pdf, []rawObj{{root, nb, true}}, nil)
			}
			return catalog("/Names << /EmbeddedFiles << /Names ["+file+"] >> >>")(t, b)
		}},
		{name: "/OCProperties added to hide the page", build: catalog("/OCProperties << /OCGs [] /D << /OFF [] >> >>")},
		{name: "/Perms /DocMDP removed", build: func(t *testing.T, b rtBase) []byte {
			root := rootNum(t, b.pdf)
			body := lastDefinition(t, b.pdf, root)
			nb := regexp.MustCompile(`/Perms\s*<<[^<>]*>>`).ReplaceAllString(body, "")
			if nb == body {
				nb = withoutKey(body, "Perms")
			}
			if nb == body {
				return nil
			}
			return appendRawUpdate(t, b.pdf, []rawObj{{root, nb, true}}, nil)
		}},
		{name: "DocMDP /P raised in the signature dictionary", build: func(t *testing.T, b rtBase) []byte {
			n, _ := strconv.Atoi(strings.Fields(firstSigRef(t, b.pdf))[0])
			body := lastDefinition(t, b.pdf, n)
			nb := regexp.MustCompile(`/P \d`).ReplaceAllString(body, "/P 3")
			if nb == body {
				return nil
			}
			return appendRawUpdate(t, b.pdf, []rawObj{{n, nb, true}}, nil)
		}},
		{name: "page /Contents array grows", renders: true, build: func(t *testing.T, b rtBase) []byte {
			p, maxID := firstPage(t, b.pdf)
			body := regexp.MustCompile(`/Contents (\d+ 0 R)`).ReplaceAllString(lastDefinition(t, b.pdf, p), fmt.Sprintf("/Contents [$1 %d 0 R]", maxID+1))
			return appendRawUpdate(t, b.pdf, []rawObj{{maxID + 1, streamBody(forgedContent), true}, {p, body, true}}, nil)
		}},
		{name: "page /Rotate changed", renders: true, build: page(func(t *testing.T, _ []byte, body string) string { return withKey(body, "/Rotate 90") })},
		{name: "page /MediaBox changed", renders: true, build: page(func(t *testing.T, _ []byte, body string) string {
			return withKey(withoutKey(body, "MediaBox"), "/MediaBox [0 0 300 300]")
		})},
		// pdftoppm renders the media box; viewers show the crop box.
		{name: "page /CropBox changed", build: page(func(t *testing.T, _ []byte, body string) string {
			return withKey(withoutKey(body, "CropBox"), "/CropBox [0 400 300 842]")
		})},
		{name: "font replaced", renders: true, build: func(t *testing.T, b rtBase) []byte {
			m := regexp.MustCompile(`(?m)^(\d+) 0 obj\s*<<\s*/Type\s*/Font\s*/BaseFont\s*/Helvetica\b`).FindSubmatch(b.pdf)
			if m == nil {
				t.Fatal("no Helvetica font")
			}
			n, _ := strconv.Atoi(string(m[1]))
			return appendRawUpdate(t, b.pdf, []rawObj{{n, strings.Replace(lastDefinition(t, b.pdf, n), "/Helvetica", "/Courier", 1), true}}, nil)
		}},
		{name: "Info changed", build: func(t *testing.T, b rtBase) []byte {
			m := infoRE.FindAllSubmatch(b.pdf, -1)
			if m == nil {
				return nil
			}
			n, _ := strconv.Atoi(strings.Fields(string(m[len(m)-1][1]))[0])
			return appendRawUpdate(t, b.pdf, []rawObj{{n, withKey(withoutKey(lastDefinition(t, b.pdf, n), "Author"), "/Author (Forger)"), true}}, nil)
		}},
		{name: "XMP metadata added", build: func(t *testing.T, b rtBase) []byte {
			_, maxID := firstPage(t, b.pdf)
			xmp := "<x:xmpmeta xmlns:x='adobe:ns:meta/'/>"
			return catalog(fmt.Sprintf("/Metadata %d 0 R", maxID+1), rawObj{maxID + 1, fmt.Sprintf("<</Type /Metadata /Subtype /XML /Length %d>>\nstream\n%s\nendstream", len(xmp), xmp), true})(t, b)
		}},
	}
}

// TestRedTeam runs every attack class on every signed base.
func TestRedTeam(t *testing.T) {
	bases := rtBases(t)
	var attacks []rtAttack
	for _, group := range [][]rtAttack{rtStructureAttacks(), rtByteRangeAttacks(), rtFormAttacks(), rtDocumentAttacks()} {
		attacks = append(attacks, group...)
	}
	genuine := map[string][]byte{}
	for _, a := range attacks {
		t.Run(a.name, func(t *testing.T) {
			for _, b := range bases {
				forged := a.build(t, b)
				if forged == nil {
					continue
				}
				rep, err := Verify(forged, getPKI(t).roots())
				if err != nil {
					t.Fatalf("%s: %v", b.name, err)
				}
				// The genuine signature is judged by its own verdict: an
				// attacker's dummy signature beside it is invalid anyway.
				first, detail, allowed := VerdictInvalid, rep.Detail, []string(nil)
				for _, s := range rep.Signatures {
					if s.Field == b.field {
						first, detail, allowed = s.Verdict, s.Detail, s.AllowedChanges
						break
					}
				}
				t.Logf("%s: %s / first signature %s: %s", b.name, rep.Verdict, first, detail)
				if a.annotation && b.level >= 3 {
					if first != VerdictValid || len(allowed) == 0 {
						t.Errorf("%s: an annotation a P=3 certification allows: %s, allowed changes %q", b.name, first, allowed)
					}
					continue
				}
				if rep.Verdict == VerdictValid || first == VerdictValid {
					t.Errorf("%s: forged file is %s (first signature %s): %s", b.name, rep.Verdict, first, detail)
				}
				if a.renders && b.name == "approval" {
					if genuine[b.name] == nil {
						genuine[b.name] = render(t, b.pdf)
					}
					if bytes.Equal(genuine[b.name], render(t, forged)) {
						t.Errorf("%s: poppler renders the forgery like the signed file: the attack is not real", b.name)
					}
				}
			}
		})
	}
}

// rawPDF writes a one-revision PDF of the given objects, numbered from 1;
// object 1 is the catalog.
func rawPDF(objs []string) []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
	offs := make([]int, len(objs))
	for i, o := range objs {
		offs[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f\r\n", len(objs)+1)
	for _, o := range offs {
		fmt.Fprintf(&b, "%010d 00000 n\r\n", o)
	}
	fmt.Fprintf(&b, "trailer\n<</Size %d /Root 1 0 R>>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, xref)
	return b.Bytes()
}

// shadowBase signs (approval) a document an attacker prepared.
func shadowBase(t *testing.T, objs []string) []byte {
	t.Helper()
	signed, err := Sign(context.Background(), rawPDF(objs), getPKI(t).leaves[ecP256], Options{Approval: true})
	if err != nil {
		t.Fatal(err)
	}
	expectVerdict(t, signed, VerdictValid, "")
	return signed
}

const shadowText = "BT /F1 18 Tf 40 300 Td (Pay EUR 1,000) Tj ET"

// TestShadowAttacks: documents an attacker prepares for signing, then
// changes within what an approval signature seems to allow ("Shadow
// Attacks", 2021: hide, replace, hide-and-replace).
func TestShadowAttacks(t *testing.T) {
	font := "<</Type /Font /Subtype /Type1 /BaseFont /Helvetica>>"
	cases := []struct {
		name   string
		objs   []string
		update func(t *testing.T, signed []byte) []byte
	}{
		{"hide: a content stream appended to an indirect /Contents array", []string{
			"<</Type /Catalog /Pages 2 0 R>>",
			"<</Type /Pages /Kids [3 0 R] /Count 1>>",
			"<</Type /Page /Parent 2 0 R /MediaBox [0 0 400 400] /Contents 4 0 R /Resources <</Font <</F1 6 0 R>>>>>>",
			"[5 0 R]",
			streamBody(shadowText),
			font,
		}, func(t *testing.T, signed []byte) []byte {
			_, maxID := firstPage(t, signed)
			// The new stream calls itself a hidden signature widget.
			cover := "1 1 1 rg 0 0 400 400 re f 1 0 0 rg 40 280 300 40 re f"
			return appendRawUpdate(t, signed, []rawObj{
				{4, fmt.Sprintf("[5 0 R %d 0 R]", maxID+1), true},
				{maxID + 1, fmt.Sprintf("<</Subtype /Widget /FT /Sig /Rect [0 0 0 0] /Length %d>>\nstream\n%s\nendstream", len(cover), cover), true},
			}, nil)
		}},
		{"replace: an annotation that looks like a field gets a new appearance", []string{
			"<</Type /Catalog /Pages 2 0 R>>",
			"<</Type /Pages /Kids [3 0 R] /Count 1>>",
			"<</Type /Page /Parent 2 0 R /MediaBox [0 0 400 400] /Contents 4 0 R /Annots [5 0 R] /Resources <</Font <</F1 6 0 R>>>>>>",
			streamBody(shadowText),
			"<</Type /Annot /Subtype /FreeText /T (note) /Parent 7 0 R /Rect [0 0 400 400] /F 4 /DA (/Helv 12 Tf) /Contents () /AP <</N 8 0 R>>>>",
			font,
			"<</Type /Annot /Subtype /Popup /Rect [0 0 0 0]>>",
			"<</Type /XObject /Subtype /Form /BBox [0 0 400 400] /Length 0>>\nstream\n\nendstream",
		}, func(t *testing.T, signed []byte) []byte {
			_, maxID := firstPage(t, signed)
			return appendRawUpdate(t, signed, []rawObj{
				{5, strings.Replace(lastDefinition(t, signed, 5), "/AP <</N 8 0 R>>", fmt.Sprintf("/AP <</N %d 0 R>>", maxID+1), 1), true},
				{maxID + 1, overlayAP(), true},
			}, nil)
		}},
		{"hide: optional content switched off after signing", []string{
			"<</Type /Catalog /Pages 2 0 R /OCProperties 7 0 R>>",
			"<</Type /Pages /Kids [3 0 R] /Count 1>>",
			"<</Type /Page /Parent 2 0 R /MediaBox [0 0 400 400] /Contents 4 0 R /Resources <</Font <</F1 6 0 R>> /Properties <</L1 5 0 R>>>>>>",
			streamBody("/OC /L1 BDC " + shadowText + " EMC"),
			"<</Type /OCG /Name (Text)>>",
			font,
			"<</OCGs [5 0 R] /D <</ON [5 0 R] /OFF []>>>>",
		}, func(t *testing.T, signed []byte) []byte {
			return appendRawUpdate(t, signed, []rawObj{{7, "<</OCGs [5 0 R] /D <</ON [] /OFF [5 0 R]>>>>", true}}, nil)
		}},
		{"replace: an XObject the page draws is redefined", []string{
			"<</Type /Catalog /Pages 2 0 R>>",
			"<</Type /Pages /Kids [3 0 R] /Count 1>>",
			"<</Type /Page /Parent 2 0 R /MediaBox [0 0 400 400] /Contents 4 0 R /Resources <</Font <</F1 6 0 R>> /XObject <</X1 5 0 R>>>>>>",
			streamBody("/X1 Do"),
			fmt.Sprintf("<</Type /XObject /Subtype /Form /BBox [0 0 400 400] /Resources <</Font <</F1 6 0 R>>>> /Length %d>>\nstream\n%s\nendstream", len(shadowText), shadowText),
			font,
		}, func(t *testing.T, signed []byte) []byte {
			s := "1 0 0 rg 40 280 300 40 re f"
			return appendRawUpdate(t, signed, []rawObj{{5, fmt.Sprintf("<</Type /XObject /Subtype /Form /BBox [0 0 400 400] /Length %d>>\nstream\n%s\nendstream", len(s), s), true}}, nil)
		}},
		{"replace: the page's resources double as validation data (/DSS)", []string{
			"<</Type /Catalog /Pages 2 0 R /DSS 7 0 R>>",
			"<</Type /Pages /Kids [3 0 R] /Count 1>>",
			"<</Type /Page /Parent 2 0 R /MediaBox [0 0 400 400] /Contents 4 0 R /Resources 7 0 R>>",
			streamBody(shadowText),
			"<</Type /XObject /Subtype /Form /BBox [0 0 400 400] /Length 0>>\nstream\n\nendstream",
			font,
			"<</Font <</F1 6 0 R>>>>",
		}, func(t *testing.T, signed []byte) []byte {
			_, maxID := firstPage(t, signed)
			return appendRawUpdate(t, signed, []rawObj{{maxID + 1, "<</Type /Font /Subtype /Type1 /BaseFont /Courier>>", true},
				{7, fmt.Sprintf("<</Font <</F1 %d 0 R>>>>", maxID+1), true}}, nil)
		}},
		{"replace: the widget of an empty signature field (its type inherited) gets an appearance", []string{
			"<</Type /Catalog /Pages 2 0 R /AcroForm <</Fields [7 0 R]>>>>",
			"<</Type /Pages /Kids [3 0 R] /Count 1>>",
			"<</Type /Page /Parent 2 0 R /MediaBox [0 0 400 400] /Contents 4 0 R /Annots [8 0 R] /Resources <</Font <</F1 6 0 R>>>>>>",
			streamBody(shadowText),
			"<</Type /XObject /Subtype /Form /BBox [0 0 400 400] /Length 0>>\nstream\n\nendstream",
			font,
			"<</FT /Sig /T (Approver) /Kids [8 0 R]>>",
			"<</Type /Annot /Subtype /Widget /Parent 7 0 R /P 3 0 R /Rect [0 0 400 400] /F 4 /AP <</N 5 0 R>>>>",
		}, func(t *testing.T, signed []byte) []byte {
			_, maxID := firstPage(t, signed)
			return appendRawUpdate(t, signed, []rawObj{
				{8, fmt.Sprintf("<</Type /Annot /Subtype /Widget /Parent 7 0 R /P 3 0 R /Rect [0 0 400 400] /F 4 /AP <</N %d 0 R>>>>", maxID+1), true},
				{maxID + 1, overlayAP(), true},
			}, nil)
		}},
		{"hide: a signature widget with an empty appearance but a background, on a form that needs appearances", []string{
			"<</Type /Catalog /Pages 2 0 R /AcroForm <</Fields [] /NeedAppearances true>>>>",
			"<</Type /Pages /Kids [3 0 R] /Count 1>>",
			"<</Type /Page /Parent 2 0 R /MediaBox [0 0 400 400] /Contents 4 0 R /Resources <</Font <</F1 5 0 R>>>>>>",
			streamBody(shadowText),
			font,
		}, func(t *testing.T, signed []byte) []byte {
			_, maxID := firstPage(t, signed)
			return newSigField(t, signed, fmt.Sprintf("/Rect [0 0 400 400] /F 4 /MK <</BG [1 1 1]>> /AP <</N %d 0 R>>", maxID+3), "",
				rawObj{maxID + 3, "<</Type /XObject /Subtype /Form /BBox [0 0 400 400] /Length 0>>\nstream\n\nendstream", true})
		}},
		{"P=3: an indirect /Contents array grows by a stream", []string{
			"<</Type /Catalog /Pages 2 0 R>>",
			"<</Type /Pages /Kids [3 0 R] /Count 1>>",
			"<</Type /Page /Parent 2 0 R /MediaBox [0 0 400 400] /Contents 4 0 R /Resources <</Font <</F1 6 0 R>>>>>>",
			"[5 0 R]",
			streamBody(shadowText),
			font,
		}, func(t *testing.T, signed []byte) []byte {
			_, maxID := firstPage(t, signed)
			return appendRawUpdate(t, signed, []rawObj{
				{4, fmt.Sprintf("[5 0 R %d 0 R]", maxID+1), true},
				{maxID + 1, streamBody("1 1 1 rg 0 0 400 400 re f 1 0 0 rg 40 280 300 40 re f"), true},
			}, nil)
		}},
		{"P=3: an indirect /Kids array gains a page in front", []string{
			"<</Type /Catalog /Pages 2 0 R>>",
			"<</Type /Pages /Kids 4 0 R /Count 1>>",
			"<</Type /Page /Parent 2 0 R /MediaBox [0 0 400 400] /Contents 5 0 R /Resources <</Font <</F1 6 0 R>>>>>>",
			"[3 0 R]",
			streamBody(shadowText),
			font,
		}, func(t *testing.T, signed []byte) []byte {
			_, maxID := firstPage(t, signed)
			return appendRawUpdate(t, signed, []rawObj{
				{4, fmt.Sprintf("[%d 0 R 3 0 R]", maxID+1), true},
				{maxID + 1, fmt.Sprintf("<</Type /Page /Parent 2 0 R /MediaBox [0 0 400 400] /Contents %d 0 R>>", maxID+2), true},
				{maxID + 2, streamBody("1 0 0 rg 40 280 300 40 re f"), true},
			}, nil)
		}},
		{"hidden object in a signed stream, listed by a later section", []string{
			"<</Type /Catalog /Pages 2 0 R>>",
			"<</Type /Pages /Kids [3 0 R] /Count 1>>",
			"<</Type /Page /Parent 2 0 R /MediaBox [0 0 400 400] /Contents 4 0 R /Resources <</Font <</F1 6 0 R>>>>>>",
			streamBody(shadowText + "\n%\n3 0 obj\n<</Type /Page /Parent 2 0 R /MediaBox [0 0 400 400] /Contents 5 0 R>>\nendobj\n"),
			streamBody("1 0 0 rg 40 280 300 40 re f"),
			font,
		}, func(t *testing.T, signed []byte) []byte {
			at := bytes.Index(signed, []byte("%\n3 0 obj")) + 2
			root := rootNum(t, signed)
			// The entry for the page points into the signed stream; the
			// catalog is re-listed to give the update a purpose.
			return appendRawUpdate(t, signed, []rawObj{{root, lastDefinition(t, signed, root), true}}, []xrow{{3, int64(at), 0, 'n'}})
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var signed []byte
			switch {
			case strings.HasPrefix(c.name, "P=3"):
				// Annotations are allowed after this certification;
				// pages and content are not.
				signed = foreignSigned(t, rawPDF(c.objs), pdfsign.AllowFillingExistingFormFieldsAndSignaturesAndCRUDAnnotationsPerms)
				expectVerdict(t, signed, VerdictValid, "")
			case strings.HasPrefix(c.name, "hidden object"):
				// Communiqué refuses to sign such a file; another
				// implementation signs it, and it is malformed from the
				// start: a rebuilding reader would take the hidden page.
				signed = foreignSigned(t, rawPDF(c.objs), pdfsign.AllowFillingExistingFormFieldsAndSignaturesPerms)
				expectVerdict(t, signed, VerdictMalformed, "object header the cross-reference does not list")
			default:
				signed = shadowBase(t, c.objs)
			}
			forged := c.update(t, signed)
			rep, err := Verify(forged, getPKI(t).roots())
			if err != nil {
				t.Fatal(err)
			}
			detail := rep.Detail
			if len(rep.Signatures) > 0 {
				detail = rep.Signatures[0].Detail
			}
			t.Logf("%s: %s", rep.Verdict, detail)
			if rep.Verdict == VerdictValid || len(rep.Signatures) > 0 && rep.Signatures[0].Verdict == VerdictValid {
				t.Errorf("forged file is valid: %s", detail)
			}
			assertRendersDifferently(t, signed, forged)
		})
	}
}

// TestUniversalSignatureForgery: an unsigned statement gains a signature
// field whose value carries the officer's genuine CMS (taken from another
// document) or none, with the byte range or the value missing, empty or
// null ("PDF Insecurity", 2019). None may be valid, and none may be
// reported as made by a trusted officer.
func TestUniversalSignatureForgery(t *testing.T) {
	bases := rtBases(t)
	a, b := signedGap(t, bases[1].pdf)
	cmsHex := string(bases[1].pdf[a+1 : b-1])
	in := testPDF(t, 1)
	page, maxID := firstPage(t, in)
	root := rootNum(t, in)
	for _, sig := range []string{
		"/ByteRange [0 0 0 0]",
		"/ByteRange [0 0 0 0] /Contents <>",
		"/ByteRange [0 0 0 0] /Contents null",
		"/Contents <" + cmsHex + ">",
		"/ByteRange null /Contents <" + cmsHex + ">",
		"/ByteRange [0 0 0 0] /Contents <" + cmsHex + ">",
		"/ByteRange [] /Contents <" + cmsHex + ">",
		"/ByteRange [0 100 200] /Contents <" + cmsHex + ">",
	} {
		forged := appendRawUpdate(t, in, []rawObj{
			{maxID + 1, "<</Type /Sig /Filter /Adobe.PPKLite /SubFilter /adbe.pkcs7.detached /Name (Officer ECDSA-P256) " + sig + ">>", true},
			{maxID + 2, fmt.Sprintf("<</Type /Annot /Subtype /Widget /FT /Sig /T (Signature1) /V %d 0 R /P %d 0 R /Rect [0 0 0 0] /F 132>>", maxID+1, page), true},
			{page, addToArray(lastDefinition(t, in, page), "Annots", fmt.Sprintf("%d 0 R", maxID+2)), true},
			{root, withKey(lastDefinition(t, in, root), fmt.Sprintf("/AcroForm <</Fields [%d 0 R] /SigFlags 3>>", maxID+2)), true},
		}, nil)
		name := sig
		if len(name) > 40 {
			name = name[:40]
		}
		rep, err := Verify(forged, getPKI(t).roots())
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if rep.Verdict == VerdictValid || len(rep.Signatures) == 0 {
			t.Errorf("%s: %s %q", name, rep.Verdict, rep.Detail)
			continue
		}
		s := rep.Signatures[0]
		t.Logf("%s: %s: %s", name, s.Verdict, s.Detail)
		if s.Verdict == VerdictValid || s.Trust == TrustTrusted {
			t.Errorf("%s: signature %s, trust %s", name, s.Verdict, s.Trust)
		}
	}
}

// TestLinearizedSectionsDisagree: a linearized file whose first-page and
// main cross-reference sections both list an object (or renumber the
// main one's entries) would show a different object depending on which
// section a reader trusts: it is malformed, signed or not.
func TestLinearizedSectionsDisagree(t *testing.T) {
	qpdf := needTool(t, "qpdf")
	in := writeTemp(t, "in.pdf", testPDF(t, 2))
	out := filepath.Join(t.TempDir(), "lin.pdf")
	if msg, err := exec.Command(qpdf, "--linearize", "--object-streams=disable", in, out).CombinedOutput(); err != nil {
		t.Fatalf("qpdf: %v %s", err, msg)
	}
	lin, _ := os.ReadFile(out)
	signed, err := Sign(context.Background(), lin, getPKI(t).leaves[ecP256], Options{Approval: true})
	if err != nil {
		t.Fatal(err)
	}
	expectVerdict(t, signed, VerdictValid, "")
	// The main section starts at object 0; shifting it by one makes its
	// last entry name an object the first-page section lists.
	main := bytes.LastIndex(signed[:bytes.Index(signed, []byte("/ByteRange"))], []byte("\nxref\n0 "))
	if main < 0 {
		t.Fatal("no main cross-reference section")
	}
	forged := bytes.Clone(signed)
	forged[main+len("\nxref\n")] = '1'
	rep := expectVerdict(t, forged, VerdictMalformed, "")
	t.Log(rep.Detail)
}

// TestXrefStreamTakesASignedNumber: an update whose cross-reference
// stream is numbered like the signed page is, for a reader that rebuilds
// the file, the page's last definition.
func TestXrefStreamTakesASignedNumber(t *testing.T) {
	for _, b := range rtBases(t) {
		page, _ := firstPage(t, b.pdf)
		root := rootNum(t, b.pdf)
		size, rootRef, info, prev := trailerOf(t, b.pdf)
		out := bytes.Clone(b.pdf)
		at := len(out)
		out = fmt.Appendf(out, "%d 0 obj\n%s\nendobj\n", root, lastDefinition(t, b.pdf, root))
		row := []byte{1, byte(at >> 24), byte(at >> 16), byte(at >> 8), byte(at), 0, 0}
		x := len(out)
		out = fmt.Appendf(out, "%d 0 obj\n<</Type /XRef /Size %d /Root %s%s /Prev %d /W [1 4 2] /Index [%d 1] /Length %d>>\nstream\n",
			page, size, rootRef, info, prev, root, len(row))
		out = append(out, row...)
		out = fmt.Appendf(out, "\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n", x)
		expectVerdict(t, out, VerdictMalformed, "takes the number of object")
	}
}

// TestFieldLocks: a signature that locks the form (FieldMDP in its
// dictionary, or /Lock on its field) makes filling a locked field after it
// a change; filling an unlocked one stays allowed. The locks are written
// into Communiqué's layout and the bytes re-signed by OpenSSL.
func TestFieldLocks(t *testing.T) {
	p := getPKI(t)
	leaf := p.leaves[ecP256]
	signed, err := Sign(context.Background(), formPDF(), leaf, Options{Approval: true})
	if err != nil {
		t.Fatal(err)
	}
	chain := writeTemp(t, "chain.pem", pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: p.inter.Raw}))
	// sigDictLock writes a FieldMDP reference over the signature
	// dictionary's /M, /Name and /Prop_Build; fieldLock a /Lock into the
	// signature field.
	sigDictLock := func(params string) []byte {
		from := bytes.LastIndex(signed, []byte("\n/M "))
		to := bytes.LastIndex(signed, []byte("/Prop_Build <</App <</Name /Communique>>>>")) + len("/Prop_Build <</App <</Name /Communique>>>>")
		repl := "/Reference[<</TransformMethod/FieldMDP/TransformParams<<" + params + ">>>>]"
		return withOpenSSLCMS(t, sameLength(t, signed, string(signed[from:to]), repl), leaf.Certificate, leaf.key, "-certfile", chain)
	}
	fieldLock := func(lock string) []byte {
		m := regexp.MustCompile(`/Type /Annot /Subtype /Widget /FT /Sig /T (\([^)]*\)) /V (\d+ 0 R) /P (\d+ 0 R) /Rect \[0 0 0 0\] /F 132`).FindSubmatch(signed)
		if m == nil {
			t.Fatal("no signature widget")
		}
		repl := fmt.Sprintf("/Subtype/Widget/FT/Sig/T%s/V %s/P %s/Rect[0 0 0 0]/F 4/Lock%s", m[1], m[2], m[3], lock)
		return withOpenSSLCMS(t, sameLength(t, signed, string(m[0]), repl), leaf.Certificate, leaf.key, "-certfile", chain)
	}
	fill := func(base []byte) []byte {
		return appendRawUpdate(t, base, []rawObj{{4, strings.Replace(lastDefinition(t, base, 4), "EUR 1,000", "EUR 9,000", 1), true}}, nil)
	}
	for _, c := range []struct {
		name string
		base []byte
		want Verdict
	}{
		{"FieldMDP /All", sigDictLock("/Action/All"), VerdictModified},
		{"FieldMDP /Include the amount", sigDictLock("/Action/Include/Fields[(amount)]"), VerdictModified},
		{"FieldMDP /Include another field", sigDictLock("/Action/Include/Fields[(other)]"), VerdictValid},
		{"FieldMDP /Exclude the amount", sigDictLock("/Action/Exclude/Fields[(amount)]"), VerdictValid},
		{"/Lock /P 1", fieldLock("<</P 1>>"), VerdictModified},
		{"/Lock /All", fieldLock("<</Action/All>>"), VerdictModified},
	} {
		t.Run(c.name, func(t *testing.T) {
			expectVerdict(t, c.base, VerdictValid, "")
			rep := expectVerdict(t, fill(c.base), c.want, "")
			t.Log(rep.Signatures[0].Detail)
		})
	}
}

// TestLinearizedFirstPageDisagrees: a linearized document whose
// dictionary names the second page as the first (/O). While /L is the
// file's length, poppler shows that page first; once a signature's update
// has grown the file, it shows the page tree's first page: the signer saw
// one page and signed another. Communiqué refuses to sign it, and one
// signed elsewhere is malformed.
func TestLinearizedFirstPageDisagrees(t *testing.T) {
	qpdf := needTool(t, "qpdf")
	doc := rawPDF([]string{
		"<</Type /Catalog /Pages 2 0 R>>",
		"<</Type /Pages /Kids [3 0 R 5 0 R] /Count 2>>",
		"<</Type /Page /Parent 2 0 R /MediaBox [0 0 400 400] /Contents 4 0 R>>",
		streamBody("0 0 1 rg 0 0 400 400 re f"),
		"<</Type /Page /Parent 2 0 R /MediaBox [0 0 400 400] /Contents 6 0 R>>",
		streamBody(forgedContent),
	})
	out := filepath.Join(t.TempDir(), "lin.pdf")
	if msg, err := exec.Command(qpdf, "--linearize", "--object-streams=disable", writeTemp(t, "in.pdf", doc), out).CombinedOutput(); err != nil {
		t.Fatalf("qpdf: %v %s", err, msg)
	}
	lin, _ := os.ReadFile(out)
	o := regexp.MustCompile(`/O (\d+)`).FindSubmatchIndex(lin)
	first, _ := strconv.Atoi(string(lin[o[2]:o[3]]))
	// The second page is the page object other than /O.
	var second []byte
	for _, m := range regexp.MustCompile(`(?m)^(\d+) 0 obj\s*<<[^>]*/Type /Page\b[^s]`).FindAllSubmatch(lin, -1) {
		if n, _ := strconv.Atoi(string(m[1])); n != first {
			second = m[1]
		}
	}
	if second == nil || len(second) != o[3]-o[2] {
		t.Fatalf("cannot find the second page to name (first %d)", first)
	}
	crafted := bytes.Clone(lin)
	copy(crafted[o[2]:], second)
	if _, err := Sign(context.Background(), crafted, getPKI(t).leaves[ecP256], Options{Approval: true}); err == nil || !strings.Contains(err.Error(), "linearization dictionary") {
		t.Errorf("Communiqué signed it: %v", err)
	}
	signed := foreignSigned(t, crafted, pdfsign.AllowFillingExistingFormFieldsAndSignaturesPerms)
	expectVerdict(t, signed, VerdictMalformed, "linearization dictionary names first page")
	// The attack is real: poppler shows another first page before and
	// after signing.
	assertRendersDifferently(t, crafted, signed)
	// The genuine linearized file is fine.
	expectVerdict(t, lin, VerdictInvalid, "carries no signature")
}
