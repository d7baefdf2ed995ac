package verify

import (
	"bytes"
	"fmt"
	"sort"

	"communique/app/pdfread"
	"communique/app/sign/pdfobj"
)

// What may follow a signature. Each incremental update after the signed
// revision is compared object by object with the revision before it, and
// every object it redefines or frees must match a rule of the signature's
// DocMDP level (ISO 32000-2 §12.8.2.2, Table 257), in the spirit of
// pyHanko's diff analysis but stricter:
//
//   - any level: validation data (/DSS and its /VRI), /Extensions, and new
//     invisible document timestamps;
//   - P=2 (and approval signatures): new invisible signature fields,
//     signing an empty signature field, filling form fields (/V /AS /AP);
//   - P=3: also new annotations other than widgets.
//
// Everything else is a change: the catalog beyond /AcroForm /DSS
// /Extensions /Version, form defaults (/DR /DA /NeedAppearances), page
// keys other than /Annots, removed annotations or fields, freed objects,
// the Info dictionary and XMP metadata, and any other object rewritten. A
// later signature widget that paints something (on screen or in print) or
// carries an action is a change to the page, whoever signed it. Roles are
// not borrowed: an array is /Annots only if a page names it so, validation
// data only while it looks like it, a field is a widget or has a field
// type, and fields a signature locked (lock.go) may not be filled. New objects are judged through the references that
// reach them, since a reference from an unchanged object would already
// have been dangling (and malformed) in the older revision.

// revisionContext is what an update is judged against: the roles objects
// play in the revision before it. Roles are read from the objects
// themselves (a /Type /Page dictionary follows the page rules, a field
// dictionary the field rules) rather than by walking the page tree and
// form for every revision, which would make many small revisions cost
// pages times revisions.
type revisionContext struct {
	f                   *pdfread.File
	old, cur            int // revision numbers
	level               int
	root, acro, fieldsA pdfread.Ref
	dss                 map[pdfread.Ref]bool
	annots              map[pdfread.Ref]bool // pages' indirect /Annots, see isAnnots
	locks               *fieldLocks          // fields the signature locked
	names               map[pdfread.Ref]string
	changes             []string
	allowed             []string // what the update did that the level allows
	fills               int      // how many of those change what is shown
	// purpose is set when the update adds validation data or a document
	// timestamp: under P=1 an update must do one of these.
	purpose bool
}

// changesAfter lists the changes the revisions after signedRev make that a
// signature of the given DocMDP level does not allow, and those it allows.
// Each update is judged once per level, however many signatures precede it.
func (v *verifier) changesAfter(signedRev, level int, locks *fieldLocks) (changes, allowed []string, fills int) {
	moreChanges, moreAllowed := 0, 0
	lockKey := locks.key()
	for u := signedRev + 1; u < len(v.f.Revisions); u++ {
		key := diffKey{u, level, lockKey}
		d, done := v.diffs[key]
		if !done {
			c := newContext(v.f, u-1, u, level)
			c.locks = locks
			c.diffTrailer()
			c.diffObjects()
			if level == 1 && !c.purpose && len(c.changes) == 0 {
				c.change("the document was certified with no changes allowed, but the file was updated after signing")
			}
			d = diff{c.changes, c.allowed, c.fills}
			v.diffs[key] = d
		}
		fills += d.fills
		changes = appendCapped(changes, &moreChanges, u, d.changes)
		allowed = appendCapped(allowed, &moreAllowed, u, d.allowed)
	}
	if moreChanges > 0 {
		changes = append(changes, fmt.Sprintf("and %d more", moreChanges))
	}
	if moreAllowed > 0 {
		allowed = append(allowed, fmt.Sprintf("and %d more", moreAllowed))
	}
	return changes, allowed, fills
}

// maxListed caps each list of changes in a report: a file with thousands
// of updates must not make a report of millions of lines.
const maxListed = 50

func appendCapped(list []string, more *int, u int, items []string) []string {
	for _, it := range items {
		if len(list) >= maxListed {
			*more++
			continue
		}
		list = append(list, fmt.Sprintf("revision %d: %s", u+1, it))
	}
	return list
}

// diff is what one update changed, for one DocMDP level and field locks.
type diff struct {
	changes, allowed []string
	fills            int
}

type diffKey struct {
	update, level int
	locks         string
}

func (c *revisionContext) change(format string, args ...any) {
	c.changes = append(c.changes, fmt.Sprintf(format, args...))
}

// allow records a change the level allows: reported, not failed.
func (c *revisionContext) allow(format string, args ...any) {
	c.allowed = append(c.allowed, fmt.Sprintf(format, args...))
}

