package cms

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"math/big"
	"testing"
	"time"
)

// TestASN1Depth: deeply nested signature values are refused before the
// recursive parsers see them; real signatures pass.
func TestASN1Depth(t *testing.T) {
	deep := append(bytes.Repeat([]byte{0x30, 0x80}, 200_000), bytes.Repeat([]byte{0, 0}, 200_000)...)
	if DepthOK(deep, MaxDepth) {
		t.Error("200,000 nested indefinite SEQUENCEs pass")
	}
	if _, err := Parse(deep); err == nil {
		t.Error("Parse accepts them")
	}
	definite := []byte{}
	for i := 0; i < 100; i++ {
		definite = append([]byte{0x30, byte(len(definite))}, definite...)
		if len(definite) > 120 {
			break
		}
	}
	if DepthOK(definite, 40) {
		t.Error("definite-length nesting is not counted")
	}
	der := realCMS(t)
	if !DepthOK(der, MaxDepth) {
		t.Error("a real signature is refused")
	}
	if _, err := Parse(der); err != nil {
		t.Errorf("a real signature does not parse: %v", err)
	}
}

// realCMS builds a signature as the signer does, over a made-up digest.
func realCMS(t *testing.T) []byte {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(7), Subject: pkix.Name{CommonName: "Officer"},
		NotBefore: now.Add(-time.Hour), NotAfter: now.Add(time.Hour)}
	raw, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, key.Public(), key)
	if err != nil {
		t.Fatal(err)
	}
	cert, err := x509.ParseCertificate(raw)
	if err != nil {
		t.Fatal(err)
	}
	attrs, err := SignedAttributes(make([]byte, 32), now, cert, nil)
	if err != nil {
		t.Fatal(err)
	}
	sig, err := SignAttributes(key, attrs)
	if err != nil {
		t.Fatal(err)
	}
	der, err := Build(cert, nil, key.Public(), attrs, sig, nil)
	if err != nil {
		t.Fatal(err)
	}
	return der
}
