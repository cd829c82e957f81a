package model

import (
	"fmt"

	"github.com/notorious-markets-watch/nmw/generator/dataset"
)

// Count is a number of recorded headings against an official count, which may be unknown. The
// reports count headings, and a heading may group several markets (Headings), so Recorded
// counts headings and Markets the markets recorded under them.
type Count struct {
	Recorded int
	Official *int
	Markets  int
}

// Percent is the recorded share of the official count, at most 100, or -1 when the official
// count is unknown.
func (c Count) Percent() int {
	switch {
	case c.Official == nil:
		return -1
	case *c.Official == 0, c.Recorded >= *c.Official:
		return 100
	}
	return c.Recorded * 100 / *c.Official
}

// Over reports whether more headings are recorded than officially counted: some markets the
// report groups under one heading are recorded here as headings of their own.
func (c Count) Over() bool { return c.Official != nil && c.Recorded > *c.Official }

// Complete reports whether the recorded headings are exactly the official count. More recorded
// than counted proves nothing: a report's heading may group several sites that data/ records
// as headings of their own, so the excess can hide missing headings (data/ can declare a
// section complete with fully_recorded instead).
func (c Count) Complete() bool {
	return c.Official != nil && c.Recorded == *c.Official
}

func (c Count) String() string {
	if c.Official == nil {
		return fmt.Sprintf("%d/?", c.Markets) // no count of headings to compare with: the markets recorded
	}
	over := ""
	if c.Over() {
		over = "+"
	}
	return fmt.Sprintf("%d/%d %d%%%s", c.Recorded, *c.Official, c.Percent(), over)
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
		out = append(out, CoverageOf(e))
	}
	return out
}

// CoverageOf returns one edition's coverage. The official total is the one given, or the sum of
// the two sections' counts when both are given.
func CoverageOf(e *Edition) EditionCoverage {
	on, ph := Headings(e.Online), Headings(e.Physical)
	c := EditionCoverage{
		Edition:  e,
		Online:   Count{on, e.Counts.Online, len(e.Online)},
		Physical: Count{ph, e.Counts.Physical, len(e.Physical)},
		Total:    Count{on + ph, e.Counts.Total, len(e.Online) + len(e.Physical)},
	}
	if c.Total.Official == nil && e.Counts.Online != nil && e.Counts.Physical != nil {
		t := *e.Counts.Online + *e.Counts.Physical
		c.Total.Official = &t
	}
	return c
}

// EditionCount is the edition's recorded markets against its official total (CoverageOf).
func EditionCount(e *Edition) Count { return CoverageOf(e).Total }

// Complete reports whether every market of the edition is recorded: each section's official
// count is known and reached, or data/ states the section fully recorded (fully_recorded).
func Complete(e *Edition) bool {
	return sectionRecorded(e, dataset.Online) && sectionRecorded(e, dataset.Physical)
}

// State is what the data says of a market in one edition.
type State int

const (
	Unknown   State = iota // the edition's section for the market is only partly recorded and does not record it
	NotListed              // the edition's section for the market is fully recorded and does not list it, or a source says it did not (Edition.Absence)
	Listed                 // the edition lists the market
)

func (s State) String() string {
	switch s {
	case Listed:
		return "listed"
	case NotListed:
		return "not-listed"
	}
	return "unknown"
}

// State says whether the edition lists the market, does not, or is not recorded well enough to say.
func (e *Edition) State(m *Market) State {
	switch {
	case e.Lists(m):
		return Listed
	case SectionComplete(e, m.Kind), e.Absence(m) != nil:
		return NotListed
	}
	return Unknown
}

// SectionComplete reports whether every market the edition officially counts in the section of
// the given kind (online or physical) is recorded (see Count.Complete), or data/ states the
// section fully recorded.
func SectionComplete(e *Edition, kind string) bool {
	if kind != dataset.Physical {
		kind = dataset.Online
	}
	return sectionRecorded(e, kind)
}

func sectionRecorded(e *Edition, kind string) bool {
	if e.FullyRecorded.Declares(kind) {
		return true
	}
	if kind == dataset.Physical {
		return Count{Recorded: Headings(e.Physical), Official: e.Counts.Physical}.Complete()
	}
	return Count{Recorded: Headings(e.Online), Official: e.Counts.Online}.Complete()
}
