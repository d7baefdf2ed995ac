package cli

import (
	"crypto/x509"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"communique/app/sign"
	"communique/app/workspace"
)

// verifyExit is the exit code of each verdict: one code per verdict, so a
// script knows what happened without parsing the report; 0 only for
// valid-and-trusted, 2 (bad input) for a malformed file.
var verifyExit = map[sign.Verdict]int{
	sign.VerdictValid:     ExitOK,
	sign.VerdictModified:  ExitInvalid,
	sign.VerdictMalformed: ExitUsage,
	sign.VerdictInvalid:   3,
	sign.VerdictUntrusted: 4,
	sign.VerdictExpired:   5,
	sign.VerdictWeak:      6,
}

const verifyHelp = `Trust is explicit: a signature is valid only when it is intact, nothing its
signer did not allow was changed after it, and its certificate chains to a root
given with --roots or pinned in the workspace's communique.toml
(trusted_certificates = "FILE.pem") at a trusted time (a trusted timestamp
authority's, else now).

Exit codes (the JSON "verdict" always agrees):
  0  valid      intact, allowed changes only, trusted signer
  1  modified   the signed bytes changed, or a later revision changes the document
  2  malformed  the file is not a PDF readers agree on (or bad usage); the message says where
  3  invalid    a signature is broken or unreadable, or the PDF carries none
  4  untrusted  intact, but no trusted root or pinned certificate vouches for the signer
  5  expired    intact, but the certificate was not valid at the trusted time
  6  weak       made with SHA-1 or an RSA key under 2048 bits
The worst verdict among the signatures decides.`

func runVerify(env *Env, args []string) int {
	fs := flag.NewFlagSet("verify", flag.ContinueOnError)
	asJSON := fs.Bool("json", false, "print JSON")
	rootsFile := fs.String("roots", "", "PEM file of trusted certificate authorities")
	wsDir := fs.String("workspace", "", "workspace whose communique.toml pins trusted certificates")
	fs.Bool("strict", false, "accepted for older scripts: trust is now always required")
	pos, ok := flags(env, "verify", fs, args)
	if !ok {
		if wantsHelp(args) {
			fmt.Fprintln(env.Stdout, verifyHelp)
			return ExitOK
		}
		return ExitUsage
	}
	if len(pos) != 1 {
		return usageError(env, "verify", "give exactly one PDF file")
	}
	opt := sign.VerifyOptions{}
	if *rootsFile != "" {
		certs, err := sign.LoadCertificates(*rootsFile)
		if err != nil {
			return fail(env, "verify", ExitUsage, err)
		}
		opt.Roots = x509.NewCertPool()
		for _, c := range certs {
			opt.Roots.AddCert(c)
		}
	}
	if *wsDir != "" {
		pinned, err := workspacePins(*wsDir)
		if err != nil {
			return fail(env, "verify", ExitUsage, err)
		}
		opt.Pinned = pinned
	}
	data, err := os.ReadFile(pos[0])
	if err != nil {
		return fail(env, "verify", ExitUsage, err)
	}
	rep, err := sign.VerifyWith(data, opt)
	if err != nil {
		return fail(env, "verify", ExitUsage, fmt.Errorf("%s: %w", pos[0], err))
	}
	if *asJSON {
		enc := json.NewEncoder(env.Stdout)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		enc.Encode(struct {
			File string `json:"file"`
			*sign.Report
		}{pos[0], rep})
	} else {
		printVerification(env, pos[0], rep)
	}
	if rep.Verdict == sign.VerdictMalformed {
		fmt.Fprintf(env.Stderr, "communique verify: %s: %s\n", pos[0], rep.Detail)
	}
	return verifyExit[rep.Verdict]
}

func wantsHelp(args []string) bool {
	for _, a := range args {
		if a == "-h" || a == "-help" || a == "--help" {
			return true
		}
	}
	return false
}

// workspacePins reads the certificates a workspace trusts without flags.
func workspacePins(dir string) ([]*x509.Certificate, error) {
	w, err := workspace.Open(dir)
	if err != nil {
		return nil, err
	}
	if w.Config.TrustedCertificates == "" {
		return nil, fmt.Errorf("%s: communique.toml pins no trusted_certificates", dir)
	}
	return sign.LoadCertificates(filepath.Join(w.Dir, w.Config.TrustedCertificates))
}

func describeVerdict(r *sign.Report) string {
	switch r.Verdict {
	case sign.VerdictValid:
		return "signature valid"
	case sign.VerdictModified:
		return "MODIFIED after signing"
	case sign.VerdictUntrusted:
		return "signature intact but UNTRUSTED"
	case sign.VerdictExpired:
		return "signature intact but the certificate had EXPIRED"
	case sign.VerdictWeak:
		return "signature WEAK"
	case sign.VerdictMalformed:
		return "MALFORMED PDF"
	case sign.VerdictInvalid:
		if len(r.Signatures) == 0 {
			return "not signed"
		}
	}
	return "signature INVALID"
}

func printVerification(env *Env, file string, rep *sign.Report) {
	out := env.Stdout
	fmt.Fprintf(out, "%s: %s\n", file, describeVerdict(rep))
	if rep.Detail != "" {
		fmt.Fprintf(out, "  %s\n", rep.Detail)
	}
	for i, s := range rep.Signatures {
		fmt.Fprintf(out, "\nSignature %d", i+1)
		if s.Field != "" {
			fmt.Fprintf(out, " (%s)", s.Field)
		}
		fmt.Fprintln(out, ":")
		kind := "approval"
		if s.Certification {
			kind = fmt.Sprintf("certification (changes allowed: %s)", permission(s.Permission))
		}
		fmt.Fprintf(out, "  verdict:   %s\n", s.Verdict)
		fmt.Fprintf(out, "  signer:    %s\n", s.Signer)
		fmt.Fprintf(out, "  issuer:    %s\n", s.Issuer)
		fmt.Fprintf(out, "  trust:     %s\n", strings.ReplaceAll(s.Trust, "_", " "))
		when := "claimed by the signer"
		if s.Timestamped {
			when = "from a timestamp authority"
		}
		fmt.Fprintf(out, "  time:      %s (%s)\n", s.Time.UTC().Format("2006-01-02 15:04:05 MST"), when)
		fmt.Fprintf(out, "  type:      %s\n", kind)
		if s.CoversWholeDocument {
			fmt.Fprintf(out, "  coverage:  the whole document\n")
		} else {
			fmt.Fprintf(out, "  coverage:  NOT the whole document: later revisions follow this signature\n")
		}
		for _, kv := range [][2]string{{"reason", s.Reason}, {"location", s.Location}, {"contact", s.Contact}} {
			if kv[1] != "" {
				fmt.Fprintf(out, "  %-9s  %s\n", kv[0]+":", kv[1])
			}
		}
		if s.CertificateSHA256 != "" {
			fmt.Fprintf(out, "  cert SHA-256: %s\n", s.CertificateSHA256)
		}
		for _, c := range s.Changes {
			fmt.Fprintf(out, "  change:    %s\n", c)
		}
		for _, c := range s.AllowedChanges {
			fmt.Fprintf(out, "  allowed:   %s\n", c)
		}
		if s.Detail != "" {
			fmt.Fprintf(out, "  detail:    %s\n", s.Detail)
		}
	}
}

func permission(p int) string {
	switch p {
	case 1:
		return "none"
	case 2:
		return "form filling and signing"
	case 3:
		return "form filling, signing and annotations"
	}
	return "unspecified"
}
