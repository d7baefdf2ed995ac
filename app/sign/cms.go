package sign

import (
	"bytes"
	"crypto"
	"crypto/ecdsa"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"encoding/asn1"
	"errors"
	"fmt"
	"math/big"
	"sort"
	"time"

	"golang.org/x/crypto/cryptobyte"
	cbasn1 "golang.org/x/crypto/cryptobyte/asn1"
)

// The CMS (RFC 5652) SignedData written into /Contents is built here rather
// than with a generic PKCS#7 library so that its size is known exactly before
// the PDF is laid out, the signing time is the one the caller chose, and the
// digest is computed straight from the PDF's byte ranges without a copy.

var (
	oidData               = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 7, 1}
	oidSignedData         = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 7, 2}
	oidAttrContentType    = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 9, 3}
	oidAttrMessageDigest  = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 9, 4}
	oidAttrSigningTime    = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 9, 5}
	oidAttrSigningCertV2  = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 9, 16, 2, 47}
	oidAttrTimeStampToken = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 9, 16, 2, 14}
	oidSHA256             = asn1.ObjectIdentifier{2, 16, 840, 1, 101, 3, 4, 2, 1}
	oidRSAEncryption      = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 1, 1}
	oidECDSAWithSHA256    = asn1.ObjectIdentifier{1, 2, 840, 10045, 4, 3, 2}
)

var (
	tagContext0 = cbasn1.Tag(0).ContextSpecific().Constructed()
	tagContext1 = cbasn1.Tag(1).ContextSpecific().Constructed()
	tagContext4 = cbasn1.Tag(4).ContextSpecific().Constructed()
)

// signedAttributes returns the DER SET OF attributes the signature covers:
// content type, signing time, the PDF digest and the ESS signing-certificate
// reference that binds the signature to this exact certificate (CAdES/PAdES).
func signedAttributes(digest []byte, signingTime time.Time, cert *x509.Certificate) ([]byte, error) {
	certHash := sha256.Sum256(cert.Raw)
	attrs := [][]byte{
		attribute(oidAttrContentType, func(b *cryptobyte.Builder) { b.AddASN1ObjectIdentifier(oidData) }),
		attribute(oidAttrSigningTime, func(b *cryptobyte.Builder) { addTime(b, signingTime) }),
		attribute(oidAttrMessageDigest, func(b *cryptobyte.Builder) { b.AddASN1OctetString(digest) }),
		attribute(oidAttrSigningCertV2, func(b *cryptobyte.Builder) {
			b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) { // SigningCertificateV2
				b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) { // certs
					b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) { // ESSCertIDv2, SHA-256 by default
						b.AddASN1OctetString(certHash[:])
						b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) { // IssuerSerial
							b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) { // GeneralNames
								b.AddASN1(tagContext4, func(b *cryptobyte.Builder) { b.AddBytes(cert.RawIssuer) })
							})
							b.AddASN1BigInt(cert.SerialNumber)
						})
					})
				})
			})
		}),
	}
	for _, a := range attrs {
		if a == nil {
			return nil, errors.New("cannot encode signed attributes")
		}
	}
	orderAttributes(attrs)
	var b cryptobyte.Builder
	b.AddASN1(cbasn1.SET, func(b *cryptobyte.Builder) {
		for _, a := range attrs {
			b.AddBytes(a)
		}
	})
	return b.Bytes()
}

// orderAttributes puts signed attributes in DER order: a SET OF is sorted
// by the elements' encodings, and a verifier that re-encodes them derives
// these bytes. A variable so a test can sign attributes in another order,
// as some signers do.
var orderAttributes = func(attrs [][]byte) {
	sort.Slice(attrs, func(i, j int) bool { return bytes.Compare(attrs[i], attrs[j]) < 0 })
}

// embeddedAttributes returns the bytes the CMS carries for the signed
// attributes: the very bytes signed. A variable so a test can embed another
// encoding of them, as BER writers do.
var embeddedAttributes = func(signed []byte) []byte { return signed }

// rawSignedAttributes returns the signed attributes of a CMS SignedData's
// first signer as they are in the file, re-tagged as the SET OF they were
// signed as (RFC 5652, 5.4), or nil when der cannot be read that way (BER).
func rawSignedAttributes(der []byte) []byte {
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

// attributeValues reads the message digest and the signing time (zero if
// absent) from a DER SET OF signed attributes, strictly: one message
// digest, nothing left over.
func attributeValues(set []byte) (digest []byte, signingTime time.Time, err error) {
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

func attribute(oid asn1.ObjectIdentifier, value func(*cryptobyte.Builder)) []byte {
	var b cryptobyte.Builder
	b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
		b.AddASN1ObjectIdentifier(oid)
		b.AddASN1(cbasn1.SET, value)
	})
	out, err := b.Bytes()
	if err != nil {
		return nil
	}
	return out
}

// addTime writes UTCTime where RFC 5280 requires it (1950–2049) and
// GeneralizedTime otherwise.
func addTime(b *cryptobyte.Builder, t time.Time) {
	t = t.UTC().Truncate(time.Second)
	if y := t.Year(); y >= 1950 && y < 2050 {
		b.AddASN1UTCTime(t)
		return
	}
	b.AddASN1GeneralizedTime(t)
}

