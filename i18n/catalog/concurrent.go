package catalog

import (
	"sync"

	"communique/internal/parallel"

	"golang.org/x/text/language"
)

// LoadAll loads the catalogs at paths concurrently. errs[i] is the error of
// paths[i], so one malformed catalog does not keep the others from loading.
func LoadAll(paths []string) (cats []*Catalog, errs []error) {
	cats = make([]*Catalog, len(paths))
	errs = make([]error, len(paths))
	parallel.Each(len(paths), func(i int) {
		cats[i], errs[i] = Load(paths[i])
	})
	return cats, errs
}

// LoadAllAs is LoadAs of each path with the language at the same index,
// on all cores.
func LoadAllAs(paths []string, langs []language.Tag) (cats []*Catalog, errs []error) {
	cats = make([]*Catalog, len(paths))
	errs = make([]error, len(paths))
	parallel.Each(len(paths), func(i int) {
		cats[i], errs[i] = LoadAs(paths[i], langs[i])
	})
	return cats, errs
}

// StatusEach is StatusWith of each target against source, computed
// concurrently, handing each report to fn as soon as it is made: fn is
// called from one goroutine at a time, in no particular order, with the
// target's index. Each report's Entries hold only the messages that need
// work (missing, needs review, or a QA problem); the counts are complete.
// A summary of 30 languages × 5,000 messages thus never makes, let alone
// holds, an entry for every message (~65 MB). Nothing may edit the
// catalogs meanwhile.
//
// r.Entries is valid only until fn returns: its array is reused for the
// next language (growing a fresh slice of 400-byte entries per language
// was a third of the memory status --json touched). Copy what you keep.
func StatusEach(source *Catalog, targets []*Catalog, hist *History, opt *QAOptions, fn func(i int, r Report)) {
	sourceCache(source) // once, before the workers share it
	var mu sync.Mutex
	bufs := sync.Pool{New: func() any { return new([]Entry) }}
	parallel.Each(len(targets), func(i int) {
		buf := bufs.Get().(*[]Entry)
		r, grown := status(source, targets[i], hist, opt, false, *buf)
		mu.Lock()
		fn(i, r)
		mu.Unlock()
		*buf = grown // the pool goes with this call: nothing outlives it
		bufs.Put(buf)
	})
}
