package site

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/notorious-markets-watch/nmw/generator/internal/sitetest"
	"github.com/notorious-markets-watch/nmw/generator/pipeline"
	"github.com/notorious-markets-watch/nmw/generator/render"
)

func generatorFixture(t *testing.T) string {
	return filepath.Join(sitetest.Root(t), "generator", "testdata", "fixture")
}

func TestFixtureSite(t *testing.T) {
	site := sitetest.Shared(t, sitetest.Options{Data: generatorFixture(t)})

	t.Run("market page", func(t *testing.T) {
		html := site.Read(t, "markets/fixture-bay/index.html")
		sitetest.Contains(t, "market page", html,
			"<h1>Fixture Bay</h1>",
			"Listed in the latest USTR edition (2021).",
			"Listed in the latest EU edition (2020).",
			// the years it is listed, as far as recorded: never a claim about the other editions
			"<dt>Listed by USTR, as recorded here</dt>",
			`<code translate="no">fixturebay.com</code>`,
			`<code translate="no">бухта.рф</code> <span class="meta">mirror</span>`,
			"FixtureBay, Fíxture Bäy",
			"not court findings",
			"Reported as a <em>large</em> torrent index",
			`page 12`,
			"Report a correction",
			`href="https://github.com/notorious-markets-watch/nmw/issues/new?template=correction.yml&amp;title=Correction%3A&#43;Fixture&#43;Bay&amp;market=Fixture&#43;Bay&amp;details=`,
			"Report a missing listing",
			`href="https://github.com/notorious-markets-watch/nmw/issues/new?template=missing-listing.yml&amp;title=Missing&#43;listing%3A&#43;Fixture&#43;Bay&amp;market=Fixture&#43;Bay"`,
		)
		// newest edition first
		if strings.Index(html, "2021: USTR") > strings.Index(html, "2019: USTR") {
			t.Error("history must list the newest edition first")
		}
		old := site.Read(t, "markets/old-locker/index.html")
		sitetest.Contains(t, "dropped market page", old,
			"Last listed by USTR in 2019; absent from the 2 editions since.",
			"Shut down after a police raid.",
			"positive development")
		// EU 2020 gives no official count: a market it does not record is unknown there, drawn
		// as its own state, never as "not listed" or "dropped"
		shop := site.Read(t, "markets/shop-o-rama/index.html")
		sitetest.Contains(t, "market page with an unknown cell", shop,
			`<g class="tl-cell tl-unknown" data-list="EU" data-year="2020" data-state="unknown">`,
			"<title>EU 2020: not recorded here; the edition is only partly recorded, so it may list it</title>",
			`<span class="swatch tl-swatch-unknown">?</span> not recorded here: that edition is only partly recorded, so it may list it`,
			"<th scope=\"row\">EU Counterfeit and Piracy Watch List</th><td>none recorded</td><td>–</td><td>–</td><td>2020</td>",
			`data-year="2020" data-state="dropped"`) // USTR 2020 is complete: a fact
		if strings.Contains(shop, `data-list="EU" data-year="2020" data-state="absent"`) {
			t.Error("shop-o-rama: EU 2020 drawn as absent, but that edition is only partly recorded")
		}
		mall := site.Read(t, "markets/mall-of-fakes/index.html")
		sitetest.Contains(t, "physical market page", mall, "<h1>Mall of Fakes &amp; Co</h1>", "Buenos Aires, ", ">Argentina</a>")
	})

	t.Run("year page", func(t *testing.T) {
		html := site.Read(t, "years/2021/index.html")
		sitetest.Contains(t, "2021 page", html,
			"Markets reported for 2021",
			"Published February 2022 by the Office of the United States Trade Representative",
			"Returning (1):",
			`<a href="/markets/shop-o-rama/">Shop-o-Rama</a>`,
			"Online markets (2)",
			"Physical markets (1)")
		y2020 := site.Read(t, "years/2020/index.html")
		sitetest.Contains(t, "2020 page", y2020,
			"Dropped (2):",
			"USTR Notorious Markets List",
			`<p class="coverage-notice"><strong>EU 2020 is only partly recorded here:</strong>`,
			"1 market recorded; its official count is not published in what we could read.",
			"EU Counterfeit and Piracy Watch List",
			"This is the first EU edition on this site.",
			"Positive developments (1)")
	})

	t.Run("home page", func(t *testing.T) {
		html := site.Read(t, "index.html")
		sitetest.Contains(t, "home page", html,
			"Is this shop on a watchlist?",
			"Office of the United States Trade Representative: Notorious Markets List",
			"European Commission: Counterfeit and Piracy Watch List",
			"<strong>4</strong> markets: 3 online, 1 physical",
			`href="/markets/"`, `href="/years/"`)
	})

	t.Run("no listed domain is ever a link", func(t *testing.T) {
		links := regexp.MustCompile(`href="?([^" >]+)`)
		listed := []string{"fixturebay.com", "fixturebay.net", "fixturebay-proxy.org", "xn--80ab5cdk.xn--p1ai", "бухта.рф", "shoporama.com.cn", "oldlocker.com"}
		walkHTML(t, site.Public, func(path, html string) {
			for _, m := range links.FindAllStringSubmatch(html, -1) {
				for _, d := range listed {
					if strings.Contains(m[1], d) {
						t.Errorf("%s links to listed domain %s: %s", path, d, m[1])
					}
				}
			}
		})
	})

	t.Run("taxonomy pages", func(t *testing.T) {
		sitetest.Contains(t, "country term", site.Read(t, "countries/ar/index.html"), "<h1>Argentina</h1>", "Mall of Fakes &amp; Co")
		sitetest.Contains(t, "category term", site.Read(t, "categories/torrent-index/index.html"), "<h1>Torrent index</h1>", "Fixture Bay")
		sitetest.Contains(t, "status term", site.Read(t, "statuses/formerly-listed/index.html"), "Old Locker")
	})
}

