package safefile

import (
	"fmt"
	"io"
	"os"
)

// TooLargeError reports a file larger than its reader accepts.
type TooLargeError struct {
	Path        string
	Size, Limit int64
}

func (e *TooLargeError) Error() string {
	return fmt.Sprintf("%s: file is %.1f MiB; files over %d MiB are refused here", e.Path, float64(e.Size)/(1<<20), e.Limit>>20)
}

// ReadFile reads path as os.ReadFile does, refusing a file larger than
// limit bytes with a *TooLargeError before reading it, or as soon as it
// grows past the limit (a device, a pipe, a file still being written): a
// workspace may come from anyone, and one file must not take all memory.
func ReadFile(path string, limit int64) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	size := int64(512)
	if fi, err := f.Stat(); err == nil {
		if fi.Size() > limit {
			return nil, &TooLargeError{Path: path, Size: fi.Size(), Limit: limit}
		}
		size = max(size, fi.Size()+1) // +1: sees the end without growing
	}
	data := make([]byte, 0, size)
	for {
		n, err := f.Read(data[len(data):cap(data)])
		data = data[:len(data)+n]
		if int64(len(data)) > limit {
			return nil, &TooLargeError{Path: path, Size: int64(len(data)), Limit: limit}
		}
		if err == io.EOF {
			return data, nil
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		if len(data) == cap(data) {
			data = append(data, 0)[:len(data)]
		}
	}
}
