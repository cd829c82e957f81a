package extension

import (
	"github.com/notorious-markets-watch/nmw/generator/model"
	"github.com/notorious-markets-watch/nmw/generator/opendata"
	"github.com/notorious-markets-watch/nmw/generator/render"
)

// Index is what the extension knows: every market with a domain, with the lists that reported
// it and its state in each list's latest edition, and how much of those editions is recorded.
type Index struct {
	Site    string  `json:"site"`    // the deployed site's address, ending in a slash
	Markets int     `json:"markets"` // every market recorded here, online or physical
	Lists   []List  `json:"lists"`   // in publisher order
	Entries []Entry `json:"entries"` // the markets with domains, by slug
}

// List is one publisher's list and the coverage of its latest edition.
type List struct {
	Name     string `json:"name"`  // e.g. "USTR Notorious Markets List"
	Short    string `json:"short"` // e.g. "USTR"
	First    int    `json:"first"`
	Latest   int    `json:"latest"`
	Recorded int    `json:"recorded"`           // markets of the latest edition recorded here
	Official *int   `json:"official,omitempty"` // the latest edition's official count, when known
	Complete bool   `json:"complete"`           // every market the latest edition counts is recorded
}

// Entry is one market with its domains.
type Entry struct {
	Name   string   `json:"name"`
	URL    string   `json:"url"` // its page on the deployed site
	Kind   string   `json:"kind"`
	Hosts  []Host   `json:"hosts"`
	Status []Status `json:"status"` // the lists that listed it; empty for a market only named as a positive development
	// Latest is the market's state in each list's latest edition, in Lists order: "listed",
	// "not-listed" (that section of the edition is fully recorded) or "unknown".
	Latest []string `json:"latest"`
	// Absent are the lists whose latest edition a source (not a fully recorded section) says
	// does not name the market, with those sources (issue 26).
	Absent []Absent `json:"absent,omitempty"`
}

// Absent is a source's statement that a list's latest edition does not name the market.
type Absent struct {
	List    int      `json:"list"`    // index in Lists
	Sources []string `json:"sources"` // the addresses read
}

// Host is one listed domain: ASCII (punycode) for matching, Unicode for display when it differs.
type Host struct {
	ASCII string `json:"ascii"`
	Text  string `json:"text,omitempty"`
	Role  string `json:"role"` // current, former or mirror
}

// Status is a market's record on one list.
type Status struct {
	List    int    `json:"list"`  // index in Lists
	Years   string `json:"years"` // e.g. "2016–2018, 2020"
	Current bool   `json:"current"`
}

// BuildIndex makes the extension's index of a site, with links below baseURL.
func BuildIndex(site *model.Site, baseURL string) Index {
	ix := Index{Site: baseURL, Markets: len(site.Markets), Lists: []List{}, Entries: []Entry{}}
	coverage := map[*model.Edition]model.EditionCoverage{}
	for _, c := range model.Coverage(site) {
		coverage[c.Edition] = c
	}
	var pubs []*model.Publisher
	for _, p := range site.Publishers {
		latest := p.Latest()
		if latest == nil {
			continue
		}
		pubs = append(pubs, p)
		ix.Lists = append(ix.Lists, List{
			Name: p.Short + " " + p.List, Short: p.Short,
			First: p.Editions[0].Year, Latest: latest.Year,
			Recorded: recordedCount(coverage[latest].Total), Official: coverage[latest].Total.Official,
			Complete: model.Complete(latest),
		})
	}
	for _, m := range site.Markets {
		hs := hosts(m)
		if len(hs) == 0 {
			continue
		}
		e := Entry{Name: m.Name, URL: baseURL + opendata.MarketPage(m.Slug), Kind: m.Kind, Hosts: hs, Status: []Status{}}
		for _, s := range m.Statuses {
			for i, p := range pubs {
				if p == s.Publisher {
					e.Status = append(e.Status, Status{List: i, Years: render.YearRanges(s.Years), Current: s.Current})
				}
			}
		}
		for i, p := range pubs {
			e.Latest = append(e.Latest, p.Latest().State(m).String())
			if a := p.Latest().Absence(m); a != nil && !model.SectionComplete(p.Latest(), m.Kind) {
				e.Absent = append(e.Absent, Absent{List: i, Sources: a.Sources})
			}
		}
		ix.Entries = append(ix.Entries, e)
	}
	return ix
}

// recordedCount is the number to set against the official count: the headings recorded, as the
// reports count headings; without an official count, the markets recorded (issue 26).
func recordedCount(c model.Count) int {
	if c.Official == nil {
		return c.Markets
	}
	return c.Recorded
}

// hosts lists a market's domains, as the site's check matches them.
func hosts(m *model.Market) []Host {
	var out []Host
	for _, h := range m.Hosts() {
		host := Host{ASCII: h.ASCII, Role: h.Role}
		if h.Unicode != h.ASCII {
			host.Text = h.Unicode
		}
		out = append(out, host)
	}
	return out
}
