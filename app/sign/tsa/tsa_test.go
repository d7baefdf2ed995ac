package tsa

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// TestFetchErrors: callers tell a bad address, a bad answer and a
// cancelled request apart with errors.Is, and no error repeats the
// credentials of the URL.
func TestFetchErrors(t *testing.T) {
	failing := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "down for maintenance", http.StatusServiceUnavailable)
	}))
	defer failing.Close()
	garbage := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = w.Write([]byte("not DER at all"))
	}))
	defer garbage.Close()
	release := make(chan struct{})
	slow := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-release:
		case <-r.Context().Done():
		}
	}))
	defer slow.Close()
	defer close(release)

	cancelled, cancel := context.WithCancel(context.Background())
	time.AfterFunc(50*time.Millisecond, cancel)
	withUser := strings.Replace(failing.URL, "http://", "http://officer:s3cret@", 1)
	cases := []struct {
		name string
		ctx  context.Context
		url  string
		want error
	}{
		{"not http", context.Background(), "ftp://tsa.example/", ErrURL},
		{"no host", context.Background(), "http:///tsr", ErrURL},
		{"error status", context.Background(), withUser, ErrAnswer},
		{"not a response", context.Background(), garbage.URL, ErrAnswer},
		{"cancelled", cancelled, slow.URL, context.Canceled},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			token, err := Fetch(c.ctx, nil, c.url, []byte("signature value"))
			if token != nil || !errors.Is(err, c.want) {
				t.Fatalf("got %v (token %d bytes), want %v", err, len(token), c.want)
			}
			if strings.Contains(err.Error(), "s3cret") {
				t.Errorf("the password leaks into the error: %v", err)
			}
		})
	}
}
