package sign

import (
	"bytes"
	"communique/app/sign/verify"
	"communique/internal/judge"
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/asn1"
	"fmt"
	"io"
	"math/big"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"codeberg.org/go-pdf/fpdf"
	"github.com/digitorus/timestamp"
)

// Test identities are made at test time; no private key is ever committed.

type keyKind string

const (
	rsa2048 keyKind = "RSA-2048"
	rsa3072 keyKind = "RSA-3072"
	rsa4096 keyKind = "RSA-4096"
	ecP256  keyKind = "ECDSA-P256"
	ecP384  keyKind = "ECDSA-P384"
)

var allKeyKinds = []keyKind{rsa2048, rsa3072, rsa4096, ecP256, ecP384}

func newKey(k keyKind) crypto.Signer {
	var key crypto.Signer
	var err error
	switch k {
	case rsa2048:
		key, err = rsa.GenerateKey(rand.Reader, 2048)
	case rsa3072:
		key, err = rsa.GenerateKey(rand.Reader, 3072)
	case rsa4096:
		key, err = rsa.GenerateKey(rand.Reader, 4096)
	case ecP256:
		key, err = ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	case ecP384:
		key, err = ecdsa.GenerateKey(elliptic.P384(), rand.Reader)
	}
	if err != nil {
		panic(err)
	}
	return key
}

var serial atomic.Int64

func issue(tmpl *x509.Certificate, pub crypto.PublicKey, parent *x509.Certificate, parentKey crypto.Signer) *x509.Certificate {
	tmpl.SerialNumber = big.NewInt(1000 + serial.Add(1))
	if parent == nil {
		parent = tmpl
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, parent, pub, parentKey)
	if err != nil {
		panic(err)
	}
	c, err := x509.ParseCertificate(der)
	if err != nil {
		panic(err)
	}
	return c
}

type testPKI struct {
	root, inter       *x509.Certificate
	rootKey, interKey crypto.Signer
	leaves            map[keyKind]*Identity // CA-issued: leaf ← intermediate ← root
	selfSigned        *Identity             // ECDSA P-256, self-signed
	tsa, bigTSA       *x509.Certificate     // bigTSA carries a 14 KB extension
	tsaKey            crypto.Signer
	now               time.Time
}

func (p *testPKI) roots() *x509.CertPool {
	pool := x509.NewCertPool()
	pool.AddCert(p.root)
	return pool
}

var (
	pkiOnce sync.Once
	pki     *testPKI
)

func leafTemplate(cn string, now time.Time) *x509.Certificate {
	return &x509.Certificate{
		Subject:   pkix.Name{CommonName: cn, Organization: []string{"Ministry of Tests"}, Country: []string{"FR"}},
		NotBefore: now.Add(-24 * time.Hour),
		NotAfter:  now.Add(365 * 24 * time.Hour),
		KeyUsage:  x509.KeyUsageDigitalSignature | x509.KeyUsageContentCommitment,
	}
}

// getPKI builds the test certificates once per test binary; RSA-4096 key
// generation dominates and runs in parallel with the others.
func getPKI(tb testing.TB) *testPKI {
	tb.Helper()
	pkiOnce.Do(func() {
		now := time.Now()
		keys := map[keyKind]crypto.Signer{}
		var mu sync.Mutex
		var wg sync.WaitGroup
		for _, k := range allKeyKinds {
			wg.Add(1)
			go func() {
				defer wg.Done()
				key := newKey(k)
				mu.Lock()
				keys[k] = key
				mu.Unlock()
			}()
		}
		p := &testPKI{leaves: map[keyKind]*Identity{}, now: now}
		p.rootKey = newKey(ecP384)
		p.root = issue(&x509.Certificate{
			Subject:               pkix.Name{CommonName: "Communiqué Test Root CA"},
			NotBefore:             now.Add(-48 * time.Hour),
			NotAfter:              now.Add(10 * 365 * 24 * time.Hour),
			KeyUsage:              x509.KeyUsageCertSign | x509.KeyUsageCRLSign,
			BasicConstraintsValid: true, IsCA: true,
		}, p.rootKey.Public(), nil, p.rootKey)
		p.interKey = newKey(ecP256)
		p.inter = issue(&x509.Certificate{
			Subject:               pkix.Name{CommonName: "Communiqué Test Issuing CA"},
			NotBefore:             now.Add(-48 * time.Hour),
			NotAfter:              now.Add(5 * 365 * 24 * time.Hour),
			KeyUsage:              x509.KeyUsageCertSign | x509.KeyUsageCRLSign,
			BasicConstraintsValid: true, IsCA: true,
		}, p.interKey.Public(), p.root, p.rootKey)

		p.tsaKey = newKey(ecP256)
		tsaTemplate := func(cn string, extra []pkix.Extension) *x509.Certificate {
			// RFC 3161 §2.3: the time-stamping EKU must be the only one and
			// critical, which x509.Certificate.ExtKeyUsage cannot express.
			eku, _ := asn1.Marshal([]asn1.ObjectIdentifier{{1, 3, 6, 1, 5, 5, 7, 3, 8}})
			return &x509.Certificate{
				Subject:         pkix.Name{CommonName: cn},
				NotBefore:       now.Add(-48 * time.Hour),
				NotAfter:        now.Add(5 * 365 * 24 * time.Hour),
				KeyUsage:        x509.KeyUsageDigitalSignature,
				ExtraExtensions: append([]pkix.Extension{{Id: asn1.ObjectIdentifier{2, 5, 29, 37}, Critical: true, Value: eku}}, extra...),
			}
		}
		p.tsa = issue(tsaTemplate("Communiqué Test TSA", nil), p.tsaKey.Public(), p.root, p.rootKey)
		p.bigTSA = issue(tsaTemplate("Communiqué Verbose TSA", []pkix.Extension{
			{Id: asn1.ObjectIdentifier{1, 3, 6, 1, 4, 1, 55555, 1}, Value: bytes.Repeat([]byte{0x04}, 14*1024)},
		}), p.tsaKey.Public(), p.root, p.rootKey)

		wg.Wait()
		for _, k := range allKeyKinds {
			cert := issue(leafTemplate("Officer "+string(k), now), keys[k].Public(), p.inter, p.interKey)
			p.leaves[k] = &Identity{Certificate: cert, Chain: []*x509.Certificate{p.inter, p.root}, key: keys[k]}
		}
		ssKey := newKey(ecP256)
		ss := issue(leafTemplate("Self-Signed Officer", now), ssKey.Public(), nil, ssKey)
		p.selfSigned = &Identity{Certificate: ss, key: ssKey}
		pki = p
	})
	return pki
}

