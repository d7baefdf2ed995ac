// Package pdfobj is the PDF-object code the signer and the verifier share,
// on top of the strict reader app/pdfread: reading the few structures
// signatures concern (the page tree, the form's fields, a signature's
// DocMDP level, text strings and dates), bounded by depth and visited sets
// so a hostile file cannot make a walk loop or explode; and writing
// objects back out for an incremental update, references kept as
// references so a rewritten page or catalog points at the same objects.
package pdfobj
