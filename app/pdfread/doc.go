// Package pdfread is a strict, bounded reader of PDF file structure for the
// signature verifier and the signer: it parses every revision of an incrementally updated
// file exactly as its cross-reference sections describe it, and refuses
// (as a *Error naming the byte offset) anything a mainstream reader would
// have to repair — objects outside the cross-reference, entries that point
// past the end or at another object, duplicate numbers in an object stream,
// free entries for objects still referenced, a broken trailer chain, bytes
// after the last %%EOF, and anything a reader that rebuilds the file by
// scanning would find instead (an object header or trailer no section
// lists, hidden in a stream or a string; an entry pointing at an earlier
// revision's bytes that held something else; see reconstruct.go). A
// hybrid-reference section (a table whose trailer names an /XRefStm stream)
// is read as one section, table first, and refused where its table and
// stream, or readers that ignore the stream, would disagree (hybrid.go).
//
// It replaces github.com/digitorus/pdf for verifying and signing because
// that reader repairs silently (it ignores free entries and object-stream
// indexes, so it sees another document than poppler or pdf.js) and cannot be
// bounded: its recursion overflows the stack on nested arrays, it allocates
// from attacker-chosen counts and it follows /Extends cycles forever. Go's
// stack overflow and out-of-memory are fatal and cannot be recovered, so
// here every limit is checked before the work is done: nesting depth, object
// numbers, values parsed and bytes inflated are capped (see Limits), loops
// in /Prev chains and /Length references are detected, and every scan is
// linear in the file size. Nothing recurses deeper than Limits.MaxDepth.
//
// Content streams are never decoded here: the verifier compares revisions by
// their encoded bytes. Only cross-reference and object streams (and, on
// request, small appearance streams) are inflated.
package pdfread
