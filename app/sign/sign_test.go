package sign

import (
	"bytes"
	"communique/app/sign/cms"
	"context"
	"crypto/sha256"
	"encoding/asn1"
	"encoding/hex"
	"encoding/json"
	"encoding/pem"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/digitorus/pkcs7"
	"golang.org/x/crypto/cryptobyte"
	cbasn1 "golang.org/x/crypto/cryptobyte/asn1"
)

// qpdfJSON returns qpdf's own view of the file's objects ("obj:N 0 R" →
// object, plus "trailer"), an oracle independent of our parser.
func qpdfJSON(tb testing.TB, data []byte) map[string]any {
	tb.Helper()
	bin := needTool(tb, "qpdf")
	path := writeTemp(tb, "doc.pdf", data)
	out, err := exec.Command(bin, "--json", "--json-key=qpdf", "--json-key=acroform", path).Output()
	if err != nil {
		tb.Fatalf("qpdf --json: %v", err)
	}
	var doc struct {
		QPDF     []json.RawMessage `json:"qpdf"`
		AcroForm struct {
			Fields []map[string]any `json:"fields"`
		} `json:"acroform"`
	}
	if err := json.Unmarshal(out, &doc); err != nil || len(doc.QPDF) != 2 {
		tb.Fatalf("qpdf json: %v", err)
	}
	var objects map[string]any
	if err := json.Unmarshal(doc.QPDF[1], &objects); err != nil {
		tb.Fatal(err)
	}
	objects["acroform.fields"] = doc.AcroForm.Fields
	return objects
}

func assertClean(t *testing.T, out []byte) {
	t.Helper()
	if text, clean := qpdfCheck(t, out); !clean {
		t.Errorf("qpdf --check is not clean:\n%s", text)
	}
}

// assertPdfsigValid checks one pdfsig block: valid, whole document when
// whole is set, and the other facts given as exact lines.
func assertPdfsigValid(t *testing.T, block string, whole bool, lines ...string) {
	t.Helper()
	if !strings.Contains(block, "- Signature Validation: Signature is Valid.") {
		t.Errorf("pdfsig does not call the signature valid:\n%s", block)
	}
	coverage := "- Not total document signed"
	if whole {
		coverage = "- Total document signed"
	}
	if !strings.Contains(block, coverage+"\n") {
		t.Errorf("pdfsig lacks %q:\n%s", coverage, block)
	}
	for _, l := range lines {
		if !strings.Contains(block, l) {
			t.Errorf("pdfsig lacks %q:\n%s", l, block)
		}
	}
}

// pdfsigTime reads the "Signing Time" pdfsig printed (it runs with TZ=UTC).
func pdfsigTime(t *testing.T, block string) time.Time {
	t.Helper()
	m := regexp.MustCompile(`Signing Time: (\w{3} \d{2} \d{4} \d{2}:\d{2}:\d{2})`).FindStringSubmatch(block)
	if m == nil {
		t.Fatalf("no signing time in pdfsig output:\n%s", block)
	}
	at, err := time.ParseInLocation("Jan 02 2006 15:04:05", m[1], time.UTC)
	if err != nil {
		t.Fatal(err)
	}
	return at
}

