// Package export is the publishing pipeline the command line and the desktop
// app share: workspace statement → pdf.Document per language → PDF bytes →
// signature (optional) → files on disk, with a manifest of what was written
// and each file's verification result.
package export

import (
	"cmp"
	"context"
	"crypto/sha256"
	"crypto/x509"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"communique/app/locale"
	"communique/app/pdf"
	"communique/app/safefile"
	"communique/app/sign"
	"communique/app/statement"
	"communique/app/typeset"
	"communique/app/workspace"
	"communique/i18n/catalog"
	"communique/internal/parallel"
)

// ManifestFile is the name of the manifest written next to the PDFs.
const ManifestFile = "manifest.json"

// Preview maps a statement in one language to what the PDF engine
// typesets, showing the source text where a part is not translated yet;
// fallback lists the parts without text in lang. The app's live preview uses it so that a
// translator sees the whole page while working.
func Preview(w *workspace.Workspace, st *statement.Statement, lang string) (doc pdf.Document, fallback []string, err error) {
	doc = pdf.Document{Lang: lang, Date: st.Date, Font: w.Config.Fonts[lang]}
	if w.Config.Logo != "" {
		p := w.Config.Logo
		if !filepath.IsAbs(p) {
			p = filepath.Join(w.Dir, p)
		}
		if doc.Logo, err = os.ReadFile(p); err != nil {
			return doc, nil, fmt.Errorf("letterhead logo: %w", err)
		}
	}
	for _, p := range w.Parts(st) {
		text, partLang := w.Text(lang, p.ID), ""
		if strings.TrimSpace(text) == "" {
			fallback = append(fallback, p.ID)
			if lang != w.Config.SourceLanguage {
				// Shown in the source language, and laid out and tagged
				// as such: an English paragraph on an Arabic page runs
				// left to right.
				text, partLang = w.Text(w.Config.SourceLanguage, p.ID), w.Config.SourceLanguage
			}
		}
		switch p.Kind {
		case statement.Title:
			doc.Title = pdf.Part{ID: p.ID, Text: text, Lang: partLang}
		case statement.Organisation:
			doc.Organisation, doc.OrganisationID = text, p.ID
		case statement.IssuingBody:
			doc.IssuingBody, doc.IssuingBodyID = text, p.ID
		case statement.Place:
			doc.Place, doc.PlaceID, doc.PlaceLang = text, p.ID, partLang
			if placeLeftInSource(w, p.ID, lang, text) {
				doc.PlaceLang = w.Config.SourceLanguage
			}
		default:
			doc.Paragraphs = append(doc.Paragraphs, pdf.Part{ID: p.ID, Text: text, Lang: partLang})
		}
	}
	return doc, fallback, nil
}

// placeLeftInSource reports a place name the translation keeps as the
// source has it, in a script of the other direction ("Washington, D.C." in
// an Arabic statement): it is in the source language, and the PDF tags it
// so (pdf.Document.PlaceLang). A name written alike in two languages of
// one direction ("Paris") is left to the statement's language.
func placeLeftInSource(w *workspace.Workspace, id, lang, text string) bool {
	src := w.Config.SourceLanguage
	if lang == src || strings.TrimSpace(text) == "" || text != w.Text(src, id) {
		return false
	}
	dir, own := typeset.DirectionOfText(text), typeset.DirectionOf(lang)
	return dir != typeset.Auto && own != typeset.Auto && dir != own
}

// IncompleteError is a language that lacks parts of a statement.
type IncompleteError struct {
	Lang, Statement string
	Missing         []string
}

func (e *IncompleteError) Error() string {
	return fmt.Sprintf("%s: statement %s is not fully translated: %d missing (%s)", e.Lang, e.Statement,
		len(e.Missing), strings.Join(e.Missing, ", "))
}

// Readiness says whether a language can be published and what to warn about.
type Readiness struct {
	Lang    string
	Missing int
	// NeedsReview counts translations to review: Stale ones, made from an
	// older source text, and IncompletePlurals, current but lacking a
	// plural form the language needs.
	NeedsReview              int
	Stale, IncompletePlurals int
	QAProblems               int
}

// Complete means every part is translated from the current source text.
func (r Readiness) Complete() bool { return r.Missing == 0 && r.NeedsReview == 0 }

