package sign

import (
	"bytes"
	"encoding/hex"
	"strings"
	"testing"
)

// berReencode rewrites a DER ContentInfo (SEQUENCE { OID, [0] { SignedData } })
// with indefinite lengths for the SEQUENCE and the [0] wrapper, as some
// signers write CMS. With two-byte definite lengths the BER form has the
// same size (0x80 and two end-of-contents octets for 0x82 and two length
// bytes), so it fits the same /Contents gap. It returns nil for other
// shapes.
func berReencode(der []byte) []byte {
	if len(der) < 4 || der[0] != 0x30 || der[1] != 0x82 {
		return nil
	}
	n := int(der[2])<<8 | int(der[3])
	body := der[4 : 4+n]
	if len(body) < 2 || body[0] != 0x06 {
		return nil
	}
	oid := body[:2+int(body[1])]
	inner := body[len(oid):]
	if len(inner) < 4 || inner[0] != 0xa0 || inner[1] != 0x82 || int(inner[2])<<8|int(inner[3]) != len(inner)-4 {
		return nil
	}
	out := []byte{0x30, 0x80}
	out = append(out, oid...)
	out = append(out, 0xa0, 0x80)
	out = append(out, inner[4:]...)
	return append(out, 0, 0, 0, 0)
}

// berSigned returns pdf with its last signature's value re-encoded in BER,
// or nil when the value has another shape.
func berSigned(tb testing.TB, pdf []byte) []byte {
	tb.Helper()
	a, b := signedGap(tb, pdf)
	raw, err := hex.DecodeString(string(pdf[a+1 : b-1]))
	if err != nil || len(raw) < 4 {
		return nil
	}
	ber := berReencode(raw[:min(len(raw), 4+(int(raw[2])<<8|int(raw[3])))])
	if ber == nil {
		return nil
	}
	return withSignatureValue(tb, pdf, ber)
}

// withSignatureValue replaces the value in the last signature's /Contents
// by value (hex), zero-padded to the same length.
func withSignatureValue(t testing.TB, pdf, value []byte) []byte {
	t.Helper()
	a, b := signedGap(t, pdf)
	h := strings.ToUpper(hex.EncodeToString(value))
	if len(h) > b-a-2 {
		t.Fatal("the value does not fit the gap")
	}
	out := bytes.Clone(pdf)
	copy(out[a+1:b-1], h+strings.Repeat("0", b-a-2-len(h)))
	return out
}

// TestBERSignatureTrailingData: a signature re-encoded in BER with
// indefinite lengths is the same signature (valid, as pdfsig finds it);
// data after its end-of-contents octets is unsigned data riding in the
// gap, refused as it is after a DER value.
func TestBERSignatureTrailingData(t *testing.T) {
	for _, base := range rtBases(t) {
		t.Run(base.name, func(t *testing.T) {
			a, b := signedGap(t, base.pdf)
			raw, err := hex.DecodeString(string(base.pdf[a+1 : b-1]))
			if err != nil {
				t.Fatal(err)
			}
			n := 4 + (int(raw[2])<<8 | int(raw[3]))
			ber := berReencode(raw[:n])
			if ber == nil || len(ber) != n {
				t.Fatalf("cannot re-encode the signature in BER: % x", raw[:8])
			}
			genuine := withSignatureValue(t, base.pdf, ber)
			expectVerdict(t, genuine, VerdictValid, "")
			assertPdfsigValid(t, pdfsigBlocks(pdfsig(t, genuine))[0], true)
			// A byte, a zero-padded OCTET STRING, a second empty value:
			// each as the padding Communiqué's and pdfsign's gaps leave
			// room for.
			for _, tail := range [][]byte{{0xab}, {0x00, 0x04, 0x02, 0xca, 0xfe}, {0x30, 0x80, 0, 0}} {
				if len(ber)+len(tail) > len(raw) {
					continue
				}
				forged := withSignatureValue(t, base.pdf, append(bytes.Clone(ber), tail...))
				expectVerdict(t, forged, VerdictInvalid, "followed by other data than zero padding")
			}
		})
	}
}