// opensslVerifyCMS dumps the signatures with pdfsig, rebuilds the signed
// bytes from the ranges pdfsig printed and lets OpenSSL verify the CMS
// against the test root: three independent tools agreeing with Verify.
func opensslVerifyCMS(t *testing.T, signed []byte, block string, index int) []byte {
	t.Helper()
	openssl := needTool(t, "openssl")
	bin := needTool(t, "pdfsig")
	dir := t.TempDir()
	pdfPath := filepath.Join(dir, "doc.pdf")
	if err := os.WriteFile(pdfPath, signed, 0o600); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, "-nocert", "-dump", pdfPath)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "HOME="+dir)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("pdfsig -dump: %v\n%s", err, out)
	}
	sigPath := filepath.Join(dir, fmt.Sprintf("doc.pdf.sig%d", index))
	m := regexp.MustCompile(`Signed Ranges: \[(\d+) - (\d+)\], \[(\d+) - (\d+)\]`).FindStringSubmatch(block)
	if m == nil {
		t.Fatalf("no ranges in pdfsig output:\n%s", block)
	}
	var n [4]int
	for i := range n {
		n[i], _ = strconv.Atoi(m[i+1])
	}
	content := append(append([]byte{}, signed[n[0]:n[1]]...), signed[n[2]:n[3]]...)
	contentPath := filepath.Join(dir, "content.bin")
	rootPath := filepath.Join(dir, "root.pem")
	_ = os.WriteFile(contentPath, content, 0o600)
	_ = os.WriteFile(rootPath, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: getPKI(t).root.Raw}), 0o600)
	out, err := exec.Command(openssl, "cms", "-verify", "-inform", "DER", "-in", sigPath, "-binary",
		"-content", contentPath, "-CAfile", rootPath, "-purpose", "any", "-out", os.DevNull).CombinedOutput()
	if err != nil || !strings.Contains(string(out), "Verification successful") {
		t.Errorf("openssl cms -verify rejects the signature: %v\n%s", err, out)
	}
	der, err := os.ReadFile(sigPath)
	if err != nil {
		t.Fatal(err)
	}
	return der
}

func TestSignEachKeyType(t *testing.T) {
	p := getPKI(t)
	in := testPDF(t, 3)
	when := p.now.Add(-time.Minute).Truncate(time.Second)
	for _, k := range allKeyKinds {
		t.Run(string(k), func(t *testing.T) {
			out, err := Sign(context.Background(), in, p.leaves[k], Options{
				Reason: "Publication of the statement", Location: "Paris", Contact: "press@example.org",
				Time: when, Widget: &Rect{Page: 3, X0: 320, Y0: 60, X1: 540, Y1: 130},
			})
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.HasPrefix(out, in) {
				t.Fatal("the original bytes were not kept: not an incremental update")
			}
			assertClean(t, out)
			blocks := pdfsigBlocks(pdfsig(t, out))
			if len(blocks) != 1 {
				t.Fatalf("pdfsig found %d signatures", len(blocks))
			}
			assertPdfsigValid(t, blocks[0], true,
				"- Signature Field Name: Signature1",
				"- Signer Certificate Common Name: Officer "+string(k),
				"- Signing Hash Algorithm: SHA-256",
				"- Signature Type: adbe.pkcs7.detached")
			if got := pdfsigTime(t, blocks[0]); !got.Equal(when) {
				t.Errorf("pdfsig signing time %v, want %v", got, when)
			}
			opensslVerifyCMS(t, out, blocks[0], 0)

			rep, err := Verify(out, p.roots())
			if err != nil {
				t.Fatal(err)
			}
			if rep.Verdict != VerdictValid || len(rep.Signatures) != 1 {
				t.Fatalf("Verify: %+v", rep)
			}
			s := rep.Signatures[0]
			want := SignatureReport{
				Field: "Signature1", Signer: "Officer " + string(k), Issuer: "Communiqué Test Issuing CA",
				CertificateSHA256: p.leaves[k].Info().SHA256, Name: "Officer " + string(k),
				Reason: "Publication of the statement", Location: "Paris", Contact: "press@example.org",
				Certification: true, Permission: 1, CoversWholeDocument: true,
				Verdict: VerdictValid, Trust: TrustTrusted,
			}
			got := s
			got.Time, got.Detail = time.Time{}, ""
			if !reflect.DeepEqual(got, want) {
				t.Errorf("Verify report\n got %+v\nwant %+v", got, want)
			}
			if !s.Time.Equal(when) || s.Timestamped {
				t.Errorf("time %v timestamped %v, want %v untimestamped", s.Time, s.Timestamped, when)
			}
		})
	}
}

