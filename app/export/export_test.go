package export

import (
	"communique/internal/judge"
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha256"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/hex"
	"encoding/json"
	"encoding/pem"
	"errors"
	"fmt"
	"math/big"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"communique/app/sign"
	"communique/app/workspace"
	"communique/assets"
)

func sample(t testing.TB) *workspace.Workspace {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "ws")
	if err := assets.WriteSample(dir); err != nil {
		t.Fatal(err)
	}
	w, err := workspace.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	return w
}

// testIdentity makes a self-signed ECDSA P-256 signing identity in memory.
func testIdentity(t *testing.T) (*sign.Identity, *x509.CertPool) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber:          big.NewInt(7),
		Subject:               pkix.Name{CommonName: "Press Officer", Organization: []string{"Coalition"}},
		NotBefore:             time.Now().Add(-time.Hour),
		NotAfter:              time.Now().Add(24 * time.Hour),
		KeyUsage:              x509.KeyUsageDigitalSignature | x509.KeyUsageContentCommitment | x509.KeyUsageCertSign,
		BasicConstraintsValid: true,
		IsCA:                  true,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	kder, _ := x509.MarshalPKCS8PrivateKey(key)
	id, err := sign.LoadPEM(pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: kder}),
		pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), "")
	if err != nil {
		t.Fatal(err)
	}
	cert, _ := x509.ParseCertificate(der)
	roots := x509.NewCertPool()
	roots.AddCert(cert)
	return id, roots
}

func TestDefaultLanguagesAreTheCompleteOnes(t *testing.T) {
	w := sample(t)
	out := t.TempDir()
	m, err := Run(context.Background(), w, Options{OutDir: out})
	if err != nil {
		t.Fatal(err)
	}
	// fr lacks a paragraph, ar has a stale one, ckb is partial: only en.
	if len(m.Files) != 1 || m.Files[0].Lang != "en" || m.Files[0].Signed {
		t.Fatalf("files %+v", m.Files)
	}
	data, err := os.ReadFile(filepath.Join(out, m.Files[0].Name))
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(data)
	if hex.EncodeToString(sum[:]) != m.Files[0].SHA256 || len(data) != m.Files[0].Size {
		t.Error("manifest hash or size does not match the file")
	}
	var onDisk Manifest
	raw, _ := os.ReadFile(filepath.Join(out, ManifestFile))
	if err := json.Unmarshal(raw, &onDisk); err != nil || len(onDisk.Files) != 1 || onDisk.Signer != nil {
		t.Errorf("manifest.json: %v %s", err, raw)
	}
}

func TestIncompleteLanguageRefusedBeforeAnyWrite(t *testing.T) {
	w := sample(t)
	out := filepath.Join(t.TempDir(), "out")
	_, err := Run(context.Background(), w, Options{OutDir: out, Langs: []string{"en", "fr"}})
	var inc *IncompleteError
	if !errors.As(err, &inc) || inc.Lang != "fr" || len(inc.Missing) != 1 || !strings.HasSuffix(inc.Missing[0], ".p4") {
		t.Fatalf("err = %v", err)
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Error("an export that failed wrote its folder")
	}
	if _, err := Run(context.Background(), w, Options{OutDir: out, Langs: []string{"de"}}); err == nil || !strings.Contains(err.Error(), "not a language") {
		t.Errorf("unknown language: %v", err)
	}
}

func TestSignedExportVerifies(t *testing.T) {
	w := sample(t)
	id, roots := testIdentity(t)
	out := t.TempDir()
	var steps []string
	m, err := Run(context.Background(), w, Options{OutDir: out, Langs: []string{"en", "ar"}, Identity: id, Role: "Spokesperson",
		Roots: roots, Progress: func(p Progress) { steps = append(steps, fmt.Sprintf("%s:%s:%d/%d", p.Lang, p.Step, p.Done, p.Total)) }})
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Files) != 2 || m.Signer == nil || m.Signer.Fingerprint != id.Info().SHA256 {
		t.Fatalf("manifest %+v", m)
	}
	for _, f := range m.Files {
		if !f.Signed || f.Verification == nil || f.Verification.Verdict != sign.VerdictValid {
			t.Errorf("%s: %+v", f.Name, f.Verification)
		}
		if _, err := exec.LookPath("pdfsig"); err != nil {
			if os.Getenv("CI") == "true" {
				t.Fatal("pdfsig (poppler-utils) is missing: scripts/deps.sh installs it")
			}
			continue
		}
		outb, _ := exec.Command("pdfsig", filepath.Join(out, f.Name)).CombinedOutput()
		if !strings.Contains(string(outb), "Signature is Valid.") || !strings.Contains(string(outb), "Total document signed") {
			t.Errorf("pdfsig on %s:\n%s", f.Name, outb)
		}
	}
	// Files are made side by side, each through its steps in order, and
	// every file is made before any is written.
	var made []string
	for _, s := range steps[:len(steps)-2] {
		lang, step, _ := strings.Cut(s, ":")
		made = append(made, lang+":"+step[:strings.Index(step, ":")])
	}
	for _, lang := range []string{"en", "ar"} {
		var mine []string
		for _, s := range made {
			if strings.HasPrefix(s, lang+":") {
				mine = append(mine, s)
			}
		}
		if want := lang + ":typeset " + lang + ":sign " + lang + ":verify " + lang + ":made"; strings.Join(mine, " ") != want {
			t.Errorf("%s went through %v, want %s", lang, mine, want)
		}
	}
	if got := strings.Join(steps[len(steps)-2:], " "); got != "en:written:1/2 ar:written:2/2" {
		t.Errorf("progress ends %q, want both files written after all were made", got)
	}
	if len(made) != 8 {
		t.Errorf("progress %v", steps)
	}
}

