package sign

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"communique/app/pdfread"
	"communique/app/sign/cms"
	"communique/app/sign/pdfobj"
	"communique/app/sign/tsa"
)

// defaultTokenReserve is the space kept for a timestamp token before the TSA
// has answered. Public TSAs answer with 2–8 KB tokens (their certificate
// chain included); a bigger one makes Sign lay the update out once more.
const defaultTokenReserve = 12 * 1024

// build lays out the update, signs it and returns the signed file, in the
// phases of a PAdES signature: reserve room for the CMS, lay out the
// objects and cross-reference section around a placeholder, fill in the
// byte range, sign what it covers, and splice the CMS into the gap. It
// reads only t and its arguments, so calling it again starts from a clean
// slate. need is the token size when it outgrew tokenReserve.
func (s signer) build(ctx context.Context, t *target, id *Identity, opt Options, when time.Time, tokenReserve int) (out []byte, need int, err error) {
	reserved, err := s.cmsSize(id, when, tokenReserve)
	if err != nil {
		return nil, 0, err
	}
	l, err := t.layout(opt, when, reserved)
	if err != nil {
		return nil, 0, err
	}
	out = l.buf.Bytes()
	if err := l.fillByteRange(out); err != nil {
		return nil, 0, err
	}
	der, need, err := s.signRanges(ctx, out, l, id, opt, when, tokenReserve)
	if err != nil || need > 0 {
		return nil, need, err
	}
	if err := l.splice(out, der); err != nil {
		return nil, 0, err
	}
	return out, 0, nil
}

// cmsSize is an upper bound on the CMS for this signer: the encoding with the
// longest possible signature and a timestamp token of tstSize bytes.
func (s signer) cmsSize(id *Identity, signingTime time.Time, tstSize int) (int, error) {
	attrs, err := cms.SignedAttributes(make([]byte, sha256.Size), signingTime, id.Certificate, s.order)
	if err != nil {
		return 0, err
	}
	sigLen, err := cms.MaxSignatureLen(id.key.Public())
	if err != nil {
		return 0, err
	}
	var tst []byte
	if tstSize > 0 {
		tst = cms.PlaceholderToken(tstSize)
	}
	der, err := cms.Build(id.Certificate, id.Chain, id.key.Public(), s.embedded(attrs), make([]byte, sigLen), tst)
	if err != nil {
		return 0, err
	}
	return len(der), nil
}

// layout is the unsigned file: the input, the update's objects with a
// zero-filled /Contents of reserved bytes, and where the byte range and
// the gap are.
type layout struct {
	update
	reserved    int
	byteRangeAt int // file offset of the byte range's three numbers
	gapStart    int // offset of the '<' opening /Contents
}

func (l *layout) gapEnd() int { return l.gapStart + 2*l.reserved + 2 }