func TestSignRSA4096WithTimestamp(t *testing.T) {
	p := getPKI(t)
	tsa := startTSA(t, p.tsa, p.tsaKey, func() time.Time { return time.Now().Truncate(time.Second) })
	in := testPDF(t, 2)
	out, layouts, err := signer{}.sign(context.Background(), in, p.leaves[rsa4096], Options{Reason: "Publication", TSAURL: tsa.URL})
	if err != nil {
		t.Fatal(err)
	}
	// RSA-4096 + two chain certificates + a timestamp fit the first layout:
	// no second pass, and pdfsign's retry path is not ours at all.
	if layouts != 1 || tsa.requests.Load() != 1 {
		t.Errorf("%d layouts and %d TSA requests, want 1 and 1", layouts, tsa.requests.Load())
	}
	assertClean(t, out)
	blocks := pdfsigBlocks(pdfsig(t, out))
	if len(blocks) != 1 {
		t.Fatalf("pdfsig found %d signatures", len(blocks))
	}
	assertPdfsigValid(t, blocks[0], true, "- Signer Certificate Common Name: Officer RSA-4096")

	rep, err := Verify(out, p.roots())
	if err != nil {
		t.Fatal(err)
	}
	s := rep.Signatures[0]
	if rep.Verdict != VerdictValid || !s.Timestamped || s.Trust != TrustTrusted || !strings.Contains(s.Detail, "timestamped by Communiqué Test TSA") ||
		s.TimestampAuthority != "Communiqué Test TSA" || s.TimestampTrust != TrustTrusted {
		t.Fatalf("Verify: %+v", rep)
	}

	// Independent check of the timestamp: the CMS as dumped by pdfsig,
	// the token inside it verified by "openssl ts" against the test root.
	der := opensslVerifyCMS(t, out, blocks[0], 0)
	p7, err := pkcs7.Parse(der)
	if err != nil || len(p7.Signers) != 1 || len(p7.Signers[0].UnauthenticatedAttributes) != 1 {
		t.Fatalf("dumped CMS: %v", err)
	}
	token := p7.Signers[0].UnauthenticatedAttributes[0].Value.Bytes
	imprint := sha256.Sum256(p7.Signers[0].EncryptedDigest)
	openssl := needTool(t, "openssl")
	dir := t.TempDir()
	tokenPath, rootPath, tsaPath := filepath.Join(dir, "token.der"), filepath.Join(dir, "root.pem"), filepath.Join(dir, "tsa.pem")
	_ = os.WriteFile(tokenPath, token, 0o600)
	_ = os.WriteFile(rootPath, chainPEM(p.root), 0o600)
	_ = os.WriteFile(tsaPath, chainPEM(p.tsa), 0o600)
	vout, err := exec.Command(openssl, "ts", "-verify", "-digest", hex.EncodeToString(imprint[:]), "-in", tokenPath, "-token_in",
		"-CAfile", rootPath, "-untrusted", tsaPath).CombinedOutput()
	if err != nil || !strings.Contains(string(vout), "Verification: OK") {
		t.Errorf("openssl ts -verify: %v\n%s", err, vout)
	}
	tout, err := exec.Command(openssl, "ts", "-reply", "-in", tokenPath, "-token_in", "-text").CombinedOutput()
	m := regexp.MustCompile(`Time stamp: (\w{3} +\d+ \d{2}:\d{2}:\d{2} \d{4}) GMT`).FindStringSubmatch(string(tout))
	if err != nil || m == nil {
		t.Fatalf("openssl ts -reply -text: %v\n%s", err, tout)
	}
	tsTime, err := time.Parse("Jan _2 15:04:05 2006", strings.Join(strings.Fields(m[1]), " "))
	if err != nil {
		tsTime, err = time.Parse("Jan 2 15:04:05 2006", strings.Join(strings.Fields(m[1]), " "))
	}
	if err != nil {
		t.Fatal(err)
	}
	if !tsTime.Equal(s.Time) {
		t.Errorf("Verify reports time %v, the token says %v", s.Time, tsTime)
	}
	// poppler prints no token fields; its "Signing Time" is the CMS signing
	// time, which must agree with the authority's clock.
	if d := pdfsigTime(t, blocks[0]).Sub(tsTime); d < -time.Minute || d > time.Minute {
		t.Errorf("pdfsig signing time is %v away from the timestamp", d)
	}
}

