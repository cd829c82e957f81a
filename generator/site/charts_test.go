package site

import (
	"fmt"
	"math"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/notorious-markets-watch/nmw/generator/dataset"
	"github.com/notorious-markets-watch/nmw/generator/internal/sitetest"
)

// node is a parsed HTML element with helpers for the chart tests.
type node struct{ *html.Node }

func parse(t *testing.T, s string) node {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(s))
	if err != nil {
		t.Fatal(err)
	}
	return node{doc}
}

func (n node) attr(name string) string {
	for _, a := range n.Attr {
		if a.Key == name {
			return a.Val
		}
	}
	return ""
}

func (n node) num(t *testing.T, name string) float64 {
	t.Helper()
	v, err := strconv.ParseFloat(n.attr(name), 64)
	if err != nil {
		t.Fatalf("<%s class=%q> %s=%q: %v", n.Data, n.attr("class"), name, n.attr(name), err)
	}
	return v
}

func (n node) hasClass(c string) bool { return slices.Contains(strings.Fields(n.attr("class")), c) }

// all returns the elements below n that have the class (and, if given, the id).
func (n node) all(class string) []node {
	var out []node
	var walk func(*html.Node)
	walk = func(h *html.Node) {
		for c := h.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.ElementNode && (node{c}).hasClass(class) {
				out = append(out, node{c})
			}
			walk(c)
		}
	}
	walk(n.Node)
	return out
}

// byID returns the element with the id, failing the test if there is none.
func (n node) byID(t *testing.T, id string) node {
	t.Helper()
	var found *html.Node
	var walk func(*html.Node)
	walk = func(h *html.Node) {
		for c := h.FirstChild; c != nil && found == nil; c = c.NextSibling {
			if c.Type == html.ElementNode && (node{c}).attr("id") == id {
				found = c
			}
			walk(c)
		}
	}
	walk(n.Node)
	if found == nil {
		t.Fatalf("no element with id %q", id)
	}
	return node{found}
}

func (n node) text() string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(h *html.Node) {
		switch h.Type {
		case html.TextNode:
			b.WriteString(h.Data)
		case html.ElementNode:
			b.WriteString(" ") // cells and bars are separate words
		}
		for c := h.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n.Node)
	return strings.Join(strings.Fields(b.String()), " ")
}

// rect returns the first <rect> below n with the class ("" for any).
func (n node) rect(t *testing.T, class string) node {
	t.Helper()
	var found *html.Node
	var walk func(*html.Node)
	walk = func(h *html.Node) {
		for c := h.FirstChild; c != nil && found == nil; c = c.NextSibling {
			if c.Type == html.ElementNode && c.Data == "rect" && (class == "" || (node{c}).hasClass(class)) {
				found = c
			}
			walk(c)
		}
	}
	walk(n.Node)
	if found == nil {
		t.Fatalf("<%s data-edition=%q> has no rect %q", n.Data, n.attr("data-edition"), class)
	}
	return node{found}
}

// scale checks that every bar's height is its value times one factor, and returns the factor.
type scale struct {
	t      *testing.T
	name   string
	factor float64
}

func (s *scale) check(value, height float64) {
	s.t.Helper()
	if value == 0 {
		if height != 0 {
			s.t.Errorf("%s: a bar of 0 is %g high", s.name, height)
		}
		return
	}
	f := height / value
	if s.factor == 0 {
		s.factor = f
	}
	if math.Abs(f-s.factor) > 0.01 {
		s.t.Errorf("%s: bar of %g is %g high, not %g × %g: the bars do not share one scale", s.name, value, height, value, s.factor)
	}
}

// editionCounts counts each edition's entries by kind straight from the data files, without the
// model, so the charts are checked against the data and not against the code that drew them.
type editionCount struct {
	online, physical int
	offOnline        *int
	offPhysical      *int
}

func countFromData(t *testing.T, dir string) (*dataset.Set, map[string]editionCount) {
	set, problems, err := dataset.Load(dir)
	if err != nil || len(problems) > 0 {
		t.Fatal(err, problems)
	}
	out := map[string]editionCount{}
	for _, e := range set.Editions {
		c := editionCount{offOnline: e.Counts.Online, offPhysical: e.Counts.Physical}
		for _, en := range e.Entries {
			if set.Market(en.Market).Kind == dataset.Physical {
				c.physical++
			} else {
				c.online++
			}
		}
		out[e.ID()] = c
	}
	return set, out
}

