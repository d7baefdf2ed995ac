// Package parallel runs independent jobs on every CPU. It is the one worker
// pool of the program: exporting files, typesetting documents and loading
// catalogs are all "n independent jobs, results by index", and a single
// helper keeps their ordering and error rules the same.
package parallel

import (
	"context"
	"math"
	"runtime"
	"sync"
	"sync/atomic"
)

// Each calls f(0) … f(n-1) on up to GOMAXPROCS goroutines and waits for
// them. Results belong in slices indexed by i, so they never depend on
// the timing.
func Each(n int, f func(i int)) {
	_ = Until(context.Background(), n, func(_ context.Context, i int) error {
		f(i)
		return nil
	})
}

// Until calls f(ctx, 0) … f(ctx, n-1) on up to GOMAXPROCS goroutines and
// returns the error of the lowest index that failed, whatever the timing:
// once job i fails, jobs after i that have not started are not started, and
// jobs before it still run (one of them may fail too, and come first).
// When ctx is cancelled, no further job starts and ctx's error is returned
// unless a job failed first.
func Until(ctx context.Context, n int, f func(ctx context.Context, i int) error) error {
	errs := make([]error, n)
	var failedAt atomic.Int64
	failedAt.Store(math.MaxInt64)
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), n) {
		wg.Go(func() {
			for i := range next {
				if int64(i) > failedAt.Load() || ctx.Err() != nil {
					continue
				}
				if errs[i] = f(ctx, i); errs[i] != nil {
					lower(&failedAt, int64(i))
				}
			}
		})
	}
	for i := range n {
		next <- i
	}
	close(next)
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return ctx.Err()
}

// lower sets v to i if i is smaller.
func lower(v *atomic.Int64, i int64) {
	for {
		at := v.Load()
		if i >= at || v.CompareAndSwap(at, i) {
			return
		}
	}
}
