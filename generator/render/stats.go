package render

import (
	"cmp"
	"fmt"
	"strconv"
	"strings"

	"github.com/notorious-markets-watch/nmw/generator/model"
	"github.com/notorious-markets-watch/nmw/generator/place"
	"github.com/notorious-markets-watch/nmw/generator/translation"
)

// The charts are drawn by Hugo partials (layouts/_partials/chart/) from numbers written here
// into front matter: the generator decides every number, the templates only draw them, and the
// same numbers fill each chart's table.

// A market's timeline has one row per list and one cell per edition. Every cell any market can
// have (a list's edition in one of the states, named as a positive development or not) is laid
// out once, in the markets section's front matter (timelineCells); a market's page names its
// cells by key (timelineFront.Cells), and the templates draw each cell once per language and
// reuse it on every page.

// timelineFront is a market's timeline.
type timelineFront struct {
	First  int    `json:"first"`
	Last   int    `json:"last"`
	Width  int    `json:"width"`
	Height int    `json:"height"`
	Cells  string `json:"cells"` // what to draw, in order: keys of timelineCells, separated by KeySep
	// Legend is timeline.svg's legend: each state shown, in order of first appearance.
	Legend []legendItem  `json:"legend"`
	Star   bool          `json:"star,omitempty,omitzero"` // a cell is named as a positive development
	Rows   []timelineRow `json:"rows"`
	// Absences are the cells a source says are not listed, with those sources (issue 26).
	Absences []absenceFront `json:"absences,omitempty,omitzero"`
	// Responses says the market has responses, so the table shows their column (issue 36).
	Responses bool `json:"responses,omitempty,omitzero"`
}

// KeySep separates the keys of a market's timeline cells.
const KeySep = "\x1f"

// Keys of timelineCells' parts other than cells.
const (
	keyYears = "years"
	keyRow   = "row "
)

type legendItem struct {
	State string `json:"state"`
	Mark  string `json:"mark,omitempty,omitzero"`
}

// timelineRow is a list's row: the years in each state, for the timeline's table and description.
type timelineRow struct {
	Publisher string `json:"publisher"`
	List      string `json:"list"`
	Listed    string `json:"listed"`
	Returning string `json:"returning"`
	Dropped   string `json:"dropped"`
	Unknown   string `json:"unknown"` // editions too partly recorded to say
	Developed string `json:"developed"`
	// Responded: the years of the list's editions that a response answers (issue 36); the
	// table has its column only where the market has a response (timelineFront.Responses).
	Responded string `json:"responded,omitempty,omitzero"`
}

// timelineCells lays out every part a market's timeline can draw.
type timelineCells struct {
	Years []timelineLabel `json:"years"`
	Rows  []rowLabel      `json:"rows"`
	Cells []cellLayout    `json:"cells"`
}

type timelineLabel struct {
	X    int `json:"x"`
	Year int `json:"year"`
}

type rowLabel struct {
	Key       string `json:"key"`
	Publisher string `json:"publisher"`
	Y         int    `json:"y"`
}

// cellLayout is a cell: its key is also its title's key in the titles of each language
// (layouts/_partials/chart/timeline-titles.html).
type cellLayout struct {
	Key         string `json:"key"`
	Publisher   string `json:"publisher"`
	Year        int    `json:"year"`
	State       string `json:"state"`
	Development bool   `json:"development,omitempty,omitzero"`
	X           int    `json:"x"`
	Y           int    `json:"y"`
	Mark        string `json:"mark,omitempty,omitzero"` // ↺, × or ? (not recorded); a development is starred
}

// The timeline's geometry, in SVG units.
const (
	tlCol, tlLeft, tlRowH, tlGap, tlTop = 40, 44, 24, 8, 18
)

// tlStates are the states a cell can be in.
var tlStates = []string{model.CellNew, model.CellListed, model.CellReturning, model.CellDropped, model.CellAbsent, model.CellUnknown}

func cellKey(publisher string, year int, state string, development bool) string {
	return fmt.Sprintf("%s %d %s %t", publisher, year, state, development)
}

func cellMark(state string, development bool) string {
	switch {
	case state == model.CellReturning:
		return "↺"
	case state == model.CellDropped && !development:
		return "×"
	case state == model.CellUnknown && !development:
		return "?"
	}
	return ""
}