// checkEditionCounts compares the per-edition bars of one page with the data.
func checkEditionCounts(t *testing.T, page node, want map[string]editionCount) {
	t.Helper()
	seen := map[string]bool{}
	for _, fig := range page.all("chart-editions") {
		sc := &scale{t: t, name: fig.attr("id")}
		for _, g := range fig.all("chart-edition") {
			id := g.attr("data-edition")
			w, ok := want[id]
			if !ok {
				t.Errorf("chart shows edition %s, which the data does not have", id)
				continue
			}
			seen[id] = true
			for _, bar := range g.all("chart-bar") {
				kind := bar.attr("data-kind")
				rec, off := w.online, w.offOnline
				if kind == dataset.Physical {
					rec, off = w.physical, w.offPhysical
				}
				if got := int(bar.num(t, "data-value")); got != rec {
					t.Errorf("%s %s: chart says %d recorded, the data has %d entries", id, kind, got, rec)
				}
				sc.check(float64(rec), bar.rect(t, "chart-"+kind).num(t, "height"))
				switch {
				case off == nil && bar.attr("data-official") != "":
					t.Errorf("%s %s: chart shows an official count %s the data does not give", id, kind, bar.attr("data-official"))
				case off != nil:
					if got := bar.attr("data-official"); got != strconv.Itoa(*off) {
						t.Errorf("%s %s: official count %q, the data gives %d", id, kind, got, *off)
					}
					sc.check(float64(*off), bar.rect(t, "chart-official").num(t, "height"))
				}
			}
		}
	}
	for id := range want {
		if !seen[id] {
			t.Errorf("edition %s has no bars", id)
		}
	}
}

