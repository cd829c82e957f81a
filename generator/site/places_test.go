package site

import (
	"bytes"
	"compress/gzip"
	"encoding/xml"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/notorious-markets-watch/nmw/generator/dataset"
	"github.com/notorious-markets-watch/nmw/generator/internal/sitetest"
	"github.com/notorious-markets-watch/nmw/generator/pipeline"
	"github.com/notorious-markets-watch/nmw/generator/render"
)

// Places and the world map (issue 29), on the site built from data/.

// checkShapes parses an SVG and reports shapes (path, circle) without a <title>, and any
// reference to another host.
func checkShapes(t *testing.T, name, svg string) (shapes int) {
	t.Helper()
	dec := xml.NewDecoder(strings.NewReader(svg))
	dec.Strict = true
	type open struct {
		name  string
		title bool
	}
	var stack []*open
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("%s: not well-formed XML: %v", name, err)
		}
		switch e := tok.(type) {
		case xml.StartElement:
			if e.Name.Local == "title" && len(stack) > 0 {
				stack[len(stack)-1].title = true
			}
			for _, a := range e.Attr {
				v := strings.TrimSpace(a.Value)
				if a.Name.Local != "xmlns" && (strings.Contains(v, "//") || strings.HasPrefix(v, "http")) {
					t.Errorf("%s: <%s %s=%q> refers to another host", name, e.Name.Local, a.Name.Local, v)
				}
			}
			stack = append(stack, &open{name: e.Name.Local})
		case xml.EndElement:
			top := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			if top.name == "path" || top.name == "circle" {
				shapes++
				if !top.title {
					t.Errorf("%s: a <%s> without a <title>", name, top.name)
				}
			}
		}
	}
	return shapes
}

// worldMap is the world map's <svg> on a page.
var worldMap = regexp.MustCompile(`(?s)<figure class="?world-map"?[^>]*>\s*(<svg.*?</svg>)`)

func TestWorldMap(t *testing.T) {
	s := sitetest.Shared(t, sitetest.Options{})
	site, problems, err := pipeline.Load(filepath.Join(sitetest.Root(t), "data"), sitetest.Today)
	if err != nil || len(problems) > 0 {
		t.Fatal(err, problems)
	}
	for _, page := range []string{"index.html", "countries/index.html", "de/index.html", "zh-hans/countries/index.html"} {
		html := s.Read(t, page)
		m := worldMap.FindStringSubmatch(html)
		if m == nil {
			t.Errorf("%s: no world map", page)
			continue
		}
		if n := checkShapes(t, page, m[1]); n < 200 {
			t.Errorf("%s: %d shapes, want every country and city", page, n)
		}
		// Every placed city is a point linking its page; the table has every country with markets.
		for _, c := range site.LatestByCountry() {
			href := "/countries/" + strings.ToLower(c.Code) + "/"
			if strings.HasPrefix(page, "de/") {
				href = "/de" + href
			} else if strings.HasPrefix(page, "zh-hans/") {
				href = "/zh-hans" + href
			}
			if !regexp.MustCompile(`<th scope="?row"?><a href="?` + regexp.QuoteMeta(href) + `"?>`).MatchString(html) {
				t.Errorf("%s: the table has no row for %s", page, c.Code)
			}
		}
	}
	home := s.Read(t, "index.html")
	for _, p := range site.Places {
		key := render.CityKey(p.Country, p.City)
		if !regexp.MustCompile(`<a href="?/cities/` + regexp.QuoteMeta(key) + `/"?[^>]*><circle `).MatchString(home) {
			t.Errorf("home: no point for %s", key)
		}
	}

	// Page weight: the map section adds at most 20 KB gzipped to the home page.
	section := regexp.MustCompile(`(?s)<section class="?places-map"?.*?</section>`)
	without := section.ReplaceAllString(home, "")
	if without == home {
		t.Fatal("home: no places-map section")
	}
	added := gz(t, home) - gz(t, without)
	t.Logf("the map adds %d bytes gzipped to the home page (%d → %d)", added, gz(t, without), gz(t, home))
	if added > 20<<10 {
		t.Errorf("the map adds %d bytes gzipped to the home page, more than 20 KB", added)
	}

	// Each country's and city's map.svg parses, with a <title> on every shape.
	files, _ := filepath.Glob(filepath.Join(s.Public, "countries", "*", "map.svg"))
	cities, _ := filepath.Glob(filepath.Join(s.Public, "cities", "*", "map.svg"))
	if len(files) < 30 || len(cities) < 40 {
		t.Errorf("%d country maps, %d city maps", len(files), len(cities))
	}
	for _, f := range append(files, cities...) {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if n := checkShapes(t, f, string(b)); n == 0 {
			t.Errorf("%s: no shape", f)
		}
	}
}

func gz(t *testing.T, s string) int {
	var b bytes.Buffer
	w, _ := gzip.NewWriterLevel(&b, gzip.DefaultCompression)
	if _, err := w.Write([]byte(s)); err != nil {
		t.Fatal(err)
	}
	w.Close()
	return b.Len()
}

// TestCityPagesBuilt: every physical market with a city is listed on its city's page, which
// its market page links; the places index lists every city under its country.
func TestCityPagesBuilt(t *testing.T) {
	s := sitetest.Shared(t, sitetest.Options{})
	site, problems, err := pipeline.Load(filepath.Join(sitetest.Root(t), "data"), sitetest.Today)
	if err != nil || len(problems) > 0 {
		t.Fatal(err, problems)
	}
	index := s.Read(t, "cities/index.html")
	want := map[string]int{} // markets per city page
	for _, m := range site.Markets {
		if m.Kind == dataset.Physical && m.City != "" {
			want[render.CityKey(m.Country, m.City)]++
		}
	}
	for key, n := range want {
		// the page lists its markets and nothing else (no country page, as a stray term would)
		if got := strings.Count(s.Read(t, "cities/"+key+"/index.html"), `<li class="market-item">`); got != n {
			t.Errorf("/cities/%s/ lists %d items, want its %d markets", key, got, n)
		}
	}
	for _, m := range site.Markets {
		if m.Kind != dataset.Physical || m.City == "" {
			continue
		}
		key := render.CityKey(m.Country, m.City)
		city := s.Read(t, "cities/"+key+"/index.html")
		if !regexp.MustCompile(`<a href="?/markets/` + regexp.QuoteMeta(m.Slug) + `/"?`).MatchString(city) {
			t.Errorf("%s: not on /cities/%s/", m.Slug, key)
		}
		if !strings.Contains(s.Read(t, "markets/"+m.Slug+"/index.html"), "/cities/"+key+"/") {
			t.Errorf("%s: its page does not link /cities/%s/", m.Slug, key)
		}
		if !strings.Contains(index, "/cities/"+key+"/") {
			t.Errorf("the places index does not list %s", key)
		}
		if !strings.Contains(s.Read(t, "countries/"+strings.ToLower(m.Country)+"/index.html"), "/cities/"+key+"/") {
			t.Errorf("%s's country page does not link /cities/%s/", m.Slug, key)
		}
	}
}
