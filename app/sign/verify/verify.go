package verify

import (
	"bytes"
	"crypto/x509"
	"encoding/hex"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"sync"
	"time"

	"communique/app/pdfread"
	"communique/app/sign/cms"
	"communique/app/sign/pdfobj"
)

// ErrNotPDF is returned for input that does not start like a PDF file.
var ErrNotPDF = errors.New("not a PDF file")

// Verdict is the outcome for a signature or a whole document. There is one
// exit code per verdict (see package cli); only valid means a signature
// one can rely on.
type Verdict string

// Verdicts, from best to worst.
const (
	// VerdictValid: intact, nothing its signer did not allow follows it,
	// and its certificate chains to a trusted root at a trusted time.
	VerdictValid Verdict = "valid"
	// VerdictUntrusted: intact, but nobody trusted vouches for the signer.
	VerdictUntrusted Verdict = "untrusted"
	// VerdictExpired: intact, but the certificate was not valid at the
	// trusted time (a timestamp authority's, else now).
	VerdictExpired Verdict = "expired"
	// VerdictWeak: made with SHA-1 or an RSA key under 2048 bits.
	VerdictWeak Verdict = "weak"
	// VerdictInvalid: the signature itself is broken or unreadable, or
	// the document carries none.
	VerdictInvalid Verdict = "invalid"
	// VerdictModified: the signed bytes were changed, or a later revision
	// changes the document beyond what the signer allowed.
	VerdictModified Verdict = "modified"
	// VerdictMalformed: the file's structure is one readers would have to
	// repair (or refuse), so what it shows cannot be pinned down.
	VerdictMalformed Verdict = "malformed"
)

// verdictOrder is every verdict from best to worst.
var verdictOrder = [...]Verdict{VerdictValid, VerdictUntrusted, VerdictExpired, VerdictWeak, VerdictInvalid, VerdictModified, VerdictMalformed}

// Verdicts lists every verdict from best to worst, in a fresh slice.
func Verdicts() []Verdict {
	v := verdictOrder // a copy: the caller may change it
	return v[:]
}

func rank(v Verdict) int {
	for i, x := range verdictOrder {
		if x == v {
			return i
		}
	}
	return len(verdictOrder)
}

// Certificate trust, reported beside the verdict to say why a signature is
// untrusted or expired.
const (
	TrustTrusted       = "trusted"         // chains to one of the given roots, or pinned
	TrustUnknownIssuer = "unknown_issuer"  // issuer not among the roots
	TrustSelfSigned    = "self_signed"     // self-signed and not among the roots
	TrustExpired       = "expired"         // a chain certificate had expired at the trusted time
	TrustNotYetValid   = "not_yet_valid"   // a chain certificate was not yet valid at the trusted time
	TrustNotForSigning = "not_for_signing" // key usage forbids signing documents
	TrustUntrusted     = "untrusted"       // chain rejected for another reason; see Detail
	TrustUnknown       = "unknown"         // the signature could not be read far enough to tell
)

// SignatureReport describes one signature.
type SignatureReport struct {
	Field             string `json:"field,omitempty"`
	Signer            string `json:"signer"`
	Issuer            string `json:"issuer"`
	CertificateSHA256 string `json:"certificate_sha256,omitempty"`
	// Name, Reason, Location and Contact are the signer's own claims.
	Name     string `json:"name,omitempty"`
	Reason   string `json:"reason,omitempty"`
	Location string `json:"location,omitempty"`
	Contact  string `json:"contact,omitempty"`
	// Time is the timestamp authority's time when Timestamped, otherwise the
	// time the signer claimed (never used to judge the certificate).
	Time        time.Time `json:"time"`
	Timestamped bool      `json:"timestamped"`
	// TimestampAuthority and TimestampTrust describe the authority that
	// timestamped the signature.
	TimestampAuthority string `json:"timestamp_authority,omitempty"`
	TimestampTrust     string `json:"timestamp_trust,omitempty"`
	// Certification is set for a certification (DocMDP) signature;
	// Permission is its P value: 1 no changes, 2 form filling and signing,
	// 3 also annotations.
	Certification bool `json:"certification"`
	Permission    int  `json:"permission,omitempty"`
	// CoversWholeDocument: the signed bytes run to the end of the file.
	CoversWholeDocument bool    `json:"covers_whole_document"`
	Verdict             Verdict `json:"verdict"`
	Trust               string  `json:"trust"`
	// Changes lists what revisions after this signature changed that its
	// signer did not allow (any makes the verdict modified);
	// AllowedChanges what they changed within what the signer allowed
	// (form filling, later signatures, validation data).
	Changes        []string `json:"changes,omitempty"`
	AllowedChanges []string `json:"allowed_changes,omitempty"`
	// Detail explains the verdict and trust in a sentence or two.
	Detail string `json:"detail,omitempty"`
}

