package pdfread

import "bytes"

// Equal tells whether two parsed values are the same, comparing streams by
// dictionary and encoded bytes and references by number (not by target).
// Values are at most Limits.MaxDepth deep, which bounds the recursion.
func Equal(a, b Object) bool {
	switch x := a.(type) {
	case Array:
		y, ok := b.(Array)
		if !ok || len(x) != len(y) {
			return false
		}
		for i := range x {
			if !Equal(x[i], y[i]) {
				return false
			}
		}
		return true
	case Dict:
		y, ok := b.(Dict)
		return ok && equalDict(x, y)
	case *Stream:
		y, ok := b.(*Stream)
		return ok && equalDict(x.Dict, y.Dict) && bytes.Equal(x.Raw, y.Raw)
	}
	return a == b
}

func equalDict(x, y Dict) bool {
	if len(x) != len(y) {
		return false
	}
	for k, v := range x {
		w, ok := y[k]
		if !ok || !Equal(v, w) {
			return false
		}
	}
	return true
}
