package main

import (
	"context"
	"sync"

	"github.com/notorious-markets-watch/nmw/generator/filechange"
)

// queue collects batches of changes from serve and from the watched sources; a rebuild takes
// everything that came while the last one ran, as one batch.
type queue struct {
	mu      sync.Mutex
	pending []filechange.Change
	ready   chan struct{}
}

func newQueue() *queue { return &queue{ready: make(chan struct{}, 1)} }

func (q *queue) add(changes []filechange.Change) {
	q.mu.Lock()
	q.pending = append(q.pending, changes...)
	q.mu.Unlock()
	select {
	case q.ready <- struct{}{}:
	default:
	}
}

// batches yields the changes collected so far each time some have come, until ctx is done.
func (q *queue) batches(ctx context.Context) func(yield func([]filechange.Change) bool) {
	return func(yield func([]filechange.Change) bool) {
		for {
			select {
			case <-ctx.Done():
				return
			case <-q.ready:
			}
			q.mu.Lock()
			batch := q.pending
			q.pending = nil
			q.mu.Unlock()
			if len(batch) > 0 && !yield(batch) {
				return
			}
		}
	}
}