// Ready reports, per workspace language, whether the parts of st are
// translated, current, and free of QA problems.
func Ready(w *workspace.Workspace, st *statement.Statement) []Readiness {
	ids := map[string]bool{}
	for _, p := range w.Parts(st) {
		ids[p.ID] = true
	}
	var out []Readiness
	for _, lang := range w.Languages() {
		r := Readiness{Lang: lang}
		rep, ok := w.Status(lang)
		if !ok {
			r.Missing = len(ids)
			out = append(out, r)
			continue
		}
		for _, e := range rep.Entries {
			if !ids[e.ID] {
				continue
			}
			switch e.State {
			case catalog.Missing:
				r.Missing++
			case catalog.NeedsReview:
				r.NeedsReview++
				if len(e.LacksForms) > 0 {
					r.IncompletePlurals++
				} else {
					r.Stale++
				}
			}
			r.QAProblems += len(e.Problems)
		}
		out = append(out, r)
	}
	return out
}

// Options say what to export and how.
type Options struct {
	Statements []string // statement IDs; empty: every statement
	Langs      []string // languages; empty: every complete language
	OutDir     string
	// Identity signs every PDF when set, with a visible block naming the
	// signer in each document's own language and script.
	Identity *sign.Identity
	Role     string // the signer's role, shown in the signature block
	TSAURL   string
	Approval bool // approval instead of certification signature
	// Roots are the certificates trusted when each signed file is verified
	// after writing; nil uses the system pool.
	Roots *x509.CertPool
	// Now is the signing time source (tests fix it); nil is time.Now.
	// Files are made side by side, so it is called from several
	// goroutines at once.
	Now func() time.Time
	// Progress, when set, is called after each step of each file, from
	// the goroutines making the files but never two at a time.
	Progress func(Progress)
	// LockWait is how long the export waits for another export writing
	// into OutDir to finish; zero waits up to five seconds.
	LockWait time.Duration
	// Batch serves a run over many languages: a language that cannot be
	// published (untranslated parts, characters no font can draw, a stale
	// translation under Strict, a typesetting error) is left out and
	// reported in Plan.Skipped and the manifest, with every reason, while
	// the others are written. Without it any such language stops the
	// export before anything is written, with every reason of every
	// language in the error.
	Batch bool
	// Strict refuses translations made from an older source text
	// (needs review); without it they are published and the caller warns.
	Strict bool
	// Generator names the program and its version in the manifest; empty
	// is "Communiqué".
	Generator string
}

// Progress reports one step of an export.
type Progress struct {
	Statement, Lang string
	// "typeset", "sign", "verify", "made" (the file is ready in memory;
	// Done counts it), "skipped" (Batch: the file failed), "written".
	Step        string
	Done, Total int // files finished, files in all
	Pages       int // pages of the file, with "made"
}

// File is one written PDF.
type File struct {
	Statement string `json:"statement"`
	Lang      string `json:"lang"`
	Name      string `json:"file"`
	SHA256    string `json:"sha256"`
	Size      int    `json:"size"`
	Pages     int    `json:"pages"`
	Signed    bool   `json:"signed"`
	// Verification is the check of the file as written; nil when unsigned.
	Verification *sign.Report `json:"-"`
}

// Signer is the identity a manifest records.
type Signer struct {
	Subject     string `json:"subject"`
	Issuer      string `json:"issuer"`
	Fingerprint string `json:"sha256_fingerprint"`
}

// Manifest lists what one export wrote.
type Manifest struct {
	Generator  string    `json:"generator"`
	Time       time.Time `json:"time"`
	Statements []string  `json:"statements"`
	Languages  []string  `json:"languages"`
	Signer     *Signer   `json:"signer,omitempty"`
	TSA        string    `json:"tsa,omitempty"`
	Files      []File    `json:"files"`
	// Skipped are the languages a Batch export left out, and why.
	Skipped []Skipped `json:"skipped,omitempty"`
}

// Skipped is a file a Batch export did not write.
type Skipped struct {
	Statement string   `json:"statement"`
	Lang      string   `json:"lang"`
	Reasons   []string `json:"reasons"`
	// Errs are the reasons as errors (*IncompleteError, *StaleError,
	// *GlyphError, or what typesetting returned).
	Errs []error `json:"-"`
}