// TestSignTokenOutgrowsReserve makes the TSA answer with a token larger than
// the space first reserved: Sign must lay the update out again from the
// original bytes, never patch the first attempt.
func TestSignTokenOutgrowsReserve(t *testing.T) {
	p := getPKI(t)
	tsa := startTSA(t, p.bigTSA, p.tsaKey, time.Now)
	in := testPDF(t, 1)
	out, layouts, err := signer{}.sign(context.Background(), in, p.leaves[ecP256], Options{TSAURL: tsa.URL})
	if err != nil {
		t.Fatal(err)
	}
	if layouts != 2 || tsa.requests.Load() != 2 {
		t.Errorf("%d layouts and %d TSA requests, want 2 and 2", layouts, tsa.requests.Load())
	}
	if !bytes.HasPrefix(out, in) || bytes.Count(out[len(in):], []byte("%%EOF")) != 1 {
		t.Error("the output is not the input plus exactly one update")
	}
	assertClean(t, out)
	blocks := pdfsigBlocks(pdfsig(t, out))
	if len(blocks) != 1 {
		t.Fatalf("pdfsig found %d signatures", len(blocks))
	}
	assertPdfsigValid(t, blocks[0], true)
	rep, err := Verify(out, p.roots())
	if err != nil || rep.Verdict != VerdictValid || !rep.Signatures[0].Timestamped {
		t.Fatalf("Verify: %+v %v", rep, err)
	}
}

func TestSignTSAFailures(t *testing.T) {
	p := getPKI(t)
	in := testPDF(t, 1)
	down := startTSA(t, p.tsa, p.tsaKey, time.Now)
	down.Close()
	cases := map[string]string{
		"http://user:s3cr3t-tsa-pass@" + down.Listener.Addr().String() + "/tsa": "timestamp authority http://user:xxxxx@",
		"ftp://127.0.0.1/tsa": "must be an http or https address",
	}
	for url, want := range cases {
		_, err := Sign(context.Background(), in, p.leaves[ecP256], Options{TSAURL: url})
		if err == nil || !strings.Contains(err.Error(), want) || strings.Contains(err.Error(), "s3cr3t-tsa-pass") {
			t.Errorf("%s: got %v, want %q without the TSA password", url, err, want)
		}
	}
}

func TestSignNonLatinMetadata(t *testing.T) {
	p := getPKI(t)
	opts := Options{
		Name:     "Шевченко Тарас Григорович",
		Reason:   "بيان رسمي (نسخة موقعة)",
		Location: "Diyarbakır / Amed \\ Ш(",
		Contact:  "ڕاگەیاندن",
		Widget:   &Rect{Page: 1, X0: 50, Y0: 50, X1: 250, Y1: 120},
	}
	out, err := Sign(context.Background(), testPDF(t, 1), p.leaves[ecP384], opts)
	if err != nil {
		t.Fatal(err)
	}
	assertClean(t, out)
	objects := qpdfJSON(t, out)
	var sig map[string]any
	for _, o := range objects {
		if m, ok := o.(map[string]any); ok {
			if v, ok := m["value"].(map[string]any); ok && v["/Type"] == "/Sig" {
				sig = v
			}
		}
	}
	for key, want := range map[string]string{"/Name": opts.Name, "/Reason": opts.Reason, "/Location": opts.Location, "/ContactInfo": opts.Contact} {
		if got := sig[key]; got != "u:"+want {
			t.Errorf("qpdf reads %s as %v, want %q", key, got, want)
		}
	}
	blocks := pdfsigBlocks(pdfsig(t, out))
	if len(blocks) != 1 {
		t.Fatalf("pdfsig found %d signatures", len(blocks))
	}
	assertPdfsigValid(t, blocks[0], true)
	rep, err := Verify(out, p.roots())
	if err != nil {
		t.Fatal(err)
	}
	s := rep.Signatures[0]
	if s.Name != opts.Name || s.Reason != opts.Reason || s.Location != opts.Location || s.Contact != opts.Contact {
		t.Errorf("round trip: %q %q %q %q", s.Name, s.Reason, s.Location, s.Contact)
	}
}

