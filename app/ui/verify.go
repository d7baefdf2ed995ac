package ui

import (
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"communique/app/sign"
	"communique/app/ui/widgets"
	"communique/i18n/uitext"
)

// verifyDialog asks for a PDF and shows its verification.
func (c *controller) verifyDialog() {
	start := c.wsParent()
	if dir := c.prefs.exportDir(); dir != "" {
		start = dir
	}
	c.pickFile([]string{".pdf", ".PDF"}, start, func(p string) { c.verifyFile(p) })
}

// verifyFile checks a PDF's signatures and says what they mean. The check
// runs off the UI thread (a hostile file may take up to a couple of
// seconds); its result comes back through fyne.Do. The returned channel is
// closed once the result is on screen.
func (c *controller) verifyFile(path string) <-chan struct{} {
	done := make(chan struct{})
	data, err := os.ReadFile(path)
	if err != nil {
		c.showError(err)
		close(done)
		return done
	}
	opt := sign.VerifyOptions{}
	if c.ws != nil && c.ws.Config.TrustedCertificates != "" {
		// The organisation's own signers, pinned in communique.toml.
		opt.Pinned, err = sign.LoadCertificates(filepath.Join(c.ws.Dir, c.ws.Config.TrustedCertificates))
		if err != nil {
			c.showError(err)
			close(done)
			return done
		}
	}
	go func() {
		rep, err := sign.VerifyWith(data, opt)
		fyne.Do(func() {
			c.showVerification(path, rep, err)
			close(done)
		})
	}()
	return done
}

func (c *controller) showVerification(path string, rep *sign.Report, err error) {
	var verdict string
	var details []string
	imp := widget.DangerImportance
	if err != nil {
		verdict = c.tx.T("VerifyNotPDF", "Error", err.Error())
	} else {
		lines := describeReport(c.tx, rep)
		verdict, details = lines[0], lines[1:]
		imp = verdictImportance(rep.Verdict)
	}
	// The verdict stands alone, in its colour; the signatures' facts
	// follow in the ordinary colour. Both may quote right-to-left names.
	head := widgets.NewLabel(verdict, c.tx.Lang(), true)
	head.Bold, head.Importance = true, imp
	body := widgets.NewLabel(strings.Join(details, "\n\n"), c.tx.Lang(), true)
	name := widgets.NewLabel(filepath.Base(path), "", false)
	name.Bold = true
	c.verdictLine = head
	d := c.kit.Notice(c.tx.T("VerifyTitle"),
		container.NewBorder(container.NewVBox(name, head, widget.NewSeparator()), nil, nil, nil, container.NewVScroll(body)))
	d.Resize(fyne.NewSize(600, 440))
}

// verdictImportance: only a valid signature is good news; an intact one
// nobody trusted vouches for (or whose certificate had expired) is a
// warning; anything else is danger.
func verdictImportance(v sign.Verdict) widget.Importance {
	switch v {
	case sign.VerdictValid:
		return widget.SuccessImportance
	case sign.VerdictUntrusted, sign.VerdictExpired:
		return widget.WarningImportance
	}
	return widget.DangerImportance
}

// describeReport puts a verification report in plain words, the verdict
// first, then each signature: who, when, how much of the file, and how far
// the certificate can be trusted.
func describeReport(tx *uitext.Text, rep *sign.Report) []string {
	out := []string{verdictLine(tx, rep)}
	for i, s := range rep.Signatures {
		var b strings.Builder
		if len(rep.Signatures) > 1 {
			b.WriteString(tx.T("SignatureNumber", "N", i+1) + "\n")
		}
		b.WriteString(tx.T("SignedBy", "Signer", s.Signer, "Issuer", s.Issuer) + "\n")
		when := s.Time.Local().Format("2006-01-02 15:04 MST")
		if s.Timestamped {
			b.WriteString(tx.T("SignedAtTimestamped", "Time", when) + "\n")
		} else {
			b.WriteString(tx.T("SignedAtClaimed", "Time", when) + "\n")
		}
		if s.CoversWholeDocument {
			b.WriteString(tx.T("CoversWhole") + "\n")
		} else {
			b.WriteString(tx.T("CoversPart") + "\n")
		}
		if s.Certification {
			b.WriteString(tx.T("Certification") + "\n")
		}
		b.WriteString(trustText(tx, s.Trust) + "\n")
		if s.CertificateSHA256 != "" {
			b.WriteString(tx.T("Fingerprint", "Fingerprint", s.CertificateSHA256) + "\n")
		}
		if s.Detail != "" {
			b.WriteString(tx.T("TechnicalDetail", "Detail", s.Detail))
		}
		out = append(out, strings.TrimSpace(b.String()))
	}
	return out
}

// verdictLine says in one sentence what the verdict means for the reader:
// whether to trust the document, and why not.
func verdictLine(tx *uitext.Text, rep *sign.Report) string {
	switch rep.Verdict {
	case sign.VerdictValid:
		return tx.T("VerdictValid")
	case sign.VerdictUntrusted:
		return tx.T("VerdictUntrusted")
	case sign.VerdictExpired:
		return tx.T("VerdictExpired")
	case sign.VerdictModified:
		return tx.T("VerdictModified")
	case sign.VerdictInvalid:
		if len(rep.Signatures) == 0 {
			return tx.T("VerdictNotSigned")
		}
		return tx.T("VerdictInvalid")
	case sign.VerdictWeak:
		return strings.TrimSpace(tx.T("VerdictWeak", "Detail", verdictDetail(rep)))
	}
	// Malformed, and any verdict this window does not know yet: the
	// file cannot be relied on.
	return tx.T("VerdictMalformed", "Detail", verdictDetail(rep))
}

// verdictDetail is the verifier's reason for the report's verdict.
func verdictDetail(rep *sign.Report) string {
	detail := rep.Detail
	for _, s := range rep.Signatures {
		if s.Verdict == rep.Verdict {
			detail = joinNonEmpty(detail, s.Detail)
		}
	}
	return detail
}

func trustText(tx *uitext.Text, trust string) string {
	switch trust {
	case sign.TrustTrusted:
		return tx.T("TrustTrusted")
	case sign.TrustUnknownIssuer:
		return tx.T("TrustUnknownIssuer")
	case sign.TrustSelfSigned:
		return tx.T("TrustSelfSigned")
	case sign.TrustExpired:
		return tx.T("TrustExpired")
	case sign.TrustNotYetValid:
		return tx.T("TrustNotYetValid")
	case sign.TrustNotForSigning:
		return tx.T("TrustNotForSigning")
	case sign.TrustUntrusted:
		return tx.T("TrustUntrusted")
	}
	return tx.T("TrustUnknown")
}

func joinNonEmpty(a, b string) string {
	if a == "" {
		return b
	}
	if b == "" {
		return a
	}
	return a + "; " + b
}
