package sign

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"communique/app/pdfread"
	"communique/app/pdfread/hostile"
	"communique/app/sign/cms"
)

// hostileSigned is a signed statement followed by n small updates that
// each rewrite an unreferenced object: the worst case for the revision
// diff, which judges every update after every signature.
func hostileSigned(tb testing.TB, n int) []byte {
	tb.Helper()
	id, _ := fuzzIdentity()
	signed, err := Sign(context.Background(), testPDF(tb, 1), id, Options{Approval: true})
	if err != nil {
		tb.Fatal(err)
	}
	_, maxID := firstPage(tb, signed)
	size, root, info, prev := trailerOf(tb, signed)
	size = max(size, maxID+2)
	data := signed
	for i := 0; i < n; i++ {
		off := len(data)
		data = fmt.Appendf(data, "%d 0 obj\n(note %d)\nendobj\n", maxID+1, i)
		xref := len(data)
		data = fmt.Appendf(data, "xref\n%d 1\n%010d 00000 n\r\ntrailer\n<</Size %d /Root %s%s /Prev %d>>\nstartxref\n%d\n%%%%EOF\n",
			maxID+1, off, size, root, info, prev, xref)
		prev = xref
	}
	return data
}

// TestHostileFilesAreMalformedNeverValid: the hostile corpus, and a signed
// file followed by thousands of updates, get a verdict (malformed for the
// broken ones) with a message, never valid, never a crash.
func TestHostileFilesAreMalformedNeverValid(t *testing.T) {
	cases := hostile.Cases()
	cases = append(cases, hostile.Case{Name: "signed, then 3000 updates", Data: hostileSigned(t, 3000)})
	for _, c := range cases {
		t.Run(c.Name, func(t *testing.T) {
			rep, err := Verify(c.Data, nil)
			if err != nil {
				t.Fatal(err)
			}
			t.Logf("%d bytes: %s %s", len(c.Data), rep.Verdict, rep.Detail)
			if rep.Verdict == VerdictValid {
				t.Fatalf("hostile file is valid: %+v", rep)
			}
			if rep.Verdict == VerdictMalformed && !bytes.Contains([]byte(rep.Detail), []byte("byte ")) {
				t.Errorf("malformed without the offset: %q", rep.Detail)
			}
		})
	}
}

// BenchmarkVerifyHostile measures each hostile file (issue 10's target:
// a file of at most 1 MB ends within 2 s and 256 MiB).
func BenchmarkVerifyHostile(b *testing.B) {
	cases := append(hostile.Cases(), hostile.Case{Name: "signed, then 3000 updates", Data: hostileSigned(b, 3000)})
	for _, c := range cases {
		b.Run(c.Name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				Verify(c.Data, nil)
			}
		})
	}
}

// TestDeepContents: a real signature passes the nesting scan, and one whose
// /Contents nests 200,000 levels deep is invalid, not a crash.
func TestDeepContents(t *testing.T) {
	p := getPKI(t)
	signed, err := Sign(context.Background(), testPDF(t, 1), p.leaves[rsa4096], Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !cms.DepthOK(signatureContents(t, signed), cms.MaxDepth) {
		t.Error("a real signature is refused")
	}
	hostile := bytes.Clone(signed)
	a, b := signedGap(t, hostile)
	hexDeep := bytes.Repeat([]byte("3080"), (b-a-2)/4)
	copy(hostile[a+1:], hexDeep)
	if rep, err := Verify(hostile, p.roots()); err != nil || rep.Verdict != VerdictInvalid {
		t.Errorf("deeply nested /Contents: %+v %v", rep, err)
	}
}

// TestSignHostileFiles: the signer reads its input with the verifier's
// strict reader, so every file of the hostile corpus that reader refuses
// is refused for signing with the reader's error (naming the byte
// offset), and none crashes, hangs or exhausts memory; the few well-formed
// ones are signed or refused with a reason.
func TestSignHostileFiles(t *testing.T) {
	id, _ := fuzzIdentity()
	refused := 0
	for _, c := range hostile.Cases() {
		t.Run(c.Name, func(t *testing.T) {
			_, openErr := pdfread.Open(c.Data, pdfread.LimitsFor(len(c.Data)))
			out, err := Sign(context.Background(), c.Data, id, Options{Approval: true})
			t.Logf("%d bytes: %v", len(c.Data), err)
			var perr *pdfread.Error
			switch {
			case openErr != nil && err == nil:
				t.Fatalf("signed a file the strict reader refuses (%v)", openErr)
			case openErr != nil && !errors.Is(err, ErrEncrypted) && (!errors.As(err, &perr) || !strings.Contains(err.Error(), "byte ")):
				t.Fatalf("refused without the reader's error: %v", err)
			case openErr != nil:
				refused++
			case err == nil && len(out) <= len(c.Data):
				t.Fatal("signed, but nothing was appended")
			}
		})
	}
	if refused == 0 {
		t.Error("no hostile file was refused: the corpus tests nothing")
	}
}
