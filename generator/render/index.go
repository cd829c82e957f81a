package render

import (
	"sort"
	"strings"

	"github.com/notorious-markets-watch/nmw/generator/dataset"
	"github.com/notorious-markets-watch/nmw/generator/model"
	"github.com/notorious-markets-watch/nmw/generator/place"
)

type homePage struct {
	Title       string     `yaml:"title" json:"title"`
	Description string     `yaml:"description" json:"description"`
	Params      homeParams `yaml:"params" json:"params"`
}

type homeParams struct {
	Markets  int            `yaml:"markets" json:"markets"`
	Online   int            `yaml:"online" json:"online"`
	Physical int            `yaml:"physical" json:"physical"`
	Current  int            `yaml:"current" json:"current"`
	Editions int            `yaml:"editions" json:"editions"`
	Latest   []editionFront `yaml:"latest" json:"latest"`
	Lists    []coveredList  `yaml:"lists" json:"lists"`
}

// coveredList is one list the site covers, for the check's "not on any list" answer.
type coveredList struct {
	Name   string `yaml:"name" json:"name"`
	First  int    `yaml:"first" json:"first"`
	Latest int    `yaml:"latest" json:"latest"`
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
			p.Params.Latest = append(p.Params.Latest, editionFacts(e))
			p.Params.Lists = append(p.Params.Lists, coveredList{pub.Short + " " + pub.List, pub.Editions[0].Year, e.Year})
		}
	}
	return p
}

type term struct {
	path  string
	front section
}

// terms are the title pages of the taxonomies and of each term in use.
func terms(site *model.Site) []term {
	out := []term{
		{"categories/_index.md", section{"Categories", "Markets by what they are: marketplaces, torrent indexes, cyberlockers, physical markets and more."}},
		{"countries/_index.md", section{"Countries", "Markets by the country the reports place them in."}},
		{"kinds/_index.md", section{"Online and physical", "Markets by kind: websites and apps, or physical places."}},
		{"statuses/_index.md", section{"Status", "Markets on a current list, and markets listed before but not now."}},
		{"kinds/online/_index.md", section{"Online markets", "Websites, apps and services reported on a watchlist."}},
		{"kinds/physical/_index.md", section{"Physical markets", "Malls, streets and districts reported on a watchlist."}},
		{"statuses/" + StatusCurrent + "/_index.md", section{"On a current list", "Markets named in the latest edition of at least one list."}},
		{"statuses/" + StatusFormer + "/_index.md", section{"Formerly listed", "Markets listed in earlier editions and not recorded in the latest edition of any list. Some latest editions are only partly recorded here, so a few of these may still be listed."}},
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
		out = append(out, term{"countries/" + strings.ToLower(c) + "/_index.md", section{name, "Markets the watchlists place in " + name + "."}})
	}
	return out
}