// allowContent records an allowed change to what the document shows
// (form filling, annotations), which the report must not call unchanged.
func (c *revisionContext) allowContent(format string, args ...any) {
	c.fills++
	c.allow(format, args...)
}

func newContext(f *pdfread.File, old, cur, level int) *revisionContext {
	c := &revisionContext{f: f, old: old, cur: cur, level: level, dss: map[pdfread.Ref]bool{}}
	c.root, _ = f.Revisions[old].Trailer["Root"].(pdfread.Ref)
	root, _ := pdfobj.Dict(f, old, c.root)
	c.acro, _ = root["AcroForm"].(pdfread.Ref)
	acro, _ := pdfobj.Dict(f, old, root["AcroForm"])
	c.fieldsA, _ = acro["Fields"].(pdfread.Ref)
	if r, ok := root["DSS"].(pdfread.Ref); ok {
		c.dss[r] = true
	}
	dss, _ := pdfobj.Dict(f, old, root["DSS"])
	if r, ok := dss["VRI"].(pdfread.Ref); ok {
		c.dss[r] = true
	}
	vri, _ := pdfobj.Dict(f, old, dss["VRI"])
	for _, x := range vri {
		if r, ok := x.(pdfread.Ref); ok {
			c.dss[r] = true
		}
	}
	return c
}

func (c *revisionContext) diffTrailer() {
	ot, nt := c.f.Revisions[c.old].Trailer, c.f.Revisions[c.cur].Trailer
	for _, k := range []pdfread.Name{"Root", "Info"} {
		if !pdfread.Equal(ot[k], nt[k]) {
			c.change("the trailer's /%s now names another object", k)
		}
	}
}

func (c *revisionContext) diffObjects() {
	entries := c.f.Revisions[c.cur].Entries
	nums := make([]int, 0, len(entries))
	for n := range entries {
		nums = append(nums, n)
	}
	sort.Ints(nums)
	for _, n := range nums {
		e := entries[n]
		prev, had := c.f.Lookup(c.old, n)
		if !had || prev.Kind == 'f' {
			continue // a new object, judged by what refers to it
		}
		if e == prev {
			// The same bytes listed again: unchanged, and not compared,
			// so re-listing a large object in every update costs nothing.
			continue
		}
		oldGen, newGen := prev.Gen, e.Gen
		if prev.Kind == 'c' {
			oldGen = 0
		}
		if e.Kind == 'c' {
			newGen = 0
		}
		if e.Kind == 'f' {
			c.change("object %d was deleted", n)
			continue
		}
		ref := pdfread.Ref{Num: n, Gen: oldGen}
		if newGen != oldGen {
			c.change("object %d was replaced by a new generation", n)
			continue
		}
		oldObj, err1 := c.f.Object(c.old, ref)
		newObj, err2 := c.f.Object(c.cur, ref)
		if err1 != nil || err2 != nil {
			c.change("object %d cannot be compared", n)
			continue
		}
		if !pdfread.Equal(oldObj, newObj) {
			c.redefined(ref, oldObj, newObj)
		}
	}
}

// redefined judges an object the update rewrote, by the role it had.
func (c *revisionContext) redefined(r pdfread.Ref, oldObj, newObj pdfread.Object) {
	od, _ := oldObj.(pdfread.Dict)
	nd, _ := newObj.(pdfread.Dict)
	_, oldArray := oldObj.(pdfread.Array)
	switch {
	case r == c.root && od != nil && nd != nil:
		c.diffCatalog(od, nd)
	case r == c.acro && od != nil && nd != nil:
		c.diffAcroForm(od, nd)
	case r == c.fieldsA:
		c.diffFields(oldObj, newObj)
	case pdfobj.NameOf(c.f, c.old, od["Type"]) == "Page" && nd != nil:
		c.diffPage(r.Num, od, nd)
	case c.isField(od) && nd != nil:
		c.diffField(r, od, nd)
	case oldArray && c.isAnnots(r):
		// A page's indirect /Annots: what it gains must be an
		// annotation the level allows.
		c.diffAnnots(r.Num, oldObj, newObj)
	case c.dss[r] && isValidationData(od) && isValidationData(nd):
		c.purpose = true
		c.allow("validation data (/DSS) updated")
	default:
		c.change("%s was rewritten", describe(c.f, c.old, r, oldObj))
	}
}

