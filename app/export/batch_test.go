package export

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

func skippedLangs(m *Manifest) []string {
	var out []string
	for _, s := range m.Skipped {
		out = append(out, s.Lang)
	}
	return out
}

func fileLangs(m *Manifest) []string {
	var out []string
	for _, f := range m.Files {
		out = append(out, f.Lang)
	}
	return out
}

// TestBatchExportsWhatIsReady: on the sample, every language asked for
// that is ready is written (en, and ar whose stale paragraph is only a
// warning), and fr and ckb are reported with the messages they lack, in
// the returned manifest and in manifest.json.
func TestBatchExportsWhatIsReady(t *testing.T) {
	w := sample(t)
	st := w.Statements[0]
	out := t.TempDir()
	m, err := Run(context.Background(), w, Options{OutDir: out, Langs: []string{"all"}, Batch: true})
	if err != nil {
		t.Fatal(err)
	}
	if got := fileLangs(m); !slices.Equal(got, []string{"en", "ar"}) {
		t.Errorf("written %v, want en and ar", got)
	}
	if got := skippedLangs(m); !slices.Equal(got, []string{"fr", "ckb"}) {
		t.Fatalf("skipped %v, want fr and ckb", got)
	}
	for _, s := range m.Skipped {
		var inc *IncompleteError
		if len(s.Errs) != 1 || !errors.As(s.Errs[0], &inc) || len(inc.Missing) == 0 {
			t.Errorf("%s: reasons %v, want the missing messages", s.Lang, s.Reasons)
		}
	}
	if fr := m.Skipped[0]; !strings.Contains(fr.Reasons[0], st.ID+".p4") {
		t.Errorf("fr reason %q does not name the missing paragraph", fr.Reasons[0])
	}
	if !slices.Equal(m.Languages, []string{"en", "ar"}) {
		t.Errorf("manifest languages %v", m.Languages)
	}
	for _, l := range []string{"en", "ar"} {
		if _, err := os.Stat(filepath.Join(out, st.ID+"."+l+".pdf")); err != nil {
			t.Error(err)
		}
	}
	var onDisk Manifest
	raw, _ := os.ReadFile(filepath.Join(out, ManifestFile))
	if err := json.Unmarshal(raw, &onDisk); err != nil || len(onDisk.Skipped) != 2 || len(onDisk.Skipped[1].Reasons) != 1 {
		t.Errorf("manifest.json does not list the skipped languages: %v\n%s", err, raw)
	}
}

// TestBatchGlyphsDoNotBlockOthers: a language with characters no font
// draws is skipped with every such character and the messages using it,
// and the other languages are still written.
func TestBatchGlyphsDoNotBlockOthers(t *testing.T) {
	w := sample(t)
	st := w.Statements[0]
	// Egyptian hieroglyphs: no bundled font has them.
	for i, text := range []string{"نص \U00013000", "نص \U00013000 \U00013001"} {
		if err := w.SetTranslation("ar", st.Paragraphs[i], text); err != nil {
			t.Fatal(err)
		}
	}
	m, err := Run(context.Background(), w, Options{OutDir: t.TempDir(), Langs: []string{"all"}, Batch: true})
	if err != nil {
		t.Fatal(err)
	}
	if got := fileLangs(m); !slices.Equal(got, []string{"en"}) {
		t.Errorf("written %v, want en", got)
	}
	i := slices.Index(skippedLangs(m), "ar")
	if i < 0 {
		t.Fatalf("ar not skipped: %+v", m.Skipped)
	}
	var chars []rune
	for _, err := range m.Skipped[i].Errs {
		var ge *GlyphError
		if !errors.As(err, &ge) {
			t.Errorf("unexpected reason %v", err)
			continue
		}
		chars = append(chars, ge.Char)
		if ge.Char == 0x13000 && !slices.Equal(ge.Messages, st.Paragraphs[:2]) {
			t.Errorf("U+13000 in %v, want %v", ge.Messages, st.Paragraphs[:2])
		}
	}
	if !slices.Equal(chars, []rune{0x13000, 0x13001}) {
		t.Errorf("missing characters %U, want every one", chars)
	}
}

// TestStrictRefusesStale: the sample's Arabic has a paragraph translated
// from an older English text; Strict leaves it out, naming that, and
// without Strict it is published.
func TestStrictRefusesStale(t *testing.T) {
	w := sample(t)
	m, err := Run(context.Background(), w, Options{OutDir: t.TempDir(), Langs: []string{"all"}, Batch: true, Strict: true})
	if err != nil {
		t.Fatal(err)
	}
	i := slices.Index(skippedLangs(m), "ar")
	if i < 0 || slices.Contains(fileLangs(m), "ar") {
		t.Fatalf("ar with a stale paragraph was published under Strict: %v / %v", fileLangs(m), skippedLangs(m))
	}
	var stale *StaleError
	if errs := m.Skipped[i].Errs; len(errs) != 1 || !errors.As(errs[0], &stale) || stale.NeedsReview != 1 {
		t.Errorf("ar reasons %v", m.Skipped[i].Reasons)
	}
	// Without Batch, Strict makes the named language an error.
	_, err = Run(context.Background(), w, Options{OutDir: t.TempDir(), Langs: []string{"ar"}, Strict: true})
	if !errors.As(err, &stale) {
		t.Errorf("strict ar: %v", err)
	}
}

// TestBatchSkipsWhatCannotBeTypeset: a document the PDF engine refuses
// (here: no date) is skipped in a batch rather than stopping it.
func TestBatchSkipsWhatCannotBeTypeset(t *testing.T) {
	w := sample(t)
	w.Statements[0].Date = time.Time{}
	var steps []string
	out := filepath.Join(t.TempDir(), "out")
	m, err := Run(context.Background(), w, Options{OutDir: out, Langs: []string{"en", "ar"}, Batch: true,
		Progress: func(p Progress) { steps = append(steps, p.Lang+":"+p.Step) }})
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Files) != 0 || !slices.Equal(skippedLangs(m), []string{"en", "ar"}) ||
		!strings.Contains(m.Skipped[0].Reasons[0], "no date") {
		t.Errorf("files %v skipped %+v", fileLangs(m), m.Skipped)
	}
	if !slices.Contains(steps, "ar:skipped") {
		t.Errorf("progress %v does not report the skipped file", steps)
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Errorf("a batch that made nothing wrote its folder: %v", err)
	}
}
