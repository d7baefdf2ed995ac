package cli

import (
	"bytes"
	"communique/app/sign"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/json"
	"encoding/pem"
	"math/big"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"software.sslmate.com/src/go-pkcs12"
)

func sampleWorkspace(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "ws")
	if code, _, stderr := run(t, "sample", dir); code != 0 {
		t.Fatal(stderr)
	}
	return dir
}

func TestHandoffAndMerge(t *testing.T) {
	dir := sampleWorkspace(t)
	out := t.TempDir()
	code, stdout, stderr := run(t, "handoff", "--workspace", dir, "--lang", "fr", "--out", out)
	if code != 0 || !strings.Contains(stdout, "1 missing, 0 to review") {
		t.Fatalf("handoff: %d %q %q", code, stdout, stderr)
	}
	path := filepath.Join(out, "translate.fr.toml")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	// Only the missing paragraph, pre-filled with its source and hash.
	if bytes.Count(data, []byte("hash = ")) != 1 || !bytes.Contains(data, []byte("sovereignty of Iraq")) {
		t.Fatalf("handoff file:\n%s", data)
	}
	// Returned untouched: the pre-fill is refused, nothing changes, and
	// the exit code says something was rejected.
	before, _ := os.ReadFile(filepath.Join(dir, "locales", "active.fr.toml"))
	code, stdout, _ = run(t, "merge", "--workspace", dir, path)
	if code != ExitInvalid || !strings.Contains(stdout, "0 added, 0 updated, 0 unchanged, 1 rejected") {
		t.Fatalf("merge of untouched file: %d %q", code, stdout)
	}
	if after, _ := os.ReadFile(filepath.Join(dir, "locales", "active.fr.toml")); !bytes.Equal(before, after) {
		t.Error("an untouched pre-fill changed the catalog")
	}
	// The translator translates it.
	fr := "Les directeurs politiques de la Coalition mondiale, tout en rappelant l’importance de garantir la souveraineté de l’Irak, ont également souligné l’importance d’accroître nos différentes formes d’assistance et de soutien à la stabilisation dans les zones libérées."
	translated := strings.Replace(string(data), `other = "The Political Directors of the Global Coalition, while maintaining the importance of guaranteeing the sovereignty of Iraq, also stressed the importance of increasing our various forms of assistance and stabilization support to liberated areas."`, `other = "`+fr+`"`, 1)
	if translated == string(data) {
		t.Fatalf("could not find the pre-fill to replace in:\n%s", data)
	}
	os.WriteFile(path, []byte(translated), 0o644)
	code, stdout, _ = run(t, "merge", "--workspace", dir, path)
	if code != 0 || !strings.Contains(stdout, "1 added") {
		t.Fatalf("merge: %d %q", code, stdout)
	}
	_, stdout, _ = run(t, "status", "--workspace", dir, "--json")
	var rep statusReport
	json.Unmarshal([]byte(stdout), &rep)
	for _, l := range rep.Languages {
		if l.Lang == "fr" && (l.Translated != 10 || l.Missing != 0) {
			t.Errorf("fr after merge: %+v", l)
		}
	}
	// Nothing left to hand off.
	_, stdout, _ = run(t, "handoff", "--workspace", dir, "--lang", "fr", "--out", t.TempDir())
	if !strings.Contains(stdout, "nothing needs work") {
		t.Errorf("second handoff: %q", stdout)
	}
}

func TestMergeStopsOnHandEditedCatalog(t *testing.T) {
	dir := sampleWorkspace(t)
	out := t.TempDir()
	run(t, "handoff", "--workspace", dir, "--lang", "ar", "--out", out)
	path := filepath.Join(out, "translate.ar.toml")
	data, _ := os.ReadFile(path)
	if len(data) == 0 {
		t.Fatal("no Arabic handoff for the stale paragraph")
	}
	if !bytes.Contains(data, []byte("temporarily suspended")) {
		t.Errorf("the stale paragraph's current source is not in the handoff:\n%s", data)
	}
	// A bad returned file: exit 2, names the file and line, nothing applied.
	bad := filepath.Join(out, "translate.fr.toml")
	os.WriteFile(bad, []byte("[x]\nother = \"oops\n"), 0o644)
	code, _, stderr := run(t, "merge", "--workspace", dir, bad)
	if code != ExitUsage || !strings.Contains(stderr, bad+":2") {
		t.Errorf("malformed returned file: %d %q", code, stderr)
	}
	// Unknown language.
	de := filepath.Join(out, "translate.de.toml")
	os.WriteFile(de, []byte("[x]\nother = \"Hallo\"\n"), 0o644)
	if code, _, stderr := run(t, "merge", "--workspace", dir, de); code != ExitUsage || !strings.Contains(stderr, "not in this workspace") {
		t.Errorf("unknown language: %d %q", code, stderr)
	}
}

