// Package gazetteer reads data/places.yaml, where the cities of data/markets/ are: each city's
// coordinates and GeoNames id, and checks it against the markets.
package gazetteer

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/notorious-markets-watch/nmw/generator/dataset"
)

// File is the places file's name inside the data folder.
const File = "places.yaml"

// Place is one city: data/markets/ names it `city` in `country`; GeoNames places it.
type Place struct {
	City         string  `yaml:"city"`
	Country      string  `yaml:"country"`
	GeoNames     int     `yaml:"geonames"`      // the GeoNames id
	GeoNamesName string  `yaml:"geonames_name"` // the name GeoNames gives it
	Lat          float64 `yaml:"lat"`
	Lon          float64 `yaml:"lon"`
	Source       string  `yaml:"source"` // https://www.geonames.org/<id>

	file  string
	index int            // in the file's list
	line  int            // of the list item
	lines map[string]int // of each field
}

// Key is the place's key among the site's cities: country and city, as a market names them.
func Key(country, city string) string { return country + "|" + city }

// Key is Key(p.Country, p.City).
func (p *Place) Key() string { return Key(p.Country, p.City) }

// known are the fields of a place.
var known = map[string]bool{"city": true, "country": true, "geonames": true, "geonames_name": true, "lat": true, "lon": true, "source": true}

// Places are the cities of one data folder, by Key.
type Places map[string]*Place

// Load reads dir/places.yaml. A data folder without one has no places; a file that cannot be
// parsed is one problem.
func Load(dir string) (Places, []dataset.Problem) {
	path := filepath.Join(dir, File)
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return Places{}, nil
	}
	if err != nil {
		return nil, []dataset.Problem{{File: path, Message: err.Error()}}
	}
	var root yaml.Node
	dec := yaml.NewDecoder(bytes.NewReader(b))
	dec.KnownFields(true)
	if err := dec.Decode(&root); err != nil {
		return nil, []dataset.Problem{{File: path, Message: "not valid YAML: " + err.Error()}}
	}
	if len(root.Content) != 1 || root.Content[0].Kind != yaml.SequenceNode {
		return nil, []dataset.Problem{{File: path, Line: root.Line, Message: "must be a list of places"}}
	}
	var problems []dataset.Problem
	out := Places{}
	for i, n := range root.Content[0].Content {
		field := fmt.Sprintf("[%d]", i)
		p := &Place{file: path, index: i, line: n.Line, lines: map[string]int{}}
		if n.Kind != yaml.MappingNode {
			problems = append(problems, dataset.Problem{File: path, Line: n.Line, Field: field, Message: "must be a place (city, country, geonames, lat, lon, source)"})
			continue
		}
		for k := 0; k+1 < len(n.Content); k += 2 {
			p.lines[n.Content[k].Value] = n.Content[k].Line
			if !known[n.Content[k].Value] {
				problems = append(problems, p.problem(i, n.Content[k].Value, "unknown field (fields: city, country, geonames, geonames_name, lat, lon, source)"))
			}
			if v := n.Content[k+1]; v.Kind != yaml.ScalarNode || v.Tag == "!!null" || v.Anchor != "" {
				problems = append(problems, p.problem(i, n.Content[k].Value, "must be a single value"))
			}
		}
		if err := n.Decode(p); err != nil {
			problems = append(problems, dataset.Problem{File: path, Line: n.Line, Field: field, Message: err.Error()})
			continue
		}
		if ps := p.check(i); len(ps) > 0 {
			problems = append(problems, ps...)
			continue
		}
		if q := out[p.Key()]; q != nil {
			problems = append(problems, p.problem(i, "city", fmt.Sprintf("%s (%s) is already placed at line %d", p.City, p.Country, q.line)))
			continue
		}
		out[p.Key()] = p
	}
	return out, problems
}

func (p *Place) problem(i int, field, msg string) dataset.Problem {
	line := p.lines[field]
	if line == 0 {
		line = p.line
	}
	return dataset.Problem{File: p.file, Line: line, Field: fmt.Sprintf("[%d].%s", i, field), Message: msg}
}

// check is every rule on one place alone.
func (p *Place) check(i int) []dataset.Problem {
	var out []dataset.Problem
	bad := func(field, msg string) { out = append(out, p.problem(i, field, msg)) }
	if strings.TrimSpace(p.City) == "" {
		bad("city", "is required")
	}
	if len(p.Country) != 2 || strings.ToUpper(p.Country) != p.Country {
		bad("country", "must be an ISO 3166-1 alpha-2 code in capitals, as the market's country")
	}
	if p.GeoNames <= 0 {
		bad("geonames", "is required: the place's GeoNames id")
	}
	if strings.TrimSpace(p.GeoNamesName) == "" {
		bad("geonames_name", "is required: the name GeoNames gives the place")
	}
	if _, ok := p.lines["lat"]; !ok || math.IsNaN(p.Lat) || p.Lat < -90 || p.Lat > 90 {
		bad("lat", "must be a latitude in degrees, -90 to 90")
	}
	if _, ok := p.lines["lon"]; !ok || math.IsNaN(p.Lon) || p.Lon < -180 || p.Lon > 180 {
		bad("lon", "must be a longitude in degrees, -180 to 180")
	}
	if want := "https://www.geonames.org/" + strconv.Itoa(p.GeoNames); p.Source != want {
		bad("source", "must be the place's GeoNames page, "+want)
	}
	return out
}

// Check reports places no market names: every place is a city of data/markets/, as written
// there. A market city with no place is allowed (it has its page but no point on the maps).
func Check(places Places, set *dataset.Set) []dataset.Problem {
	used := map[string]bool{}
	for _, m := range set.Markets {
		if m.City != "" {
			used[Key(m.Country, m.City)] = true
		}
	}
	var out []dataset.Problem
	for _, p := range places.inFileOrder() {
		if !used[p.Key()] {
			out = append(out, p.problem(p.index, "city", fmt.Sprintf("no market in data/markets/ has city %q and country %s", p.City, p.Country)))
		}
	}
	return out
}

// inFileOrder returns the places as the file lists them.
func (ps Places) inFileOrder() []*Place {
	out := slices.Collect(maps.Values(ps))
	slices.SortFunc(out, func(a, b *Place) int { return a.index - b.index })
	return out
}
