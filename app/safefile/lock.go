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
	f   *os.File
	dir string
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
	f, err := openLockFile(dir)
	if err != nil {
		return nil, fmt.Errorf("%s: cannot lock: %w", dir, err)
	}
	start := time.Now()
	for {
		ok, err := tryLock(f, exclusive)
		if err != nil {
			f.Close()
			return nil, fmt.Errorf("%s: cannot lock: %w", dir, err)
		}
		if ok {
			return &Lock{f: f, dir: dir}, nil
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
	if l == nil || l.f == nil {
		return nil
	}
	err := l.f.Close() // closing the descriptor releases the lock
	l.f = nil
	return err
}