// layout writes the input followed by the update: signature dictionary,
// field widget, its (empty) appearance, the page and catalog rewritten to
// reach them, and a cross-reference section of the input's kind.
func (t *target) layout(opt Options, when time.Time, reserved int) (*layout, error) {
	l := &layout{reserved: reserved}
	sigRef := pdfread.Ref{Num: t.nextID}
	fieldRef := pdfread.Ref{Num: t.nextID + 1}
	apRef := pdfread.Ref{Num: t.nextID + 2}
	l.buf.Grow(len(t.in) + 2*reserved + 4096)
	l.buf.Write(t.in)
	if n := len(t.in); n == 0 || (t.in[n-1] != '\n' && t.in[n-1] != '\r') {
		l.buf.WriteByte('\n')
	}
	// The buffer starts with the input, so buffer positions are file offsets.
	l.object(sigRef, func(b *bytes.Buffer) { l.signatureDict(b, opt, when) })
	rect := "0 0 0 0"
	if t.visible {
		rect = fmt.Sprintf("%s %s %s %s", pdfobj.FormatReal(t.rect[0]), pdfobj.FormatReal(t.rect[1]), pdfobj.FormatReal(t.rect[2]), pdfobj.FormatReal(t.rect[3]))
	}
	l.object(fieldRef, func(b *bytes.Buffer) {
		// Print + Locked: the field prints with the page and cannot be moved.
		fmt.Fprintf(b, "<</Type /Annot /Subtype /Widget /FT /Sig /T %s /V %s /P %s /Rect [%s] /F 132 /AP <</N %s>>>>",
			pdfobj.TextString(t.fieldName), sigRef, t.page, rect, apRef)
	})
	l.object(apRef, func(b *bytes.Buffer) {
		// Deliberately empty: the typeset block on the page is the visible
		// signature; drawing anything here would paint over it.
		w, h := 0.0, 0.0
		if t.visible {
			w, h = t.rect[2]-t.rect[0], t.rect[3]-t.rect[1]
		}
		fmt.Fprintf(b, "<</Type /XObject /Subtype /Form /BBox [0 0 %s %s] /Resources <<>> /Length 0>>\nstream\n\nendstream", pdfobj.FormatReal(w), pdfobj.FormatReal(h))
	})
	l.object(t.page, func(b *bytes.Buffer) {
		b.WriteString("<<")
		b.Write(t.pageEntries)
		fmt.Fprintf(b, "/Annots [%s%s]>>", t.annots, fieldRef)
	})
	l.object(t.root, func(b *bytes.Buffer) {
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
	return l, t.writeXref(l)
}

// signatureDict writes the signature dictionary with room for the byte
// range and the CMS, recording where they are.
func (l *layout) signatureDict(b *bytes.Buffer, opt Options, when time.Time) {
	b.WriteString("<</Type /Sig /Filter /Adobe.PPKLite /SubFilter /adbe.pkcs7.detached\n/ByteRange [0 ")
	l.byteRangeAt = b.Len()
	b.WriteString(strings.Repeat(" ", byteRangeWidth))
	b.WriteString("]\n/Contents ")
	l.gapStart = b.Len()
	b.WriteByte('<')
	b.WriteString(strings.Repeat("0", 2*l.reserved))
	b.WriteString(">\n/M ")
	b.WriteString(pdfobj.Date(when))
	for _, kv := range [][2]string{{"Name", opt.Name}, {"Reason", opt.Reason}, {"Location", opt.Location}, {"ContactInfo", opt.Contact}} {
		if kv[1] != "" {
			fmt.Fprintf(b, "\n/%s %s", kv[0], pdfobj.TextString(kv[1]))
		}
	}
	fmt.Fprintf(b, "\n/Prop_Build <</App <</Name %s>>>>", pdfobj.Name(producerName))
	if !opt.Approval {
		b.WriteString("\n/Reference [<</Type /SigRef /TransformMethod /DocMDP /TransformParams <</Type /TransformParams /P 1 /V /1.2>>>>]")
	}
	b.WriteString(">>")
}

// writeXref ends the update with its cross-reference section and trailer:
// a stream if the input's last section is one, else a table.
func (t *target) writeXref(l *layout) error {
	xrefRef := pdfread.Ref{Num: t.nextID + 3} // used only for an xref stream
	size := t.nextID + 3
	if t.xrefStream {
		size++
	}
	trailerKeys := fmt.Sprintf("/Size %d /Root %s %s %s /Prev %d", size, t.root, t.trailerInfo, t.trailerID, t.prevXref)
	xrefAt := l.buf.Len()
	if t.xrefStream {
		l.entries = append(l.entries, xrefEntry{xrefRef.Num, 0, int64(xrefAt)})
		index, data := xrefStreamData(l.entries)
		if data == nil {
			return errors.New("file too large for a 4-byte xref offset")
		}
		fmt.Fprintf(&l.buf, "%d 0 obj\n<</Type /XRef %s /W [1 4 2] /Index [%s] /Length %d>>\nstream\n", xrefRef.Num, trailerKeys, index, len(data))
		l.buf.Write(data)
		l.buf.WriteString("\nendstream\nendobj\n")
	} else {
		l.buf.WriteString("xref\n")
		writeXrefTable(&l.buf, l.entries)
		fmt.Fprintf(&l.buf, "trailer\n<<%s>>\n", trailerKeys)
	}
	fmt.Fprintf(&l.buf, "startxref\n%d\n%%%%EOF\n", xrefAt)
	return nil
}

// fillByteRange writes [0 gapStart gapEnd rest] into the placeholder: the
// whole file but the hex string of /Contents.
func (l *layout) fillByteRange(out []byte) error {
	gapStart, gapEnd := l.gapStart, l.gapEnd()
	br := fmt.Sprintf("%d %d %d", gapStart, gapEnd, len(out)-gapEnd)
	if len(br) > byteRangeWidth || out[gapStart] != '<' || out[gapEnd-1] != '>' {
		return errors.New("internal error: signature placeholder misplaced")
	}
	copy(out[l.byteRangeAt:], br)
	return nil
}

// signRanges digests the bytes the byte range covers, signs them, asks the
// TSA for a token if one is configured, and returns the CMS. need is set
// (and the CMS nil) when the token is larger than tokenReserve.
func (s signer) signRanges(ctx context.Context, out []byte, l *layout, id *Identity, opt Options, when time.Time, tokenReserve int) (der []byte, need int, err error) {
	h := sha256.New()
	h.Write(out[:l.gapStart])
	h.Write(out[l.gapEnd():])
	attrs, err := cms.SignedAttributes(h.Sum(nil), when, id.Certificate, s.order)
	if err != nil {
		return nil, 0, err
	}
	signature, err := cms.SignAttributes(id.key, attrs)
	if err != nil {
		return nil, 0, fmt.Errorf("signing failed: %w", err)
	}
	var token []byte
	if opt.TSAURL != "" {
		token, err = tsa.Fetch(ctx, opt.TSAClient, opt.TSAURL, signature)
		if err != nil {
			return nil, 0, err
		}
		if len(token) > tokenReserve {
			return nil, len(token), errTokenTooLarge
		}
	}
	der, err = cms.Build(id.Certificate, id.Chain, id.key.Public(), s.embedded(attrs), signature, token)
	return der, 0, err
}

// splice writes the CMS into the gap, upper-case hex by convention,
// leaving the zero padding after it.
func (l *layout) splice(out, der []byte) error {
	if len(der) > l.reserved {
		// cmsSize is an upper bound by construction; reaching this means it
		// is wrong, and writing a truncated signature would be worse.
		return fmt.Errorf("internal error: signature of %d bytes exceeds the %d reserved", len(der), l.reserved)
	}
	hex.Encode(out[l.gapStart+1:], der)
	for i := l.gapStart + 1; i < l.gapStart+1+2*len(der); i++ {
		if c := out[i]; c >= 'a' && c <= 'f' {
			out[i] = c - 'a' + 'A'
		}
	}
	return nil
}

// byteRangeWidth is the space kept for the three ByteRange numbers after the
// leading 0: ten digits each plus separators.
const byteRangeWidth = 3 * 11

type xrefEntry struct {
	id     int
	gen    int
	offset int64
}

type update struct {
	buf     bytes.Buffer
	entries []xrefEntry
}

func (u *update) object(r pdfread.Ref, body func(*bytes.Buffer)) {
	u.entries = append(u.entries, xrefEntry{r.Num, r.Gen, int64(u.buf.Len())})
	fmt.Fprintf(&u.buf, "%d %d obj\n", r.Num, r.Gen)
	body(&u.buf)
	u.buf.WriteString("\nendobj\n")
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
			data = binary.BigEndian.AppendUint16(data, uint16(e.gen))
		}
		i = j
	}
	return strings.Join(index, " "), data
}
