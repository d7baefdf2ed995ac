// Package certs says who a certificate names and what it may do: its
// display name and fingerprint, whether it signs itself, and whether its
// key usages allow signing documents. The signer refuses certificates that
// may not sign; the verifier reports them.
package certs

import (
	"bytes"
	"crypto/sha256"
	"crypto/x509"
	"encoding/asn1"
	"fmt"
	"strings"
)

// SelfSigned tells whether c is issued by itself and its signature holds.
func SelfSigned(c *x509.Certificate) bool {
	return bytes.Equal(c.RawSubject, c.RawIssuer) && c.CheckSignature(c.SignatureAlgorithm, c.RawTBSCertificate, c.Signature) == nil
}

// Fingerprint is the SHA-256 of the certificate in the "AB:CD:…" form most
// certificate viewers show, so an officer can compare it by eye.
func Fingerprint(c *x509.Certificate) string {
	sum := sha256.Sum256(c.Raw)
	var b strings.Builder
	for i, x := range sum {
		if i > 0 {
			b.WriteByte(':')
		}
		fmt.Fprintf(&b, "%02X", x)
	}
	return b.String()
}

// Name is what a person calls the certificate's subject: its common name,
// else the whole distinguished name.
func Name(c *x509.Certificate) string {
	if c.Subject.CommonName != "" {
		return c.Subject.CommonName
	}
	return c.Subject.String()
}

var (
	oidKeyUsage        = asn1.ObjectIdentifier{2, 5, 29, 15}
	oidEKUDocSigning   = asn1.ObjectIdentifier{1, 3, 6, 1, 5, 5, 7, 3, 36}
	oidEKUAdobeAuthDoc = asn1.ObjectIdentifier{1, 2, 840, 113583, 1, 1, 5}
	oidEKUMSDocSigning = asn1.ObjectIdentifier{1, 3, 6, 1, 4, 1, 311, 10, 3, 12}
)

// UsageProblem returns why c may not sign documents, or "". A certificate
// without a key-usage extension is unrestricted (RFC 5280 §4.2.1.3).
func UsageProblem(c *x509.Certificate) string {
	hasKU := false
	for _, e := range c.Extensions {
		if e.Id.Equal(oidKeyUsage) {
			hasKU = true
		}
	}
	if hasKU && c.KeyUsage&(x509.KeyUsageDigitalSignature|x509.KeyUsageContentCommitment) == 0 {
		return "may not make signatures: its key usage allows neither digital signature nor non-repudiation"
	}
	if len(c.ExtKeyUsage) == 0 && len(c.UnknownExtKeyUsage) == 0 {
		return ""
	}
	for _, u := range c.ExtKeyUsage {
		switch u {
		case x509.ExtKeyUsageAny, x509.ExtKeyUsageEmailProtection, x509.ExtKeyUsageClientAuth, x509.ExtKeyUsageCodeSigning:
			return ""
		}
	}
	for _, u := range c.UnknownExtKeyUsage {
		if u.Equal(oidEKUDocSigning) || u.Equal(oidEKUAdobeAuthDoc) || u.Equal(oidEKUMSDocSigning) {
			return ""
		}
	}
	return "may not sign documents: its extended key usage names other purposes only (for example TLS servers or time-stamping)"
}

// IssuerName is what a person calls the certificate's issuer.
func IssuerName(c *x509.Certificate) string {
	if c.Issuer.CommonName != "" {
		return c.Issuer.CommonName
	}
	return c.Issuer.String()
}
