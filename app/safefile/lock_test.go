package safefile

import (
	"errors"
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
