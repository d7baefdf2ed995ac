package ui

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"fmt"
	"math/big"
	"os"
	"path/filepath"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"communique/app/statement"
	"communique/app/workspace"
)

// testDate is the statement's date; fixed so exports are reproducible.
var testDate = time.Date(2020, 6, 3, 0, 0, 0, 0, time.UTC)

// fixture builds a workspace on disk: the seed statement in English,
// complete Arabic, French missing its last paragraph. extra adds that many
// more paragraphs (for the 50-paragraph benchmark).
func fixture(tb testing.TB, extra int) *workspace.Workspace {
	tb.Helper()
	dir := filepath.Join(tb.TempDir(), "ws")
	ws, err := workspace.Init(dir, workspace.Config{Organisation: "Ministry of Tests", SourceLanguage: "en",
		Languages: []string{"fr", "ar"}})
	if err != nil {
		tb.Fatal(err)
	}
	src, err := os.ReadFile(filepath.Join("testdata", "seed-statement.txt"))
	if err != nil {
		tb.Fatal(err)
	}
	txt, err := statement.ParseText(string(src), statement.ParseOptions{})
	if err != nil {
		tb.Fatal(err)
	}
	for i := range extra {
		txt.Paragraphs = append(txt.Paragraphs, fmt.Sprintf("Additional paragraph %d: the Political Directors reaffirmed their commitment to the Coalition's civilian and military lines of effort.", i+1))
	}
	st, err := ws.AddStatement(txt, statement.Statement{ID: "seed", IssuingBody: "Global Coalition", Place: "Rome", Date: testDate})
	if err != nil {
		tb.Fatal(err)
	}
	parts := ws.Parts(st) // the letterhead and dateline too
	for i, p := range parts {
		if err := ws.SetTranslation("ar", p.ID, fmt.Sprintf("ترجمة الجزء %d من البيان.", i+1)); err != nil {
			tb.Fatal(err)
		}
		if i < len(parts)-1 {
			if err := ws.SetTranslation("fr", p.ID, fmt.Sprintf("Traduction de la partie %d du communiqué.", i+1)); err != nil {
				tb.Fatal(err)
			}
		}
	}
	if err := ws.Save(); err != nil {
		tb.Fatal(err)
	}
	ws, err = workspace.Open(dir)
	if err != nil {
		tb.Fatal(err)
	}
	return ws
}

// newTestUI shows ws in a test window, in English, with the preview
// rendering at once (no typing pause to wait for).
func newTestUI(tb testing.TB, ws *workspace.Workspace) *controller {
	tb.Helper()
	return newTestUIIn(tb, ws, "en")
}

// newTestUIIn is newTestUI with the interface in lang.
func newTestUIIn(tb testing.TB, ws *workspace.Workspace, lang string) *controller {
	tb.Helper()
	a := test.NewApp()
	// The real theme: the test theme lacks some font styles the diff uses.
	a.Settings().SetTheme(theme.DefaultTheme())
	tb.Cleanup(func() { a.Quit() })
	a.Preferences().SetString(prefUILanguage, lang)
	w := a.NewWindow("test")
	w.Resize(fyne.NewSize(1280, 800))
	c := newController(a, w)
	c.now = func() time.Time { return time.Date(2020, 6, 3, 10, 0, 0, 0, time.UTC) }
	// No background typesetting unless a test asks for it: the test
	// driver runs fyne.Do on the calling goroutine.
	c.previewDelay = time.Hour
	c.setWorkspace(ws)
	w.Show()
	return c
}

// testIdentity writes a self-signed ECDSA P-256 signing identity (key and
// certificate in one PEM file) and returns its path.
func testIdentity(tb testing.TB) string {
	tb.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		tb.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(7),
		Subject:      pkix.Name{CommonName: "Test Spokesperson", Organization: []string{"Ministry of Tests"}},
		NotBefore:    time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC),
		NotAfter:     time.Date(2040, 1, 1, 0, 0, 0, 0, time.UTC),
		KeyUsage:     x509.KeyUsageDigitalSignature | x509.KeyUsageContentCommitment,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		tb.Fatal(err)
	}
	kder, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		tb.Fatal(err)
	}
	p := filepath.Join(tb.TempDir(), "officer.pem")
	data := pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: kder})
	data = append(data, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})...)
	if err := os.WriteFile(p, data, 0o600); err != nil {
		tb.Fatal(err)
	}
	return p
}

// waitSave waits for the latest save, which waits for the folder's lock
// off the UI thread, to finish.
func waitSave(tb testing.TB, c *controller) {
	tb.Helper()
	if c.lastSave == nil {
		tb.Fatal("no save was started")
	}
	select {
	case <-c.lastSave:
	case <-time.After(30 * time.Second):
		tb.Fatal("the save did not finish")
	}
}

// visibleRows lists the IDs of the workbench rows the filter lets through.
func (b *workbench) visibleRows() []string {
	var ids []string
	for _, id := range b.order {
		if b.rows[id].box.Visible() {
			ids = append(ids, id)
		}
	}
	return ids
}
