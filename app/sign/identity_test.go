package sign

import (
	"context"
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/asn1"
	"encoding/hex"
	"encoding/pem"
	"errors"
	"fmt"
	"math/big"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"software.sslmate.com/src/go-pkcs12"
)

const (
	goodPassword = "correct horse Ω battery"
	badPassword  = "Tr0ub4dor&3-not-it"
)

// assertNoSecrets fails if err's text carries either test password.
func assertNoSecrets(t *testing.T, err error) {
	t.Helper()
	if err == nil {
		return
	}
	for _, pw := range []string{goodPassword, badPassword} {
		if strings.Contains(err.Error(), pw) {
			t.Errorf("error %q reveals a password", err)
		}
	}
}

func TestLoadPKCS12(t *testing.T) {
	p := getPKI(t)
	encoders := map[string]*pkcs12.Encoder{
		"modern (AES-256, PBKDF2)": pkcs12.Modern2023,
		"legacy RC2-40":            pkcs12.LegacyRC2,
		"legacy 3DES":              pkcs12.LegacyDES,
	}
	for _, k := range allKeyKinds {
		for encName, enc := range encoders {
			t.Run(string(k)+"/"+encName, func(t *testing.T) {
				leaf := p.leaves[k]
				// Root before intermediate: LoadPKCS12 must restore issuing order.
				data, err := enc.Encode(leaf.key, leaf.Certificate, []*x509.Certificate{p.root, p.inter}, goodPassword)
				if err != nil {
					t.Fatal(err)
				}
				id, err := LoadPKCS12(data, goodPassword)
				if err != nil {
					t.Fatal(err)
				}
				if !id.Certificate.Equal(leaf.Certificate) {
					t.Error("wrong certificate loaded")
				}
				if len(id.Chain) != 2 || !id.Chain[0].Equal(p.inter) || !id.Chain[1].Equal(p.root) {
					t.Errorf("chain not in issuing order: %v", id.Chain)
				}
				if !publicKeysEqual(id.key.Public(), leaf.key.Public()) {
					t.Error("wrong key loaded")
				}
				_, err = LoadPKCS12(data, badPassword)
				if !errors.Is(err, ErrWrongPassword) || err.Error() != "wrong password" {
					t.Errorf("wrong password gave %v, want exactly %q", err, ErrWrongPassword)
				}
				assertNoSecrets(t, err)
			})
		}
	}
}

func TestInfo(t *testing.T) {
	p := getPKI(t)
	want := map[keyKind]string{rsa2048: "RSA 2048", rsa3072: "RSA 3072", rsa4096: "RSA 4096", ecP256: "ECDSA P-256", ecP384: "ECDSA P-384"}
	fp := regexp.MustCompile(`^([0-9A-F]{2}:){31}[0-9A-F]{2}$`)
	for _, k := range allKeyKinds {
		info := p.leaves[k].Info()
		if info.KeyType != want[k] {
			t.Errorf("%s: KeyType %q, want %q", k, info.KeyType, want[k])
		}
		if !fp.MatchString(info.SHA256) {
			t.Errorf("%s: fingerprint %q not colon-separated upper-case hex", k, info.SHA256)
		}
		raw, _ := hex.DecodeString(strings.ReplaceAll(info.SHA256, ":", ""))
		if len(raw) != 32 {
			t.Errorf("%s: fingerprint is not 32 bytes", k)
		}
		if info.CommonName != "Officer "+string(k) || !strings.Contains(info.Subject, "CN=Officer "+string(k)) || !strings.Contains(info.Subject, "O=Ministry of Tests") {
			t.Errorf("%s: subject %q / common name %q", k, info.Subject, info.CommonName)
		}
		if !strings.Contains(info.Issuer, "Communiqué Test Issuing CA") {
			t.Errorf("%s: issuer %q", k, info.Issuer)
		}
		if !info.NotBefore.Equal(p.leaves[k].Certificate.NotBefore) || !info.NotAfter.Equal(p.leaves[k].Certificate.NotAfter) {
			t.Errorf("%s: validity %v – %v", k, info.NotBefore, info.NotAfter)
		}
	}
}

func pemBlock(typ string, der []byte) []byte {
	return pem.EncodeToMemory(&pem.Block{Type: typ, Bytes: der})
}

func chainPEM(certs ...*x509.Certificate) []byte {
	var out []byte
	for _, c := range certs {
		out = append(out, pemBlock("CERTIFICATE", c.Raw)...)
	}
	return out
}

