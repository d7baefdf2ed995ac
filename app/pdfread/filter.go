package pdfread

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"io"
)

// Decode returns the decoded bytes of s. Only FlateDecode (with or without
// a PNG predictor) and unfiltered streams are decoded; everything inflated
// counts against the file's budget, so a flate bomb ends in an error after
// at most Limits.MaxInflate bytes.
func (f *File) Decode(s *Stream) ([]byte, error) {
	filters, err := filterNames(s.Dict["Filter"])
	if err != nil {
		return nil, err
	}
	switch {
	case len(filters) == 0:
		return s.Raw, nil
	case len(filters) > 1 || filters[0] != "FlateDecode":
		return nil, fmt.Errorf("unsupported stream filter %v", filters)
	}
	zr, err := zlib.NewReader(bytes.NewReader(s.Raw))
	if err != nil {
		return nil, fmt.Errorf("flate data: %w", err)
	}
	defer zr.Close()
	room := f.lim.room()
	var out bytes.Buffer
	n, err := io.Copy(&out, io.LimitReader(zr, room+1))
	f.lim.inflated += n
	if n > room {
		return nil, fmt.Errorf("streams inflate to more than %d bytes: too large to check", f.lim.lim.MaxInflate)
	}
	if err != nil {
		return nil, fmt.Errorf("flate data: %w", err)
	}
	parms, _ := s.Dict["DecodeParms"].(Dict)
	if arr, ok := s.Dict["DecodeParms"].(Array); ok && len(arr) == 1 {
		parms, _ = arr[0].(Dict)
	}
	return unpredict(out.Bytes(), parms)
}

func filterNames(o Object) ([]Name, error) {
	switch v := o.(type) {
	case nil:
		return nil, nil
	case Name:
		return []Name{v}, nil
	case Array:
		var out []Name
		for _, e := range v {
			n, ok := e.(Name)
			if !ok {
				return nil, fmt.Errorf("a stream filter is not a name")
			}
			out = append(out, n)
		}
		return out, nil
	}
	return nil, fmt.Errorf("a stream filter is not a name")
}

// unpredict undoes a PNG predictor (ISO 32000-1 §7.4.4.4) for 8-bit
// samples, as cross-reference streams use.
func unpredict(data []byte, parms Dict) ([]byte, error) {
	pred, _ := parms["Predictor"].(int64)
	if pred <= 1 {
		return data, nil
	}
	if pred < 10 || pred > 15 {
		return nil, fmt.Errorf("unsupported predictor %d", pred)
	}
	cols := int64(1)
	if c, ok := parms["Columns"].(int64); ok {
		cols = c
	}
	colors := int64(1)
	if c, ok := parms["Colors"].(int64); ok {
		colors = c
	}
	if bpc, ok := parms["BitsPerComponent"].(int64); ok && bpc != 8 {
		return nil, fmt.Errorf("unsupported predictor bits per component %d", bpc)
	}
	if cols < 1 || colors < 1 || cols > 1<<16 || colors > 4 {
		return nil, fmt.Errorf("bad predictor columns %d", cols)
	}
	bpp := int(colors)
	row := int(cols * colors)
	if len(data)%(row+1) != 0 {
		return nil, fmt.Errorf("predicted data is not a whole number of rows")
	}
	out := make([]byte, 0, len(data)/(row+1)*row)
	prev := make([]byte, row)
	for i := 0; i < len(data); i += row + 1 {
		typ, cur := data[i], data[i+1:i+1+row]
		line := make([]byte, row)
		for j := range cur {
			var a, b, c byte
			if j >= bpp {
				a, c = line[j-bpp], prev[j-bpp]
			}
			b = prev[j]
			switch typ {
			case 0:
				line[j] = cur[j]
			case 1:
				line[j] = cur[j] + a
			case 2:
				line[j] = cur[j] + b
			case 3:
				line[j] = cur[j] + byte((int(a)+int(b))/2)
			case 4:
				line[j] = cur[j] + paeth(a, b, c)
			default:
				return nil, fmt.Errorf("bad PNG predictor row type %d", typ)
			}
		}
		out = append(out, line...)
		prev = line
	}
	return out, nil
}

func paeth(a, b, c byte) byte {
	p := int(a) + int(b) - int(c)
	pa, pb, pc := abs(p-int(a)), abs(p-int(b)), abs(p-int(c))
	switch {
	case pa <= pb && pa <= pc:
		return a
	case pb <= pc:
		return b
	}
	return c
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