// TestFailedExportLeavesFolderAsItWas: a language that cannot be typeset
// stops the export before any file is replaced, so the folder's PDFs and
// manifest still agree.
func TestFailedExportLeavesFolderAsItWas(t *testing.T) {
	w := sample(t)
	out := t.TempDir()
	if _, err := Run(context.Background(), w, Options{OutDir: out, Langs: []string{"en"}}); err != nil {
		t.Fatal(err)
	}
	before := map[string][]byte{}
	entries, _ := os.ReadDir(out)
	for _, e := range entries {
		before[e.Name()], _ = os.ReadFile(filepath.Join(out, e.Name()))
	}
	st := w.Statements[0]
	w.SetSource(st, st.TitleID, "A new English title")
	// An Egyptian hieroglyph: no bundled font has it.
	if err := w.SetTranslation("ar", st.Paragraphs[0], "نص \U00013000"); err != nil {
		t.Fatal(err)
	}
	_, err := Run(context.Background(), w, Options{OutDir: out, Langs: []string{"en", "ar"}})
	if err == nil || !strings.Contains(err.Error(), "U+13000") {
		t.Fatalf("err = %v", err)
	}
	after, _ := os.ReadDir(out)
	if len(after) != len(before) {
		t.Errorf("files %d → %d", len(before), len(after))
	}
	for name, data := range before {
		if got, _ := os.ReadFile(filepath.Join(out, name)); string(got) != string(data) {
			t.Errorf("%s was replaced by a failed export", name)
		}
	}
}

// TestLetterheadInTheDocumentsLanguage: the Arabic PDF carries the Arabic
// name of the organisation, issuing body and place, and the preview of a
// language that lacks them falls back to the source and says so.
func TestLetterheadInTheDocumentsLanguage(t *testing.T) {
	w := sample(t)
	st := w.Statements[0]
	doc, err := Document(w, st, "ar")
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"organisation": "التحالف الدولي لهزيمة داعش", "issuing body": "المديرون السياسيون للمجموعة المصغرة في التحالف الدولي لهزيمة داعش", "place": "واشنطن العاصمة"}
	got := map[string]string{"organisation": doc.Organisation, "issuing body": doc.IssuingBody, "place": doc.Place}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("Arabic %s %q, want %q", k, got[k], v)
		}
	}
	_, fallback, err := Preview(w, st, "ckb")
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(fallback, st.BodyID()) || slices.Contains(fallback, st.PlaceID()) {
		t.Errorf("Sorani fallback %v: want the untranslated issuing body, not the translated place", fallback)
	}
	judge.Tool(t, "pdftotext")
	out := t.TempDir()
	if _, err := Run(context.Background(), w, Options{OutDir: out, Langs: []string{"ar"}}); err != nil {
		t.Fatal(err)
	}
	text, err := exec.Command("pdftotext", "-enc", "UTF-8", filepath.Join(out, st.ID+".ar.pdf"), "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range want {
		if !strings.Contains(string(text), v) {
			t.Errorf("the Arabic PDF lacks %q:\n%s", v, text)
		}
	}
	if strings.Contains(string(text), "Global Coalition") || strings.Contains(string(text), "Washington") {
		t.Errorf("the Arabic PDF still has English letterhead text:\n%s", text)
	}
}

// TestErrorsInJobOrder: every language's problem is reported, the first
// file's first, however the work was timed.
func TestErrorsInJobOrder(t *testing.T) {
	w := sample(t)
	st := w.Statements[0]
	// Linear B: no font here draws it (Chinese would be drawn by the
	// installed Noto Sans CJK).
	w.SetSource(st, st.TitleID, "Statement \U00010000")
	if err := w.SetTranslation("ar", st.TitleID, "بيان \U00010000"); err != nil {
		t.Fatal(err)
	}
	for range 20 {
		_, err := Run(context.Background(), w, Options{OutDir: t.TempDir(), Langs: []string{"en", "ar"}})
		var ge *GlyphError
		if !errors.As(err, &ge) || ge.Lang != "en" || !strings.Contains(err.Error(), "ar: no font has a glyph for '\U00010000'") {
			t.Fatalf("err = %v, want the missing glyph of the English file first, then the Arabic one's", err)
		}
	}
}

// A character no font has in the translated place is reported under the
// place's message ID, which the translator can find in the catalog.
func TestMissingGlyphInPlaceNamesItsMessage(t *testing.T) {
	w := sample(t)
	st := w.Statements[0]
	if err := w.SetTranslation("ar", st.PlaceID(), "واشنطن \U00010000"); err != nil {
		t.Fatal(err)
	}
	_, err := Run(context.Background(), w, Options{OutDir: t.TempDir(), Langs: []string{"ar"}})
	var ge *GlyphError
	if !errors.As(err, &ge) || !slices.Equal(ge.Messages, []string{st.PlaceID()}) || ge.Lang != "ar" || ge.Char != 0x10000 {
		t.Errorf("err = %v, want a missing glyph in %s (ar)", err, st.PlaceID())
	}
}
