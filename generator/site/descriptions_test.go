package site

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/notorious-markets-watch/nmw/generator/internal/sitetest"
)

// descPage is a generated page whose description every language must give: its kind, its
// address below a language's root, and its front matter.
type descPage struct {
	kind, path string
	front      struct {
		Title       string `json:"title"`
		Description string `json:"description"`
		Params      struct {
			Kind         string            `json:"kind"`
			City         string            `json:"city"`
			Names        map[string]string `json:"names"`         // a country's or a city's name in each language (its term page)
			CountryNames map[string]string `json:"country_names"` // a city page's country
			CityNames    map[string]string `json:"city_names"`    // a city's name in each language, when known
		} `json:"params"`
	}
}

// descPages lists the market, year, country, city and category pages of a build's content.
func descPages(t *testing.T, s *sitetest.Site) []descPage {
	t.Helper()
	var out []descPage
	add := func(kind, pattern string, path func(rel string) string) {
		files, err := filepath.Glob(filepath.Join(s.Dir, "content", pattern))
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range files {
			rel, _ := filepath.Rel(filepath.Join(s.Dir, "content"), f)
			if kind != "category" && kind != "country" && kind != "city" && filepath.Base(f) == "_index.md" {
				continue
			}
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			p := descPage{kind: kind, path: path(filepath.ToSlash(rel))}
			if err := json.Unmarshal(b, &p.front); err != nil {
				t.Fatalf("%s: %v", rel, err)
			}
			out = append(out, p)
		}
	}
	page := func(rel string) string { return strings.TrimSuffix(rel, ".md") + "/index.html" }
	term := func(rel string) string { return strings.TrimSuffix(rel, "_index.md") + "index.html" }
	add("market", "markets/*.md", page)
	add("year", "years/*.md", page)
	add("country", "countries/*/_index.md", term)
	add("city", "cities/*/_index.md", term)
	add("category", "categories/*/_index.md", term)
	return out
}

// descriptionOf reads a built page's description, which its meta description, og:description
// and JSON-LD (where the page has one) must all give.
func descriptionOf(t *testing.T, s *sitetest.Site, path string) string {
	t.Helper()
	meta, og, ld, err := pageDescriptions(s.Read(t, path))
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	if meta == "" || og != meta || (ld != "" && ld != meta) {
		t.Errorf("%s: description %q, og:description %q, JSON-LD %q: want one, the same", path, meta, og, ld)
	}
	return meta
}

// pageFacts reads the facts of a description of one page in one language.
func pageFacts(ls langStrings, p descPage, lang, text string, lists map[string]string) (descFacts, error) {
	switch p.kind {
	case "market":
		return marketFacts(ls, text, lists)
	case "year":
		return yearFacts(ls, text, lists)
	case "country":
		if lang == "en" {
			return descFacts{Form: "desc_country", Place: []string{text}}, nil
		}
		m := ls.match("desc_country", text)
		if m == nil {
			return descFacts{}, fmt.Errorf("does not follow desc_country")
		}
		return descFacts{Form: "desc_country", Place: []string{m["Name"]}}, nil
	case "city":
		// the country as known, so that a language writing the two names with nothing
		// between them (Chinese) is read as country, then city
		m := ls.matchKnown("desc_city", text, map[string]string{"Country": p.front.Params.CountryNames[lang]})
		if lang == "en" {
			m = map[string]string{"City": text, "Country": text}
		}
		if m == nil {
			return descFacts{}, fmt.Errorf("does not follow desc_city")
		}
		return descFacts{Form: "desc_city", Place: []string{m["City"], m["Country"]}}, nil
	case "category":
		if lang == "en" {
			return descFacts{Form: "desc_category", Place: []string{text}}, nil
		}
		m := ls.match("desc_category", text)
		if m == nil {
			return descFacts{}, fmt.Errorf("does not follow desc_category")
		}
		return descFacts{Form: "desc_category", Place: []string{m["Name"]}}, nil
	}
	return descFacts{}, fmt.Errorf("unknown page kind %s", p.kind)
}

// wantPlace lists the names a page's description must give in a language: a market's or a
// city's country and city, a country's name, a category's name (in English, its definition).
// A city is named in the language where a source names it (a market's city_names, a city
// page's names), else as its sources spell it.
func wantPlace(ls langStrings, p descPage, lang, country string) []string {
	city := p.front.Params.City
	names := p.front.Params.CityNames
	if p.kind == "city" {
		names = p.front.Params.Names
	}
	if n := names[lang]; n != "" {
		city = n
	}
	switch p.kind {
	case "market":
		var out []string
		if country != "" {
			out = append(out, country)
		}
		if city != "" {
			out = append(out, city)
		}
		return out
	case "country":
		return []string{p.front.Params.Names[lang]}
	case "city":
		return []string{city, p.front.Params.CountryNames[lang]}
	case "category":
		if lang == "en" {
			return []string{p.front.Description}
		}
		return []string{ls.one("category_" + filepath.Base(filepath.Dir(p.path)))}
	}
	return nil
}