// writeP12 writes a PKCS#12 identity with an ECDSA key and returns its path.
func writeP12(t *testing.T, password string) string {
	t.Helper()
	key, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "Press Officer"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		KeyUsage: x509.KeyUsageDigitalSignature}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	cert, _ := x509.ParseCertificate(der)
	p12, err := pkcs12.Modern.Encode(key, cert, nil, password)
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(t.TempDir(), "officer.p12")
	os.WriteFile(p, p12, 0o600)
	os.WriteFile(filepath.Join(filepath.Dir(p), "root.pem"), pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o644)
	return p
}

func runWithEnv(t *testing.T, vars map[string]string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := Main(args, &Env{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errb,
		Getenv: func(k string) string { return vars[k] }})
	return code, out.String(), errb.String()
}

func TestExportSignVerify(t *testing.T) {
	dir := sampleWorkspace(t)
	out := t.TempDir()
	// Unsigned, default languages: only the complete ones; the others are named.
	code, stdout, stderr := run(t, "export", "--workspace", dir, "--out", out)
	if code != 0 || !strings.Contains(stdout, "political-directors-global-coalition.en.pdf") {
		t.Fatalf("export: %d %q %q", code, stdout, stderr)
	}
	for _, l := range []string{"fr", "ar", "ckb"} {
		if !strings.Contains(stderr, "skipping political-directors-global-coalition "+l) {
			t.Errorf("no note about skipping %s: %q", l, stderr)
		}
	}
	// An incomplete language asked for by name: exit 2, naming what is missing.
	code, _, stderr = run(t, "export", "--workspace", dir, "--out", out, "--lang", "fr")
	if code != ExitUsage || !strings.Contains(stderr, "political-directors-global-coalition.p4") {
		t.Errorf("incomplete fr: %d %q", code, stderr)
	}
	// Verify an unsigned PDF: not signed, verdict invalid, exit 3.
	pdfPath := filepath.Join(out, "political-directors-global-coalition.en.pdf")
	if code, stdout, _ := run(t, "verify", pdfPath); code != verifyExit[sign.VerdictInvalid] || !strings.Contains(stdout, "not signed") {
		t.Errorf("verify unsigned: %d %q", code, stdout)
	}

	p12 := writeP12(t, "s3cret")
	roots := filepath.Join(filepath.Dir(p12), "root.pem")
	// Wrong password: exit 2, says so, never echoes the password.
	code, _, stderr = runWithEnv(t, map[string]string{PasswordEnv: "guess"}, "export", "--workspace", dir, "--out", out, "--sign", p12)
	if code != ExitUsage || !strings.Contains(stderr, "wrong password") || strings.Contains(stderr, "guess") {
		t.Errorf("wrong password: %d %q", code, stderr)
	}
	// No password and no terminal: a clear error.
	code, _, stderr = run(t, "export", "--workspace", dir, "--out", out, "--sign", p12)
	if code != ExitUsage || !strings.Contains(stderr, PasswordEnv) {
		t.Errorf("no password: %d %q", code, stderr)
	}
	signed := t.TempDir()
	code, stdout, stderr = runWithEnv(t, map[string]string{PasswordEnv: "s3cret"}, "export", "--workspace", dir,
		"--out", signed, "--sign", p12, "--lang", "en,ar", "--role", "Spokesperson")
	if code != 0 || strings.Count(stdout, "signed, signature valid") != 2 {
		t.Fatalf("signed export: %d %q %q", code, stdout, stderr)
	}
	if !strings.Contains(stderr, "ar: 1 translation was made from an older source text") {
		t.Errorf("no warning about the stale Arabic paragraph: %q", stderr)
	}
	var m struct {
		Signer struct {
			Fingerprint string `json:"sha256_fingerprint"`
		} `json:"signer"`
		Files []struct{ File, Lang, SHA256 string }
	}
	raw, _ := os.ReadFile(filepath.Join(signed, "manifest.json"))
	if err := json.Unmarshal(raw, &m); err != nil || len(m.Files) != 2 || m.Signer.Fingerprint == "" {
		t.Fatalf("manifest: %v\n%s", err, raw)
	}
	arPDF := filepath.Join(signed, "political-directors-global-coalition.ar.pdf")
	code, stdout, _ = run(t, "verify", arPDF, "--roots", roots)
	if code != 0 || !strings.Contains(stdout, "signature valid") || !strings.Contains(stdout, "the whole document") ||
		!strings.Contains(stdout, "trust:     trusted") {
		t.Errorf("verify: %d\n%s", code, stdout)
	}
	// Without the root the signature is intact but nobody vouches for
	// the signer: untrusted, exit 4, with or without --strict.
	if code, stdout, _ := run(t, "verify", arPDF, "--json"); code != verifyExit[sign.VerdictUntrusted] || !strings.Contains(stdout, `"verdict": "untrusted"`) {
		t.Errorf("verify --json: %d\n%s", code, stdout)
	}
	if code, _, stderr := run(t, "verify", arPDF, "--strict"); code != verifyExit[sign.VerdictUntrusted] {
		t.Errorf("verify --strict without the root: %d %q", code, stderr)
	}
	if code, _, stderr := run(t, "verify", arPDF, "--strict", "--roots", roots); code != 0 {
		t.Errorf("verify --strict with the root: %d %q", code, stderr)
	}
	// The workspace pins the organisation's certificate: no flags needed.
	os.WriteFile(filepath.Join(dir, "signers.pem"), mustRead(t, roots), 0o644)
	cfg := filepath.Join(dir, "communique.toml")
	os.WriteFile(cfg, append(mustRead(t, cfg), "\ntrusted_certificates = \"signers.pem\"\n"...), 0o644)
	if code, stdout, stderr := run(t, "verify", arPDF, "--workspace", dir); code != 0 || !strings.Contains(stdout, "signature valid") {
		t.Errorf("verify --workspace: %d %q %q", code, stdout, stderr)
	}
	if code, stdout, _ := run(t, "verify", "--help"); code != 0 || !strings.Contains(stdout, "5  expired") {
		t.Errorf("verify --help: %d %q", code, stdout)
	}
	// One flipped byte in the signed document information: modified, exit 1.
	data, _ := os.ReadFile(arPDF)
	i := bytes.Index(data, []byte("/Producer"))
	data[i+2] ^= 0x20
	tampered := filepath.Join(t.TempDir(), "tampered.pdf")
	os.WriteFile(tampered, data, 0o644)
	if code, stdout, _ := run(t, "verify", tampered); code != ExitInvalid || strings.Contains(stdout, "added") && strings.Contains(stdout, "bytes were") {
		t.Errorf("tampered: %d\n%s", code, stdout)
	}
	// Not a PDF: exit 2.
	if code, _, stderr := run(t, "verify", p12); code != ExitUsage || !strings.Contains(stderr, p12) {
		t.Errorf("verify non-PDF: %d %q", code, stderr)
	}
}

