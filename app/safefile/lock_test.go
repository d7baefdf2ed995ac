package safefile

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"
)

func TestLockExcludesAndShares(t *testing.T) {
	dir := t.TempDir()
	a, err := LockDir(dir, true, 0)
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	_, err = LockDir(dir, false, 50*time.Millisecond)
	var le *LockedError
	if !errors.As(err, &le) || !errors.Is(err, ErrLocked) || le.Dir != dir {
		t.Fatalf("second lock while held exclusively: %v", err)
	}
	if d := time.Since(start); d < 50*time.Millisecond {
		t.Errorf("gave up after %s without waiting", d)
	}
	// Released by a waiter: the lock is granted as soon as it is free.
	go func() { time.Sleep(30 * time.Millisecond); a.Unlock() }()
	b, err := LockDir(dir, false, 5*time.Second)
	if err != nil {
		t.Fatalf("lock after release: %v", err)
	}
	c, err := LockDir(dir, false, 0)
	if err != nil {
		t.Fatalf("two readers: %v", err)
	}
	if _, err := LockDir(dir, true, 0); !errors.Is(err, ErrLocked) {
		t.Fatalf("writer while readers hold it: %v", err)
	}
	b.Unlock()
	c.Unlock()
	d, err := LockDir(dir, true, 0)
	if err != nil {
		t.Fatalf("writer after readers left: %v", err)
	}
	d.Unlock()
	if err := d.Unlock(); err != nil {
		t.Errorf("second Unlock: %v", err)
	}
}

// TestLockDirsAllOrNone: a folder named twice by different paths is locked
// once (no waiting on oneself), and when one folder is busy none is held.
func TestLockDirsAllOrNone(t *testing.T) {
	outer := t.TempDir()
	inner := filepath.Join(outer, "locales")
	if err := os.Mkdir(inner, 0o755); err != nil {
		t.Fatal(err)
	}
	l, err := LockDirs([]string{outer, inner, filepath.Join(inner, "..", "locales")}, true, 0)
	if err != nil {
		t.Fatalf("one folder by two paths: %v", err)
	}
	if _, err := LockDir(inner, false, 0); !errors.Is(err, ErrLocked) {
		t.Fatalf("inner folder not held: %v", err)
	}
	l.Unlock()

	busy, err := LockDir(inner, true, 0)
	if err != nil {
		t.Fatal(err)
	}
	var le *LockedError
	if _, err := LockDirs([]string{outer, inner}, true, 30*time.Millisecond); !errors.As(err, &le) || le.Dir != inner {
		t.Fatalf("want the inner folder named as busy, got %v", err)
	}
	// The outer folder was released when the inner one could not be had.
	o, err := LockDir(outer, true, 0)
	if err != nil {
		t.Fatalf("outer folder left locked: %v", err)
	}
	o.Unlock()
	busy.Unlock()
}
