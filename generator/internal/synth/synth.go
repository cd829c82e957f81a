// Package synth writes a synthetic data folder of any size for benchmarks: N markets listed
// across E editions of two publishers, with names, aliases, domains, summaries and sources
// shaped like the real data. The same seed always writes the same files.
package synth

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// Options say how much data to write.
type Options struct {
	Markets  int    // number of markets
	Editions int    // number of editions, split between the two publishers
	LastYear int    // the year the newest editions review; default 2025
	Seed     uint64 // default 1
}

// Stats describe what Write wrote.
type Stats struct {
	Markets, Editions, Entries, Developments int
}

// Countries are the codes synthetic markets are placed in, with the English names the site
// shows, so that a content-adapter peer can name them without the generator.
var Countries = map[string]string{
	"CN": "China", "AR": "Argentina", "BR": "Brazil", "IN": "India", "ID": "Indonesia",
	"MX": "Mexico", "RU": "Russia", "TR": "Turkey", "TH": "Thailand", "VN": "Vietnam",
	"PH": "Philippines", "UA": "Ukraine", "NL": "Netherlands", "PE": "Peru", "MY": "Malaysia",
}

var countryCodes = func() []string {
	var cs []string
	for c := range Countries {
		cs = append(cs, c)
	}
	sort.Strings(cs)
	return cs
}()

var (
	onlineCats = []string{"e-commerce-platform", "social-commerce", "torrent-index", "cyberlocker",
		"streaming-linking", "stream-ripping", "iptv", "download-site", "shadow-library", "piracy-app",
		"forum", "hosting-provider", "online-pharmacy"}
	syllables = []string{"ka", "lo", "ra", "mi", "to", "ve", "su", "na", "pe", "zo", "ri", "ban", "dor",
		"fel", "gan", "hul", "jin", "kor", "lux", "mar", "nov", "qui", "sol", "tav", "wex", "yor"}
	onlineWords   = []string{"Stream", "Torrents", "Shop", "Mall", "Files", "Box", "TV", "Hub", "Market", "Books"}
	physicalWords = []string{"Market", "Bazaar", "Plaza", "Mall", "Trade City", "Shopping Center"}
	cities        = []string{"North District", "Old Town", "Harbour", "East Gate", "Central", "Riverside"}
	tlds          = []string{"com", "net", "org", "to", "cc", "io", "tv", "me", "ru", "se"}
	newsHosts     = []string{"www.reuters.com", "torrentfreak.com", "www.theverge.com", "www.bbc.co.uk",
		"www.scmp.com", "www.worldipreview.com", "www.lexology.com", "apnews.com"}
	reports = []string{"right holders reported", "the review said", "industry submissions described",
		"commenters alleged", "the report noted"}
	problems = []string{"large volumes of counterfeit apparel and footwear",
		"unlicensed films and television series streamed to millions of visitors",
		"pirated software and games offered for direct download",
		"slow or ineffective responses to takedown notices",
		"sellers of counterfeit electronics and phone accessories",
		"unlicensed live sport and pay-television channels",
		"copies of textbooks and academic journals offered without licence",
		"repeat infringers who were not removed from the platform"}
)

type market struct {
	slug, name, kind, country string
	domains                   []string
}

