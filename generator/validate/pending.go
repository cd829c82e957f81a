package validate

import (
	"net/url"
	"regexp"

	"github.com/notorious-markets-watch/nmw/generator/dataset"
)

var sha256Hex = regexp.MustCompile(`^[0-9a-f]{64}$`)

// report checks an edition's report: an https address (the import downloads only https), and
// where the import filled them in, the file's SHA-256 in lower-case hex and its page count.
func (c *checker) report(e *dataset.Edition) {
	r := e.Report
	if r == (dataset.Report{}) {
		return
	}
	if r.URL == "" {
		c.add(e.Pos.Problem("report.url", "is required when report is given: the report's official address"))
	} else if u, err := url.Parse(r.URL); err != nil || u.Scheme != "https" {
		c.add(e.Pos.Problem("report.url", "%q is not an https URL: give the report's official https address", r.URL))
	} else {
		c.url(e.Pos, "report.url", r.URL)
	}
	if r.SHA256 != "" && !sha256Hex.MatchString(r.SHA256) {
		c.add(e.Pos.Problem("report.sha256", "%q is not a SHA-256 in lower-case hex (64 characters); the import fills it in", r.SHA256))
	}
	if r.Pages < 0 {
		c.add(e.Pos.Problem("report.pages", "must be the report's number of pages (1 or more)"))
	}
	if r.PageOffset < 0 || r.Pages > 0 && r.PageOffset >= r.Pages {
		c.add(e.Pos.Problem("report.page_offset", "must be the number of PDF pages before the printed page 1 (0 or more, fewer than the pages)"))
	}
	if r.SHA256 != "" && r.Pages == 0 || r.SHA256 == "" && r.Pages != 0 {
		c.add(e.Pos.Problem("report.sha256", "and report.pages are filled in together by the import, from the file it read: give both or neither"))
	}
}

// pending checks a listing-only entry: its pages say "named under <section> on page N of the
// report", so it needs the page, and the report it cites first.
func (c *checker) pending(pos dataset.Pos, f string, en dataset.Entry) {
	if en.Page < 1 {
		c.add(pos.Problem(f+".page", "is required for an entry whose summary is pending: the pages link the report at that page"))
	}
}
