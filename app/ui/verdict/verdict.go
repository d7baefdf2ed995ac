// Package verdict puts a signature verification report in the interface's
// words: the verdict first, then each signature's signer, time, coverage
// and trust, and the colour the verdict is shown in.
package verdict

import (
	"communique/app/sign"
	"communique/i18n/uitext"
	"strings"

	"fyne.io/fyne/v2/widget"
)

// Importance: only a valid signature is good news; an intact one
// nobody trusted vouches for (or whose certificate had expired) is a
// warning; anything else is danger.
func Importance(v sign.Verdict) widget.Importance {
	switch v {
	case sign.VerdictValid:
		return widget.SuccessImportance
	case sign.VerdictUntrusted, sign.VerdictExpired:
		return widget.WarningImportance
	}
	return widget.DangerImportance
}

// Describe puts a verification report in plain words, the verdict
// first, then each signature: who, when, how much of the file, and how far
// the certificate can be trusted.
func Describe(tx *uitext.Text, rep *sign.Report) []string {
	out := []string{Line(tx, rep)}
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
		b.WriteString(Trust(tx, s.Trust) + "\n")
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

// Line says in one sentence what the verdict means for the reader:
// whether to trust the document, and why not.
func Line(tx *uitext.Text, rep *sign.Report) string {
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
		return strings.TrimSpace(tx.T("VerdictWeak", "Detail", Detail(rep)))
	}
	// Malformed, and any verdict this window does not know yet: the
	// file cannot be relied on.
	return tx.T("VerdictMalformed", "Detail", Detail(rep))
}

// Detail is the verifier's reason for the report's verdict.
func Detail(rep *sign.Report) string {
	detail := rep.Detail
	for _, s := range rep.Signatures {
		if s.Verdict == rep.Verdict {
			detail = joinNonEmpty(detail, s.Detail)
		}
	}
	return detail
}

// Trust says how far a signer's certificate can be trusted.
func Trust(tx *uitext.Text, trust string) string {
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
