package sign

import (
	"bytes"
	"context"
	"fmt"
	"math/rand"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// The tampered files here are written by hand, byte by byte, the way an
// attacker with a hex editor or a naive PDF library would, so the tests do not
// depend on our own writer to produce them.

var (
	startxrefRE = regexp.MustCompile(`startxref\s+(\d+)\s+%%EOF\s*$`)
	sizeRE      = regexp.MustCompile(`/Size (\d+)`)
	rootRE      = regexp.MustCompile(`/Root (\d+ \d+ R)`)
	infoRE      = regexp.MustCompile(`/Info (\d+ \d+ R)`)
	objRE       = regexp.MustCompile(`(?m)^(\d+) (\d+) obj\s*`)
)

// appendUpdate appends a classic incremental update that defines objects
// (number → body) and chains to base's last cross-reference section.
func appendUpdate(tb testing.TB, base []byte, objects map[int]string) []byte {
	tb.Helper()
	prev := startxrefRE.FindSubmatch(base)
	sizes := sizeRE.FindAllSubmatch(base, -1)
	roots := rootRE.FindAllSubmatch(base, -1)
	if prev == nil || sizes == nil || roots == nil {
		tb.Fatal("cannot find the trailer to chain to")
	}
	size, _ := strconv.Atoi(string(sizes[len(sizes)-1][1]))
	ids := make([]int, 0, len(objects))
	for id := range objects {
		ids = append(ids, id)
		size = max(size, id+1)
	}
	sort.Ints(ids)
	out := append([]byte{}, base...)
	offsets := map[int]int{}
	for _, id := range ids {
		offsets[id] = len(out)
		out = fmt.Appendf(out, "%d 0 obj\n%s\nendobj\n", id, objects[id])
	}
	xref := len(out)
	out = append(out, "xref\n"...)
	for _, id := range ids {
		out = fmt.Appendf(out, "%d 1\n%010d 00000 n\r\n", id, offsets[id])
	}
	info := ""
	if m := infoRE.FindAllSubmatch(base, -1); m != nil {
		info = " /Info " + string(m[len(m)-1][1])
	}
	out = fmt.Appendf(out, "trailer\n<</Size %d /Root %s%s /Prev %s>>\nstartxref\n%d\n%%%%EOF\n",
		size, roots[len(roots)-1][1], info, prev[1], xref)
	return out
}

// lastDefinition returns the body of the last definition of object id.
func lastDefinition(tb testing.TB, data []byte, id int) string {
	tb.Helper()
	body := ""
	for _, m := range objRE.FindAllSubmatchIndex(data, -1) {
		if n, _ := strconv.Atoi(string(data[m[2]:m[3]])); n != id {
			continue
		}
		end := bytes.Index(data[m[1]:], []byte("endobj"))
		body = string(bytes.TrimSpace(data[m[1] : m[1]+end]))
	}
	if body == "" {
		tb.Fatalf("object %d not found", id)
	}
	return body
}

// firstPage finds the object number of the first page and the largest
// object number in use.
func firstPage(tb testing.TB, data []byte) (page, maxID int) {
	tb.Helper()
	page = -1
	for _, m := range objRE.FindAllSubmatchIndex(data, -1) {
		n, _ := strconv.Atoi(string(data[m[2]:m[3]]))
		maxID = max(maxID, n)
		end := bytes.Index(data[m[1]:], []byte("endobj"))
		body := data[m[1] : m[1]+end]
		if page < 0 && regexp.MustCompile(`/Type\s*/Page\b`).Match(body) {
			page = n
		}
	}
	if page < 0 {
		tb.Fatal("no page object")
	}
	return page, maxID
}

// forgePage appends an update that gives the first page new content: a
// red box where the statement was.
func forgePage(tb testing.TB, signed []byte) []byte {
	page, maxID := firstPage(tb, signed)
	content := "1 0 0 rg 72 600 300 120 re f"
	pageBody := regexp.MustCompile(`/Contents \d+ 0 R`).ReplaceAllString(lastDefinition(tb, signed, page), fmt.Sprintf("/Contents %d 0 R", maxID+1))
	return appendUpdate(tb, signed, map[int]string{
		maxID + 1: fmt.Sprintf("<</Length %d>>\nstream\n%s\nendstream", len(content), content),
		page:      pageBody,
	})
}

// flipAt returns a copy of data with the byte at i changed.
func flipAt(data []byte, i int) []byte {
	out := append([]byte{}, data...)
	out[i] ^= 0x01
	if out[i] == '\n' || out[i] == '\r' || out[i] == data[i] {
		out[i] = data[i] ^ 0x02
	}
	return out
}

// byteRangeRE finds the numbers of a signature's /ByteRange.
var byteRangeRE = regexp.MustCompile(`/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]`)

func signedGap(tb testing.TB, data []byte) (int, int) {
	m := byteRangeRE.FindAllSubmatch(data, -1)
	if m == nil {
		tb.Fatal("no byte range")
	}
	a, _ := strconv.Atoi(string(m[len(m)-1][2]))
	b, _ := strconv.Atoi(string(m[len(m)-1][3]))
	return a, b
}

func TestTamperDetected(t *testing.T) {
	p := getPKI(t)
	in := testPDF(t, 2)
	for _, mode := range []struct {
		name string
		opt  Options
	}{
		{"certified", Options{Reason: "Publication", Widget: &Rect{Page: 2, X0: 300, Y0: 40, X1: 560, Y1: 140}}},
		{"approval", Options{Reason: "Publication", Approval: true}},
	} {
		signed, err := Sign(context.Background(), in, p.leaves[rsa2048], mode.opt)
		if err != nil {
			t.Fatal(err)
		}
		gapStart, gapEnd := signedGap(t, signed)
		sigID := func() int {
			m := regexp.MustCompile(`(?s)(\d+) 0 obj\s*<</Type /Sig`).FindSubmatch(signed)
			n, _ := strconv.Atoi(string(m[1]))
			return n
		}()
		catalogID := func() int {
			m := rootRE.FindAllSubmatch(signed, -1)
			n, _ := strconv.Atoi(strings.Fields(string(m[len(m)-1][1]))[0])
			return n
		}()
		cases := []struct {
			name    string
			tamper  func() []byte
			verdict Verdict
			detail  string
			pdfsig  string // what poppler must say about the (first) signature
		}{
			{"byte flipped in page text", func() []byte {
				return flipAt(signed, bytes.Index(signed, []byte("Line 05: The ministry"))+9)
			}, VerdictModified, "digest no longer matches", "Digest Mismatch."},
			{"byte flipped in the signed reason", func() []byte {
				return flipAt(signed, bytes.Index(signed[gapEnd:], []byte("Publication"))+gapEnd+3)
			}, VerdictModified, "digest no longer matches", "Digest Mismatch."},
			{"byte flipped in the header", func() []byte { return flipAt(signed, 7) }, VerdictModified, "digest no longer matches", "Digest Mismatch."},
			{"byte flipped in the original xref table", func() []byte {
				return flipAt(signed, bytes.Index(signed, []byte(" 00000 n"))-1)
			}, VerdictMalformed, "no object starts here", "Digest Mismatch."},
			{"signature value corrupted", func() []byte {
				return flipAt(signed, gapStart+201)
			}, VerdictInvalid, "", "Unknown Validation Failure."},
			{"bytes appended after %%EOF", func() []byte {
				return append(append([]byte{}, signed...), "% appended by someone else\n"...)
			}, VerdictMalformed, "27 bytes after the last %%EOF", "Not total document signed"},
			{"bogus revision appended", func() []byte {
				return append(append([]byte{}, signed...), "1 0 obj\n(junk)\nendobj\n%%EOF\n"...)
			}, VerdictMalformed, "bytes after the last %%EOF", "Not total document signed"},
			{"incremental update changes a page", func() []byte { return forgePage(t, signed) },
				VerdictModified, "'s /Contents changed", "Not total document signed"},
			{"signature dictionary replaced", func() []byte {
				body := strings.Replace(lastDefinition(t, signed, sigID), "Publication", "Forged reason", 1)
				return appendUpdate(t, signed, map[int]string{sigID: body})
			}, VerdictModified, "(/Sig) was rewritten", "Not total document signed"},
			{"signature field removed", func() []byte {
				body := regexp.MustCompile(`/AcroForm <<.*>>>>$`).ReplaceAllString(lastDefinition(t, signed, catalogID), ">>")
				body = regexp.MustCompile(`/Perms <<[^>]*>>`).ReplaceAllString(body, "")
				return appendUpdate(t, signed, map[int]string{catalogID: body})
			}, VerdictModified, "the form (/AcroForm) was removed", "Not total document signed"},
			{"file truncated", func() []byte { return signed[:len(signed)-30] }, VerdictMalformed, "no startxref", ""},
		}
		for _, c := range cases {
			t.Run(mode.name+"/"+c.name, func(t *testing.T) {
				bad := c.tamper()
				rep, err := Verify(bad, p.roots())
				if err != nil {
					t.Fatalf("Verify failed instead of reporting: %v", err)
				}
				// A file readers would have to repair is malformed as a
				// whole: its signatures are not judged one by one.
				if c.verdict == VerdictMalformed {
					if rep.Verdict != c.verdict || !strings.Contains(rep.Detail, c.detail) {
						t.Errorf("got %s %q, want %s %q", rep.Verdict, rep.Detail, c.verdict, c.detail)
					}
				} else if rep.Verdict != c.verdict || len(rep.Signatures) == 0 {
					t.Fatalf("verdict %s, want %s: %+v", rep.Verdict, c.verdict, rep)
				} else if s := rep.Signatures[0]; s.Verdict != c.verdict || !strings.Contains(s.Detail, c.detail) {
					t.Errorf("signature: %s %q, want %s %q", s.Verdict, s.Detail, c.verdict, c.detail)
				}
				out := pdfsig(t, bad)
				blocks := pdfsigBlocks(out)
				if len(blocks) > 0 && strings.Contains(blocks[0], "Signature is Valid.") && strings.Contains(blocks[0], "- Total document signed") {
					t.Errorf("pdfsig accepts the tampered file:\n%s", out)
				}
				if c.pdfsig != "" && !strings.Contains(out, c.pdfsig) {
					t.Errorf("pdfsig does not say %q:\n%s", c.pdfsig, out)
				}
			})
		}
	}
}

// TestHarmlessUpdateAfterApproval appends an update that adds an object
// nothing references: allowed after an approval signature (not covering the
// whole file any more, which pdfsig also says), forbidden after a no-changes
// certification.
func TestHarmlessUpdateAfterApproval(t *testing.T) {
	p := getPKI(t)
	in := testPDF(t, 1)
	for _, c := range []struct {
		approval bool
		verdict  Verdict
		detail   string
	}{
		{true, VerdictValid, "later revisions leave the document's content unchanged"},
		{false, VerdictModified, "certified with no changes allowed, but the file was updated after signing"},
	} {
		signed, err := Sign(context.Background(), in, p.leaves[ecP256], Options{Approval: c.approval})
		if err != nil {
			t.Fatal(err)
		}
		_, maxID := firstPage(t, signed)
		updated := appendUpdate(t, signed, map[int]string{maxID + 1: "(an unreferenced note)"})
		rep, err := Verify(updated, p.roots())
		if err != nil {
			t.Fatal(err)
		}
		s := rep.Signatures[0]
		if rep.Verdict != c.verdict || s.CoversWholeDocument || !strings.Contains(s.Detail, c.detail) {
			t.Errorf("approval=%v: %+v", c.approval, s)
		}
		blocks := pdfsigBlocks(pdfsig(t, updated))
		if len(blocks) != 1 {
			t.Fatal("pdfsig lost the signature")
		}
		assertPdfsigValid(t, blocks[0], false)
	}
}

// TestEveryFlippedByteIsCaught flips single bytes at random positions inside
// the signed ranges: no position may leave the document valid, and none may
// crash the verifier.
func TestEveryFlippedByteIsCaught(t *testing.T) {
	p := getPKI(t)
	signed, err := Sign(context.Background(), testPDF(t, 1), p.leaves[ecP256], Options{Approval: true, Reason: "Flip test"})
	if err != nil {
		t.Fatal(err)
	}
	gapStart, gapEnd := signedGap(t, signed)
	rng := rand.New(rand.NewSource(20260601))
	for n := 0; n < 400; n++ {
		i := rng.Intn(len(signed) - (gapEnd - gapStart))
		if i >= gapStart {
			i += gapEnd - gapStart
		}
		bad := flipAt(signed, i)
		rep, err := Verify(bad, p.roots())
		if err != nil {
			if i < 8 { // "%PDF-" itself destroyed
				continue
			}
			t.Fatalf("flip at %d: Verify error %v", i, err)
		}
		if rep.Verdict == VerdictValid {
			t.Fatalf("flip at %d (%q→%q) not caught: %+v", i, signed[i], bad[i], rep)
		}
	}
}
