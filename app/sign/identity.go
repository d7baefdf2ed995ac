package sign

import (
	"bytes"
	"communique/app/sign/certs"
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rsa"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"software.sslmate.com/src/go-pkcs12"
)

// ErrWrongPassword is returned when the password does not open an identity.
var ErrWrongPassword = errors.New("wrong password")

// Sentinels wrapped by the *CertificateError that Check returns.
var (
	ErrCertificateExpired     = errors.New("certificate expired")
	ErrCertificateNotYetValid = errors.New("certificate not yet valid")
	ErrCertificateUsage       = errors.New("certificate not allowed for signing")
)

// maxIdentityFile bounds what LoadFile reads: real identities are a few KB.
const maxIdentityFile = 1 << 20

// minRSABits is the smallest RSA key we sign with; shorter keys are refused
// because validators reject them anyway and a statement must stay verifiable.
const minRSABits = 2048

// Identity is a signing certificate with its private key. The key never leaves
// the value: Identity formats itself without it and has no accessor for it.
type Identity struct {
	// Certificate is the signer's own certificate.
	Certificate *x509.Certificate
	// Chain holds the issuing certificates, the signer's issuer first; it is
	// empty for a self-signed certificate or when the file carried no chain.
	Chain []*x509.Certificate

	key crypto.Signer
}

// Info describes an identity for display.
type Info struct {
	Subject    string    `json:"subject"`
	CommonName string    `json:"common_name"`
	Issuer     string    `json:"issuer"`
	NotBefore  time.Time `json:"not_before"`
	NotAfter   time.Time `json:"not_after"`
	// SHA256 is the certificate fingerprint, upper-case hex bytes joined by colons.
	SHA256  string `json:"sha256"`
	KeyType string `json:"key_type"` // "RSA 4096", "ECDSA P-256"
}

// CertificateError explains why a certificate may not sign. It wraps one of
// ErrCertificateExpired, ErrCertificateNotYetValid or ErrCertificateUsage.
type CertificateError struct {
	Err    error
	Reason string
}

func (e *CertificateError) Error() string { return e.Reason }
func (e *CertificateError) Unwrap() error { return e.Err }

// LoadPKCS12 opens a .p12/.pfx file, in modern (AES/PBKDF2) or legacy
// (RC2/3DES) encryption. A wrong password yields exactly ErrWrongPassword.
func LoadPKCS12(data []byte, password string) (*Identity, error) {
	key, cert, cas, err := decodePKCS12(data, password)
	if err != nil {
		return nil, err
	}
	return newIdentity(key, cert, cas)
}

// decodePKCS12 guards the decoder: a malformed file must give an error, never
// a panic, and the decoder's own messages never contain the password.
func decodePKCS12(data []byte, password string) (key any, cert *x509.Certificate, cas []*x509.Certificate, err error) {
	defer func() {
		if r := recover(); r != nil {
			key, cert, cas = nil, nil, nil
			err = errors.New("not a readable PKCS#12 file")
		}
	}()
	key, cert, cas, err = pkcs12.DecodeChain(data, password)
	switch {
	case errors.Is(err, pkcs12.ErrIncorrectPassword):
		return nil, nil, nil, ErrWrongPassword
	case err != nil:
		return nil, nil, nil, fmt.Errorf("not a readable PKCS#12 file: %s", strings.TrimPrefix(err.Error(), "pkcs12: "))
	}
	return key, cert, cas, nil
}

