package cli

import (
	"crypto/x509"
	"encoding/json"
	"encoding/pem"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"time"

	"communique/app/export"
	"communique/app/pdf"
	"communique/app/sign"
)

// PasswordEnv is the environment variable an identity's password is read
// from when it is set; otherwise the terminal asks with echo off.
const PasswordEnv = "COMMUNIQUE_PASSWORD"

func runExport(env *Env, args []string) int {
	fs := flag.NewFlagSet("export", flag.ContinueOnError)
	ws := workspaceFlags(fs)
	stmt := fs.String("statement", "", "statement ID (default: every statement)")
	langs := fs.String("lang", "", "languages, comma-separated, or all (default: every complete language)")
	out := fs.String("out", "", "output folder")
	identity := fs.String("sign", "", "sign with this identity (.p12/.pfx, or PEM key and certificate chain)")
	role := fs.String("role", "", "signer's role, shown in the signature block")
	tsa := fs.String("tsa", "", "RFC 3161 timestamp authority URL")
	approval := fs.Bool("approval", false, "approval signature instead of certification (no changes allowed)")
	pos, ok := flags(env, "export", fs, args)
	if !ok {
		return ExitUsage
	}
	if len(pos) != 0 {
		return usageError(env, "export", "unexpected argument "+pos[0])
	}
	if *out == "" {
		return usageError(env, "export", "--out is required")
	}
	if (*tsa != "" || *role != "" || *approval) && *identity == "" {
		return usageError(env, "export", "--tsa, --role and --approval need --sign")
	}
	// An export is a short batch: it allocates a few tens of MB and exits.
	// Collecting at the default heap growth (100 %) costs a sixth of a
	// one-language run; at 400 % the heap still stays within a few times
	// its live size.
	debug.SetGCPercent(400)
	// Every document needs Noto Sans; parse it while the workspace is read.
	go pdf.Preload()
	w, err := ws.open(env, false)
	if err != nil {
		return fail(env, "export", ExitUsage, err)
	}
	defer w.Close()
	opt := export.Options{Langs: splitList(*langs), OutDir: *out, Role: *role, TSAURL: *tsa, Approval: *approval}
	if *stmt != "" {
		opt.Statements = []string{*stmt}
	}
	if *identity != "" {
		id, err := loadIdentity(env, *identity)
		if err != nil {
			return fail(env, "export", ExitUsage, err)
		}
		opt.Identity = id
		info := id.Info()
		fmt.Fprintf(env.Stdout, "signing as %s\n  issuer:  %s\n  valid:   %s to %s\n  key:     %s\n  SHA-256: %s\n",
			info.Subject, info.Issuer, info.NotBefore.UTC().Format(time.DateOnly), info.NotAfter.UTC().Format(time.DateOnly),
			info.KeyType, info.SHA256)
	}
	export.Generator = "Communiqué " + Version
	var m *export.Manifest
	plan, err := export.Prepare(w, opt)
	if err == nil {
		warnReadiness(env, plan)
		m, err = plan.Run()
	}
	if err != nil {
		// Missing glyphs, untranslated parts, unwritable folders: all bad
		// input, each named in the message.
		return fail(env, "export", ExitUsage, err)
	}
	if len(m.Files) == 0 {
		return fail(env, "export", ExitUsage, errors.New("no language is complete: name languages with --lang"))
	}
	invalid := false
	for _, f := range m.Files {
		state := "unsigned"
		if f.Signed {
			state = "signed, " + describeVerdict(f.Verification)
			invalid = invalid || f.Verification.Verdict != sign.VerdictValid
		}
		fmt.Fprintf(env.Stdout, "wrote %s (%d pages, %d KB, %s)\n", filepath.Join(*out, f.Name), f.Pages, (f.Size+1023)/1024, state)
	}
	fmt.Fprintf(env.Stdout, "wrote %s\n", filepath.Join(*out, export.ManifestFile))
	if invalid {
		return ExitInvalid
	}
	return ExitOK
}

// warnReadiness tells on stderr which languages are left out or go out with
// stale translations or QA problems.
func warnReadiness(env *Env, plan *export.Plan) {
	opt := plan.Options
	for _, id := range sortedKeys(plan.Readiness) {
		for _, r := range plan.Readiness[id] {
			requested := len(opt.Langs) == 0 || opt.Langs[0] == "all" || contains(opt.Langs, r.Lang)
			switch {
			case len(opt.Langs) == 0 && !r.Complete():
				fmt.Fprintf(env.Stderr, "communique export: skipping %s %s: %d missing, %d need review\n", id, r.Lang, r.Missing, r.NeedsReview)
			case requested && r.Missing == 0 && r.NeedsReview > 0:
				fmt.Fprintf(env.Stderr, "communique export: warning: %s %s: %d translations were made from an older source text\n", id, r.Lang, r.NeedsReview)
			}
			if requested && r.Missing == 0 && r.QAProblems > 0 {
				fmt.Fprintf(env.Stderr, "communique export: warning: %s %s: %d QA problems (see communique status)\n", id, r.Lang, r.QAProblems)
			}
		}
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// loadIdentity reads an identity file with the password from the
// environment or the terminal. The password is kept in memory only and
// wiped after use.
func loadIdentity(env *Env, path string) (*sign.Identity, error) {
	var pw []byte
	if v := env.Getenv(PasswordEnv); v != "" {
		pw = []byte(v)
		// Child processes (a PDF viewer opened later, say) need not see it.
		os.Unsetenv(PasswordEnv)
	} else if env.ReadPassword != nil {
		p, err := env.ReadPassword(fmt.Sprintf("Password for %s: ", filepath.Base(path)))
		if err != nil {
			return nil, err
		}
		pw = p
	}
	defer clear(pw)
	id, err := sign.LoadFile(path, string(pw))
	if err != nil && errors.Is(err, sign.ErrWrongPassword) && len(pw) == 0 {
		return nil, fmt.Errorf("%s: a password is needed: set %s or run in a terminal", path, PasswordEnv)
	}
	return id, err
}

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
