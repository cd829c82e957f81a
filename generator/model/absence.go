package model

import (
	"sort"

	"github.com/notorious-markets-watch/nmw/generator/dataset"
)

// Absence is one edition a source says did not list a market (data/ markets' absences):
// the market is not listed there, whatever the edition's coverage.
type Absence struct {
	*dataset.Absence
	Market  *Market
	Edition *Edition
	// Development is the positive development whose sources report the market removed in
	// this edition (dataset.Development.Removed), where the absence comes from one.
	Development *Development
}

// Absence returns the sourced absence of the market from the edition, or nil.
func (e *Edition) Absence(m *Market) *Absence { return e.absent[m] }

// linkAbsences gives each market its sourced absences, by year then publisher, and each
// edition the markets a source says it did not list: the markets' own absences, then the
// developments marked removed (an edition a market's absences already name keeps those).
func linkAbsences(s *Site, editions map[string]*Edition) {
	add := func(e *Edition, a *Absence) {
		if e.absent == nil {
			e.absent = map[*Market]*Absence{}
		}
		e.absent[a.Market] = a
		a.Market.Absences = append(a.Market.Absences, a)
	}
	for _, m := range s.Markets {
		for i := range m.Market.Absences {
			a := &m.Market.Absences[i]
			for _, id := range a.Editions {
				e := editions[id]
				if e == nil || e.listed[m] || e.absent[m] != nil {
					continue // validation reports these
				}
				add(e, &Absence{Absence: a, Market: m, Edition: e})
			}
		}
	}
	for _, e := range s.Editions {
		for _, d := range e.Developments {
			if d.Removed && !e.listed[d.Market] && e.absent[d.Market] == nil {
				a := &dataset.Absence{Editions: []string{e.ID()}, Note: d.Summary, Sources: d.Sources}
				add(e, &Absence{Absence: a, Market: d.Market, Edition: e, Development: d})
			}
		}
	}
	order := map[*Edition]int{}
	for i, e := range s.Editions {
		order[e] = i
	}
	for _, m := range s.Markets {
		sort.SliceStable(m.Absences, func(i, j int) bool { return order[m.Absences[i].Edition] < order[m.Absences[j].Edition] })
	}
}

// Absences returns the markets a source says the edition did not list, by name.
func (e *Edition) Absences() []*Absence {
	out := make([]*Absence, 0, len(e.absent))
	for _, a := range e.absent {
		out = append(out, a)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Market.Name != out[j].Market.Name {
			return out[i].Market.Name < out[j].Market.Name
		}
		return out[i].Market.Slug < out[j].Market.Slug
	})
	return out
}
