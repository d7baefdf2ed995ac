package cli

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"communique/app/export"
	"communique/app/statement"
	"communique/app/workspace"
	"communique/assets"
	"communique/i18n/catalog"
)

func runInit(env *Env, args []string) int {
	fs := flag.NewFlagSet("init", flag.ContinueOnError)
	source := fs.String("source", "en", "source language")
	langs := fs.String("langs", "", "target languages, comma-separated")
	org := fs.String("org", "", "organisation name for the letterhead")
	format := fs.String("format", "toml", "catalog format: toml, json or yaml")
	pos, ok := flags(env, "init", fs, args)
	if !ok {
		return ExitUsage
	}
	if len(pos) != 1 {
		return usageError(env, "init", "give exactly one folder")
	}
	targets, err := workspace.ParseLanguages(*langs)
	if err != nil {
		return fail(env, "init", ExitUsage, fmt.Errorf("--langs: %w", err))
	}
	cfg := workspace.Config{Organisation: *org, SourceLanguage: *source, Languages: targets, CatalogFormat: *format}
	w, err := workspace.Init(pos[0], cfg)
	if err != nil {
		return fail(env, "init", ExitUsage, err)
	}
	fmt.Fprintf(env.Stdout, "created workspace %s (source %s; languages %s)\n", w.Dir, w.Config.SourceLanguage,
		strings.Join(w.Config.Languages, ", "))
	warnFontCoverage(env, "init", w, w.Languages())
	return ExitOK
}

// runAddLanguage adds target languages to a workspace, as the window's
// "Add language" does, and warns about each whose letters no font draws.
func runAddLanguage(env *Env, args []string) int {
	fs := flag.NewFlagSet("add-language", flag.ContinueOnError)
	ws := workspaceFlags(fs)
	pos, ok := flags(env, "add-language", fs, args)
	if !ok {
		return ExitUsage
	}
	langs, err := workspace.ParseLanguages(strings.Join(pos, " "))
	if err != nil {
		return fail(env, "add-language", ExitUsage, err)
	}
	if len(langs) == 0 {
		return usageError(env, "add-language", "name at least one language")
	}
	w, err := ws.open(env, true)
	if err != nil {
		return fail(env, "add-language", ExitUsage, err)
	}
	defer w.Close()
	for _, l := range langs {
		if err := w.AddLanguage(l); err != nil {
			return fail(env, "add-language", ExitUsage, err)
		}
	}
	if err := w.Save(); err != nil {
		return fail(env, "add-language", ExitUsage, err)
	}
	fmt.Fprintf(env.Stdout, "added %s (languages now %s)\n", strings.Join(langs, ", "), strings.Join(w.Languages(), ", "))
	warnFontCoverage(env, "add-language", w, langs)
	return ExitOK
}

func runSample(env *Env, args []string) int {
	fs := flag.NewFlagSet("sample", flag.ContinueOnError)
	pos, ok := flags(env, "sample", fs, args)
	if !ok {
		return ExitUsage
	}
	if len(pos) != 1 {
		return usageError(env, "sample", "give exactly one folder")
	}
	if err := assets.WriteSample(pos[0]); err != nil {
		return fail(env, "sample", ExitUsage, err)
	}
	fmt.Fprintf(env.Stdout, "wrote the sample workspace to %s\n", pos[0])
	return ExitOK
}

func runImport(env *Env, args []string) int {
	fs := flag.NewFlagSet("import", flag.ContinueOnError)
	ws := workspaceFlags(fs)
	id := fs.String("id", "", "statement ID (default: from the title)")
	body := fs.String("body", "", "issuing body")
	place := fs.String("place", "", "dateline place")
	date := fs.String("date", "", "dateline date, YYYY-MM-DD (default: today)")
	keepAll := fs.Bool("keep-all", false, "keep blocks that look like website boilerplate")
	pos, ok := flags(env, "import", fs, args)
	if !ok {
		return ExitUsage
	}
	if len(pos) != 1 {
		return usageError(env, "import", "give exactly one text file")
	}
	meta := statement.Statement{ID: *id, IssuingBody: *body, Place: *place}
	if *date == "" {
		y, m, d := time.Now().Date()
		meta.Date = time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	} else {
		t, err := time.Parse(time.DateOnly, *date)
		if err != nil {
			return usageError(env, "import", fmt.Sprintf("--date %q: want YYYY-MM-DD", *date))
		}
		meta.Date = t
	}
	src, err := os.ReadFile(pos[0])
	if err != nil {
		return fail(env, "import", ExitUsage, err)
	}
	txt, err := statement.ParseText(string(src), statement.ParseOptions{KeepAll: *keepAll})
	if err != nil {
		return fail(env, "import", ExitUsage, fmt.Errorf("%s:%w", pos[0], err))
	}
	w, err := ws.open(env, true)
	if err != nil {
		return fail(env, "import", ExitUsage, err)
	}
	defer w.Close()
	mem, err := w.Memory()
	if err != nil {
		return fail(env, "import", ExitUsage, err)
	}
	st, err := w.AddStatement(txt, meta)
	if err != nil {
		return fail(env, "import", ExitUsage, err)
	}
	prefillFromMemory(env, w, mem, st)
	if err := w.Save(); err != nil {
		return fail(env, "import", ExitUsage, err)
	}
	for _, d := range txt.Dropped {
		fmt.Fprintf(env.Stderr, "%s:%s (use --keep-all to keep it)\n", pos[0], d)
	}
	fmt.Fprintf(env.Stdout, "imported %q as statement %s: title and %d paragraphs\n", txt.Title, st.ID, len(st.Paragraphs))
	return ExitOK
}

