package render

import (
	"fmt"
	"strings"

	"github.com/notorious-markets-watch/nmw/generator/model"
)

type yearPage struct {
	Title       string     `json:"title"`
	Description string     `json:"description"`
	Weight      int        `json:"weight"`
	Params      yearParams `json:"params"`
}

type yearParams struct {
	Year     int            `json:"year"`
	Editions []editionFront `json:"editions"`
	Listing  []yearEdition  `json:"listing"`
}

// yearEdition is what a year page lists of one edition: what changed since the publisher's
// previous edition, and its markets with what the report said. The template writes it in the
// reader's language around the names and summaries, which stay in English.
type yearEdition struct {
	ID            string      `json:"id"`
	Publisher     string      `json:"publisher"`
	PublisherName string      `json:"publisher_name"`
	List          string      `json:"list"`
	Title         string      `json:"title"`
	Published     string      `json:"published"`
	URL           string      `json:"url"`
	Previous      int         `json:"previous,omitempty,omitzero"`
	Partly        []int       `json:"partly,omitempty,omitzero"` // of Previous and this year, those only partly recorded
	New           []marketRef `json:"new"`
	Returning     []marketRef `json:"returning"`
	Dropped       []marketRef `json:"dropped"`
	Online        []yearEntry `json:"online"`
	Physical      []yearEntry `json:"physical"`
	Developments  []yearEntry `json:"developments"`
}

// marketRef names a market and its page.
type marketRef struct {
	Name string `json:"name"`
	Slug string `json:"slug"`
}

// yearEntry is a market an edition names, with where and what it said.
type yearEntry struct {
	Name    string `json:"name"`
	Slug    string `json:"slug"`
	Section string `json:"section,omitempty,omitzero"`
	Page    int    `json:"page,omitempty,omitzero"`
	Summary string `json:"summary"`
}

// editionFront is an edition's facts, shared by the year pages and the home page.
type editionFront struct {
	ID            string `json:"id"`
	Publisher     string `json:"publisher"`
	PublisherName string `json:"publisher_name"`
	List          string `json:"list"`
	Year          int    `json:"year"`
	Title         string `json:"title"`
	Published     string `json:"published"`
	PublishedText string `json:"published_text"`
	URL           string `json:"url"`
	Online        int    `json:"online"`
	Physical      int    `json:"physical"`
	OfficialOnl   *int   `json:"official_online,omitempty,omitzero"`
	OfficialPhys  *int   `json:"official_physical,omitempty,omitzero"`
	OfficialTotal *int   `json:"official_total,omitempty,omitzero"`
	New           int    `json:"new"`
	Returning     int    `json:"returning"`
	Dropped       int    `json:"dropped"`
	Previous      int    `json:"previous,omitempty,omitzero"` // year of the publisher's previous edition
}

func editionFacts(e *model.Edition) editionFront {
	f := editionFront{
		ID: e.ID(), Publisher: e.Publisher.Short, PublisherName: e.Publisher.Name, List: e.Publisher.List,
		Year: e.Year, Title: e.Title, Published: e.Published, PublishedText: e.PublishedText(), URL: e.URL,
		Online: len(e.Online), Physical: len(e.Physical),
		OfficialOnl: e.Counts.Online, OfficialPhys: e.Counts.Physical, OfficialTotal: e.Counts.Total,
		New: len(e.New), Returning: len(e.Returning), Dropped: len(e.Dropped),
	}
	if e.Previous != nil {
		f.Previous = e.Previous.Year
	}
	return f
}

func yearFront(y *model.Year) yearPage {
	p := yearPage{Title: fmt.Sprint(y.Year), Weight: -y.Year, Params: yearParams{Year: y.Year}}
	var names []string
	for _, e := range y.Editions {
		p.Params.Editions = append(p.Params.Editions, editionFacts(e))
		p.Params.Listing = append(p.Params.Listing, yearListing(e))
		names = append(names, fmt.Sprintf("the %s %s (%d markets)", e.Publisher.Short, e.Publisher.List, len(e.Online)+len(e.Physical)))
	}
	p.Description = fmt.Sprintf("Markets reported for %d on %s.", y.Year, strings.Join(names, " and "))
	return p
}

// yearListing is an edition's markets, grouped online and physical, and what changed.
func yearListing(e *model.Edition) yearEdition {
	refs := func(ms []*model.Market) []marketRef {
		out := []marketRef{}
		for _, m := range ms {
			out = append(out, marketRef{Name: m.Name, Slug: m.Slug})
		}
		return out
	}
	entries := func(ls []*model.Listing) []yearEntry {
		out := []yearEntry{}
		for _, l := range ls {
			out = append(out, yearEntry{Name: l.Market.Name, Slug: l.Market.Slug, Section: l.Section, Page: l.Page, Summary: strings.TrimSpace(l.Summary)})
		}
		return out
	}
	y := yearEdition{
		ID: e.ID(), Publisher: e.Publisher.Short, PublisherName: e.Publisher.Name, List: e.Publisher.List,
		Title: e.Title, Published: e.Published, URL: e.URL,
		New: refs(e.New), Returning: refs(e.Returning), Dropped: refs(e.Dropped),
		Online: entries(e.Online), Physical: entries(e.Physical), Developments: []yearEntry{},
	}
	if e.Previous != nil {
		y.Previous = e.Previous.Year
		for _, ed := range []*model.Edition{e.Previous, e} {
			if !model.Complete(ed) {
				y.Partly = append(y.Partly, ed.Year)
			}
		}
	}
	for _, d := range e.Developments {
		y.Developments = append(y.Developments, yearEntry{Name: d.Market.Name, Slug: d.Market.Slug, Summary: strings.TrimSpace(d.Summary)})
	}
	return y
}
