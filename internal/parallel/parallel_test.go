package parallel

import (
	"context"
	"errors"
	"fmt"
	"sync/atomic"
	"testing"
)

func TestEachRunsEveryJobOnce(t *testing.T) {
	counts := make([]atomic.Int32, 1000)
	Each(len(counts), func(i int) { counts[i].Add(1) })
	for i := range counts {
		if c := counts[i].Load(); c != 1 {
			t.Fatalf("job %d ran %d times", i, c)
		}
	}
	Each(0, func(int) { t.Fatal("a job ran for n = 0") })
}

// The error returned is the lowest failing index's, however the jobs
// interleave; jobs after it do not start once it failed.
func TestUntilReturnsFirstErrorInJobOrder(t *testing.T) {
	for round := range 50 {
		var ran atomic.Int32
		err := Until(context.Background(), 200, func(_ context.Context, i int) error {
			ran.Add(1)
			if i == 7 || i == 150 || i == 199 {
				return fmt.Errorf("job %d", i)
			}
			return nil
		})
		if err == nil || err.Error() != "job 7" {
			t.Fatalf("round %d: err = %v, want job 7", round, err)
		}
		if ran.Load() < 8 {
			t.Fatalf("round %d: only %d jobs ran; every job before the failure must", round, ran.Load())
		}
	}
}

func TestUntilStopsWhenCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	var ran atomic.Int32
	err := Until(ctx, 10000, func(ctx context.Context, i int) error {
		if ran.Add(1) == 5 {
			cancel()
		}
		return nil
	})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	// Jobs already handed to a worker may finish: at most one per worker.
	if n := ran.Load(); n > 5+64 {
		t.Fatalf("%d jobs ran after cancelling at the 5th", n)
	}
}