// TestSignatureFieldDrawsNothing renders the signed page and the unsigned
// one: the visible field must not paint anything (our page content already
// shows the typeset signature block), and qpdf must see the field where we
// put it.
func TestSignatureFieldDrawsNothing(t *testing.T) {
	pdftoppm := needTool(t, "pdftoppm")
	p := getPKI(t)
	in := testPDF(t, 2)
	out, err := Sign(context.Background(), in, p.leaves[ecP256], Options{Widget: &Rect{Page: 2, X0: 300, Y0: 40, X1: 560, Y1: 140}})
	if err != nil {
		t.Fatal(err)
	}
	render := func(data []byte) []byte {
		dir := t.TempDir()
		path := filepath.Join(dir, "doc.pdf")
		_ = os.WriteFile(path, data, 0o600)
		if o, err := exec.Command(pdftoppm, "-f", "2", "-l", "2", "-r", "40", "-gray", path, filepath.Join(dir, "page")).CombinedOutput(); err != nil {
			t.Fatalf("pdftoppm: %v %s", err, o)
		}
		matches, _ := filepath.Glob(filepath.Join(dir, "page*.pgm"))
		if len(matches) != 1 {
			t.Fatalf("pdftoppm wrote %v", matches)
		}
		img, _ := os.ReadFile(matches[0])
		return img
	}
	if !bytes.Equal(render(in), render(out)) {
		t.Error("the signature field changes how the page looks")
	}
	objects := qpdfJSON(t, out)
	fields := objects["acroform.fields"].([]map[string]any)
	if len(fields) != 1 || fields[0]["fieldtype"] != "/Sig" || fields[0]["pageposfrom1"] != float64(2) {
		t.Fatalf("qpdf sees fields %v", fields)
	}
	widget := objects["obj:"+fields[0]["object"].(string)].(map[string]any)["value"].(map[string]any)
	if fmt.Sprint(widget["/Rect"]) != "[300 40 560 140]" {
		t.Errorf("widget rectangle %v", widget["/Rect"])
	}
	ap := objects["obj:"+widget["/AP"].(map[string]any)["/N"].(string)].(map[string]any)["stream"].(map[string]any)["dict"].(map[string]any)
	if ap["/Length"] != float64(0) || fmt.Sprint(ap["/BBox"]) != "[0 0 260 100]" {
		t.Errorf("appearance stream %v, want empty with the field's size", ap)
	}
}

func TestSignCertificationRecorded(t *testing.T) {
	p := getPKI(t)
	out, err := Sign(context.Background(), testPDF(t, 1), p.leaves[ecP256], Options{})
	if err != nil {
		t.Fatal(err)
	}
	objects := qpdfJSON(t, out)
	trailer := objects["trailer"].(map[string]any)["value"].(map[string]any)
	catalog := objects["obj:"+trailer["/Root"].(string)].(map[string]any)["value"].(map[string]any)
	perms, ok := catalog["/Perms"].(map[string]any)
	if !ok {
		t.Fatalf("catalog has no /Perms: %v", catalog)
	}
	sig := objects["obj:"+perms["/DocMDP"].(string)].(map[string]any)["value"].(map[string]any)
	refs := sig["/Reference"].([]any)
	params := refs[0].(map[string]any)["/TransformParams"].(map[string]any)
	if refs[0].(map[string]any)["/TransformMethod"] != "/DocMDP" || params["/P"] != float64(1) {
		t.Errorf("DocMDP reference %v", refs)
	}
	if catalog["/Version"] != "/1.7" {
		t.Errorf("catalog version %v", catalog["/Version"])
	}
}

