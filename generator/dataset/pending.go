package dataset

// Report is the edition's report as `generator import` read it: its official address, and
// the SHA-256 and page count of the file downloaded from it. The address alone is valid
// (set by hand from a source that gives it); the import fills in the hash and pages.
type Report struct {
	URL    string `yaml:"url"`
	SHA256 string `yaml:"sha256"`
	Pages  int    `yaml:"pages"`
	// PageOffset is the number of PDF pages before the printed page 1: an entry's page N is
	// the PDF's page N+PageOffset, which links to the report at a page (#page=) open.
	PageOffset int `yaml:"page_offset"`
}

// SummaryPending is the summary of a listing-only entry: `generator import -listing-only`
// writes it for a market the report names that nobody has summarised yet. Validation accepts
// it (unlike SummaryPlaceholder) in an entry with a page, and the pages say that the market is
// named in that section on that page of the report, not what the report said of it.
const SummaryPending = "PENDING(listing-only): named in the report; summary not written yet"

// Pending reports whether the entry's summary is still to be written (a listing-only entry).
func (e *Entry) Pending() bool { return e.Summary == SummaryPending }

// ReportURL is the address of the edition's report: report.url where set, else url.
func (e *Edition) ReportURL() string {
	if e.Report.URL != "" {
		return e.Report.URL
	}
	return e.URL
}

// PDFPage is the PDF's page number of the report's printed page n.
func (e *Edition) PDFPage(n int) int { return n + e.Report.PageOffset }
