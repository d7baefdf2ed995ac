package sign

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"hash"

	"github.com/digitorus/pdf"
)

// A signature covers the file as it was when signed; anything after its
// byte range is a later revision. Later revisions are harmless only if they
// leave what the signer saw untouched, which is decided here by comparing a
// fingerprint of the document's content in the signed revision with the same
// fingerprint of the final file.

type pdfRevision struct {
	r   *pdf.Reader
	err error
	fp  map[fpKey]fpResult
}

// fpKey names one fingerprint of a revision: strict or not, and which
// signature it is compared for (its end offset; 0 for the signed revision
// itself), since the widgets of signatures added after that one are left out.
type fpKey struct {
	strict bool
	after  int64
}

type fpResult struct {
	sum [sha256.Size]byte
	err error
}

func (v *verifier) revision(end int64) *pdfRevision {
	if rev, ok := v.revisions[end]; ok {
		return rev
	}
	rev := &pdfRevision{fp: map[fpKey]fpResult{}}
	if end == int64(len(v.data)) {
		rev.r, rev.err = v.final, v.finalErr
	} else {
		rev.r, rev.err = openPDF(v.data[:end])
	}
	v.revisions[end] = rev
	return rev
}

func (rev *pdfRevision) fingerprint(strict bool, after int64, newSigs map[ref]bool) ([sha256.Size]byte, error) {
	if rev.err != nil {
		return [sha256.Size]byte{}, rev.err
	}
	key := fpKey{strict, after}
	res, ok := rev.fp[key]
	if !ok {
		res.sum, res.err = fingerprint(rev.r, strict, newSigs)
		rev.fp[key] = res
	}
	return res.sum, res.err
}

// sigsAfter returns the signature dictionaries of the signatures added after
// the revision ending at end: their widgets are what a later signer may add.
func (v *verifier) sigsAfter(end int64) map[ref]bool {
	refs := map[ref]bool{}
	for _, o := range v.sigs {
		if o.end() > end && !o.dict.IsNull() {
			refs[refOf(o.dict)] = true
		}
	}
	return refs
}

// coverage explains how much of the file signature s covers. partial is ""
// when it covers the whole file; problem is "" unless what follows the
// signed bytes changes the document or was not allowed.
func (v *verifier) coverage(s *foundSig, meta sigMeta) (partial, problem string) {
	end := s.end()
	tail := v.data[end:]
	if len(bytes.TrimLeft(tail, "\x00\t\n\f\r ")) == 0 {
		return "", ""
	}
	partial = "the signature covers an earlier revision of the file"
	if !bytes.HasSuffix(bytes.TrimRight(v.data[:end], "\x00\t\n\f\r "), []byte("%%EOF")) {
		return partial, "the signed bytes do not end at the end of a PDF revision"
	}
	appended := fmt.Sprintf("%d bytes were appended after the signed document", len(tail))
	if !bytes.HasSuffix(bytes.TrimRight(v.data, "\x00\t\n\f\r "), []byte("%%EOF")) || v.finalErr != nil {
		return partial, appended + " and they are not a valid PDF update"
	}
	if bytes.Contains(tail, []byte("/XRefStm")) {
		// A hybrid cross-reference: readers such as poppler follow the
		// stream it names, the library this check reads with does not, so
		// objects it redefines would go unseen.
		return partial, appended + " with a hybrid cross-reference (/XRefStm) that cannot be checked"
	}
	if v.final.XrefInformation.StartPos < end {
		return partial, appended + " without a cross-reference section of their own"
	}
	signedRev := v.revision(end)
	if signedRev.err != nil {
		return partial, appended + "; the signed revision cannot be read to compare it with the current one"
	}
	if s.inForm {
		// The dictionary shown (reason, location, time) must be the one
		// that was signed, not a copy substituted in a later revision.
		var before sigMeta
		err := guard("reading signed revision", func() error {
			p := s.dict.GetPtr()
			d := signedRev.r.Resolve(p, p)
			if d.Kind() != pdf.Dict {
				return errors.New("missing")
			}
			var err error
			before, err = readMeta(d)
			return err
		})
		if err != nil || !before.sameClaims(meta) {
			return partial, "the signature dictionary was replaced after signing"
		}
	}
	strict := meta.permission == 1
	laterSigs := 0
	for _, o := range v.sigs {
		if o.end() <= end {
			continue
		}
		laterSigs++
		if strict {
			om, err := readMeta(o.dict)
			if !o.inForm || err != nil || om.sigType != "DocTimeStamp" {
				return partial, "the document was certified with no changes allowed, but a later revision adds another signature"
			}
		}
	}
	if strict && laterSigs == 0 {
		// P=1 allows later revisions only for validation data (DSS) and
		// document timestamps; a revision adding neither is a change.
		hasDSS := false
		_ = guard("reading catalog", func() error {
			hasDSS = !v.final.Trailer().Key("Root").Key("DSS").IsNull()
			return nil
		})
		if !hasDSS {
			return partial, "the document was certified with no changes allowed, but the file was updated after signing"
		}
	}
	before, err1 := signedRev.fingerprint(strict, 0, nil)
	after, err2 := v.revision(int64(len(v.data))).fingerprint(strict, end, v.sigsAfter(end))
	if err1 != nil || err2 != nil {
		return partial, appended + "; the revisions cannot be compared"
	}
	if before != after {
		if strict {
			return partial, "the document was certified with no changes allowed, but a later revision changes it"
		}
		return partial, "a later revision changes the document's pages or content after this signature"
	}
	if laterSigs == 0 {
		return partial + "; later revisions leave the document's content unchanged", ""
	}
	return partial + fmt.Sprintf("; %d later signature(s) were added without changing the document's content", laterSigs), ""
}

