package cms

import (
	"bytes"
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/rsa"
	"crypto/x509/pkix"
	"encoding/asn1"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/digitorus/pkcs7"
	"golang.org/x/crypto/cryptobyte"
	cbasn1 "golang.org/x/crypto/cryptobyte/asn1"
)

// RawSignedAttributes returns the signed attributes of a CMS SignedData's
// first signer as they are in the file, re-tagged as the SET OF they were
// signed as (RFC 5652, 5.4), or nil when der cannot be read that way (BER).
func RawSignedAttributes(der []byte) []byte {
	in := cryptobyte.String(der)
	var ci, content, sd, sis, si, sid, attrs cryptobyte.String
	var oid asn1.ObjectIdentifier
	var tag cbasn1.Tag
	if !in.ReadASN1(&ci, cbasn1.SEQUENCE) || !ci.ReadASN1ObjectIdentifier(&oid) || !oid.Equal(oidSignedData) ||
		!ci.ReadASN1(&content, tagContext0) || !content.ReadASN1(&sd, cbasn1.SEQUENCE) ||
		!sd.SkipASN1(cbasn1.INTEGER) || !sd.SkipASN1(cbasn1.SET) || !sd.SkipASN1(cbasn1.SEQUENCE) ||
		!sd.SkipOptionalASN1(tagContext0) || !sd.SkipOptionalASN1(tagContext1) ||
		!sd.ReadASN1(&sis, cbasn1.SET) || !sis.ReadASN1(&si, cbasn1.SEQUENCE) ||
		!si.SkipASN1(cbasn1.INTEGER) || !si.ReadAnyASN1(&sid, &tag) || !si.SkipASN1(cbasn1.SEQUENCE) ||
		!si.ReadAnyASN1Element(&attrs, &tag) || tag != tagContext0 || len(attrs) == 0 {
		return nil
	}
	out := bytes.Clone(attrs)
	out[0] = 0x31 // [0] IMPLICIT → SET
	return out
}

// AttributeValues reads the message digest and the signing time (zero if
// absent) from a DER SET OF signed attributes, strictly: one message
// digest, nothing left over.
func AttributeValues(set []byte) (digest []byte, signingTime time.Time, err error) {
	in := cryptobyte.String(set)
	var attrs cryptobyte.String
	if !in.ReadASN1(&attrs, cbasn1.SET) || !in.Empty() {
		return nil, time.Time{}, errors.New("not a set of attributes")
	}
	found := false
	for !attrs.Empty() {
		var attr, values cryptobyte.String
		var oid asn1.ObjectIdentifier
		if !attrs.ReadASN1(&attr, cbasn1.SEQUENCE) || !attr.ReadASN1ObjectIdentifier(&oid) ||
			!attr.ReadASN1(&values, cbasn1.SET) || !attr.Empty() {
			return nil, time.Time{}, errors.New("a malformed attribute")
		}
		switch {
		case oid.Equal(oidAttrMessageDigest):
			var md cryptobyte.String
			if found || !values.ReadASN1(&md, cbasn1.OCTET_STRING) || !values.Empty() {
				return nil, time.Time{}, errors.New("the message digest is not one octet string")
			}
			digest, found = md, true
		case oid.Equal(oidAttrSigningTime):
			var t time.Time
			switch {
			case values.PeekASN1Tag(cbasn1.UTCTime):
				if !values.ReadASN1UTCTime(&t) {
					return nil, time.Time{}, errors.New("a malformed signing time")
				}
			case values.PeekASN1Tag(cbasn1.GeneralizedTime):
				if !values.ReadASN1GeneralizedTime(&t) {
					return nil, time.Time{}, errors.New("a malformed signing time")
				}
			default:
				return nil, time.Time{}, errors.New("a malformed signing time")
			}
			signingTime = t
		}
	}
	if !found {
		return nil, time.Time{}, errors.New("no message digest")
	}
	return digest, signingTime, nil
}