func TestChartsFixture(t *testing.T) {
	site := sitetest.Shared(t, sitetest.Options{Data: generatorFixture(t)})
	_, counts := countFromData(t, generatorFixture(t))

	t.Run("market timeline", func(t *testing.T) {
		for slug, want := range map[string]string{
			// EU 2020 gives no official count: a market it does not record is unknown there
			"shop-o-rama": "USTR 2019 new, USTR 2020 dropped, USTR 2021 returning, EU 2020 unknown",
			"old-locker":  "USTR 2019 new, USTR 2020 dropped*, USTR 2021 absent, EU 2020 unknown",
		} {
			page := parse(t, site.Read(t, "markets/"+slug+"/index.html"))
			var got []string
			for _, c := range page.all("tl-cell") {
				s := fmt.Sprintf("%s %s %s", c.attr("data-list"), c.attr("data-year"), c.attr("data-state"))
				if c.hasClass("tl-development") {
					s += "*"
				}
				if !c.hasClass("tl-" + c.attr("data-state")) {
					t.Errorf("%s: cell %s is not styled as its state", slug, s)
				}
				got = append(got, s)
			}
			if g := strings.Join(got, ", "); g != want {
				t.Errorf("%s timeline:\n got %s\nwant %s", slug, g, want)
			}
		}
		page := parse(t, site.Read(t, "markets/shop-o-rama/index.html"))
		sitetest.Contains(t, "timeline description and table", page.text(),
			"USTR: listed in 2019, 2021; EU: not recorded in any edition; 2020 only partly recorded.",
			"USTR Notorious Markets List 2019, 2021 2021 2020 – –",
			"EU Counterfeit and Piracy Watch List none recorded – – 2020 –")
	})

	t.Run("edition counts and changes", func(t *testing.T) {
		stats := parse(t, site.Read(t, "statistics/index.html"))
		checkEditionCounts(t, stats, counts)
		changes := map[string]string{}
		for _, g := range stats.byID(t, "changes-ustr").all("chart-edition") {
			changes[g.attr("data-edition")] = fmt.Sprintf("+%s ↺%s −%s", g.attr("data-new"), g.attr("data-returning"), g.attr("data-dropped"))
		}
		// 2019 is the first edition: nothing to compare. 2020 lost shop-o-rama and old-locker;
		// 2021 brought shop-o-rama back.
		want := map[string]string{"ustr-2019": "+ ↺ −", "ustr-2020": "+0 ↺0 −2", "ustr-2021": "+0 ↺1 −0"}
		if fmt.Sprint(changes) != fmt.Sprint(want) {
			t.Errorf("changes %v, want %v", changes, want)
		}
		ret := stats.byID(t, "changes-ustr").all("chart-edition")[2].rect(t, "chart-returning")
		drop := stats.byID(t, "changes-ustr").all("chart-edition")[1].rect(t, "chart-dropped")
		if r, d := ret.num(t, "height"), drop.num(t, "height"); math.Abs(d-2*r) > 0.01 {
			t.Errorf("2 dropped drawn %g high, 1 returning %g: not to scale", d, r)
		}
		for _, path := range []string{"index.html", "years/2020/index.html"} {
			checkEditionCounts(t, parse(t, site.Read(t, path)), counts)
		}
		year := parse(t, site.Read(t, "years/2020/index.html"))
		var marked []string
		for _, g := range year.all("chart-highlight") {
			if e := g.attr("data-edition"); !slices.Contains(marked, e) {
				marked = append(marked, e)
			}
		}
		sort.Strings(marked)
		if fmt.Sprint(marked) != "[eu-2020 ustr-2020]" {
			t.Errorf("the 2020 page highlights %v, want the two 2020 editions", marked)
		}
	})

	t.Run("statistics page", func(t *testing.T) {
		stats := parse(t, site.Read(t, "statistics/index.html"))
		rows := map[string]string{}
		for _, r := range stats.byID(t, "countries").all("heat-row") {
			var v []string
			for _, c := range r.all("heat-cell") {
				v = append(v, c.attr("data-value"))
			}
			rows[r.attr("data-key")] = strings.Join(v, " ")
		}
		// fixture-bay (Sweden) is on both lists in 2020 and counts once.
		want := map[string]string{"ar": "1 1 1", "se": "1 1 1", "cn": "1 0 1", "none": "1 0 0"}
		if fmt.Sprint(rows) != fmt.Sprint(want) {
			t.Errorf("countries %v, want %v", rows, want)
		}
		long := stats.byID(t, "longest-chart").all("long-row")
		if len(long) != 4 || long[0].attr("data-market") != "fixture-bay" || long[0].attr("data-total") != "4" {
			t.Fatalf("longest-listed rows wrong: first is %s with %s", long[0].attr("data-market"), long[0].attr("data-total"))
		}
		sc := &scale{t: t, name: "longest"}
		for _, r := range long {
			for _, rect := range r.all("chart-list-0") {
				sc.check(rect.num(t, "data-value"), rect.num(t, "width"))
			}
		}
		sitetest.Contains(t, "developments", stats.byID(t, "developments-chart").text(), "2020 USTR Old Locker Shut down after a police raid.")
		sitetest.Contains(t, "statistics JSON", site.Read(t, "statistics/index.json"), `"key": "se"`, `"market": "old-locker"`)
	})
}

