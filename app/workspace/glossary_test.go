package workspace

import (
	"errors"
	"os"
	"testing"

	"communique/app/safefile"
	"communique/assets"
	"communique/i18n/glossary"
)

// Terms added, edited and deleted in the app reach glossary.toml and read
// back the same; a glossary changed by hand since it was loaded is never
// overwritten.
func TestSaveGlossary(t *testing.T) {
	dir := t.TempDir()
	if err := os.CopyFS(dir, assets.Sample()); err != nil {
		t.Fatal(err)
	}
	w, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	g, err := w.Glossary()
	if err != nil {
		t.Fatal(err)
	}
	g.Terms = append(g.Terms,
		glossary.Term{Source: "Daesh", Note: "Never 'Islamic State'.",
			Approved:  map[string]string{"ar": "داعش", "fr": "Daech"},
			Forbidden: map[string][]string{"ar": {"تنظيم الدولة", " "}}},
		glossary.Term{Source: "Global Coalition", Approved: map[string]string{"ar": "التحالف الدولي"}})
	if err := w.SaveGlossary(g); err != nil {
		t.Fatal(err)
	}
	g.Terms[1].Approved["fr"] = "Coalition internationale" // edit
	g.Terms = g.Terms[1:]                                  // delete Daesh
	if err := w.SaveGlossary(g); err != nil {
		t.Fatalf("second save of the same glossary: %v", err)
	}
	back, err := w.Glossary()
	if err != nil {
		t.Fatal(err)
	}
	if len(back.Terms) != 1 || back.Terms[0].Source != "Global Coalition" || back.Terms[0].Approved["fr"] != "Coalition internationale" {
		t.Fatalf("read back %+v", back.Terms)
	}

	// A hand edit after back was loaded: saving back must refuse.
	hand := append(back.Read, []byte("\n[[term]]\nsource = \"Operation Inherent Resolve\"\n")...)
	if err := os.WriteFile(w.GlossaryPath(), hand, 0o644); err != nil {
		t.Fatal(err)
	}
	back.Terms = nil
	var conflict *safefile.ConflictError
	if err := w.SaveGlossary(back); !errors.As(err, &conflict) {
		t.Fatalf("save over a hand edit: %v, want a ConflictError", err)
	}
	if now, _ := os.ReadFile(w.GlossaryPath()); string(now) != string(hand) {
		t.Errorf("the hand edit was overwritten:\n%s", now)
	}

	// A glossary file created by hand while the app had none loaded.
	if err := os.Remove(w.GlossaryPath()); err != nil {
		t.Fatal(err)
	}
	empty, _ := w.Glossary()
	if err := os.WriteFile(w.GlossaryPath(), hand, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := w.SaveGlossary(empty); !errors.As(err, &conflict) {
		t.Errorf("save over a file created by hand: %v, want a ConflictError", err)
	}
}

// A term the encoder cannot write sensibly is refused with its name.
func TestSaveGlossaryRefusesContradiction(t *testing.T) {
	w, err := Open(copySample(t))
	if err != nil {
		t.Fatal(err)
	}
	g, _ := w.Glossary()
	g.Terms = []glossary.Term{{Source: "Daesh", Approved: map[string]string{"ar": "داعش"}, Forbidden: map[string][]string{"ar": {"داعش"}}}}
	if err := w.SaveGlossary(g); err == nil {
		t.Fatal("a term both approved and forbidden was saved")
	}
	if _, err := os.Stat(w.GlossaryPath()); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("glossary.toml written despite the error: %v", err)
	}
}

func copySample(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.CopyFS(dir, assets.Sample()); err != nil {
		t.Fatal(err)
	}
	return dir
}
