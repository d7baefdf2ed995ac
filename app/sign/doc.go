// Package sign makes and checks the digital signatures on exported statements:
// it loads the officer's identity (PKCS#12 or PEM), signs a finished PDF with a
// CMS signature appended as an incremental update, and verifies the signatures
// of any PDF it is handed, including whether bytes were changed or appended
// after signing.
//
// The incremental update (signature dictionary, field widget, catalog and
// cross-reference section) is written here rather than by
// github.com/digitorus/pdfsign: at the pinned version that library corrupts the
// xref table whenever its signature-size guess is too small (issue #135, hit by
// every RSA-4096 signature without a timestamp), writes non-ASCII signer names
// as unescaped UTF-16 that breaks the signature dictionary (Cyrillic "Ш" is the
// byte pair 04 28, an unbalanced parenthesis), never adds the catalog's
// /Perms /DocMDP entry that makes a certification signature one, and refuses
// visible certification signatures. This package sizes the signature exactly
// before anything is written, so there is no retry path to get wrong.
//
// Private keys stay inside Identity and are never formatted, logged or written;
// passwords are used once and never appear in errors.
package sign
