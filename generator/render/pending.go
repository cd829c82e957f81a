package render

import (
	"fmt"

	"github.com/notorious-markets-watch/nmw/generator/model"
)

// pendingLink is the address of the report at a listing-only entry's page ("…/report.pdf#page=12",
// the PDF's page number: the printed one plus report.page_offset),
// which market and year pages link where the summary would be: "named under <section> on page
// N of the report; what the report said is not summarised here yet".
func pendingLink(l *model.Listing) string {
	u := linkURL(l.Edition.ReportURL())
	if u == "" || l.Page < 1 {
		return u
	}
	return fmt.Sprintf("%s#page=%d", u, l.Edition.PDFPage(l.Page))
}

// coveragePending is one edition's listing-only entries, listed on the coverage page as
// summaries for contributors to write.
type coveragePending struct {
	Publisher string      `json:"publisher"`
	Year      int         `json:"year"`
	Entries   []yearEntry `json:"entries"`
}

func pendingOf(e *model.Edition) coveragePending {
	p := coveragePending{Publisher: e.Publisher.Short, Year: e.Year}
	for _, ls := range [][]*model.Listing{e.Online, e.Physical} {
		for _, l := range ls {
			if l.Pending() {
				p.Entries = append(p.Entries, yearEntry{Name: l.Market.Name, Slug: l.Market.Slug, Section: l.Section, Page: l.Page, Pending: pendingLink(l)})
			}
		}
	}
	return p
}
