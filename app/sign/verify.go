package sign

import (
	"communique/app/sign/verify"
)

// The verifier's vocabulary, under the names callers have always used.
type (
	// Verdict is the outcome for a signature or a whole document.
	Verdict = verify.Verdict
	// SignatureReport describes one signature.
	SignatureReport = verify.SignatureReport
	// Report is the verification of a document.
	Report = verify.Report
	// VerifyOptions say whom to trust.
	VerifyOptions = verify.Options
)

// Verdicts, from best to worst; see package verify.
const (
	VerdictValid     = verify.VerdictValid
	VerdictUntrusted = verify.VerdictUntrusted
	VerdictExpired   = verify.VerdictExpired
	VerdictWeak      = verify.VerdictWeak
	VerdictInvalid   = verify.VerdictInvalid
	VerdictModified  = verify.VerdictModified
	VerdictMalformed = verify.VerdictMalformed
)

// Certificate trust, reported beside the verdict; see package verify.
const (
	TrustTrusted       = verify.TrustTrusted
	TrustUnknownIssuer = verify.TrustUnknownIssuer
	TrustSelfSigned    = verify.TrustSelfSigned
	TrustExpired       = verify.TrustExpired
	TrustNotYetValid   = verify.TrustNotYetValid
	TrustNotForSigning = verify.TrustNotForSigning
	TrustUntrusted     = verify.TrustUntrusted
	TrustUnknown       = verify.TrustUnknown
)

// Verdicts lists every verdict from best to worst, in a fresh slice.
func Verdicts() []Verdict { return verify.Verdicts() }

// ErrNotPDF is returned for input that does not start like a PDF file.
var ErrNotPDF = verify.ErrNotPDF

// VerifyWith checks every signature in data. Input that is not a PDF is an
// error (ErrNotPDF); a PDF whose structure is not strictly readable gets the
// verdict malformed; one without signatures the verdict invalid.
func VerifyWith(data []byte, opt VerifyOptions) (*Report, error) {
	return verify.Document(data, opt)
}
