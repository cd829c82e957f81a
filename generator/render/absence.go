package render

import (
	"sort"
	"strings"

	"github.com/notorious-markets-watch/nmw/generator/mdhtml"
	"github.com/notorious-markets-watch/nmw/generator/model"
	"github.com/notorious-markets-watch/nmw/generator/translation"
)

// absenceFront is one statement by sources that a list's editions did not name the market
// (data/ markets' absences, issue 26), cited as a listing is: the editions, what the sources
// say, and the sources.
type absenceFront struct {
	Publisher string       `json:"publisher"`
	List      string       `json:"list"`
	Years     string       `json:"years"` // e.g. "2012–2015"
	Editions  []editionRef `json:"editions"`
	Sources   []sourceRef  `json:"sources"`
}

// editionRef is an edition named by an absence: its title and report.
type editionRef struct {
	Year  int    `json:"year"`
	Title string `json:"title"`
	URL   string `json:"url"`
}

// absenceGroup is one absence statement's editions of one list.
type absenceGroup struct {
	publisher *model.Publisher
	absences  []*model.Absence
}

// absenceGroups groups a market's sourced absences by statement and list, in the order of
// their first edition.
func absenceGroups(m *model.Market) []absenceGroup {
	type key struct {
		note string
		pub  *model.Publisher
	}
	var out []absenceGroup
	at := map[key]int{}
	for _, a := range m.Absences {
		// a statement is its note and sources; the same note cannot carry two lists' editions apart
		k := key{a.Note + "\x00" + strings.Join(a.Sources, "\x00"), a.Edition.Publisher}
		i, ok := at[k]
		if !ok {
			i = len(out)
			at[k] = i
			out = append(out, absenceGroup{publisher: a.Edition.Publisher})
		}
		out[i].absences = append(out[i].absences, a)
	}
	return out
}

// absences is the market's sourced absences for its timeline and the open data.
func absences(m *model.Market) []absenceFront {
	var out []absenceFront
	for _, g := range absenceGroups(m) {
		f := absenceFront{Publisher: g.publisher.Short, List: g.publisher.List, Sources: []sourceRef{}}
		var years []int
		for _, a := range g.absences {
			years = append(years, a.Edition.Year)
			f.Editions = append(f.Editions, editionRef{Year: a.Edition.Year, Title: a.Edition.Title, URL: linkURL(a.Edition.URL)})
		}
		f.Years = yearRanges(years)
		for _, s := range g.absences[0].Sources {
			f.Sources = append(f.Sources, sourceRef{Name: sourceName(s), URL: linkURL(s)})
		}
		out = append(out, f)
	}
	return out
}

// absenceHistory is one history item per absence statement and list, at the year of its
// latest edition, saying which editions did not list the market and who says so.
func absenceHistory(site *model.Site, m *model.Market) []historyItem {
	var items []historyItem
	for i, g := range absenceGroups(m) {
		if g.absences[0].Development != nil {
			continue // the development's own history item cites the removal
		}
		f := absences(m)[i]
		last := g.absences[len(g.absences)-1].Edition
		h := historyItem{
			Year: last.Year, Publisher: g.publisher.Short, PublisherName: g.publisher.Name, List: g.publisher.List,
			Absent: true, Years: f.Years, Editions: f.Editions, Sources: f.Sources,
		}
		a := g.absences[0]
		t := rendered(a.Note, mdhtml.Block)
		h.Summary, h.SummaryHTML = t.Summary, t.SummaryHTML
		h.Tr = translations(site, absenceRef(m, a), a.Note, mdhtml.Block)
		items = append(items, h)
	}
	return items
}

// absenceRef finds the translations of a market's absence note: filed under the absence's
// first edition, as data/ writes its editions.
func absenceRef(m *model.Market, a *model.Absence) translation.Ref {
	return translation.Ref{Kind: translation.Absences, Edition: a.Absence.Editions[0], Key: m.Slug}
}

// sortHistory orders a market's history newest first; within a year, listings, then
// absences, then developments.
func sortHistory(items []historyItem) {
	rank := func(h historyItem) int {
		switch {
		case h.Development:
			return 2
		case h.Absent:
			return 1
		}
		return 0
	}
	sort.SliceStable(items, func(i, j int) bool {
		if items[i].Year != items[j].Year {
			return items[i].Year > items[j].Year
		}
		return rank(items[i]) < rank(items[j])
	})
}

// latestSources are the sources of the market's absence from the edition, where a source (and
// not a fully recorded section) is what says the edition does not list it.
func latestSources(e *model.Edition, m *model.Market) []sourceRef {
	a := e.Absence(m)
	if a == nil || model.SectionComplete(e, m.Kind) {
		return nil
	}
	var out []sourceRef
	for _, s := range a.Sources {
		out = append(out, sourceRef{Name: sourceName(s), URL: linkURL(s)})
	}
	return out
}
