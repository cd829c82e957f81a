package render

import (
	"fmt"
	"github.com/gosimple/slug"
	"net/url"
	"strings"

	"github.com/notorious-markets-watch/nmw/generator/dataset"
	"github.com/notorious-markets-watch/nmw/generator/domain"
	"github.com/notorious-markets-watch/nmw/generator/mdhtml"
	"github.com/notorious-markets-watch/nmw/generator/model"
	"github.com/notorious-markets-watch/nmw/generator/place"
	"github.com/notorious-markets-watch/nmw/generator/translation"
)

type marketPage struct {
	Title       string       `json:"title"`
	Description string       `json:"description"`
	Categories  []string     `json:"categories"`
	Countries   []string     `json:"countries,omitempty,omitzero"`
	Cities      []string     `json:"cities,omitempty,omitzero"` // places.go
	Kinds       []string     `json:"kinds"`
	Statuses    []string     `json:"statuses"`
	Params      marketParams `json:"params"`
}

type marketParams struct {
	Kind        string   `json:"kind"`
	Letter      string   `json:"letter"`
	Aliases     []string `json:"aliases,omitempty,omitzero"`
	FormerNames []string `json:"former_names,omitempty,omitzero"`
	Country     string   `json:"country,omitempty,omitzero"`
	CountryName string   `json:"country_name,omitempty,omitzero"`
	City        string   `json:"city,omitempty,omitzero"`
	// The city's name in the site's other languages, where a source gives one (data/place-names.yaml).
	CityNames map[string]string `json:"city_names,omitempty"`
	Domains   domainsFront      `json:"domains,omitempty,omitzero"`
	Hosts     []hostFront       `json:"hosts,omitempty,omitzero"`
	Words     string            `json:"words,omitempty,omitzero"`
	// TrWords are, by language, the search words of the translated summaries that Words lacks (trwords.go).
	TrWords map[string]string `json:"tr_words,omitempty"`
	Current bool              `json:"current"`
	// LatestUnknown: on no latest edition as recorded, but a latest edition is too partly recorded to say.
	LatestUnknown bool          `json:"latest_unknown,omitempty"`
	Status        []statusFront `json:"status"`
	// Developments: for a market named only as a positive development, the lists that named it
	// and their years, for the description in every language.
	Developments []listYears   `json:"developments,omitempty,omitzero"`
	Listings     []listingRef  `json:"listings"`
	History      []historyItem `json:"history"`
	Timeline     timelineFront `json:"timeline"`
	// Responses are the responses concerning the market, for the check's answer (issue 36).
	Responses []checkResponse `json:"responses,omitempty,omitzero"`
	// Translated are the languages into which every summary of the history (responses too) is
	// translated: the page in them needs no notice that summaries are in English.
	Translated []string `json:"translated,omitempty"`
}

// historyItem is one entry of a market's listing history, newest first: what an edition
// reported, with its summary and sources. The market template writes the history in the
// reader's language around the summaries, which stay in English.
type historyItem struct {
	Year          int          `json:"year"`
	Publisher     string       `json:"publisher"`
	PublisherName string       `json:"publisher_name"`
	List          string       `json:"list"`
	Development   bool         `json:"development,omitempty,omitzero"`
	Absent        bool         `json:"absent,omitempty,omitzero"`   // a source says these editions did not list it (issue 26)
	Years         string       `json:"years,omitempty,omitzero"`    // an absence's editions' years
	Editions      []editionRef `json:"editions,omitempty,omitzero"` // an absence's editions
	Edition       string       `json:"edition,omitempty,omitzero"`
	URL           string       `json:"url,omitempty,omitzero"`
	Published     string       `json:"published,omitempty,omitzero"`
	Section       string       `json:"section,omitempty,omitzero"`
	Page          int          `json:"page,omitempty,omitzero"`
	Summary       string       `json:"summary,omitempty,omitzero"`      // markdown, when only Hugo renders it as the site does
	SummaryHTML   string       `json:"summary_html,omitempty,omitzero"` // else the summary as Hugo renders it (mdhtml)
	Pending       string       `json:"pending,omitempty,omitzero"`      // a listing-only entry: the report at its page (pending.go)
	// Tr are the summary's up-to-date translations, by language (translations.go).
	Tr      map[string]trText `json:"tr,omitempty,omitzero"`
	Sources []sourceRef       `json:"sources"`
	// Responses answer the edition of this item, shown beside it (issue 36); an item with
	// Response set holds only responses, for an edition that has no other item here.
	Responses []responseFront `json:"responses,omitempty,omitzero"`
	Response  bool            `json:"response,omitempty,omitzero"`
	edition   *model.Edition  // the edition of a listing or development, which responses answer
}

