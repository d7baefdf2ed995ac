package cli

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"communique/app/safefile"
	"communique/app/statement"
	"communique/app/workspace"
	"communique/i18n/catalog"
	"communique/i18n/memory"
	"communique/i18n/xliff"
)

// The translation memory, glossary and XLIFF parts of the command line.

func init() {
	commands = append(commands,
		command{"tmx", "export|import --workspace DIR FILE.tmx", "exchange the workspace's translation memory as TMX 1.4", runTMX},
		command{"matches", "--workspace DIR --lang LANG (--id ID | TEXT)", "translation memory matches for a message or a text", runMatches},
		command{"glossary", "--workspace DIR --lang LANG", "glossary problems in a language's translations", runGlossary},
	)
}

func runTMX(env *Env, args []string) int {
	fs := flag.NewFlagSet("tmx", flag.ContinueOnError)
	dir := fs.String("workspace", ".", "workspace folder")
	// Flags first, so "tmx --help" is help whatever follows it.
	pos, ok := flags(env, "tmx", fs, args)
	if !ok {
		return ExitUsage
	}
	if len(pos) == 0 || (pos[0] != "export" && pos[0] != "import") {
		return usageError(env, "tmx", "say export or import")
	}
	sub := pos[0]
	pos = pos[1:]
	if len(pos) != 1 {
		return usageError(env, "tmx", "give one .tmx file")
	}
	w, err := workspace.Open(*dir)
	if err != nil {
		return fail(env, "tmx", ExitUsage, err)
	}
	if sub == "import" {
		n, err := w.ImportTMX(pos[0])
		if err != nil {
			return fail(env, "tmx", ExitUsage, err)
		}
		fmt.Fprintf(env.Stdout, "imported %d segments from %s into %s\n", n, pos[0], filepath.Join(*dir, workspace.MemoryDir))
		return ExitOK
	}
	mem, err := w.Memory()
	if err != nil {
		return fail(env, "tmx", ExitUsage, err)
	}
	var b bytes.Buffer
	if err := mem.WriteTMX(&b, w.Config.SourceLanguage); err != nil {
		return fail(env, "tmx", ExitUsage, err)
	}
	if err := safefile.Write(pos[0], b.Bytes(), 0o644); err != nil {
		return fail(env, "tmx", ExitUsage, err)
	}
	fmt.Fprintf(env.Stdout, "wrote %s: %d segments\n", pos[0], mem.Len())
	return ExitOK
}

func runMatches(env *Env, args []string) int {
	fs := flag.NewFlagSet("matches", flag.ContinueOnError)
	dir := fs.String("workspace", ".", "workspace folder")
	lang := fs.String("lang", "", "target language")
	id := fs.String("id", "", "message ID whose source text to look up")
	minScore := fs.Float64("min", 0.5, "lowest score shown, 0 to 1")
	pos, ok := flags(env, "matches", fs, args)
	if !ok {
		return ExitUsage
	}
	if *lang == "" || (*id == "") == (len(pos) == 0) {
		return usageError(env, "matches", "give --lang and either --id or the text")
	}
	w, err := workspace.Open(*dir)
	if err != nil {
		return fail(env, "matches", ExitUsage, err)
	}
	text := strings.Join(pos, " ")
	if *id != "" {
		m, ok := w.Source().Get(*id)
		if !ok {
			return fail(env, "matches", ExitUsage, fmt.Errorf("no message %q in the source catalog", *id))
		}
		text = m.Other
	}
	mem, err := w.Memory()
	if err != nil {
		return fail(env, "matches", ExitUsage, err)
	}
	for _, m := range mem.Lookup(w.Config.SourceLanguage, *lang, text, memory.Options{MinScore: *minScore}) {
		if *id != "" && strings.HasPrefix(m.Segment.Origin, *id+" ") {
			continue // the message's own translation
		}
		fmt.Fprintf(env.Stdout, "%3.0f%% %s\n     %s\n     %s\n", 100*m.Score, m.Segment.Origin, diffText(m.Diff), m.Segment.Target)
	}
	return ExitOK
}

// diffText shows an edit script the way word diffs do: [-stored-]{+current+}.
func diffText(d []memory.Edit) string {
	var parts []string
	for _, e := range d {
		switch e.Op {
		case memory.Insert:
			parts = append(parts, "{+"+e.Text+"+}")
		case memory.Delete:
			parts = append(parts, "[-"+e.Text+"-]")
		default:
			parts = append(parts, e.Text)
		}
	}
	return strings.Join(parts, " ")
}

