package render

import (
	"fmt"
	"strings"

	"github.com/notorious-markets-watch/nmw/generator/model"
	"github.com/notorious-markets-watch/nmw/generator/place"
)

// The charts are drawn by Hugo partials (layouts/_partials/chart/) from numbers written here
// into front matter: the generator decides every number, the templates only draw them, and the
// same numbers fill each chart's table.

// timelineFront is a market's timeline: one row per list, one cell per edition.
type timelineFront struct {
	First int           `json:"first"`
	Last  int           `json:"last"`
	Rows  []timelineRow `json:"rows"`
}

type timelineRow struct {
	Publisher string         `json:"publisher"`
	List      string         `json:"list"`
	Cells     []timelineCell `json:"cells"`
}

type timelineCell struct {
	Year        int    `json:"year"`
	State       string `json:"state"`
	Development bool   `json:"development,omitempty,omitzero"`
}

func timeline(site *model.Site, m *model.Market) timelineFront {
	first, last := site.YearSpan()
	t := timelineFront{First: first, Last: last}
	for _, r := range m.Timeline(site) {
		row := timelineRow{Publisher: r.Publisher.Short, List: r.Publisher.List}
		for _, c := range r.Cells {
			row.Cells = append(row.Cells, timelineCell{Year: c.Edition.Year, State: c.State, Development: c.Development})
		}
		t.Rows = append(t.Rows, row)
	}
	return t
}

type statsPage struct {
	Title       string      `json:"title"`
	Description string      `json:"description"`
	Type        string      `json:"type"`
	Outputs     []string    `json:"outputs"`
	Params      statsParams `json:"params"`
}

type statsParams struct {
	First        int               `json:"first"`
	Last         int               `json:"last"`
	Lists        []listFront       `json:"lists"`
	Countries    []seriesFront     `json:"countries"`
	Categories   []seriesFront     `json:"categories"`
	Longest      []tenureFront     `json:"longest"`
	Developments []developmentItem `json:"developments"`
}

// listFront is one publisher's list with every edition's facts, oldest first.
type listFront struct {
	Publisher string         `json:"publisher"`
	List      string         `json:"list"`
	Editions  []editionFront `json:"editions"`
}

// seriesFront is one row of a by-year chart: distinct markets listed per year.
type seriesFront struct {
	Key    string `json:"key"`
	Label  string `json:"label"`
	Counts []int  `json:"counts"`
	Total  int    `json:"total"`
}

type tenureFront struct {
	Market   string         `json:"market"`
	Name     string         `json:"name"`
	Editions []tenureByList `json:"editions"`
	Total    int            `json:"total"`
	First    int            `json:"first"`
	Last     int            `json:"last"`
}

type tenureByList struct {
	Publisher string `json:"publisher"`
	Count     int    `json:"count"`
}

type developmentItem struct {
	Year      int    `json:"year"`
	Publisher string `json:"publisher"`
	Edition   string `json:"edition"`
	Market    string `json:"market"`
	Name      string `json:"name"`
	Summary   string `json:"summary"`
}

// Chart sizes: how many rows the country and longest-listed charts show.
const (
	topCountries = 12
	topLongest   = 15
)

func stats(site *model.Site) statsPage {
	first, last := site.YearSpan()
	p := statsPage{
		Title:       "Statistics",
		Description: "The watchlists in numbers: markets per edition, by country and by category over time, the longest-listed markets and the positive developments the reports name.",
		Type:        "statistics",
		Outputs:     []string{"html", "json"},
		Params:      statsParams{First: first, Last: last},
	}
	for _, pub := range site.Publishers {
		if len(pub.Editions) == 0 {
			continue
		}
		l := listFront{Publisher: pub.Short, List: pub.List}
		for _, e := range pub.Editions {
			l.Editions = append(l.Editions, editionFacts(e))
		}
		p.Params.Lists = append(p.Params.Lists, l)
	}
	p.Params.Countries = countries(site.ByCountry(), first, last)
	for _, s := range site.ByCategory() {
		label := s.Key
		if c := site.Set.Category(s.Key); c != nil {
			label = c.Label
		}
		p.Params.Categories = append(p.Params.Categories, seriesFront{Key: s.Key, Label: label, Counts: s.Counts, Total: s.Total})
	}
	for _, t := range site.Longest(topLongest) {
		f := tenureFront{Market: t.Market.Slug, Name: t.Market.Name, Total: t.Total, First: t.First, Last: t.Last}
		for i, n := range t.Editions {
			f.Editions = append(f.Editions, tenureByList{Publisher: site.Publishers[i].Short, Count: n})
		}
		p.Params.Longest = append(p.Params.Longest, f)
	}
	for _, d := range site.Developments() {
		p.Params.Developments = append(p.Params.Developments, developmentItem{
			Year: d.Edition.Year, Publisher: d.Edition.Publisher.Short, Edition: d.Edition.Title,
			Market: d.Market.Slug, Name: d.Market.Name, Summary: strings.TrimSpace(d.Summary),
		})
	}
	return p
}

// countries keeps the largest countries as rows, then one row for the rest and one for markets
// the data places in no country.
func countries(rows []model.Series, first, last int) []seriesFront {
	var out []seriesFront
	other := seriesFront{Key: "other", Counts: make([]int, last-first+1)}
	var unknown *seriesFront
	n := 0
	for _, s := range rows {
		switch {
		case s.Key == "":
			unknown = &seriesFront{Key: "none", Label: "No country stated", Counts: s.Counts, Total: s.Total}
		case len(out) < topCountries:
			out = append(out, seriesFront{Key: strings.ToLower(s.Key), Label: place.CountryName(s.Key), Counts: s.Counts, Total: s.Total})
		default:
			// each market has one country, so the rest's counts add up without double counting
			n++
			for i, c := range s.Counts {
				other.Counts[i] += c
			}
			other.Total += s.Total
		}
	}
	if n > 0 {
		other.Label = fmt.Sprintf("%d other countries", n)
		if n == 1 {
			other.Label = "1 other country"
		}
		out = append(out, other)
	}
	if unknown != nil {
		out = append(out, *unknown)
	}
	return out
}