// sourceRef is a source read for an entry: its address and the short name shown for it.
type sourceRef struct {
	Name string `json:"name"`
	URL  string `json:"url"`
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
	Latest    string `json:"latest"` // the market's state in the list's latest edition: listed, not-listed or unknown
	// Since, SinceComplete and LatestYear let the templates say Text in other languages.
	Since         int  `json:"since"`
	SinceComplete bool `json:"since_complete"`
	LatestYear    int  `json:"latest_year"`
	// LatestSources: where a source (not the edition's coverage) says the latest edition does
	// not list the market, those sources (issue 26).
	LatestSources []sourceRef `json:"latest_sources,omitempty,omitzero"`
}

// listYears is a list and the years of its editions that named a market.
type listYears struct {
	Publisher string `json:"publisher"`
	List      string `json:"list"`
	YearsText string `json:"years_text"`
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
	StatusCurrent    = "on-a-current-list"
	StatusFormer     = "formerly-listed"
	StatusUnrecorded = "not-recorded-in-latest" // listed before; a latest edition too partly recorded to say
)

func marketFront(site *model.Site, m *model.Market, categoryLabels map[string]string) marketPage {
	p := marketPage{
		Title:      m.Name,
		Categories: append([]string{}, m.Categories...), // [] where no source states one (categories_not_stated)
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
			CityNames:   cityNames(site, m.Country, m.City),
			Domains: domainsFront{
				Current: unicode(m.Domains.Current),
				Former:  unicode(m.Domains.Former),
				Mirrors: unicode(m.Domains.Mirrors),
			},
			Hosts:         hosts(m),
			Words:         summaryWords(m, categoryLabels),
			Current:       m.Current(),
			LatestUnknown: m.LatestUnknown(),
			History:       marketHistory(site, m),
			Timeline:      timeline(site, m),
			Responses:     checkResponses(site, m),
		},
	}
	p.Params.TrWords = translatedWords(site, m, p.Params.Words)
	if m.Country != "" {
		p.Countries = []string{strings.ToLower(m.Country)}
	}
	p.Cities = marketCities(m)
	switch {
	case len(m.Statuses) == 0:
		p.Statuses = []string{} // named only as a positive development: never listed, so not "formerly listed"
	case m.Current():
		p.Statuses = []string{StatusCurrent}
	case m.LatestUnknown():
		p.Statuses = []string{StatusUnrecorded}
	}
	for _, s := range m.Statuses {
		p.Params.Status = append(p.Params.Status, statusFront{
			Publisher: s.Publisher.Short, List: s.Publisher.List, Current: s.Current,
			First: s.Years[0], Last: s.Last.Year, Years: s.Years, YearsText: yearRanges(s.Years), Text: s.Text(), Latest: s.Latest.String(),
			Since: s.Since, SinceComplete: s.SinceComplete, LatestYear: s.Publisher.Latest().Year,
			LatestSources: latestSources(s.Publisher.Latest(), m),
		})
	}
	for _, l := range m.Listings {
		p.Params.Listings = append(p.Params.Listings, listingRef{
			Publisher: l.Edition.Publisher.Short, Year: l.Edition.Year, Edition: l.Edition.Title,
			Section: l.Section, Page: l.Page,
		})
	}
	var summaries []map[string]trText
	for _, h := range p.Params.History {
		if h.Pending == "" && !h.Response {
			summaries = append(summaries, h.Tr)
		}
		for _, r := range h.Responses {
			summaries = append(summaries, r.Tr)
		}
	}
	p.Params.Translated = translatedIn(summaries)
	if len(m.Statuses) == 0 {
		p.Params.Developments = developmentLists(m)
	}
	p.Description = marketDescription(m)
	return p
}

