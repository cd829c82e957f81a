package importer

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/url"
	"os"
	"strings"

	"github.com/notorious-markets-watch/nmw/generator/dataset"
	"github.com/notorious-markets-watch/nmw/generator/importer/fetch"
	"github.com/notorious-markets-watch/nmw/generator/importer/report"
)

// readable returns a file to read the report from: the file given, or the report downloaded
// from the address given (into fetch's cache; taken from it when the edition in data/ records
// that address and a hash the cache holds). It returns the PDF's SHA-256 ("" for a text) and
// the report's address: where it came from, or ReportURL for a copy (a file, or a download
// from another address) of the report at ReportURL; "" for a file of no known address.
func readable(set *dataset.Set, opt Options) (path, sum, from string, err error) {
	from = opt.ReportURL
	if u, err := url.Parse(from); from != "" && (err != nil || u.Scheme != "https" || u.Host == "") {
		return "", "", "", fmt.Errorf("%s: the report's official address must be an https URL", from)
	}
	if strings.Contains(opt.Report, "://") {
		if from == "" {
			from = opt.Report
		}
		want := ""
		for _, e := range set.Editions {
			if e.ID() == opt.Edition && e.Report.URL == from {
				want = e.Report.SHA256
			}
		}
		r, err := fetch.Get(context.Background(), opt.Report, want, opt.Fetch)
		if err != nil {
			return "", "", "", err
		}
		return r.Path, r.SHA256, from, nil
	}
	if from != "" {
		// A copy of the report at a known address: checked as a download is.
		r, err := fetch.Local(opt.Report, opt.Fetch)
		if err != nil {
			return "", "", "", err
		}
		return r.Path, r.SHA256, from, nil
	}
	b, err := os.ReadFile(opt.Report)
	if err != nil {
		return "", "", "", err
	}
	if !bytes.HasPrefix(b, []byte("%PDF-")) {
		return opt.Report, "", "", nil
	}
	h := sha256.Sum256(b)
	return opt.Report, hex.EncodeToString(h[:]), "", nil
}

// reportRef is the edition's report: the address it was downloaded from, else the one data/
// records; with the hash and page count of the PDF read.
func (d *draft) reportRef(old *dataset.Edition) *reportRef {
	ref := &reportRef{URL: d.res.ReportURL}
	if ref.URL == "" && old != nil {
		ref.URL = old.Report.URL
	}
	if ref.URL == "" {
		if d.res.ReportSHA256 != "" {
			d.note("edition: report: the file read is not recorded (no address): import from the report's official https address to record report.url, sha256 and pages")
		}
		return nil
	}
	if d.res.ReportSHA256 != "" {
		ref.SHA256, ref.Pages, ref.PageOffset = d.res.ReportSHA256, d.rep.Pages, d.rep.PageOffset
		if old != nil && old.Report.SHA256 != "" && old.Report.SHA256 != ref.SHA256 {
			d.note(fmt.Sprintf("edition: report: the file read has SHA-256 %s; data/ records %s: the report at that address has changed, compare the two", ref.SHA256, old.Report.SHA256))
		}
	}
	return ref
}

// counts fills the edition's counts from the report's own words where data/ has none, and
// notes where they differ from data/'s.
func (d *draft) counts(e *edition, old *dataset.Edition) {
	c := d.rep.Counts
	if c == nil {
		return
	}
	src := e.URL
	if e.Report != nil {
		src = e.Report.URL
	}
	if e.Counts.Online == nil && e.Counts.Physical == nil && e.Counts.Total == nil {
		on, ph := c.Online, c.Physical
		e.Counts = counts{Online: &on, Physical: &ph, Source: src}
		d.note(fmt.Sprintf("counts: online %d and physical %d read from the report's words %q (page %d): check them", c.Online, c.Physical, c.Phrase, c.Page))
		return
	}
	if e.Counts.Online != nil && *e.Counts.Online != c.Online || e.Counts.Physical != nil && *e.Counts.Physical != c.Physical {
		d.note(fmt.Sprintf("counts: the report says %q (page %d); data/ has online %s, physical %s (kept): check which is right",
			c.Phrase, c.Page, show(e.Counts.Online), show(e.Counts.Physical)))
	}
}

func show(n *int) string {
	if n == nil {
		return "not given"
	}
	return fmt.Sprint(*n)
}

// summarised reports whether the edition in data/ already has a development, with a
// summary, for the report's market.
func (d *draft) summarised(old *dataset.Edition, rm report.Market) bool {
	m := d.match(rm)
	if old == nil || m == nil {
		return false
	}
	for _, x := range old.Developments {
		if x.Market == m.Slug && x.Summary != "" {
			return true
		}
	}
	return false
}
