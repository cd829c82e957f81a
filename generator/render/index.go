package render

import (
	"sort"
	"strings"

	"github.com/notorious-markets-watch/nmw/generator/dataset"
	"github.com/notorious-markets-watch/nmw/generator/model"
	"github.com/notorious-markets-watch/nmw/generator/place"
)

type homePage struct {
	Title       string     `json:"title"`
	Description string     `json:"description"`
	Params      homeParams `json:"params"`
}

type homeParams struct {
	Markets  int            `json:"markets"`
	Online   int            `json:"online"`
	Physical int            `json:"physical"`
	Current  int            `json:"current"`
	Editions int            `json:"editions"`
	Latest   []editionFront `json:"latest"`
	Lists    []coveredList  `json:"lists"`
}

// coveredList is one list the site covers, for the check's "not among the markets recorded
// here" answer: its span, and how much of its latest edition is recorded (model.Coverage).
type coveredList struct {
	Name      string `json:"name"`
	Publisher string `json:"publisher"`
	First     int    `json:"first"`
	Latest    int    `json:"latest"`
	Recorded  int    `json:"recorded"`           // markets of the latest edition recorded here
	Official  *int   `json:"official,omitempty"` // its official count, where a source gives it
	Complete  bool   `json:"complete"`
	Title     string `json:"title"`
	URL       string `json:"url"` // the latest edition's report
}

func home(site *model.Site) homePage {
	p := homePage{
		Title:       "Notorious Markets Watch",
		Description: "Check whether a shop or site is on a government watchlist of notorious markets for counterfeiting and piracy.",
		Params:      homeParams{Markets: len(site.Markets), Editions: len(site.Editions)},
	}
	for _, m := range site.Markets {
		if m.Kind == dataset.Physical {
			p.Params.Physical++
		} else {
			p.Params.Online++
		}
		if m.Current() {
			p.Params.Current++
		}
	}
	for _, pub := range site.Publishers {
		if e := pub.Latest(); e != nil {
			p.Params.Latest = append(p.Params.Latest, editionFacts(site, e))
			c := model.EditionCount(e)
			recorded := c.Recorded // headings, as the official count counts them
			if c.Official == nil {
				recorded = c.Markets // without a count to compare with, the markets recorded
			}
			p.Params.Lists = append(p.Params.Lists, coveredList{
				Name: pub.Short + " " + pub.List, Publisher: pub.Short, First: pub.Editions[0].Year, Latest: e.Year,
				Recorded: recorded, Official: c.Official, Complete: model.Complete(e), Title: e.Title, URL: e.URL,
			})
		}
	}
	return p
}

type term struct {
	path  string
	front any
}

// terms are the title pages of the taxonomies and of each term in use.
func terms(site *model.Site) []term {
	cs := cities(site) // places.go
	out := []term{
		{"categories/_index.md", section{"Categories", "Markets by what they are: marketplaces, torrent indexes, cyberlockers, physical markets and more."}},
		{"countries/_index.md", countriesFront(site, cs)},
		{"kinds/_index.md", section{"Online and physical", "Markets by kind: websites and apps, or physical places."}},
		{"statuses/_index.md", section{"Status", "Markets on a current list, markets known to be off the lists now, and markets listed before whose latest edition is recorded too incompletely to tell."}},
		{"kinds/online/_index.md", section{"Online markets", "Websites, apps and services reported on a watchlist."}},
		{"kinds/physical/_index.md", section{"Physical markets", "Malls, streets and districts reported on a watchlist."}},
		{"statuses/" + StatusCurrent + "/_index.md", section{"On a current list", "Markets named in the latest edition of at least one list."}},
		{"statuses/" + StatusFormer + "/_index.md", section{"Formerly listed", "Markets listed in earlier editions and known to be absent from the latest edition of every list that listed them."}},
		{"statuses/" + StatusUnrecorded + "/_index.md", section{"Listed before, latest edition partly recorded", "Markets listed in earlier editions and not among the markets recorded so far for a latest edition that is only partly recorded here: they may still be listed."}},
	}
	usedCats := map[string]bool{}
	countries := map[string]bool{}
	for _, m := range site.Markets {
		for _, c := range m.Categories {
			usedCats[c] = true
		}
		if m.Country != "" {
			countries[m.Country] = true
		}
	}
	for _, c := range site.Set.Categories {
		if usedCats[c.ID] {
			out = append(out, term{"categories/" + c.ID + "/_index.md", section{c.Label, c.Description}})
		}
	}
	var codes []string
	for c := range countries {
		codes = append(codes, c)
	}
	sort.Strings(codes)
	for _, c := range codes {
		name := place.CountryName(c)
		t := countryTerm{
			Title:       name,
			Description: "Markets the watchlists place in " + name + ".",
			Params:      countryParams{Names: place.CountryNames(c), Map: zoom(site, c, cs), Places: countryCities(cs, c)},
		}
		if t.Params.Map != nil {
			t.Outputs = mapOutputs
		}
		out = append(out, term{"countries/" + strings.ToLower(c) + "/_index.md", t})
	}
	return append(out, cityTerms(site, cs)...)
}

// countryTerm is a country's taxonomy page; its names in every language of the site (from
// CLDR) let the templates show the country in the reader's language.
type countryTerm struct {
	Title       string        `json:"title"`
	Description string        `json:"description"`
	Outputs     []string      `json:"outputs,omitempty"` // with "map" when it has a map (places.go)
	Params      countryParams `json:"params"`
}

type countryParams struct {
	Names  map[string]string `json:"names"`
	Map    *countryMap       `json:"map,omitempty"`    // places.go
	Places []string          `json:"places,omitempty"` // its cities' terms ("cities" would make the page a term of that taxonomy)
}
