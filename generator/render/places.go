package render

import (
	"fmt"
	stdmaps "maps"
	"math"
	"slices"
	"strings"

	"github.com/gosimple/slug"
	"github.com/paulmach/orb"

	"github.com/notorious-markets-watch/nmw/generator/dataset"
	"github.com/notorious-markets-watch/nmw/generator/gazetteer"
	"github.com/notorious-markets-watch/nmw/generator/maps"
	"github.com/notorious-markets-watch/nmw/generator/model"
	"github.com/notorious-markets-watch/nmw/generator/place"
)

// Places: a page per city with physical markets (the "cities" taxonomy, /cities/<key>/), and
// the world map's facts, which the countries page and the home page draw (issue 29).

// CityKey is the taxonomy term of a city: the country's code and the city's slug, so that
// cities of one name in two countries stay apart ("in-hyderabad", "pk-hyderabad").
func CityKey(country, city string) string {
	return strings.ToLower(country) + "-" + slug.Make(city)
}

// marketCities is the cities term of a market: its city, for a physical market that has one.
func marketCities(m *model.Market) []string {
	if m.Kind != dataset.Physical || m.City == "" || m.Country == "" {
		return nil
	}
	return []string{CityKey(m.Country, m.City)}
}

// cityNames is a city's names in the site's other languages, or nil where no source names it.
func cityNames(site *model.Site, country, city string) map[string]string {
	if c := site.PlaceNames[gazetteer.Key(country, city)]; c != nil && city != "" {
		return c.Names
	}
	return nil
}

// cityTerm is a city's page.
type cityTerm struct {
	Title       string     `json:"title"`
	Description string     `json:"description"`
	Outputs     []string   `json:"outputs,omitempty"` // with "map" when its country has a map
	Params      cityParams `json:"params"`
}

// mapOutputs are the outputs of a country or city page with a map: the page and map.svg.
var mapOutputs = []string{"html", "map"}

type cityParams struct {
	City    string            `json:"city"`
	Country string            `json:"country"` // lower-case code: the country's term
	Names   map[string]string `json:"country_names"`
	// The city's name in the site's other languages, where a source gives one (data/place-names.yaml).
	CityNames map[string]string `json:"names,omitempty"`
	// Where the city is, when data/places.yaml places it (from GeoNames).
	Place *placeFront `json:"place,omitempty"`
}

type placeFront struct {
	GeoNames int     `json:"geonames"`
	Lat      float64 `json:"lat"`
	Lon      float64 `json:"lon"`
	Source   string  `json:"source"`
	X        float64 `json:"x"` // on the world map, in pixels
	Y        float64 `json:"y"`
}

// cityFacts is one city with physical markets.
type cityFacts struct {
	key, city, country string
	place              *gazetteer.Place
	markets            int
}

// cities are the cities of the site's physical markets, by key.
func cities(site *model.Site) []cityFacts {
	byKey := map[string]*cityFacts{}
	for _, m := range site.Markets {
		for _, k := range marketCities(m) {
			c := byKey[k]
			if c == nil {
				c = &cityFacts{key: k, city: m.City, country: m.Country, place: site.Places[gazetteer.Key(m.Country, m.City)]}
				byKey[k] = c
			}
			c.markets++
		}
	}
	out := make([]cityFacts, 0, len(byKey))
	for _, k := range slices.Sorted(stdmaps.Keys(byKey)) {
		out = append(out, *byKey[k])
	}
	return out
}

// cityTerms are the places index and a page per city.
func cityTerms(site *model.Site, cs []cityFacts) []term {
	out := []term{{"cities/_index.md", section{"Places", "Cities where the watchlists place physical markets, by country."}}}
	for _, c := range cs {
		name := place.Location(c.city, c.country)
		t := cityTerm{
			Title:       c.city,
			Description: "Physical markets the watchlists place in " + name + ".",
			Params:      cityParams{City: c.city, Country: strings.ToLower(c.country), Names: place.CountryNames(c.country), CityNames: cityNames(site, c.country, c.city)},
		}
		if p := c.place; p != nil {
			xy := maps.Project(orb.Point{p.Lon, p.Lat})
			t.Params.Place = &placeFront{GeoNames: p.GeoNames, Lat: p.Lat, Lon: p.Lon, Source: p.Source, X: round1(xy[0]), Y: round1(xy[1])}
		}
		if zoom(site, c.country, cs) != nil {
			t.Outputs = mapOutputs
		}
		out = append(out, term{"cities/" + c.key + "/_index.md", t})
	}
	return out
}

func round1(v float64) float64 { return math.Round(v*10) / 10 }

// countriesSection is the countries taxonomy page, with the world map's facts.
type countriesSection struct {
	Title       string          `json:"title"`
	Description string          `json:"description"`
	Params      countriesParams `json:"params,omitzero"`
}

type countriesParams struct {
	Map *worldMap `json:"map,omitempty"`
}

// worldMap is what the world map draws: every country's outline, shaded by its markets on the
// latest editions, and the cities as points; and the same facts as a table.
type worldMap struct {
	Width     float64       `json:"width"`
	Height    float64       `json:"height"`
	Countries []mapCountry  `json:"countries"` // every outline, by Natural Earth name
	Cities    []mapCity     `json:"cities"`    // the placed cities, by key
	Table     []countryRow  `json:"table"`     // every country with markets, by code
	Shades    []shadeLegend `json:"shades"`
}