func TestSignApprovalTwice(t *testing.T) {
	p := getPKI(t)
	in := testPDF(t, 2)
	first, err := Sign(context.Background(), in, p.leaves[rsa2048], Options{Approval: true, Reason: "Drafted"})
	if err != nil {
		t.Fatal(err)
	}
	second, err := Sign(context.Background(), first, p.leaves[ecP256], Options{Approval: true, Reason: "Approved", Widget: &Rect{Page: 2, X0: 10, Y0: 10, X1: 100, Y1: 60}})
	if err != nil {
		t.Fatal(err)
	}
	assertClean(t, second)
	blocks := pdfsigBlocks(pdfsig(t, second))
	if len(blocks) != 2 {
		t.Fatalf("pdfsig found %d signatures", len(blocks))
	}
	assertPdfsigValid(t, blocks[0], false, "Signature Field Name: Signature1", "Common Name: Officer RSA-2048")
	assertPdfsigValid(t, blocks[1], true, "Signature Field Name: Signature2", "Common Name: Officer ECDSA-P256")

	rep, err := Verify(second, p.roots())
	if err != nil {
		t.Fatal(err)
	}
	if rep.Verdict != VerdictValid || len(rep.Signatures) != 2 {
		t.Fatalf("Verify: %+v", rep)
	}
	a, b := rep.Signatures[0], rep.Signatures[1]
	if a.Reason != "Drafted" || a.CoversWholeDocument || a.Verdict != VerdictValid || !strings.Contains(a.Detail, "1 later signature(s)") || a.Certification {
		t.Errorf("first signature: %+v", a)
	}
	if b.Reason != "Approved" || !b.CoversWholeDocument || b.Verdict != VerdictValid {
		t.Errorf("second signature: %+v", b)
	}
}

func TestSignRefusals(t *testing.T) {
	p := getPKI(t)
	in := testPDF(t, 1)
	certified, err := Sign(context.Background(), in, p.leaves[ecP256], Options{})
	if err != nil {
		t.Fatal(err)
	}
	approved, err := Sign(context.Background(), in, p.leaves[ecP256], Options{Approval: true})
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name string
		pdf  []byte
		id   *Identity
		opt  Options
		want error
		text string
	}{
		{"sign a no-changes certified document", certified, p.leaves[ecP384], Options{Approval: true}, ErrCertified, ""},
		{"certify a signed document", approved, p.leaves[ecP384], Options{}, ErrAlreadySigned, ""},
		{"not a PDF", []byte("GIF89a"), p.leaves[ecP256], Options{}, ErrNotPDF, ""},
		{"truncated PDF", in[:len(in)/2], p.leaves[ecP256], Options{}, nil, "unreadable PDF"},
		{"page out of range", in, p.leaves[ecP256], Options{Widget: &Rect{Page: 2, X1: 100, Y1: 100}}, nil, "page 2, but the document has 1 page(s)"},
		{"empty rectangle", in, p.leaves[ecP256], Options{Widget: &Rect{Page: 1, X0: 5, X1: 5, Y1: 9}}, nil, "too small"},
		{"no identity", in, nil, Options{}, nil, "no signing identity"},
		{"expired at signing time", in, p.leaves[ecP256], Options{Time: p.now.Add(2 * 365 * 24 * time.Hour)}, ErrCertificateExpired, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			out, err := Sign(context.Background(), c.pdf, c.id, c.opt)
			if err == nil || out != nil {
				t.Fatalf("signed anyway (err %v)", err)
			}
			if c.want != nil && !errors.Is(err, c.want) {
				t.Errorf("got %v, want %v", err, c.want)
			}
			if c.text != "" && !strings.Contains(err.Error(), c.text) {
				t.Errorf("got %v, want %q", err, c.text)
			}
		})
	}
}

func TestSignEncryptedRefused(t *testing.T) {
	qpdf := needTool(t, "qpdf")
	p := getPKI(t)
	dir := t.TempDir()
	plain, enc := filepath.Join(dir, "plain.pdf"), filepath.Join(dir, "enc.pdf")
	_ = os.WriteFile(plain, testPDF(t, 1), 0o600)
	if out, err := exec.Command(qpdf, "--encrypt", "", "owner", "256", "--", plain, enc).CombinedOutput(); err != nil {
		t.Fatalf("qpdf --encrypt: %v %s", err, out)
	}
	data, _ := os.ReadFile(enc)
	if _, err := Sign(context.Background(), data, p.leaves[ecP256], Options{}); !errors.Is(err, ErrEncrypted) {
		t.Errorf("got %v, want ErrEncrypted", err)
	}
}

