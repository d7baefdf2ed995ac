package sign_test

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"math/big"
	"os"
	"path/filepath"
	"testing"
	"time"

	"communique/app/export"
	"communique/app/sign"
	"communique/app/workspace"
	"communique/assets"
)

// signedExport is the sample statement exported in Arabic (embedded font
// subsets, right-to-left text) and signed by Communiqué itself, with the
// signer's certificate.
func signedExport(b testing.TB, approval bool) ([]byte, *x509.Certificate) {
	b.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		b.Fatal(err)
	}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "Bench Spokesperson"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(24 * time.Hour),
		KeyUsage: x509.KeyUsageDigitalSignature | x509.KeyUsageContentCommitment}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, key.Public(), key)
	if err != nil {
		b.Fatal(err)
	}
	keyDER, _ := x509.MarshalPKCS8PrivateKey(key)
	id, err := sign.LoadPEM(pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: keyDER}),
		pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), "")
	if err != nil {
		b.Fatal(err)
	}
	dir := filepath.Join(b.TempDir(), "ws")
	if err := assets.WriteSample(dir); err != nil {
		b.Fatal(err)
	}
	ws, err := workspace.Open(dir)
	if err != nil {
		b.Fatal(err)
	}
	out := b.TempDir()
	plan, err := export.Prepare(ws, export.Options{Langs: []string{"ar"}, OutDir: out, Identity: id, Approval: approval})
	if err != nil {
		b.Fatal(err)
	}
	m, err := plan.Run(context.Background())
	if err != nil || len(m.Files) != 1 {
		b.Fatal(err)
	}
	data, err := os.ReadFile(filepath.Join(out, m.Files[0].Name))
	if err != nil {
		b.Fatal(err)
	}
	return data, id.Certificate
}

// TestGenuineExportsVerify: Communiqué's certified and approval exports
// are valid when the signer is pinned, untrusted when nobody vouches.
func TestGenuineExportsVerify(t *testing.T) {
	for _, approval := range []bool{false, true} {
		data, cert := signedExport(t, approval)
		rep, err := sign.VerifyWith(data, sign.VerifyOptions{Pinned: []*x509.Certificate{cert}})
		if err != nil || rep.Verdict != sign.VerdictValid || !rep.Signatures[0].CoversWholeDocument {
			t.Errorf("approval=%v: %+v %v", approval, rep, err)
		}
		if rep, _ := sign.Verify(data, nil); rep.Verdict != sign.VerdictUntrusted {
			t.Errorf("approval=%v without trust: %s", approval, rep.Verdict)
		}
	}
}

// BenchmarkVerifyExport is issue 10's target: verifying a genuine signed
// statement takes at most 10 ms in-process.
func BenchmarkVerifyExport(b *testing.B) {
	for _, approval := range []bool{false, true} {
		data, cert := signedExport(b, approval)
		name := map[bool]string{false: "certified", true: "approval"}[approval]
		b.Run(name, func(b *testing.B) {
			opt := sign.VerifyOptions{Pinned: []*x509.Certificate{cert}}
			b.ReportAllocs()
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				if rep, err := sign.VerifyWith(data, opt); err != nil || rep.Verdict != sign.VerdictValid {
					b.Fatal(rep, err)
				}
			}
		})
	}
}