// testPDF makes an unsigned statement-like PDF with core fonts; pages of
// body text grow it to roughly 2.5 KB per page.
func testPDF(tb testing.TB, pages int) []byte {
	tb.Helper()
	f := fpdf.New("P", "pt", "A4", "")
	f.SetCompression(false)
	f.SetTitle("Statement", true)
	for p := 0; p < pages; p++ {
		f.AddPage()
		f.SetFont("Helvetica", "B", 16)
		f.Text(72, 72, fmt.Sprintf("Official statement, page %d", p+1))
		f.SetFont("Helvetica", "", 10)
		for line := 0; line < 40; line++ {
			f.Text(72, 100+float64(line)*16, fmt.Sprintf("Line %02d: The ministry confirms the figures published on the %d of May.", line, line%28+1))
		}
	}
	var buf bytes.Buffer
	if err := f.Output(&buf); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

// needTool returns the path of a command-line oracle; a missing one fails
// the test (see package judge).
func needTool(tb testing.TB, name string) string {
	tb.Helper()
	return judge.Tool(tb, name)
}

func writeTemp(tb testing.TB, name string, data []byte) string {
	tb.Helper()
	path := filepath.Join(tb.TempDir(), name)
	if err := os.WriteFile(path, data, 0o600); err != nil {
		tb.Fatal(err)
	}
	return path
}

// pdfsig runs poppler's verifier; it exits 0 even for a broken signature, so
// callers read its text.
func pdfsig(tb testing.TB, data []byte, args ...string) string {
	tb.Helper()
	bin := needTool(tb, "pdfsig")
	path := writeTemp(tb, "doc.pdf", data)
	cmd := exec.Command(bin, append(args, path)...)
	cmd.Dir = filepath.Dir(path)
	// A fresh HOME keeps poppler away from any personal NSS trust store.
	cmd.Env = append(os.Environ(), "HOME="+tb.TempDir(), "TZ=UTC")
	out, _ := cmd.CombinedOutput()
	return string(out)
}

// pdfsigBlocks splits pdfsig output into one text block per signature.
func pdfsigBlocks(out string) []string {
	parts := strings.Split(out, "Signature #")
	if len(parts) < 2 {
		return nil
	}
	return parts[1:]
}

// qpdfCheck runs qpdf --check and reports whether it found nothing to say.
func qpdfCheck(tb testing.TB, data []byte) (string, bool) {
	tb.Helper()
	bin := needTool(tb, "qpdf")
	path := writeTemp(tb, "doc.pdf", data)
	out, err := exec.Command(bin, "--check", path).CombinedOutput()
	clean := err == nil && !strings.Contains(string(out), "WARNING") && strings.Contains(string(out), "No syntax or stream encoding errors found")
	return string(out), clean
}

// tsaServer is a local RFC 3161 timestamp authority on 127.0.0.1.
type tsaServer struct {
	*httptest.Server
	requests atomic.Int64
}

func startTSA(tb testing.TB, cert *x509.Certificate, key crypto.Signer, at func() time.Time) *tsaServer {
	tb.Helper()
	s := &tsaServer{}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.requests.Add(1)
		body, err := io.ReadAll(io.LimitReader(r.Body, 1<<16))
		if err != nil || r.Header.Get("Content-Type") != "application/timestamp-query" {
			http.Error(w, "bad request", http.StatusBadRequest)
			return
		}
		req, err := timestamp.ParseRequest(body)
		if err != nil {
			http.Error(w, "bad request", http.StatusBadRequest)
			return
		}
		ts := timestamp.Timestamp{
			HashAlgorithm:     req.HashAlgorithm,
			HashedMessage:     req.HashedMessage,
			Time:              at(),
			Nonce:             req.Nonce,
			Policy:            asn1.ObjectIdentifier{1, 3, 6, 1, 4, 1, 55555, 2},
			Accuracy:          time.Second,
			AddTSACertificate: req.Certificates,
		}
		resp, err := ts.CreateResponseWithOpts(cert, key, crypto.SHA256)
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		w.Header().Set("Content-Type", "application/timestamp-reply")
		_, _ = w.Write(resp)
	}))
	tb.Cleanup(s.Close)
	return s
}

// Verify checks every signature in pdf against the trusted roots (nil:
// none). See VerifyWith.
func Verify(pdf []byte, roots *x509.CertPool) (*Report, error) {
	return verify.Document(pdf, verify.Options{Roots: roots})
}