// marketDescription is the summary used for previews and search results: the lists and years
// that reported the market, or the lists that named it only as a positive development, and its
// status. Translated pages build theirs from the same front matter
// (layouts/_partials/i18n/market-desc.html).
func marketDescription(m *model.Market) string {
	where := ""
	if m.Country != "" {
		where = " in " + place.Location(m.City, m.Country)
	}
	kind := "An online market"
	if m.Kind == dataset.Physical {
		kind = "A physical market"
	}
	if len(m.Statuses) == 0 {
		var lists []string
		for _, l := range developmentLists(m) {
			lists = append(lists, fmt.Sprintf("the %s %s (%s)", l.Publisher, l.List, l.YearsText))
		}
		return fmt.Sprintf("%s%s named only as a positive development in %s.", kind, where, strings.Join(lists, " and "))
	}
	var lists []string
	unknown := 0
	for _, s := range m.Statuses {
		lists = append(lists, fmt.Sprintf("the %s %s (%s)", s.Publisher.Short, s.Publisher.List, yearRanges(s.Years)))
		if s.Latest == model.Unknown {
			unknown++
		}
	}
	status := "Formerly listed."
	switch {
	case m.Current():
		status = "On a current list."
	case m.LatestUnknown() && unknown == 1:
		status = "It may still be listed: the latest edition is only partly recorded here."
	case m.LatestUnknown():
		status = "It may still be listed: the latest editions are only partly recorded here."
	}
	return fmt.Sprintf("%s%s reported on %s. %s", kind, where, strings.Join(lists, " and "), status)
}

// developmentLists are the lists that named a market as a positive development, with their
// years, in the order of the first development.
func developmentLists(m *model.Market) []listYears {
	var order []*model.Publisher
	years := map[*model.Publisher][]int{}
	for _, d := range m.Developments {
		p := d.Edition.Publisher
		if _, ok := years[p]; !ok {
			order = append(order, p)
		}
		if ys := years[p]; len(ys) == 0 || ys[len(ys)-1] != d.Edition.Year {
			years[p] = append(ys, d.Edition.Year)
		}
	}
	var out []listYears
	for _, p := range order {
		out = append(out, listYears{Publisher: p.Short, List: p.List, YearsText: yearRanges(years[p])})
	}
	return out
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

// marketHistory is the listing history: one item per listing and positive development,
// and sourced absence, newest first; within a year, listings before absences before
// developments, in publisher order.
func marketHistory(site *model.Site, m *model.Market) []historyItem {
	var items []historyItem
	item := func(e *model.Edition, kind translation.Kind, summary string, sources []string) historyItem {
		h := historyItem{
			Year: e.Year, Publisher: e.Publisher.Short, PublisherName: e.Publisher.Name, List: e.Publisher.List,
			Edition: e.Title, URL: linkURL(e.URL), Published: e.Published, Sources: sourceRefs(sources),
		}
		t := rendered(summary, mdhtml.Block)
		h.Summary, h.SummaryHTML = t.Summary, t.SummaryHTML
		h.Tr = translations(site, translation.Ref{Kind: kind, Edition: e.ID(), Key: m.Slug}, summary, mdhtml.Block)
		return h
	}
	for _, l := range m.Listings {
		h := item(l.Edition, translation.Entries, l.Summary, l.Sources)
		h.Section, h.Page, h.edition = l.Section, l.Page, l.Edition
		if l.Pending() {
			h.Summary, h.SummaryHTML, h.Pending, h.Tr = "", "", pendingLink(l), nil
		}
		items = append(items, h)
	}
	for _, d := range m.Developments {
		h := item(d.Edition, translation.Developments, d.Summary, d.Sources)
		h.Development, h.edition = true, d.Edition
		items = append(items, h)
	}
	items = append(items, absenceHistory(site, m)...)
	items = withResponses(site, items, m)
	sortHistory(items)
	return items
}

// linkURL is a validated URL as a link's address: characters an address may not hold (spaces,
// non-ASCII in the path) percent-encoded, as the markdown links the pages had before did.
func linkURL(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return ""
	}
	return u.String()
}

// sourceName is a short label for a source URL: its host without "www.".
func sourceName(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return raw
	}
	return strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
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
