package sign

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/digitorus/pdf"
)

// Rect places a visible signature field: page number (1-based) and corners in
// PDF points from the page's bottom-left corner.
type Rect struct {
	Page           int
	X0, Y0, X1, Y1 float64
}

// Options describe one signature.
type Options struct {
	// Name, Reason, Location and Contact go into the signature dictionary as
	// the signer's own claims; Name defaults to the certificate's common name.
	Name, Reason, Location, Contact string
	// Time is the signing time written into the signature (zero: now). The
	// certificate must be valid at that time.
	Time time.Time
	// Approval makes an approval signature; by default the signature
	// certifies the document with no changes allowed (DocMDP P=1).
	Approval bool
	// TSAURL, when set, is an RFC 3161 timestamp authority asked to
	// timestamp the signature.
	TSAURL string
	// Widget, when set, makes the signature field visible over this
	// rectangle. The field's appearance is empty: the page content already
	// shows the typeset signature block, so viewers draw nothing over it and
	// the rectangle only ties the block to the signature.
	Widget *Rect
}

// Compiled on first use: commands that neither sign nor verify skip it.
var encryptRef = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`/Encrypt\s+\d+\s+\d+\s+R`) })

// Errors Sign returns for documents that must not be signed.
var (
	ErrEncrypted     = errors.New("encrypted PDFs cannot be signed")
	ErrCertified     = errors.New("the document is certified with no changes allowed; it cannot be signed again")
	ErrAlreadySigned = errors.New("a certification signature must be the document's first signature; use an approval signature")
	errTokenTooLarge = errors.New("timestamp token larger than the space reserved for it")
)

const (
	producerName      = "Communique" // /Prop_Build application name
	signatureFieldTag = "Signature"  // field names: Signature1, Signature2, …
)

// Sign returns pdf with a signature appended as an incremental update: the
// original bytes are kept unchanged and covered by the signature, which uses
// SHA-256 and, if opt.TSAURL is set, carries an RFC 3161 timestamp.
//
// ctx bounds the timestamp request: cancelling it abandons the signature.
func Sign(ctx context.Context, pdf []byte, id *Identity, opt Options) ([]byte, error) {
	out, _, err := signCounting(ctx, pdf, id, opt)
	return out, err
}

// signCounting is Sign reporting how many layouts it needed: 1 unless the
// TSA sent a token larger than defaultTokenReserve.
func signCounting(ctx context.Context, in []byte, id *Identity, opt Options) ([]byte, int, error) {
	if id == nil || id.Certificate == nil || id.key == nil {
		return nil, 0, errors.New("no signing identity")
	}
	now := time.Now()
	when := opt.Time
	if when.IsZero() {
		when = now
	}
	// The certificate must be valid now as well as at the claimed signing
	// time: an expired certificate may not sign by backdating.
	for _, t := range []time.Time{now, when} {
		if err := id.Check(t); err != nil {
			return nil, 0, err
		}
	}
	if opt.Name == "" {
		opt.Name = displayName(id.Certificate)
	}
	target, err := inspect(in, opt)
	if err != nil {
		return nil, 0, err
	}
	reserve := 0
	if opt.TSAURL != "" {
		reserve = defaultTokenReserve
	}
	// Every layout is built from scratch out of the untouched input, so a
	// second one (only when a TSA's token outgrew the reservation) cannot
	// inherit anything from the first.
	for attempt := 1; ; attempt++ {
		out, need, err := target.build(ctx, id, opt, when, reserve)
		if errors.Is(err, errTokenTooLarge) && attempt == 1 {
			reserve = need + 1024
			continue
		}
		return out, attempt, err
	}
}

