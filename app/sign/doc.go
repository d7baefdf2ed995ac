// Package sign makes and checks the digital signatures on exported
// statements: it loads the officer's identity (PKCS#12 or PEM) and signs a
// finished PDF with a CMS signature appended as an incremental update.
// Verification lives in package verify, re-exported here (Verify,
// VerifyWith, Report) so callers have one package for signatures.
//
// The incremental update (signature dictionary, field widget, catalog and
// cross-reference section) is written here rather than by
// github.com/digitorus/pdfsign, whose pinned version corrupts the xref table
// whenever its signature-size guess is too small (issue #135; an RSA-4096
// signature without a timestamp hits it), writes non-ASCII signer names as
// unescaped UTF-16 that breaks the signature dictionary (Cyrillic "Ш" is the
// byte pair 04 28, an unbalanced parenthesis), never adds the catalog's
// /Perms /DocMDP entry that makes a certification signature one, and refuses
// visible certification signatures. Here the CMS size is bounded before
// anything is laid out; the only second pass, for a timestamp token larger
// than the space reserved, rebuilds the update from the untouched input.
//
// The input is read with app/pdfread, the strict bounded reader the
// verifier uses: a file that readers would have to repair is refused with
// the reader's error rather than signed, since a signature over it would
// vouch for whichever repair a reader chose, and a hostile file cannot
// make signing hang or exhaust memory.
//
// Private keys stay inside Identity and are never formatted, logged or written;
// passwords are used once and never appear in errors.
package sign
