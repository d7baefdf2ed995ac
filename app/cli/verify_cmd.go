package cli

import (
	"crypto/x509"
	"encoding/json"
	"encoding/pem"
	"flag"
	"fmt"
	"os"
	"strings"

	"communique/app/sign"
)

func runVerify(env *Env, args []string) int {
	fs := flag.NewFlagSet("verify", flag.ContinueOnError)
	asJSON := fs.Bool("json", false, "print JSON")
	rootsFile := fs.String("roots", "", "PEM file of trusted certificate authorities (default: the system's)")
	strict := fs.Bool("strict", false, "also fail when a signer's certificate does not chain to a trusted authority, or bytes were added after the last signature")
	pos, ok := flags(env, "verify", fs, args)
	if !ok {
		return ExitUsage
	}
	if len(pos) != 1 {
		return usageError(env, "verify", "give exactly one PDF file")
	}
	var roots *x509.CertPool
	if *rootsFile != "" {
		var err error
		if roots, err = loadRoots(*rootsFile); err != nil {
			return fail(env, "verify", ExitUsage, err)
		}
	}
	data, err := os.ReadFile(pos[0])
	if err != nil {
		return fail(env, "verify", ExitUsage, err)
	}
	rep, err := sign.Verify(data, roots)
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
	if rep.Verdict != sign.VerdictValid || !trustworthy(rep) {
		return ExitInvalid
	}
	if *strict {
		if why := strictFailures(rep); len(why) > 0 {
			for _, w := range why {
				fmt.Fprintf(env.Stderr, "communique verify: --strict: %s\n", w)
			}
			return ExitInvalid
		}
	}
	return ExitOK
}

// strictFailures is what --strict does not accept in a validly signed
// file: a signer nobody vouches for (an unknown issuer, a self-signed
// certificate) and changes after the last signature, even ones its signer
// allowed (form filling, annotations, later revisions).
func strictFailures(rep *sign.Report) []string {
	var why []string
	for i, s := range rep.Signatures {
		if s.Trust != sign.TrustTrusted {
			why = append(why, fmt.Sprintf("signature %d: the certificate of %s does not chain to a trusted authority (%s); pass --roots with the authority", i+1, s.Signer, strings.ReplaceAll(s.Trust, "_", " ")))
		}
	}
	if n := len(rep.Signatures); n > 0 && !rep.Signatures[n-1].CoversWholeDocument {
		why = append(why, fmt.Sprintf("bytes were added after signature %d, the last one", n))
	}
	return why
}

// trustworthy is false when a signature's certificate rules it out:
// expired or not yet valid when it signed, not allowed to sign, or a chain
// that does not hold. An issuer that is merely unknown (or a self-signed
// certificate) is reported, not failed: many organisations sign with their
// own CA.
func trustworthy(rep *sign.Report) bool {
	for _, s := range rep.Signatures {
		switch s.Trust {
		case sign.TrustExpired, sign.TrustNotYetValid, sign.TrustNotForSigning, sign.TrustUntrusted:
			return false
		}
	}
	return true
}

func loadRoots(path string) (*x509.CertPool, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	pool := x509.NewCertPool()
	n := 0
	for block, rest := pem.Decode(data); block != nil; block, rest = pem.Decode(rest) {
		if block.Type != "CERTIFICATE" {
			continue
		}
		c, err := x509.ParseCertificate(block.Bytes)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		pool.AddCert(c)
		n++
	}
	if n == 0 {
		return nil, fmt.Errorf("%s: no PEM certificates found", path)
	}
	return pool, nil
}

func describeVerdict(r *sign.Report) string {
	switch r.Verdict {
	case sign.VerdictValid:
		return "signature valid"
	case sign.VerdictModified:
		return "MODIFIED after signing"
	case sign.VerdictNotSigned:
		return "not signed"
	}
	return "signature INVALID"
}

func printVerification(env *Env, file string, rep *sign.Report) {
	out := env.Stdout
	fmt.Fprintf(out, "%s: %s\n", file, describeVerdict(rep))
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
			fmt.Fprintf(out, "  coverage:  NOT the whole document: bytes were added after this signature\n")
		}
		for _, kv := range [][2]string{{"reason", s.Reason}, {"location", s.Location}, {"contact", s.Contact}} {
			if kv[1] != "" {
				fmt.Fprintf(out, "  %-9s  %s\n", kv[0]+":", kv[1])
			}
		}
		if s.CertificateSHA256 != "" {
			fmt.Fprintf(out, "  cert SHA-256: %s\n", s.CertificateSHA256)
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