// TestSignXrefStreamInput signs a PDF whose objects (pages and catalog
// included) live in object streams behind a cross-reference stream, as
// qpdf and many modern writers produce.
func TestSignXrefStreamInput(t *testing.T) {
	qpdf := needTool(t, "qpdf")
	p := getPKI(t)
	dir := t.TempDir()
	plain, packed := filepath.Join(dir, "plain.pdf"), filepath.Join(dir, "packed.pdf")
	_ = os.WriteFile(plain, testPDF(t, 2), 0o600)
	if out, err := exec.Command(qpdf, "--object-streams=generate", plain, packed).CombinedOutput(); err != nil {
		t.Fatalf("qpdf: %v %s", err, out)
	}
	in, _ := os.ReadFile(packed)
	if !bytes.Contains(in, []byte("/ObjStm")) {
		t.Fatal("qpdf did not write object streams")
	}
	first, err := Sign(context.Background(), in, p.leaves[rsa3072], Options{Approval: true, Widget: &Rect{Page: 2, X0: 10, Y0: 10, X1: 200, Y1: 80}})
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(first[len(in):], []byte("/Type /XRef")) {
		t.Error("the update of an xref-stream file must use an xref stream")
	}
	second, err := Sign(context.Background(), first, p.leaves[ecP256], Options{Approval: true})
	if err != nil {
		t.Fatal(err)
	}
	assertClean(t, second)
	blocks := pdfsigBlocks(pdfsig(t, second))
	if len(blocks) != 2 {
		t.Fatalf("pdfsig found %d signatures", len(blocks))
	}
	assertPdfsigValid(t, blocks[0], false)
	assertPdfsigValid(t, blocks[1], true)
	rep, err := Verify(second, p.roots())
	if err != nil || rep.Verdict != VerdictValid {
		t.Fatalf("Verify: %+v %v", rep, err)
	}
}

// TestUnsortedSignedAttributes: RFC 5652 has signers DER-encode the signed
// attributes, but some put the SET OF in their own order and sign those
// bytes. Verify checks the bytes in the file, as OpenSSL and NSS do, so
// such a signature is valid; a change to the document is still caught.
func TestUnsortedSignedAttributes(t *testing.T) {
	p := getPKI(t)
	reversed := signer{order: func(attrs [][]byte) {
		cms.DEROrder(attrs)
		slices.Reverse(attrs)
	}}
	out, _, err := reversed.sign(context.Background(), testPDF(t, 1), p.leaves[ecP256], Options{Reason: "Publication"})
	if err != nil {
		t.Fatal(err)
	}
	attrs := cms.RawSignedAttributes(signatureContents(t, out))
	var reencoded []byte
	if len(attrs) == 0 {
		t.Fatal("no signed attributes found in the signature")
	}
	if p7, err := cms.Parse(signatureContents(t, out)); err == nil {
		var as []cms.Attribute
		for _, a := range p7.Signers[0].AuthenticatedAttributes {
			as = append(as, cms.Attribute{Type: a.Type, Value: a.Value})
		}
		reencoded, _ = cms.MarshalAttributeSet(as)
	}
	if bytes.Equal(attrs, reencoded) {
		t.Fatal("the attributes came out in DER order; the test signs nothing unusual")
	}
	rep, err := Verify(out, p.roots())
	if err != nil || len(rep.Signatures) != 1 || rep.Signatures[0].Verdict != VerdictValid {
		t.Fatalf("verify: %+v %v", rep, err)
	}
	assertPdfsigValid(t, pdfsig(t, out), true)
	tampered := bytes.Replace(out, []byte("Publication"), []byte("Publicatiom"), 1)
	if rep, err := Verify(tampered, p.roots()); err != nil || rep.Signatures[0].Verdict == VerdictValid {
		t.Errorf("a changed reason still verifies: %+v %v", rep, err)
	}
}

