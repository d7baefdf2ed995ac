package cms

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
	OIDAttrTimeStampToken = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 9, 16, 2, 14}
	OIDSHA256             = asn1.ObjectIdentifier{2, 16, 840, 1, 101, 3, 4, 2, 1}
	oidRSAEncryption      = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 1, 1}
	oidECDSAWithSHA256    = asn1.ObjectIdentifier{1, 2, 840, 10045, 4, 3, 2}
)

// Context-specific constructed tags: [0], [1] and [4].
const (
	tagContext0 cbasn1.Tag = 0xA0
	tagContext1 cbasn1.Tag = 0xA1
	tagContext4 cbasn1.Tag = 0xA4
)

// SignedAttributes returns the SET OF attributes the signature covers:
// content type, signing time, the PDF digest and the ESS signing-certificate
// reference that binds the signature to this exact certificate (CAdES/PAdES).
// order puts the encoded attributes in the order the set is written in;
// nil means DER order (sorted by encoding), which is what a verifier that
// re-encodes them derives. Tests pass another to imitate signers that
// sign their own order.
func SignedAttributes(digest []byte, signingTime time.Time, cert *x509.Certificate, order func([][]byte)) ([]byte, error) {
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
	if order == nil {
		order = DEROrder
	}
	order(attrs)
	var b cryptobyte.Builder
	b.AddASN1(cbasn1.SET, func(b *cryptobyte.Builder) {
		for _, a := range attrs {
			b.AddBytes(a)
		}
	})
	return b.Bytes()
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

// DEROrder sorts the encodings of a SET OF's elements, as DER requires.
func DEROrder(attrs [][]byte) {
	sort.Slice(attrs, func(i, j int) bool { return bytes.Compare(attrs[i], attrs[j]) < 0 })
}

// SignAttributes signs the SHA-256 of the DER signed attributes.
func SignAttributes(signer crypto.Signer, attrs []byte) ([]byte, error) {
	sum := sha256.Sum256(attrs)
	return signer.Sign(rand.Reader, sum[:], crypto.SHA256)
}

// Build assembles the detached SignedData. tst, when not nil, is an RFC
// 3161 TimeStampToken over the signature value, stored unsigned.
func Build(cert *x509.Certificate, chain []*x509.Certificate, pub crypto.PublicKey, attrs, signature, tst []byte) ([]byte, error) {
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
		b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) { b.AddASN1ObjectIdentifier(OIDSHA256) })
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
									b.AddASN1ObjectIdentifier(OIDAttrTimeStampToken)
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

// MaxSignatureLen is the longest signature value pub can produce: the modulus
// size for RSA, and for ECDSA a DER pair of integers that both need a leading
// zero byte.
func MaxSignatureLen(pub crypto.PublicKey) (int, error) {
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

// PlaceholderToken is a DER SEQUENCE of exactly n bytes standing in for a
// timestamp token while the reserved size is computed.
func PlaceholderToken(n int) []byte {
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
	return PlaceholderToken(n + 1)
}