// Report is the verification of a document.
type Report struct {
	Signatures []SignatureReport `json:"signatures"`
	// Verdict is the worst verdict among the signatures; invalid when
	// there is none, malformed when the file cannot be read strictly.
	Verdict Verdict `json:"verdict"`
	// Detail says why, for a document without signatures or a malformed
	// file.
	Detail string `json:"detail,omitempty"`
}

// Options say whom to trust. Trust is explicit: with no roots and no
// pinned certificates, no signature is valid.
type Options struct {
	// Roots are the trusted certificate authorities.
	Roots *x509.CertPool
	// Pinned are certificates trusted by name: a CA certificate acts as a
	// root, any other certificate trusts that exact signer.
	Pinned []*x509.Certificate
	// Now is the time a signature without a trusted timestamp is judged
	// at; zero means the current time.
	Now time.Time
}

// Document checks every signature in data. Input that is not a PDF is an
// error (ErrNotPDF); a PDF whose structure is not strictly readable gets the
// verdict malformed; one without signatures the verdict invalid.
func Document(data []byte, opt Options) (*Report, error) {
	if !looksLikePDF(data) {
		return nil, ErrNotPDF
	}
	if opt.Now.IsZero() {
		opt.Now = time.Now()
	}
	f, err := pdfread.Open(data, pdfread.LimitsFor(len(data)))
	if err == nil {
		err = pdfobj.CheckLinearization(f)
	}
	if err != nil {
		return &Report{Signatures: []SignatureReport{}, Verdict: VerdictMalformed,
			Detail: "the PDF structure is malformed: " + err.Error()}, nil
	}
	v := &verifier{data: data, f: f, opt: opt, pinnedRoots: x509.NewCertPool(), diffs: map[diffKey]diff{}, forms: map[int]map[pdfread.Ref]pdfread.Dict{},
		hexEnds: map[int64]int64{}}
	v.setTrust()
	sigs, err := v.discover()
	if err != nil {
		return &Report{Signatures: []SignatureReport{}, Verdict: VerdictMalformed,
			Detail: "the PDF structure is malformed: " + err.Error()}, nil
	}
	if len(sigs) == 0 {
		return &Report{Signatures: []SignatureReport{}, Verdict: VerdictInvalid, Detail: "the PDF carries no signature"}, nil
	}
	v.sigs = sigs
	rep := &Report{Verdict: VerdictValid}
	for _, s := range sigs {
		sr := v.check(s)
		rep.Signatures = append(rep.Signatures, sr)
		if rank(sr.Verdict) > rank(rep.Verdict) {
			rep.Verdict = sr.Verdict
		}
	}
	return rep, nil
}

func looksLikePDF(data []byte) bool {
	head := data[:min(len(data), 1024)]
	return bytes.Contains(head, []byte("%PDF-"))
}

// foundSig is a signature: the /V of a signature field in some revision,
// or (ref zero) a signature value found only in the raw bytes.
type foundSig struct {
	field     string
	ref       pdfread.Ref
	rev       int // the revision whose form lists it
	byteRange []int64
	dict      pdfread.Dict
}

func (s *foundSig) end() int64 {
	if len(s.byteRange) < 4 {
		return 0
	}
	return s.byteRange[2] + s.byteRange[3]
}

type verifier struct {
	data        []byte
	f           *pdfread.File
	opt         Options
	pinnedRoots *x509.CertPool
	pinned      []*x509.Certificate // pinned signer certificates
	sigs        []*foundSig
	forms       map[int]map[pdfread.Ref]pdfread.Dict // signature values each revision's form lists, with their fields
	hashed      int64                                // bytes hashed so far, see maxHashed
	hexEnds     map[int64]int64                      // where the hex string opening at an offset ends, see framesGap
	diffs       map[diffKey]diff                     // changes by update, DocMDP level and locks
}

// byteRangeRE finds signature byte ranges in the raw bytes, so a signature
// value no form field lists is still reported.
var byteRangeRE = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`/ByteRange\s*\[\s*(\d{1,15})\s+(\d{1,15})\s+(\d{1,15})\s+(\d{1,15})\s*\]`)
})

