package sign

import (
	"bytes"
	"context"
	"crypto"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/hex"
	"encoding/pem"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// Signatures made by OpenSSL (another implementation) in place of
// Communiqué's own CMS: the PDF layout is Sign's, the /Contents is
// replaced by `openssl cms -sign` over the very same byte ranges.

// withOpenSSLCMS re-signs signed's byte ranges with openssl using cert and
// key and the extra arguments, and puts that CMS into the gap.
func withOpenSSLCMS(t *testing.T, signed []byte, cert *x509.Certificate, key crypto.Signer, args ...string) []byte {
	t.Helper()
	openssl := needTool(t, "openssl")
	a, b := signedGap(t, signed)
	dir := t.TempDir()
	content := filepath.Join(dir, "content.bin")
	os.WriteFile(content, append(append([]byte{}, signed[:a]...), signed[b:]...), 0o600)
	der, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		t.Fatal(err)
	}
	keyPath, certPath, out := filepath.Join(dir, "key.pem"), filepath.Join(dir, "cert.pem"), filepath.Join(dir, "cms.der")
	os.WriteFile(keyPath, pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der}), 0o600)
	os.WriteFile(certPath, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: cert.Raw}), 0o600)
	cmd := append([]string{"cms", "-sign", "-binary", "-in", content, "-signer", certPath, "-inkey", keyPath,
		"-outform", "DER", "-out", out, "-nosmimecap"}, args...)
	if msg, err := exec.Command(openssl, cmd...).CombinedOutput(); err != nil {
		t.Fatalf("openssl %v: %v\n%s", cmd, err, msg)
	}
	cms, _ := os.ReadFile(out)
	hexCMS := strings.ToUpper(hex.EncodeToString(cms))
	room := b - a - 2
	if len(hexCMS) > room {
		t.Fatalf("OpenSSL's CMS (%d hex digits) does not fit the %d reserved", len(hexCMS), room)
	}
	outPDF := bytes.Clone(signed)
	copy(outPDF[a+1:], hexCMS+strings.Repeat("0", room-len(hexCMS)))
	return outPDF
}

// TestOpenSSLSignatures: RSA-PSS with OpenSSL's default (maximum) salt and
// with a 32-byte salt verify; SHA-1 and a 1024-bit RSA key are weak.
func TestOpenSSLSignatures(t *testing.T) {
	p := getPKI(t)
	leaf := p.leaves[rsa2048]
	signed, err := Sign(context.Background(), testPDF(t, 1), leaf, Options{Approval: true, Reason: "PSS"})
	if err != nil {
		t.Fatal(err)
	}
	weakKey, err := rsa.GenerateKey(rand.Reader, 1024)
	if err != nil {
		t.Fatal(err)
	}
	weakCert := issue(leafTemplate("Weak Officer", p.now), weakKey.Public(), p.inter, p.interKey)
	cases := []struct {
		name    string
		cert    *x509.Certificate
		key     crypto.Signer
		args    []string
		verdict Verdict
		detail  string
	}{
		{"PSS, default salt", leaf.Certificate, leaf.key, []string{"-md", "sha256", "-keyopt", "rsa_padding_mode:pss"}, VerdictValid, ""},
		{"PSS, 32-byte salt", leaf.Certificate, leaf.key, []string{"-md", "sha256", "-keyopt", "rsa_padding_mode:pss", "-keyopt", "rsa_pss_saltlen:32"}, VerdictValid, ""},
		{"PSS, SHA-384", leaf.Certificate, leaf.key, []string{"-md", "sha384", "-keyopt", "rsa_padding_mode:pss"}, VerdictValid, ""},
		{"PKCS#1 v1.5", leaf.Certificate, leaf.key, []string{"-md", "sha256"}, VerdictValid, ""},
		{"SHA-1", leaf.Certificate, leaf.key, []string{"-md", "sha1"}, VerdictWeak, "SHA-1"},
		{"RSA-1024", weakCert, weakKey, []string{"-md", "sha256"}, VerdictWeak, "1024 bits"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			pdf := withOpenSSLCMS(t, signed, c.cert, c.key, append(c.args, "-certfile", writeTemp(t, "chain.pem", chainPEM(p.inter)))...)
			rep, err := Verify(pdf, p.roots())
			if err != nil {
				t.Fatal(err)
			}
			s := rep.Signatures[0]
			if rep.Verdict != c.verdict || !strings.Contains(s.Detail, c.detail) {
				t.Errorf("got %s %q, want %s %q", rep.Verdict, s.Detail, c.verdict, c.detail)
			}
		})
	}
}