func newSkipped(st, lang string, errs []error) Skipped {
	s := Skipped{Statement: st, Lang: lang, Errs: errs}
	for _, err := range errs {
		s.Reasons = append(s.Reasons, err.Error())
	}
	return s
}

// defaultGenerator names the program in manifests when Options.Generator
// is empty.
const defaultGenerator = "Communiqué"

// Plan is an export ready to run: the documents are taken from the
// workspace when it is prepared, so running it touches no workspace state
// and can happen on another goroutine while the user goes on editing.
type Plan struct {
	// Options as given to Prepare. Identity may still be set (or changed)
	// before Run, e.g. after a slow PKCS#12 decryption off the UI thread.
	Options
	jobs       []job
	statements []string
	languages  []string
	// Readiness of every workspace language, per chosen statement, for
	// warnings about what is left out or goes out stale.
	Readiness map[string][]Readiness
	// Skipped are the files a Batch export leaves out, with every reason;
	// Run adds those whose typesetting fails.
	Skipped []Skipped
}

type job struct {
	st  statement.Statement // a copy: the workspace may change meanwhile
	doc pdf.Document
}

// Prepare checks what to export and takes the documents from the
// workspace. Without Batch, a language that cannot be exported stops it
// before anything is written, so a folder never holds half an export; the
// error names every reason of every language. With Batch such a language
// goes to Skipped instead.
func Prepare(w *workspace.Workspace, opt Options) (*Plan, error) {
	stmts, err := chooseStatements(w, opt.Statements)
	if err != nil {
		return nil, err
	}
	p := &Plan{Options: opt, Readiness: map[string][]Readiness{}}
	langSet := map[string]bool{}
	var refused []error
	for _, st := range stmts {
		p.Readiness[st.ID] = Ready(w, st)
		langs, err := chooseLanguages(w, p.Readiness[st.ID], opt.Langs)
		if err != nil {
			return nil, err
		}
		for _, lang := range langs {
			doc, errs, err := problems(w, st, readinessOf(p.Readiness[st.ID], lang), opt.Strict)
			if err != nil {
				return nil, err
			}
			switch {
			case len(errs) > 0 && opt.Batch:
				p.Skipped = append(p.Skipped, newSkipped(st.ID, lang, errs))
			case len(errs) > 0:
				refused = append(refused, errs...)
			default:
				p.jobs = append(p.jobs, job{*st, doc})
				langSet[lang] = true
			}
		}
		p.statements = append(p.statements, st.ID)
	}
	if len(refused) > 0 {
		return nil, errors.Join(refused...)
	}
	for _, l := range w.Languages() {
		if langSet[l] {
			p.languages = append(p.languages, l)
		}
	}
	return p, nil
}

func readinessOf(rs []Readiness, lang string) Readiness {
	for _, r := range rs {
		if r.Lang == lang {
			return r
		}
	}
	return Readiness{Lang: lang}
}

// Run typesets, signs and verifies every file in memory, then writes the
// files and the manifest. Nothing is replaced unless every file was made
// and written to disk beside its target. Each file is replaced atomically,
// the manifest last; if a file cannot be put in place after all (a target
// that is a directory, a PDF held open on Windows), the old manifest is
// gone rather than left describing files that changed. With Batch, a file
// whose typesetting fails is skipped and the others are still written.
func (p *Plan) Run(ctx context.Context) (*Manifest, error) {
	opt := p.Options
	now := time.Now
	if opt.Now != nil {
		now = opt.Now
	}
	m := &Manifest{Generator: cmp.Or(opt.Generator, defaultGenerator), Time: now().UTC().Truncate(time.Second), TSA: opt.TSAURL,
		Statements: p.statements, Languages: p.languages}
	if opt.Identity != nil {
		if err := opt.Identity.Check(now()); err != nil {
			return nil, err
		}
		info := opt.Identity.Info()
		m.Signer = &Signer{Subject: info.Subject, Issuer: info.Issuer, Fingerprint: info.SHA256}
	}
	rep := &reporter{fn: opt.Progress, total: len(p.jobs)}
	results, err := p.makeAll(ctx, now, rep)
	if err != nil {
		return nil, err
	}
	m.Skipped = slices.Clone(p.Skipped)
	var outputs [][]byte
	for i, r := range results {
		if r.skipped != nil {
			m.Skipped = append(m.Skipped, newSkipped(p.jobs[i].st.ID, p.jobs[i].doc.Lang, []error{r.skipped}))
			continue
		}
		m.Files = append(m.Files, r.file)
		outputs = append(outputs, r.data)
	}
	if len(m.Skipped) > len(p.Skipped) {
		m.Languages = writtenLanguages(p.languages, m.Files)
	}
	// A batch that made nothing leaves the folder as it was: an empty
	// manifest would disown the files of the last export still there.
	if p.Batch && len(m.Files) == 0 {
		return m, nil
	}
	if err := p.write(m, outputs); err != nil {
		return nil, err
	}
	for i, f := range m.Files {
		rep.report(Progress{Statement: f.Statement, Lang: f.Lang, Step: "written", Done: i + 1})
	}
	return m, nil
}

