package render

import (
	"fmt"
	"github.com/gosimple/slug"
	"net/url"
	"sort"
	"strings"

	"github.com/notorious-markets-watch/nmw/generator/dataset"
	"github.com/notorious-markets-watch/nmw/generator/domain"
	"github.com/notorious-markets-watch/nmw/generator/model"
	"github.com/notorious-markets-watch/nmw/generator/place"
)

type marketPage struct {
	Title       string       `json:"title"`
	Description string       `json:"description"`
	Categories  []string     `json:"categories"`
	Countries   []string     `json:"countries,omitempty,omitzero"`
	Kinds       []string     `json:"kinds"`
	Statuses    []string     `json:"statuses"`
	Params      marketParams `json:"params"`
}

type marketParams struct {
	Kind        string        `json:"kind"`
	Letter      string        `json:"letter"`
	Aliases     []string      `json:"aliases,omitempty,omitzero"`
	FormerNames []string      `json:"former_names,omitempty,omitzero"`
	Country     string        `json:"country,omitempty,omitzero"`
	CountryName string        `json:"country_name,omitempty,omitzero"`
	City        string        `json:"city,omitempty,omitzero"`
	Domains     domainsFront  `json:"domains,omitempty,omitzero"`
	Hosts       []hostFront   `json:"hosts,omitempty,omitzero"`
	Words       string        `json:"words,omitempty,omitzero"`
	Current     bool          `json:"current"`
	Status      []statusFront `json:"status"`
	Listings    []listingRef  `json:"listings"`
	Timeline    timelineFront `json:"timeline"`
}

type domainsFront struct {
	Current []string `json:"current,omitempty,omitzero"`
	Former  []string `json:"former,omitempty,omitzero"`
	Mirrors []string `json:"mirrors,omitempty,omitzero"`
}

type statusFront struct {
	Publisher string `json:"publisher"`
	List      string `json:"list"`
	Current   bool   `json:"current"`
	First     int    `json:"first"`
	Last      int    `json:"last"`
	Years     []int  `json:"years"`
	YearsText string `json:"years_text"`
	Text      string `json:"text"`
	// Since, SinceComplete and Latest let the templates say Text in other languages.
	Since         int  `json:"since"`
	SinceComplete bool `json:"since_complete"`
	Latest        int  `json:"latest"`
}

type listingRef struct {
	Publisher string `json:"publisher"`
	Year      int    `json:"year"`
	Edition   string `json:"edition"`
	Section   string `json:"section"`
	Page      int    `json:"page,omitempty,omitzero"`
}

// Status taxonomy terms.
const (
	StatusCurrent = "on-a-current-list"
	StatusFormer  = "formerly-listed"
)

func marketFront(site *model.Site, m *model.Market, categoryLabels map[string]string) marketPage {
	p := marketPage{
		Title:      m.Name,
		Categories: m.Categories,
		Kinds:      []string{m.Kind},
		Statuses:   []string{StatusFormer},
		Params: marketParams{
			Kind:        m.Kind,
			Letter:      azLetter(m.Name),
			Aliases:     m.Aliases,
			FormerNames: m.FormerNames,
			Country:     m.Country,
			CountryName: place.CountryName(m.Country),
			City:        m.City,
			Domains: domainsFront{
				Current: unicode(m.Domains.Current),
				Former:  unicode(m.Domains.Former),
				Mirrors: unicode(m.Domains.Mirrors),
			},
			Hosts:    hosts(m),
			Words:    summaryWords(m, categoryLabels),
			Current:  m.Current(),
			Timeline: timeline(site, m),
		},
	}
	if m.Country != "" {
		p.Countries = []string{strings.ToLower(m.Country)}
	}
	if m.Current() {
		p.Statuses = []string{StatusCurrent}
	}
	for _, s := range m.Statuses {
		p.Params.Status = append(p.Params.Status, statusFront{
			Publisher: s.Publisher.Short, List: s.Publisher.List, Current: s.Current,
			First: s.Years[0], Last: s.Last.Year, Years: s.Years, YearsText: yearRanges(s.Years), Text: s.Text(),
			Since: s.Since, SinceComplete: s.SinceComplete, Latest: s.Publisher.Latest().Year,
		})
	}
	for _, l := range m.Listings {
		p.Params.Listings = append(p.Params.Listings, listingRef{
			Publisher: l.Edition.Publisher.Short, Year: l.Edition.Year, Edition: l.Edition.Title,
			Section: l.Section, Page: l.Page,
		})
	}
	p.Description = marketDescription(m)
	return p
}

