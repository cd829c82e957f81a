package model

import "sort"

// Cell states in a market's timeline: where the market stood in one edition of one list.
const (
	CellNew       = "new"       // listed, and every earlier edition of this publisher is known not to list it
	CellListed    = "listed"    // listed, after a listing or a gap in the data (continuing, or first recorded)
	CellReturning = "returning" // listed again: known not listed in the previous edition, listed earlier
	CellDropped   = "dropped"   // known not listed, but listed in the previous edition
	CellAbsent    = "absent"    // not listed, and not listed in the previous edition
	CellUnknown   = "unknown"   // not recorded, in an edition too partly recorded to say (State Unknown)
)

// Cell is one edition in a market's timeline.
type Cell struct {
	Edition     *Edition
	State       string
	Development bool // the edition names the market as a positive development
}

// Listed reports whether the edition lists the market.
func (c Cell) Listed() bool {
	return c.State == CellNew || c.State == CellListed || c.State == CellReturning
}

// TimelineRow is a market's standing in every edition of one publisher's list.
type TimelineRow struct {
	Publisher *Publisher
	Cells     []Cell // one per edition, ascending by year
}

// Timeline returns one row per publisher with editions, in publisher order.
func (m *Market) Timeline(s *Site) []TimelineRow {
	var rows []TimelineRow
	for _, p := range s.Publishers {
		if len(p.Editions) == 0 {
			continue
		}
		row := TimelineRow{Publisher: p}
		ever, known := false, true // known: every earlier edition is known not to list it
		var prev State = NotListed
		for _, e := range p.Editions {
			st := e.State(m)
			c := Cell{Edition: e}
			switch {
			case st == Listed && prev == NotListed && ever:
				c.State = CellReturning
			case st == Listed && !ever && known:
				c.State = CellNew
			case st == Listed:
				c.State = CellListed
			case st == Unknown:
				c.State = CellUnknown
			case prev == Listed:
				c.State = CellDropped
			default:
				c.State = CellAbsent
			}
			for _, d := range e.Developments {
				if d.Market == m {
					c.Development = true
				}
			}
			ever = ever || st == Listed
			known = known && st == NotListed
			prev = st
			row.Cells = append(row.Cells, c)
		}
		rows = append(rows, row)
	}
	return rows
}

// YearSpan returns the first and last years any edition reviews (0, 0 without editions).
func (s *Site) YearSpan() (first, last int) {
	if len(s.Years) == 0 {
		return 0, 0
	}
	return s.Years[0].Year, s.Years[len(s.Years)-1].Year
}

// Series is a named row of numbers, one per year of the site's span.
type Series struct {
	Key    string // a country code or category id; "" for a group with no key
	Counts []int  // distinct markets per year, first year first
	Total  int    // distinct markets over all years
}

// ByYear counts, for every year of the site's span, the distinct markets listed by any edition
// reviewing that year under each key that keys gives a market (a market may have several keys).
// Rows come by total, largest first, then by the sum of the years' counts, then by key.
func (s *Site) ByYear(keys func(*Market) []string) []Series {
	first, last := s.YearSpan()
	rows := map[string]*Series{}
	ever := map[string]map[*Market]bool{}
	for _, y := range s.Years {
		seen := map[*Market]bool{}
		for _, e := range y.Editions {
			for _, l := range append(append([]*Listing{}, e.Online...), e.Physical...) {
				if seen[l.Market] {
					continue
				}
				seen[l.Market] = true
				for _, k := range keys(l.Market) {
					r := rows[k]
					if r == nil {
						r = &Series{Key: k, Counts: make([]int, last-first+1)}
						rows[k] = r
						ever[k] = map[*Market]bool{}
					}
					r.Counts[y.Year-first]++
					ever[k][l.Market] = true
				}
			}
		}
	}
	var out []Series
	for k, r := range rows {
		r.Total = len(ever[k])
		out = append(out, *r)
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		switch {
		case a.Total != b.Total:
			return a.Total > b.Total
		case a.listings() != b.listings():
			return a.listings() > b.listings()
		}
		return a.Key < b.Key
	})
	return out
}

func (s Series) listings() int {
	n := 0
	for _, c := range s.Counts {
		n += c
	}
	return n
}

// ByCountry is ByYear keyed by country code; "" collects markets the data gives no country.
func (s *Site) ByCountry() []Series {
	return s.ByYear(func(m *Market) []string { return []string{m.Country} })
}

// ByCategory is ByYear keyed by category id; a market counts once under each of its categories.
func (s *Site) ByCategory() []Series {
	return s.ByYear(func(m *Market) []string { return m.Categories })
}

// Tenure is how many editions of each list named a market.
type Tenure struct {
	Market   *Market
	Editions []int // per publisher, in publisher order
	Total    int
	First    int // year of the first edition that listed it
	Last     int // year of the last
}

// Longest returns the n markets listed in the most editions (all lists together), most first;
// ties go to the market listed most recently, then by name. n <= 0 returns every listed market.
func (s *Site) Longest(n int) []Tenure {
	var out []Tenure
	for _, m := range s.Markets {
		if len(m.Listings) == 0 {
			continue
		}
		t := Tenure{Market: m, Editions: make([]int, len(s.Publishers)), First: m.Listings[0].Edition.Year}
		for _, l := range m.Listings {
			t.Editions[publisherIndex(s, l.Edition.Publisher)]++
			t.Total++
			t.Last = max(t.Last, l.Edition.Year)
		}
		out = append(out, t)
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		switch {
		case a.Total != b.Total:
			return a.Total > b.Total
		case a.Last != b.Last:
			return a.Last > b.Last
		case a.Market.Name != b.Market.Name:
			return a.Market.Name < b.Market.Name
		}
		return a.Market.Slug < b.Market.Slug
	})
	if n > 0 && len(out) > n {
		out = out[:n]
	}
	return out
}

// Developments returns every positive development, by year, then publisher, in data order.
func (s *Site) Developments() []*Development {
	var out []*Development
	for _, y := range s.Years {
		for _, e := range y.Editions {
			out = append(out, e.Developments...)
		}
	}
	return out
}
