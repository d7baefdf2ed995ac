package cms

import (
	"crypto/x509"
	"errors"

	"github.com/digitorus/pkcs7"
	"github.com/digitorus/timestamp"
)

// TokenSigner returns the certificate that actually signed a timestamp
// token (matched by the SignerInfo's issuer and serial number, as the
// signature check itself does), or nil when the token carries none. The
// first certificate in the token, or the first with the time-stamping
// usage, may be anyone's: a forger can include a genuine authority's
// certificate beside their own.
func TokenSigner(data []byte) (cert *x509.Certificate) {
	if !DepthOK(data, MaxDepth) {
		return nil
	}
	defer func() {
		if recover() != nil {
			cert = nil
		}
	}()
	p7, err := pkcs7.Parse(data)
	if err != nil || len(p7.Certificates) == 0 {
		return nil
	}
	return p7.GetOnlySigner()
}

// ParseTimestampToken reads an RFC 3161 token and, when it carries
// certificates, checks its signature; nesting deeper than MaxDepth, and any
// panic of the parser, is an error.
func ParseTimestampToken(data []byte) (ts *timestamp.Timestamp, err error) {
	if !DepthOK(data, MaxDepth) {
		return nil, errors.New("the timestamp token nests too deeply")
	}
	defer func() {
		if r := recover(); r != nil {
			ts, err = nil, errors.New("unreadable timestamp token")
		}
	}()
	return timestamp.Parse(data)
}
