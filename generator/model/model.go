// Package model links a validated data set into what the pages show: each market's listing
// history and status on each list, and each edition's changes since the publisher's previous one.
package model

import (
	"fmt"
	"sort"

	"github.com/notorious-markets-watch/nmw/generator/dataset"
	"github.com/notorious-markets-watch/nmw/generator/gazetteer"
	"github.com/notorious-markets-watch/nmw/generator/maps"
	"github.com/notorious-markets-watch/nmw/generator/translation"
)

// Site is the linked data set.
type Site struct {
	Set        *dataset.Set
	Publishers []*Publisher     // in publishers.yaml order
	Markets    []*Market        // by slug
	Editions   []*Edition       // by year, then publisher
	Years      []*Year          // ascending
	Places     gazetteer.Places // where the markets' cities are (data/places.yaml); set by pipeline.Load
	PlaceNames gazetteer.Names  // the cities' names in each language (data/place-names.yaml); set by pipeline.Load
	World      *maps.World      // the countries' outlines (data/geo/), or nil; set by pipeline.Load
	// Translations of the summaries and notes (data/translations/), and Warnings, the stale
	// ones, which pages do not show; set by pipeline.Load (issue 34).
	Translations *translation.Set
	Warnings     []dataset.Problem
}

// Publisher is a publisher with its editions.
type Publisher struct {
	*dataset.Publisher
	Editions []*Edition // ascending by year
}

// Latest returns the publisher's newest edition, or nil.
func (p *Publisher) Latest() *Edition {
	if len(p.Editions) == 0 {
		return nil
	}
	return p.Editions[len(p.Editions)-1]
}

// Edition is one edition with its listings and the changes since the previous edition.
type Edition struct {
	*dataset.Edition
	Publisher *Publisher
	Previous  *Edition   // the same publisher's previous edition, or nil
	Online    []*Listing // in data order
	Physical  []*Listing
	// The changes since the previous edition are computed only across known states (see State):
	// a gap in the data is never shown as a market leaving or joining a list.
	New           []*Market // listed, and every earlier edition of this publisher is known not to list it
	FirstRecorded []*Market // listed, recorded in no earlier edition, but some earlier edition is too partly recorded to tell
	Returning     []*Market // listed, known not listed in the previous edition, listed in an earlier one
	Dropped       []*Market // listed in the previous edition, known not listed in this one
	Unrecorded    []*Market // listed in the previous edition, not recorded in this partly recorded one
	Developments  []*Development
	Responses     []*Response // responses answering the edition, by date (issue 36)
	listed        map[*Market]bool
	absent        map[*Market]*Absence // markets a source says the edition did not list (Absence)
}

// Lists reports whether the edition lists the market.
func (e *Edition) Lists(m *Market) bool { return e.listed[m] }

// Listing is a market as listed in one edition.
type Listing struct {
	*dataset.Entry
	Market  *Market
	Edition *Edition
}

// Development is a market an edition names as a positive development.
type Development struct {
	*dataset.Development
	Market  *Market
	Edition *Edition
}

// Market is a market with its history.
type Market struct {
	*dataset.Market
	Listings     []*Listing     // by year, then publisher
	Developments []*Development // by year, then publisher
	Absences     []*Absence     // editions a source says did not list it, by year, then publisher
	Statuses     []Status       // one per publisher that listed it, in publisher order
	Responses    []*Response    // responses concerning it, by edition then date (issue 36)
}

// Status is where a market stands on one publisher's list.
type Status struct {
	Publisher *Publisher
	Years     []int    // years of the editions that listed it, ascending
	Last      *Edition // the last edition that listed it
	Current   bool     // listed in the publisher's latest edition
	Since     int      // editions published after Last
	Latest    State    // the market's state in the publisher's latest edition
	// SinceComplete is true when every edition after Last has the market's section fully
	// recorded, so that absence from them is a fact rather than a gap in the data.
	SinceComplete bool
}

// Text says the status in a sentence.
func (s Status) Text() string {
	short := s.Publisher.Short
	if s.Current {
		return fmt.Sprintf("Listed in the latest %s edition (%d)", short, s.Last.Year)
	}
	latest := s.Publisher.Latest().Year
	switch {
	case s.Latest == Unknown:
		return fmt.Sprintf("Last listed by %s in %d as far as recorded here; the latest edition (%d) is only partly recorded, so it may still be on the list", short, s.Last.Year, latest)
	case !s.SinceComplete:
		return fmt.Sprintf("Last listed by %s in %d as far as recorded here; absent from the latest edition (%d)", short, s.Last.Year, latest)
	case s.Since == 1:
		return fmt.Sprintf("Last listed by %s in %d; absent from the latest edition (%d)", short, s.Last.Year, latest)
	}
	return fmt.Sprintf("Last listed by %s in %d; absent from the %d editions since", short, s.Last.Year, s.Since)
}

// LatestUnknown reports whether no list's latest edition names the market, but one that listed
// it before is too partly recorded to say it no longer does.
func (m *Market) LatestUnknown() bool {
	for _, s := range m.Statuses {
		if s.Current {
			return false
		}
	}
	for _, s := range m.Statuses {
		if s.Latest == Unknown {
			return true
		}
	}
	return false
}

// Current reports whether any list's latest edition names the market.
func (m *Market) Current() bool {
	for _, s := range m.Statuses {
		if s.Current {
			return true
		}
	}
	return false
}