// marketDescription is the one-sentence summary used for previews and search results.
func marketDescription(m *model.Market) string {
	var lists []string
	for _, s := range m.Statuses {
		lists = append(lists, fmt.Sprintf("the %s %s (%s)", s.Publisher.Short, s.Publisher.List, yearRanges(s.Years)))
	}
	where := ""
	if m.Country != "" {
		where = " in " + place.Location(m.City, m.Country)
	}
	kind := "An online market"
	if m.Kind == dataset.Physical {
		kind = "A physical market"
	}
	if len(lists) == 0 {
		return fmt.Sprintf("%s%s named on a watchlist as a positive development.", kind, where)
	}
	return fmt.Sprintf("%s%s reported on %s.", kind, where, strings.Join(lists, " and "))
}

// yearRanges writes years as ranges: 2010–2012, 2016, 2018–2019.
func yearRanges(years []int) string {
	var parts []string
	for i := 0; i < len(years); {
		j := i
		for j+1 < len(years) && years[j+1] == years[j]+1 {
			j++
		}
		if i == j {
			parts = append(parts, fmt.Sprint(years[i]))
		} else {
			parts = append(parts, fmt.Sprintf("%d–%d", years[i], years[j]))
		}
		i = j + 1
	}
	return strings.Join(parts, ", ")
}

func unicode(domains []string) []string {
	var out []string
	for _, d := range domains {
		out = append(out, domain.Unicode(d))
	}
	return out
}

// marketBody is the listing history: one heading per edition, newest first.
func marketBody(m *model.Market) string {
	type item struct {
		year, order int
		text        string
	}
	var items []item
	for _, l := range m.Listings {
		var b strings.Builder
		e := l.Edition
		fmt.Fprintf(&b, "### %d: %s\n\n", e.Year, Escape(e.Publisher.Short+" "+e.Publisher.List))
		fmt.Fprintf(&b, "Reported in *%s* under “%s”%s. Published %s.\n\n", Escape(e.Title), Escape(l.Section), pageText(l.Page), e.PublishedText())
		b.WriteString(strings.TrimSpace(l.Summary) + "\n\n")
		b.WriteString(citation(e, l.Sources))
		items = append(items, item{e.Year, 0, b.String()})
	}
	for _, d := range m.Developments {
		var b strings.Builder
		e := d.Edition
		fmt.Fprintf(&b, "### %d: %s, positive development\n\n", e.Year, Escape(e.Publisher.Short+" "+e.Publisher.List))
		fmt.Fprintf(&b, "Named as a positive development in *%s*. Published %s.\n\n", Escape(e.Title), e.PublishedText())
		b.WriteString(strings.TrimSpace(d.Summary) + "\n\n")
		b.WriteString(citation(e, d.Sources))
		items = append(items, item{e.Year, 1, b.String()})
	}
	// newest first; within a year, listings before developments, in publisher order
	sort.SliceStable(items, func(i, j int) bool {
		if items[i].year != items[j].year {
			return items[i].year > items[j].year
		}
		return items[i].order < items[j].order
	})
	// The "Listing history" heading is the template's, in the reader's language.
	var b strings.Builder
	for _, it := range items {
		b.WriteString(it.text)
	}
	return b.String()
}

func pageText(page int) string {
	if page > 0 {
		return fmt.Sprintf(", page %d", page)
	}
	return ""
}

// citation links the official report and the sources read for one listing.
func citation(e *model.Edition, sources []string) string {
	var links []string
	for _, s := range sources {
		links = append(links, fmt.Sprintf("[%s](%s)", Escape(sourceName(s)), escapeURL(s)))
	}
	return fmt.Sprintf("Source: %s, [*%s*](%s) (%s). Read for this entry: %s.\n\n",
		Escape(e.Publisher.Name), Escape(e.Title), escapeURL(e.URL), e.PublishedText(), strings.Join(links, ", "))
}

// sourceName is a short label for a source URL: its host without "www.".
func sourceName(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return raw
	}
	return strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
}

// marketLink is a markdown link to a market page; the link render hook resolves the
// root-relative path against the base URL. (A relref shortcode per link made Hugo slow down
// quadratically on long year pages.)
func marketLink(m *model.Market) string {
	return fmt.Sprintf("[%s](/markets/%s/)", Escape(m.Name), m.Slug)
}

// azLetter is the heading a market is listed under on the A–Z page: the first letter of its name
// without accents (É under E), a digit, or "#" for anything else.
func azLetter(name string) string {
	s := slug.Make(name)
	switch {
	case s == "":
		return "#"
	case s[0] >= 'a' && s[0] <= 'z':
		return strings.ToUpper(s[:1])
	case s[0] >= '0' && s[0] <= '9':
		return s[:1]
	}
	return "#"
}
