package pdfobj

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"communique/internal/judge"
)

// minimal writes a one-page file the way fpdf does: every object once, in
// order, and a classic cross-reference table.
func minimal() []byte {
	objs := []string{
		"<</Type /Catalog /Pages 2 0 R>>",
		"<</Type /Pages /Kids [3 0 R] /Count 1>>",
		"<</Type /Page /Parent 2 0 R /MediaBox [0 0 200 200]>>",
		"<</Producer (test)>>",
	}
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n")
	offsets := make([]int, len(objs))
	for i, o := range objs {
		offsets[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, o := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&b, "trailer\n<<\n/Size %d\n/Root 1 0 R\n/Info 4 0 R\n>>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, xref)
	return b.Bytes()
}

// TestRoundTrip: a file taken apart, with an object added to a dictionary
// and a stream added, is written back as a file qpdf finds no fault in.
func TestRoundTrip(t *testing.T) {
	p, err := Split(minimal())
	if err != nil {
		t.Fatal(err)
	}
	if p.Root != 1 || p.Info != 4 || len(p.Objs) != 5 || string(p.Objs[2]) != "<</Type /Pages /Kids [3 0 R] /Count 1>>" {
		t.Fatalf("split: root %d info %d, %d objects, object 2 %q", p.Root, p.Info, len(p.Objs), p.Objs[2])
	}
	n := p.Add(Stream("", ToUnicodeCMap(map[rune]string{0xE000: "fi", 'A': "A"})))
	p.AddToDict(p.Root, fmt.Sprintf("/Test %d 0 R", n))
	out := p.Bytes(strings.Repeat("0", 32))
	path := filepath.Join(t.TempDir(), "rt.pdf")
	if err := os.WriteFile(path, out, 0o644); err != nil {
		t.Fatal(err)
	}
	msg, err := exec.Command(judge.Tool(t, "qpdf"), "--check", path).CombinedOutput()
	if err != nil || !bytes.Contains(msg, []byte("No syntax or stream encoding errors")) {
		t.Errorf("qpdf --check: %v\n%s", err, msg)
	}
	if !bytes.Contains(out, []byte("/Test 5 0 R\n>>")) {
		t.Errorf("catalog lacks the added entry:\n%s", out)
	}
}

// TestSplitRefuses: damaged files are refused with an error, not a panic.
func TestSplitRefuses(t *testing.T) {
	good := minimal()
	for name, b := range map[string][]byte{
		"empty":         nil,
		"no startxref":  bytes.Replace(good, []byte("startxref"), []byte("startxrex"), 1),
		"xref past end": bytes.Replace(good, []byte("startxref\n"), []byte("startxref\n9"), 1),
		"truncated":     good[:len(good)/2],
		"no root":       bytes.Replace(good, []byte("/Root 1 0 R"), []byte("/Rooo 1 0 R"), 1),
	} {
		if _, err := Split(b); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

// TestToUnicodeCMap: each code maps to its text in UTF-16BE, surrogate
// pairs included, at most 100 entries a block.
func TestToUnicodeCMap(t *testing.T) {
	text := map[rune]string{'A': "A", 0xE001: "لا", 0xE002: "\U0001F600"}
	for i := range 150 {
		text[0xE100+rune(i)] = "x"
	}
	cm := string(ToUnicodeCMap(text))
	for _, want := range []string{"<0041> <0041>", "<E001> <06440627>", "<E002> <D83DDE00>", "100 beginbfchar", "53 beginbfchar"} {
		if !strings.Contains(cm, want) {
			t.Errorf("CMap lacks %q", want)
		}
	}
}
