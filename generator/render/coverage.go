package render

import (
	"fmt"
	"strings"

	"github.com/notorious-markets-watch/nmw/generator/model"
)

// coverageBody is a table of each edition's recorded entries against its official counts.
func coverageBody(site *model.Site) string {
	var b strings.Builder
	b.WriteString("The reports are PDFs, and not every edition could be read in full. This table compares, for each edition, the markets recorded on this site with the official counts, where a source gives them. A market missing from an edition here may still be on that edition's list.\n\n")
	b.WriteString("| Edition | Published | Online | Physical | Total |\n|---|---|---|---|---|\n")
	for _, c := range model.Coverage(site) {
		e := c.Edition
		fmt.Fprintf(&b, "| [%s %d](/years/%d/) | %s | %s | %s | %s |\n",
			Escape(e.Publisher.Short), e.Year, e.Year, e.PublishedText(), coverageCell(c.Online), coverageCell(c.Physical), coverageCell(c.Total))
	}
	b.WriteString("\nEach cell reads *recorded of official*. “Not given” means no source we read states an official count. Recorded numbers can exceed an official count when the report groups several sites under one heading that we record separately.\n")
	return b.String()
}

func coverageCell(c model.Count) string {
	if c.Official == nil {
		return fmt.Sprintf("%d of official count not given", c.Recorded)
	}
	return fmt.Sprintf("%d of %d (%d%%)", c.Recorded, *c.Official, c.Percent())
}
