package sign

import (
	"bytes"
	"crypto"
	"crypto/x509"
	"encoding/asn1"
	"encoding/hex"
	"errors"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"sync"
	"time"

	"github.com/digitorus/pdf"
	"github.com/digitorus/pkcs7"
)

// ErrNotPDF is returned for input that does not start like a PDF file.
var ErrNotPDF = errors.New("not a PDF file")

// Verdict is the outcome for a signature or a whole document.
type Verdict string

// Verdicts, from best to worst for a signed document.
const (
	// VerdictValid: the signature matches the bytes it covers, and nothing
	// after them changes the document beyond what its signers allowed.
	VerdictValid Verdict = "valid"
	// VerdictModified: the signed bytes were changed, or bytes appended
	// after signing change the document or were not allowed at all.
	VerdictModified Verdict = "modified"
	// VerdictInvalid: the signature itself is broken or unreadable.
	VerdictInvalid Verdict = "invalid"
	// VerdictNotSigned: the PDF carries no signature.
	VerdictNotSigned Verdict = "not_signed"
)

// Certificate trust, reported apart from the verdict: an unknown issuer
// makes a signature unverifiable as to who signed, not invalid.
const (
	TrustTrusted       = "trusted"         // chains to one of the given roots
	TrustUnknownIssuer = "unknown_issuer"  // issuer not among the roots
	TrustSelfSigned    = "self_signed"     // self-signed and not among the roots
	TrustExpired       = "expired"         // a chain certificate had expired at signing time
	TrustNotYetValid   = "not_yet_valid"   // a chain certificate was not yet valid at signing time
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
	// time the signer claimed.
	Time        time.Time `json:"time"`
	Timestamped bool      `json:"timestamped"`
	// TimestampAuthority and TimestampTrust describe the authority that
	// timestamped the signature, judged like the signer.
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
	// Detail explains the verdict and trust in a sentence or two.
	Detail string `json:"detail,omitempty"`
}

// Report is the verification of a document.
type Report struct {
	Signatures []SignatureReport `json:"signatures"`
	// Verdict is the worst verdict among the signatures, or not_signed.
	Verdict Verdict `json:"verdict"`
}

// Verify checks every signature in pdf. roots are the trusted certificate
// authorities (nil: the system's). Input that is not a PDF is an error; a
// PDF without signatures gets the verdict not_signed.
func Verify(pdf []byte, roots *x509.CertPool) (*Report, error) {
	if !looksLikePDF(pdf) {
		return nil, ErrNotPDF
	}
	if roots == nil {
		roots = systemRoots()
	}
	v := &verifier{data: pdf, roots: roots, revisions: map[int64]*pdfRevision{}}
	v.final, v.finalErr = openPDF(pdf)
	sigs := v.discover()
	if len(sigs) == 0 {
		if v.finalErr != nil {
			return nil, v.finalErr
		}
		return &Report{Signatures: []SignatureReport{}, Verdict: VerdictNotSigned}, nil
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

func rank(v Verdict) int {
	switch v {
	case VerdictValid:
		return 0
	case VerdictModified:
		return 1
	}
	return 2
}

func looksLikePDF(data []byte) bool {
	head := data[:min(len(data), 1024)]
	return bytes.Contains(head, []byte("%PDF-"))
}

func systemRoots() *x509.CertPool {
	if p, err := x509.SystemCertPool(); err == nil {
		return p
	}
	return x509.NewCertPool()
}

// foundSig is a signature located in the file, by its form field, by a scan
// of the raw bytes, or both.
type foundSig struct {
	field     string
	dict      pdf.Value // zero when only the raw scan found it
	byteRange []int64
	inForm    bool
	damaged   bool // the dictionary or its byte range could not be read
}

func (s *foundSig) end() int64 {
	if len(s.byteRange) < 4 {
		return 0
	}
	return s.byteRange[len(s.byteRange)-2] + s.byteRange[len(s.byteRange)-1]
}

type verifier struct {
	data      []byte
	roots     *x509.CertPool
	final     *pdf.Reader
	finalErr  error
	sigs      []*foundSig
	revisions map[int64]*pdfRevision
}

// byteRangeRE finds signature byte ranges without trusting the file's
// structure, so a signature is still checked when a tamperer broke the xref.
// Compiled on first use: commands that do not verify skip them.
var (
	byteRangeRE = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`/ByteRange\s*\[\s*(\d{1,15})\s+(\d{1,15})\s+(\d{1,15})\s+(\d{1,15})\s*\]`)
	})
	looseByteRangeRE = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`/ByteRange\s*\[`) })
)

