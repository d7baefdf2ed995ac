package cli

import (
	"cmp"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"communique/app/safefile"
	"communique/i18n/catalog"
)

func runHandoff(env *Env, args []string) int {
	fs := flag.NewFlagSet("handoff", flag.ContinueOnError)
	ws := workspaceFlags(fs)
	lang := fs.String("lang", "", "target language")
	out := fs.String("out", "", "folder for translate.<lang>.<format>")
	format := fs.String("format", "", "toml, json, yaml, or xliff (1.2) / xliff2 (2.0) for CAT tools (default: the workspace's)")
	force := fs.Bool("force", false, "replace a translate file already in the folder")
	pos, ok := flags(env, "handoff", fs, args)
	if !ok {
		return ExitUsage
	}
	if len(pos) != 0 {
		return usageError(env, "handoff", "unexpected argument "+pos[0])
	}
	if *lang == "" || *out == "" {
		return usageError(env, "handoff", "--lang and --out are required")
	}
	w, err := ws.open(env, false)
	if err != nil {
		return fail(env, "handoff", ExitUsage, err)
	}
	defer w.Close()
	if l, ok := w.MatchLanguage(*lang); ok {
		*lang = l // "pt-BR" for a project's pt_BR
	}
	if *lang == w.Config.SourceLanguage {
		return fail(env, "handoff", ExitUsage, fmt.Errorf("%s is the source language; hand off a target language", *lang))
	}
	target := w.Catalogs[*lang]
	if target == nil {
		if !slices.Contains(w.Languages(), *lang) {
			return fail(env, "handoff", ExitUsage, fmt.Errorf("%s is not a language of this workspace (%s)", *lang, strings.Join(w.Languages(), ", ")))
		}
		return fail(env, "handoff", ExitUsage, errors.Join(w.CatalogErrors...))
	}
	if isXLIFF(*format) || isXLIFF2(*format) {
		return handoffXLIFF(env, w, target, *out, *force, isXLIFF2(*format))
	}
	f := catalog.Format(w.Config.CatalogFormat)
	if *format != "" {
		var err error
		if f, err = catalog.FormatOf("x." + *format); err != nil {
			return usageError(env, "handoff", fmt.Sprintf("--format %q: use toml, json, yaml or xliff", *format))
		}
	}
	r, _ := w.Status(*lang)
	data, n := catalog.HandoffCounted(w.Source(), target, w.History, f)
	if data == nil {
		fmt.Fprintf(env.Stdout, "%s: nothing needs work (%d of %d translated)\n", *lang, r.Translated, r.Total)
		return ExitOK
	}
	if err := os.MkdirAll(*out, 0o755); err != nil {
		return fail(env, "handoff", ExitUsage, err)
	}
	path := filepath.Join(*out, catalog.HandoffName(target.Lang, f))
	write := safefile.Write
	if !*force {
		// A translator may be working in the file from the last handoff.
		write = func(p string, d []byte, m os.FileMode) error {
			return safefile.WriteIfUnchanged(p, d, m, safefile.Stamp{})
		}
	}
	if err := write(path, data, 0o644); err != nil {
		var ce *safefile.ConflictError
		if errors.As(err, &ce) {
			return fail(env, "handoff", ExitUsage, fmt.Errorf("%s already exists (a translator may be working in it); merge it first, or use --force to replace it", path))
		}
		return fail(env, "handoff", ExitUsage, err)
	}
	fmt.Fprintf(env.Stdout, "wrote %s: %d messages (%d missing, %d to review, %d lacking a plural form)\n", path, n.Total(), n.Missing, n.NeedsReview, n.LacksForms)
	return ExitOK
}

func runMerge(env *Env, args []string) int {
	fs := flag.NewFlagSet("merge", flag.ContinueOnError)
	ws := workspaceFlags(fs)
	quiet := fs.Bool("quiet", false, "print only totals and rejected messages, not every merged one")
	pos, ok := flags(env, "merge", fs, args)
	if !ok {
		return ExitUsage
	}
	if len(pos) == 0 {
		return usageError(env, "merge", "give the returned translation files")
	}
	w, err := ws.open(env, true)
	if err != nil {
		return fail(env, "merge", ExitUsage, err)
	}
	defer w.Close()
	// Read every file before changing anything: one bad file stops the
	// merge with nothing applied.
	var returned []*catalog.Catalog
	for _, p := range pos {
		c, err := loadReturned(env, p)
		if err != nil {
			return fail(env, "merge", ExitUsage, err)
		}
		lang := cmp.Or(w.LanguageOf(c.Lang), c.Lang.String())
		if lang == w.Config.SourceLanguage {
			return fail(env, "merge", ExitUsage, fmt.Errorf("%s: is for the source language %s; edit the statement instead", p, lang))
		}
		if w.Catalogs[lang] == nil {
			if slices.Contains(w.Languages(), lang) {
				return fail(env, "merge", ExitUsage, fmt.Errorf("the %s catalog cannot be read, so nothing was merged: %w", lang, errors.Join(w.CatalogErrors...)))
			}
			return fail(env, "merge", ExitUsage, fmt.Errorf("%s: language %q is not in this workspace (add it first)", p, lang))
		}
		returned = append(returned, c)
	}
	rejected := 0
	for i, c := range returned {
		lang := cmp.Or(w.LanguageOf(c.Lang), c.Lang.String())
		rep := catalog.MergeWith(w.Source(), w.Catalogs[lang], c, catalog.MergeOptions{History: w.History, Names: w.IsName})
		for _, r := range rep.Results {
			if !*quiet || r.Action == catalog.Rejected {
				fmt.Fprintf(env.Stdout, "%s %s\n", lang, r)
			}
		}
		fmt.Fprintf(env.Stdout, "%s: %s: %d added, %d updated, %d unchanged, %d rejected\n", pos[i], lang,
			rep.Added, rep.Updated, rep.Unchanged, rep.Rejected)
		rejected += rep.Rejected
	}
	if err := w.Save(); err != nil {
		var ce *safefile.ConflictError
		if errors.As(err, &ce) {
			return fail(env, "merge", ExitUsage, fmt.Errorf("%w\nnothing was merged into that file; run the merge again", err))
		}
		return fail(env, "merge", ExitUsage, err)
	}
	// The accepted messages are saved either way; exit 1 tells a script
	// that some of the translator's work did not go in.
	if rejected > 0 {
		fmt.Fprintf(env.Stderr, "communique merge: %d messages rejected (see above); the others were merged\n", rejected)
		return ExitInvalid
	}
	return ExitOK
}