func TestLoadPEM(t *testing.T) {
	p := getPKI(t)
	rsaID, ecID := p.leaves[rsa2048], p.leaves[ecP256]
	pkcs8 := func(id *Identity) []byte {
		der, err := x509.MarshalPKCS8PrivateKey(id.key)
		if err != nil {
			t.Fatal(err)
		}
		return pemBlock("PRIVATE KEY", der)
	}
	ecDER, _ := x509.MarshalECPrivateKey(ecID.key.(*ecdsa.PrivateKey))
	//lint:ignore SA1019 legacy encrypted PEM is what old OpenSSL wrote; we must read it
	legacy, err := x509.EncryptPEMBlock(rand.Reader, "RSA PRIVATE KEY", x509.MarshalPKCS1PrivateKey(rsaID.key.(*rsa.PrivateKey)), []byte(goodPassword), x509.PEMCipherAES256) //nolint:staticcheck
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name      string
		id        *Identity
		key       []byte
		encrypted bool
	}{
		{"PKCS#8 RSA", rsaID, pkcs8(rsaID), false},
		{"PKCS#8 ECDSA", ecID, pkcs8(ecID), false},
		{"PKCS#1 RSA", rsaID, pemBlock("RSA PRIVATE KEY", x509.MarshalPKCS1PrivateKey(rsaID.key.(*rsa.PrivateKey))), false},
		{"SEC 1 ECDSA", ecID, pemBlock("EC PRIVATE KEY", ecDER), false},
		{"legacy DEK-Info AES-256", rsaID, pem.EncodeToMemory(legacy), true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			pw := ""
			if c.encrypted {
				pw = goodPassword
			}
			// Chain in a separate file, intermediate listed before the leaf.
			id, err := LoadPEM(c.key, chainPEM(p.inter, c.id.Certificate, p.root), pw)
			if err != nil {
				t.Fatal(err)
			}
			if !id.Certificate.Equal(c.id.Certificate) || len(id.Chain) != 2 || !id.Chain[0].Equal(p.inter) {
				t.Errorf("loaded %v with chain %v", id.Certificate.Subject, id.Chain)
			}
			// Key and certificates in one file.
			if _, err := LoadPEM(append(append([]byte{}, c.key...), chainPEM(c.id.Certificate)...), nil, pw); err != nil {
				t.Errorf("single-file PEM: %v", err)
			}
			if c.encrypted {
				_, err := LoadPEM(c.key, chainPEM(c.id.Certificate), badPassword)
				if !errors.Is(err, ErrWrongPassword) {
					t.Errorf("wrong password gave %v", err)
				}
				assertNoSecrets(t, err)
			}
		})
	}
	t.Run("certificate of another key", func(t *testing.T) {
		_, err := LoadPEM(pkcs8(rsaID), chainPEM(ecID.Certificate), "")
		if err == nil || !strings.Contains(err.Error(), "matches the private key") {
			t.Errorf("got %v", err)
		}
	})
	t.Run("no certificate", func(t *testing.T) {
		_, err := LoadPEM(pkcs8(rsaID), nil, "")
		if err == nil || !strings.Contains(err.Error(), "no certificate") {
			t.Errorf("got %v", err)
		}
	})
}

