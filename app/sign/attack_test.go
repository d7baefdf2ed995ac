package sign

import (
	"bytes"
	"context"
	"crypto"
	"crypto/sha256"
	"crypto/x509"
	"encoding/hex"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/digitorus/pkcs7"
	"github.com/digitorus/timestamp"
	"golang.org/x/crypto/cryptobyte"
	cbasn1 "golang.org/x/crypto/cryptobyte/asn1"
)

var oidTSTInfo = []int{1, 2, 840, 113549, 1, 9, 16, 1, 4}

// forgeToken: a TSTInfo signed by signerKey/signerCert, but with decoy first in the certificate bag.
func forgeToken(t *testing.T, digest []byte, at time.Time, decoy, signerCert *x509.Certificate, signerKey crypto.Signer, nonce interface{}) []byte {
	ts := timestamp.Timestamp{HashAlgorithm: crypto.SHA256, HashedMessage: digest, Time: at, Accuracy: time.Second,
		Policy: []int{1, 2, 3}, AddTSACertificate: true}
	if n, ok := nonce.(*timestamp.Request); ok && n != nil {
		ts.Nonce = n.Nonce
	}
	resp, err := ts.CreateResponseWithOpts(signerCert, signerKey, crypto.SHA256)
	if err != nil {
		t.Fatal(err)
	}
	parsed, err := timestamp.ParseResponse(resp)
	if err != nil {
		t.Fatal(err)
	}
	p7, err := pkcs7.Parse(parsed.RawToken)
	if err != nil {
		t.Fatal(err)
	}
	sd, err := pkcs7.NewSignedData(p7.Content)
	if err != nil {
		t.Fatal(err)
	}
	sd.SetContentType(oidTSTInfo)
	sd.SetDigestAlgorithm(pkcs7.OIDDigestAlgorithmSHA256)
	if decoy != nil {
		sd.AddCertificate(decoy)
		sd.AddCertificate(pki.inter)
	}
	if err := sd.AddSigner(signerCert, signerKey, pkcs7.SignerInfoConfig{}); err != nil {
		t.Fatal(err)
	}
	tok, err := sd.Finish()
	if err != nil {
		t.Fatal(err)
	}
	return tok
}

var brRE = regexp.MustCompile(`/ByteRange \[0 (\d+) (\d+) (\d+)`)

// docTimestampShell signs a PDF as an attacker and relabels the signature a
// document timestamp, so a test can put any token in its /Contents with
// withToken. digest is what a genuine token would have to timestamp.
type docTimestampShell struct {
	pdf    []byte
	a, b   int // the /Contents hole, from the /ByteRange
	digest []byte
	atk    *x509.Certificate
	atkKey crypto.Signer
}

func newDocTimestampShell(t *testing.T, p *testPKI) *docTimestampShell {
	t.Helper()
	atkKey := newKey(ecP256)
	atk := issue(leafTemplate("Nobody", p.now), atkKey.Public(), nil, atkKey)
	srv := startTSA(t, p.tsa, p.tsaKey, time.Now) // only for a token-sized /Contents
	out, err := Sign(context.Background(), testPDF(t, 1), &Identity{Certificate: atk, key: atkKey}, Options{Approval: true, TSAURL: srv.URL})
	if err != nil {
		t.Fatal(err)
	}
	out = bytes.Replace(out, []byte("/SubFilter /adbe.pkcs7.detached"), []byte("/SubFilter /ETSI.RFC3161       "), 1)
	m := brRE.FindSubmatch(out)
	a, _ := strconv.Atoi(string(m[1]))
	b, _ := strconv.Atoi(string(m[2]))
	h := sha256.New()
	h.Write(out[:a])
	h.Write(out[b:])
	return &docTimestampShell{pdf: out, a: a, b: b, digest: h.Sum(nil), atk: atk, atkKey: atkKey}
}

func (d *docTimestampShell) withToken(tok []byte) []byte {
	f := bytes.Clone(d.pdf)
	for i := d.a + 1; i < d.b-1; i++ {
		f[i] = '0'
	}
	hex.Encode(f[d.a+1:], tok)
	return f
}

// A forged document timestamp that puts a genuine, trusted certificate first
// in its certificate bag must not be reported as signed by its owner.
func TestForgedDocTimestampNamesItsRealSigner(t *testing.T) {
	p := getPKI(t)
	genuine := p.leaves[ecP256].Certificate // trusted, the "Ministry" officer
	d := newDocTimestampShell(t, p)
	tok := forgeToken(t, d.digest, time.Now(), genuine, d.atk, d.atkKey, nil)
	rep, err := Verify(d.withToken(tok), p.roots())
	if err != nil {
		t.Fatal(err)
	}
	if s := rep.Signatures[0]; s.Signer != "Nobody" || s.Trust == TrustTrusted {
		t.Errorf("signer %q, trust %s; want the forger \"Nobody\", untrusted", s.Signer, s.Trust)
	}
}

// A document timestamp whose token carries no certificates cannot be checked
// (the parser verifies a token only when certificates are present).
func TestDocTimestampWithoutCertificatesIsNotValid(t *testing.T) {
	p := getPKI(t)
	d := newDocTimestampShell(t, p)
	ts := timestamp.Timestamp{HashAlgorithm: crypto.SHA256, HashedMessage: d.digest, Time: time.Date(1999, 1, 1, 0, 0, 0, 0, time.UTC), Policy: []int{1, 2}}
	resp, err := ts.CreateResponseWithOpts(d.atk, d.atkKey, crypto.SHA256) // AddTSACertificate false: no certs
	if err != nil {
		t.Fatal(err)
	}
	parsed, _ := timestamp.ParseResponse(resp)
	tok := bytes.Clone(parsed.RawToken)
	tok[len(tok)-5] ^= 0xFF // break the signature value: nobody checks it
	rep, err := Verify(d.withToken(tok), p.roots())
	if err != nil {
		t.Fatal(err)
	}
	if s := rep.Signatures[0]; rep.Verdict == VerdictValid || s.Timestamped {
		t.Errorf("unverifiable token: verdict %s, timestamped %v", rep.Verdict, s.Timestamped)
	}
}