// target is everything Sign needs from the input, serialized up front so the
// layout itself never touches the (panicky) reader.
type target struct {
	in         []byte
	xrefStream bool
	prevXref   int64
	nextID     uint32
	root       ref
	page       ref
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

func inspect(in []byte, opt Options) (*target, error) {
	if !bytes.HasPrefix(in, []byte("%PDF-")) {
		return nil, ErrNotPDF
	}
	r, err := openPDF(in)
	if err != nil {
		// The reader gives up on some encryption schemes before we can
		// look at the trailer; the reference to an encryption dictionary
		// is the tell.
		if encryptRef().Match(in) {
			return nil, ErrEncrypted
		}
		return nil, err
	}
	t := &target{in: in}
	err = guard("reading PDF", func() error { return t.read(r, opt) })
	if err != nil {
		return nil, err
	}
	return t, nil
}

func (t *target) read(r *pdf.Reader, opt Options) error {
	trailer := r.Trailer()
	if !trailer.Key("Encrypt").IsNull() {
		return ErrEncrypted
	}
	t.xrefStream = r.XrefInformation.Type == "stream"
	t.prevXref = r.XrefInformation.StartPos
	size := trailer.Key("Size").Int64()
	if n := int64(len(r.Xref())); n > size {
		size = n
	}
	if size <= 0 || size > 8_000_000 {
		return fmt.Errorf("implausible object count %d in trailer", size)
	}
	t.nextID = uint32(size)

	root := trailer.Key("Root")
	if root.Kind() != pdf.Dict || !isIndirect(root, refOf(trailer)) {
		return errors.New("the PDF has no document catalog")
	}
	t.root = refOf(root)

	if info := trailer.Key("Info"); isIndirect(info, refOf(trailer)) {
		t.trailerInfo = "/Info " + refOf(info).String()
	}
	if id := trailer.Key("ID"); id.Kind() == pdf.Array && id.Len() == 2 {
		t.trailerID = fmt.Sprintf("/ID [%s %s]", hexString([]byte(id.Index(0).RawString())), hexString([]byte(id.Index(1).RawString())))
	} else {
		// An update may add the file identifier a writer left out; derive it
		// from the original bytes so the same input gives the same output.
		sum := sha256.Sum256(t.in)
		t.trailerID = fmt.Sprintf("/ID [%s %s]", hexString(sum[:16]), hexString(sum[:16]))
	}

	// Permissions already granted or withheld by an earlier certification.
	perms := root.Key("Perms")
	if mdp := perms.Key("DocMDP"); !mdp.IsNull() {
		if docMDPPermission(mdp) == 1 {
			return ErrCertified
		}
		if !opt.Approval {
			return ErrAlreadySigned
		}
	}
	names := map[string]bool{}
	signed := false
	acro := root.Key("AcroForm")
	walkFields(acro.Key("Fields"), func(f formField) {
		names[f.name] = true
		if f.ft == "Sig" && f.dict.Key("V").Kind() == pdf.Dict {
			signed = true
		}
	})
	if signed && !opt.Approval {
		return ErrAlreadySigned
	}
	for n := 1; ; n++ {
		name := signatureFieldTag + strconv.Itoa(n)
		if !names[name] {
			t.fieldName = name
			break
		}
	}

	pages, err := collectPages(root.Key("Pages"))
	if err != nil {
		return err
	}
	pageNo := 1
	if w := opt.Widget; w != nil {
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
	page := pages[pageNo-1]
	t.page = refOf(page)

	var b bytes.Buffer
	if err := writeDictEntries(&b, page, t.page, "Annots"); err != nil {
		return err
	}
	t.pageEntries = bytes.Clone(b.Bytes())
	b.Reset()
	if annots := page.Key("Annots"); annots.Kind() == pdf.Array {
		self := t.page
		if isIndirect(annots, t.page) {
			self = refOf(annots)
		}
		for i := 0; i < annots.Len(); i++ {
			if err := writeValue(&b, annots.Index(i), self, 1); err != nil {
				return err
			}
			b.WriteByte(' ')
		}
		t.annots = bytes.Clone(b.Bytes())
		b.Reset()
	}

	t.setVersion = effectiveVersion(r.PDFVersion, root.Key("Version").Name()) < 1.7
	skip := []string{"Type", "AcroForm"}
	if !opt.Approval {
		skip = append(skip, "Perms")
	}
	if t.setVersion {
		skip = append(skip, "Version")
	}
	if err := writeDictEntries(&b, root, t.root, skip...); err != nil {
		return err
	}
	t.catalogEntries = bytes.Clone(b.Bytes())
	b.Reset()
	if !opt.Approval && perms.Kind() == pdf.Dict {
		self := t.root
		if isIndirect(perms, t.root) {
			self = refOf(perms)
		}
		if err := writeDictEntries(&b, perms, self, "DocMDP"); err != nil {
			return err
		}
		t.permsEntries = bytes.Clone(b.Bytes())
		b.Reset()
	}
	if acro.Kind() == pdf.Dict {
		self := t.root
		if isIndirect(acro, t.root) {
			self = refOf(acro)
		}
		if err := writeDictEntries(&b, acro, self, "Fields", "SigFlags"); err != nil {
			return err
		}
		t.acroEntries = bytes.Clone(b.Bytes())
		b.Reset()
		fields := acro.Key("Fields")
		fself := self
		if isIndirect(fields, self) {
			fself = refOf(fields)
		}
		for i := 0; i < fields.Len(); i++ {
			if err := writeValue(&b, fields.Index(i), fself, 1); err != nil {
				return err
			}
			b.WriteByte(' ')
		}
		t.fields = bytes.Clone(b.Bytes())
	}
	return nil
}

// effectiveVersion is the later of the header version and the catalog's
// /Version override, as a number (1.4, 2.0).
func effectiveVersion(header, catalog string) float64 {
	h, _ := strconv.ParseFloat(header, 64)
	c, _ := strconv.ParseFloat(catalog, 64)
	return max(h, c)
}

// docMDPPermission reads /P from a signature's DocMDP reference (default 2).
func docMDPPermission(sig pdf.Value) int {
	refs := sig.Key("Reference")
	for i := 0; i < refs.Len(); i++ {
		r := refs.Index(i)
		if r.Key("TransformMethod").Name() != "DocMDP" {
			continue
		}
		if p := r.Key("TransformParams").Key("P"); p.Kind() == pdf.Integer {
			return int(p.Int64())
		}
		return 2
	}
	return 0
}

type formField struct {
	name string // fully qualified, parts joined by "."
	ft   string // field type, inherited from ancestors
	dict pdf.Value
}

// walkFields visits the terminal fields of an AcroForm field tree.
func walkFields(fields pdf.Value, visit func(formField)) {
	seen := map[ref]bool{}
	var walk func(v pdf.Value, prefix, ft string, depth int)
	walk = func(v pdf.Value, prefix, ft string, depth int) {
		if depth > 32 || v.Kind() != pdf.Dict || seen[refOf(v)] && refOf(v).id != 0 {
			return
		}
		seen[refOf(v)] = true
		name := prefix
		if t := v.Key("T"); t.Kind() == pdf.String {
			if name != "" {
				name += "."
			}
			name += t.Text()
		}
		if f := v.Key("FT").Name(); f != "" {
			ft = f
		}
		kids := v.Key("Kids")
		hasFieldKids := false
		for i := 0; i < kids.Len(); i++ {
			if !kids.Index(i).Key("T").IsNull() {
				hasFieldKids = true
			}
		}
		if hasFieldKids {
			for i := 0; i < kids.Len(); i++ {
				walk(kids.Index(i), name, ft, depth+1)
			}
			return
		}
		visit(formField{name: name, ft: ft, dict: v})
	}
	for i := 0; i < fields.Len(); i++ {
		walk(fields.Index(i), "", "", 0)
	}
}

// collectPages lists the leaves of the page tree in order.
func collectPages(node pdf.Value) ([]pdf.Value, error) {
	var pages []pdf.Value
	seen := map[ref]bool{}
	var walk func(v pdf.Value, depth int) error
	walk = func(v pdf.Value, depth int) error {
		if depth > 64 || len(pages) > 1_000_000 {
			return errors.New("page tree too deep or too large")
		}
		if seen[refOf(v)] {
			return errors.New("page tree contains a loop")
		}
		seen[refOf(v)] = true
		switch v.Key("Type").Name() {
		case "Pages":
			kids := v.Key("Kids")
			for i := 0; i < kids.Len(); i++ {
				if err := walk(kids.Index(i), depth+1); err != nil {
					return err
				}
			}
		case "Page":
			pages = append(pages, v)
		default:
			if v.Key("Kids").Kind() == pdf.Array {
				return walk(v.Key("Kids"), depth+1)
			}
			return errors.New("page tree node without /Type")
		}
		return nil
	}
	if node.Kind() != pdf.Dict {
		return nil, errors.New("the PDF has no page tree")
	}
	if err := walk(node, 0); err != nil {
		return nil, err
	}
	return pages, nil
}

// byteRangeWidth is the space kept for the three ByteRange numbers after the
// leading 0: ten digits each plus separators.
const byteRangeWidth = 3 * 11

type xrefEntry struct {
	id     uint32
	gen    uint16
	offset int64
}

type update struct {
	buf     bytes.Buffer
	entries []xrefEntry
}

func (u *update) object(r ref, body func(*bytes.Buffer)) {
	u.entries = append(u.entries, xrefEntry{r.id, r.gen, int64(u.buf.Len())})
	fmt.Fprintf(&u.buf, "%d %d obj\n", r.id, r.gen)
	body(&u.buf)
	u.buf.WriteString("\nendobj\n")
}

// build lays out the update, signs it and returns the signed file. It reads
// only t and its arguments, so calling it again starts from a clean slate.
func (t *target) build(ctx context.Context, id *Identity, opt Options, when time.Time, tokenReserve int) ([]byte, int, error) {
	reserved, err := cmsSize(id, when, tokenReserve)
	if err != nil {
		return nil, 0, err
	}
	sigRef := ref{t.nextID, 0}
	fieldRef := ref{t.nextID + 1, 0}
	apRef := ref{t.nextID + 2, 0}
	xrefRef := ref{t.nextID + 3, 0} // used only for an xref stream

	u := &update{}
	u.buf.Grow(len(t.in) + 2*reserved + 4096)
	u.buf.Write(t.in)
	if n := len(t.in); n == 0 || (t.in[n-1] != '\n' && t.in[n-1] != '\r') {
		u.buf.WriteByte('\n')
	}
	// The buffer starts with the input, so buffer positions are file offsets.

	var byteRangeAt, contentsAt int
	u.object(sigRef, func(b *bytes.Buffer) {
		b.WriteString("<</Type /Sig /Filter /Adobe.PPKLite /SubFilter /adbe.pkcs7.detached\n/ByteRange [0 ")
		byteRangeAt = b.Len()
		b.WriteString(strings.Repeat(" ", byteRangeWidth))
		b.WriteString("]\n/Contents ")
		contentsAt = b.Len()
		b.WriteByte('<')
		b.WriteString(strings.Repeat("0", 2*reserved))
		b.WriteString(">\n/M ")
		b.WriteString(pdfDate(when))
		for _, kv := range [][2]string{{"Name", opt.Name}, {"Reason", opt.Reason}, {"Location", opt.Location}, {"ContactInfo", opt.Contact}} {
			if kv[1] != "" {
				fmt.Fprintf(b, "\n/%s %s", kv[0], textString(kv[1]))
			}
		}
		fmt.Fprintf(b, "\n/Prop_Build <</App <</Name %s>>>>", pdfName(producerName))
		if !opt.Approval {
			b.WriteString("\n/Reference [<</Type /SigRef /TransformMethod /DocMDP /TransformParams <</Type /TransformParams /P 1 /V /1.2>>>>]")
		}
		b.WriteString(">>")
	})
	rect := "0 0 0 0"
	if t.visible {
		rect = fmt.Sprintf("%s %s %s %s", formatReal(t.rect[0]), formatReal(t.rect[1]), formatReal(t.rect[2]), formatReal(t.rect[3]))
	}
	u.object(fieldRef, func(b *bytes.Buffer) {
		// Print + Locked: the field prints with the page and cannot be moved.
		fmt.Fprintf(b, "<</Type /Annot /Subtype /Widget /FT /Sig /T %s /V %s /P %s /Rect [%s] /F 132 /AP <</N %s>>>>",
			textString(t.fieldName), sigRef, t.page, rect, apRef)
	})
	u.object(apRef, func(b *bytes.Buffer) {
		// Deliberately empty: the typeset block on the page is the visible
		// signature; drawing anything here would paint over it.
		w, h := 0.0, 0.0
		if t.visible {
			w, h = t.rect[2]-t.rect[0], t.rect[3]-t.rect[1]
		}
		fmt.Fprintf(b, "<</Type /XObject /Subtype /Form /BBox [0 0 %s %s] /Resources <<>> /Length 0>>\nstream\n\nendstream", formatReal(w), formatReal(h))
	})
	u.object(t.page, func(b *bytes.Buffer) {
		b.WriteString("<<")
		b.Write(t.pageEntries)
		fmt.Fprintf(b, "/Annots [%s%s]>>", t.annots, fieldRef)
	})
	u.object(t.root, func(b *bytes.Buffer) {
		b.WriteString("<</Type /Catalog\n")
		b.Write(t.catalogEntries)
		if t.setVersion {
			b.WriteString("/Version /1.7\n")
		}
		if !opt.Approval {
			fmt.Fprintf(b, "/Perms <<%s/DocMDP %s>>\n", t.permsEntries, sigRef)
		}
		fmt.Fprintf(b, "/AcroForm <<%s/Fields [%s%s] /SigFlags 3>>>>", t.acroEntries, t.fields, fieldRef)
	})

	size := t.nextID + 3
	if t.xrefStream {
		size++
	}
	trailerKeys := fmt.Sprintf("/Size %d /Root %s %s %s /Prev %d", size, t.root, t.trailerInfo, t.trailerID, t.prevXref)
	xrefAt := u.buf.Len()
	if t.xrefStream {
		u.entries = append(u.entries, xrefEntry{xrefRef.id, 0, int64(xrefAt)})
		index, data := xrefStreamData(u.entries)
		if data == nil {
			return nil, 0, errors.New("file too large for a 4-byte xref offset")
		}
		fmt.Fprintf(&u.buf, "%d 0 obj\n<</Type /XRef %s /W [1 4 2] /Index [%s] /Length %d>>\nstream\n", xrefRef.id, trailerKeys, index, len(data))
		u.buf.Write(data)
		u.buf.WriteString("\nendstream\nendobj\n")
	} else {
		u.buf.WriteString("xref\n")
		writeXrefTable(&u.buf, u.entries)
		fmt.Fprintf(&u.buf, "trailer\n<<%s>>\n", trailerKeys)
	}
	fmt.Fprintf(&u.buf, "startxref\n%d\n%%%%EOF\n", xrefAt)

	out := u.buf.Bytes()
	// The object bodies write straight into u.buf, so the recorded
	// positions are already file offsets.
	brPos, gapStart := byteRangeAt, contentsAt
	gapEnd := gapStart + 2*reserved + 2
	br := fmt.Sprintf("%d %d %d", gapStart, gapEnd, len(out)-gapEnd)
	if len(br) > byteRangeWidth || out[gapStart] != '<' || out[gapEnd-1] != '>' {
		return nil, 0, errors.New("internal error: signature placeholder misplaced")
	}
	copy(out[brPos:], br)

	h := sha256.New()
	h.Write(out[:gapStart])
	h.Write(out[gapEnd:])
	attrs, err := signedAttributes(h.Sum(nil), when, id.Certificate)
	if err != nil {
		return nil, 0, err
	}
	signature, err := signAttributes(id.key, attrs)
	if err != nil {
		return nil, 0, fmt.Errorf("signing failed: %v", err)
	}
	var token []byte
	if opt.TSAURL != "" {
		token, err = fetchTimestamp(ctx, opt.TSAURL, signature)
		if err != nil {
			return nil, 0, err
		}
		if len(token) > tokenReserve {
			return nil, len(token), errTokenTooLarge
		}
	}
	cms, err := buildCMS(id.Certificate, id.Chain, id.key.Public(), embeddedAttributes(attrs), signature, token)
	if err != nil {
		return nil, 0, err
	}
	if len(cms) > reserved {
		// cmsSize is an upper bound by construction; reaching this means it
		// is wrong, and writing a truncated signature would be worse.
		return nil, 0, fmt.Errorf("internal error: signature of %d bytes exceeds the %d reserved", len(cms), reserved)
	}
	hex.Encode(out[gapStart+1:], cms)
	// The hex digits are upper case by convention in signature contents.
	for i := gapStart + 1; i < gapStart+1+2*len(cms); i++ {
		if c := out[i]; c >= 'a' && c <= 'f' {
			out[i] = c - 'a' + 'A'
		}
	}
	return out, 0, nil
}

// writeXrefTable writes the classic cross-reference subsections for entries.
func writeXrefTable(b *bytes.Buffer, entries []xrefEntry) {
	sorted := append([]xrefEntry(nil), entries...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i].id < sorted[j].id })
	for i := 0; i < len(sorted); {
		j := i + 1
		for j < len(sorted) && sorted[j].id == sorted[j-1].id+1 {
			j++
		}
		fmt.Fprintf(b, "%d %d\n", sorted[i].id, j-i)
		for _, e := range sorted[i:j] {
			fmt.Fprintf(b, "%010d %05d n\r\n", e.offset, e.gen)
		}
		i = j
	}
}

// xrefStreamData encodes entries as an uncompressed cross-reference stream
// with field widths 1, 4, 2; nil if an offset does not fit.
func xrefStreamData(entries []xrefEntry) (string, []byte) {
	sorted := append([]xrefEntry(nil), entries...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i].id < sorted[j].id })
	var index []string
	var data []byte
	for i := 0; i < len(sorted); {
		j := i + 1
		for j < len(sorted) && sorted[j].id == sorted[j-1].id+1 {
			j++
		}
		index = append(index, fmt.Sprintf("%d %d", sorted[i].id, j-i))
		for _, e := range sorted[i:j] {
			if e.offset > 0xFFFFFFFF {
				return "", nil
			}
			data = append(data, 1)
			data = binary.BigEndian.AppendUint32(data, uint32(e.offset))
			data = binary.BigEndian.AppendUint16(data, e.gen)
		}
		i = j
	}
	return strings.Join(index, " "), data
}