// signatureContents returns the CMS of the last signature in pdf, without
// the zero padding of /Contents.
func signatureContents(t *testing.T, pdf []byte) []byte {
	t.Helper()
	i := bytes.LastIndex(pdf, []byte("/Contents <"))
	if i < 0 {
		t.Fatal("no /Contents in the signed PDF")
	}
	start := i + len("/Contents <")
	end := bytes.IndexByte(pdf[start:], '>')
	raw, err := hex.DecodeString(string(pdf[start : start+end]))
	if err != nil {
		t.Fatal(err)
	}
	var cms cryptobyte.String
	in := cryptobyte.String(raw)
	if !in.ReadASN1Element(&cms, cbasn1.SEQUENCE) {
		t.Fatal("/Contents holds no CMS")
	}
	return cms
}

// TestBERSignedAttributes: a signer signs the DER encoding of its
// attributes but writes them with a BER length (here the message digest's,
// in long form). Verify falls back from the bytes in the file to their DER
// re-encoding, which is what was signed.
func TestBERSignedAttributes(t *testing.T) {
	p := getPKI(t)
	ber := signer{embed: longFormDigestLength}
	out, _, err := ber.sign(context.Background(), testPDF(t, 1), p.leaves[ecP256], Options{Reason: "Publication"})
	if err != nil {
		t.Fatal(err)
	}
	raw := cms.RawSignedAttributes(signatureContents(t, out))
	if !bytes.Contains(raw, []byte{0x04, 0x81, 0x20}) {
		t.Fatal("the embedded attributes are not the BER variant; the test checks nothing")
	}
	rep, err := Verify(out, p.roots())
	if err != nil || len(rep.Signatures) != 1 || rep.Signatures[0].Verdict != VerdictValid {
		t.Fatalf("verify: %+v %v", rep, err)
	}
	tampered := bytes.Replace(out, []byte("Publication"), []byte("Publicatiom"), 1)
	if rep, err := Verify(tampered, p.roots()); err != nil || rep.Signatures[0].Verdict == VerdictValid {
		t.Errorf("a changed reason still verifies: %+v %v", rep, err)
	}
}

// longFormDigestLength re-encodes a DER SET OF attributes with the message
// digest's length in long form (valid BER, not DER).
func longFormDigestLength(set []byte) []byte {
	der := func(tag byte, content []byte) []byte {
		var b cryptobyte.Builder
		b.AddASN1(cbasn1.Tag(tag), func(b *cryptobyte.Builder) { b.AddBytes(content) })
		out, err := b.Bytes()
		if err != nil {
			panic(err)
		}
		return out
	}
	in := cryptobyte.String(set)
	var attrs cryptobyte.String
	if !in.ReadASN1(&attrs, cbasn1.SET) {
		panic("not a set")
	}
	var content []byte
	for !attrs.Empty() {
		var attr cryptobyte.String
		if !attrs.ReadASN1Element(&attr, cbasn1.SEQUENCE) {
			panic("bad attribute")
		}
		if i := bytes.Index(attr, []byte{0x04, 0x20}); i >= 0 && bytes.Contains(attr, oidBytes(asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 9, 4})) {
			md := attr[i+2 : i+2+32]
			values := der(byte(cbasn1.SET), append([]byte{0x04, 0x81, 0x20}, md...))
			oid := der(byte(cbasn1.OBJECT_IDENTIFIER), oidBytes(asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 9, 4}))
			content = append(content, der(byte(cbasn1.SEQUENCE), append(oid, values...))...)
			continue
		}
		content = append(content, attr...)
	}
	return der(byte(cbasn1.SET), content)
}

// oidBytes is the DER content (without tag and length) of oid.
func oidBytes(oid asn1.ObjectIdentifier) []byte {
	b, err := asn1.Marshal(oid)
	if err != nil {
		panic(err)
	}
	return b[2:]
}