// allTimelineCells lays out the parts of every market's timeline.
func allTimelineCells(site *model.Site) timelineCells {
	first, last := site.YearSpan()
	var t timelineCells
	for y := first; y <= last; y++ {
		t.Years = append(t.Years, timelineLabel{X: tlLeft + (y-first)*tlCol + tlCol/2, Year: y})
	}
	i := 0
	for _, p := range site.Publishers {
		if len(p.Editions) == 0 {
			continue // as model.Timeline
		}
		top := tlTop + i*(tlRowH+tlGap)
		t.Rows = append(t.Rows, rowLabel{Key: keyRow + p.Short, Publisher: p.Short, Y: top + 16})
		for _, e := range p.Editions {
			for _, state := range tlStates {
				for _, dev := range []bool{false, true} {
					t.Cells = append(t.Cells, cellLayout{
						Key: cellKey(p.Short, e.Year, state, dev), Publisher: p.Short, Year: e.Year, State: state,
						Development: dev, X: tlLeft + (e.Year-first)*tlCol + 3, Y: top, Mark: cellMark(state, dev),
					})
				}
			}
		}
		i++
	}
	return t
}

func timeline(site *model.Site, m *model.Market) timelineFront {
	first, last := site.YearSpan()
	t := timelineFront{First: first, Last: last, Width: tlLeft + (last-first+1)*tlCol}
	keys := []string{keyYears}
	seen := map[string]bool{}
	for _, r := range m.Timeline(site) {
		row := timelineRow{Publisher: r.Publisher.Short, List: r.Publisher.List}
		keys = append(keys, keyRow+r.Publisher.Short)
		var listed, returning, dropped, unknown, developed []string
		for _, c := range r.Cells {
			year := c.Edition.Year
			keys = append(keys, cellKey(r.Publisher.Short, year, c.State, c.Development))
			if !seen[c.State] {
				seen[c.State] = true
				t.Legend = append(t.Legend, legendItem{State: c.State, Mark: cellMark(c.State, false)}) // the state's own mark, whatever the first cell's star
			}
			t.Star = t.Star || c.Development
			switch c.State {
			case model.CellNew, model.CellListed, model.CellReturning:
				listed = append(listed, strconv.Itoa(year))
			}
			if c.State == model.CellReturning {
				returning = append(returning, strconv.Itoa(year))
			}
			if c.State == model.CellDropped {
				dropped = append(dropped, strconv.Itoa(year))
			}
			if c.State == model.CellUnknown {
				unknown = append(unknown, strconv.Itoa(year))
			}
			if c.Development {
				developed = append(developed, strconv.Itoa(year))
			}
		}
		row.Listed = cmp.Or(strings.Join(listed, ", "), "never")
		if len(listed) == 0 && len(unknown) > 0 {
			row.Listed = "none recorded"
		}
		row.Unknown = cmp.Or(strings.Join(unknown, ", "), "–")
		row.Returning = cmp.Or(strings.Join(returning, ", "), "–")
		row.Dropped = cmp.Or(strings.Join(dropped, ", "), "–")
		row.Developed = cmp.Or(strings.Join(developed, ", "), "–")
		row.Responded = respondedYears(m, r.Publisher)
		t.Rows = append(t.Rows, row)
	}
	t.Height = tlTop + len(t.Rows)*(tlRowH+tlGap)
	t.Cells = strings.Join(keys, KeySep)
	t.Absences = absences(m)
	t.Responses = len(m.Responses) > 0
	return t
}

type statsPage struct {
	Title       string      `json:"title"`
	Description string      `json:"description"`
	Type        string      `json:"type"`
	Outputs     []string    `json:"outputs"`
	Params      statsParams `json:"params"`
}

type statsParams struct {
	First        int               `json:"first"`
	Last         int               `json:"last"`
	Lists        []listFront       `json:"lists"`
	Countries    []seriesFront     `json:"countries"`
	Categories   []seriesFront     `json:"categories"`
	Longest      []tenureFront     `json:"longest"`
	Developments []developmentItem `json:"developments"`
	// Absences: editions that sources say did not list a market, with those sources (issue 26).
	Absences []statsAbsence `json:"absences"`
}

// statsAbsence is one market's sourced absence from a list's editions.
type statsAbsence struct {
	Market string `json:"market"`
	Name   string `json:"name"`
	absenceFront
}

// listFront is one publisher's list with every edition's facts, oldest first.
type listFront struct {
	Publisher string         `json:"publisher"`
	List      string         `json:"list"`
	Editions  []editionFront `json:"editions"`
}

// seriesFront is one row of a by-year chart: distinct markets listed per year.
type seriesFront struct {
	Key    string `json:"key"`
	Label  string `json:"label"`
	Counts []int  `json:"counts"`
	Total  int    `json:"total"`
	// Others is, on the row "other", how many countries it adds up. The templates say the
	// rows "other" and "none" in the reader's language; Label is their English for the JSON.
	Others int `json:"others,omitempty"`
}

