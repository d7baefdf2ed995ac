// Package sign makes and checks the digital signatures on exported statements:
// it loads the officer's identity (PKCS#12 or PEM), signs a finished PDF with a
// CMS signature appended as an incremental update, and verifies the signatures
// of any PDF it is handed, including what was changed after signing.
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
// Verify reads the file with app/pdfread, strictly: anything a reader would
// have to repair makes it malformed, since readers repair differently and
// would show different documents. A signature must frame its own value in
// its own dictionary and end exactly at the end of a revision; every later
// revision is compared object by object with the one before it, against
// an allow-list for the signature's DocMDP level (mdp.go). Trust is
// explicit (VerifyOptions): roots and pinned certificates, judged at a
// trusted timestamp authority's time or now, never the signer's claim.
//
// Private keys stay inside Identity and are never formatted, logged or written;
// passwords are used once and never appear in errors.
package sign
