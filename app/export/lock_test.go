package export

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"communique/app/safefile"
)

// TestConcurrentExportsLeaveAConsistentSet: exports into one folder at
// once, each signed at a different time (so their PDFs differ), leave a
// manifest that describes the PDF on disk. Before the folder lock, their
// renames interleaved and the manifest could describe another export's
// PDF.
func TestConcurrentExportsLeaveAConsistentSet(t *testing.T) {
	w := sample(t)
	id, roots := testIdentity(t)
	const rounds, n = 25, 4
	distinct := map[string]bool{}
	for round := range rounds {
		out := t.TempDir()
		plans := make([]*Plan, n)
		for i := range plans {
			// Signed at different times, so each export's PDF is its own.
			at := time.Now().Add(time.Duration(round*n+i) * time.Second)
			p, err := Prepare(w, Options{Langs: []string{"en"}, OutDir: out, LockWait: time.Minute,
				Identity: id, Roots: roots, Now: func() time.Time { return at }})
			if err != nil {
				t.Fatal(err)
			}
			plans[i] = p
		}
		var mu sync.Mutex
		var wg sync.WaitGroup
		for _, p := range plans {
			wg.Go(func() {
				m, err := p.Run(context.Background())
				if err != nil {
					t.Error(err)
					return
				}
				mu.Lock()
				distinct[m.Files[0].SHA256] = true
				mu.Unlock()
			})
		}
		wg.Wait()
		var m Manifest
		raw, err := os.ReadFile(filepath.Join(out, ManifestFile))
		if err != nil || json.Unmarshal(raw, &m) != nil || len(m.Files) != 1 {
			t.Fatalf("manifest: %v %s", err, raw)
		}
		data, _ := os.ReadFile(filepath.Join(out, m.Files[0].Name))
		sum := sha256.Sum256(data)
		if hex.EncodeToString(sum[:]) != m.Files[0].SHA256 {
			t.Errorf("round %d: manifest.json describes a PDF that is not the one on disk", round)
		}
	}
	if len(distinct) < rounds*n/2 {
		t.Fatalf("only %d distinct PDFs from %d exports: the test cannot tell them apart", len(distinct), rounds*n)
	}
}

// TestExportWaitsForTheFolder: an export finding its folder locked past
// its wait says so and writes nothing.
func TestExportWaitsForTheFolder(t *testing.T) {
	w := sample(t)
	out := t.TempDir()
	l, err := safefile.LockDir(out, true, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Unlock()
	_, err = Run(context.Background(), w, Options{Langs: []string{"en"}, OutDir: out, LockWait: 50 * time.Millisecond})
	if !errors.Is(err, safefile.ErrLocked) {
		t.Fatalf("err %v", err)
	}
	if entries, _ := os.ReadDir(out); len(entries) != 0 {
		t.Errorf("wrote %d files", len(entries))
	}
}
