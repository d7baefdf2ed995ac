// Package sign makes and checks the digital signatures on exported statements:
// it loads the officer's identity (PKCS#12 or PEM), signs a finished PDF with a
// CMS signature appended as an incremental update, and verifies the signatures
// of any PDF it is handed, including whether bytes were changed or appended
// after signing.
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
// Verify does not trust the file's structure to find signatures: byte ranges
// are also located in the raw bytes, and a signature that covers only an
// earlier revision is judged by comparing the document's content in that
// revision with the final one.
//
// Private keys stay inside Identity and are never formatted, logged or written;
// passwords are used once and never appear in errors.
package sign
