package opendata_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/notorious-markets-watch/nmw/generator/internal/sitetest"
	"github.com/notorious-markets-watch/nmw/generator/place"
)

// readersReport is what crawlers' and feed readers' parsers make of a built site
// (testdata/readers/readers.mjs): robots-parser on robots.txt, the sitemap package's parsers
// (which check each entry against the sitemaps.org protocol) on the sitemaps, and
// @rowanmanning/feed-parser on the feeds.
type readersReport struct {
	Robots struct {
		Sitemaps []string        `json:"sitemaps"`
		Allowed  map[string]bool `json:"allowed"`
	} `json:"robots"`
	Sitemaps map[string]struct {
		URLs     []string `json:"urls"`
		Problems []string `json:"problems"`
	} `json:"sitemaps"`
	Feeds map[string]struct {
		Error   string `json:"error"`
		Type    string `json:"type"`
		Version string `json:"version"`
		Title   string `json:"title"`
		URL     string `json:"url"`
		Items   []struct {
			Title, URL, ID, Published string
		} `json:"items"`
	} `json:"feeds"`
}

// feedPaths are the site's feeds: the home page's, in each language.
func feedPaths() []string {
	out := []string{"index.xml"}
	for _, lang := range slices.Sorted(func(yield func(string) bool) {
		for l := range place.Languages {
			if !yield(l) {
				return
			}
		}
	}) {
		out = append(out, lang+"/index.xml")
	}
	return out
}

// readSite runs the readers on a built site (public) deployed at base.
func readSite(t *testing.T, public, base string, feeds []string) readersReport {
	t.Helper()
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("node is not installed (apt-get install nodejs npm): robots.txt, sitemaps and feeds are not read with their readers' parsers")
	}
	tool := filepath.Join(sitetest.Root(t), "generator", "opendata", "testdata", "readers")
	if _, err := os.Stat(filepath.Join(tool, "node_modules", "robots-parser", "package.json")); err != nil {
		t.Skipf("the readers' parsers are not installed (%v): run npm ci --prefix generator/opendata/testdata/readers", err)
	}
	var stdout, stderr bytes.Buffer
	cmd := exec.Command(node, append([]string{filepath.Join(tool, "readers.mjs"), public, base}, feeds...)...)
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("readers.mjs: %v\n%s", err, stderr.String())
	}
	var r readersReport
	if err := json.Unmarshal(stdout.Bytes(), &r); err != nil {
		t.Fatalf("readers.mjs: %v\n%s", err, stdout.String())
	}
	return r
}

// readerProblems lists what the readers found wrong: robots.txt keeping crawlers out or not
// announcing the sitemap index, a sitemap entry the protocol does not allow, an address outside
// the site, a feed a reader cannot read or whose items lack a title, link, id or date.
func readerProblems(r readersReport, base string, feeds []string) []string {
	var problems []string
	if !slices.Equal(r.Robots.Sitemaps, []string{base + "sitemap.xml"}) {
		problems = append(problems, fmt.Sprintf("robots.txt announces the sitemaps %q, want [%ssitemap.xml]", r.Robots.Sitemaps, base))
	}
	for _, u := range slices.Sorted(func(yield func(string) bool) {
		for u := range r.Robots.Allowed {
			if !yield(u) {
				return
			}
		}
	}) {
		if !r.Robots.Allowed[u] {
			problems = append(problems, fmt.Sprintf("robots.txt keeps crawlers out of %s", u))
		}
	}
	index, ok := r.Sitemaps["sitemap.xml"]
	if !ok || len(index.URLs) != len(feeds) {
		problems = append(problems, fmt.Sprintf("sitemap.xml: an index of %d sitemaps, want one per language (%d)", len(index.URLs), len(feeds)))
	}
	for _, name := range slices.Sorted(func(yield func(string) bool) {
		for n := range r.Sitemaps {
			if !yield(n) {
				return
			}
		}
	}) {
		s := r.Sitemaps[name]
		for _, p := range s.Problems {
			problems = append(problems, fmt.Sprintf("%s: %s", name, p))
		}
		if len(s.URLs) == 0 {
			problems = append(problems, fmt.Sprintf("%s: no address", name))
		}
		for _, u := range s.URLs {
			if !strings.HasPrefix(u, base) {
				problems = append(problems, fmt.Sprintf("%s: %s is not on the site (%s)", name, u, base))
			}
		}
	}
	for _, name := range feeds {
		f, ok := r.Feeds[name]
		switch {
		case !ok:
			problems = append(problems, fmt.Sprintf("%s: not read", name))
			continue
		case f.Error != "":
			problems = append(problems, fmt.Sprintf("%s: a feed reader cannot read it: %s", name, f.Error))
			continue
		}
		want := base + strings.TrimSuffix(name, "index.xml")
		if f.Type != "rss" || f.Version != "2.0" || f.Title == "" || f.URL != want || len(f.Items) == 0 {
			problems = append(problems, fmt.Sprintf("%s: read as %s %s, title %q, link %q (want %s), %d items", name, f.Type, f.Version, f.Title, f.URL, want, len(f.Items)))
		}
		for _, it := range f.Items {
			if it.Title == "" || it.ID == "" || it.Published == "" || !strings.HasPrefix(it.URL, want) {
				problems = append(problems, fmt.Sprintf("%s: item %q: link %q, id %q, date %q", name, it.Title, it.URL, it.ID, it.Published))
			}
		}
	}
	return problems
}

// testReaders reads the built site's robots.txt, sitemaps and feeds as crawlers and feed
// readers do, with their maintained parsers, and expects nothing wrong.
func testReaders(t *testing.T, s *sitetest.Site) {
	r := readSite(t, s.Public, standardsBase, feedPaths())
	for _, p := range readerProblems(r, standardsBase, feedPaths()) {
		t.Error(p)
	}
}

// TestReadersRejectBroken: the check above can fail. The fixture's robots.txt keeps crawlers
// out and names no sitemap, its sitemap has an address that is not a URL and a date that is
// not one, and its feed is not a feed.
func TestReadersRejectBroken(t *testing.T) {
	const base = "https://example.org/"
	dir := filepath.Join("testdata", "readers-broken")
	got := strings.Join(readerProblems(readSite(t, dir, base, []string{"index.xml"}), base, []string{"index.xml"}), "\n")
	for _, want := range []string{
		"robots.txt announces the sitemaps []",
		"robots.txt keeps crawlers out of https://example.org/markets/",
		"en/sitemap.xml: warn: URL must start with http:// or https://",
		"en/sitemap.xml: warn: Invalid lastmod date format",
		"index.xml: a feed reader cannot read it",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("the broken site is not reported for %q; problems:\n%s", want, got)
		}
	}
}