// discover lists the signatures: the values of the final form's signature
// fields, and signature dictionaries found by their /ByteRange in the raw
// bytes, which a later revision may have removed from the form (they are
// judged against the form of the revision they sign). Reading only one
// form keeps many small revisions from costing revisions times fields.
func (v *verifier) discover() ([]*foundSig, error) {
	var sigs []*foundSig
	seen := map[pdfread.Ref]bool{}
	last := len(v.f.Revisions) - 1
	fields, err := pdfobj.FormFields(v.f, last)
	if err != nil {
		return nil, err
	}
	for _, fl := range fields {
		r, ok := fl.Dict["V"].(pdfread.Ref)
		if fl.FT != "Sig" || !ok || seen[r] {
			continue
		}
		seen[r] = true
		d, _ := pdfobj.Dict(v.f, last, r)
		s := &foundSig{field: fl.Name, ref: r, rev: last, dict: d}
		s.byteRange = pdfobj.Ints(v.f, last, d["ByteRange"])
		sigs = append(sigs, s)
	}
	for _, loc := range byteRangeRE().FindAllSubmatchIndex(v.data, -1) {
		r, inStream, inObject := v.f.ObjectAt(int64(loc[0]))
		// Text about signatures in a stream (content, an object stream)
		// is not a signature dictionary.
		if inObject && (seen[r] || inStream) {
			continue
		}
		br := make([]int64, 4)
		for i := range br {
			br[i], _ = strconv.ParseInt(string(v.data[loc[2+2*i]:loc[3+2*i]]), 10, 64)
		}
		// Only a range that frames a hex string is a signature; anything
		// else is the text "/ByteRange" occurring in some content.
		if !v.framesGap(br) {
			continue
		}
		s := &foundSig{byteRange: br, rev: -1}
		if inObject {
			seen[r] = true
			if rev := v.signedRevision(br[2] + br[3]); rev >= 0 {
				if d, _ := pdfobj.Dict(v.f, rev, r); d != nil {
					s.ref, s.rev, s.dict = r, rev, d
				}
			}
		}
		sigs = append(sigs, s)
	}
	sort.SliceStable(sigs, func(i, j int) bool { return sigs[i].end() < sigs[j].end() })
	return sigs, nil
}

// framesGap tells whether byteRange is [0 a b c] with a hex string exactly
// filling the gap between a and b; the end (b+c) may lie beyond the data,
// which happens when a signed file was truncated. Where each hex string
// ends is found once per '<' and remembered: thousands of claimed ranges
// over one long string must not scan it thousands of times.
func (v *verifier) framesGap(br []int64) bool {
	data := v.data
	if len(br) != 4 || br[0] != 0 || br[1] <= 0 || br[2] <= br[1]+1 || br[3] < 0 || br[2] > int64(len(data)) {
		return false
	}
	if data[br[1]] != '<' || data[br[2]-1] != '>' {
		return false
	}
	end, ok := v.hexEnds[br[1]]
	if !ok {
		end = br[1] + 1
		for end < int64(len(data)) && (isHexDigit(data[end]) || isPDFSpace(data[end])) {
			end++
		}
		v.hexEnds[br[1]] = end
	}
	return end == br[2]-1
}

