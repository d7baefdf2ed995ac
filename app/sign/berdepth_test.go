package sign

import (
	"bytes"
	"context"
	"testing"
)

// TestASN1Depth: deeply nested signature values are refused before the
// recursive parsers see them; real signatures pass.
func TestASN1Depth(t *testing.T) {
	deep := append(bytes.Repeat([]byte{0x30, 0x80}, 200_000), bytes.Repeat([]byte{0, 0}, 200_000)...)
	if asn1DepthOK(deep, maxASN1Depth) {
		t.Error("200,000 nested indefinite SEQUENCEs pass")
	}
	if _, err := parseCMS(deep); err == nil {
		t.Error("parseCMS accepts them")
	}
	definite := []byte{}
	for i := 0; i < 100; i++ {
		definite = append([]byte{0x30, byte(len(definite))}, definite...)
		if len(definite) > 120 {
			break
		}
	}
	if asn1DepthOK(definite, 40) {
		t.Error("definite-length nesting is not counted")
	}
	p := getPKI(t)
	signed, err := Sign(context.Background(), testPDF(t, 1), p.leaves[rsa4096], Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !asn1DepthOK(signatureContents(t, signed), maxASN1Depth) {
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