// TestLoadPEMOpenSSLEncrypted reads PBES2-encrypted PKCS#8 keys written by
// OpenSSL, the independent implementation officers' keys come from.
func TestLoadPEMOpenSSLEncrypted(t *testing.T) {
	openssl := needTool(t, "openssl")
	p := getPKI(t)
	dir := t.TempDir()
	for _, k := range []keyKind{rsa2048, ecP384} {
		der, err := x509.MarshalPKCS8PrivateKey(p.leaves[k].key)
		if err != nil {
			t.Fatal(err)
		}
		plain := filepath.Join(dir, "plain.pem")
		if err := os.WriteFile(plain, pemBlock("PRIVATE KEY", der), 0o600); err != nil {
			t.Fatal(err)
		}
		for _, args := range [][]string{
			{"-v2", "aes-256-cbc"},
			{"-v2", "aes-128-cbc", "-v2prf", "hmacWithSHA512"},
			{"-v2", "des3", "-v2prf", "hmacWithSHA1"},
		} {
			t.Run(string(k)+" "+strings.Join(args, " "), func(t *testing.T) {
				enc := filepath.Join(dir, "enc.pem")
				cmd := exec.Command(openssl, append([]string{"pkcs8", "-topk8", "-in", plain, "-out", enc, "-passout", "env:PW"}, args...)...)
				cmd.Env = append(os.Environ(), "PW="+goodPassword)
				if out, err := cmd.CombinedOutput(); err != nil {
					t.Skipf("openssl cannot write this variant: %v %s", err, out)
				}
				keyPEM, err := os.ReadFile(enc)
				if err != nil {
					t.Fatal(err)
				}
				if !strings.Contains(string(keyPEM), "ENCRYPTED PRIVATE KEY") {
					t.Fatalf("openssl wrote no encrypted key:\n%s", keyPEM)
				}
				id, err := LoadPEM(keyPEM, chainPEM(p.leaves[k].Certificate), goodPassword)
				if err != nil {
					t.Fatal(err)
				}
				if !id.Certificate.Equal(p.leaves[k].Certificate) {
					t.Error("wrong certificate")
				}
				_, err = LoadPEM(keyPEM, chainPEM(p.leaves[k].Certificate), badPassword)
				if !errors.Is(err, ErrWrongPassword) {
					t.Errorf("wrong password gave %v", err)
				}
				assertNoSecrets(t, err)
				_, err = LoadPEM(keyPEM, chainPEM(p.leaves[k].Certificate), "")
				if err == nil || !strings.Contains(err.Error(), "password is required") {
					t.Errorf("missing password gave %v", err)
				}
			})
		}
	}
}

func TestLoadFile(t *testing.T) {
	p := getPKI(t)
	leaf := p.leaves[ecP256]
	p12, err := pkcs12.LegacyDES.Encode(leaf.key, leaf.Certificate, []*x509.Certificate{p.inter}, goodPassword)
	if err != nil {
		t.Fatal(err)
	}
	keyDER, _ := x509.MarshalPKCS8PrivateKey(leaf.key)
	pemFile := append(pemBlock("PRIVATE KEY", keyDER), chainPEM(leaf.Certificate, p.inter)...)

	cases := []struct {
		file, password string
		data           []byte
		wantErr        string // "" for success
		wrongPassword  bool
	}{
		{"officer.p12", goodPassword, p12, "", false},
		{"officer.pfx", goodPassword, p12, "", false},
		{"officer.bin", goodPassword, p12, "", false}, // detected by content
		{"officer.pem", "", pemFile, "", false},
		{"officer.p12", badPassword, p12, "officer.p12: wrong password", true},
		{"garbage.p12", goodPassword, []byte("this is not an identity\n"), "identity file garbage.p12: not a PKCS#12 file", false},
		{"garbage.txt", goodPassword, []byte("hello"), "identity file garbage.txt: neither a PKCS#12", false},
		{"truncated.p12", goodPassword, p12[:len(p12)/2], "identity file truncated.p12: not a readable PKCS#12 file", false},
		{"empty.pfx", goodPassword, nil, "identity file empty.pfx: not a PKCS#12 file", false},
		{"broken.pem", "", []byte("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n"), "identity file broken.pem: unreadable private key", false},
	}
	for _, c := range cases {
		t.Run(c.file+"/"+c.wantErr, func(t *testing.T) {
			path := writeTemp(t, c.file, c.data)
			id, err := LoadFile(path, c.password)
			assertNoSecrets(t, err)
			if c.wantErr == "" {
				if err != nil {
					t.Fatal(err)
				}
				if !id.Certificate.Equal(leaf.Certificate) {
					t.Error("wrong certificate")
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), c.wantErr) {
				t.Fatalf("got %v, want error containing %q", err, c.wantErr)
			}
			if errors.Is(err, ErrWrongPassword) != c.wrongPassword {
				t.Errorf("errors.Is(ErrWrongPassword) = %v", !c.wrongPassword)
			}
		})
	}
	if _, err := LoadFile(filepath.Join(t.TempDir(), "missing.p12"), ""); err == nil || !strings.Contains(err.Error(), "missing.p12") {
		t.Errorf("missing file: %v", err)
	}
}

