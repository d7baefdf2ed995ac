package ui

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/widget"

	"communique/app/export"
	"communique/app/sign"
	"communique/app/ui/verdict"
)

// The verification dialog shows each verdict's sentence in its colour
// (the sentences themselves: package verdict).
func TestVerifyVerdictLines(t *testing.T) {
	sig := func(v sign.Verdict, detail string) []sign.SignatureReport {
		return []sign.SignatureReport{{Verdict: v, Signer: "Test Spokesperson", Detail: detail}}
	}
	cases := []struct {
		rep  sign.Report
		key  string
		want widget.Importance
	}{
		{sign.Report{Verdict: sign.VerdictValid, Signatures: sig(sign.VerdictValid, "")}, "VerdictValid", widget.SuccessImportance},
		{sign.Report{Verdict: sign.VerdictUntrusted, Signatures: sig(sign.VerdictUntrusted, "")}, "VerdictUntrusted", widget.WarningImportance},
		{sign.Report{Verdict: sign.VerdictExpired, Signatures: sig(sign.VerdictExpired, "")}, "VerdictExpired", widget.WarningImportance},
		{sign.Report{Verdict: sign.VerdictModified, Signatures: sig(sign.VerdictModified, "")}, "VerdictModified", widget.DangerImportance},
		{sign.Report{Verdict: sign.VerdictInvalid, Signatures: sig(sign.VerdictInvalid, "")}, "VerdictInvalid", widget.DangerImportance},
		{sign.Report{Verdict: sign.VerdictInvalid}, "VerdictNotSigned", widget.DangerImportance},
		{sign.Report{Verdict: sign.VerdictWeak, Signatures: sig(sign.VerdictWeak, "SHA-1 digest")}, "VerdictWeak", widget.DangerImportance},
		{sign.Report{Verdict: sign.VerdictMalformed, Detail: "object stream 7 extends itself"}, "VerdictMalformed", widget.DangerImportance},
	}
	c := newTestUI(t, fixture(t, 0))
	for _, tc := range cases {
		c.showVerification("statement.pdf", &tc.rep, nil)
		if got, want := c.verdictLine.Text(), verdict.Line(c.tx, &tc.rep); got != want {
			t.Errorf("%s: the dialog shows %q, want %q", tc.key, got, want)
		}
		if c.verdictLine.Importance != tc.want {
			t.Errorf("%s: importance %d, want %d", tc.key, c.verdictLine.Importance, tc.want)
		}
		c.win.Canvas().Overlays().Top().Hide()
	}
}

// A statement signed by a signer the workspace pins is valid: the verdict
// says so in the success colour.
func TestVerifyPinnedSignerIsValid(t *testing.T) {
	ws := fixture(t, 0)
	idPath := testIdentity(t)
	id, err := sign.LoadFile(idPath, "")
	if err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	plan, err := export.Prepare(ws, export.Options{Langs: []string{"en"}, OutDir: out, Identity: id})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := plan.Run(context.Background()); err != nil {
		t.Fatal(err)
	}
	// Pin the signer's certificate (the identity file holds it after its key).
	data, err := os.ReadFile(idPath)
	if err != nil {
		t.Fatal(err)
	}
	cert := data[strings.Index(string(data), "-----BEGIN CERTIFICATE"):]
	if err := os.WriteFile(filepath.Join(ws.Dir, "signers.pem"), cert, 0o644); err != nil {
		t.Fatal(err)
	}
	ws.Config.TrustedCertificates = "signers.pem"
	c := newTestUI(t, ws)
	<-c.verifyFile(filepath.Join(out, "seed.en.pdf"))
	if got := c.verdictLine.Text(); got != c.tx.T("VerdictValid") {
		t.Errorf("a pinned signer's statement: %q", got)
	}
	if c.verdictLine.Importance != widget.SuccessImportance {
		t.Errorf("valid shown with importance %d", c.verdictLine.Importance)
	}
}