type mapCountry struct {
	Code string `json:"code,omitempty"` // lower case, the country's term; "" for outlines with no code
	Name string `json:"name"`           // Natural Earth's English name, for outlines with no code
	// Names in every language of the site (CLDR), for the outline's <title>.
	Names  map[string]string `json:"names,omitempty"`
	Path   string            `json:"d"`
	Detail string            `json:"detail"`
	// Shade: "s1" to "s4" (markets listed in a latest edition, by bucket), "unrecorded" (only
	// not recorded), "none" (markets, none listed), "" (no markets).
	Shade string `json:"shade,omitempty"`
}

type mapCity struct {
	Key     string  `json:"key"`
	Country string  `json:"country"`
	X       float64 `json:"x"`
	Y       float64 `json:"y"`
}

// countryRow is model.CountryCount for the table and the map's titles.
type countryRow struct {
	Code       string `json:"code"`
	Markets    int    `json:"markets"`
	Listed     int    `json:"listed"`
	Unrecorded int    `json:"unrecorded"`
	Shape      bool   `json:"shape"` // drawn on the map (a few small countries are too small for Natural Earth's 1:50m)
}

type shadeLegend struct {
	Shade    string `json:"shade"`
	Min, Max int    `json:"-"`
	Label    string `json:"label"` // "1", "2–3", "10 or more"
}

// shades are the buckets of markets listed in a country on the latest editions.
var shades = []shadeLegend{{"s1", 1, 1, "1"}, {"s2", 2, 3, "2–3"}, {"s3", 4, 9, "4–9"}, {"s4", 10, math.MaxInt, "10+"}}

func shade(c model.CountryCount) string {
	switch {
	case c.Listed > 0:
		for _, s := range shades {
			if c.Listed >= s.Min && c.Listed <= s.Max {
				return s.Shade
			}
		}
	case c.Unrecorded > 0:
		return "unrecorded"
	case c.Markets > 0:
		return "none"
	}
	return ""
}

// countriesFront is the countries taxonomy page; with the world's outlines, it carries the map.
func countriesFront(site *model.Site, cs []cityFacts) countriesSection {
	s := countriesSection{Title: "Countries", Description: "Markets by the country the reports place them in."}
	if site.World == nil {
		return s
	}
	counts := map[string]model.CountryCount{}
	for _, c := range site.LatestByCountry() {
		counts[c.Code] = c
	}
	m := &worldMap{Width: maps.Width, Height: maps.Height, Shades: shades}
	shaped := map[string]bool{}
	for _, c := range site.World.Countries {
		mc := mapCountry{Code: strings.ToLower(c.Code), Name: c.Name, Names: place.CountryNames(c.Code), Path: c.Path, Detail: c.Detail}
		if c.Code == "" {
			mc.Names = place.OutlineNames(c.Name)
		}
		if cc, ok := counts[c.Code]; ok {
			mc.Shade = shade(cc)
			shaped[c.Code] = true
		}
		m.Countries = append(m.Countries, mc)
	}
	for _, c := range site.LatestByCountry() {
		m.Table = append(m.Table, countryRow{Code: strings.ToLower(c.Code), Markets: c.Markets, Listed: c.Listed, Unrecorded: c.Unrecorded, Shape: shaped[c.Code]})
	}
	for _, c := range cs {
		if p := c.place; p != nil {
			xy := maps.Project(orb.Point{p.Lon, p.Lat})
			m.Cities = append(m.Cities, mapCity{Key: c.key, Country: strings.ToLower(c.country), X: round1(xy[0]), Y: round1(xy[1])})
		}
	}
	s.Params.Map = m
	return s
}

// countryMap is a map zoomed on one country, for its page and its map.svg: the outlines near it
// (indexes into the world map's countries) and its view box.
type countryMap struct {
	ViewBox string  `json:"viewbox"`
	Shapes  []int   `json:"shapes"`
	Radius  float64 `json:"radius"` // of a city's point, in map pixels
}

// zoom is the map of one country: its mainland and its cities, with a margin, 3:2.
func zoom(site *model.Site, code string, cs []cityFacts) *countryMap {
	if site.World == nil {
		return nil
	}
	var b orb.Bound
	found := false
	for _, c := range site.World.Countries {
		if c.Code == code {
			b, found = c.Main, true
		}
	}
	for _, c := range cs {
		if c.country == code && c.place != nil {
			xy := maps.Project(orb.Point{c.place.Lon, c.place.Lat})
			if !found {
				b, found = orb.Bound{Min: xy, Max: xy}, true
			}
			b = b.Extend(xy)
		}
	}
	if !found {
		return nil
	}
	w, h := math.Max((b.Max[0]-b.Min[0])*1.4, 24), math.Max((b.Max[1]-b.Min[1])*1.4, 16)
	if w/h < 1.5 {
		w = h * 1.5
	} else {
		h = w / 1.5
	}
	center := b.Center()
	view := orb.Bound{Min: orb.Point{center[0] - w/2, center[1] - h/2}, Max: orb.Point{center[0] + w/2, center[1] + h/2}}
	m := &countryMap{
		ViewBox: fmt.Sprintf("%.1f %.1f %.1f %.1f", view.Min[0], view.Min[1], w, h),
		Radius:  round1(w / 90),
	}
	for i, c := range site.World.Countries {
		if c.Bound.Intersects(view) {
			m.Shapes = append(m.Shapes, i)
		}
	}
	return m
}

// countryCities are the city terms of a country's physical markets.
func countryCities(cs []cityFacts, code string) []string {
	var out []string
	for _, c := range cs {
		if c.country == code {
			out = append(out, c.key)
		}
	}
	return out
}