// Write fills dir (which must not hold data already) with a data folder.
func Write(dir string, opt Options) (Stats, error) {
	if opt.LastYear == 0 {
		opt.LastYear = 2025
	}
	if opt.Seed == 0 {
		opt.Seed = 1
	}
	if opt.Editions < 2 {
		return Stats{}, fmt.Errorf("synth: need at least 2 editions, got %d", opt.Editions)
	}
	r := rand.New(rand.NewPCG(opt.Seed, 0x6e6d77))
	for _, d := range []string{"markets", "editions"} {
		if err := os.MkdirAll(filepath.Join(dir, d), 0o755); err != nil {
			return Stats{}, err
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "publishers.yaml"), []byte(publishers), 0o644); err != nil {
		return Stats{}, err
	}
	if err := os.WriteFile(filepath.Join(dir, "categories.yaml"), []byte(categories()), 0o644); err != nil {
		return Stats{}, err
	}

	// Editions: publisher 0 (ustr) gets the larger half, years ending at LastYear.
	pubs := []string{"ustr", "eu"}
	perPub := []int{(opt.Editions + 1) / 2, opt.Editions / 2}
	type edition struct {
		pub     string
		year    int
		entries []string // markets, in listing order
		devs    []string
	}
	var eds [][]*edition
	for p, n := range perPub {
		var list []*edition
		for i := 0; i < n; i++ {
			list = append(list, &edition{pub: pubs[p], year: opt.LastYear - n + 1 + i})
		}
		eds = append(eds, list)
	}

	var st Stats
	markets := make([]market, opt.Markets)
	for i := range markets {
		m := newMarket(r, i)
		markets[i] = m
		if err := os.WriteFile(filepath.Join(dir, "markets", m.slug+".yaml"), marketYAML(r, m), 0o644); err != nil {
			return st, err
		}
		// 60% listed by the first publisher only, 20% by the second only, 20% by both; each
		// listed for a run of one to five consecutive editions.
		var which []int
		switch x := r.IntN(10); {
		case x < 6:
			which = []int{0}
		case x < 8:
			which = []int{1}
		default:
			which = []int{0, 1}
		}
		for _, p := range which {
			list := eds[p]
			if len(list) == 0 {
				list = eds[0]
			}
			run := 1 + r.IntN(5)
			start := r.IntN(len(list))
			for k := start; k < start+run && k < len(list); k++ {
				list[k].entries = append(list[k].entries, m.slug)
			}
			if r.IntN(100) == 0 && start+run < len(list) {
				list[start+run].devs = append(list[start+run].devs, m.slug)
			}
		}
	}
	st.Markets = len(markets)
	bySlug := map[string]*market{}
	for i := range markets {
		bySlug[markets[i].slug] = &markets[i]
	}
	for _, list := range eds {
		for _, e := range list {
			b := editionYAML(r, e.pub, e.year, e.entries, e.devs, bySlug)
			if err := os.WriteFile(filepath.Join(dir, "editions", fmt.Sprintf("%s-%d.yaml", e.pub, e.year)), b, 0o644); err != nil {
				return st, err
			}
			st.Editions++
			st.Entries += len(e.entries)
			st.Developments += len(e.devs)
		}
	}
	return st, nil
}

func word(r *rand.Rand) string {
	n := 2 + r.IntN(2)
	var b strings.Builder
	for i := 0; i < n; i++ {
		b.WriteString(syllables[r.IntN(len(syllables))])
	}
	s := b.String()
	return strings.ToUpper(s[:1]) + s[1:]
}

func newMarket(r *rand.Rand, i int) market {
	m := market{kind: "online"}
	w := word(r)
	if r.IntN(10) < 3 {
		m.kind = "physical"
		m.name = fmt.Sprintf("%s %s %d", w, physicalWords[r.IntN(len(physicalWords))], i)
	} else {
		m.name = fmt.Sprintf("%s%s %d", w, onlineWords[r.IntN(len(onlineWords))], i)
		base := strings.ToLower(strings.ReplaceAll(m.name, " ", ""))
		for k, n := 0, 1+r.IntN(4); k < n; k++ {
			m.domains = append(m.domains, base+"."+tlds[(i+k)%len(tlds)])
		}
	}
	if m.kind == "physical" || r.IntN(2) == 0 {
		m.country = countryCodes[r.IntN(len(countryCodes))]
	}
	m.slug = strings.ToLower(strings.ReplaceAll(m.name, " ", "-"))
	return m
}

func marketYAML(r *rand.Rand, m market) []byte {
	var b strings.Builder
	fmt.Fprintf(&b, "name: %s\n", m.name)
	if r.IntN(2) == 0 {
		fmt.Fprintf(&b, "aliases:\n- %s Official\n", m.name)
		if r.IntN(3) == 0 {
			fmt.Fprintf(&b, "- 市场 %s\n", strings.Fields(m.name)[len(strings.Fields(m.name))-1]+"号")
		}
	}
	if r.IntN(8) == 0 {
		fmt.Fprintf(&b, "former_names:\n- Old %s\n", m.name)
	}
	fmt.Fprintf(&b, "kind: %s\n", m.kind)
	if m.kind == "physical" {
		b.WriteString("categories:\n- physical-market\n")
	} else {
		fmt.Fprintf(&b, "categories:\n- %s\n", onlineCats[r.IntN(len(onlineCats))])
	}
	if m.country != "" {
		fmt.Fprintf(&b, "country: %s\n", m.country)
	}
	if m.kind == "physical" && r.IntN(2) == 0 {
		fmt.Fprintf(&b, "city: %s\n", cities[r.IntN(len(cities))])
	}
	if len(m.domains) > 0 {
		b.WriteString("domains:\n  current:\n")
		fmt.Fprintf(&b, "  - %s\n", m.domains[0])
		if len(m.domains) > 1 {
			b.WriteString("  former:\n")
			fmt.Fprintf(&b, "  - %s\n", m.domains[1])
		}
		if len(m.domains) > 2 {
			b.WriteString("  mirrors:\n")
			for _, d := range m.domains[2:] {
				fmt.Fprintf(&b, "  - %s\n", d)
			}
		}
	}
	b.WriteString("sources:\n")
	for _, s := range sources(r, m.slug) {
		fmt.Fprintf(&b, "- %s\n", s)
	}
	return []byte(b.String())
}