var (
	oidSHA1      = asn1.ObjectIdentifier{1, 3, 14, 3, 2, 26}
	oidSHA384    = asn1.ObjectIdentifier{2, 16, 840, 1, 101, 3, 4, 2, 2}
	oidSHA512    = asn1.ObjectIdentifier{2, 16, 840, 1, 101, 3, 4, 2, 3}
	oidRSAPSS    = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 1, 10}
	oidMGF1      = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 1, 8}
	oidEd25519   = asn1.ObjectIdentifier{1, 3, 101, 112}
	rsaPKCS1OIDs = []string{"1.2.840.113549.1.1.1", "1.2.840.113549.1.1.5", "1.2.840.113549.1.1.11", "1.2.840.113549.1.1.12", "1.2.840.113549.1.1.13", "1.2.840.113549.1.1.14"}
	ecdsaOIDs    = []string{"1.2.840.10045.2.1", "1.2.840.10045.4.1", "1.2.840.10045.4.3.1", "1.2.840.10045.4.3.2", "1.2.840.10045.4.3.3", "1.2.840.10045.4.3.4"}
)

// HashForOID maps a digest algorithm to its hash; ok is false for others.
func HashForOID(oid asn1.ObjectIdentifier) (crypto.Hash, bool) {
	switch {
	case oid.Equal(OIDSHA256):
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

// CheckSignature verifies sig over msg with pub, for the SignerInfo's
// signature algorithm and the digest algorithm hash. RSA-PSS takes its
// salt length from the algorithm's parameters, whatever it is: OpenSSL
// signs with the longest salt by default, pyHanko too, and x509's own
// check only accepts a salt as long as the hash.
func CheckSignature(pub crypto.PublicKey, alg pkix.AlgorithmIdentifier, hash crypto.Hash, msg, sig []byte) error {
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
		case slices.Contains(rsaPKCS1OIDs, oid):
			return rsa.VerifyPKCS1v15(k, hash, sum, sig)
		}
	case *ecdsa.PublicKey:
		if slices.Contains(ecdsaOIDs, oid) {
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
		if ph, ok = HashForOID(p.Hash.Algorithm); !ok {
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
		if mh, ok = HashForOID(mgfHash.Algorithm); !ok {
			return nil, fmt.Errorf("unsupported RSA-PSS mask hash %v", mgfHash.Algorithm)
		}
	}
	// crypto/rsa uses the message hash for MGF1, as RFC 4056 requires.
	if ph != hash || mh != hash || p.Trailer != 1 || p.Salt < 0 {
		return nil, errors.New("RSA-PSS parameters disagree with the digest algorithm")
	}
	return &rsa.PSSOptions{SaltLength: p.Salt, Hash: hash}, nil
}

// Attribute mirrors the CMS Attribute so parsed signed attributes can be
// re-encoded byte for byte (their Value keeps the original encoding).
type Attribute struct {
	Type  asn1.ObjectIdentifier
	Value asn1.RawValue `asn1:"set"`
}

// MarshalAttributeSet re-encodes attributes as the DER SET OF they are
// signed as (RFC 5652, 5.4).
func MarshalAttributeSet(attrs []Attribute) ([]byte, error) {
	seq, err := asn1.Marshal(struct {
		A []Attribute `asn1:"set"`
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

// Parse reads a CMS SignedData; nesting deeper than MaxDepth, and any
// panic of the parser, is an error.
func Parse(der []byte) (p7 *pkcs7.PKCS7, err error) {
	if !DepthOK(der, MaxDepth) {
		return nil, errors.New("the signature value nests too deeply")
	}
	defer func() {
		if r := recover(); r != nil {
			p7, err = nil, errors.New("unreadable CMS")
		}
	}()
	return pkcs7.Parse(der)
}

// TrimBER cuts what follows the first BER element of b (DER is BER): the
// zero padding a signature's /Contents keeps, and anything else riding
// there. b is returned whole when it does not start with a complete
// element, for the parser to report.
func TrimBER(b []byte) []byte {
	if n := elementLen(b); n >= 0 {
		return b[:n]
	}
	return b
}