// An expired certificate cannot sign by claiming a signing time from when it
// was still valid.
func TestExpiredCertificateCannotBackdate(t *testing.T) {
	p := getPKI(t)
	k := newKey(ecP256)
	tmpl := leafTemplate("Expired Officer", p.now)
	tmpl.NotBefore = p.now.Add(-40 * time.Hour)
	tmpl.NotAfter = p.now.Add(-1 * time.Hour)
	c := issue(tmpl, k.Public(), p.inter, p.interKey)
	id := &Identity{Certificate: c, Chain: []*x509.Certificate{p.inter, p.root}, key: k}
	_, err := Sign(context.Background(), testPDF(t, 1), id, Options{Time: p.now.Add(-20 * time.Hour)})
	if !errors.Is(err, ErrCertificateExpired) {
		t.Errorf("backdated signature with an expired certificate: %v", err)
	}
}

// A timestamp signed by a forger who ships the genuine authority's
// certificate beside their own must not borrow that authority's name or trust.
func TestForgedTSANamesItsRealSigner(t *testing.T) {
	p := getPKI(t)
	atkKey := newKey(ecP256)
	atk := issue(leafTemplate("Fake TSA", p.now), atkKey.Public(), nil, atkKey)
	forged := time.Now().Add(-10 * time.Hour)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		req, _ := timestamp.ParseRequest(body)
		tok := forgeToken(t, req.HashedMessage, forged, p.tsa, atk, atkKey, req)
		var b cryptobyte.Builder
		b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
			b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) { b.AddASN1Int64(0) })
			b.AddBytes(tok)
		})
		_, _ = w.Write(b.BytesOrPanic())
	}))
	defer srv.Close()
	out, err := Sign(context.Background(), testPDF(t, 1), p.leaves[ecP256], Options{TSAURL: srv.URL})
	if err != nil {
		t.Fatal(err)
	}
	rep, _ := Verify(out, p.roots())
	s := rep.Signatures[0]
	if s.TimestampAuthority != "Fake TSA" || s.TimestampTrust == TrustTrusted || s.Time.Equal(forged.Truncate(time.Second)) && s.TimestampTrust == TrustTrusted {
		t.Errorf("forged TSA: authority %q, trust %s", s.TimestampAuthority, s.TimestampTrust)
	}
}

// TestUpdatesThatPaintOverTheSignedPageAreCaught: the signature widget's
// rectangle and appearance are content too, and a hybrid cross-reference
// cannot smuggle objects past the check.
func TestUpdatesThatPaintOverTheSignedPageAreCaught(t *testing.T) {
	p := getPKI(t)
	for _, approval := range []bool{false, true} {
		signed, err := Sign(context.Background(), testPDF(t, 1), p.leaves[ecP256], Options{Approval: approval,
			Widget: &Rect{Page: 1, X0: 50, Y0: 50, X1: 250, Y1: 120}})
		if err != nil {
			t.Fatal(err)
		}
		widget := regexp.MustCompile(`(?s)\n(\d+) 0 obj\s*<<[^\n]*?/Subtype\s*/Widget`).FindAllSubmatch(signed, -1)
		if len(widget) == 0 {
			t.Fatal("no widget in the signed file")
		}
		wid, _ := strconv.Atoi(string(widget[len(widget)-1][1]))
		root, _ := strconv.Atoi(string(regexp.MustCompile(`/Root (\d+) 0 R`).FindAllSubmatch(signed, -1)[0][1]))
		body := lastDefinition(t, signed, wid)
		body = regexp.MustCompile(`/Rect\s*\[[^\]]*\]`).ReplaceAllString(body, "/Rect [0 0 600 800]")
		body = regexp.MustCompile(`(?s)/AP\s*<<.*?>>`).ReplaceAllString(body, "/AP << /N 900 0 R >>")
		overlay := "<< /Type /XObject /Subtype /Form /BBox [0 0 600 800] /Length 26 >>\nstream\n1 1 1 rg 0 0 600 800 re f\nendstream"
		catalog := strings.Replace(lastDefinition(t, signed, root), "<<", "<< /DSS << >>", 1)
		forged := appendUpdate(t, signed, map[int]string{wid: body, 900: overlay, root: catalog})
		rep, err := Verify(forged, p.roots())
		if err != nil {
			t.Fatal(err)
		}
		if rep.Verdict == VerdictValid {
			t.Errorf("approval=%v: an update painting over the page through the signature widget is %s: %s",
				approval, rep.Verdict, rep.Signatures[0].Detail)
		}
		hybrid := appendUpdate(t, signed, map[int]string{root: catalog})
		at := bytes.LastIndex(hybrid, []byte("trailer\n<<"))
		hybrid = slices.Concat(hybrid[:at], []byte("trailer\n<</XRefStm 0 "), hybrid[at+len("trailer\n<<"):])
		if rep, err := Verify(hybrid, p.roots()); err != nil || rep.Verdict == VerdictValid {
			t.Errorf("approval=%v: hybrid cross-reference update: %v %+v", approval, err, rep)
		}
	}
}