// languageStatus is one language's line in `status --json`.
type languageStatus struct {
	Lang         string `json:"lang"`
	Total        int    `json:"total"`
	Translated   int    `json:"translated"`
	NeedsReview  int    `json:"needs_review"`
	Missing      int    `json:"missing"`
	QAProblems   int    `json:"qa_problems"`
	NoPluralRule bool   `json:"no_plural_rule,omitempty"`
	// NeedsWork lists, with --details, every message that is missing,
	// needs review or has a QA problem.
	NeedsWork []messageStatus `json:"needs_work,omitempty"`
}

// messageStatus is one message that needs work, in `status --details`.
type messageStatus struct {
	ID       string   `json:"id"`
	State    string   `json:"state"`
	Source   string   `json:"source"`
	Problems []string `json:"problems,omitempty"`
}

type statementStatus struct {
	ID    string `json:"id"`
	Title string `json:"title"`
	Parts int    `json:"parts"`
}

type statusReport struct {
	Source string `json:"source"`
	// Catalogs describes an existing go-i18n project's files when the
	// folder is one (no statements).
	Catalogs   string            `json:"catalogs,omitempty"`
	Statements []statementStatus `json:"statements"`
	Languages  []languageStatus  `json:"languages"`
	Problems   []string          `json:"problems"`
	Errors     []string          `json:"errors,omitempty"`
}

func runStatus(env *Env, args []string) int {
	fs := flag.NewFlagSet("status", flag.ContinueOnError)
	ws := workspaceFlags(fs)
	asJSON := fs.Bool("json", false, "print JSON")
	details := fs.Bool("details", false, "list every message that needs work (missing, to review, QA problem), per language")
	pos, ok := flags(env, "status", fs, args)
	if !ok {
		return ExitUsage
	}
	if len(pos) != 0 {
		return usageError(env, "status", "unexpected argument "+pos[0])
	}
	w, err := ws.open(env, false)
	if err != nil {
		return fail(env, "status", ExitUsage, err)
	}
	defer w.Close()
	rep := statusReport{Source: w.Config.SourceLanguage, Statements: []statementStatus{}, Problems: []string{}}
	if l := w.Layout; l != nil {
		rep.Catalogs = filepath.Join(l.Dir, l.Pattern)
	}
	for _, st := range w.Statements {
		rep.Statements = append(rep.Statements, statementStatus{ID: st.ID, Title: w.Text(w.Config.SourceLanguage, st.TitleID), Parts: len(w.Parts(st))})
	}
	// Languages are computed side by side; each keeps its place in the
	// report, and its per-message entries go once summarised.
	langs := make([]*languageStatus, len(w.Languages()))
	problems := make([][]string, len(langs))
	w.EachStatus(func(i int, lang string, r catalog.Report) {
		ls := languageStatus{Lang: lang, Total: r.Total, Translated: r.Translated,
			NeedsReview: r.NeedsReview, Missing: r.Missing, QAProblems: r.QAProblems, NoPluralRule: r.NoPluralRule}
		if *details {
			ls.NeedsWork = needsWork(r)
		}
		langs[i] = &ls
		for _, e := range r.Entries {
			for _, p := range e.Problems {
				problems[i] = append(problems[i], fmt.Sprintf("%s %s %s: %s", lang, e.ID, p.Rule, p.Detail))
			}
		}
	})
	for i, ls := range langs {
		if ls != nil { // nil: not readable, reported below with its parse error
			rep.Languages = append(rep.Languages, *ls)
			rep.Problems = append(rep.Problems, problems[i]...)
		}
	}
	for _, err := range w.CatalogErrors {
		rep.Errors = append(rep.Errors, err.Error())
	}
	if *asJSON {
		enc := json.NewEncoder(env.Stdout)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		enc.Encode(rep)
	} else {
		printStatus(env, w, rep)
	}
	for _, e := range rep.Errors {
		fmt.Fprintf(env.Stderr, "communique status: %s\n", e)
	}
	for _, err := range export.CheckFonts(w) {
		fmt.Fprintf(env.Stderr, "communique status: warning: %v\n", err)
	}
	if len(rep.Errors) > 0 {
		return ExitUsage
	}
	return ExitOK
}