func describe(f *pdfread.File, k int, r pdfread.Ref, o pdfread.Object) string {
	d, _ := pdfobj.Dict(f, k, o)
	if t := pdfobj.NameOf(f, k, d["Type"]); t != "" {
		return fmt.Sprintf("object %d (/%s)", r.Num, t)
	}
	if t := pdfobj.NameOf(f, k, d["Subtype"]); t != "" {
		return fmt.Sprintf("object %d (/%s)", r.Num, t)
	}
	switch o.(type) {
	case *pdfread.Stream:
		return fmt.Sprintf("object %d (a stream)", r.Num)
	case pdfread.Array:
		return fmt.Sprintf("object %d (an array)", r.Num)
	}
	return fmt.Sprintf("object %d", r.Num)
}

// changedKeys lists the keys whose values differ, in order.
func changedKeys(od, nd pdfread.Dict) []pdfread.Name {
	var keys []pdfread.Name
	for k, v := range od {
		if !pdfread.Equal(v, nd[k]) {
			keys = append(keys, k)
		}
	}
	for k := range nd {
		if _, ok := od[k]; !ok {
			keys = append(keys, k)
		}
	}
	sort.Slice(keys, func(i, j int) bool { return keys[i] < keys[j] })
	return keys
}

func (c *revisionContext) diffCatalog(od, nd pdfread.Dict) {
	for _, k := range changedKeys(od, nd) {
		switch k {
		case "AcroForm":
			oa, _ := pdfobj.Dict(c.f, c.old, od[k])
			na, _ := pdfobj.Dict(c.f, c.cur, nd[k])
			if na == nil {
				c.change("the form (/AcroForm) was removed")
				continue
			}
			c.diffAcroForm(oa, na)
		case "DSS":
			c.purpose = true
			c.allow("validation data (/DSS) added")
		case "Extensions":
		case "Version":
			if _, ok := nd[k].(pdfread.Name); !ok {
				c.change("the catalog's /Version is not a name")
			}
		default:
			c.change("the document catalog's /%s changed", k)
		}
	}
}

func (c *revisionContext) diffAcroForm(od, nd pdfread.Dict) {
	for _, k := range changedKeys(od, nd) {
		switch k {
		case "Fields":
			c.diffFields(od[k], nd[k])
		case "SigFlags":
		default:
			// /DR and /DA decide how every field is drawn: changing
			// them changes what a signed form shows.
			c.change("the form's /%s changed", k)
		}
	}
}

// diffFields: old fields stay, in place; new ones must be signature fields
// this level allows.
func (c *revisionContext) diffFields(oldObj, newObj pdfread.Object) {
	oa := pdfobj.Array(c.f, c.old, oldObj)
	na := pdfobj.Array(c.f, c.cur, newObj)
	if !c.keepsAll(oa, na) {
		c.change("form fields were removed or reordered")
		return
	}
	for _, o := range na[len(oa):] {
		c.newField(o)
	}
}

// keepsAll tells whether na starts with the elements of oa.
func (c *revisionContext) keepsAll(oa, na pdfread.Array) bool {
	if len(na) < len(oa) {
		return false
	}
	for i := range oa {
		if !pdfread.Equal(oa[i], na[i]) {
			return false
		}
	}
	return true
}

func (c *revisionContext) newField(o pdfread.Object) {
	obj, _ := c.f.Resolve(c.cur, o)
	d, isDict := obj.(pdfread.Dict)
	if !isDict {
		// A stream is no field; the array may be something else too.
		c.change("something other than a form field was added to the form's fields")
		return
	}
	if pdfobj.NameOf(c.f, c.cur, d["FT"]) != "Sig" {
		c.change("a form field other than a signature was added")
		return
	}
	c.newSignature(d)
	if pdfobj.NameOf(c.f, c.cur, d["Subtype"]) == "Widget" {
		c.invisibleWidget(d, "a new signature field")
	}
	for _, kid := range pdfobj.Array(c.f, c.cur, d["Kids"]) {
		kd, _ := pdfobj.Dict(c.f, c.cur, kid)
		c.invisibleWidget(kd, "a new signature field")
	}
}

// newSignature checks that the level allows the signature a new or newly
// signed field holds: a certification with no changes allowed only lets
// document timestamps follow.
func (c *revisionContext) newSignature(field pdfread.Dict) {
	if r, ok := field["V"].(pdfread.Ref); ok {
		if e, had := c.f.Lookup(c.old, r.Num); had && e.Kind != 'f' {
			// A field that takes an existing signature value shows a
			// signature nobody made in this update, where its signer
			// never put it.
			c.change("a signature field was given the value of an existing signature (object %d)", r.Num)
			return
		}
	}
	v, _ := pdfobj.Dict(c.f, c.cur, field["V"])
	// The sub-filter decides how the value is checked, so it alone
	// makes a document timestamp (a /Type cannot relabel a signature).
	if pdfobj.NameOf(c.f, c.cur, v["SubFilter"]) == "ETSI.RFC3161" {
		c.purpose = true
		c.allow("a document timestamp added")
		return
	}
	c.allow("a signature added")
	if c.level != 1 {
		return
	}
	c.change("a signature was added to a document certified with no changes allowed")
}

