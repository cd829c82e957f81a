package importer

import (
	"fmt"

	"github.com/notorious-markets-watch/nmw/generator/dataset"
)

// Accounting says where every market-looking unit of a report went (a listed entry, a
// development, or a line to check) and sets what was found against the counts the report
// states. A reviewer reads it first: a difference from the stated counts means the import
// missed or misread part of the report.
type Accounting struct {
	Online, Physical int // listed markets read, by kind
	Developments     int // markets read under positive developments (or said to be off the list)
	ToCheck          int // lines for the reviewer: units not placed, fields missing, notes
	NotPlaced        int // of those, units read as markets (or market sections) but left out, each with page and reason
	// Stated are the counts in the report's own words, or nil where it states none.
	Stated *Stated
}

// Stated are the counts a report gives for its list.
type Stated struct {
	Online, Physical int
	Phrase           string
	Page             int
}

// Accounting returns the import's accounting.
func (r *Result) Accounting() Accounting {
	a := Accounting{ToCheck: len(r.ToCheck()), NotPlaced: len(r.Report.Unreadable) + r.Skipped}
	for _, m := range r.Report.Markets {
		switch {
		case m.Development:
			a.Developments++
		case m.Kind == dataset.Physical:
			a.Physical++
		default:
			a.Online++
		}
	}
	if c := r.Report.Counts; c != nil {
		a.Stated = &Stated{c.Online, c.Physical, c.Phrase, c.Page}
	}
	return a
}

// Differs reports whether what was found differs from the counts the report states.
func (a Accounting) Differs() bool {
	return a.Stated != nil && (a.Stated.Online != a.Online || a.Stated.Physical != a.Physical)
}

// Lines are the accounting as the import prints it and a pull request opens with: found
// against stated first (a difference as a warning), then where every unit went.
func (a Accounting) Lines() []string {
	var out []string
	switch s := a.Stated; {
	case s == nil:
		out = append(out, fmt.Sprintf("The report states no count of its markets (no sentence such as \"identifies N online markets and M physical markets\" was found): found %d online and %d physical; check the report's sections by hand.", a.Online, a.Physical))
	case a.Differs():
		out = append(out, fmt.Sprintf("WARNING: the report states %d online and %d physical markets (page %d: %q); found %d online and %d physical. The import missed or misread part of the report: compare its sections with the entries before merging.",
			s.Online, s.Physical, s.Page, s.Phrase, a.Online, a.Physical))
	default:
		out = append(out, fmt.Sprintf("Found %d online and %d physical markets, as the report states (page %d: %q).", a.Online, a.Physical, s.Page, s.Phrase))
	}
	placed := fmt.Sprintf("Every market-looking heading, run-in name and table-of-contents line is accounted for: %d listed, %d developments, %d to check", a.Online+a.Physical, a.Developments, a.ToCheck)
	if a.NotPlaced > 0 {
		placed += fmt.Sprintf(", of which %d were read as markets (or market sections) and not imported: each is under \"to check\" with its page and the reason", a.NotPlaced)
	}
	return append(out, placed+".")
}
