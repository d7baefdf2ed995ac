// Package tree is what the three catalog formats share: a document tree
// whose values and keys remember their byte spans, go-i18n's rules for
// finding the messages in it (ported from its i18n/parse.go and
// message.go, v2.7.0), and the patches that edit a file in place. A
// format's package scans its syntax into the tree and implements Syntax,
// how to write a change in that syntax; EditEntry turns a changed message
// into patches through it, and ApplyPatches splices them into the bytes.
package tree