// LoadPEM reads a private key (PKCS#1, PKCS#8, SEC 1; plain, encrypted PKCS#8
// or legacy OpenSSL-encrypted) and the certificate chain. The certificates may
// also sit in keyPEM, in which case chainPEM can be nil. The signer's
// certificate is the one whose public key matches the private key.
func LoadPEM(keyPEM, chainPEM []byte, password string) (*Identity, error) {
	var key crypto.Signer
	var certs []*x509.Certificate
	for _, src := range [][]byte{keyPEM, chainPEM} {
		rest := src
		for {
			var block *pem.Block
			block, rest = pem.Decode(rest)
			if block == nil {
				break
			}
			switch {
			case block.Type == "CERTIFICATE":
				c, err := x509.ParseCertificate(block.Bytes)
				if err != nil {
					return nil, fmt.Errorf("unreadable certificate in PEM: %w", err)
				}
				certs = append(certs, c)
			case strings.HasSuffix(block.Type, "PRIVATE KEY"):
				if key != nil {
					return nil, errors.New("more than one private key in PEM")
				}
				k, err := parsePEMKey(block, password)
				if err != nil {
					return nil, err
				}
				key = k
			}
		}
	}
	if key == nil {
		return nil, errors.New("no private key found in PEM")
	}
	var leaf *x509.Certificate
	var others []*x509.Certificate
	for _, c := range certs {
		if leaf == nil && publicKeysEqual(c.PublicKey, key.Public()) {
			leaf = c
			continue
		}
		others = append(others, c)
	}
	if leaf == nil {
		if len(certs) == 0 {
			return nil, errors.New("no certificate found in PEM")
		}
		return nil, errors.New("no certificate in PEM matches the private key")
	}
	return newIdentity(key, leaf, others)
}

// LoadFile loads an identity from disk, by content: PEM text (key and
// certificates in one file) or PKCS#12 (.p12/.pfx). Errors name the file.
func LoadFile(path, password string) (*Identity, error) {
	name := filepath.Base(path)
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if st, err := f.Stat(); err == nil && !st.Mode().IsRegular() {
		return nil, fmt.Errorf("identity file %s: not a regular file", name)
	}
	// Read through a limit: the size on disk may change, or lie.
	data, err := io.ReadAll(io.LimitReader(f, maxIdentityFile+1))
	if err != nil {
		return nil, err
	}
	if len(data) > maxIdentityFile {
		return nil, fmt.Errorf("identity file %s: far too large for a certificate and key", name)
	}
	var id *Identity
	switch {
	case bytes.Contains(data, []byte("-----BEGIN ")):
		id, err = LoadPEM(data, nil, password)
	case len(data) > 0 && data[0] == 0x30: // DER SEQUENCE: PKCS#12
		id, err = LoadPKCS12(data, password)
	default:
		ext := strings.ToLower(filepath.Ext(path))
		if ext == ".p12" || ext == ".pfx" {
			return nil, fmt.Errorf("identity file %s: not a PKCS#12 file (it does not start with a DER structure)", name)
		}
		return nil, fmt.Errorf("identity file %s: neither a PKCS#12 (.p12/.pfx) nor a PEM file", name)
	}
	if err != nil {
		return nil, fmt.Errorf("identity file %s: %w", name, err)
	}
	return id, nil
}

func newIdentity(key any, cert *x509.Certificate, pool []*x509.Certificate) (*Identity, error) {
	if cert == nil {
		return nil, errors.New("no certificate found")
	}
	signer, ok := key.(crypto.Signer)
	if !ok || signer == nil {
		return nil, errors.New("no usable private key found")
	}
	if err := checkKeyType(signer.Public()); err != nil {
		return nil, err
	}
	if !publicKeysEqual(cert.PublicKey, signer.Public()) {
		return nil, errors.New("the private key does not belong to the certificate")
	}
	return &Identity{Certificate: cert, Chain: orderChain(cert, pool), key: signer}, nil
}

func checkKeyType(pub crypto.PublicKey) error {
	switch k := pub.(type) {
	case *rsa.PublicKey:
		if k.N.BitLen() < minRSABits {
			return fmt.Errorf("RSA key of %d bits is too weak; at least %d bits are required", k.N.BitLen(), minRSABits)
		}
		return nil
	case *ecdsa.PublicKey:
		switch k.Curve {
		case elliptic.P256(), elliptic.P384(), elliptic.P521():
			return nil
		}
		return fmt.Errorf("ECDSA curve %s is not supported", k.Curve.Params().Name)
	case ed25519.PublicKey:
		return errors.New("Ed25519 keys are not supported for PDF signatures; use RSA or ECDSA")
	}
	return fmt.Errorf("unsupported key type %T", pub)
}

