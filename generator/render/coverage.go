package render

import (
	"fmt"
	"net/url"
	"strings"

	"github.com/notorious-markets-watch/nmw/generator/model"
)

// coverageBody is a table of each edition's recorded entries against its official counts, then
// what is missing from each partly recorded edition, with a link to report a missing listing.
func coverageBody(site *model.Site) string {
	var b strings.Builder
	b.WriteString("The reports are PDFs, and not every edition could be read in full. This table compares, for each edition, the markets recorded on this site with the official counts, where a source gives them. **A market missing from a partly recorded edition here may still be on that edition's list**: the site then shows it as *not recorded*, never as *not listed*.\n\n")
	b.WriteString("| Edition | Published | Online | Physical | Total |\n|---|---|---|---|---|\n")
	cov := model.Coverage(site)
	for _, c := range cov {
		e := c.Edition
		fmt.Fprintf(&b, "| [%s %d](/years/%d/) | %s | %s | %s | %s |\n",
			Escape(e.Publisher.Short), e.Year, e.Year, e.PublishedText(), coverageCell(c.Online), coverageCell(c.Physical), coverageCell(c.Total))
	}
	b.WriteString("\nEach cell reads *recorded of official*. “Official count not published” means no source we could read states one, so we cannot say how many are missing. Recorded numbers can exceed an official count when the report groups several sites under one heading that we record separately.\n\n")
	b.WriteString("## What is missing\n\n")
	b.WriteString("Newest first. If you have a report, you can help complete it: each edition links a form that asks for the market, the section or page and the source.\n\n")
	for i := len(cov) - 1; i >= 0; i-- {
		c := cov[i]
		e := c.Edition
		if model.Complete(e) {
			fmt.Fprintf(&b, "- **%s %d**: complete, every market recorded.\n", Escape(e.Publisher.Short), e.Year)
			continue
		}
		var parts []string
		for _, s := range []struct {
			name string
			c    model.Count
			kind string
		}{{"online", c.Online, "online"}, {"physical", c.Physical, "physical"}} {
			switch {
			case model.SectionComplete(e, s.kind):
				parts = append(parts, fmt.Sprintf("%s complete", s.name))
			case s.c.Official == nil:
				parts = append(parts, fmt.Sprintf("%s: %d recorded, number missing unknown", s.name, s.c.Recorded))
			default:
				parts = append(parts, fmt.Sprintf("%s: %d of %d missing", s.name, *s.c.Official-s.c.Recorded, *s.c.Official))
			}
		}
		fmt.Fprintf(&b, "- **%s %d**: %s. [Read the report](%s) · [add a missing listing](%s)\n",
			Escape(e.Publisher.Short), e.Year, strings.Join(parts, "; "), escapeURL(e.URL), IssueForm("missing-listing.yml", fmt.Sprintf("Missing listing: %s %d", e.Publisher.Short, e.Year), "edition", fmt.Sprintf("%s %d", e.Publisher.Short, e.Year)))
	}
	return b.String()
}

// coverageCell says a section's count in words: "13 of 37 (35%)", or "16 recorded; official
// count not published".
func coverageCell(c model.Count) string {
	if c.Official == nil {
		return fmt.Sprintf("%d recorded; official count not published", c.Recorded)
	}
	return fmt.Sprintf("%d of %d (%d%%)", c.Recorded, *c.Official, c.Percent())
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
