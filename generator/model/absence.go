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
}

// Absence returns the sourced absence of the market from the edition, or nil.
func (e *Edition) Absence(m *Market) *Absence { return e.absent[m] }

// linkAbsences gives each market its sourced absences, by year then publisher, and each
// edition the markets a source says it did not list.
func linkAbsences(s *Site, editions map[string]*Edition) {
	for _, m := range s.Markets {
		for i := range m.Market.Absences {
			a := &m.Market.Absences[i]
			for _, id := range a.Editions {
				e := editions[id]
				if e == nil || e.listed[m] {
					continue // validation reports both
				}
				ab := &Absence{Absence: a, Market: m, Edition: e}
				if e.absent == nil {
					e.absent = map[*Market]*Absence{}
				}
				e.absent[m] = ab
				m.Absences = append(m.Absences, ab)
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
