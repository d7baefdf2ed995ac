// Package verify judges the signatures of any PDF it is handed, assuming
// the file is hostile.
//
// It reads the file with app/pdfread, strictly: anything a reader would
// have to repair makes it malformed, since readers repair differently and
// would show different documents. A signature must frame its own value in
// its own dictionary and end exactly at the end of a revision (locate);
// its CMS must match the signed bytes (cms.go); its certificate must chain
// to a root the caller trusts, judged at a trusted timestamp authority's
// time or now, never the signer's claim (trust.go); and every later
// revision is compared object by object with the one before it, against
// an allow-list for the signature's DocMDP level (mdp.go).
package verify