// writtenLanguages keeps the languages of which a file was made, in
// workspace order.
func writtenLanguages(langs []string, files []File) []string {
	var out []string
	for _, l := range langs {
		if slices.ContainsFunc(files, func(f File) bool { return f.Lang == l }) {
			out = append(out, l)
		}
	}
	return out
}

// reporter calls Options.Progress from one goroutine at a time and counts
// the files made.
type reporter struct {
	mu    sync.Mutex
	fn    func(Progress)
	total int
	made  int
}

func (r *reporter) report(pr Progress) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if pr.Step == "made" || pr.Step == "skipped" {
		r.made++
	}
	if r.fn == nil {
		return
	}
	pr.Total = r.total
	if pr.Step != "written" {
		pr.Done = r.made
	}
	r.fn(pr)
}

// result is one job's outcome: a file, or with Batch the reason it was
// skipped.
type result struct {
	file    File
	data    []byte
	skipped error
}

// makeAll makes every file. Files are independent and each is
// deterministic, so they are made on every CPU at once; the results do not
// depend on the order. Without Batch the first failure in job order is
// returned, whatever the timing.
func (p *Plan) makeAll(ctx context.Context, now func() time.Time, rep *reporter) ([]result, error) {
	results := make([]result, len(p.jobs))
	err := parallel.Until(ctx, len(p.jobs), func(ctx context.Context, i int) (err error) {
		results[i], err = p.makeOne(ctx, p.jobs[i], now(), rep)
		return err
	})
	if err != nil {
		return nil, err
	}
	return results, nil
}

// makeOne makes one file and reports it. With Batch a document that
// cannot be typeset is a skipped result, not an error: it concerns that
// language only. Signing failures (a wrong identity, an unreachable
// timestamp server) concern every file and still stop the export.
func (p *Plan) makeOne(ctx context.Context, j job, signAt time.Time, rep *reporter) (result, error) {
	at := func(step string) Progress { return Progress{Statement: j.st.ID, Lang: j.doc.Lang, Step: step} }
	rep.report(at("typeset"))
	f, data, err := p.make(ctx, j, signAt, func(step string) { rep.report(at(step)) })
	var te *typesetError
	if err != nil && p.Batch && errors.As(err, &te) {
		rep.report(at("skipped"))
		return result{skipped: te.err}, nil
	}
	if err != nil {
		return result{}, err
	}
	pr := at("made")
	pr.Pages = f.Pages
	rep.report(pr)
	return result{file: f, data: data}, nil
}

// typesetError is a document the PDF engine refused.
type typesetError struct{ err error }

func (e *typesetError) Error() string { return e.err.Error() }
func (e *typesetError) Unwrap() error { return e.err }

// write puts the files and the manifest in place under the output
// folder's lock.
func (p *Plan) write(m *Manifest, outputs [][]byte) error {
	opt := p.Options
	if err := os.MkdirAll(opt.OutDir, 0o755); err != nil {
		return err
	}
	data, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return err
	}
	// The manifest goes last: it is renamed into place after every PDF it
	// describes.
	writes := make([]safefile.File, 0, len(m.Files)+1)
	for i, f := range m.Files {
		writes = append(writes, safefile.File{Path: filepath.Join(opt.OutDir, f.Name), Data: outputs[i], Perm: 0o644})
	}
	writes = append(writes, safefile.File{Path: filepath.Join(opt.OutDir, ManifestFile), Data: append(data, '\n'), Perm: 0o644,
		RemoveFirst: true})
	// Two exports into one folder would interleave their renames, leaving
	// a manifest that describes the other export's PDF: the folder's lock
	// makes each export's set of files replace the other's as a whole.
	wait := opt.LockWait
	if wait == 0 {
		wait = 5 * time.Second
	}
	lock, err := safefile.LockDir(opt.OutDir, true, wait)
	if err != nil {
		return err
	}
	defer lock.Unlock()
	return safefile.WriteAll(writes)
}

