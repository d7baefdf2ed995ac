package sign

import (
	"bytes"
	"context"
	"crypto"
	"crypto/x509"
	"encoding/binary"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/digitorus/pdf"
	pdfsign "github.com/digitorus/pdfsign/sign"
)

// Builders for the red-team attacks (redteam_test.go): the signed files
// they start from, and the kinds of update an attacker appends.

// rtBase is a signed file an attack starts from.
type rtBase struct {
	name string
	pdf  []byte
	// level is what the first signature allows after it: 1, 2 or 3 for a
	// certification, 2 for an approval signature.
	level int
	// field is the name of its signature field.
	field string
}

var (
	rtOnce  sync.Once
	rtCache []rtBase
)

// rtBases signs one statement four ways: Communiqué's certification (P=1)
// and approval, and another implementation's (pdfsign) certifications
// allowing form filling (P=2) and annotations (P=3).
func rtBases(t *testing.T) []rtBase {
	t.Helper()
	rtOnce.Do(func() {
		p := getPKI(t)
		in := testPDF(t, 1)
		cert, err := Sign(context.Background(), in, p.leaves[ecP256], Options{Reason: "Publication"})
		if err != nil {
			t.Fatal(err)
		}
		appr, err := Sign(context.Background(), in, p.leaves[ecP256], Options{Approval: true, Reason: "Publication"})
		if err != nil {
			t.Fatal(err)
		}
		rtCache = []rtBase{{name: "certified", pdf: cert, level: 1}, {name: "approval", pdf: appr, level: 2},
			{name: "pdfsign-P2", pdf: foreignSigned(t, in, pdfsign.AllowFillingExistingFormFieldsAndSignaturesPerms), level: 2},
			{name: "pdfsign-P3", pdf: foreignSigned(t, in, pdfsign.AllowFillingExistingFormFieldsAndSignaturesAndCRUDAnnotationsPerms), level: 3}}
	})
	if rtCache == nil {
		t.Fatal("the signed bases could not be made")
	}
	for i, b := range rtCache {
		rep := expectVerdict(t, b.pdf, VerdictValid, "")
		rtCache[i].field = rep.Signatures[0].Field
	}
	return rtCache
}