// Year is every edition that reviews one year.
type Year struct {
	Year     int
	Editions []*Edition // in publisher order
}

// Build links a data set. It expects a set without validation problems.
func Build(set *dataset.Set) *Site {
	s := &Site{Set: set}
	pubs := map[string]*Publisher{}
	for _, p := range set.Publishers {
		pub := &Publisher{Publisher: p}
		s.Publishers = append(s.Publishers, pub)
		pubs[p.ID] = pub
	}
	markets := map[string]*Market{}
	for _, m := range set.Markets {
		mm := &Market{Market: m}
		s.Markets = append(s.Markets, mm)
		markets[m.Slug] = mm
	}
	years := map[int]*Year{}
	byID := map[string]*Edition{}
	for _, de := range set.Editions {
		e := &Edition{Edition: de, Publisher: pubs[de.Publisher], listed: map[*Market]bool{}}
		byID[de.ID()] = e
		s.Editions = append(s.Editions, e)
		e.Publisher.Editions = append(e.Publisher.Editions, e)
		for i := range de.Entries {
			l := &Listing{Entry: &de.Entries[i], Market: markets[de.Entries[i].Market], Edition: e}
			if l.Market.Kind == dataset.Physical {
				e.Physical = append(e.Physical, l)
			} else {
				e.Online = append(e.Online, l)
			}
			l.Market.Listings = append(l.Market.Listings, l)
			e.listed[l.Market] = true
		}
		for i := range de.Developments {
			d := &Development{Development: &de.Developments[i], Market: markets[de.Developments[i].Market], Edition: e}
			e.Developments = append(e.Developments, d)
			d.Market.Developments = append(d.Market.Developments, d)
		}
		y := years[de.Year]
		if y == nil {
			y = &Year{Year: de.Year}
			years[de.Year] = y
			s.Years = append(s.Years, y)
		}
		y.Editions = append(y.Editions, e)
	}
	sort.Slice(s.Years, func(i, j int) bool { return s.Years[i].Year < s.Years[j].Year })
	for _, y := range s.Years {
		sort.SliceStable(y.Editions, func(i, j int) bool {
			return publisherIndex(s, y.Editions[i].Publisher) < publisherIndex(s, y.Editions[j].Publisher)
		})
	}
	linkAbsences(s, byID)
	linkResponses(s, byID, markets)
	for _, p := range s.Publishers {
		changes(p)
	}
	for _, m := range s.Markets {
		m.Statuses = statuses(s, m)
	}
	return s
}

func publisherIndex(s *Site, p *Publisher) int {
	for i, q := range s.Publishers {
		if q == p {
			return i
		}
	}
	return len(s.Publishers)
}

// changes fills each edition's new, first recorded, returning, dropped and unrecorded markets.
func changes(p *Publisher) {
	ever := map[*Market]bool{}
	for i, e := range p.Editions {
		if i > 0 {
			e.Previous = p.Editions[i-1]
		}
		for _, l := range append(append([]*Listing{}, e.Online...), e.Physical...) {
			m := l.Market
			switch {
			case e.Previous != nil && e.Previous.Lists(m):
			case ever[m] && e.Previous.State(m) == NotListed:
				e.Returning = append(e.Returning, m)
			case ever[m]: // after a gap in the data: continuing or returning, the data cannot say
			case knownAbsent(p.Editions[:i], m):
				e.New = append(e.New, m)
			default:
				e.FirstRecorded = append(e.FirstRecorded, m)
			}
		}
		if e.Previous != nil {
			for _, l := range append(append([]*Listing{}, e.Previous.Online...), e.Previous.Physical...) {
				switch e.State(l.Market) {
				case NotListed:
					e.Dropped = append(e.Dropped, l.Market)
				case Unknown:
					e.Unrecorded = append(e.Unrecorded, l.Market)
				}
			}
		}
		for m := range e.listed {
			ever[m] = true
		}
		for _, list := range [][]*Market{e.New, e.FirstRecorded, e.Returning, e.Dropped, e.Unrecorded} {
			sortByName(list)
		}
	}
}

// knownAbsent reports whether every one of the editions is known not to list the market.
func knownAbsent(editions []*Edition, m *Market) bool {
	for _, e := range editions {
		if e.State(m) != NotListed {
			return false
		}
	}
	return true
}

func statuses(s *Site, m *Market) []Status {
	var out []Status
	for _, p := range s.Publishers {
		st := Status{Publisher: p}
		for i, e := range p.Editions {
			if e.Lists(m) {
				st.Years = append(st.Years, e.Year)
				st.Last = e
				st.Since = len(p.Editions) - 1 - i
			}
		}
		if st.Last == nil {
			continue
		}
		st.Current = st.Since == 0
		st.Latest = p.Latest().State(m)
		st.SinceComplete = true
		for _, e := range p.Editions[len(p.Editions)-st.Since:] {
			st.SinceComplete = st.SinceComplete && e.State(m) == NotListed
		}
		out = append(out, st)
	}
	return out
}

func sortByName(ms []*Market) {
	sort.Slice(ms, func(i, j int) bool {
		if ms[i].Name != ms[j].Name {
			return ms[i].Name < ms[j].Name
		}
		return ms[i].Slug < ms[j].Slug
	})
}
