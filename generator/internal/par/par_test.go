package par

import (
	"errors"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
)

func TestMapKeepsOrder(t *testing.T) {
	for _, procs := range []int{1, 2, 8} {
		old := runtime.GOMAXPROCS(procs)
		for _, n := range []int{0, 1, 2, 3, 1000} {
			items := make([]int, n)
			want := make([]int, n)
			for i := range items {
				items[i] = i
				want[i] = i * i
			}
			if got := Map(items, func(i int) int { return i * i }); !slices.Equal(got, want) {
				t.Errorf("GOMAXPROCS %d, %d items: got %v", procs, n, got)
			}
		}
		runtime.GOMAXPROCS(old)
	}
}

func TestPoolDoesEveryItemOnce(t *testing.T) {
	var mu sync.Mutex
	seen := map[int]int{}
	p := NewPool(func(i int) error {
		mu.Lock()
		seen[i]++
		mu.Unlock()
		return nil
	})
	for i := range 1000 {
		if err := p.Add(i); err != nil {
			t.Fatal(err)
		}
	}
	if err := p.Wait(); err != nil || len(seen) != 1000 {
		t.Fatalf("Wait = %v, %d items done", err, len(seen))
	}
	for i, n := range seen {
		if n != 1 {
			t.Errorf("item %d done %d times", i, n)
		}
	}
}

func TestPoolStopsAtTheFirstError(t *testing.T) {
	boom := errors.New("boom")
	var done atomic.Int64
	p := NewPool(func(i int) error {
		done.Add(1)
		if i == 10 {
			return boom
		}
		return nil
	})
	var addErr error
	for i := 0; i < 100000 && addErr == nil; i++ {
		addErr = p.Add(i)
	}
	if err := p.Wait(); !errors.Is(err, boom) || !errors.Is(addErr, boom) {
		t.Fatalf("Wait = %v, Add = %v; want boom from both", err, addErr)
	}
	if n := done.Load(); n > 1000 {
		t.Errorf("%d items done after the error; the pool should stop soon after it", n)
	}
}