func TestHandoffKeepsTranslatorsFile(t *testing.T) {
	dir := sampleWorkspace(t)
	out := t.TempDir()
	if code, _, stderr := run(t, "handoff", "--workspace", dir, "--lang", "ckb", "--out", out); code != 0 {
		t.Fatal(stderr)
	}
	path := filepath.Join(out, "translate.ckb.toml")
	os.WriteFile(path, []byte("# half done by the translator\n"), 0o644)
	code, _, stderr := run(t, "handoff", "--workspace", dir, "--lang", "ckb", "--out", out)
	if code != ExitUsage || !strings.Contains(stderr, "--force") {
		t.Errorf("second handoff: %d %q", code, stderr)
	}
	if data, _ := os.ReadFile(path); string(data) != "# half done by the translator\n" {
		t.Error("the translator's file was overwritten")
	}
	if code, _, _ := run(t, "handoff", "--workspace", dir, "--lang", "ckb", "--out", out, "--force"); code != 0 {
		t.Error("--force refused")
	}
	// yml is YAML; an unknown language is named as such.
	if code, _, stderr := run(t, "handoff", "--workspace", dir, "--lang", "ar", "--out", out, "--format", "yml"); code != 0 {
		t.Fatal(stderr)
	}
	if data, _ := os.ReadFile(filepath.Join(out, "translate.ar.yaml")); !bytes.Contains(data, []byte("hash: sha1-")) {
		t.Errorf("--format yml did not write YAML:\n%s", data)
	}
	if _, _, stderr := run(t, "handoff", "--workspace", dir, "--lang", "de", "--out", out); !strings.Contains(stderr, "not a language of this workspace") {
		t.Errorf("unknown language: %q", stderr)
	}
}

func TestMalformedStatementExit2WithLine(t *testing.T) {
	dir := sampleWorkspace(t)
	p := filepath.Join(dir, "statements", "political-directors-global-coalition.toml")
	data, _ := os.ReadFile(p)
	os.WriteFile(p, bytes.Replace(data, []byte("date = 2020-04-15"), []byte("date = 15 April 2020"), 1), 0o644)
	for _, args := range [][]string{{"status", "--workspace", dir}, {"export", "--workspace", dir, "--out", t.TempDir()}, {"handoff", "--workspace", dir, "--lang", "fr", "--out", t.TempDir()}} {
		code, _, stderr := run(t, args...)
		if code != ExitUsage || !strings.Contains(stderr, p+":5:") {
			t.Errorf("%v: exit %d, stderr %q; want 2 naming %s:5", args[0], code, stderr, p)
		}
	}
}

func mustRead(t *testing.T, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return data
}
