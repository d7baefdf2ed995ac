//go:build windows

package safefile

import (
	"errors"
	"os"
	"path/filepath"

	"golang.org/x/sys/windows"
)

// LockFileName is the file Windows locks in a folder: LockFileEx needs a
// file, not a directory handle.
const LockFileName = ".communique.lock"

func openLockFile(dir string) (*os.File, error) {
	return os.OpenFile(filepath.Join(dir, LockFileName), os.O_RDWR|os.O_CREATE, 0o644)
}

func tryLock(f *os.File, exclusive bool) (bool, error) {
	flags := uint32(windows.LOCKFILE_FAIL_IMMEDIATELY)
	if exclusive {
		flags |= windows.LOCKFILE_EXCLUSIVE_LOCK
	}
	var ol windows.Overlapped
	err := windows.LockFileEx(windows.Handle(f.Fd()), flags, 0, 1, 0, &ol)
	switch {
	case err == nil:
		return true, nil
	case errors.Is(err, windows.ERROR_LOCK_VIOLATION), errors.Is(err, windows.ERROR_IO_PENDING):
		return false, nil
	}
	return false, err
}
