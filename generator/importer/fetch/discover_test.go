package fetch_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/notorious-markets-watch/nmw/generator/importer/fetch"
)

// officialPage is an agency's page listing several years' reports among decoys: the 2023
// review, the same year's fact sheet and Special 301 report, other years, a page that is not a
// PDF, and copies of the 2023 review on other sites.
const officialPage = `<!doctype html><html><head><title>Notorious Markets List</title></head><body>
<nav><a href="/">Home</a> <a href="https://docslib.example.org/2023-review-of-notorious-markets.pdf">2023 Review of Notorious Markets (mirror)</a></nav>
<ul>
<li><a href="/sites/default/files/2024%20Review%20of%20Notorious%20Markets%20for%20Counterfeiting%20and%20Piracy.pdf">2024 Review of Notorious Markets for Counterfeiting and Piracy</a>
<li><a href="/sites/default/files/2023%20Notorious%20Markets%20List%20Fact%20Sheet.pdf">2023 Notorious Markets List Fact Sheet</a>
<li><a href="/sites/default/files/files/Press/Releases/2024/2023%20Review%20of%20Notorious%20Markets%20for%20Counterfeiting%20and%20Piracy%20(final).pdf">2023 Review of Notorious Markets for <b>Counterfeiting and Piracy</b></a>
<li><a href="/sites/default/files/2023%20Special%20301%20Report.pdf">2023 Special 301 Report</a>
<li><a href="/about/2023-notorious-markets">2023 Notorious Markets: press release</a>
<li><a href="https://www.scribd.example.com/doc/1/2023-Notorious-Markets-List.pdf">2023 Notorious Markets List (PDF)</a>
<li><a href="http://SELF/sites/default/files/2022%20Notorious%20Markets%20List.pdf">2022 Notorious Markets List</a>
</ul></body></html>`

func discoverServer(t *testing.T) *httptest.Server {
	t.Helper()
	var s *httptest.Server
	s = httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/notorious-markets-list":
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			fmt.Fprint(w, strings.ReplaceAll(officialPage, "SELF", strings.TrimPrefix(s.URL, "https://")))
		case "/news/2022-watch-list":
			fmt.Fprint(w, `<p>The Commission published its list. <a href="/doclib/docs/2022/december/tradoc_160276.pdf" type="application/pdf">Counterfeit and Piracy Watch List</a>
			<a href="/doclib/docs/2022/december/annex.pdf">Staff working document: methodology</a></p>`)
		case "/files/report":
			w.Header().Set("Content-Type", "application/pdf")
			w.Write([]byte(pdf))
		case "/only-elsewhere":
			fmt.Fprint(w, `<a href="https://mirror.example.net/2021-notorious-markets.pdf">2021 Notorious Markets</a>`)
		default:
			http.NotFound(w, r)
		}
	}))
	t.Cleanup(s.Close)
	return s
}

// TestDiscover: among an official page's links, the report is the PDF on the publisher's own
// site that names the list and the edition's year; copies on other sites are refused.
func TestDiscover(t *testing.T) {
	s := discoverServer(t)
	opt := fetch.Options{Client: s.Client(), Backoff: time.Millisecond}
	ustr := []string{"notorious markets"}
	for _, c := range []struct {
		page string
		w    fetch.Wanted
		want string
	}{
		{"/notorious-markets-list", fetch.Wanted{Year: 2023, Phrases: ustr}, "/sites/default/files/files/Press/Releases/2024/2023%20Review%20of%20Notorious%20Markets%20for%20Counterfeiting%20and%20Piracy%20(final).pdf"},
		{"/notorious-markets-list", fetch.Wanted{Year: 2024, Phrases: ustr}, "/sites/default/files/2024%20Review%20of%20Notorious%20Markets%20for%20Counterfeiting%20and%20Piracy.pdf"},
		// An edition's own page, whose link names no year.
		{"/news/2022-watch-list", fetch.Wanted{Year: 2022, Phrases: []string{"watch list"}}, "/doclib/docs/2022/december/tradoc_160276.pdf"},
		// The edition's address is the PDF itself.
		{"/files/report", fetch.Wanted{Year: 2025, Phrases: ustr}, "/files/report"},
	} {
		got, err := fetch.Discover(context.Background(), s.URL+c.page, c.w, opt)
		if err != nil || got != s.URL+c.want {
			t.Errorf("%s %d: %q, %v; want %s", c.page, c.w.Year, got, err, s.URL+c.want)
		}
	}
	for _, c := range []struct {
		page string
		year int
		want []string
	}{
		{"/notorious-markets-list", 2019, []string{"no link to a PDF on 127.0.0.1 names \"notorious markets\" and 2019", "give the report's address"}},
		{"/only-elsewhere", 2021, []string{"no link to a PDF", "refused: https://mirror.example.net/2021-notorious-markets.pdf (another site)"}},
		{"/notorious-markets-list", 2022, []string{"no link to a PDF", "refused: http://127.0.0.1:", "/sites/default/files/2022%20Notorious%20Markets%20List.pdf (not https)"}},
		{"/missing", 2021, []string{"answered 404 Not Found"}},
	} {
		_, err := fetch.Discover(context.Background(), s.URL+c.page, fetch.Wanted{Year: c.year, Phrases: ustr}, opt)
		for _, w := range c.want {
			if err == nil || !strings.Contains(err.Error(), w) {
				t.Errorf("%s %d: %v, want %q", c.page, c.year, err, w)
			}
		}
	}
}
