package cli

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"strings"
	"time"

	"communique/app/statement"
	"communique/app/workspace"
	"communique/assets"
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
	cfg := workspace.Config{Organisation: *org, SourceLanguage: *source, Languages: splitList(*langs), CatalogFormat: *format}
	w, err := workspace.Init(pos[0], cfg)
	if err != nil {
		return fail(env, "init", ExitUsage, err)
	}
	fmt.Fprintf(env.Stdout, "created workspace %s (source %s; languages %s)\n", w.Dir, w.Config.SourceLanguage,
		strings.Join(w.Config.Languages, ", "))
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
	dir := fs.String("workspace", ".", "workspace folder")
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
	w, err := workspace.Open(*dir)
	if err != nil {
		return fail(env, "import", ExitUsage, err)
	}
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
}

type statementStatus struct {
	ID    string `json:"id"`
	Title string `json:"title"`
	Parts int    `json:"parts"`
}

type statusReport struct {
	Source     string            `json:"source"`
	Statements []statementStatus `json:"statements"`
	Languages  []languageStatus  `json:"languages"`
	Problems   []string          `json:"problems"`
	Errors     []string          `json:"errors,omitempty"`
}

func runStatus(env *Env, args []string) int {
	fs := flag.NewFlagSet("status", flag.ContinueOnError)
	dir := fs.String("workspace", ".", "workspace folder")
	asJSON := fs.Bool("json", false, "print JSON")
	pos, ok := flags(env, "status", fs, args)
	if !ok {
		return ExitUsage
	}
	if len(pos) != 0 {
		return usageError(env, "status", "unexpected argument "+pos[0])
	}
	w, err := workspace.Open(*dir)
	if err != nil {
		return fail(env, "status", ExitUsage, err)
	}
	rep := statusReport{Source: w.Config.SourceLanguage, Statements: []statementStatus{}, Problems: []string{}}
	for _, st := range w.Statements {
		rep.Statements = append(rep.Statements, statementStatus{ID: st.ID, Title: w.Text(w.Config.SourceLanguage, st.TitleID), Parts: len(w.Parts(st))})
	}
	for _, lang := range w.Languages() {
		r, ok := w.Status(lang)
		if !ok {
			continue // reported below with its parse error
		}
		rep.Languages = append(rep.Languages, languageStatus{Lang: lang, Total: r.Total, Translated: r.Translated,
			NeedsReview: r.NeedsReview, Missing: r.Missing, QAProblems: r.QAProblems, NoPluralRule: r.NoPluralRule})
		for _, e := range r.Entries {
			for _, p := range e.Problems {
				rep.Problems = append(rep.Problems, fmt.Sprintf("%s %s %s: %s", lang, e.ID, p.Rule, p.Detail))
			}
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
	if len(rep.Errors) > 0 {
		return ExitUsage
	}
	return ExitOK
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
	fmt.Fprintf(out, "\nStatements (%d):\n", len(rep.Statements))
	for _, s := range rep.Statements {
		fmt.Fprintf(out, "  %-40s %2d parts  %s\n", s.ID, s.Parts, s.Title)
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

func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}
