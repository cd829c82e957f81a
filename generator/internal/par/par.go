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

// Pool runs do on each item handed to Add, in any order, on GOMAXPROCS goroutines (at least two:
// the work is often waiting on the file system). Once do has failed, the remaining items are
// skipped and Add returns the first error.
type Pool[T any] struct {
	items chan T
	wg    sync.WaitGroup
	mu    sync.Mutex
	err   error
}

// NewPool starts a pool; do must be safe to call concurrently.
func NewPool[T any](do func(T) error) *Pool[T] {
	p := &Pool[T]{items: make(chan T, 64)}
	for range max(2, runtime.GOMAXPROCS(0)) {
		p.wg.Go(func() {
			for item := range p.items {
				if p.Err() != nil {
					continue
				}
				if err := do(item); err != nil {
					p.mu.Lock()
					if p.err == nil {
						p.err = err
					}
					p.mu.Unlock()
				}
			}
		})
	}
	return p
}

// Err returns the first error do returned, if any.
func (p *Pool[T]) Err() error {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.err
}

// Add hands an item to the pool, or returns the first error do returned.
func (p *Pool[T]) Add(item T) error {
	if err := p.Err(); err != nil {
		return err
	}
	p.items <- item
	return nil
}

// Wait waits for every item handed over and returns the first error do returned.
func (p *Pool[T]) Wait() error {
	close(p.items)
	p.wg.Wait()
	return p.err
}
