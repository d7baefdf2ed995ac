package sign

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"testing"

	"communique/app/pdf/readertest"
	"communique/app/pdfread/hostile"
)

// Hybrid-reference files (a classic table whose trailer names an /XRefStm
// stream, as Word writes): a genuine one verifies, and the attacks that
// work on plain files are caught on it too, with the hybrid-specific ones
// (the table and the stream disagreeing, the stream alone redefining an
// object in use).

// hybridDoc is a one-page statement with an Info dictionary (6) and
// viewer preferences (7), whose objects numbered in hidden sit in an
// object stream only the /XRefStm stream lists.
func hybridDoc(hidden ...int) []byte {
	h := map[int]bool{}
	for _, n := range hidden {
		h[n] = true
	}
	return hostile.Hybrid([]string{
		"<</Type /Catalog /Pages 2 0 R /ViewerPreferences 7 0 R>>",
		"<</Type /Pages /Kids [3 0 R] /Count 1>>",
		"<</Type /Page /Parent 2 0 R /MediaBox [0 0 600 850] /Contents 4 0 R /Resources <</Font <</F1 5 0 R>>>>>>",
		streamBody(shadowText),
		"<</Type /Font /BaseFont /Helvetica /Subtype /Type1>>",
		"<</Title (A hybrid statement) /Producer (Communique tests)>>",
		"<</DisplayDocTitle true>>",
	}, h, " /Info 6 0 R")
}

// hybridUpdateOf appends a hybrid update: table rows, then objects listed
// by the /XRefStm stream (plain ones uncompressed, packed ones in an
// object stream), with extra keys in the stream's dictionary; lead goes
// first, listed by nothing.
func hybridUpdateOf(tb testing.TB, base []byte, table []rawObj, plain, packed []rawObj, stmExtra, lead string) []byte {
	tb.Helper()
	size, root, info, prev := trailerOf(tb, base)
	out := append(bytes.Clone(base), lead...)
	var tableRows []xrow
	for _, o := range table {
		tableRows = append(tableRows, xrow{o.num, int64(len(out)), 0, 'n'})
		out = fmt.Appendf(out, "%d 0 obj\n%s\nendobj\n", o.num, o.body)
		size = max(size, o.num+1)
	}
	out, rows, size := appendStreamObjects(out, size, plain, packed)
	xs := size
	size++
	xsAt := len(out)
	rows = append(rows, xrefRow{xs, 1, xsAt, 0})
	bin, index := xrefRowsData(rows)
	out = fmt.Appendf(out, "%d 0 obj\n<</Type /XRef /Size %d%s /W [1 4 2] /Index [%s] /Length %d>>\nstream\n", xs, size, stmExtra, index, len(bin))
	out = append(out, bin...)
	out = append(out, "\nendstream\nendobj\n"...)
	x := len(out)
	out = append(out, "xref\n"...)
	for _, r := range tableRows {
		out = fmt.Appendf(out, "%d 1\n%010d %05d %c\r\n", r.num, r.off, r.gen, r.kind)
	}
	out = fmt.Appendf(out, "trailer\n<</Size %d /Root %s%s /Prev %d /XRefStm %d>>\nstartxref\n%d\n%%%%EOF\n", size, root, info, prev, xsAt, x)
	return out
}

// freeInTable adds a free row for num to the last section's table.
func freeInTable(tb testing.TB, data []byte, num int) []byte {
	tb.Helper()
	x := bytes.LastIndex(data, []byte("\nxref\n")) + len("\nxref\n")
	if x < len("\nxref\n") {
		tb.Fatal("no table")
	}
	row := fmt.Sprintf("%d 1\n0000000000 00001 f\r\n", num)
	out := append(bytes.Clone(data[:x]), row...)
	out = append(out, data[x:]...)
	// The startxref names the table, before the row: it stays right.
	return out
}

// TestHybridSigned: Communiqué signs a hybrid file (certification, then an
// approval signature over it); both verify as valid, as pdfsig finds them.
func TestHybridSigned(t *testing.T) {
	p := getPKI(t)
	in := hybridDoc(2, 5)
	if len(render(t, in)) == 0 {
		t.Fatal("poppler cannot render the hybrid file")
	}
	cert, err := Sign(context.Background(), in, p.leaves[ecP256], Options{Reason: "Publication"})
	if err != nil {
		t.Fatal(err)
	}
	expectVerdict(t, cert, VerdictValid, "")
	assertPdfsigValid(t, pdfsigBlocks(pdfsig(t, cert))[0], true)
	// The three readers find the page, whose font only the stream lists.
	path := writeTemp(t, "cert.pdf", cert)
	for _, r := range readertest.Readers {
		if page := readertest.Pages(t, r, path)[0]; !strings.Contains(page, "Pay EUR 1,000") {
			t.Errorf("%s reads %q from the signed hybrid file", r, page)
		}
	}
	appr, err := Sign(context.Background(), in, p.leaves[rsa2048], Options{Approval: true})
	if err != nil {
		t.Fatal(err)
	}
	twice, err := Sign(context.Background(), appr, p.leaves[ecP256], Options{Approval: true})
	if err != nil {
		t.Fatal(err)
	}
	rep := expectVerdict(t, twice, VerdictValid, "")
	if len(rep.Signatures) != 2 {
		t.Fatalf("%d signatures, want 2", len(rep.Signatures))
	}
	blocks := pdfsigBlocks(pdfsig(t, twice))
	if len(blocks) != 2 {
		t.Fatalf("pdfsig found %d signatures", len(blocks))
	}
	assertPdfsigValid(t, blocks[1], true)
}

