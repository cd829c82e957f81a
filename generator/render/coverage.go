package render

import (
	"fmt"
	"net/url"

	"github.com/notorious-markets-watch/nmw/generator/model"
	"github.com/notorious-markets-watch/nmw/generator/translation"
)

// coveragePage compares each edition's recorded headings with its official counts, then says
// what is missing from each partly recorded edition, with a link to report a missing listing;
// the coverage template writes both in the reader's language.
type coveragePage struct {
	Title       string         `json:"title"`
	Description string         `json:"description"`
	Type        string         `json:"type"`
	Params      coverageParams `json:"params"`
}

type coverageParams struct {
	Editions []coverageRow     `json:"editions"`
	Missing  []coverageMissing `json:"missing"`                    // newest first
	Pending  []coveragePending `json:"pending,omitempty,omitzero"` // newest first (pending.go)
	// Translations: per language, the summaries and notes translated up to date (issue 34).
	Translations []coverageTranslation `json:"translations"`
}

// coverageTranslation is how many of the data's summaries and notes one language has up to
// date, and how many of its translations are stale (their English changed since).
type coverageTranslation struct {
	Lang     string `json:"lang"`
	UpToDate int    `json:"up_to_date"`
	Stale    int    `json:"stale"`
	Total    int    `json:"total"`
}

// coverageMissing is what is missing from one edition: each section complete, or how many of
// its official count are not recorded (unknown when no count is published).
type coverageMissing struct {
	Publisher string            `json:"publisher"`
	Year      int               `json:"year"`
	Complete  bool              `json:"complete"`
	Sections  []coverageSection `json:"sections,omitempty,omitzero"`
	URL       string            `json:"url"`
	Form      string            `json:"form"` // IssueForm link to report a missing listing
}

// coverageSection is one section (online, physical) of a partly recorded edition.
type coverageSection struct {
	Kind     string `json:"kind"`
	Complete bool   `json:"complete"`
	Recorded int    `json:"recorded"`
	Official *int   `json:"official,omitempty,omitzero"`
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
	// Markets: the markets recorded under the headings, where headings group several (issue 26).
	Markets int `json:"markets,omitempty,omitzero"`
}

func coverage(site *model.Site) coveragePage {
	p := coveragePage{
		Title:       "Data coverage",
		Description: "How many of each edition's officially counted markets are recorded on this site.",
		Type:        "coverage",
		Params:      coverageParams{Editions: []coverageRow{}, Missing: []coverageMissing{}},
	}
	count := func(c model.Count) coverageCount {
		out := coverageCount{Recorded: c.Recorded, Official: c.Official}
		switch {
		case c.Official == nil:
			out.Recorded = c.Markets // nothing to count headings against: the markets recorded
		case c.Markets != c.Recorded:
			out.Markets = c.Markets
		}
		if c.Official != nil {
			pct := c.Percent()
			out.Percent = &pct
		}
		return out
	}
	cov := model.Coverage(site)
	for _, c := range cov {
		e := c.Edition
		p.Params.Editions = append(p.Params.Editions, coverageRow{
			Publisher: e.Publisher.Short, Year: e.Year, Published: e.Published,
			Online: count(c.Online), Physical: count(c.Physical), Total: count(c.Total),
		})
	}
	for i := len(cov) - 1; i >= 0; i-- {
		c := cov[i]
		e := c.Edition
		m := coverageMissing{Publisher: e.Publisher.Short, Year: e.Year, Complete: model.Complete(e), URL: linkURL(e.URL),
			Form: IssueForm("missing-listing.yml", fmt.Sprintf("Missing listing: %s %d", e.Publisher.Short, e.Year), "edition", fmt.Sprintf("%s %d", e.Publisher.Short, e.Year))}
		if !m.Complete {
			for _, s := range []struct {
				kind string
				c    model.Count
			}{{"online", c.Online}, {"physical", c.Physical}} {
				m.Sections = append(m.Sections, coverageSection{Kind: s.kind, Complete: model.SectionComplete(e, s.kind), Recorded: s.c.Recorded, Official: s.c.Official})
			}
		}
		p.Params.Missing = append(p.Params.Missing, m)
		if pe := pendingOf(e); len(pe.Entries) > 0 {
			p.Params.Pending = append(p.Params.Pending, pe)
		}
	}
	for _, c := range translation.Count(site.Set, site.Translations) {
		p.Params.Translations = append(p.Params.Translations, coverageTranslation{Lang: c.Lang, UpToDate: c.UpToDate, Stale: c.Stale, Total: c.Total})
	}
	return p
}

// IssueFormScheme starts a link to one of the repository's issue forms in generated markdown:
// the link hook (layouts/_markup/render-link.html) puts params.correctionURL in its place, so
// that setting stays the one a deployer changes.
const IssueFormScheme = "issue-form:"

// IssueForm returns a link to the issue form (a file in .github/ISSUE_TEMPLATE/) with the title
// and the fields given as name, value pairs pre-filled.
func IssueForm(form, title string, fields ...string) string {
	q := url.Values{"template": {form}, "title": {title}}
	for i := 0; i+1 < len(fields); i += 2 {
		q.Set(fields[i], fields[i+1])
	}
	return IssueFormScheme + "?" + q.Encode()
}