// foreignSigned certifies in with pdfsign at the given DocMDP level.
func foreignSigned(t *testing.T, in []byte, perm pdfsign.DocMDPPerm) []byte {
	t.Helper()
	p := getPKI(t)
	leaf := p.leaves[rsa2048]
	rdr, err := pdf.NewReader(bytes.NewReader(in), int64(len(in)))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	err = pdfsign.Sign(bytes.NewReader(in), &out, rdr, int64(len(in)), pdfsign.SignData{
		Signature: pdfsign.SignDataSignature{
			Info:     pdfsign.SignDataSignatureInfo{Name: "Foreign", Reason: "Interop", Date: time.Now()},
			CertType: pdfsign.CertificationSignature, DocMDPPerm: perm,
		},
		Signer: leaf.key, DigestAlgorithm: crypto.SHA256, Certificate: leaf.Certificate,
		CertificateChains: [][]*x509.Certificate{{leaf.Certificate, p.inter, p.root}},
	})
	if err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

// rootNum is the catalog's object number.
func rootNum(tb testing.TB, data []byte) int {
	_, root, _, _ := trailerOf(tb, data)
	n, _ := strconv.Atoi(strings.Fields(root)[0])
	return n
}

// withKey inserts entries at the start of a dictionary body.
func withKey(body, entries string) string {
	return strings.Replace(body, "<<", "<< "+entries+" ", 1)
}

// withoutKey drops a key whose value is a name, number, reference or a
// flat array or dictionary.
func withoutKey(body, key string) string {
	re := regexp.MustCompile(`/` + key + `\s*(\d+ \d+ R|\[[^\]]*\]|<<[^<>]*>>|/[^\s/<>\[\]]+|[-\d.]+)`)
	return re.ReplaceAllString(body, "")
}

// addToArray appends ref to the array value of key in body, creating it.
func addToArray(body, key, ref string) string {
	re := regexp.MustCompile(`/` + key + `\s*\[([^\]]*)\]`)
	if re.MatchString(body) {
		return re.ReplaceAllString(body, "/"+key+" [$1 "+ref+"]")
	}
	return withKey(body, "/"+key+" ["+ref+"]")
}

// fieldsHolder returns the object holding the form's /Fields array.
func fieldsHolder(tb testing.TB, data []byte) int {
	root := rootNum(tb, data)
	body := lastDefinition(tb, data, root)
	if m := regexp.MustCompile(`/AcroForm (\d+) 0 R`).FindStringSubmatch(body); m != nil {
		n, _ := strconv.Atoi(m[1])
		return n
	}
	return root
}

// xrefRow is a row of a cross-reference stream.
type xrefRow struct{ num, typ, f2, f3 int }

// appendXrefStreamUpdate appends an update whose cross-reference is a
// stream: plain objects, then packed objects in one object stream, with
// extra trailer entries.
func appendXrefStreamUpdate(tb testing.TB, base []byte, plain, packed []rawObj, trailerExtra string) []byte {
	tb.Helper()
	size, root, info, prev := trailerOf(tb, base)
	out, rows, size := appendStreamObjects(bytes.Clone(base), size, plain, packed)
	x := size
	xrefAt := len(out)
	rows = append(rows, xrefRow{x, 1, xrefAt, 0})
	bin, index := xrefRowsData(rows)
	out = fmt.Appendf(out, "%d 0 obj\n<</Type /XRef /Size %d /Root %s%s /Prev %d%s /W [1 4 2] /Index [%s] /Length %d>>\nstream\n",
		x, x+1, root, info, prev, trailerExtra, index, len(bin))
	out = append(out, bin...)
	out = fmt.Appendf(out, "\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n", xrefAt)
	return out
}

// appendStreamObjects appends the objects a cross-reference stream lists:
// plain ones uncompressed, then packed ones in one object stream numbered
// after them all. It returns the stream's rows and the new /Size.
func appendStreamObjects(out []byte, size int, plain, packed []rawObj) ([]byte, []xrefRow, int) {
	var rows []xrefRow
	for _, o := range plain {
		rows = append(rows, xrefRow{o.num, 1, len(out), 0})
		out = fmt.Appendf(out, "%d 0 obj\n%s\nendobj\n", o.num, o.body)
		size = max(size, o.num+1)
	}
	for _, o := range packed {
		size = max(size, o.num+1)
	}
	if len(packed) > 0 {
		stm := size
		size++
		var header, body strings.Builder
		for i, o := range packed {
			fmt.Fprintf(&header, "%d %d ", o.num, body.Len())
			body.WriteString(o.body + "\n")
			rows = append(rows, xrefRow{o.num, 2, stm, i})
		}
		data := header.String() + body.String()
		rows = append(rows, xrefRow{stm, 1, len(out), 0})
		out = fmt.Appendf(out, "%d 0 obj\n<</Type /ObjStm /N %d /First %d /Length %d>>\nstream\n%s\nendstream\nendobj\n",
			stm, len(packed), header.Len(), len(data), data)
	}
	return out, rows, size
}

// xrefRowsData returns a cross-reference stream's data (/W [1 4 2]) and
// its /Index entries, rows of any type in the order given (update.go's
// xrefStreamData writes only in-use rows, sorted).
func xrefRowsData(rows []xrefRow) ([]byte, string) {
	var bin []byte
	var index []string
	for _, r := range rows {
		bin = append(bin, byte(r.typ))
		bin = binary.BigEndian.AppendUint32(bin, uint32(r.f2))
		bin = binary.BigEndian.AppendUint16(bin, uint16(r.f3))
		index = append(index, fmt.Sprintf("%d 1", r.num))
	}
	return bin, strings.Join(index, " ")
}

// setPrev rewrites the /Prev of the last trailer to prev (same width not
// needed: the last section is the end of the file).
func setPrev(tb testing.TB, data []byte, prev int) []byte {
	tb.Helper()
	i := bytes.LastIndex(data, []byte("/Prev "))
	if i < 0 {
		tb.Fatal("no /Prev")
	}
	j := i + len("/Prev ")
	k := j
	for k < len(data) && data[k] >= '0' && data[k] <= '9' {
		k++
	}
	out := append(bytes.Clone(data[:j]), strconv.Itoa(prev)...)
	out = append(out, data[k:]...)
	// The startxref after a shifted trailer moves only if the section is
	// a table, whose offset is before the trailer: nothing to fix.
	return out
}

// lastXref is the offset the last startxref names.
func lastXref(tb testing.TB, data []byte) int {
	m := startxrefRE.FindSubmatch(data)
	if m == nil {
		tb.Fatal("no startxref")
	}
	n, _ := strconv.Atoi(string(m[1]))
	return n
}

// overlayAP is a full-page appearance: white over the statement, then a
// red block, so a renderer that draws it shows another page.
func overlayAP() string {
	s := "1 1 1 rg 0 0 600 850 re f 1 0 0 rg 72 500 400 200 re f"
	return fmt.Sprintf("<</Type /XObject /Subtype /Form /BBox [0 0 600 850] /Length %d>>\nstream\n%s\nendstream", len(s), s)
}

// sameLength replaces old by new in data, padding new with spaces to keep
// every offset in place.
func sameLength(tb testing.TB, data []byte, old, repl string) []byte {
	tb.Helper()
	if len(repl) > len(old) {
		tb.Fatalf("%q is longer than %q", repl, old)
	}
	i := bytes.Index(data, []byte(old))
	if i < 0 {
		tb.Fatalf("%q not found", old)
	}
	out := bytes.Clone(data)
	copy(out[i:], repl+strings.Repeat(" ", len(old)-len(repl)))
	return out
}