// TestHybridAttacks: forgeries on a signed hybrid file, and hybrid updates
// on it, are never valid; each changes what poppler shows.
func TestHybridAttacks(t *testing.T) {
	signed, err := Sign(context.Background(), hybridDoc(2, 5), getPKI(t).leaves[ecP256], Options{Approval: true})
	if err != nil {
		t.Fatal(err)
	}
	expectVerdict(t, signed, VerdictValid, "")
	page, maxID := firstPage(t, signed)
	content := contentsOf(t, signed, page)
	forged := rawObj{maxID + 1, streamBody(forgedContent), true}
	swapped := strings.Replace(lastDefinition(t, signed, page), fmt.Sprintf("/Contents %d 0 R", content), fmt.Sprintf("/Contents %d 0 R", maxID+1), 1)
	for _, c := range []struct {
		name   string
		forged []byte
		want   Verdict
		phrase string
	}{
		{"plain update swaps the page", forgePage(t, signed), VerdictModified, "/Contents changed"},
		{"hybrid update swaps the page (the table lists the page, the stream its content)",
			hybridUpdateOf(t, signed, []rawObj{{page, swapped, true}}, []rawObj{forged}, nil, "", ""), VerdictModified, "/Contents changed"},
		{"the stream alone redefines the signed content",
			hybridUpdateOf(t, signed, nil, []rawObj{{content, streamBody(forgedContent), true}}, nil, "", ""), VerdictMalformed, "defined only by the /XRefStm stream"},
		{"table and stream define the page differently",
			hybridUpdateOf(t, signed, []rawObj{{page, swapped, true}, forged}, []rawObj{{page, lastDefinition(t, signed, page), true}}, nil, "", ""), VerdictMalformed, "disagree on object"},
		{"the stream chains to the unsigned revision",
			hybridUpdateOf(t, signed, []rawObj{{page, swapped, true}}, []rawObj{forged}, nil, fmt.Sprintf(" /Prev %d", lastXref(t, hybridDoc(2, 5))), ""), VerdictMalformed, "/Prev differs"},
		{"the table frees what the stream defines",
			freeInTable(t, hybridUpdateOf(t, signed, nil, []rawObj{{content, streamBody(strings.Replace(shadowText, "1,000", "9,000", 1)), true}}, nil, "", ""), content), VerdictMalformed, "disagree on object"},
		{"objects outside every section",
			hybridUpdateOf(t, signed, nil, nil, []rawObj{{maxID + 1, "<</Type /Font /Subtype /Type1 /BaseFont /Courier>>", true}}, "", fmt.Sprintf("%d 0 obj\n%s\nendobj\n", content, streamBody(forgedContent))), VerdictMalformed, "belong to no object"},
	} {
		t.Run(c.name, func(t *testing.T) {
			rep := expectVerdict(t, c.forged, c.want, c.phrase)
			if len(rep.Signatures) > 0 && rep.Signatures[0].Verdict == VerdictValid {
				t.Error("the signature is still valid")
			}
			switch c.name {
			case "the stream chains to the unsigned revision", "objects outside every section":
			case "the table frees what the stream defines":
				// Readers disagree: pdf.js takes the free row (a blank
				// page), poppler fails the free object, rebuilds the file
				// and shows the stream's page.
				path := writeTemp(t, "forged.pdf", c.forged)
				js, pop := readertest.Pages(t, "pdfjs", path)[0], readertest.Pages(t, "poppler", path)[0]
				if strings.Contains(js, "9,000") || !strings.Contains(pop, "9,000") {
					t.Errorf("pdf.js reads %q, poppler %q: the readers agree", js, pop)
				}
			default:
				assertRendersDifferently(t, signed, c.forged)
			}
		})
	}
}

// TestRedTeamOnHybrid runs every red-team attack class on a hybrid file
// (viewer preferences hidden in its object stream) certified and approved
// by Communiqué: none may leave it valid, and those that change the page
// must change what poppler shows.
func TestRedTeamOnHybrid(t *testing.T) {
	// Only the viewer preferences are hidden: the attack builders find
	// pages, fonts, the page tree and Info by their object headers.
	in := hybridDoc(7)
	var bases []rtBase
	for _, approval := range []bool{false, true} {
		signed, err := Sign(context.Background(), in, getPKI(t).leaves[ecP256], Options{Approval: approval})
		if err != nil {
			t.Fatal(err)
		}
		rep := expectVerdict(t, signed, VerdictValid, "")
		b := rtBase{name: "hybrid certified", pdf: signed, level: 1, field: rep.Signatures[0].Field}
		if approval {
			b.name, b.level = "hybrid approval", 2
		}
		bases = append(bases, b)
	}
	genuine := render(t, bases[1].pdf)
	for _, group := range [][]rtAttack{rtStructureAttacks(), rtByteRangeAttacks(), rtFormAttacks(), rtDocumentAttacks()} {
		for _, a := range group {
			t.Run(a.name, func(t *testing.T) {
				for _, base := range bases {
					forged := a.build(t, base)
					if forged == nil {
						continue // the attack does not apply to this signature
					}
					rep, err := Verify(forged, getPKI(t).roots())
					if err != nil {
						t.Fatal(err)
					}
					first := VerdictInvalid
					for _, s := range rep.Signatures {
						if s.Field == base.field {
							first = s.Verdict
						}
					}
					t.Logf("%s: %s / first signature %s: %s", base.name, rep.Verdict, first, rep.Detail)
					if rep.Verdict == VerdictValid || first == VerdictValid {
						t.Errorf("%s: forged file is %s (first signature %s)", base.name, rep.Verdict, first)
					}
					if a.renders && base.level == 2 && bytes.Equal(genuine, render(t, forged)) {
						t.Errorf("%s: poppler renders the forgery like the signed file: the attack is not real", base.name)
					}
				}
			})
		}
	}
}
