package sign

import (
	"bytes"
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/rsa"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/asn1"
	"errors"
	"fmt"

	"github.com/digitorus/pkcs7"
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
	p7, err := parseCMS(contents)
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
	rep.Signer, rep.Issuer, rep.CertificateSHA256 = displayName(cert), issuerName(cert), Fingerprint(cert)

	hash, ok := hashForOID(si.DigestAlgorithm.Algorithm)
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
		if err := checkSignature(cert.PublicKey, alg, hash, bytes.Join(ranges, nil), si.EncryptedDigest); err != nil {
			return broken(VerdictInvalid, "the signature value does not match the signer's key: %v", err)
		}
	} else {
		attrs := make([]cmsAttribute, len(si.AuthenticatedAttributes))
		for i, a := range si.AuthenticatedAttributes {
			attrs[i] = cmsAttribute{Type: a.Type, Value: a.Value}
		}
		signed, err := verifiedAttributes(contents, attrs, si.EncryptedDigest, cert, alg, hash)
		if err != nil {
			return broken(VerdictInvalid, "%v", err)
		}
		md, t, err := attributeValues(signed)
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
	unsigned := make([]cmsAttribute, len(si.UnauthenticatedAttributes))
	for i, a := range si.UnauthenticatedAttributes {
		unsigned[i] = cmsAttribute{Type: a.Type, Value: a.Value}
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
func verifiedAttributes(contents []byte, attrs []cmsAttribute, sig []byte, cert *x509.Certificate, alg pkix.AlgorithmIdentifier, hash crypto.Hash) ([]byte, error) {
	var candidates [][]byte
	if raw := rawSignedAttributes(contents); raw != nil {
		candidates = append(candidates, raw)
	}
	if der, err := marshalAttributeSet(attrs); err == nil && (len(candidates) == 0 || !bytes.Equal(der, candidates[0])) {
		candidates = append(candidates, der)
	}
	var sigErr error
	for _, c := range candidates {
		if sigErr = checkSignature(cert.PublicKey, alg, hash, c, sig); sigErr == nil {
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

var (
	oidSHA1      = asn1.ObjectIdentifier{1, 3, 14, 3, 2, 26}
	oidSHA384    = asn1.ObjectIdentifier{2, 16, 840, 1, 101, 3, 4, 2, 2}
	oidSHA512    = asn1.ObjectIdentifier{2, 16, 840, 1, 101, 3, 4, 2, 3}
	oidRSAPSS    = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 1, 10}
	oidMGF1      = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 1, 8}
	oidEd25519   = asn1.ObjectIdentifier{1, 3, 101, 112}
	oidEKU       = asn1.ObjectIdentifier{2, 5, 29, 37}
	rsaPKCS1OIDs = []string{"1.2.840.113549.1.1.1", "1.2.840.113549.1.1.5", "1.2.840.113549.1.1.11", "1.2.840.113549.1.1.12", "1.2.840.113549.1.1.13", "1.2.840.113549.1.1.14"}
	ecdsaOIDs    = []string{"1.2.840.10045.2.1", "1.2.840.10045.4.1", "1.2.840.10045.4.3.1", "1.2.840.10045.4.3.2", "1.2.840.10045.4.3.3", "1.2.840.10045.4.3.4"}
)

func hashForOID(oid asn1.ObjectIdentifier) (crypto.Hash, bool) {
	switch {
	case oid.Equal(oidSHA256):
		return crypto.SHA256, true
	case oid.Equal(oidSHA384):
		return crypto.SHA384, true
	case oid.Equal(oidSHA512):
		return crypto.SHA512, true
	case oid.Equal(oidSHA1):
		return crypto.SHA1, true
	}
	return 0, false
}

// checkSignature verifies sig over msg with pub, for the SignerInfo's
// signature algorithm and the digest algorithm hash. RSA-PSS takes its
// salt length from the algorithm's parameters, whatever it is: OpenSSL
// signs with the longest salt by default, pyHanko too, and x509's own
// check only accepts a salt as long as the hash.
func checkSignature(pub crypto.PublicKey, alg pkix.AlgorithmIdentifier, hash crypto.Hash, msg, sig []byte) error {
	h := hash.New()
	h.Write(msg)
	sum := h.Sum(nil)
	oid := alg.Algorithm.String()
	switch k := pub.(type) {
	case *rsa.PublicKey:
		switch {
		case alg.Algorithm.Equal(oidRSAPSS):
			opts, err := pssOptions(alg.Parameters.FullBytes, hash)
			if err != nil {
				return err
			}
			return rsa.VerifyPSS(k, hash, sum, sig, opts)
		case contains(rsaPKCS1OIDs, oid):
			return rsa.VerifyPKCS1v15(k, hash, sum, sig)
		}
	case *ecdsa.PublicKey:
		if contains(ecdsaOIDs, oid) {
			if !ecdsa.VerifyASN1(k, sum, sig) {
				return errors.New("ECDSA verification failure")
			}
			return nil
		}
	case ed25519.PublicKey:
		if alg.Algorithm.Equal(oidEd25519) {
			if !ed25519.Verify(k, msg, sig) {
				return errors.New("Ed25519 verification failure")
			}
			return nil
		}
	}
	return fmt.Errorf("signature algorithm %v does not fit the signer's %T key", alg.Algorithm, pub)
}

// pssParams is RSASSA-PSS-params (RFC 4055 §3.1).
type pssParams struct {
	Hash    pkix.AlgorithmIdentifier `asn1:"explicit,tag:0,optional"`
	MGF     pkix.AlgorithmIdentifier `asn1:"explicit,tag:1,optional"`
	Salt    int                      `asn1:"explicit,tag:2,optional,default:20"`
	Trailer int                      `asn1:"explicit,tag:3,optional,default:1"`
}

func pssOptions(der []byte, hash crypto.Hash) (*rsa.PSSOptions, error) {
	p := pssParams{Salt: 20, Trailer: 1}
	if rest, err := asn1.Unmarshal(der, &p); err != nil || len(rest) != 0 {
		return nil, errors.New("unreadable RSA-PSS parameters")
	}
	ph := crypto.SHA1
	if len(p.Hash.Algorithm) > 0 {
		var ok bool
		if ph, ok = hashForOID(p.Hash.Algorithm); !ok {
			return nil, fmt.Errorf("unsupported RSA-PSS hash %v", p.Hash.Algorithm)
		}
	}
	mh := crypto.SHA1
	if len(p.MGF.Algorithm) > 0 {
		var mgfHash pkix.AlgorithmIdentifier
		if !p.MGF.Algorithm.Equal(oidMGF1) {
			return nil, fmt.Errorf("unsupported RSA-PSS mask generation %v", p.MGF.Algorithm)
		}
		if _, err := asn1.Unmarshal(p.MGF.Parameters.FullBytes, &mgfHash); err != nil {
			return nil, errors.New("unreadable RSA-PSS mask generation parameters")
		}
		var ok bool
		if mh, ok = hashForOID(mgfHash.Algorithm); !ok {
			return nil, fmt.Errorf("unsupported RSA-PSS mask hash %v", mgfHash.Algorithm)
		}
	}
	// crypto/rsa uses the message hash for MGF1, as RFC 4056 requires.
	if ph != hash || mh != hash || p.Trailer != 1 || p.Salt < 0 {
		return nil, errors.New("RSA-PSS parameters disagree with the digest algorithm")
	}
	return &rsa.PSSOptions{SaltLength: p.Salt, Hash: hash}, nil
}

// cmsAttribute mirrors the CMS Attribute so parsed signed attributes can be
// re-encoded byte for byte (their Value keeps the original encoding).
type cmsAttribute struct {
	Type  asn1.ObjectIdentifier
	Value asn1.RawValue `asn1:"set"`
}

func marshalAttributeSet(attrs []cmsAttribute) ([]byte, error) {
	seq, err := asn1.Marshal(struct {
		A []cmsAttribute `asn1:"set"`
	}{attrs})
	if err != nil {
		return nil, err
	}
	var outer asn1.RawValue
	if _, err := asn1.Unmarshal(seq, &outer); err != nil {
		return nil, err
	}
	return outer.Bytes, nil
}

func parseCMS(der []byte) (p7 *pkcs7.PKCS7, err error) {
	if !asn1DepthOK(der, maxASN1Depth) {
		return nil, errors.New("the signature value nests too deeply")
	}
	defer func() {
		if r := recover(); r != nil {
			p7, err = nil, errors.New("unreadable CMS")
		}
	}()
	return pkcs7.Parse(der)
}

// trimDER cuts the zero padding after a DER structure.
func trimDER(b []byte) []byte {
	var raw asn1.RawValue
	if rest, err := asn1.Unmarshal(b, &raw); err == nil {
		return b[:len(b)-len(rest)]
	}
	return b
}

func issuerName(c *x509.Certificate) string {
	if c.Issuer.CommonName != "" {
		return c.Issuer.CommonName
	}
	return c.Issuer.String()
}