// Catalog entries a signing tool legitimately rewrites when it adds a
// signature; the rest of the catalog, the page tree and everything they
// reference is the document content.
var signingCatalogKeys = []string{"AcroForm", "DSS", "Perms", "Version", "Extensions"}

const (
	maxFingerprintObjects = 1_000_000
	maxFingerprintDepth   = 20_000
)

type fingerprinter struct {
	h    hash.Hash
	seen map[ref]bool
	// newSigs are signature dictionaries added after the signature being
	// checked; their widgets belong to those later signers.
	newSigs map[ref]bool
}

// fingerprint hashes the content of the document r describes: catalog (minus
// signing bookkeeping), page tree, page contents and resources, annotations
// other than signature widgets, and everything they reference. strict adds the
// Info dictionary and XMP metadata, which a no-changes certification covers
// too.
func fingerprint(r *pdf.Reader, strict bool, newSigs map[ref]bool) (sum [sha256.Size]byte, err error) {
	err = guard("comparing revisions", func() error {
		fp := &fingerprinter{h: sha256.New(), seen: map[ref]bool{}, newSigs: newSigs}
		trailer := r.Trailer()
		root := trailer.Key("Root")
		if root.Kind() != pdf.Dict {
			return errors.New("no document catalog")
		}
		skip := signingCatalogKeys
		if !strict {
			skip = append(append([]string(nil), skip...), "Metadata")
		}
		fp.seen[refOf(root)] = true
		if err := fp.direct(root, refOf(root), 0, skip); err != nil {
			return err
		}
		if strict {
			fp.h.Write([]byte("|info|"))
			if err := fp.value(trailer.Key("Info"), refOf(trailer), 0); err != nil {
				return err
			}
		}
		copy(sum[:], fp.h.Sum(nil))
		return nil
	})
	return sum, err
}

func (fp *fingerprinter) value(v pdf.Value, parent ref, depth int) error {
	if v.IsNull() {
		fp.h.Write([]byte("n;"))
		return nil
	}
	if isIndirect(v, parent) {
		r := refOf(v)
		fmt.Fprintf(fp.h, "R%d.%d;", r.id, r.gen)
		if fp.seen[r] {
			return nil
		}
		if len(fp.seen) > maxFingerprintObjects {
			return errors.New("too many objects to compare")
		}
		fp.seen[r] = true
		return fp.direct(v, r, depth+1, nil)
	}
	return fp.direct(v, parent, depth+1, nil)
}

