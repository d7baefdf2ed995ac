package verify

import (
	"bytes"
	"communique/app/sign/certs"
	"communique/app/sign/cms"
	"crypto"
	"crypto/rsa"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/asn1"
	"errors"
	"fmt"
)

// The cryptographic half of verification: does the CMS (or RFC 3161 token)
// match the signed bytes, with which key and algorithms, and does anyone
// trusted vouch for that key at a trusted time.

// cryptoResult is the verdict of the cryptography alone: invalid or
// modified when the signature does not hold, else what trust makes of it.
type cryptoResult struct {
	verdict Verdict
	detail  string
}

func broken(v Verdict, format string, args ...any) cryptoResult {
	return cryptoResult{v, fmt.Sprintf(format, args...)}
}

// checkCMS verifies an adbe.pkcs7.detached / ETSI.CAdES.detached signature.
func (v *verifier) checkCMS(rep *SignatureReport, contents []byte, ranges [][]byte) cryptoResult {
	p7, err := cms.Parse(contents)
	if err != nil {
		return broken(VerdictInvalid, "the signature value is not a readable CMS signature")
	}
	if len(p7.Signers) != 1 {
		return broken(VerdictInvalid, "the signature has %d signers instead of 1", len(p7.Signers))
	}
	si := p7.Signers[0]
	var cert *x509.Certificate
	for _, c := range p7.Certificates {
		if c.SerialNumber.Cmp(si.IssuerAndSerialNumber.SerialNumber) == 0 && bytes.Equal(c.RawIssuer, si.IssuerAndSerialNumber.IssuerName.FullBytes) {
			cert = c
		}
	}
	if cert == nil {
		return broken(VerdictInvalid, "the signer's certificate is not in the signature")
	}
	rep.Signer, rep.Issuer, rep.CertificateSHA256 = certs.Name(cert), certs.IssuerName(cert), certs.Fingerprint(cert)

	hash, ok := cms.HashForOID(si.DigestAlgorithm.Algorithm)
	if !ok {
		return broken(VerdictInvalid, "unsupported digest algorithm %v", si.DigestAlgorithm.Algorithm)
	}
	h := hash.New()
	for _, r := range ranges {
		h.Write(r)
	}
	digest := h.Sum(nil)
	alg := si.DigestEncryptionAlgorithm
	if len(si.AuthenticatedAttributes) == 0 {
		// Old-style signature straight over the content.
		if err := cms.CheckSignature(cert.PublicKey, alg, hash, bytes.Join(ranges, nil), si.EncryptedDigest); err != nil {
			return broken(VerdictInvalid, "the signature value does not match the signer's key: %v", err)
		}
	} else {
		attrs := make([]cms.Attribute, len(si.AuthenticatedAttributes))
		for i, a := range si.AuthenticatedAttributes {
			attrs[i] = cms.Attribute{Type: a.Type, Value: a.Value}
		}
		signed, err := verifiedAttributes(contents, attrs, si.EncryptedDigest, cert, alg, hash)
		if err != nil {
			return broken(VerdictInvalid, "%v", err)
		}
		md, t, err := cms.AttributeValues(signed)
		if err != nil {
			return broken(VerdictInvalid, "the signed attributes are malformed: %v", err)
		}
		if !bytes.Equal(md, digest) {
			return broken(VerdictModified, "the signed bytes were changed after signing: their digest no longer matches the signature")
		}
		if !t.IsZero() {
			rep.Time = t
		}
	}
	unsigned := make([]cms.Attribute, len(si.UnauthenticatedAttributes))
	for i, a := range si.UnauthenticatedAttributes {
		unsigned[i] = cms.Attribute{Type: a.Type, Value: a.Value}
	}
	trustTime, tsDetail, res := v.signatureTimestamp(rep, unsigned, si.EncryptedDigest)
	if res != nil {
		return *res
	}
	verdict, why := v.judge(rep, cert, p7.Certificates, trustTime, x509.ExtKeyUsageAny)
	if weak := weakness(cert, hash); weak != "" {
		verdict, why = VerdictWeak, joinDetail(weak, why)
	}
	return cryptoResult{verdict, joinDetail(why, tsDetail)}
}

// verifiedAttributes returns the signed attributes whose signature
// verifies. Most files hold exactly the DER that was signed; some signers
// leave the set unsorted and sign it that way, and a BER-encoded CMS holds
// other bytes than were signed. So the attributes as they are in the file
// are tried first, then their DER re-encoding.
func verifiedAttributes(contents []byte, attrs []cms.Attribute, sig []byte, cert *x509.Certificate, alg pkix.AlgorithmIdentifier, hash crypto.Hash) ([]byte, error) {
	var candidates [][]byte
	if raw := cms.RawSignedAttributes(contents); raw != nil {
		candidates = append(candidates, raw)
	}
	if der, err := cms.MarshalAttributeSet(attrs); err == nil && (len(candidates) == 0 || !bytes.Equal(der, candidates[0])) {
		candidates = append(candidates, der)
	}
	var sigErr error
	for _, c := range candidates {
		if sigErr = cms.CheckSignature(cert.PublicKey, alg, hash, c, sig); sigErr == nil {
			return c, nil
		}
	}
	if sigErr == nil {
		return nil, errors.New("the signed attributes cannot be read")
	}
	return nil, fmt.Errorf("the signature value does not match the signer's key: %w", sigErr)
}

// weakness names what makes a signature weak, or "".
func weakness(cert *x509.Certificate, hash crypto.Hash) string {
	if hash == crypto.SHA1 {
		return "the signature uses SHA-1, which no longer resists forgery"
	}
	if k, ok := cert.PublicKey.(*rsa.PublicKey); ok && k.N.BitLen() < 2048 {
		return fmt.Sprintf("the signer's RSA key has %d bits, fewer than 2048", k.N.BitLen())
	}
	return ""
}

// oidEKU is the extended key usage extension, whose criticality the
// timestamp authority rules look at.
var oidEKU = asn1.ObjectIdentifier{2, 5, 29, 37}