type tenureFront struct {
	Market   string         `json:"market"`
	Name     string         `json:"name"`
	Editions []tenureByList `json:"editions"`
	Total    int            `json:"total"`
	First    int            `json:"first"`
	Last     int            `json:"last"`
}

type tenureByList struct {
	Publisher string `json:"publisher"`
	Count     int    `json:"count"`
}

type developmentItem struct {
	Year      int    `json:"year"`
	Publisher string `json:"publisher"`
	Edition   string `json:"edition"`
	Market    string `json:"market"`
	Name      string `json:"name"`
	Summary   string `json:"summary"`
	// Tr are the summary's up-to-date translations (markdown), by language.
	Tr map[string]string `json:"summary_translations,omitempty,omitzero"`
}

// Chart sizes: how many rows the country and longest-listed charts show.
const (
	topCountries = 12
	topLongest   = 15
)

func stats(site *model.Site) statsPage {
	first, last := site.YearSpan()
	p := statsPage{
		Title:       "Statistics",
		Description: "The watchlists in numbers: markets per edition, by country and by category over time, the longest-listed markets and the positive developments the reports name.",
		Type:        "statistics",
		Outputs:     []string{"html", "json"},
		Params:      statsParams{First: first, Last: last},
	}
	for _, pub := range site.Publishers {
		if len(pub.Editions) == 0 {
			continue
		}
		l := listFront{Publisher: pub.Short, List: pub.List}
		for _, e := range pub.Editions {
			l.Editions = append(l.Editions, editionFacts(site, e))
		}
		p.Params.Lists = append(p.Params.Lists, l)
	}
	p.Params.Countries = countries(site.ByCountry(), first, last)
	for _, s := range site.ByCategory() {
		label := s.Key
		if c := site.Set.Category(s.Key); c != nil {
			label = c.Label
		}
		p.Params.Categories = append(p.Params.Categories, seriesFront{Key: s.Key, Label: label, Counts: s.Counts, Total: s.Total})
	}
	for _, t := range site.Longest(topLongest) {
		f := tenureFront{Market: t.Market.Slug, Name: t.Market.Name, Total: t.Total, First: t.First, Last: t.Last}
		for i, n := range t.Editions {
			f.Editions = append(f.Editions, tenureByList{Publisher: site.Publishers[i].Short, Count: n})
		}
		p.Params.Longest = append(p.Params.Longest, f)
	}
	p.Params.Absences = []statsAbsence{}
	for _, m := range site.Markets {
		for _, a := range absences(m) {
			p.Params.Absences = append(p.Params.Absences, statsAbsence{Market: m.Slug, Name: m.Name, absenceFront: a})
		}
	}
	for _, d := range site.Developments() {
		p.Params.Developments = append(p.Params.Developments, developmentItem{
			Year: d.Edition.Year, Publisher: d.Edition.Publisher.Short, Edition: d.Edition.Title,
			Market: d.Market.Slug, Name: d.Market.Name, Summary: strings.TrimSpace(d.Summary),
			Tr: trimmed(site.Translations.Texts(translation.Ref{Kind: translation.Developments, Edition: d.Edition.ID(), Key: d.Market.Slug}, d.Summary)),
		})
	}
	return p
}

// trimmed returns texts with their spaces trimmed, as summaries are shown.
func trimmed(texts map[string]string) map[string]string {
	for k, v := range texts {
		texts[k] = strings.TrimSpace(v)
	}
	return texts
}

// countries keeps the largest countries as rows, then one row for the rest and one for markets
// the data places in no country.
func countries(rows []model.Series, first, last int) []seriesFront {
	var out []seriesFront
	other := seriesFront{Key: "other", Counts: make([]int, last-first+1)}
	var unknown *seriesFront
	n := 0
	for _, s := range rows {
		switch {
		case s.Key == "":
			unknown = &seriesFront{Key: "none", Label: "No country stated", Counts: s.Counts, Total: s.Total}
		case len(out) < topCountries:
			out = append(out, seriesFront{Key: strings.ToLower(s.Key), Label: place.CountryName(s.Key), Counts: s.Counts, Total: s.Total})
		default:
			// each market has one country, so the rest's counts add up without double counting
			n++
			for i, c := range s.Counts {
				other.Counts[i] += c
			}
			other.Total += s.Total
		}
	}
	if n > 0 {
		other.Others = n
		other.Label = fmt.Sprintf("%d other countries", n)
		if n == 1 {
			other.Label = "1 other country"
		}
		out = append(out, other)
	}
	if unknown != nil {
		out = append(out, *unknown)
	}
	return out
}
