package render

import (
	"github.com/notorious-markets-watch/nmw/generator/model"
)

// coveragePage compares each edition's recorded entries with its official counts; the
// coverage template writes the table in the reader's language.
type coveragePage struct {
	Title       string         `json:"title"`
	Description string         `json:"description"`
	Type        string         `json:"type"`
	Params      coverageParams `json:"params"`
}

type coverageParams struct {
	Editions []coverageRow `json:"editions"`
}

// coverageRow is one edition: recorded and official counts of its online, physical and all
// markets.
type coverageRow struct {
	Publisher string        `json:"publisher"`
	Year      int           `json:"year"`
	Published string        `json:"published"`
	Online    coverageCount `json:"online"`
	Physical  coverageCount `json:"physical"`
	Total     coverageCount `json:"total"`
}

// coverageCount is a count as recorded here, and officially where a source gives it (then
// with the recorded share in percent).
type coverageCount struct {
	Recorded int  `json:"recorded"`
	Official *int `json:"official,omitempty,omitzero"`
	Percent  *int `json:"percent,omitempty,omitzero"`
}

func coverage(site *model.Site) coveragePage {
	p := coveragePage{
		Title:       "Data coverage",
		Description: "How many of each edition's officially counted markets are recorded on this site.",
		Type:        "coverage",
		Params:      coverageParams{Editions: []coverageRow{}},
	}
	count := func(c model.Count) coverageCount {
		out := coverageCount{Recorded: c.Recorded, Official: c.Official}
		if c.Official != nil {
			pct := c.Percent()
			out.Percent = &pct
		}
		return out
	}
	for _, c := range model.Coverage(site) {
		e := c.Edition
		p.Params.Editions = append(p.Params.Editions, coverageRow{
			Publisher: e.Publisher.Short, Year: e.Year, Published: e.Published,
			Online: count(c.Online), Physical: count(c.Physical), Total: count(c.Total),
		})
	}
	return p
}
