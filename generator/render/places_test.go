package render_test

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/notorious-markets-watch/nmw/generator/dataset"
	"github.com/notorious-markets-watch/nmw/generator/gazetteer"
	"github.com/notorious-markets-watch/nmw/generator/internal/sitetest"
	"github.com/notorious-markets-watch/nmw/generator/model"
	"github.com/notorious-markets-watch/nmw/generator/pipeline"
	"github.com/notorious-markets-watch/nmw/generator/render"
)

// realPages renders the real data and returns its pages' front matter by path.
func realPages(t *testing.T) (*model.Site, map[string]map[string]any) {
	t.Helper()
	site, problems, err := pipeline.Load(filepath.Join(sitetest.Root(t), "data"), sitetest.Today)
	if err != nil || len(problems) > 0 {
		t.Fatal(err, problems)
	}
	pages := map[string]map[string]any{}
	err = render.Each(site, func(p render.Page) error {
		var fm map[string]any
		if err := json.Unmarshal(p.Data, &fm); err != nil {
			return err
		}
		pages[p.Path] = fm
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return site, pages
}

// TestCityPages: every physical market with a city is on its city's page (the cities term in
// its front matter, and a page for that term), and, where places.yaml places the city, the
// city is a point on the world map.
func TestCityPages(t *testing.T) {
	site, pages := realPages(t)
	points := map[string]bool{}
	world := pages["countries/_index.md"]["params"].(map[string]any)["map"].(map[string]any)
	for _, c := range world["cities"].([]any) {
		points[c.(map[string]any)["key"].(string)] = true
	}
	n := 0
	for _, m := range site.Markets {
		if m.Kind != dataset.Physical || m.City == "" {
			continue
		}
		n++
		key := render.CityKey(m.Country, m.City)
		fm := pages["markets/"+m.Slug+".md"]
		if got, _ := json.Marshal(fm["cities"]); string(got) != `["`+key+`"]` {
			t.Errorf("%s: cities = %s, want [%q]", m.Slug, got, key)
		}
		city := pages["cities/"+key+"/_index.md"]
		if city == nil {
			t.Errorf("%s: no page for %s", m.Slug, key)
			continue
		}
		placed := site.Places[gazetteer.Key(m.Country, m.City)] != nil
		if placed != points[key] {
			t.Errorf("%s (%s): placed %v, a point on the map %v", m.Slug, key, placed, points[key])
		}
		if _, ok := city["params"].(map[string]any)["place"]; ok != placed {
			t.Errorf("%s: the city page's place is %v, want %v", key, ok, placed)
		}
	}
	if n < 70 {
		t.Errorf("%d physical markets with a city, want the 70 or more data/ has", n)
	}
	// The two left out of places.yaml (see data/geo/README.md) have pages but no point.
	for _, key := range []string{"hk-mongkok", "pk-karachi-and-lahore"} {
		if pages["cities/"+key+"/_index.md"] == nil || points[key] {
			t.Errorf("%s: want a page and no point", key)
		}
	}
	if pages["cities/in-delhi/_index.md"] == nil || pages["cities/in-new-delhi/_index.md"] == nil {
		t.Error("Delhi and New Delhi should be two places")
	}
}

// TestMapShading: the countries the map shades, and by how many markets, are the statistics'
// per-country counts for the latest editions. Both latest editions review the same year in the
// real data, so the statistics' last column (model.Site.ByCountry) counts exactly them.
func TestMapShading(t *testing.T) {
	site, pages := realPages(t)
	year := 0
	for _, p := range site.Publishers {
		if year != 0 && p.Latest().Year != year {
			t.Skip("the lists' latest editions review different years: the statistics' last column is not the latest editions")
		}
		year = p.Latest().Year
	}
	first, last := site.YearSpan()
	stats := map[string]int{}
	for _, s := range site.ByCountry() {
		if s.Key != "" && s.Counts[last-first] > 0 {
			stats[strings.ToLower(s.Key)] = s.Counts[last-first]
		}
	}
	world := pages["countries/_index.md"]["params"].(map[string]any)["map"].(map[string]any)
	table := map[string]int{}
	for _, r := range world["table"].([]any) {
		r := r.(map[string]any)
		if l := int(r["listed"].(float64)); l > 0 {
			table[r["code"].(string)] = l
		}
	}
	shaded := map[string]string{}
	for _, c := range world["countries"].([]any) {
		c := c.(map[string]any)
		if s, _ := c["shade"].(string); strings.HasPrefix(s, "s") {
			shaded[c["code"].(string)] = s
		}
	}
	if len(stats) == 0 {
		t.Fatal("no country has markets in the latest year")
	}
	for code, n := range stats {
		if table[code] != n {
			t.Errorf("%s: the map's table says %d listed, the statistics %d", code, table[code], n)
		}
		want := bucket(n)
		if code == "hk" || code == "sg" || shaded[code] != "" || want == "" {
			if shaded[code] != want {
				t.Errorf("%s: shaded %q, want %q (%d listed)", code, shaded[code], want, n)
			}
		} else {
			t.Errorf("%s: %d markets listed but not shaded", code, n)
		}
	}
	for code := range shaded {
		if stats[code] == 0 {
			t.Errorf("%s: shaded, but the statistics count no market in %d", code, last)
		}
	}
}

// TestUnrecordedNotClear: a country whose markets are only not recorded in the latest
// editions is hatched, never drawn as clear (or as "none listed").
func TestUnrecordedNotClear(t *testing.T) {
	site, pages := realPages(t)
	world := pages["countries/_index.md"]["params"].(map[string]any)["map"].(map[string]any)
	shade := map[string]string{}
	for _, c := range world["countries"].([]any) {
		c := c.(map[string]any)
		s, _ := c["shade"].(string)
		code, _ := c["code"].(string)
		shade[code] = s
	}
	seen := 0
	for _, c := range site.LatestByCountry() {
		code := strings.ToLower(c.Code)
		if _, drawn := shade[code]; !drawn {
			continue
		}
		switch {
		case c.Listed > 0:
			if !strings.HasPrefix(shade[code], "s") {
				t.Errorf("%s: %d listed, shade %q", code, c.Listed, shade[code])
			}
		case c.Unrecorded > 0:
			seen++
			if shade[code] != "unrecorded" {
				t.Errorf("%s: only not recorded, shade %q", code, shade[code])
			}
		default:
			if shade[code] != "none" {
				t.Errorf("%s: none listed, shade %q", code, shade[code])
			}
		}
	}
	if seen == 0 {
		t.Log("no country with only not-recorded markets in the real data")
	}
}

// bucket is the shade of a country with n markets listed, as the map's legend says: 1, 2–3,
// 4–9, 10 or more.
func bucket(n int) string {
	switch {
	case n >= 10:
		return "s4"
	case n >= 4:
		return "s3"
	case n >= 2:
		return "s2"
	case n == 1:
		return "s1"
	}
	return ""
}