// invisibleWidget records a change when widget d can paint anything.
func (c *revisionContext) invisibleWidget(d pdfread.Dict, what string) {
	if paints(c.f, c.cur, d) {
		c.change("%s has a visible appearance that draws over the page", what)
	}
	if c.scripted(d) {
		c.change("%s carries an action that runs when the page is shown or the field is used", what)
	}
}

// scripted tells whether annotation d carries an action a reader runs
// (/AA, or an /A other than following a link), which can change what the
// document shows after it is opened.
func (c *revisionContext) scripted(d pdfread.Dict) bool {
	if _, aa := d["AA"]; aa {
		return true
	}
	if _, has := d["A"]; !has {
		return false
	}
	a, _ := pdfobj.Dict(c.f, c.cur, d["A"])
	switch pdfobj.NameOf(c.f, c.cur, a["S"]) {
	case "URI", "GoTo":
		_, next := a["Next"]
		return next
	}
	return true
}

// paints tells whether an annotation can draw anything: not hidden, a
// rectangle with area, and a normal appearance with content.
func paints(f *pdfread.File, k int, d pdfread.Dict) bool {
	flags, _ := f.Resolve(k, d["F"])
	// Hidden is never shown; NoView is not shown on screen but is still
	// printed when Print is set.
	const hidden, print, noView = 2, 4, 32
	if n, ok := flags.(int64); ok && (n&hidden != 0 || n&noView != 0 && n&print == 0) {
		return false
	}
	rect := pdfobj.Array(f, k, d["Rect"])
	if len(rect) != 4 {
		return false
	}
	var x [4]float64
	for i, e := range rect {
		e, _ = f.Resolve(k, e)
		switch n := e.(type) {
		case int64:
			x[i] = float64(n)
		case float64:
			x[i] = n
		default:
			return true
		}
	}
	if x[0] == x[2] || x[1] == x[3] {
		return false
	}
	ap, _ := pdfobj.Dict(f, k, d["AP"])
	if ap == nil {
		// Without an appearance stream readers draw one of their own
		// from /MK, /DA and the field (poppler paints /MK's background
		// and border over the page): only no appearance at all is none.
		return true
	}
	if mk, _ := pdfobj.Dict(f, k, d["MK"]); mk["BG"] != nil || mk["BC"] != nil {
		// With /NeedAppearances, readers redraw every widget from /MK,
		// whatever its appearance stream holds.
		return true
	}
	n, err := f.Resolve(k, ap["N"])
	if err != nil {
		return true
	}
	switch s := n.(type) {
	case nil:
		return false
	case *pdfread.Stream:
		data, err := f.Decode(s)
		return err != nil || len(bytes.TrimSpace(data)) > 0
	}
	return true
}

// diffField: form filling changes a field's value and appearance only.
func (c *revisionContext) diffField(r pdfread.Ref, od, nd pdfread.Dict) {
	// A widget inherits its field's type: the widget of a signature
	// field is no text field whose appearance form filling may redraw.
	isSig := fieldType(c.f, c.old, od) == "Sig"
	for _, k := range changedKeys(od, nd) {
		switch {
		case c.level < 2 && !isSig:
			c.change("form field %d's /%s changed in a document certified with no changes allowed", r.Num, k)
		case k == "V" && isSig:
			if _, had := od["V"]; had {
				c.change("the value of signature field %d was replaced", r.Num)
				continue
			}
			c.newSignature(nd)
		case (k == "V" || k == "AS" || k == "AP") && !isSig && c.locks.locks(c.fieldName(r)):
			c.change("form field %d (%s), which the signature locked, changed (/%s)", r.Num, c.fieldName(r), k)
		case k == "V" || k == "AS":
			c.allowContent("form field %d filled in (/%s)", r.Num, k)
		case k == "AP":
			if isSig && paints(c.f, c.cur, nd) {
				c.change("signature field %d was given a visible appearance that draws over the page", r.Num)
			} else if !isSig {
				c.allowContent("form field %d's appearance redrawn (/AP)", r.Num)
			}
		default:
			c.change("form field %d's /%s changed", r.Num, k)
		}
	}
}