func (fp *fingerprinter) direct(v pdf.Value, self ref, depth int, skip []string) error {
	if depth > maxFingerprintDepth {
		return errors.New("objects nested too deeply to compare")
	}
	switch v.Kind() {
	case pdf.Bool, pdf.Integer, pdf.Real, pdf.Name:
		fmt.Fprintf(fp.h, "%d:%s;", v.Kind(), v.String())
	case pdf.String:
		s := v.RawString()
		fmt.Fprintf(fp.h, "s%d:", len(s))
		fp.h.Write([]byte(s))
	case pdf.Array:
		fp.h.Write([]byte("["))
		for i := 0; i < v.Len(); i++ {
			if err := fp.value(v.Index(i), self, depth); err != nil {
				return err
			}
		}
		fp.h.Write([]byte("]"))
	case pdf.Dict, pdf.Stream:
		isPage := v.Key("Type").Name() == "Page"
		fp.h.Write([]byte("<<"))
		for _, k := range v.Keys() {
			if contains(skip, k) {
				continue
			}
			if isPage && k == "Annots" {
				// Written after the other keys, and only if non-empty: a
				// page that gained its first annotation, a signature
				// widget, is unchanged.
				continue
			}
			fmt.Fprintf(fp.h, "%s ", pdfName(k))
			if err := fp.value(v.Key(k), self, depth); err != nil {
				return err
			}
		}
		if isPage {
			if err := fp.annots(v.Key("Annots"), self, depth); err != nil {
				return err
			}
		}
		fp.h.Write([]byte(">>"))
		if v.Kind() == pdf.Stream {
			if data, err := streamBytes(v); err == nil {
				fmt.Fprintf(fp.h, "S%d:", len(data))
				fp.h.Write(data)
			} else {
				// Filters the reader cannot decode (images): the stream's
				// header and file position still change if it is replaced.
				fmt.Fprintf(fp.h, "U%s;", v.String())
			}
		}
	default:
		fp.h.Write([]byte("?;"))
	}
	return nil
}

// annots fingerprints a page's annotations except signature widgets, which
// later signatures add by design; it writes nothing when no other remain.
func (fp *fingerprinter) annots(a pdf.Value, parent ref, depth int) error {
	self := parent
	if isIndirect(a, parent) {
		self = refOf(a)
	}
	var kept []pdf.Value
	for i := 0; i < a.Len(); i++ {
		e := a.Index(i)
		// A later signature legitimately adds its own field: skipped when
		// invisible (zero-area /Rect: nothing can be painted) or when its
		// value is one of the later signatures, whose signer answers for
		// its appearance. Any other signature widget, the checked
		// signature's own included, is content like any annotation: its
		// rectangle and appearance can paint over the page.
		if e.Key("Subtype").Name() == "Widget" && (e.Key("FT").Name() == "Sig" || e.Key("Parent").Key("FT").Name() == "Sig") {
			val := e.Key("V")
			if val.IsNull() {
				val = e.Key("Parent").Key("V")
			}
			if zeroArea(e.Key("Rect")) || !val.IsNull() && fp.newSigs[refOf(val)] {
				continue
			}
		}
		kept = append(kept, e)
	}
	if len(kept) == 0 {
		return nil
	}
	fp.h.Write([]byte("/Annots ["))
	for _, e := range kept {
		if err := fp.value(e, self, depth); err != nil {
			return err
		}
	}
	fp.h.Write([]byte("]"))
	return nil
}

// zeroArea reports whether an annotation rectangle covers no area (or is
// missing), so the annotation cannot show anything.
func zeroArea(r pdf.Value) bool {
	if r.Kind() != pdf.Array || r.Len() != 4 {
		return true
	}
	return r.Index(0).Float64() == r.Index(2).Float64() || r.Index(1).Float64() == r.Index(3).Float64()
}