// TestTrustedTime: the time a certificate is judged at is a trusted
// timestamp authority's, else now; never the time the signer claims, and
// never the time of an authority without the timeStamping purpose.
func TestTrustedTime(t *testing.T) {
	p := getPKI(t)
	in := testPDF(t, 1)
	expiredKey := newKey(ecP256)
	tmpl := leafTemplate("Expired Officer", p.now)
	tmpl.NotBefore, tmpl.NotAfter = p.now.Add(-5*365*24*time.Hour), p.now.Add(-365*24*time.Hour)
	expired := &Identity{Certificate: issue(tmpl, expiredKey.Public(), p.inter, p.interKey), Chain: []*x509.Certificate{p.inter}, key: expiredKey}
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
	// An ordinary signing certificate of the same CA posing as a TSA,
	// answering with a time of its choosing.
	insider := p.leaves[ecP256]
	fakeTSA := startTSA(t, insider.Certificate, insider.key, func() time.Time { return p.now.Add(-3 * 365 * 24 * time.Hour) })
	realTSA := startTSA(t, p.tsa, p.tsaKey, time.Now)

	claimed := signElsewhere(expired, Options{Approval: true, Time: p.now.Add(-3 * 365 * 24 * time.Hour)})
	rep, _ := Verify(claimed, p.roots())
	if rep.Verdict != VerdictExpired || rep.Signatures[0].Trust != TrustExpired {
		t.Errorf("expired certificate with a claimed signing time: %s %+v", rep.Verdict, rep.Signatures[0])
	}
	faked := signElsewhere(expired, Options{Approval: true, Time: p.now.Add(-3 * 365 * 24 * time.Hour), TSAURL: fakeTSA.URL})
	rep, _ = Verify(faked, p.roots())
	if s := rep.Signatures[0]; rep.Verdict != VerdictExpired || s.Timestamped || s.TimestampTrust != TrustNotForSigning {
		t.Errorf("a signing certificate posing as a TSA: %s %+v", rep.Verdict, s)
	}
	good := signElsewhere(p.leaves[rsa2048], Options{Approval: true, Time: p.now, TSAURL: realTSA.URL})
	rep, _ = Verify(good, p.roots())
	if s := rep.Signatures[0]; rep.Verdict != VerdictValid || !s.Timestamped || s.TimestampTrust != TrustTrusted {
		t.Errorf("a real TSA: %s %+v", rep.Verdict, s)
	}
	// A self-signed impostor with the officer's exact name is untrusted,
	// pinned or not by anyone.
	impKey := newKey(ecP256)
	impostor := &Identity{Certificate: issue(leafTemplate(p.leaves[ecP256].Certificate.Subject.CommonName, p.now), impKey.Public(), nil, impKey), key: impKey}
	imp, err := Sign(context.Background(), in, impostor, Options{})
	if err != nil {
		t.Fatal(err)
	}
	rep, _ = VerifyWith(imp, VerifyOptions{Roots: p.roots(), Pinned: []*x509.Certificate{p.leaves[ecP256].Certificate}})
	if rep.Verdict != VerdictUntrusted {
		t.Errorf("impostor: %s %+v", rep.Verdict, rep.Signatures[0])
	}
}
