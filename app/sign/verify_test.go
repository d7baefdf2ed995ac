package sign

import (
	"bytes"
	"context"
	"crypto"
	"crypto/x509"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/digitorus/pdf"
	pdfsign "github.com/digitorus/pdfsign/sign"
	"software.sslmate.com/src/go-pkcs12"
)

func TestVerifyInputErrors(t *testing.T) {
	p := getPKI(t)
	leaf := p.leaves[ecP256]
	p12, _ := pkcs12.Modern2023.Encode(leaf.key, leaf.Certificate, nil, goodPassword)
	cases := []struct {
		name   string
		data   []byte
		notPDF bool
		text   string
	}{
		{"nil", nil, true, "not a PDF file"},
		{"empty", []byte{}, true, "not a PDF file"},
		{"text", []byte("Dear colleagues,\nplease find the statement attached.\n"), true, "not a PDF file"},
		{"PNG", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), true, "not a PDF file"},
		{"PKCS#12", p12, true, "not a PDF file"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			rep, err := Verify(c.data, p.roots())
			if err == nil || rep != nil {
				t.Fatalf("got report %+v, want an error", rep)
			}
			if errors.Is(err, ErrNotPDF) != c.notPDF || !strings.Contains(err.Error(), c.text) {
				t.Errorf("got %v, want %q (ErrNotPDF %v)", err, c.text, c.notPDF)
			}
		})
	}
}

// TestVerifyMalformedInput: a PDF that is not whole is malformed, with the
// byte offset where reading failed.
func TestVerifyMalformedInput(t *testing.T) {
	half := testPDF(t, 1)
	half = half[:len(half)/2]
	for _, data := range [][]byte{[]byte("%PDF-1.7\n"), half} {
		rep, err := Verify(data, nil)
		if err != nil || rep.Verdict != VerdictMalformed || !strings.Contains(rep.Detail, "byte ") {
			t.Errorf("got %+v, %v", rep, err)
		}
	}
}

func TestVerifyUnsigned(t *testing.T) {
	rep, err := Verify(testPDF(t, 2), nil)
	if err != nil {
		t.Fatal(err)
	}
	// The issue's verdicts are the only ones: no signature is no valid one.
	if rep.Verdict != VerdictInvalid || rep.Signatures == nil || len(rep.Signatures) != 0 {
		t.Errorf("got %+v", rep)
	}
	out, _ := json.Marshal(rep)
	if string(out) != `{"signatures":[],"verdict":"invalid","detail":"the PDF carries no signature"}` {
		t.Errorf("JSON %s", out)
	}
}