// needsWork lists the messages of a report that are not translated or
// have a QA problem, in catalog order.
func needsWork(r catalog.Report) []messageStatus {
	var out []messageStatus
	for _, e := range r.Entries {
		if e.State == catalog.Translated && len(e.Problems) == 0 {
			continue
		}
		m := messageStatus{ID: e.ID, State: string(e.State), Source: e.Source.Other}
		for _, p := range e.Problems {
			m.Problems = append(m.Problems, p.Rule+": "+p.Detail)
		}
		out = append(out, m)
	}
	return out
}

func printStatus(env *Env, w *workspace.Workspace, rep statusReport) {
	out := env.Stdout
	name := w.Config.Organisation
	if name == "" {
		name = w.Dir
	}
	fmt.Fprintf(out, "%s — workspace %s\n", name, w.Dir)
	if w.Config.Notice != "" {
		fmt.Fprintf(out, "Note: %s\n", w.Config.Notice)
	}
	if rep.Catalogs != "" {
		fmt.Fprintf(out, "go-i18n catalogs %s (source %s; opened as they are, no %s written)\n", rep.Catalogs, rep.Source, workspace.ConfigFile)
	} else {
		fmt.Fprintf(out, "\nStatements (%d):\n", len(rep.Statements))
		for _, s := range rep.Statements {
			fmt.Fprintf(out, "  %-40s %2d parts  %s\n", s.ID, s.Parts, s.Title)
		}
	}
	fmt.Fprintf(out, "\nLanguages:\n")
	for _, l := range rep.Languages {
		role := ""
		if l.Lang == rep.Source {
			role = " (source)"
		}
		fmt.Fprintf(out, "  %-12s %s %3d/%d translated, %d needs review, %d missing, %d QA problems",
			l.Lang+role, bar(l.Translated, l.Total, 20), l.Translated, l.Total, l.NeedsReview, l.Missing, l.QAProblems)
		if l.NoPluralRule {
			fmt.Fprint(out, " (no CLDR plural rule known)")
		}
		fmt.Fprintln(out)
		for _, m := range l.NeedsWork {
			fmt.Fprintf(out, "      %-12s %s  %q\n", m.State, m.ID, shorten(m.Source, 60))
			for _, p := range m.Problems {
				fmt.Fprintf(out, "      %12s   %s\n", "", p)
			}
		}
	}
	if len(rep.Problems) > 0 {
		fmt.Fprintf(out, "\nProblems:\n")
		for _, p := range rep.Problems {
			fmt.Fprintf(out, "  %s\n", p)
		}
	}
}

func bar(n, total, width int) string {
	if total == 0 {
		return "[" + strings.Repeat(" ", width) + "]"
	}
	full := n * width / total
	return "[" + strings.Repeat("#", full) + strings.Repeat(".", width-full) + "]"
}

// LockWaitEnv is the environment variable that sets how long a command
// waits for another process to release the workspace (a Go duration such
// as "30s"); the default is workspace.DefaultLockWait.
const LockWaitEnv = "COMMUNIQUE_LOCK_WAIT"

// wsFlags are the options every command that works on a workspace has.
type wsFlags struct {
	dir, locales, source *string
}

func workspaceFlags(fs *flag.FlagSet) wsFlags {
	return wsFlags{
		dir:     fs.String("workspace", ".", "workspace folder, or the folder of an existing go-i18n project (opened as it is when it has no communique.toml)"),
		locales: fs.String("locales", "", "open this folder as an existing go-i18n project's catalogs (base.fr.json, i18n/fr.toml, fr/messages.yaml…), instead of --workspace"),
		source:  fs.String("source", "", "source language of a go-i18n project (default: the language with the most messages)"),
	}
}

// open opens the workspace the flags name, holding its lock until the
// command ends (w.Close): exclusive for a command that writes, shared for
// one that only reads.
func (f wsFlags) open(env *Env, write bool) (*workspace.Workspace, error) {
	opt := workspace.Options{Exclusive: write, LockWait: workspace.DefaultLockWait, Source: *f.source}
	if s := env.Getenv(LockWaitEnv); s != "" {
		d, err := time.ParseDuration(s)
		if err != nil || d < 0 {
			return nil, fmt.Errorf("%s=%q: want a duration such as 30s", LockWaitEnv, s)
		}
		opt.LockWait = d
	}
	dir := *f.dir
	if *f.locales != "" {
		dir, opt.Locales = *f.locales, true
	}
	return workspace.OpenLocked(dir, opt)
}

// shorten cuts s to about n runes for a one-line listing.
func shorten(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}
