// Package tsa asks an RFC 3161 timestamp authority for a token over a
// signature value, as CAdES and PAdES require, and checks that the answer
// is a token for exactly that request (imprint and nonce) before the signer
// embeds it.
package tsa

import (
	"bytes"
	"context"
	"crypto"
	"crypto/rand"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"math/big"
	"net/http"
	"net/url"
	"time"

	"github.com/digitorus/timestamp"
)

// Timeout bounds one request to a timestamp authority when the caller's
// client has none: an export must not hang on a dead network.
const Timeout = 30 * time.Second

// Errors Fetch wraps, for callers that tell a bad address or a bad answer
// from a network failure (which wraps the net/http error, and
// context.Canceled when the caller gave up).
var (
	ErrURL    = errors.New("the URL must be an http or https address")
	ErrAnswer = errors.New("the authority's answer is not a token for this request")
)

// maxTSAResponse caps what we read from a timestamp authority.
const maxTSAResponse = 1 << 20

// Fetch asks the TSA at rawURL for an RFC 3161 token over signature (the
// CMS signature value) and returns the DER token. client nil means a
// client with Timeout; ctx cancels the request.
func Fetch(ctx context.Context, client *http.Client, rawURL string, signature []byte) ([]byte, error) {
	if client == nil {
		client = &http.Client{Timeout: Timeout}
	}
	u, err := url.Parse(rawURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("timestamp authority: %w", ErrURL)
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
		return nil, fmt.Errorf("%s: cannot encode request: %w", where, err)
	}
	httpReq, err := http.NewRequestWithContext(ctx, http.MethodPost, u.String(), bytes.NewReader(body))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", where, err)
	}
	httpReq.Header.Set("Content-Type", "application/timestamp-query")
	if u.User != nil {
		pw, _ := u.User.Password()
		httpReq.SetBasicAuth(u.User.Username(), pw)
	}
	resp, err := client.Do(httpReq)
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
		return nil, fmt.Errorf("%s: %w", where, err)
	}
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("%s answered %s: %w", where, resp.Status, ErrAnswer)
	}
	if len(data) > maxTSAResponse {
		return nil, fmt.Errorf("%s: response larger than %d bytes: %w", where, maxTSAResponse, ErrAnswer)
	}
	ts, err := parseTimestampResponse(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w: %w", where, ErrAnswer, err)
	}
	if ts.HashAlgorithm != crypto.SHA256 || !bytes.Equal(ts.HashedMessage, sum[:]) {
		return nil, fmt.Errorf("%s: the token does not cover our signature: %w", where, ErrAnswer)
	}
	if ts.Nonce == nil || ts.Nonce.Cmp(nonce) != 0 {
		return nil, fmt.Errorf("%s: the token does not answer our request (nonce differs): %w", where, ErrAnswer)
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