func runGlossary(env *Env, args []string) int {
	fs := flag.NewFlagSet("glossary", flag.ContinueOnError)
	dir := fs.String("workspace", ".", "workspace folder")
	lang := fs.String("lang", "", "target language to check")
	pos, ok := flags(env, "glossary", fs, args)
	if !ok {
		return ExitUsage
	}
	if *lang == "" || len(pos) > 0 {
		return usageError(env, "glossary", "give --lang and nothing else")
	}
	w, err := workspace.Open(*dir)
	if err != nil {
		return fail(env, "glossary", ExitUsage, err)
	}
	g, err := w.Glossary()
	if err != nil {
		return fail(env, "glossary", ExitUsage, err)
	}
	target := w.Catalogs[*lang]
	if target == nil || *lang == w.Config.SourceLanguage {
		return fail(env, "glossary", ExitUsage, fmt.Errorf("%s is not a target language of this workspace", *lang))
	}
	n := 0
	for _, src := range w.Source().Messages() {
		t, ok := target.Get(src.ID)
		if !ok || t.Other == "" {
			continue
		}
		for _, p := range g.Check(src.Other, t.Other, *lang) {
			fmt.Fprintf(env.Stdout, "%s %s: %s: %s\n", *lang, src.ID, p.Rule, p.Message)
			n++
		}
	}
	if n > 0 {
		fmt.Fprintf(env.Stderr, "communique glossary: %d problems\n", n)
		return ExitInvalid
	}
	return ExitOK
}

// isXLIFF reports whether a handoff or returned file is XLIFF.
func isXLIFF(format string) bool {
	switch strings.ToLower(strings.TrimPrefix(format, ".")) {
	case "xliff", "xlf":
		return true
	}
	return false
}

// isXLIFF2 reports whether a handoff format asks for XLIFF 2.0 (merge
// tells the versions apart by the file's content).
func isXLIFF2(format string) bool {
	switch strings.ToLower(format) {
	case "xliff2", "xliff-2", "xlf2":
		return true
	}
	return false
}

// handoffXLIFF writes translate.<lang>.xlf for CAT tools: XLIFF 1.2, or
// 2.0 when v2.
func handoffXLIFF(env *Env, w *workspace.Workspace, target *catalog.Catalog, out string, force, v2 bool) int {
	r, _ := w.Status(target.Lang.String())
	handoff := xliff.Handoff
	if v2 {
		handoff = xliff.Handoff2
	}
	data := handoff(w.Source(), target, w.History)
	if data == nil {
		fmt.Fprintf(env.Stdout, "%s: nothing needs work (%d of %d translated)\n", target.Lang, r.Translated, r.Total)
		return ExitOK
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		return fail(env, "handoff", ExitUsage, err)
	}
	path := filepath.Join(out, xliff.Name(target))
	var err error
	if force {
		err = safefile.Write(path, data, 0o644)
	} else {
		// A translator may be working in the file from the last handoff.
		err = safefile.WriteIfUnchanged(path, data, 0o644, safefile.Stamp{})
	}
	var ce *safefile.ConflictError
	if errors.As(err, &ce) {
		return fail(env, "handoff", ExitUsage, fmt.Errorf("%s already exists (a translator may be working in it); merge it first, or use --force to replace it", path))
	} else if err != nil {
		return fail(env, "handoff", ExitUsage, err)
	}
	fmt.Fprintf(env.Stdout, "wrote %s: %d missing, %d to review\n", path, r.Missing, r.NeedsReview)
	return ExitOK
}

// loadReturned reads a file given to merge: XLIFF (sentences joined back
// into messages; incomplete ones reported on stderr) or a go-i18n catalog.
func loadReturned(env *Env, path string) (*catalog.Catalog, error) {
	if !isXLIFF(filepath.Ext(path)) {
		return catalog.Load(path)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	f, err := xliff.Read(path, data)
	if err != nil {
		return nil, err
	}
	c, problems, err := f.Catalog()
	if err != nil {
		return nil, err
	}
	for _, p := range problems {
		fmt.Fprintf(env.Stderr, "%s: %s\n", path, p)
	}
	if len(f.Ignored) > 0 {
		fmt.Fprintf(env.Stderr, "%s: %d units not from a Communiqué handoff were ignored\n", path, len(f.Ignored))
	}
	return c, nil
}

// prefillFromMemory fills a newly imported statement's messages from the
// translation memory built before the import, and says so.
func prefillFromMemory(env *Env, w *workspace.Workspace, mem *memory.Memory, st *statement.Statement) {
	filled := w.PrefillFromMemory(st, mem)
	for _, f := range filled {
		fmt.Fprintf(env.Stdout, "%s %s: pre-filled from translation memory (%s), needs review\n", f.Lang, f.ID, f.Origin)
	}
}
