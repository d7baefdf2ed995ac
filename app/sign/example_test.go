package sign_test

import (
	"bytes"
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"fmt"
	"math/big"
	"time"

	"codeberg.org/go-pdf/fpdf"
	"software.sslmate.com/src/go-pkcs12"

	"communique/app/sign"
)

// officerP12 stands in for the .p12 file an officer's CA issued.
func officerP12(password string) []byte {
	key, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1),
		Subject:      pkix.Name{CommonName: "Press Officer"},
		NotBefore:    time.Now().Add(-time.Hour),
		NotAfter:     time.Now().Add(time.Hour),
		KeyUsage:     x509.KeyUsageDigitalSignature,
	}
	der, _ := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	cert, _ := x509.ParseCertificate(der)
	p12, _ := pkcs12.Modern2023.Encode(key, cert, nil, password)
	return p12
}

func statementPDF() []byte {
	f := fpdf.New("P", "pt", "A4", "")
	f.AddPage()
	f.SetFont("Helvetica", "", 12)
	f.Text(72, 72, "Official statement")
	var buf bytes.Buffer
	_ = f.Output(&buf)
	return buf.Bytes()
}

// Sign an exported statement with a certification signature whose visible
// field covers the signature block already typeset on the page, then verify
// it the way "communique verify" does.
func Example() {
	id, err := sign.LoadPKCS12(officerP12("s3cret"), "s3cret")
	if err != nil {
		fmt.Println(err)
		return
	}
	if err := id.Check(time.Now()); err != nil {
		fmt.Println(err)
		return
	}
	signed, err := sign.Sign(context.Background(), statementPDF(), id, sign.Options{
		Reason:   "Publication of the statement",
		Location: "Paris",
		Widget:   &sign.Rect{Page: 1, X0: 320, Y0: 60, X1: 540, Y1: 130},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	// Trust is explicit: here the officer's own certificate is pinned, as
	// a workspace pins its organisation's signers in communique.toml.
	report, err := sign.VerifyWith(signed, sign.VerifyOptions{Pinned: []*x509.Certificate{id.Certificate}})
	if err != nil {
		fmt.Println(err)
		return
	}
	s := report.Signatures[0]
	fmt.Println(report.Verdict, s.Signer, s.Trust, s.CoversWholeDocument, s.Certification)

	_, err = sign.LoadPKCS12(officerP12("s3cret"), "guess")
	fmt.Println(err)
	// Output:
	// valid Press Officer trusted true true
	// wrong password
}
