package sign

import (
	"context"
	"errors"
	"net/http"
	"time"

	"communique/app/sign/certs"
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
	// TSAClient makes the timestamp request; nil means a client with
	// tsa.Timeout.
	TSAClient *http.Client
	// Widget, when set, makes the signature field visible over this
	// rectangle. The field's appearance is empty: the page content already
	// shows the typeset signature block, so viewers draw nothing over it and
	// the rectangle only ties the block to the signature.
	Widget *Rect
}

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
// ctx bounds the timestamp request: cancelling it abandons the signature,
// with an error that wraps context.Canceled.
func Sign(ctx context.Context, pdf []byte, id *Identity, opt Options) ([]byte, error) {
	out, _, err := signer{}.sign(ctx, pdf, id, opt)
	return out, err
}

// signer holds what a test may vary about the CMS, to imitate other
// signers: the order the signed attributes are written in (nil: DER
// order) and the bytes embedded for them (nil: the very bytes signed).
type signer struct {
	order func(attrs [][]byte)
	embed func(signed []byte) []byte
}

func (s signer) embedded(signed []byte) []byte {
	if s.embed == nil {
		return signed
	}
	return s.embed(signed)
}

// sign is Sign reporting how many layouts it needed: 1 unless the TSA sent
// a token larger than defaultTokenReserve.
func (s signer) sign(ctx context.Context, in []byte, id *Identity, opt Options) ([]byte, int, error) {
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
		opt.Name = certs.Name(id.Certificate)
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
		out, need, err := s.build(ctx, target, id, opt, when, reserve)
		if errors.Is(err, errTokenTooLarge) && attempt == 1 {
			reserve = need + 1024
			continue
		}
		return out, attempt, err
	}
}
