package sign

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"sync"

	"communique/app/pdfread"
	"communique/app/sign/pdfobj"
)

// target is everything Sign needs from the input, serialized up front so
// that laying out the update never reads the input's structure again.
type target struct {
	in         []byte
	xrefStream bool
	prevXref   int64
	nextID     int
	root       pdfread.Ref
	page       pdfread.Ref
	rect       [4]float64
	visible    bool

	catalogEntries []byte // catalog minus what the update rewrites
	setVersion     bool   // raise the catalog /Version to 1.7
	permsEntries   []byte // existing Perms minus DocMDP
	acroEntries    []byte // existing AcroForm minus Fields, SigFlags
	fields         []byte // existing Fields array items
	pageEntries    []byte // target page minus Annots
	annots         []byte // existing Annots array items
	fieldName      string
	trailerInfo    string // "/Info 3 0 R" or ""
	trailerID      string // "/ID [<..> <..>]"
}

// maxObjects bounds the object numbers an update may allocate (ISO
// 32000-1 Annex C: 8,388,607 indirect objects).
const maxObjects = 8_000_000

// Compiled on first use: commands that neither sign nor verify skip it.
var encryptRef = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`/Encrypt\s+\d+\s+\d+\s+R`) })

// inspect reads the input in the phases an incremental update (ISO
// 32000-1 §7.5.6) needs: locate its last revision, read that revision's
// trailer, check the permissions earlier signatures left, and gather the
// page, catalog and form the update rewrites.
func inspect(in []byte, opt Options) (*target, error) {
	f, err := locate(in)
	if err != nil {
		return nil, err
	}
	k := len(f.Revisions) - 1
	t := &target{in: in}
	root, err := t.readTrailer(f, k)
	if err != nil {
		return nil, err
	}
	fields, err := pdfobj.FormFields(f, k)
	if err != nil {
		return nil, fmt.Errorf("unreadable PDF: the form: %w", err)
	}
	if err := checkPermissions(f, k, root, fields, opt); err != nil {
		return nil, err
	}
	t.fieldName = freeFieldName(fields)
	if err := t.gatherPage(f, k, root, opt.Widget); err != nil {
		return nil, err
	}
	return t, t.gatherCatalog(f, k, root, opt.Approval)
}

// locate parses the input with the strict reader the verifier uses: a file
// readers would have to repair is refused rather than signed, since a
// signature over it would vouch for whichever repair a reader chose.
func locate(in []byte) (*pdfread.File, error) {
	if !bytes.HasPrefix(in, []byte("%PDF-")) {
		return nil, ErrNotPDF
	}
	f, err := pdfread.Open(in, pdfread.LimitsFor(len(in)))
	if err == nil {
		err = pdfobj.CheckLinearization(f)
	}
	switch {
	case errors.Is(err, pdfread.ErrEncrypted):
		return nil, fmt.Errorf("%w: %w", ErrEncrypted, err)
	case err != nil && encryptRef().Match(in):
		// An encrypted file may fail earlier than its trailer is read
		// (its object streams are ciphertext); the reference to an
		// encryption dictionary is the tell.
		return nil, fmt.Errorf("%w: %w", ErrEncrypted, err)
	case err != nil:
		return nil, fmt.Errorf("unreadable PDF: %w", err)
	}
	return f, nil
}

// readTrailer reads the last revision's trailer: where its cross-reference
// is and of which kind, how many objects there are, the catalog, Info and
// the file identifier. It returns the catalog.
func (t *target) readTrailer(f *pdfread.File, k int) (pdfread.Dict, error) {
	rev := f.Revisions[k]
	t.xrefStream = rev.XrefStream
	t.prevXref = rev.XrefOffset
	size, _ := rev.Trailer["Size"].(int64)
	if size <= 0 || size > maxObjects {
		return nil, fmt.Errorf("unreadable PDF: implausible object count %d in the trailer", size)
	}
	t.nextID = int(size)
	rootRef, ok := rev.Trailer["Root"].(pdfread.Ref)
	root, _ := pdfobj.Dict(f, k, rootRef)
	if !ok || root == nil {
		return nil, errors.New("unreadable PDF: it has no document catalog")
	}
	t.root = rootRef
	if info, ok := rev.Trailer["Info"].(pdfread.Ref); ok {
		t.trailerInfo = "/Info " + info.String()
	}
	if a, b, ok := fileID(f, k); ok {
		t.trailerID = fmt.Sprintf("/ID [%s %s]", pdfobj.HexString([]byte(a)), pdfobj.HexString([]byte(b)))
	} else {
		// An update may add the file identifier a writer left out; derive
		// it from the original bytes so the same input gives the same
		// output.
		sum := sha256.Sum256(t.in)
		t.trailerID = fmt.Sprintf("/ID [%s %s]", pdfobj.HexString(sum[:16]), pdfobj.HexString(sum[:16]))
	}
	return root, nil
}