func walkHTML(t *testing.T, dir string, fn func(path, html string)) {
	t.Helper()
	n := 0
	filepath.Walk(dir, func(p string, info os.FileInfo, err error) error {
		if err == nil && strings.HasSuffix(p, ".html") {
			b, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			fn(p, string(b))
			n++
		}
		return nil
	})
	if n == 0 {
		t.Fatal("no HTML files built")
	}
}

// TestRealDataBuilds builds the site from data/ and checks every page came out.
func TestRealDataBuilds(t *testing.T) {
	site := sitetest.Shared(t, sitetest.Options{})
	markets, _ := filepath.Glob(filepath.Join(sitetest.Root(t), "data", "markets", "*.yaml"))
	for _, m := range markets {
		slug := strings.TrimSuffix(filepath.Base(m), ".yaml")
		if _, err := os.Stat(filepath.Join(site.Public, "markets", slug, "index.html")); err != nil {
			t.Errorf("no page for market %s", slug)
		}
	}

	// A market named only as a positive development was never listed: it is not "formerly
	// listed", in the status pages or in a list's badge.
	data, problems, err := pipeline.Load(filepath.Join(sitetest.Root(t), "data"), sitetest.Today)
	if err != nil || len(problems) > 0 {
		t.Fatal(err, problems)
	}
	az, former := site.Read(t, "markets/index.html"), site.Read(t, "statuses/formerly-listed/index.html")
	devOnly := 0
	for _, m := range data.Markets {
		if len(m.Statuses) > 0 {
			continue
		}
		devOnly++
		item := regexp.MustCompile(`<a href="?/markets/` + regexp.QuoteMeta(m.Slug) + `/"?>[\s\S]*?</li>`).FindString(az)
		if !strings.Contains(item, "badge-development") || strings.Contains(item, "badge-former") {
			t.Errorf("%s (positive development only): A–Z item %q", m.Slug, item)
		}
		if strings.Contains(former, "/markets/"+m.Slug+"/") {
			t.Errorf("%s (positive development only) is under formerly listed", m.Slug)
		}
	}
	if devOnly == 0 {
		t.Error("no market named only as a positive development in data/: the check above tests nothing")
	}

	// timeline.svg draws "not recorded" cells dotted, never like "not listed" (a plain outline).
	svg := site.Read(t, "markets/pirate-bay/timeline.svg")
	unknown := regexp.MustCompile(`data-state="?unknown"?><title>[^<]*</title>\s*<rect [^>]*>`).FindAllString(svg, -1)
	if len(unknown) == 0 {
		t.Fatal("pirate-bay/timeline.svg: no unknown cell to check")
	}
	for _, c := range unknown {
		if !strings.Contains(c, `stroke-dasharray="1 2"`) {
			t.Errorf("pirate-bay/timeline.svg: unknown cell drawn without its dotted outline: %s", c)
		}
	}
}

// TestContentIsUpToDate fails when content/ was not regenerated after data/ changed.
func TestContentIsUpToDate(t *testing.T) {
	root := sitetest.Root(t)
	tmp := t.TempDir()
	if _, _, problems, err := pipeline.Generate(filepath.Join(root, "data"), tmp, sitetest.Today); err != nil || len(problems) > 0 {
		t.Fatal(err, problems)
	}
	content := filepath.Join(root, "content")
	compare := func(a, b string) {
		filepath.Walk(a, func(p string, info os.FileInfo, err error) error {
			if err != nil || info.IsDir() {
				return err
			}
			rel, _ := filepath.Rel(a, p)
			want, _ := os.ReadFile(p)
			if !strings.Contains(string(want), render.Marker) {
				return nil // hand-written
			}
			got, err := os.ReadFile(filepath.Join(b, rel))
			if err != nil || string(got) != string(want) {
				t.Errorf("content/%s is out of date: run go run ./generator generate and commit", rel)
			}
			return nil
		})
	}
	compare(tmp, content)
	compare(content, tmp)
}

func TestCoveragePage(t *testing.T) {
	site := sitetest.Shared(t, sitetest.Options{Data: generatorFixture(t)})
	html := site.Read(t, "coverage/index.html")
	sitetest.Contains(t, "coverage page", html,
		`<a href="/years/2019/">USTR 2019</a>`,
		"<td>3 of 3 (100%)</td>", "<td>1 of 2 (50%)</td>", "<td>4 of 5 (80%)</td>",
		"<td>1 recorded; official count not published</td>",
		"<strong>USTR 2019</strong>: online: complete; physical: 1 of 2 missing.",
		`<a href="https://github.com/notorious-markets-watch/nmw/issues/new?edition=EU&#43;2020&amp;template=missing-listing.yml&amp;title=Missing&#43;listing%3A&#43;EU&#43;2020" rel="nofollow noopener noreferrer">add a missing listing</a>`)
}