// signAttributes signs the SHA-256 of the DER signed attributes.
func signAttributes(signer crypto.Signer, attrs []byte) ([]byte, error) {
	sum := sha256.Sum256(attrs)
	return signer.Sign(rand.Reader, sum[:], crypto.SHA256)
}

// buildCMS assembles the detached SignedData. tst, when not nil, is an RFC
// 3161 TimeStampToken over the signature value, stored unsigned.
func buildCMS(cert *x509.Certificate, chain []*x509.Certificate, pub crypto.PublicKey, attrs, signature, tst []byte) ([]byte, error) {
	if len(attrs) == 0 || attrs[0] != 0x31 {
		return nil, errors.New("signed attributes are not a DER SET")
	}
	// In SignerInfo the attributes are [0] IMPLICIT: same bytes, other tag.
	implicitAttrs := append([]byte{0xA0}, attrs[1:]...)
	var sigAlg func(*cryptobyte.Builder)
	switch pub.(type) {
	case *rsa.PublicKey:
		sigAlg = func(b *cryptobyte.Builder) {
			b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
				b.AddASN1ObjectIdentifier(oidRSAEncryption)
				b.AddASN1NULL()
			})
		}
	case *ecdsa.PublicKey:
		sigAlg = func(b *cryptobyte.Builder) {
			b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) { b.AddASN1ObjectIdentifier(oidECDSAWithSHA256) })
		}
	default:
		return nil, fmt.Errorf("unsupported key type %T", pub)
	}
	sha256Alg := func(b *cryptobyte.Builder) {
		b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) { b.AddASN1ObjectIdentifier(oidSHA256) })
	}
	var b cryptobyte.Builder
	b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) { // ContentInfo
		b.AddASN1ObjectIdentifier(oidSignedData)
		b.AddASN1(tagContext0, func(b *cryptobyte.Builder) {
			b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) { // SignedData
				b.AddASN1Int64(1)
				b.AddASN1(cbasn1.SET, sha256Alg)
				b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) { b.AddASN1ObjectIdentifier(oidData) })
				b.AddASN1(tagContext0, func(b *cryptobyte.Builder) {
					b.AddBytes(cert.Raw)
					for _, c := range chain {
						b.AddBytes(c.Raw)
					}
				})
				b.AddASN1(cbasn1.SET, func(b *cryptobyte.Builder) {
					b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) { // SignerInfo
						b.AddASN1Int64(1)
						b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) { // IssuerAndSerialNumber
							b.AddBytes(cert.RawIssuer)
							b.AddASN1BigInt(cert.SerialNumber)
						})
						sha256Alg(b)
						b.AddBytes(implicitAttrs)
						sigAlg(b)
						b.AddASN1OctetString(signature)
						if tst != nil {
							b.AddASN1(tagContext1, func(b *cryptobyte.Builder) {
								b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
									b.AddASN1ObjectIdentifier(oidAttrTimeStampToken)
									b.AddASN1(cbasn1.SET, func(b *cryptobyte.Builder) { b.AddBytes(tst) })
								})
							})
						}
					})
				})
			})
		})
	})
	return b.Bytes()
}

// maxSignatureLen is the longest signature value pub can produce: the modulus
// size for RSA, and for ECDSA a DER pair of integers that both need a leading
// zero byte.
func maxSignatureLen(pub crypto.PublicKey) (int, error) {
	switch k := pub.(type) {
	case *rsa.PublicKey:
		return (k.N.BitLen() + 7) / 8, nil
	case *ecdsa.PublicKey:
		n := (k.Curve.Params().BitSize + 7) / 8
		max := new(big.Int).Sub(new(big.Int).Lsh(big.NewInt(1), uint(8*n)), big.NewInt(1))
		der, err := asn1.Marshal(struct{ R, S *big.Int }{max, max})
		if err != nil {
			return 0, err
		}
		return len(der), nil
	}
	return 0, fmt.Errorf("unsupported key type %T", pub)
}

// placeholderToken is a DER SEQUENCE of exactly n bytes standing in for a
// timestamp token while the reserved size is computed.
func placeholderToken(n int) []byte {
	if n < 8 {
		n = 8
	}
	// Find the content length whose header plus content is n bytes.
	for content := n - 2; content > 0; content-- {
		var b cryptobyte.Builder
		b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) { b.AddBytes(make([]byte, content)) })
		out, err := b.Bytes()
		if err == nil && len(out) == n {
			return out
		}
		if err == nil && len(out) < n {
			break
		}
	}
	// Length-of-length boundaries can make n unreachable; one byte more is
	// still an upper bound, which is all a reservation needs.
	return placeholderToken(n + 1)
}

// cmsSize is an upper bound on the CMS for this signer: the encoding with the
// longest possible signature and a timestamp token of tstSize bytes.
func cmsSize(id *Identity, signingTime time.Time, tstSize int) (int, error) {
	attrs, err := signedAttributes(make([]byte, sha256.Size), signingTime, id.Certificate)
	if err != nil {
		return 0, err
	}
	sigLen, err := maxSignatureLen(id.key.Public())
	if err != nil {
		return 0, err
	}
	var tst []byte
	if tstSize > 0 {
		tst = placeholderToken(tstSize)
	}
	der, err := buildCMS(id.Certificate, id.Chain, id.key.Public(), embeddedAttributes(attrs), make([]byte, sigLen), tst)
	if err != nil {
		return 0, err
	}
	return len(der), nil
}