func sources(r *rand.Rand, slug string) []string {
	n := 1 + r.IntN(3)
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprintf("https://%s/news/%d/%s-watchlist-report-%d", newsHosts[r.IntN(len(newsHosts))], 2010+r.IntN(16), slug, i)
	}
	return out
}

func summary(r *rand.Rand, m *market) string {
	n := 1 + r.IntN(3)
	var parts []string
	for i := 0; i < n; i++ {
		s := fmt.Sprintf("%s %s.", reports[r.IntN(len(reports))], problems[r.IntN(len(problems))])
		parts = append(parts, strings.ToUpper(s[:1])+s[1:])
	}
	if r.IntN(4) == 0 {
		parts[0] = "*" + strings.TrimSuffix(parts[0], ".") + "*."
	}
	return strings.Join(parts, " ")
}

func editionYAML(r *rand.Rand, pub string, year int, entries, devs []string, markets map[string]*market) []byte {
	var b strings.Builder
	title := fmt.Sprintf("%d Review of Notorious Markets for Counterfeiting and Piracy", year)
	url := fmt.Sprintf("https://ustr.gov/sites/default/files/%d-notorious-markets.pdf", year)
	if pub == "eu" {
		title = fmt.Sprintf("Counterfeit and Piracy Watch List %d", year)
		url = fmt.Sprintf("https://policy.trade.ec.europa.eu/watch-list-%d.pdf", year)
	}
	online, physical := 0, 0
	for _, s := range entries {
		if markets[s].kind == "physical" {
			physical++
		} else {
			online++
		}
	}
	fmt.Fprintf(&b, "publisher: %s\nyear: %d\ntitle: %s\npublished: %d-%02d-15\nurl: %s\n", pub, year, title, year+1, 1+year%3, url)
	fmt.Fprintf(&b, "counts:\n  online: %d\n  physical: %d\n  total: %d\n  source: %s\n", online, physical, online+physical, url)
	fmt.Fprintf(&b, "sources:\n- %s\n", url)
	b.WriteString("entries:\n")
	for i, s := range entries {
		m := markets[s]
		fmt.Fprintf(&b, "- market: %s\n", s)
		if m.kind == "physical" {
			fmt.Fprintf(&b, "  section: 'Physical Markets: %s'\n", Countries[m.country])
		} else {
			b.WriteString("  section: Online Markets\n")
		}
		fmt.Fprintf(&b, "  page: %d\n", 5+i/4)
		if len(m.domains) > 0 {
			fmt.Fprintf(&b, "  domains: [%s]\n", m.domains[0])
		}
		fmt.Fprintf(&b, "  summary: '%s'\n", summary(r, m))
		b.WriteString("  sources:\n")
		fmt.Fprintf(&b, "  - %s\n", url)
		if r.IntN(2) == 0 {
			fmt.Fprintf(&b, "  - %s\n", sources(r, s)[0])
		}
	}
	if len(devs) > 0 {
		b.WriteString("developments:\n")
		for _, s := range devs {
			fmt.Fprintf(&b, "- market: %s\n  summary: Reported closed after enforcement action.\n  sources:\n  - %s\n", s, url)
		}
	}
	return []byte(b.String())
}

const publishers = `- id: ustr
  name: Office of the United States Trade Representative
  short: USTR
  list: Notorious Markets List
  url: https://ustr.gov/
- id: eu
  name: European Commission
  short: EU
  list: Counterfeit and Piracy Watch List
  url: https://policy.trade.ec.europa.eu/
`

func categories() string {
	var b strings.Builder
	for _, c := range append(append([]string{}, onlineCats...), "physical-market") {
		label := strings.ToUpper(c[:1]) + strings.ReplaceAll(c[1:], "-", " ")
		fmt.Fprintf(&b, "- id: %s\n  label: %s\n  description: Markets of the kind %s.\n", c, label, strings.ToLower(label))
	}
	return b.String()
}

// TempData writes a synthetic data folder of n markets in 20 editions into a temporary folder of
// tb, for benchmarks, and returns its path.
func TempData(tb testing.TB, n int) string {
	tb.Helper()
	dir := filepath.Join(tb.TempDir(), "data")
	if _, err := Write(dir, Options{Markets: n, Editions: 20}); err != nil {
		tb.Fatal(err)
	}
	return dir
}
