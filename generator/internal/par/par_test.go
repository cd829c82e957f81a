package par

import (
	"runtime"
	"slices"
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