// fileID returns the two strings of the trailer's /ID.
func fileID(f *pdfread.File, k int) (a, b pdfread.String, ok bool) {
	id := pdfobj.Array(f, k, f.Revisions[k].Trailer["ID"])
	if len(id) != 2 {
		return "", "", false
	}
	a, ok1 := id[0].(pdfread.String)
	b, ok2 := id[1].(pdfread.String)
	return a, b, ok1 && ok2
}

// checkPermissions refuses what earlier signatures forbid: any change
// after a no-changes certification, and a certification after any
// signature (it must be the document's first).
func checkPermissions(f *pdfread.File, k int, root pdfread.Dict, fields []pdfobj.Field, opt Options) error {
	perms, _ := pdfobj.Dict(f, k, root["Perms"])
	if mdp, _ := pdfobj.Dict(f, k, perms["DocMDP"]); mdp != nil {
		if pdfobj.DocMDP(f, k, mdp) == 1 {
			return ErrCertified
		}
		if !opt.Approval {
			return ErrAlreadySigned
		}
	}
	if opt.Approval {
		return nil
	}
	for _, fl := range fields {
		if v, _ := pdfobj.Dict(f, k, fl.Dict["V"]); fl.FT == "Sig" && v != nil {
			return ErrAlreadySigned
		}
	}
	return nil
}

// freeFieldName is the first of Signature1, Signature2, … no field has.
func freeFieldName(fields []pdfobj.Field) string {
	names := map[string]bool{}
	for _, fl := range fields {
		names[fl.Name] = true
	}
	for n := 1; ; n++ {
		if name := signatureFieldTag + strconv.Itoa(n); !names[name] {
			return name
		}
	}
}

// gatherPage finds the page the signature field goes on and keeps its
// entries and annotations for the rewritten page.
func (t *target) gatherPage(f *pdfread.File, k int, root pdfread.Dict, w *Rect) error {
	pages, err := pdfobj.Pages(f, k, root["Pages"])
	if err != nil {
		return fmt.Errorf("unreadable PDF: %w", err)
	}
	pageNo := 1
	if w != nil {
		pageNo = w.Page
		x0, x1 := min(w.X0, w.X1), max(w.X0, w.X1)
		y0, y1 := min(w.Y0, w.Y1), max(w.Y0, w.Y1)
		if x1-x0 < 1 || y1-y0 < 1 {
			return fmt.Errorf("signature rectangle %gx%g pt is too small", x1-x0, y1-y0)
		}
		t.rect = [4]float64{x0, y0, x1, y1}
		t.visible = true
	}
	if pageNo < 1 || pageNo > len(pages) {
		return fmt.Errorf("signature field on page %d, but the document has %d page(s)", pageNo, len(pages))
	}
	t.page = pages[pageNo-1]
	page, _ := pdfobj.Dict(f, k, t.page)
	if t.pageEntries, err = pdfobj.DictEntries(page, "Annots"); err != nil {
		return err
	}
	t.annots, err = pdfobj.Items(pdfobj.Array(f, k, page["Annots"]))
	return err
}

// gatherCatalog keeps the catalog, its permissions and its form minus
// what the update rewrites.
func (t *target) gatherCatalog(f *pdfread.File, k int, root pdfread.Dict, approval bool) error {
	catalogVersion, _ := root["Version"].(pdfread.Name)
	t.setVersion = effectiveVersion(headerVersion(t.in), string(catalogVersion)) < 1.7
	skip := []pdfread.Name{"Type", "AcroForm"}
	if !approval {
		skip = append(skip, "Perms")
	}
	if t.setVersion {
		skip = append(skip, "Version")
	}
	var err error
	if t.catalogEntries, err = pdfobj.DictEntries(root, skip...); err != nil {
		return err
	}
	if perms, _ := pdfobj.Dict(f, k, root["Perms"]); !approval && perms != nil {
		if t.permsEntries, err = pdfobj.DictEntries(perms, "DocMDP"); err != nil {
			return err
		}
	}
	acro, _ := pdfobj.Dict(f, k, root["AcroForm"])
	if acro == nil {
		return nil
	}
	if t.acroEntries, err = pdfobj.DictEntries(acro, "Fields", "SigFlags"); err != nil {
		return err
	}
	t.fields, err = pdfobj.Items(pdfobj.Array(f, k, acro["Fields"]))
	return err
}

// headerVersion reads the version of the %PDF-x.y header.
func headerVersion(in []byte) string {
	v := in[len("%PDF-"):min(len(in), len("%PDF-")+3)]
	return string(v)
}

// effectiveVersion is the later of the header version and the catalog's
// /Version override, as a number (1.4, 2.0).
func effectiveVersion(header, catalog string) float64 {
	h, _ := strconv.ParseFloat(header, 64)
	c, _ := strconv.ParseFloat(catalog, 64)
	return max(h, c)
}
