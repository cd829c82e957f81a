package model

import "fmt"

// Count is a number of recorded entries against an official count, which may be unknown.
type Count struct {
	Recorded int
	Official *int
}

// Percent is the recorded share of the official count, or -1 when the official count is unknown.
func (c Count) Percent() int {
	switch {
	case c.Official == nil:
		return -1
	case *c.Official == 0:
		return 100
	}
	return c.Recorded * 100 / *c.Official
}

func (c Count) String() string {
	if c.Official == nil {
		return fmt.Sprintf("%d/?", c.Recorded)
	}
	return fmt.Sprintf("%d/%d %d%%", c.Recorded, *c.Official, c.Percent())
}

// EditionCoverage compares an edition's recorded entries with its official counts.
type EditionCoverage struct {
	Edition                 *Edition
	Online, Physical, Total Count
}

// Coverage returns every edition's coverage, in edition order.
func Coverage(site *Site) []EditionCoverage {
	var out []EditionCoverage
	for _, e := range site.Editions {
		c := EditionCoverage{
			Edition:  e,
			Online:   Count{len(e.Online), e.Counts.Online},
			Physical: Count{len(e.Physical), e.Counts.Physical},
			Total:    Count{len(e.Online) + len(e.Physical), e.Counts.Total},
		}
		if c.Total.Official == nil && e.Counts.Online != nil && e.Counts.Physical != nil {
			t := *e.Counts.Online + *e.Counts.Physical
			c.Total.Official = &t
		}
		out = append(out, c)
	}
	return out
}

// Complete reports whether every officially counted market of the edition is recorded: both
// official counts are known and reached.
func Complete(e *Edition) bool {
	c := Count{len(e.Online), e.Counts.Online}
	p := Count{len(e.Physical), e.Counts.Physical}
	return c.Official != nil && p.Official != nil && c.Percent() >= 100 && p.Percent() >= 100
}