// TestChartsRealData checks the charts built from data/ against numbers counted from its files.
func TestChartsRealData(t *testing.T) {
	root := sitetest.Root(t)
	site := sitetest.Shared(t, sitetest.Options{})
	set, counts := countFromData(t, filepath.Join(root, "data"))

	t.Run("markets per edition", func(t *testing.T) {
		checkEditionCounts(t, parse(t, site.Read(t, "statistics/index.html")), counts)
	})

	t.Run("every market's timeline", func(t *testing.T) {
		listed := map[string]map[string]bool{} // market → "USTR 2016"
		// full["USTR 2016 online"]: the section's headings (an entry's own, or one heading
		// grouping several) are exactly its official count (more prove nothing: a heading can
		// group sites recorded one by one), or data/ states it fully recorded; only there, or
		// where a source says so (sourced["taobao USTR 2013"]), is a market's absence a fact
		full := map[string]bool{}
		sourced := map[string]bool{}
		ids := map[string]string{} // edition id → "USTR 2013"
		for _, e := range set.Editions {
			key := set.Publisher(e.Publisher).Short + " " + strconv.Itoa(e.Year)
			ids[e.ID()] = key
			n := map[string]int{}
			headings := map[string]bool{}
			for _, en := range e.Entries {
				if en.Heading != "" && headings[en.Heading] {
					continue
				}
				headings[en.Heading] = en.Heading != ""
				n[set.Market(en.Market).Kind]++
			}
			for _, d := range e.Developments {
				if d.Removed {
					sourced[d.Market+" "+key] = true
				}
			}
			for kind, official := range map[string]*int{"online": e.Counts.Online, "physical": e.Counts.Physical} {
				full[key+" "+kind] = (official != nil && n[kind] == *official) || e.FullyRecorded.Declares(kind)
			}
		}
		for _, m := range set.Markets {
			for _, a := range m.Absences {
				for _, id := range a.Editions {
					sourced[m.Slug+" "+ids[id]] = true
				}
			}
		}
		for _, e := range set.Editions {
			for _, en := range e.Entries {
				if listed[en.Market] == nil {
					listed[en.Market] = map[string]bool{}
				}
				listed[en.Market][set.Publisher(e.Publisher).Short+" "+strconv.Itoa(e.Year)] = true
			}
		}
		for _, m := range set.Markets {
			page := parse(t, site.Read(t, "markets/"+m.Slug+"/index.html"))
			cells := page.all("tl-cell")
			if len(cells) != len(set.Editions) {
				t.Errorf("%s: %d timeline cells, want one per edition (%d)", m.Slug, len(cells), len(set.Editions))
			}
			n := 0
			for _, c := range cells {
				key := c.attr("data-list") + " " + c.attr("data-year")
				on := slices.Contains([]string{"new", "listed", "returning"}, c.attr("data-state"))
				if on != listed[m.Slug][key] {
					t.Errorf("%s: %s drawn as %s, but the data %s", m.Slug, key, c.attr("data-state"), map[bool]string{true: "lists it", false: "does not list it"}[listed[m.Slug][key]])
				}
				if on {
					n++
				}
				known := full[key+" "+m.Kind] || sourced[m.Slug+" "+key]
				if unknown := c.attr("data-state") == "unknown"; !on && unknown == known {
					t.Errorf("%s: %s drawn as %s, but that section is %s and no source says it is not listed there", m.Slug, key, c.attr("data-state"), map[bool]string{true: "fully recorded", false: "partly recorded"}[full[key+" "+m.Kind]])
				}
			}
			if n != len(listed[m.Slug]) {
				t.Errorf("%s: %d cells filled, the data lists it in %d editions", m.Slug, n, len(listed[m.Slug]))
			}
		}
	})

	t.Run("by country", func(t *testing.T) {
		first := set.Editions[0].Year
		want := map[string][]int{} // country → distinct markets per year
		seen := map[string]bool{}
		for _, e := range set.Editions {
			for _, en := range e.Entries {
				c := strings.ToLower(set.Market(en.Market).Country)
				key := fmt.Sprint(en.Market, e.Year)
				if c == "" || seen[key] {
					continue
				}
				seen[key] = true
				for len(want[c]) <= e.Year-first {
					want[c] = append(want[c], 0)
				}
				want[c][e.Year-first]++
			}
		}
		rows := parse(t, site.Read(t, "statistics/index.html")).byID(t, "countries").all("heat-row")
		if len(rows) < 3 {
			t.Fatalf("%d country rows", len(rows))
		}
		checked := 0
		for _, r := range rows {
			w, ok := want[r.attr("data-key")]
			if !ok {
				continue // the rest, and no country
			}
			for i, c := range r.all("heat-cell") {
				n := 0
				if i < len(w) {
					n = w[i]
				}
				if got := int(c.num(t, "data-value")); got != n {
					t.Errorf("%s %s: %d markets drawn, the data lists %d", r.attr("data-key"), c.attr("data-year"), got, n)
				}
			}
			checked++
		}
		if checked == 0 {
			t.Error("no country row matched the data")
		}
	})

	t.Run("longest listed", func(t *testing.T) {
		most := 0
		for _, m := range set.Markets {
			n := 0
			for _, e := range set.Editions {
				for _, en := range e.Entries {
					if en.Market == m.Slug {
						n++
					}
				}
			}
			most = max(most, n)
		}
		rows := parse(t, site.Read(t, "statistics/index.html")).byID(t, "longest-chart").all("long-row")
		if got := rows[0].attr("data-total"); got != strconv.Itoa(most) {
			t.Errorf("the longest-listed market has %s editions, the data's most is %d", got, most)
		}
	})
}
