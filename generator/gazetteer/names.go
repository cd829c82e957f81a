package gazetteer

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/notorious-markets-watch/nmw/generator/dataset"
	"github.com/notorious-markets-watch/nmw/generator/place"
)

// NamesFile is the city names file's name inside the data folder.
const NamesFile = "place-names.yaml"

// CityNames is one city's name in the site's languages, each with its source (written by
// data/geo/place-names.mjs).
type CityNames struct {
	City    string            `yaml:"city"`
	Country string            `yaml:"country"`
	Names   map[string]string `yaml:"names"`   // by language of place.Languages
	Sources map[string]string `yaml:"sources"` // the source of each name, by language

	file string
	line int
}

// Names are the named cities of one data folder, by Key.
type Names map[string]*CityNames

// nameSources are how a source of a name starts: CLDR's exemplar cities or Natural Earth's
// populated places; a city "A and B" names both ("… + …").
var nameSources = []string{"cldr ", "natural-earth ne_id "}

// LoadNames reads dir/place-names.yaml. A data folder without one names no city; each broken
// entry is a problem naming file, line and field.
func LoadNames(dir string) (Names, []dataset.Problem) {
	path := filepath.Join(dir, NamesFile)
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return Names{}, nil
	}
	if err != nil {
		return nil, []dataset.Problem{{File: path, Message: err.Error()}}
	}
	var root yaml.Node
	if err := yaml.NewDecoder(bytes.NewReader(b)).Decode(&root); err != nil {
		return nil, []dataset.Problem{{File: path, Message: "not valid YAML: " + err.Error()}}
	}
	if len(root.Content) != 1 || root.Content[0].Kind != yaml.SequenceNode {
		return nil, []dataset.Problem{{File: path, Line: root.Line, Message: "must be a list of cities"}}
	}
	var problems []dataset.Problem
	out := Names{}
	for i, n := range root.Content[0].Content {
		bad := func(field, msg string) {
			problems = append(problems, dataset.Problem{File: path, Line: lineOf(n, field), Field: fmt.Sprintf("[%d]%s", i, field), Message: msg})
		}
		c := &CityNames{file: path, line: n.Line}
		dec := yaml.NewDecoder(bytes.NewReader(mustMarshal(n)))
		dec.KnownFields(true)
		if err := dec.Decode(c); err != nil {
			bad("", "must be a city (city, country, names, sources): "+err.Error())
			continue
		}
		if strings.TrimSpace(c.City) == "" || c.Country == "" {
			bad(".city", "city and country are required, as the market writes them")
			continue
		}
		for _, lang := range slices.Sorted(maps.Keys(c.Names)) {
			if _, ok := place.Languages[lang]; !ok {
				bad(".names."+lang, "is not a language of the site (es, fr, de, zh-hans)")
			}
			if strings.TrimSpace(c.Names[lang]) == "" {
				bad(".names."+lang, "is empty")
			}
			if !validSource(c.Sources[lang]) {
				bad(".sources."+lang, `is required: "cldr <version> <zone>" or "natural-earth ne_id <id> …"`)
			}
		}
		for lang := range c.Sources {
			if _, ok := c.Names[lang]; !ok {
				bad(".sources."+lang, "names no name")
			}
		}
		k := Key(c.Country, c.City)
		if q := out[k]; q != nil {
			bad(".city", fmt.Sprintf("%s (%s) is already named at line %d", c.City, c.Country, q.line))
			continue
		}
		out[k] = c
	}
	return out, problems
}

// lineOf is the line of a field (".names.de") of a city's node, or the node's own line.
func lineOf(n *yaml.Node, field string) int {
	line := n.Line
	for _, key := range strings.Split(strings.TrimPrefix(field, "."), ".") {
		if n.Kind != yaml.MappingNode {
			break
		}
		found := false
		for k := 0; k+1 < len(n.Content); k += 2 {
			if n.Content[k].Value == key {
				line, n, found = n.Content[k].Line, n.Content[k+1], true
				break
			}
		}
		if !found {
			break
		}
	}
	return line
}

// validSource: each part of a source starts as one of nameSources.
func validSource(s string) bool {
	if s == "" {
		return false
	}
	for part := range strings.SplitSeq(s, " + ") {
		if !slices.ContainsFunc(nameSources, func(p string) bool { return strings.HasPrefix(part, p) }) {
			return false
		}
	}
	return true
}

func mustMarshal(n *yaml.Node) []byte {
	b, err := yaml.Marshal(n)
	if err != nil {
		panic(err) // a node just decoded always encodes
	}
	return b
}

// CheckNames reports named cities no market has.
func CheckNames(names Names, set *dataset.Set) []dataset.Problem {
	used := map[string]bool{}
	for _, m := range set.Markets {
		if m.City != "" {
			used[Key(m.Country, m.City)] = true
		}
	}
	var out []dataset.Problem
	for _, k := range slices.Sorted(maps.Keys(names)) {
		if c := names[k]; !used[k] {
			out = append(out, dataset.Problem{File: c.file, Line: c.line, Field: "city", Message: fmt.Sprintf("no market in data/markets/ has city %q and country %s", c.City, c.Country)})
		}
	}
	return out
}

// Name is a city's name in lang, or "" where no source names it.
func (ns Names) Name(country, city, lang string) string {
	if c := ns[Key(country, city)]; c != nil {
		return c.Names[lang]
	}
	return ""
}
