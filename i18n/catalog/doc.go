// Package catalog is the translation workflow on go-i18n message catalogs:
// per language, what is translated, stale or missing (Status, with QA
// rules and CLDR plural forms); History, the old source texts, so a stale
// translation can be reviewed against what it translated; Handoff and Merge,
// the goi18n translate-file workflow minus its losses.
//
// The catalog files themselves (parse, edit in place, save) are package
// catfile's; the names this package re-exports for them (Catalog, Message,
// Parse, Load…) keep its callers whole. Code that only reads or writes
// files may import catfile directly.
//
// LoadAll and StatusEach do the read-only work of many languages on all
// cores.
package catalog
