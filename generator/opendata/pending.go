package opendata

import (
	"fmt"
	"strings"

	"github.com/notorious-markets-watch/nmw/generator/model"
)

// summary is a listing's summary for the open data: its own, or for a listing-only entry the
// sentence the pages show in its place (in English), with the report's address at its page.
func summary(l *model.Listing) string {
	if !l.Pending() {
		return strings.TrimSpace(l.Summary)
	}
	return fmt.Sprintf("Named under “%s” on page %d of the report (%s#page=%d); what the report said is not summarised here yet.",
		l.Section, l.Page, l.Edition.ReportURL(), l.Edition.PDFPage(l.Page))
}