// make typesets one document and, with an identity, signs it and verifies
// the result.
func (p *Plan) make(ctx context.Context, j job, signAt time.Time, step func(string)) (File, []byte, error) {
	opt := p.Options
	if opt.Identity != nil {
		j.doc.Signature = &pdf.SignatureBlock{Signer: opt.Identity.Info().CommonName, Role: opt.Role, Date: signAt}
	}
	res, err := pdf.Export(j.doc)
	if err != nil {
		return File{}, nil, &typesetError{fmt.Errorf("%s %s: %w", j.st.ID, j.doc.Lang, err)}
	}
	data := res.PDF
	f := File{Statement: j.st.ID, Lang: j.doc.Lang, Name: j.st.ID + "." + j.doc.Lang + ".pdf", Pages: res.Pages}
	if opt.Identity != nil {
		step("sign")
		so := sign.Options{Reason: signReason(&j.st, &j.doc), Location: j.doc.Place, Time: signAt,
			Approval: opt.Approval, TSAURL: opt.TSAURL}
		if r := res.SignatureRect; r != nil {
			so.Widget = &sign.Rect{Page: r.Page, X0: r.X0, Y0: r.Y0, X1: r.X1, Y1: r.Y1}
		}
		if data, err = sign.Sign(ctx, data, opt.Identity, so); err != nil {
			return File{}, nil, fmt.Errorf("%s %s: signing: %w", j.st.ID, j.doc.Lang, err)
		}
		f.Signed = true
		step("verify")
		// The signer's own certificate is pinned: this checks what was
		// written, not whether a reader will trust the signer.
		vo := sign.VerifyOptions{Roots: opt.Roots, Pinned: []*x509.Certificate{opt.Identity.Certificate}}
		if f.Verification, err = sign.VerifyWith(data, vo); err != nil {
			return File{}, nil, fmt.Errorf("%s %s: verifying what was signed: %w", j.st.ID, j.doc.Lang, err)
		}
	}
	sum := sha256.Sum256(data)
	f.SHA256 = hex.EncodeToString(sum[:])
	f.Size = len(data)
	return f, data, nil
}

// signReason is the signature's reason in the document's language, naming
// the issuing body as the document writes it (English for a language
// package locale has no sentence for).
func signReason(st *statement.Statement, doc *pdf.Document) string {
	return locale.SignReason(doc.Lang, doc.IssuingBody, st.ID)
}

func chooseStatements(w *workspace.Workspace, ids []string) ([]*statement.Statement, error) {
	if len(ids) == 0 {
		if len(w.Statements) == 0 {
			return nil, errors.New("the workspace has no statements: import one first")
		}
		return w.Statements, nil
	}
	var out []*statement.Statement
	for _, id := range ids {
		st := w.Statement(id)
		if st == nil {
			return nil, fmt.Errorf("no statement %q in %s", id, w.Dir)
		}
		out = append(out, st)
	}
	return out, nil
}

// chooseLanguages resolves the requested languages for st. With none
// requested, it takes the complete ones; a requested language must at least
// have every part (a stale translation is allowed: the caller warns).
func chooseLanguages(w *workspace.Workspace, ready []Readiness, req []string) ([]string, error) {
	if len(req) == 0 {
		var out []string
		for _, r := range ready {
			if r.Complete() {
				out = append(out, r.Lang)
			}
		}
		return out, nil
	}
	if len(req) == 1 && req[0] == "all" {
		req = w.Languages()
	}
	for _, l := range req {
		if !slices.Contains(w.Languages(), l) {
			return nil, fmt.Errorf("%s is not a language of this workspace (%s)", l, strings.Join(w.Languages(), ", "))
		}
	}
	return req, nil
}
