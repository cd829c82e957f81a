package reportpdf

// Pairwise returns rows of option values (row[i] < factors[i]) in which every pair of values of
// two options appears at least once: a covering array of strength two, built greedily and
// always the same for the same factors.
func Pairwise(factors []int) [][]int {
	type pair struct{ i, a, j, b int }
	uncovered := map[pair]bool{}
	var order []pair
	for i := range factors {
		for j := i + 1; j < len(factors); j++ {
			for a := range factors[i] {
				for b := range factors[j] {
					p := pair{i, a, j, b}
					uncovered[p] = true
					order = append(order, p)
				}
			}
		}
	}
	var rows [][]int
	for len(uncovered) > 0 {
		row := make([]int, len(factors))
		set := make([]bool, len(factors))
		// Start from the first pair not yet covered, then give each other option the value
		// that covers most new pairs with the options already set.
		for _, p := range order {
			if uncovered[p] {
				row[p.i], row[p.j], set[p.i], set[p.j] = p.a, p.b, true, true
				break
			}
		}
		for k := range factors {
			if set[k] {
				continue
			}
			best, bestN := 0, -1
			for v := range factors[k] {
				n := 0
				for o := range factors {
					if !set[o] {
						continue
					}
					p := pair{o, row[o], k, v}
					if k < o {
						p = pair{k, v, o, row[o]}
					}
					if uncovered[p] {
						n++
					}
				}
				if n > bestN {
					best, bestN = v, n
				}
			}
			row[k], set[k] = best, true
		}
		for i := range factors {
			for j := i + 1; j < len(factors); j++ {
				delete(uncovered, pair{i, row[i], j, row[j]})
			}
		}
		rows = append(rows, row)
	}
	return rows
}
