package cms

// The CMS and timestamp parsers (digitorus/pkcs7, which converts BER to DER
// recursively) recurse once per nested constructed value: 200,000 nested
// indefinite-length SEQUENCEs in a 400 KB /Contents cost them 2.6 s and
// 140 MB of stack. A real signature nests about 15 levels, so deeper input
// is refused before it reaches them, by a scan that keeps its own stack.

// MaxDepth bounds the nesting of constructed values in a signature.
const MaxDepth = 64

// DepthOK tells whether no constructed value in b nests deeper than
// max. Malformed encodings pass: the parser reports those.
func DepthOK(b []byte, max int) bool {
	var ends []int // end of each open constructed value, -1 if indefinite
	pos := 0
	for pos < len(b) {
		for len(ends) > 0 && ends[len(ends)-1] >= 0 && pos >= ends[len(ends)-1] {
			ends = ends[:len(ends)-1]
		}
		if len(ends) > 0 && ends[len(ends)-1] < 0 && pos+1 < len(b) && b[pos] == 0 && b[pos+1] == 0 {
			ends = ends[:len(ends)-1]
			pos += 2
			continue
		}
		constructed, length, header, ok := tlvHeader(b[pos:])
		if !ok {
			return true
		}
		pos += header
		if !constructed {
			if length < 0 {
				return true
			}
			pos += length
			continue
		}
		end := -1
		if length >= 0 {
			end = pos + length
		}
		ends = append(ends, end)
		if len(ends) > max {
			return false
		}
	}
	return true
}

// tlvHeader reads a BER tag and length: length -1 is indefinite.
func tlvHeader(b []byte) (constructed bool, length, header int, ok bool) {
	if len(b) < 2 {
		return false, 0, 0, false
	}
	constructed = b[0]&0x20 != 0
	i := 1
	if b[0]&0x1f == 0x1f {
		for i < len(b) && i < 6 && b[i]&0x80 != 0 {
			i++
		}
		i++
	}
	if i >= len(b) {
		return false, 0, 0, false
	}
	l := b[i]
	i++
	switch {
	case l < 0x80:
		return constructed, int(l), i, true
	case l == 0x80:
		return constructed, -1, i, true
	}
	n := int(l & 0x7f)
	if n > 4 || i+n > len(b) {
		return false, 0, 0, false
	}
	for _, c := range b[i : i+n] {
		length = length<<8 | int(c)
	}
	return constructed, length, i + n, true
}

// elementLen returns the length of the first BER element of b, definite
// or indefinite (its end-of-contents octets included), or -1 if b does not
// start with a complete, well-nested one. Like DepthOK it keeps its own
// stack instead of recursing.
func elementLen(b []byte) int {
	var ends []int // end of each open constructed value, -1 if indefinite
	pos := 0
	for {
		for len(ends) > 0 && ends[len(ends)-1] >= 0 && pos == ends[len(ends)-1] {
			ends = ends[:len(ends)-1]
		}
		switch top := len(ends) - 1; {
		case top < 0 && pos > 0:
			return pos
		case top >= 0 && ends[top] >= 0 && pos > ends[top]:
			return -1 // a child runs past its parent's end
		case top >= 0 && ends[top] < 0 && pos+1 < len(b) && b[pos] == 0 && b[pos+1] == 0:
			ends = ends[:top]
			pos += 2
			continue
		}
		constructed, length, header, ok := tlvHeader(b[pos:])
		if !ok || length > len(b)-pos-header {
			return -1
		}
		pos += header
		switch {
		case !constructed && length < 0:
			return -1 // only constructed values may be indefinite
		case !constructed:
			pos += length
		case length < 0:
			ends = append(ends, -1)
		default:
			ends = append(ends, pos+length)
		}
	}
}
