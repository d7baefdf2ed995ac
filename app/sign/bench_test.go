package sign

import (
	"context"
	"testing"
)

// benchPDF is a statement of about 30 KB, the size of a typical export.
func benchPDF(b *testing.B) []byte {
	in := testPDF(b, 6)
	if len(in) < 27_000 || len(in) > 33_000 {
		b.Fatalf("benchmark PDF is %d bytes, want about 30 KB", len(in))
	}
	return in
}

func benchmarkSign(b *testing.B, k keyKind) {
	id := getPKI(b).leaves[k]
	in := benchPDF(b)
	opt := Options{Reason: "Publication", Location: "Paris", Widget: &Rect{Page: 6, X0: 320, Y0: 60, X1: 540, Y1: 130}}
	b.SetBytes(int64(len(in)))
	for b.Loop() {
		if _, err := Sign(context.Background(), in, id, opt); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSignECDSAP256 is the time signing adds to each exported PDF
// (target ≤ 10 ms; the TSA round trip is not included).
func BenchmarkSignECDSAP256(b *testing.B) { benchmarkSign(b, ecP256) }

func BenchmarkSignRSA2048(b *testing.B) { benchmarkSign(b, rsa2048) }

func BenchmarkSignRSA4096(b *testing.B) { benchmarkSign(b, rsa4096) }

func BenchmarkVerify(b *testing.B) {
	p := getPKI(b)
	signed, err := Sign(context.Background(), benchPDF(b), p.leaves[ecP256], Options{})
	if err != nil {
		b.Fatal(err)
	}
	roots := p.roots()
	for b.Loop() {
		if rep, err := Verify(signed, roots); err != nil || rep.Verdict != VerdictValid {
			b.Fatal(rep, err)
		}
	}
}