func (v *verifier) discover() []*foundSig {
	var sigs []*foundSig
	if v.final != nil {
		_ = guard("reading form fields", func() error {
			walkFields(v.final.Trailer().Key("Root").Key("AcroForm").Key("Fields"), func(f formField) {
				if f.ft != "Sig" {
					return
				}
				s := &foundSig{field: f.name, inForm: true}
				// Each signature is read on its own, so one damaged
				// dictionary is reported instead of hiding the others.
				err := guard("reading signature", func() error {
					val := f.dict.Key("V")
					if val.Kind() != pdf.Dict {
						s = nil
						return nil
					}
					s.dict = val
					br := val.Key("ByteRange")
					for i := 0; i < br.Len(); i++ {
						s.byteRange = append(s.byteRange, br.Index(i).Int64())
					}
					return nil
				})
				if err != nil {
					s.damaged = true
				}
				if s != nil {
					sigs = append(sigs, s)
				}
			})
			return nil
		})
	}
	for _, m := range byteRangeRE().FindAllSubmatch(v.data, -1) {
		br := make([]int64, 4)
		for i := range br {
			br[i], _ = strconv.ParseInt(string(m[i+1]), 10, 64)
		}
		known := false
		for _, s := range sigs {
			if equalRanges(s.byteRange, br) {
				known = true
			}
		}
		// Only a range that frames a hex string is a signature; anything
		// else is the text "/ByteRange" occurring in some content.
		if !known && framesGap(v.data, br) {
			sigs = append(sigs, &foundSig{byteRange: br})
		}
	}
	// A byte range too damaged to read still means a signature was there:
	// report it broken rather than call the document unsigned.
	unreadable := 0
	for _, loc := range looseByteRangeRE().FindAllIndex(v.data, -1) {
		if loc := byteRangeRE().FindIndex(v.data[loc[0]:min(loc[0]+128, len(v.data))]); loc == nil || loc[0] != 0 {
			unreadable++
		}
	}
	for _, s := range sigs {
		if len(s.byteRange) != 4 {
			unreadable-- // already reported through its form field
		}
	}
	for ; unreadable > 0; unreadable-- {
		sigs = append(sigs, &foundSig{damaged: true})
	}
	sort.SliceStable(sigs, func(i, j int) bool { return sigs[i].end() < sigs[j].end() })
	return sigs
}

