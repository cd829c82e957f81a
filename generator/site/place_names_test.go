package site

import (
	"encoding/json"
	"html"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/notorious-markets-watch/nmw/generator/dataset"
	"github.com/notorious-markets-watch/nmw/generator/internal/sitetest"
	"github.com/notorious-markets-watch/nmw/generator/pipeline"
	"github.com/notorious-markets-watch/nmw/generator/place"
	"github.com/notorious-markets-watch/nmw/generator/render"
)

// TestCityNamesBuilt: on the site built from data/, a city is named in the reader's language
// where data/place-names.yaml names it (issue 33): its page's heading and title, the places
// index, its country's page, its markets' pages and lists, the world map's points and the
// check's index; elsewhere it keeps its sources' spelling, marked lang="en".
func TestCityNamesBuilt(t *testing.T) {
	s := sitetest.Shared(t, sitetest.Options{})
	site, problems, err := pipeline.Load(filepath.Join(sitetest.Root(t), "data"), sitetest.Today)
	if err != nil || len(problems) > 0 {
		t.Fatal(err, problems)
	}
	if len(site.PlaceNames) == 0 {
		t.Fatal("no city names loaded")
	}
	checks := map[string][]checkEntry{}
	for lang := range place.Languages {
		var idx struct{ Markets []checkEntry }
		if err := json.Unmarshal([]byte(s.Read(t, lang+"/check.json")), &idx); err != nil {
			t.Fatal(err)
		}
		checks[lang] = idx.Markets
	}
	named, unnamed := 0, 0
	for _, m := range site.Markets {
		if m.Kind != dataset.Physical || m.City == "" {
			continue
		}
		key := render.CityKey(m.Country, m.City)
		for lang := range place.Languages {
			name := site.PlaceNames.Name(m.Country, m.City, lang)
			page := s.Read(t, lang+"/cities/"+key+"/index.html")
			heading := regexp.MustCompile(`<h1([^>]*)>([^<]*)</h1>`).FindStringSubmatch(page)
			if heading == nil {
				t.Fatalf("%s/cities/%s/: no heading", lang, key)
			}
			if name == "" {
				unnamed++
				if html.UnescapeString(heading[2]) != m.City || !strings.Contains(heading[1], `lang="en"`) && !strings.Contains(heading[1], "lang=en") {
					t.Errorf("%s/cities/%s/: heading %q, want %q marked English", lang, key, heading[0], m.City)
				}
				continue
			}
			named++
			if html.UnescapeString(heading[2]) != name || strings.Contains(heading[1], "lang") {
				t.Errorf("%s/cities/%s/: heading %q, want %q", lang, key, heading[0], name)
			}
			if !strings.Contains(page, "<title>"+html.EscapeString(name)+" · ") {
				t.Errorf("%s/cities/%s/: the title is not %q", lang, key, name)
			}
			link := regexp.MustCompile(`href="?/` + lang + `/cities/` + regexp.QuoteMeta(key) + `/"?>` + regexp.QuoteMeta(html.EscapeString(name)) + `</a>`)
			for _, p := range []string{"cities/index.html", "countries/" + strings.ToLower(m.Country) + "/index.html", "markets/" + m.Slug + "/index.html"} {
				if !link.MatchString(s.Read(t, lang+"/"+p)) {
					t.Errorf("%s/%s: no link %q to the city", lang, p, name)
				}
			}
			if i := slices.IndexFunc(checks[lang], func(e checkEntry) bool { return e.Name == m.Name && e.City != "" }); i < 0 {
				t.Errorf("%s/check.json: %s has no city", lang, m.Name)
			} else if e := checks[lang][i]; e.City != name || !slices.Contains(e.CityNames, m.City) || !slices.Contains(e.CityNames, name) {
				t.Errorf("%s/check.json: %s has city %q and names %q, want %q and both spellings", lang, m.Name, e.City, e.CityNames, name)
			}
		}
	}
	if named == 0 || unnamed == 0 {
		t.Errorf("%d named and %d unnamed city pages: the test reads neither kind", named, unnamed)
	}
	// the world map's points, and a market list's line
	sitetest.Contains(t, "zh-hans/countries/", s.Read(t, "zh-hans/countries/index.html"), "<title>北京，中国：", "<title>曼谷，泰国：")
	sitetest.Contains(t, "es/countries/", s.Read(t, "es/countries/index.html"), "<title>Moscú, Rusia: ")
	sitetest.Contains(t, "de/markets/", s.Read(t, "de/markets/index.html"), "physisch, Peking, China")
}

type checkEntry struct {
	Name      string   `json:"name"`
	City      string   `json:"city"`
	CityNames []string `json:"city_names"`
}

// TestCountryNamesCLDR48: the map and the lists name North Macedonia and Eswatini by their
// names, and sort Hong Kong under H in German, Spanish and French (issue 33).
func TestCountryNamesCLDR48(t *testing.T) {
	s := sitetest.Shared(t, sitetest.Options{})
	sitetest.Contains(t, "countries/", s.Read(t, "countries/index.html"), "<title>North Macedonia</title>", "<title>Eswatini</title>")
	sitetest.Contains(t, "zh-hans/countries/", s.Read(t, "zh-hans/countries/index.html"), "<title>北马其顿</title>", "<title>圣诞岛和科科斯（基林）群岛</title>", "<title>索马里兰</title>")
	sitetest.Contains(t, "de/countries/", s.Read(t, "de/countries/index.html"), "<title>Weihnachtsinsel und Kokosinseln</title>")
	for lang, hk := range map[string]string{"de": "Hongkong", "es": "Hong Kong", "fr": "Hong Kong"} {
		page := s.Read(t, lang+"/cities/index.html")
		h2 := regexp.MustCompile(`<h2 id="?([a-z]+)"?><a [^>]*>([^<]*)</a></h2>`).FindAllStringSubmatch(page, -1)
		i := slices.IndexFunc(h2, func(m []string) bool { return m[1] == "hk" })
		if i < 0 || html.UnescapeString(h2[i][2]) != hk {
			t.Errorf("%s/cities/: Hong Kong's heading is not %q: %q", lang, hk, h2)
			continue
		}
		// between the countries before and after it in the alphabet
		if i == 0 || i == len(h2)-1 || !(h2[i-1][2] < hk && hk < h2[i+1][2]) {
			t.Errorf("%s/cities/: %q is not in alphabetical order among %q", lang, hk, h2)
		}
	}
}