func publicKeysEqual(a, b crypto.PublicKey) bool {
	ak, ok := a.(interface{ Equal(crypto.PublicKey) bool })
	return ok && ak.Equal(b)
}

// orderChain walks from the leaf to its root through pool, so the CMS carries
// the chain in issuing order whatever order the file stored it in.
func orderChain(leaf *x509.Certificate, pool []*x509.Certificate) []*x509.Certificate {
	var chain []*x509.Certificate
	cur := leaf
	for len(chain) < 10 && !certs.SelfSigned(cur) {
		var next *x509.Certificate
		for _, c := range pool {
			if c.Equal(cur) || !bytes.Equal(c.RawSubject, cur.RawIssuer) {
				continue
			}
			if cur.CheckSignatureFrom(c) == nil {
				next = c
				break
			}
		}
		if next == nil {
			break
		}
		chain = append(chain, next)
		cur = next
	}
	return chain
}

// Info describes the identity's certificate.
func (id *Identity) Info() Info {
	return certInfo(id.Certificate)
}

func certInfo(c *x509.Certificate) Info {
	return Info{
		Subject:    c.Subject.String(),
		CommonName: certs.Name(c),
		Issuer:     c.Issuer.String(),
		NotBefore:  c.NotBefore,
		NotAfter:   c.NotAfter,
		SHA256:     certs.Fingerprint(c),
		KeyType:    keyType(c.PublicKey),
	}
}

func keyType(pub crypto.PublicKey) string {
	switch k := pub.(type) {
	case *rsa.PublicKey:
		return fmt.Sprintf("RSA %d", k.N.BitLen())
	case *ecdsa.PublicKey:
		return "ECDSA " + k.Curve.Params().Name
	case ed25519.PublicKey:
		return "Ed25519"
	}
	return fmt.Sprintf("%T", pub)
}

// Check refuses a certificate that cannot make a signature validators accept
// at time now: outside its validity period, or restricted by key usage or
// extended key usage to something other than signing.
func (id *Identity) Check(now time.Time) error {
	return checkCertificate(id.Certificate, now)
}

const dateLayoutForHumans = "2006-01-02 15:04 MST"

func checkCertificate(c *x509.Certificate, now time.Time) error {
	who := fmt.Sprintf("certificate %q", certs.Name(c))
	if now.Before(c.NotBefore) {
		return &CertificateError{ErrCertificateNotYetValid,
			fmt.Sprintf("%s is not valid until %s", who, c.NotBefore.UTC().Format(dateLayoutForHumans))}
	}
	if now.After(c.NotAfter) {
		return &CertificateError{ErrCertificateExpired,
			fmt.Sprintf("%s expired on %s", who, c.NotAfter.UTC().Format(dateLayoutForHumans))}
	}
	if reason := certs.UsageProblem(c); reason != "" {
		return &CertificateError{ErrCertificateUsage, fmt.Sprintf("%s %s", who, reason)}
	}
	return nil
}

// String describes the identity without its key.
func (id Identity) String() string {
	if id.Certificate == nil {
		return "sign.Identity{}"
	}
	return fmt.Sprintf("sign.Identity{%s, SHA256 %s}", certs.Name(id.Certificate), certs.Fingerprint(id.Certificate))
}

// GoString keeps %#v from printing the private key.
func (id Identity) GoString() string { return id.String() }

// Format routes every fmt verb through String so no verb can reach the key.
func (id Identity) Format(f fmt.State, _ rune) { _, _ = io.WriteString(f, id.String()) }
