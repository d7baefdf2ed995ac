package sign

import (
	"communique/app/pdfread/hostile"
	"context"
	"crypto/x509"
	"errors"
	"slices"
	"testing"
	"time"
)

// fuzzIdentity is a quick self-signed P-256 identity: fuzzing runs in
// instrumented worker processes where the shared test PKI's RSA-4096 key
// generation would take minutes.
func fuzzIdentity() (*Identity, *x509.CertPool) {
	key := newKey(ecP256)
	cert := issue(leafTemplate("Fuzz Officer", time.Now()), key.Public(), nil, key)
	roots := x509.NewCertPool()
	roots.AddCert(cert)
	return &Identity{Certificate: cert, key: key}, roots
}

// FuzzVerify feeds damaged and hostile files to Verify, seeded with signed
// exports (certified, approval, signed twice): it may return ErrNotPDF or
// any verdict of the enum, consistent with its signatures, but must never
// panic, hang or blow up.
func FuzzVerify(f *testing.F) {
	id, roots := fuzzIdentity()
	in := testPDF(f, 1)
	approval, err := Sign(context.Background(), in, id, Options{Approval: true})
	if err != nil {
		f.Fatal(err)
	}
	certified, err := Sign(context.Background(), in, id, Options{Widget: &Rect{Page: 1, X0: 300, Y0: 40, X1: 560, Y1: 140}})
	if err != nil {
		f.Fatal(err)
	}
	twice, err := Sign(context.Background(), approval, id, Options{Approval: true})
	if err != nil {
		f.Fatal(err)
	}
	f.Add(in)
	f.Add(approval)
	f.Add(certified)
	f.Add(twice)
	f.Add(forgePage(f, approval))
	// An update through a cross-reference stream and an object stream,
	// so mutations reach those readers too.
	page, maxID := firstPage(f, approval)
	pageBody := lastDefinition(f, approval, page)
	f.Add(appendXrefStreamUpdate(f, approval, []rawObj{{maxID + 1, streamBody(forgedContent), true}}, []rawObj{{page, pageBody, true}}, ""))
	f.Add([]byte("%PDF-1.7\n/ByteRange [0 10 20 30]\n%%EOF\n"))
	// A signed hybrid-reference file and a hybrid update over it, and a
	// signature value re-encoded in BER, so mutations reach the /XRefStm
	// merge and the BER walk.
	hybrid, err := Sign(context.Background(), hybridDoc(2, 5), id, Options{Approval: true})
	if err != nil {
		f.Fatal(err)
	}
	f.Add(hybrid)
	hp, hmax := firstPage(f, hybrid)
	f.Add(hybridUpdateOf(f, hybrid, []rawObj{{hp, lastDefinition(f, hybrid, hp), true}}, []rawObj{{hmax + 1, streamBody(forgedContent), true}}, []rawObj{{hmax + 2, "<</Type /Font /Subtype /Type1 /BaseFont /Courier>>", true}}, "", ""))
	if ber := berSigned(f, approval); ber != nil {
		f.Add(ber)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		rep, err := Verify(data, roots)
		if err != nil {
			if !errors.Is(err, ErrNotPDF) {
				t.Fatalf("error other than ErrNotPDF: %v", err)
			}
			return
		}
		all := Verdicts()
		if !slices.Contains(all, rep.Verdict) {
			t.Fatalf("verdict %q is not one of the enum", rep.Verdict)
		}
		worst := VerdictValid
		for _, s := range rep.Signatures {
			if slices.Index(all, s.Verdict) > slices.Index(all, worst) {
				worst = s.Verdict
			}
		}
		if len(rep.Signatures) > 0 && worst != rep.Verdict {
			t.Fatalf("document verdict %s, worst signature %s", rep.Verdict, worst)
		}
	})
}

// FuzzSign signs damaged files: an error is fine, a panic is not, and any
// output must verify.
func FuzzSign(f *testing.F) {
	id, roots := fuzzIdentity()
	in := testPDF(f, 1)
	f.Add(in)
	f.Add(in[:len(in)-40])
	// Signed files (the signer now reads them with the strict reader) and
	// the small hostile files it must refuse.
	approval, err := Sign(context.Background(), in, id, Options{Approval: true})
	if err != nil {
		f.Fatal(err)
	}
	f.Add(approval)
	for _, c := range hostile.Cases() {
		if len(c.Data) < 4096 {
			f.Add(c.Data)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		out, err := Sign(context.Background(), data, id, Options{Approval: true})
		if err != nil {
			return
		}
		rep, err := Verify(out, roots)
		if err != nil {
			t.Fatalf("our own output does not verify: %v", err)
		}
		for _, s := range rep.Signatures[len(rep.Signatures)-1:] {
			if s.Verdict != VerdictValid {
				t.Fatalf("our own signature is %s: %s", s.Verdict, s.Detail)
			}
		}
	})
}
