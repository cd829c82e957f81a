package fetch

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// Project is the repository of the program that downloads: the User-Agent names it, and its
// issues page as the way to reach the maintainers.
const Project = "https://github.com/notorious-markets-watch/nmw"

// Retry defaults: four retries, after 2, 4, 8 and 16 seconds unless the server says when.
const (
	DefaultRetries = 4
	DefaultBackoff = 2 * time.Second
)

// maxWait is the longest Retry-After honoured; a server asking for more is tried another day.
const maxWait = time.Minute

// UserAgent is the User-Agent the downloads send: the project, its repository (repo, or
// Project if empty: a fork names itself) and a contact address, as polite crawlers declare
// themselves. Government servers refuse unnamed programs.
func UserAgent(repo string) string {
	if repo == "" {
		repo = Project
	}
	repo = strings.TrimSuffix(repo, "/")
	return fmt.Sprintf("NotoriousMarketsWatch-importer/1.0 (+%s; report importer, one download per report; contact: %s/issues)", repo, repo)
}

// forbidden is what to do when a server refuses the download.
const forbidden = "the server answered %s: it refuses this program (US government servers often refuse downloads from cloud machines such as GitHub's runners, whatever the program says it is). " +
	"Next: open the address in a browser, save the PDF, and hand the file to the import instead of the address: " +
	"commit it to the repository or attach it to an issue or a release, then run the import-edition workflow with its path or its address as \"pdf\" and the official address as \"url\" " +
	"(locally: go run ./generator import -edition ID -listing-only -merge -report-url URL FILE.pdf)"

// get sends a GET for u that declares itself, follows only https redirects, and retries 429
// and 5xx answers with backoff (or after the server's Retry-After). The caller closes the
// body of the 200 answer it returns; any other answer is an error that says what to do.
func get(ctx context.Context, u *url.URL, accept string, opt Options) (*http.Response, error) {
	client := http.DefaultClient
	if opt.Client != nil {
		client = opt.Client
	}
	c := *client
	c.CheckRedirect = func(req *http.Request, via []*http.Request) error {
		if req.URL.Scheme != "https" {
			return fmt.Errorf("redirected to %s: not https", req.URL)
		}
		if len(via) >= 10 {
			return fmt.Errorf("more than 10 redirects")
		}
		return nil
	}
	ua := opt.UserAgent
	if ua == "" {
		ua = UserAgent("")
	}
	retries, backoff := opt.Retries, opt.Backoff
	if retries <= 0 {
		retries = DefaultRetries
	}
	if backoff <= 0 {
		backoff = DefaultBackoff
	}
	var waited []string
	for attempt := 0; ; attempt++ {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
		if err != nil {
			return nil, err
		}
		req.Header.Set("User-Agent", ua)
		req.Header.Set("Accept", accept)
		resp, err := c.Do(req)
		if err != nil {
			return nil, wrap(u.String(), ctx, err, opt.Timeout)
		}
		switch code := resp.StatusCode; {
		case code == http.StatusOK:
			return resp, nil
		case code == http.StatusForbidden:
			resp.Body.Close()
			return nil, fmt.Errorf("%s: "+forbidden, u, resp.Status)
		case code != http.StatusTooManyRequests && code < 500:
			resp.Body.Close()
			return nil, fmt.Errorf("%s: the server answered %s: check the address", u, resp.Status)
		}
		resp.Body.Close()
		wait, said := retryAfter(resp.Header.Get("Retry-After"), time.Now())
		if !said {
			wait = backoff << attempt
		}
		if attempt == retries || wait > maxWait {
			how := "try again later"
			if wait > maxWait {
				how = fmt.Sprintf("it asks to wait %s: try again then", wait.Round(time.Second))
			}
			tried := ""
			if len(waited) > 0 {
				tried = fmt.Sprintf(" (%d tries, %s apart)", attempt+1, strings.Join(waited, ", "))
			}
			return nil, fmt.Errorf("%s: the server answered %s%s: %s", u, resp.Status, tried, how)
		}
		waited = append(waited, wait.String())
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return nil, wrap(u.String(), ctx, ctx.Err(), opt.Timeout)
		case <-t.C:
		}
	}
}

// retryAfter reads a Retry-After header: seconds, or an HTTP date.
func retryAfter(h string, now time.Time) (time.Duration, bool) {
	if h == "" {
		return 0, false
	}
	if n, err := strconv.Atoi(strings.TrimSpace(h)); err == nil && n >= 0 {
		return time.Duration(n) * time.Second, true
	}
	if t, err := http.ParseTime(h); err == nil {
		return max(0, t.Sub(now)), true
	}
	return 0, false
}