func equalRanges(a, b []int64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// framesGap tells whether byteRange is [0 a b c] with a hex string exactly
// filling the gap between a and b; the end (b+c) may lie beyond the data,
// which happens when a signed file was truncated.
func framesGap(data []byte, br []int64) bool {
	if len(br) != 4 || br[0] != 0 || br[1] <= 0 || br[2] <= br[1]+1 || br[3] < 0 || br[2] > int64(len(data)) {
		return false
	}
	gap := data[br[1]:br[2]]
	if gap[0] != '<' || gap[len(gap)-1] != '>' {
		return false
	}
	for _, c := range gap[1 : len(gap)-1] {
		if !isHexDigit(c) && !isPDFSpace(c) {
			return false
		}
	}
	return true
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
	byteRange                                           []int64
}

func readMeta(d pdf.Value) (m sigMeta, err error) {
	err = guard("reading signature dictionary", func() error {
		m.name = d.Key("Name").Text()
		m.reason = d.Key("Reason").Text()
		m.location = d.Key("Location").Text()
		m.contact = d.Key("ContactInfo").Text()
		m.subFilter = d.Key("SubFilter").Name()
		m.sigType = d.Key("Type").Name()
		if t, ok := parsePDFDate(d.Key("M").Text()); ok {
			m.claimed = t
		}
		m.permission = docMDPPermission(d)
		m.contents = []byte(d.Key("Contents").RawString())
		br := d.Key("ByteRange")
		for i := 0; i < br.Len(); i++ {
			m.byteRange = append(m.byteRange, br.Index(i).Int64())
		}
		return nil
	})
	return m, err
}

func (m sigMeta) sameClaims(o sigMeta) bool {
	return m.name == o.name && m.reason == o.reason && m.location == o.location && m.contact == o.contact &&
		m.claimed.Equal(o.claimed) && m.permission == o.permission && m.subFilter == o.subFilter &&
		equalRanges(m.byteRange, o.byteRange) && bytes.Equal(m.contents, o.contents)
}

func (v *verifier) check(s *foundSig) SignatureReport {
	rep := SignatureReport{Field: s.field, Trust: TrustUnknown}
	fail := func(verdict Verdict, format string, args ...any) SignatureReport {
		rep.Verdict = verdict
		rep.Detail = fmt.Sprintf(format, args...)
		return rep
	}
	if s.damaged {
		return fail(VerdictInvalid, "the signature dictionary is damaged and cannot be read")
	}
	var meta sigMeta
	if s.inForm {
		var err error
		if meta, err = readMeta(s.dict); err != nil {
			return fail(VerdictInvalid, "the signature dictionary is unreadable")
		}
	}
	rep.Name, rep.Reason, rep.Location, rep.Contact = meta.name, meta.reason, meta.location, meta.contact
	rep.Certification = meta.permission != 0
	rep.Permission = meta.permission
	rep.Time = meta.claimed

	br := s.byteRange
	if len(br) != 4 {
		return fail(VerdictInvalid, "the signature's byte range has %d numbers instead of 4", len(br))
	}
	if !framesGap(v.data, br) {
		return fail(VerdictInvalid, "the signature's byte range does not start at the beginning of the file and exclude exactly the signature value")
	}
	if br[2]+br[3] > int64(len(v.data)) {
		return fail(VerdictModified, "the file is shorter than the signed byte range: it was truncated after signing")
	}
	gap := v.data[br[1]+1 : br[2]-1]
	contents, err := hex.DecodeString(string(bytes.Map(func(r rune) rune {
		if r < 128 && isPDFSpace(byte(r)) {
			return -1
		}
		return r
	}, gap)))
	if err != nil {
		return fail(VerdictInvalid, "the signature value is not valid hexadecimal")
	}
	if s.inForm && !bytes.Equal(contents, meta.contents) {
		return fail(VerdictInvalid, "the signature value in the byte range is not the one in the signature dictionary")
	}
	ranges := [][]byte{v.data[:br[1]], v.data[br[2] : br[2]+br[3]]}

	var verdict Verdict
	var detail string
	if meta.subFilter == "ETSI.RFC3161" {
		verdict, detail = v.checkDocTimestamp(&rep, contents, ranges)
	} else {
		verdict, detail = v.checkCMS(&rep, contents, ranges)
	}
	if verdict != VerdictValid {
		rep.Verdict, rep.Detail = verdict, detail
		return rep
	}

	coverage, problem := v.coverage(s, meta)
	rep.CoversWholeDocument = coverage == ""
	switch {
	case problem != "":
		rep.Verdict = VerdictModified
		rep.Detail = joinDetail(problem, detail)
	case !s.inForm && v.finalErr == nil && !rep.CoversWholeDocument:
		rep.Verdict = VerdictModified
		rep.Detail = joinDetail("the signature is no longer listed among the document's signature fields: it was removed in a later revision", detail)
	case !s.inForm && v.finalErr == nil:
		// Signed that way: the writer never listed its own field.
		rep.Verdict = VerdictValid
		rep.Detail = joinDetail("the signature is not listed among the document's signature fields", detail)
	default:
		rep.Verdict = VerdictValid
		rep.Detail = joinDetail(coverage, detail)
		if v.finalErr != nil {
			rep.Detail = joinDetail("the PDF structure is damaged; only the signed bytes could be checked", rep.Detail)
		}
	}
	return rep
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

// checkCMS verifies an adbe.pkcs7.detached / ETSI.CAdES.detached signature.
// The returned detail describes trust when the verdict is valid.
func (v *verifier) checkCMS(rep *SignatureReport, contents []byte, ranges [][]byte) (Verdict, string) {
	p7, err := parseCMS(contents)
	if err != nil {
		return VerdictInvalid, "the signature value is not a readable CMS signature"
	}
	if len(p7.Signers) != 1 {
		return VerdictInvalid, fmt.Sprintf("the signature has %d signers instead of 1", len(p7.Signers))
	}
	si := p7.Signers[0]
	var cert *x509.Certificate
	for _, c := range p7.Certificates {
		if c.SerialNumber.Cmp(si.IssuerAndSerialNumber.SerialNumber) == 0 && bytes.Equal(c.RawIssuer, si.IssuerAndSerialNumber.IssuerName.FullBytes) {
			cert = c
		}
	}
	if cert == nil {
		return VerdictInvalid, "the signer's certificate is not in the signature"
	}
	rep.Signer = displayName(cert)
	rep.Issuer = issuerName(cert)
	rep.CertificateSHA256 = Fingerprint(cert)

	hash, ok := hashForOID(si.DigestAlgorithm.Algorithm)
	if !ok {
		return VerdictInvalid, fmt.Sprintf("unsupported digest algorithm %v", si.DigestAlgorithm.Algorithm)
	}
	h := hash.New()
	for _, r := range ranges {
		h.Write(r)
	}
	digest := h.Sum(nil)

	alg, ok := signatureAlgorithm(si.DigestEncryptionAlgorithm.Algorithm, hash)
	if !ok {
		return VerdictInvalid, fmt.Sprintf("unsupported signature algorithm %v", si.DigestEncryptionAlgorithm.Algorithm)
	}
	var signingTime time.Time
	if len(si.AuthenticatedAttributes) == 0 {
		// Old-style signature straight over the content.
		if err := cert.CheckSignature(alg, bytes.Join(ranges, nil), si.EncryptedDigest); err != nil {
			return VerdictInvalid, "the signature value does not match the signer's key: " + err.Error()
		}
	} else {
		// The signer signed the DER encoding of its attributes (RFC 5652,
		// 5.4). Most files hold exactly those bytes; some signers leave
		// the set unsorted and sign it that way, and a BER-encoded CMS
		// holds other bytes than were signed. So the attributes as they
		// are in the file are tried first, then their DER re-encoding.
		// The digest and time are read from the very bytes whose
		// signature verified, by a strict parser.
		var candidates [][]byte
		if raw := rawSignedAttributes(contents); raw != nil {
			candidates = append(candidates, raw)
		}
		attrs := make([]cmsAttribute, len(si.AuthenticatedAttributes))
		for i, a := range si.AuthenticatedAttributes {
			attrs[i] = cmsAttribute{Type: a.Type, Value: a.Value}
		}
		if der, err := marshalAttributeSet(attrs); err == nil && (len(candidates) == 0 || !bytes.Equal(der, candidates[0])) {
			candidates = append(candidates, der)
		}
		var signed []byte
		var sigErr error
		for _, c := range candidates {
			if sigErr = cert.CheckSignature(alg, c, si.EncryptedDigest); sigErr == nil {
				signed = c
				break
			}
		}
		if signed == nil {
			if sigErr == nil {
				return VerdictInvalid, "the signed attributes cannot be read"
			}
			return VerdictInvalid, "the signature value does not match the signer's key: " + sigErr.Error()
		}
		md, t, err := attributeValues(signed)
		if err != nil {
			return VerdictInvalid, "the signed attributes are malformed: " + err.Error()
		}
		if !bytes.Equal(md, digest) {
			return VerdictModified, "the signed bytes were changed after signing: their digest no longer matches the signature"
		}
		signingTime = t
	}

	if !signingTime.IsZero() {
		rep.Time = signingTime
	}
	trustTime := rep.Time
	var tsDetail string
	for _, a := range si.UnauthenticatedAttributes {
		if !a.Type.Equal(oidAttrTimeStampToken) {
			continue
		}
		ts, err := parseTimestampToken(a.Value.Bytes)
		if err != nil {
			return VerdictInvalid, "the signature's timestamp is unreadable or its own signature is wrong"
		}
		th := ts.HashAlgorithm.New()
		th.Write(si.EncryptedDigest)
		if !bytes.Equal(th.Sum(nil), ts.HashedMessage) {
			return VerdictInvalid, "the timestamp belongs to a different signature"
		}
		// A token without certificates has no checked signature (the
		// parser only verifies one when certificates are present): its time
		// is nobody's word and is not shown as an authority's.
		tsa := tokenSigner(a.Value.Bytes)
		if tsa == nil {
			tsDetail = "the signature carries a timestamp without the authority's certificate; it cannot be checked and is ignored"
			continue
		}
		rep.Timestamped = true
		rep.Time = ts.Time
		rep.TimestampAuthority = displayName(tsa)
		var why string
		rep.TimestampTrust, why = v.chainTrust(tsa, ts.Certificates, ts.Time, x509.ExtKeyUsageTimeStamping)
		tsDetail = joinDetail("timestamped by "+rep.TimestampAuthority, why)
		// Only a trusted authority's clock replaces the signer's claim
		// when judging whether the certificate was valid at signing.
		if rep.TimestampTrust == TrustTrusted {
			trustTime = ts.Time
		}
	}
	if trustTime.IsZero() {
		trustTime = time.Now()
	}
	var why string
	rep.Trust, why = v.trust(cert, p7.Certificates, trustTime)
	return VerdictValid, joinDetail(why, tsDetail)
}

// checkDocTimestamp verifies an ETSI.RFC3161 document timestamp.
func (v *verifier) checkDocTimestamp(rep *SignatureReport, contents []byte, ranges [][]byte) (Verdict, string) {
	ts, err := parseTimestampToken(trimDER(contents))
	if err != nil {
		return VerdictInvalid, "the document timestamp is unreadable or its signature is wrong"
	}
	h := ts.HashAlgorithm.New()
	for _, r := range ranges {
		h.Write(r)
	}
	if !bytes.Equal(h.Sum(nil), ts.HashedMessage) {
		return VerdictModified, "the timestamped bytes were changed: their digest no longer matches the timestamp"
	}
	cert := tokenSigner(trimDER(contents))
	if cert == nil {
		return VerdictInvalid, "document timestamp without the authority's certificate: its signature cannot be checked"
	}
	rep.Timestamped = true
	rep.Time = ts.Time
	rep.Signer, rep.Issuer, rep.CertificateSHA256 = displayName(cert), issuerName(cert), Fingerprint(cert)
	var why string
	rep.Trust, why = v.trust(cert, ts.Certificates, ts.Time)
	return VerdictValid, joinDetail("document timestamp", why)
}

func issuerName(c *x509.Certificate) string {
	if c.Issuer.CommonName != "" {
		return c.Issuer.CommonName
	}
	return c.Issuer.String()
}

// trust evaluates the signer's certificate at the signing time.
func (v *verifier) trust(cert *x509.Certificate, pool []*x509.Certificate, at time.Time) (string, string) {
	if reason := usageProblem(cert); reason != "" {
		return TrustNotForSigning, "the certificate " + reason
	}
	return v.chainTrust(cert, pool, at, x509.ExtKeyUsageAny)
}

// chainTrust checks that cert chains to the roots at time at, for usage.
func (v *verifier) chainTrust(cert *x509.Certificate, pool []*x509.Certificate, at time.Time, usage x509.ExtKeyUsage) (string, string) {
	inter := x509.NewCertPool()
	for _, c := range pool {
		if !c.Equal(cert) {
			inter.AddCert(c)
		}
	}
	_, err := cert.Verify(x509.VerifyOptions{
		Roots: v.roots, Intermediates: inter, CurrentTime: at,
		KeyUsages: []x509.ExtKeyUsage{usage},
	})
	if err == nil {
		return TrustTrusted, ""
	}
	var unknown x509.UnknownAuthorityError
	var invalid x509.CertificateInvalidError
	switch {
	case errors.As(err, &unknown):
		if isSelfSigned(cert) {
			return TrustSelfSigned, "the certificate is self-signed and not among the trusted ones"
		}
		return TrustUnknownIssuer, fmt.Sprintf("the issuer %q is not among the trusted certificate authorities", issuerName(cert))
	case errors.As(err, &invalid) && invalid.Reason == x509.Expired:
		if at.Before(cert.NotBefore) {
			return TrustNotYetValid, "the certificate was not yet valid at the signing time"
		}
		return TrustExpired, "a certificate in the chain had expired at the signing time"
	}
	return TrustUntrusted, "the certificate chain was rejected: " + err.Error()
}

// cmsAttribute mirrors the CMS Attribute so parsed signed attributes can be
// re-encoded byte for byte (their Value keeps the original encoding).
type cmsAttribute struct {
	Type  asn1.ObjectIdentifier
	Value asn1.RawValue `asn1:"set"`
}

func marshalAttributeSet(attrs []cmsAttribute) ([]byte, error) {
	seq, err := asn1.Marshal(struct {
		A []cmsAttribute `asn1:"set"`
	}{attrs})
	if err != nil {
		return nil, err
	}
	var outer asn1.RawValue
	if _, err := asn1.Unmarshal(seq, &outer); err != nil {
		return nil, err
	}
	return outer.Bytes, nil
}

func parseCMS(der []byte) (p7 *pkcs7.PKCS7, err error) {
	defer func() {
		if r := recover(); r != nil {
			p7, err = nil, errors.New("unreadable CMS")
		}
	}()
	return pkcs7.Parse(der)
}

// trimDER cuts the zero padding after a DER structure.
func trimDER(b []byte) []byte {
	var raw asn1.RawValue
	if rest, err := asn1.Unmarshal(b, &raw); err == nil {
		return b[:len(b)-len(rest)]
	}
	return b
}

var (
	oidSHA1   = asn1.ObjectIdentifier{1, 3, 14, 3, 2, 26}
	oidSHA384 = asn1.ObjectIdentifier{2, 16, 840, 1, 101, 3, 4, 2, 2}
	oidSHA512 = asn1.ObjectIdentifier{2, 16, 840, 1, 101, 3, 4, 2, 3}
)

func hashForOID(oid asn1.ObjectIdentifier) (crypto.Hash, bool) {
	switch {
	case oid.Equal(oidSHA256):
		return crypto.SHA256, true
	case oid.Equal(oidSHA384):
		return crypto.SHA384, true
	case oid.Equal(oidSHA512):
		return crypto.SHA512, true
	case oid.Equal(oidSHA1):
		return crypto.SHA1, true
	}
	return 0, false
}

// signatureAlgorithm maps a SignerInfo's signature algorithm and digest to
// the x509 algorithm that checks it.
func signatureAlgorithm(oid asn1.ObjectIdentifier, h crypto.Hash) (x509.SignatureAlgorithm, bool) {
	rsa := map[crypto.Hash]x509.SignatureAlgorithm{crypto.SHA1: x509.SHA1WithRSA, crypto.SHA256: x509.SHA256WithRSA, crypto.SHA384: x509.SHA384WithRSA, crypto.SHA512: x509.SHA512WithRSA}
	pss := map[crypto.Hash]x509.SignatureAlgorithm{crypto.SHA256: x509.SHA256WithRSAPSS, crypto.SHA384: x509.SHA384WithRSAPSS, crypto.SHA512: x509.SHA512WithRSAPSS}
	ec := map[crypto.Hash]x509.SignatureAlgorithm{crypto.SHA1: x509.ECDSAWithSHA1, crypto.SHA256: x509.ECDSAWithSHA256, crypto.SHA384: x509.ECDSAWithSHA384, crypto.SHA512: x509.ECDSAWithSHA512}
	var table map[crypto.Hash]x509.SignatureAlgorithm
	switch s := oid.String(); s {
	case "1.2.840.113549.1.1.1", "1.2.840.113549.1.1.5", "1.2.840.113549.1.1.11", "1.2.840.113549.1.1.12", "1.2.840.113549.1.1.13":
		table = rsa
	case "1.2.840.113549.1.1.10":
		table = pss
	case "1.2.840.10045.2.1", "1.2.840.10045.4.1", "1.2.840.10045.4.3.2", "1.2.840.10045.4.3.3", "1.2.840.10045.4.3.4":
		table = ec
	case "1.3.101.112":
		return x509.PureEd25519, true
	}
	alg, ok := table[h]
	return alg, ok
}
