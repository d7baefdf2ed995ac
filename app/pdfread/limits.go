package pdfread

import "fmt"

// Limits bound the work one file may cause. They scale with the file so a
// genuine large document passes while a small hostile one cannot make the
// reader allocate or compute far beyond its size.
type Limits struct {
	// MaxDepth bounds nested arrays and dictionaries (pdfcpu uses 100).
	MaxDepth int
	// MaxObjectNumber is the largest object number or /Size accepted
	// (ISO 32000-1 Annex C: 8,388,607).
	MaxObjectNumber int
	// MaxValues caps the values parsed over the whole file, in units of
	// about 40 bytes of memory: a number or name costs 1, a dictionary 4
	// plus 4 per entry (a Go map entry costs several times an array slot).
	MaxValues int
	// MaxInflate caps the bytes decompressed over the whole file.
	MaxInflate int64
	// MaxWork caps the object visits of whole-document walks (the
	// reachability of each signed revision, the verifier's reading of
	// each revision's form): many small revisions over a large document
	// would otherwise cost revisions times objects.
	MaxWork int
}

// LimitsFor returns the default limits for a file of size bytes.
func LimitsFor(size int) Limits {
	return Limits{
		MaxDepth:        100,
		MaxObjectNumber: 8_388_607,
		MaxValues:       500_000 + size,
		MaxInflate:      32<<20 + 8*int64(size),
		MaxWork:         500_000 + size,
	}
}

// budget counts what a file has cost so far against its Limits.
type budget struct {
	lim      Limits
	values   int
	inflated int64
	work     int
}

func (b *budget) value() error { return b.charge(1) }

func (b *budget) charge(n int) error {
	b.values += n
	if b.values > b.lim.MaxValues {
		return fmt.Errorf("more than %d values: too large to check", b.lim.MaxValues)
	}
	return nil
}

// room is how many more bytes may be inflated.
func (b *budget) room() int64 { return b.lim.MaxInflate - b.inflated }
