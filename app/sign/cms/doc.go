// Package cms builds and reads the CMS (RFC 5652) SignedData inside a PDF
// signature and the RFC 3161 timestamp tokens attached to it: the signed
// attributes, the signature over them, the size a signature can reach
// before it is made, and the algorithm checks a verifier needs (RSA
// PKCS#1 v1.5 and PSS with any salt, ECDSA, Ed25519). Parsing goes
// through digitorus/pkcs7 and digitorus/timestamp only after a scan that
// bounds ASN.1 nesting, and their panics become errors.
package cms
