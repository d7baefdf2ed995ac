package safefile

import (
	"errors"
	"fmt"
	"os"
	"time"
)

// Lock is an advisory lock on a folder, held by one process (exclusive) or
// shared by several readers. It is what makes a read-check-write sequence
// (open a workspace, merge a translation, save) atomic against another
// process doing the same: Stamps alone notice a change between the check
// and the rename only if it happened before the check.
//
// The lock is the operating system's (flock on Unix, LockFileEx on
// Windows), so it is released when the process dies: a crash never leaves a
// folder locked.
type Lock struct {
	fs []*os.File // one per folder, in the order taken
}

// LockedError reports that another process held a folder's lock for longer
// than the caller was willing to wait.
type LockedError struct {
	Dir    string
	Waited time.Duration
}

func (e *LockedError) Error() string {
	return fmt.Sprintf("%s: another Communiqué process (a command or the desktop app saving) is using this folder; waited %s, try again when it has finished", e.Dir, e.Waited.Round(time.Millisecond))
}

// ErrLocked matches every *LockedError with errors.Is.
var ErrLocked = errors.New("folder locked by another process")

// Is makes errors.Is(err, ErrLocked) true for a *LockedError.
func (e *LockedError) Is(target error) bool { return target == ErrLocked }

// pollInterval is how often a waiting process retries a held lock.
const pollInterval = 20 * time.Millisecond

// LockDir takes the lock of folder dir, waiting up to wait for another
// process to release it. A shared lock (exclusive false) is held by readers
// together and keeps writers out.
func LockDir(dir string, exclusive bool, wait time.Duration) (*Lock, error) {
	return LockDirs([]string{dir}, exclusive, wait)
}

// LockDirs takes the locks of several folders, in the order given, waiting
// up to wait in all; a folder named twice (by any path) is locked once.
// Either all are held or none. Callers that lock nested folders name the
// outer one first, so that two of them never wait on each other.
//
// Several folders are for files that more than one folder owns: a go-i18n
// project's catalogs are written by a process that opened the project's
// root and by one that opened its locales folder, and both must exclude
// each other (locking only the folder each was given lost 12 of 60
// changes in 30 rounds of two concurrent merges).
func LockDirs(dirs []string, exclusive bool, wait time.Duration) (*Lock, error) {
	l := &Lock{}
	var seen []os.FileInfo
	start := time.Now()
next:
	for _, dir := range dirs {
		if fi, err := os.Stat(dir); err == nil {
			for _, s := range seen {
				if os.SameFile(s, fi) {
					continue next
				}
			}
			seen = append(seen, fi)
		}
		f, err := lockOne(dir, exclusive, start, wait)
		if err != nil {
			l.Unlock()
			return nil, err
		}
		l.fs = append(l.fs, f)
	}
	return l, nil
}

// lockOne locks dir, waiting until start+wait.
func lockOne(dir string, exclusive bool, start time.Time, wait time.Duration) (*os.File, error) {
	f, err := openLockFile(dir)
	if err != nil {
		return nil, fmt.Errorf("%s: cannot lock: %w", dir, err)
	}
	for {
		ok, err := tryLock(f, exclusive)
		if err != nil {
			f.Close()
			return nil, fmt.Errorf("%s: cannot lock: %w", dir, err)
		}
		if ok {
			return f, nil
		}
		waited := time.Since(start)
		if waited >= wait {
			f.Close()
			return nil, &LockedError{Dir: dir, Waited: waited}
		}
		time.Sleep(min(pollInterval, wait-waited))
	}
}

// Unlock releases the lock. Unlocking a nil Lock does nothing.
func (l *Lock) Unlock() error {
	if l == nil {
		return nil
	}
	var errs []error
	for i := len(l.fs) - 1; i >= 0; i-- {
		errs = append(errs, l.fs[i].Close()) // closing the descriptor releases the lock
	}
	l.fs = nil
	return errors.Join(errs...)
}
