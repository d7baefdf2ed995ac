package sign

import (
	"bytes"
	"context"
	"crypto"
	"crypto/rand"
	"crypto/sha256"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"math/big"
	"net/http"
	"net/url"
	"time"

	"github.com/digitorus/pkcs7"
	"github.com/digitorus/timestamp"
)

// tsaTimeout bounds one request to a timestamp authority; an export must not
// hang on a dead network.
const tsaTimeout = 30 * time.Second

// maxTSAResponse caps what we read from a timestamp authority.
const maxTSAResponse = 1 << 20

// defaultTokenReserve is the space kept for a timestamp token before the TSA
// has answered. Public TSAs answer with 2–8 KB tokens (their certificate
// chain included); a bigger one makes Sign lay the update out once more.
const defaultTokenReserve = 12 * 1024

var tsaClient = &http.Client{Timeout: tsaTimeout}

// fetchTimestamp asks the TSA at rawURL for an RFC 3161 token over signature
// (the CMS signature value, as CAdES/PAdES require) and returns the DER token.
func fetchTimestamp(ctx context.Context, rawURL string, signature []byte) ([]byte, error) {
	u, err := url.Parse(rawURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, errors.New("timestamp authority: the URL must be an http or https address")
	}
	where := "timestamp authority " + u.Redacted()
	sum := sha256.Sum256(signature)
	nonce, err := rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), 63))
	if err != nil {
		return nil, err
	}
	req := timestamp.Request{HashAlgorithm: crypto.SHA256, HashedMessage: sum[:], Certificates: true, Nonce: nonce}
	body, err := req.Marshal()
	if err != nil {
		return nil, fmt.Errorf("%s: cannot encode request: %v", where, err)
	}
	httpReq, err := http.NewRequestWithContext(ctx, http.MethodPost, u.String(), bytes.NewReader(body))
	if err != nil {
		return nil, fmt.Errorf("%s: %v", where, err)
	}
	httpReq.Header.Set("Content-Type", "application/timestamp-query")
	if u.User != nil {
		pw, _ := u.User.Password()
		httpReq.SetBasicAuth(u.User.Username(), pw)
	}
	resp, err := tsaClient.Do(httpReq)
	if err != nil {
		// net/http errors quote the URL; keep credentials out of them.
		var uerr *url.Error
		if errors.As(err, &uerr) {
			err = uerr.Err
		}
		return nil, fmt.Errorf("%s: %w", where, err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, maxTSAResponse+1))
	if err != nil {
		return nil, fmt.Errorf("%s: %v", where, err)
	}
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("%s answered %s", where, resp.Status)
	}
	if len(data) > maxTSAResponse {
		return nil, fmt.Errorf("%s: response larger than %d bytes", where, maxTSAResponse)
	}
	ts, err := parseTimestampResponse(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %v", where, err)
	}
	if ts.HashAlgorithm != crypto.SHA256 || !bytes.Equal(ts.HashedMessage, sum[:]) {
		return nil, fmt.Errorf("%s: the token does not cover our signature", where)
	}
	if ts.Nonce == nil || ts.Nonce.Cmp(nonce) != 0 {
		return nil, fmt.Errorf("%s: the token does not answer our request (nonce differs)", where)
	}
	return ts.RawToken, nil
}

func parseTimestampResponse(data []byte) (ts *timestamp.Timestamp, err error) {
	defer func() {
		if r := recover(); r != nil {
			ts, err = nil, errors.New("unreadable timestamp response")
		}
	}()
	return timestamp.ParseResponse(data)
}

// tokenSigner returns the certificate that actually signed a timestamp
// token (matched by the SignerInfo's issuer and serial number, as the
// signature check itself does), or nil when the token carries none. The
// first certificate in the token, or the first with the time-stamping
// usage, may be anyone's: a forger can include a genuine authority's
// certificate beside their own.
func tokenSigner(data []byte) (cert *x509.Certificate) {
	if !asn1DepthOK(data, maxASN1Depth) {
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

func parseTimestampToken(data []byte) (ts *timestamp.Timestamp, err error) {
	if !asn1DepthOK(data, maxASN1Depth) {
		return nil, errors.New("the timestamp token nests too deeply")
	}
	defer func() {
		if r := recover(); r != nil {
			ts, err = nil, errors.New("unreadable timestamp token")
		}
	}()
	return timestamp.Parse(data)
}
