package reportpdf

import (
	"reflect"
	"testing"
)

// TestPairwise checks that the covering array holds every pair of values of two options, stays
// within each option's values, and is the same on every run.
func TestPairwise(t *testing.T) {
	rows := Pairwise(Factors)
	for i := range Factors {
		for j := i + 1; j < len(Factors); j++ {
			for a := range Factors[i] {
				for b := range Factors[j] {
					found := false
					for _, r := range rows {
						found = found || r[i] == a && r[j] == b
					}
					if !found {
						t.Errorf("options %d=%d and %d=%d never appear together", i, a, j, b)
					}
				}
			}
		}
	}
	for _, r := range rows {
		for i, v := range r {
			if v < 0 || v >= Factors[i] {
				t.Errorf("row %v: option %d out of range", r, i)
			}
		}
	}
	if !reflect.DeepEqual(rows, Pairwise(Factors)) {
		t.Error("two runs gave different arrays")
	}
	// 5 styles × 4 entry forms need 20 rows at least; the greedy array should stay near that.
	if len(rows) < 20 || len(rows) > 30 {
		t.Errorf("%d rows", len(rows))
	}
}