func (c *revisionContext) diffPage(page int, od, nd pdfread.Dict) {
	for _, k := range changedKeys(od, nd) {
		if k != "Annots" {
			c.change("page object %d's /%s changed", page, k)
			continue
		}
		c.diffAnnots(page, od[k], nd[k])
	}
}

// diffAnnots: a page keeps its annotations and may gain those the level
// allows.
func (c *revisionContext) diffAnnots(page int, oldObj, newObj pdfread.Object) {
	oa := pdfobj.Array(c.f, c.old, oldObj)
	na := pdfobj.Array(c.f, c.cur, newObj)
	if !c.keepsAll(oa, na) {
		c.change("annotations were removed from page object %d", page)
		return
	}
	for _, o := range na[len(oa):] {
		obj, _ := c.f.Resolve(c.cur, o)
		d, _ := obj.(pdfread.Dict)
		sub := pdfobj.NameOf(c.f, c.cur, d["Subtype"])
		switch {
		case sub == "":
			c.change("something other than an annotation was added to the annotations of page object %d", page)
		case sub == "Widget":
			if c.isSigWidget(d) {
				c.invisibleWidget(d, fmt.Sprintf("a new signature widget on page object %d", page))
			} else {
				c.change("a form field widget was added to page object %d", page)
			}
		case c.level >= 3 && c.scripted(d):
			c.change("an annotation (/%s) with an action was added to page object %d", sub, page)
		case c.level >= 3:
			c.allowContent("an annotation (/%s) added to page object %d", sub, page)
		default:
			c.change("an annotation (/%s) was added to page object %d", sub, page)
		}
	}
}

// isValidationData tells whether d can only be validation data: a /DSS
// dictionary, its /VRI dictionary (keyed by SHA-1 hashes) or a VRI entry
// (ISO 32000-2 §12.8.4.3, Tables 261-262). An object the signed file
// also uses as something else (a page's resources, a font map) is then
// judged as a rewrite, not waved through as validation data.
func isValidationData(d pdfread.Dict) bool {
	if d == nil {
		return false
	}
	dss, vriEntry, vri := true, true, true
	for k := range d {
		switch k {
		case "Type":
		case "VRI", "Certs", "OCSPs", "CRLs":
			vriEntry, vri = false, false
		case "Cert", "CRL", "OCSP", "TU", "TS":
			dss, vri = false, false
		default:
			dss, vriEntry = false, false
			vri = vri && isSHA1Hex(string(k))
		}
	}
	return dss || vriEntry || vri
}

func isSHA1Hex(s string) bool {
	if len(s) != 40 {
		return false
	}
	for _, c := range s {
		if !(c >= '0' && c <= '9' || c >= 'A' && c <= 'F' || c >= 'a' && c <= 'f') {
			return false
		}
	}
	return true
}

// isField tells whether a dictionary is a form field or a widget: a widget
// annotation, or a dictionary that is no annotation and has a field type
// of its own or from an ancestor. A markup annotation's /T (its author)
// and /Parent (a popup's) do not make it a field, whose appearance form
// filling may change.
func (c *revisionContext) isField(d pdfread.Dict) bool {
	if d == nil {
		return false
	}
	switch pdfobj.NameOf(c.f, c.old, d["Subtype"]) {
	case "Widget":
		return true
	case "":
	default:
		return false
	}
	return fieldType(c.f, c.old, d) != ""
}

// isAnnots tells whether r is the indirect /Annots array of a page of the
// old revision. The page tree is walked once per update, and only when an
// indirect array is rewritten.
func (c *revisionContext) isAnnots(r pdfread.Ref) bool {
	if c.annots == nil {
		c.annots = map[pdfread.Ref]bool{}
		root, _ := pdfobj.Dict(c.f, c.old, c.root)
		pages, _ := pdfobj.Pages(c.f, c.old, root["Pages"])
		for _, p := range pages {
			d, _ := pdfobj.Dict(c.f, c.old, p)
			if a, ok := d["Annots"].(pdfread.Ref); ok {
				c.annots[a] = true
			}
		}
	}
	return c.annots[r]
}

func (c *revisionContext) isSigWidget(d pdfread.Dict) bool {
	return fieldType(c.f, c.cur, d) == "Sig"
}

// fieldType is d's field type, its own or inherited from an ancestor
// (ISO 32000-1 §12.7.3.1).
func fieldType(f *pdfread.File, k int, d pdfread.Dict) string {
	for depth := 0; d != nil && depth < 32; depth++ {
		if t := pdfobj.NameOf(f, k, d["FT"]); t != "" {
			return t
		}
		d, _ = pdfobj.Dict(f, k, d["Parent"])
	}
	return ""
}