// TestTranslatedDescriptions reads the description (meta, og:description, JSON-LD) of every
// market, year, country, city and category page in every language, and compares what each
// translation says with what the English says: the same lists, publishers and years (or counts
// and their form), the same status (on a current list, no longer listed, maybe still listed),
// the same development-only form, kind and place. A translation that only avoids English words
// but drops the years or says "listed" for a market only named as a positive development fails.
func TestTranslatedDescriptions(t *testing.T) {
	langs, _ := siteLanguages(t)
	s := realSite(t)
	lists := map[string]string{"Notorious Markets List": "USTR", "Counterfeit and Piracy Watch List": "EU"}
	strs := map[string]langStrings{}
	for _, lang := range langs {
		strs[lang] = translations(t, lang)
	}
	selfTest(t, strs["de"], lists)
	placeSelfTest(t, strs["zh-hans"])
	pages := descPages(t, s)
	counts := map[string]int{}
	for _, p := range pages {
		counts[p.kind]++
		en := descriptionOf(t, s, p.path)
		want, err := pageFacts(strs["en"], p, "en", en, lists)
		if err != nil {
			t.Errorf("en/%s: %q: %v", p.path, en, err)
			continue
		}
		for _, lang := range langs {
			text := en
			if lang != "en" {
				text = descriptionOf(t, s, lang+"/"+p.path)
			}
			got, err := pageFacts(strs[lang], p, lang, text, lists)
			if err != nil {
				t.Errorf("%s/%s: %q: %v", lang, p.path, text, err)
				continue
			}
			country := ""
			if p.kind == "market" {
				country = marketCountry(t, s, lang, p.path)
			}
			for _, name := range missingPlaces(got.Place, wantPlace(strs[lang], p, lang, country)) {
				t.Errorf("%s/%s: %q does not name %q", lang, p.path, text, name)
			}
			got.Place, want.Place = nil, nil
			if !reflect.DeepEqual(got, want) {
				t.Errorf("%s/%s: the description says\n  %s\nthe English says\n  %s\n%q\n%q", lang, p.path, got, want, text, en)
			}
		}
	}
	for _, k := range []string{"market", "year", "country", "city", "category"} {
		if counts[k] < 5 {
			t.Errorf("%d %s pages: is content/ read?", counts[k], k)
		}
	}
	t.Logf("pages checked in %d languages: %v", len(langs), counts)
}

// missingPlaces are the names of want that none of the places a description gives names.
func missingPlaces(have, want []string) []string {
	var out []string
	for _, name := range want {
		if !slices.ContainsFunc(have, func(s string) bool { return mentions(s, name) || s == name }) {
			out = append(out, name)
		}
	}
	return out
}

// placeSelfTest: a Chinese city page's description, which writes country and city with
// nothing between them, names both; it does not when it gives the city in English or the
// wrong country.
func placeSelfTest(t *testing.T, ls langStrings) {
	t.Helper()
	var p descPage
	p.kind = "city"
	p.front.Params.City = "Dubai"
	p.front.Params.Names = map[string]string{"zh-hans": "迪拜"}
	p.front.Params.CountryNames = map[string]string{"zh-hans": "阿拉伯联合酋长国"}
	missing := func(text string) []string {
		f, err := pageFacts(ls, p, "zh-hans", text, nil)
		if err != nil {
			t.Fatalf("%q: %v", text, err)
		}
		return missingPlaces(f.Place, wantPlace(ls, p, "zh-hans", ""))
	}
	if m := missing("名单所列位于阿拉伯联合酋长国迪拜的实体市场。"); m != nil {
		t.Fatalf("the Dubai page's description does not name %q", m)
	}
	for text, want := range map[string][]string{
		"名单所列位于阿拉伯联合酋长国 Dubai 的实体市场。": {"迪拜"},
		"名单所列位于阿曼迪拜的实体市场。":            {"阿拉伯联合酋长国"},
	} {
		if m := missing(text); !reflect.DeepEqual(m, want) {
			t.Fatalf("%q: does not name %q, want %q", text, m, want)
		}
	}
}

// marketCountry is the country a market page names in a language: its country term's title.
func marketCountry(t *testing.T, s *sitetest.Site, lang, path string) string {
	b, err := os.ReadFile(filepath.Join(s.Dir, "content", strings.TrimSuffix(path, "/index.html")+".md"))
	if err != nil {
		t.Fatal(err)
	}
	var front struct {
		Countries []string `json:"countries"`
	}
	if err := json.Unmarshal(b, &front); err != nil || len(front.Countries) == 0 {
		return ""
	}
	b, err = os.ReadFile(filepath.Join(s.Dir, "content", "countries", front.Countries[0], "_index.md"))
	if err != nil {
		t.Fatal(err)
	}
	var c descPage
	if err := json.Unmarshal(b, &c.front); err != nil {
		t.Fatal(err)
	}
	return c.front.Params.Names[lang]
}

// selfTest: the facts differ when a translation drops a year, names the wrong publisher or
// says a development-only market is reported.
func selfTest(t *testing.T, ls langStrings, lists map[string]string) {
	t.Helper()
	good := "Online-Markt (China), gemeldet auf der Notorious Markets List des USTR (2010–2011, 2016–2025). Steht auf einer aktuellen Liste."
	f, err := marketFacts(ls, good, lists)
	if err != nil || f.Status != "mdesc_current" || len(f.Lists) != 1 || f.Lists[0].Publisher != "USTR" || len(f.Lists[0].Numbers) != 12 {
		t.Fatalf("facts of %q = %s, %v", good, f, err)
	}
	for _, bad := range []string{
		"Online-Markt (China), gemeldet auf der Notorious Markets List des USTR (2010–2011, 2016–2024). Steht auf einer aktuellen Liste.",
		"Online-Markt (China), gemeldet auf der Notorious Markets List der EU (2010–2011, 2016–2025). Steht auf einer aktuellen Liste.",
		"Online-Markt (China), gemeldet auf der Notorious Markets List des USTR (2010–2011, 2016–2025). Nicht mehr gelistet.",
		"Online-Markt, der auf einer staatlichen Beobachtungsliste berüchtigter Märkte gemeldet ist.",
	} {
		g, err := marketFacts(ls, bad, lists)
		if err == nil && reflect.DeepEqual(g, f) {
			t.Fatalf("facts of %q = those of %q", bad, good)
		}
	}
}
