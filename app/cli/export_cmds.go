package cli

import (
	"errors"
	"flag"
	"fmt"
	"math"
	"os"
	"os/signal"
	"path/filepath"
	"runtime/debug"
	"strconv"
	"strings"
	"time"

	"communique/app/export"
	"communique/app/pdf"
	"communique/app/sign"
	"communique/app/workspace"
)

// PasswordEnv is the environment variable an identity's password is read
// from when it is set; otherwise the terminal asks with echo off.
const PasswordEnv = "COMMUNIQUE_PASSWORD"

// defaultExportMemoryLimit is export's --memory-limit: the heap size past
// which the collector works harder. app/pdf writes long statements page by
// page, yet a 4,396-page export still peaks at 559 MB at the default
// collector pacing (issue 15's target: 500 MB); with this limit it peaks at
// 393 MB, for a little more CPU (32 s against 29 s, on a busy machine). A statement of a few pages never comes
// near it, so the collector paces as usual for them.
const defaultExportMemoryLimit = "384MiB"

func runExport(env *Env, args []string) int {
	fs := flag.NewFlagSet("export", flag.ContinueOnError)
	ws := workspaceFlags(fs)
	stmt := fs.String("statement", "", "statement ID (default: every statement)")
	langs := fs.String("lang", "", "languages, comma-separated, or all: every ready language is written, the others are "+
		"reported with every reason and the exit code is 1 (default: every complete language)")
	out := fs.String("out", "", "output folder")
	identity := fs.String("sign", "", "sign with this identity (.p12/.pfx, or PEM key and certificate chain)")
	role := fs.String("role", "", "signer's role, shown in the signature block")
	tsa := fs.String("tsa", "", "RFC 3161 timestamp authority URL")
	approval := fs.Bool("approval", false, "approval signature instead of certification (no changes allowed)")
	strict := fs.Bool("strict", false, "refuse translations that need review (made from an older source text, or lacking a plural form) instead of warning")
	quiet := fs.Bool("quiet", false, "no progress lines on stderr")
	progress := fs.Bool("progress", false, "a progress line on stderr for every file from the start "+
		"(by default they start after a second)")
	memLimit := fs.String("memory-limit", defaultExportMemoryLimit, "soft limit of the heap during the export "+
		"(B, KiB, MiB or GiB, as GOMEMLIMIT; 0: none); the garbage collector works harder near it. GOMEMLIMIT, when set, wins")
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
	limit, err := parseByteSize(*memLimit)
	if err != nil {
		return usageError(env, "export", "--memory-limit: "+err.Error())
	}
	if limit > 0 && env.Getenv("GOMEMLIMIT") == "" {
		// The limit is the process's; it holds for this export only.
		defer debug.SetMemoryLimit(debug.SetMemoryLimit(limit))
	}
	// Every document needs Noto Sans; parse it while the workspace is read.
	go pdf.Preload()
	w, err := ws.open(env, false)
	if err != nil {
		return fail(env, "export", ExitUsage, err)
	}
	defer w.Close()
	requested, batch, err := exportLanguages(*langs)
	if err != nil {
		return fail(env, "export", ExitUsage, fmt.Errorf("--lang: %w", err))
	}
	opt := export.Options{Langs: requested, Batch: batch, OutDir: *out, Role: *role, TSAURL: *tsa, Approval: *approval,
		Strict: *strict, Generator: "Communiqué " + Version}
	if *stmt != "" {
		opt.Statements = []string{*stmt}
	}
	switch {
	case *progress:
		opt.Progress = progressLines(env, 0)
	case !*quiet:
		opt.Progress = progressLines(env, time.Second)
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
	var m *export.Manifest
	plan, err := export.Prepare(w, opt)
	if err == nil {
		warnReadiness(env, plan)
		// Ctrl+C stops the export between files and abandons a timestamp
		// request; nothing is written then.
		ctx, stop := signal.NotifyContext(env.context(), os.Interrupt)
		m, err = plan.Run(ctx)
		stop()
	}
	if err != nil {
		// Missing glyphs, untranslated parts, unwritable folders: all bad
		// input, each named in the message, one line per reason.
		return failAll(env, "export", ExitUsage, err)
	}
	reportSkipped(env, m)
	if len(m.Files) == 0 && len(m.Skipped) == 0 {
		return fail(env, "export", ExitUsage, errors.New("no language is complete: name languages with --lang"))
	}
	if !listWritten(env, *out, m) || len(m.Skipped) > 0 {
		return ExitInvalid
	}
	return ExitOK
}

// listWritten lists on stdout the files an export wrote and how each
// verified, and reports whether every signed one is valid.
func listWritten(env *Env, out string, m *export.Manifest) bool {
	valid := true
	for _, f := range m.Files {
		state := "unsigned"
		if f.Signed {
			state = "signed, " + describeVerdict(f.Verification)
			valid = valid && f.Verification.Verdict == sign.VerdictValid
		}
		fmt.Fprintf(env.Stdout, "wrote %s (%d pages, %d KB, %s)\n", filepath.Join(out, f.Name), f.Pages, (f.Size+1023)/1024, state)
	}
	fmt.Fprintf(env.Stdout, "wrote %s\n", filepath.Join(out, export.ManifestFile))
	return valid
}

// warnReadiness tells on stderr which languages are left out or go out with
// translations to review or QA problems, as export.Readiness words them.
func warnReadiness(env *Env, plan *export.Plan) {
	opt := plan.Options
	for _, id := range sortedKeys(plan.Readiness) {
		for _, r := range plan.Readiness[id] {
			requested := len(opt.Langs) == 0 || opt.Langs[0] == "all" || contains(opt.Langs, r.Lang)
			switch {
			case len(opt.Langs) == 0 && !r.Complete():
				fmt.Fprintf(env.Stderr, "communique export: skipping %s %s: %s\n", id, r.Lang, strings.Join(r.Warnings(), "; "))
			case requested && r.Classify(opt.Strict) == export.ClassWarn:
				for _, w := range r.Warnings() {
					fmt.Fprintf(env.Stderr, "communique export: warning: %s %s: %s\n", id, r.Lang, w)
				}
			}
		}
	}
}

// exportLanguages reads --lang: "all", or a list of languages
// (workspace.ParseLanguages, as the window reads them). Without a list, or
// with all, the export serves a batch: what is ready goes out, the rest is
// reported. Languages named one by one are a request for exactly those
// files, all or none.
func exportLanguages(s string) (langs []string, batch bool, err error) {
	if strings.TrimSpace(s) == "all" {
		return []string{"all"}, true, nil
	}
	langs, err = workspace.ParseLanguages(s)
	return langs, len(langs) == 0, err
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

// parseByteSize reads a size as GOMEMLIMIT spells it: a whole number of
// bytes, or of KiB, MiB, GiB or TiB.
func parseByteSize(s string) (int64, error) {
	num, unit := s, int64(1)
	for i, suffix := range []string{"TiB", "GiB", "MiB", "KiB", "B"} {
		if n, ok := strings.CutSuffix(s, suffix); ok {
			num, unit = n, int64(1)<<(10*(4-i))
			break
		}
	}
	n, err := strconv.ParseInt(num, 10, 64)
	if err != nil || n < 0 || n > math.MaxInt64/unit {
		return 0, fmt.Errorf("%q is not a size (384MiB, 1GiB, 0)", s)
	}
	return n * unit, nil
}