func TestVerifyTrust(t *testing.T) {
	p := getPKI(t)
	in := testPDF(t, 1)

	// A certificate that expired an hour ago, used two hours ago, but
	// timestamped now: the authority's time is what counts.
	expiredKey := newKey(ecP256)
	tmpl := leafTemplate("Expired Officer", p.now)
	tmpl.NotBefore, tmpl.NotAfter = p.now.Add(-48*time.Hour), p.now.Add(-time.Hour)
	expired := &Identity{Certificate: issue(tmpl, expiredKey.Public(), p.inter, p.interKey), Chain: []*x509.Certificate{p.inter, p.root}, key: expiredKey}
	tsa := startTSA(t, p.tsa, p.tsaKey, time.Now)
	// The same clock behind a self-made authority nobody trusts.
	rogueKey := newKey(ecP256)
	rogueTmpl := leafTemplate("Rogue TSA", p.now)
	rogueTmpl.ExtKeyUsage = []x509.ExtKeyUsage{x509.ExtKeyUsageTimeStamping}
	rogue := startTSA(t, issue(rogueTmpl, rogueKey.Public(), nil, rogueKey), rogueKey, time.Now)

	// Key usage for encryption only; Sign refuses it, so the signature is
	// made by the layout step directly, as another tool would.
	encKey := newKey(ecP256)
	tmpl = leafTemplate("Encryption Officer", p.now)
	tmpl.KeyUsage = x509.KeyUsageKeyEncipherment
	encOnly := &Identity{Certificate: issue(tmpl, encKey.Public(), p.inter, p.interKey), Chain: []*x509.Certificate{p.inter}, key: encKey}
	encSigned := func() []byte {
		tg, err := inspect(in, Options{Approval: true})
		if err != nil {
			t.Fatal(err)
		}
		out, _, err := signer{}.build(context.Background(), tg, encOnly, Options{Approval: true, Name: "x"}, time.Now(), 0)
		if err != nil {
			t.Fatal(err)
		}
		return out
	}()

	selfRoots := x509.NewCertPool()
	selfRoots.AddCert(p.selfSigned.Certificate)
	sign := func(id *Identity, opt Options) []byte {
		out, err := Sign(context.Background(), in, id, opt)
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	// Sign refuses a certificate that has expired by now, even with an
	// earlier signing time; another tool may not, so the layout step
	// makes those signatures directly.
	signElsewhere := func(id *Identity, opt Options) []byte {
		tg, err := inspect(in, opt)
		if err != nil {
			t.Fatal(err)
		}
		out, _, err := signer{}.build(context.Background(), tg, id, opt, opt.Time, defaultTokenReserve)
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	cases := []struct {
		name    string
		pdf     []byte
		roots   *x509.CertPool
		verdict Verdict
		trust   string
		detail  string
	}{
		// The rogue authority's time is not used, nor the claimed signing
		// time: judged now, when the certificate has expired.
		{"expired, timestamped by an untrusted authority", signElsewhere(expired, Options{Time: p.now.Add(-2 * time.Hour), TSAURL: rogue.URL}), p.roots(), VerdictExpired, TrustExpired, "not trusted as a timestamp authority"},
		{"CA-issued, root trusted", sign(p.leaves[ecP256], Options{}), p.roots(), VerdictValid, TrustTrusted, ""},
		{"CA-issued, root unknown", sign(p.leaves[ecP256], Options{}), x509.NewCertPool(), VerdictUntrusted, TrustUnknownIssuer, `issuer "Communiqué Test Issuing CA" is not among the trusted`},
		{"CA-issued, no roots", sign(p.leaves[ecP256], Options{}), nil, VerdictUntrusted, TrustUnknownIssuer, "not among the trusted"},
		{"self-signed", sign(p.selfSigned, Options{}), p.roots(), VerdictUntrusted, TrustSelfSigned, "self-signed"},
		{"self-signed and trusted", sign(p.selfSigned, Options{}), selfRoots, VerdictValid, TrustTrusted, ""},
		{"expired when timestamped", signElsewhere(expired, Options{Time: p.now.Add(-2 * time.Hour), TSAURL: tsa.URL}), p.roots(), VerdictExpired, TrustExpired, "expired at"},
		{"encryption-only key usage", encSigned, p.roots(), VerdictUntrusted, TrustNotForSigning, "neither digital signature nor non-repudiation"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			rep, err := Verify(c.pdf, c.roots)
			if err != nil {
				t.Fatal(err)
			}
			s := rep.Signatures[0]
			// Trust never turns an intact signature into a broken one,
			// but only a trusted one is valid.
			if rep.Verdict != c.verdict || s.Trust != c.trust || !strings.Contains(s.Detail, c.detail) {
				t.Errorf("got %s / %s %q, want %s / %s %q", rep.Verdict, s.Trust, s.Detail, c.verdict, c.trust, c.detail)
			}
		})
	}
}

// TestVerifyForeignSignature checks a signature made by another library
// (pdfsign: PKCS#1 sha256WithRSA OID, Adobe revocation attribute, DocMDP
// without /Perms).
func TestVerifyForeignSignature(t *testing.T) {
	p := getPKI(t)
	leaf := p.leaves[rsa2048]
	in := testPDF(t, 1)
	rdr, err := pdf.NewReader(bytes.NewReader(in), int64(len(in)))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	err = pdfsign.Sign(bytes.NewReader(in), &out, rdr, int64(len(in)), pdfsign.SignData{
		Signature: pdfsign.SignDataSignature{
			Info:     pdfsign.SignDataSignatureInfo{Name: "Foreign", Reason: "Interop", Date: time.Now()},
			CertType: pdfsign.CertificationSignature, DocMDPPerm: pdfsign.DoNotAllowAnyChangesPerms,
		},
		Signer: leaf.key, DigestAlgorithm: crypto.SHA256, Certificate: leaf.Certificate,
		CertificateChains: [][]*x509.Certificate{{leaf.Certificate, p.inter, p.root}},
	})
	if err != nil {
		t.Fatal(err)
	}
	rep, err := Verify(out.Bytes(), p.roots())
	if err != nil {
		t.Fatal(err)
	}
	s := rep.Signatures[0]
	if rep.Verdict != VerdictValid || s.Trust != TrustTrusted || s.Reason != "Interop" || !s.Certification || s.Permission != 1 || !s.CoversWholeDocument {
		t.Errorf("got %+v", rep)
	}
	// The same file with its page forged is caught as well.
	forged := forgePage(t, out.Bytes())
	rep, err = Verify(forged, p.roots())
	if err != nil || rep.Verdict != VerdictModified {
		t.Errorf("forged foreign signature: %+v %v", rep, err)
	}
}

func TestReportJSON(t *testing.T) {
	p := getPKI(t)
	out, err := Sign(context.Background(), testPDF(t, 1), p.leaves[ecP256], Options{Reason: "Publication", Location: "Lyon"})
	if err != nil {
		t.Fatal(err)
	}
	rep, err := Verify(out, p.roots())
	if err != nil {
		t.Fatal(err)
	}
	data, err := json.Marshal(rep)
	if err != nil {
		t.Fatal(err)
	}
	var back struct {
		Verdict    string
		Signatures []map[string]any
	}
	if err := json.Unmarshal(data, &back); err != nil {
		t.Fatal(err)
	}
	s := back.Signatures[0]
	if back.Verdict != "valid" || s["verdict"] != "valid" || s["trust"] != "trusted" || s["covers_whole_document"] != true ||
		s["reason"] != "Publication" || s["location"] != "Lyon" || s["signer"] != "Officer ECDSA-P256" || s["certification"] != true {
		t.Errorf("JSON %s", data)
	}
}
