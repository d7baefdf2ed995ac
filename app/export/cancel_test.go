package export

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"testing"
	"time"
)

// A timestamp server that never answers must not hold an export hostage:
// cancelling the context (Ctrl+C, the window's Cancel) stops it at once,
// and nothing is written.
func TestCancelAbandonsATimestampRequest(t *testing.T) {
	w := sample(t)
	id, _ := testIdentity(t)
	asked := make(chan struct{}, 16)
	stop := make(chan struct{})
	tsa := httptest.NewServer(http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		asked <- struct{}{}
		select { // hangs until the client gives up (or the test ends)
		case <-r.Context().Done():
		case <-stop:
		}
	}))
	defer tsa.Close()
	defer close(stop)
	out := t.TempDir()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	start := time.Now()
	go func() {
		_, err := Run(ctx, w, Options{OutDir: out, Langs: []string{"en", "ar"}, Identity: id, TSAURL: tsa.URL})
		done <- err
	}()
	select {
	case <-asked:
	case err := <-done:
		t.Fatalf("export finished without asking the timestamp server: %v", err)
	case <-time.After(30 * time.Second):
		t.Fatal("the timestamp server was never asked")
	}
	cancel()
	select {
	case err := <-done:
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("err = %v, want context.Canceled", err)
		}
	case <-time.After(30 * time.Second):
		t.Fatalf("export still running 30 s after cancel (started %v ago)", time.Since(start))
	}
	if ents, _ := os.ReadDir(out); len(ents) != 0 {
		t.Errorf("a cancelled export wrote %d entries into the folder", len(ents))
	}
}