func TestRefusedKeys(t *testing.T) {
	now := time.Now()
	weak, _ := rsa.GenerateKey(rand.Reader, 1024)
	_, edKey, _ := ed25519.GenerateKey(rand.Reader)
	for _, c := range []struct {
		name string
		key  crypto.Signer
		want string
	}{
		{"RSA-1024", weak, "too weak"},
		{"Ed25519", edKey, "Ed25519 keys are not supported"},
	} {
		cert := issue(leafTemplate(c.name, now), c.key.Public(), nil, c.key)
		data, err := pkcs12.Modern2023.Encode(c.key, cert, nil, goodPassword)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := LoadPKCS12(data, goodPassword); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: got %v, want %q", c.name, err, c.want)
		}
	}
}

func TestCheck(t *testing.T) {
	now := time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC)
	key := newKey(ecP256)
	mk := func(mod func(*x509.Certificate)) *Identity {
		tmpl := leafTemplate("Checked Officer", now)
		mod(tmpl)
		return &Identity{Certificate: issue(tmpl, key.Public(), nil, key), key: key}
	}
	cases := []struct {
		name   string
		id     *Identity
		target error
		text   string
	}{
		{"valid", mk(func(*x509.Certificate) {}), nil, ""},
		{"expired", mk(func(c *x509.Certificate) { c.NotAfter = now.Add(-time.Hour) }), ErrCertificateExpired, `certificate "Checked Officer" expired on 2026-06-01 11:00 UTC`},
		{"not yet valid", mk(func(c *x509.Certificate) { c.NotBefore = now.Add(48 * time.Hour) }), ErrCertificateNotYetValid, `is not valid until 2026-06-03 12:00 UTC`},
		{"key encipherment only", mk(func(c *x509.Certificate) { c.KeyUsage = x509.KeyUsageKeyEncipherment }), ErrCertificateUsage, "neither digital signature nor non-repudiation"},
		{"non-repudiation only", mk(func(c *x509.Certificate) { c.KeyUsage = x509.KeyUsageContentCommitment }), nil, ""},
		{"no key usage extension", mk(func(c *x509.Certificate) { c.KeyUsage = 0 }), nil, ""},
		{"TLS server only", mk(func(c *x509.Certificate) { c.ExtKeyUsage = []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth} }), ErrCertificateUsage, "extended key usage"},
		{"e-mail protection", mk(func(c *x509.Certificate) { c.ExtKeyUsage = []x509.ExtKeyUsage{x509.ExtKeyUsageEmailProtection} }), nil, ""},
		{"document signing EKU", mk(func(c *x509.Certificate) {
			c.UnknownExtKeyUsage = []asn1.ObjectIdentifier{{1, 3, 6, 1, 5, 5, 7, 3, 36}}
		}), nil, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := c.id.Check(now)
			if c.target == nil {
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
				return
			}
			var ce *CertificateError
			if !errors.Is(err, c.target) || !errors.As(err, &ce) || !strings.Contains(err.Error(), c.text) {
				t.Fatalf("got %v, want %v containing %q", err, c.target, c.text)
			}
			// Sign refuses the same identity with the same reason.
			_, err = Sign(context.Background(), testPDF(t, 1), c.id, Options{Time: now})
			if !errors.Is(err, c.target) {
				t.Errorf("Sign: got %v, want %v", err, c.target)
			}
		})
	}
}

// TestIdentityNeverPrintsKey formats an identity with every common verb and
// looks for the private scalar or exponent in the output.
func TestIdentityNeverPrintsKey(t *testing.T) {
	p := getPKI(t)
	for _, k := range []keyKind{rsa2048, ecP256} {
		id := p.leaves[k]
		var secrets []string
		switch key := id.key.(type) {
		case *rsa.PrivateKey:
			secrets = []string{key.D.String(), key.D.Text(16), key.Primes[0].String()}
		case *ecdsa.PrivateKey:
			raw, _ := key.Bytes()
			d := new(big.Int).SetBytes(raw) // the scalar, without the deprecated key.D
			secrets = []string{d.String(), d.Text(16), hex.EncodeToString(raw)}
		}
		for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%d", "%x", "%q"} {
			for _, val := range []any{id, *id, []*Identity{id}, struct{ ID Identity }{*id}, struct{ id Identity }{*id}, map[string]*Identity{"x": id}} {
				out := fmt.Sprintf(verb, val)
				for _, s := range secrets {
					if strings.Contains(strings.ToLower(out), strings.ToLower(s)) {
						t.Fatalf("%s of %T prints key material", verb, val)
					}
				}
			}
		}
		if got := fmt.Sprint(id); !strings.Contains(got, "Officer "+string(k)) {
			t.Errorf("String() = %q, want the common name", got)
		}
	}
}
