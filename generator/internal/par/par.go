// Package par runs independent work on every processor.
package par

import (
	"runtime"
	"sync"
	"sync/atomic"
)

// Map returns f of each item, computed on GOMAXPROCS goroutines. The results keep the order of
// the items, so callers that merge them in order get the same answer as a plain loop. f must be
// safe to call concurrently.
func Map[T, R any](items []T, f func(T) R) []R {
	out := make([]R, len(items))
	workers := min(runtime.GOMAXPROCS(0), len(items))
	if workers <= 1 {
		for i, item := range items {
			out[i] = f(item)
		}
		return out
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for i := int(next.Add(1) - 1); i < len(items); i = int(next.Add(1) - 1) {
				out[i] = f(items[i])
			}
		})
	}
	wg.Wait()
	return out
}