func isHexDigit(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

func isPDFSpace(c byte) bool {
	return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == 0
}

// sigMeta is what a signature dictionary says about itself.
type sigMeta struct {
	name, reason, location, contact, subFilter, sigType string
	claimed                                             time.Time
	permission                                          int
	contents                                            []byte
}

func (v *verifier) readMeta(s *foundSig) sigMeta {
	k, d := s.rev, s.dict
	text := func(key string) string {
		o, _ := v.f.Resolve(k, d[pdfread.Name(key)])
		str, _ := o.(pdfread.String)
		return pdfobj.DecodeText(string(str))
	}
	name := func(key string) string {
		o, _ := v.f.Resolve(k, d[pdfread.Name(key)])
		n, _ := o.(pdfread.Name)
		return string(n)
	}
	m := sigMeta{name: text("Name"), reason: text("Reason"), location: text("Location"), contact: text("ContactInfo"),
		subFilter: name("SubFilter"), sigType: name("Type")}
	if t, ok := pdfobj.ParseDate(text("M")); ok {
		m.claimed = t
	}
	if c, ok := d["Contents"].(pdfread.String); ok {
		m.contents = []byte(c)
	}
	m.permission = pdfobj.DocMDP(v.f, k, d)
	return m
}

// check judges one signature in three phases, each of which may settle
// the verdict: locate (is it where it claims, framing what it claims),
// cryptography (does it match the bytes, who vouches for its key), and
// the revision diff (what changed after it).
func (v *verifier) check(s *foundSig) SignatureReport {
	rep := SignatureReport{Field: s.field, Trust: TrustUnknown}
	loc := v.locate(s)
	m := loc.meta
	rep.Name, rep.Reason, rep.Location, rep.Contact = m.name, m.reason, m.location, m.contact
	rep.Certification, rep.Permission, rep.Time = m.permission != 0, m.permission, m.claimed
	if loc.problem != "" {
		rep.Verdict, rep.Detail = loc.verdict, loc.problem
		return rep
	}
	br := s.byteRange
	ranges := [][]byte{v.data[:br[1]], v.data[br[2] : br[2]+br[3]]}
	rep.CoversWholeDocument = loc.rev == len(v.f.Revisions)-1
	// Each signature hashes up to the whole file: a budget tied to the
	// file's size keeps thousands of signatures from costing gigabytes.
	if v.hashed += br[1] + br[3]; v.hashed > maxHashed(len(v.data)) {
		rep.Verdict, rep.Detail = VerdictMalformed, "too many signatures over too many bytes to check"
		return rep
	}

	// The value is one BER structure (DER, or indefinite lengths ended
	// by end-of-contents octets) padded with zeros: anything else in the
	// excluded gap is unsigned data riding along with the signature
	// (readers differ on whether they parse or ignore it).
	if der := cms.TrimBER(loc.contents); len(bytes.Trim(loc.contents[len(der):], "\x00")) > 0 {
		rep.Verdict, rep.Detail = VerdictInvalid, "the signature value is followed by other data than zero padding"
		return rep
	}
	var res cryptoResult
	if m.subFilter == "ETSI.RFC3161" {
		res = v.checkDocTimestamp(&rep, loc.contents, ranges)
	} else {
		res = v.checkCMS(&rep, loc.contents, ranges)
	}
	if res.verdict == VerdictInvalid || res.verdict == VerdictModified {
		rep.Verdict, rep.Detail = res.verdict, res.detail
		return rep
	}
	level := 2
	if m.permission != 0 {
		level = m.permission
	}
	locks := v.locksOf(s, loc.rev)
	if locks != nil && locks.p != 0 {
		level = min(level, locks.p)
	}
	var fills int
	rep.Changes, rep.AllowedChanges, fills = v.changesAfter(loc.rev, level, locks)
	coverage := v.coverage(loc.rev, s.end(), len(rep.Changes) > 0, fills)
	if len(rep.Changes) > 0 {
		rep.Verdict = VerdictModified
		rep.Detail = joinDetail(coverage+"; after signing: "+joinList(rep.Changes), res.detail)
		return rep
	}
	rep.Verdict = res.verdict
	rep.Detail = joinDetail(coverage, res.detail)
	return rep
}

// maxHashed is how many bytes the signatures of a file of size bytes may
// hash in all: 64 signatures over the whole file, or more over less.
func maxHashed(size int) int64 { return 64<<20 + 64*int64(size) }

// location is where a signature sits: its signed revision, its value and
// what its dictionary says; or why it cannot be placed.
type location struct {
	rev      int
	contents []byte
	meta     sigMeta
	verdict  Verdict
	problem  string
}

// locate checks that the signature frames exactly its own value, ends at
// the end of a revision, and that its dictionary is an object of that
// revision holding the excluded value (no wrapping).
func (v *verifier) locate(s *foundSig) location {
	fail := func(verdict Verdict, format string, args ...any) location {
		return location{meta: v.metaOf(s), verdict: verdict, problem: fmt.Sprintf(format, args...)}
	}
	switch br := s.byteRange; {
	case s.rev < 0:
		return fail(VerdictInvalid, "a signature value that is not a signature dictionary of the revision it signs")
	case s.dict == nil:
		return fail(VerdictInvalid, "the signature field's value is not a signature dictionary")
	case len(br) != 4:
		return fail(VerdictInvalid, "the signature's byte range has %d numbers instead of 4", len(br))
	case !v.framesGap(br):
		return fail(VerdictInvalid, "the signature's byte range does not start at the beginning of the file and exclude exactly the signature value")
	case br[2]+br[3] > int64(len(v.data)):
		return fail(VerdictModified, "the file is shorter than the signed byte range: it was truncated after signing")
	}
	br := s.byteRange
	signedRev := v.signedRevision(br[2] + br[3])
	if signedRev < 0 {
		return fail(VerdictInvalid, "the signed bytes do not end at the end of a revision of the file")
	}
	if err := v.f.CheckReachable(signedRev); err != nil {
		return fail(VerdictMalformed, "the signed revision is malformed: %v", err)
	}
	if problem := v.placement(s, signedRev); problem != "" {
		return fail(VerdictInvalid, "%s", problem)
	}
	// What was signed is the dictionary as the signed revision has it.
	s.rev = signedRev
	s.dict, _ = pdfobj.Dict(v.f, signedRev, s.ref)
	if !slices.Equal(pdfobj.Ints(v.f, signedRev, s.dict["ByteRange"]), br) {
		return fail(VerdictInvalid, "the signature dictionary in the signed revision has another byte range")
	}
	meta := v.readMeta(s)
	contents, err := hex.DecodeString(string(bytes.Map(func(r rune) rune {
		if r < 128 && isPDFSpace(byte(r)) {
			return -1
		}
		return r
	}, v.data[br[1]+1:br[2]-1])))
	if err != nil || !bytes.Equal(contents, meta.contents) {
		return fail(VerdictInvalid, "the signature value in the byte range is not the one in the signature dictionary")
	}
	return location{rev: signedRev, contents: contents, meta: meta}
}

// metaOf reads what a signature dictionary claims, if there is one.
func (v *verifier) metaOf(s *foundSig) sigMeta {
	if s.rev < 0 || s.dict == nil {
		return sigMeta{}
	}
	return v.readMeta(s)
}

// coverage describes how much of the file the signature ending at end (in
// revision rev) covers.
func (v *verifier) coverage(rev int, end int64, changed bool, fills int) string {
	if rev == len(v.f.Revisions)-1 {
		return ""
	}
	text := fmt.Sprintf("the signature covers revision %d of %d", rev+1, len(v.f.Revisions))
	later := 0
	for _, o := range v.sigs {
		if o.end() > end {
			later++
		}
	}
	switch {
	case changed:
	case fills > 0:
		text += "; later revisions change only what its signer allowed (form filling or annotations, listed as allowed changes)"
	case later == 0:
		text += "; later revisions leave the document's content unchanged"
	default:
		text += fmt.Sprintf("; %d later signature(s) were added without changing the document's content", later)
	}
	return text
}

// signedRevision returns the revision whose %%EOF the signed bytes end at
// (white space after it may be included), or -1.
func (v *verifier) signedRevision(end int64) int {
	for k, rev := range v.f.Revisions {
		if end < rev.End {
			return -1
		}
		next := int64(len(v.data))
		if k+1 < len(v.f.Revisions) {
			next = v.f.Revisions[k+1].End
		}
		if end <= next && len(bytes.Trim(v.data[rev.End:end], "\r\n \t")) == 0 {
			return k
		}
	}
	return -1
}

// placement requires the signature dictionary to be part of the signed
// revision, listed by its form, with the excluded gap inside it: a
// dictionary elsewhere (signature wrapping) signs other bytes than the
// ones it claims.
func (v *verifier) placement(s *foundSig, signedRev int) string {
	listed, err := v.formSigs(signedRev)
	if err != nil {
		return "the form of the signed revision cannot be read: " + err.Error()
	}
	if _, ok := listed[s.ref]; !ok {
		return "the form of the revision it signs does not list the signature"
	}
	start, end, ok := v.f.Span(signedRev, s.ref)
	if !ok {
		return "the signature dictionary is not an object of the revision it signs"
	}
	if s.byteRange[1] < start || s.byteRange[2] > end {
		return "the excluded signature value lies outside the signature dictionary"
	}
	return ""
}

// formSigs returns the signature dictionaries revision k's form lists,
// with the field that holds each.
func (v *verifier) formSigs(k int) (map[pdfread.Ref]pdfread.Dict, error) {
	if m, ok := v.forms[k]; ok {
		return m, nil
	}
	fields, err := pdfobj.FormFields(v.f, k)
	if err != nil {
		return nil, err
	}
	m := map[pdfread.Ref]pdfread.Dict{}
	for _, fl := range fields {
		if r, ok := fl.Dict["V"].(pdfread.Ref); ok && fl.FT == "Sig" {
			m[r] = fl.Dict
		}
	}
	v.forms[k] = m
	return m, nil
}

func joinDetail(a, b string) string {
	switch {
	case a == "":
		return b
	case b == "":
		return a
	}
	return a + "; " + b
}

func joinList(items []string) string {
	const shown = 5
	if len(items) > shown {
		return fmt.Sprintf("%s; and %d more", joinList(items[:shown]), len(items)-shown)
	}
	out := ""
	for i, s := range items {
		if i > 0 {
			out += "; "
		}
		out += s
	}
	return out
}
