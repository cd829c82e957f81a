package validate

import (
	"net/url"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/notorious-markets-watch/nmw/generator/dataset"
	"github.com/notorious-markets-watch/nmw/generator/domain"
	"github.com/notorious-markets-watch/nmw/generator/mdhtml"
)

// FuzzSummary checks that a summary the checks accept renders, on its own and trimmed as every
// page renders it, as HTML without scripts, event handlers, embedded content or links other than
// http(s) links off the listed domains.
func FuzzSummary(f *testing.F) {
	for _, s := range []string{
		"Reported for *counterfeit* goods; see [the report](https://ustr.gov/x).",
		"<script>alert(1)</script>", "[x](javascript:alert(1))", "[x](JaVaScRiPt&#58;alert(1))", "<javascript:alert(1)>",
		"![img](https://example.org/a.png)", "[x](https://fixturebay.com/)", "[x](https://WWW.FIXTUREBAY.COM./)",
		"[x](//fixturebay.com/)", "[x](https://xn--90aiaf3b.xn--p1ai/)", "[x](https://бухта.рф/)", "<https://fixturebay.com>",
		"[x][r]\n\n[r]: javascript:alert(1)", "<a href=\"https://example.org\" onclick=\"x()\">a</a>", "line\n\n<div onmouseover=x>",
		"`<script>`", "&lt;script&gt;", "text\n- [ ] task\n- item", "[x](<javascript:alert(1)>)", "[x](data:text/html,<script>)",
		"[x](https://fixturebay.com\\@example.org/)", "[x](https://example.org@fixturebay.com/)", "x[^1]\n\n[^1]: note",
		"see www.fixturebay.com", "http://fixturebay.com/x", "ftp://fixturebay.com/", "mail x@fixturebay.com", "x.com/a", "WWW.fixturebay.com",
	} {
		f.Add(s)
	}
	set := &dataset.Set{}
	listed := &dataset.Market{Name: "Fixture Bay", Slug: "fixture-bay"}
	c := &checker{set: set, domains: map[string]*dataset.Market{"fixturebay.com": listed, "xn--90aiaf3b.xn--p1ai": listed}}
	f.Fuzz(func(t *testing.T, src string) {
		c.problems = nil
		trimmed := strings.TrimSpace(src)
		if !mayHoldMarkup(trimmed) {
			c.markdown([]byte(trimmed), func(format string, args ...any) {
				t.Fatalf("summary %q is not parsed, but markdown finds: "+format, append([]any{src}, args...)...)
			})
		}
		c.summary(dataset.Pos{File: "x.yaml"}, "summary", src)
		if len(c.problems) > 0 {
			return
		}
		checkRendered(t, c, src, strings.TrimSpace(src))
	})
}

func checkRendered(t *testing.T, c *checker, src, md string) {
	out, err := mdhtml.HTML(md)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := html.Parse(strings.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.Data {
			case "script", "style", "iframe", "img", "object", "embed", "form", "svg", "math", "video", "audio", "base", "meta", "link":
				t.Fatalf("summary %q accepted, but renders a <%s>:\n%s", src, n.Data, out)
			}
			for _, a := range n.Attr {
				if strings.HasPrefix(strings.ToLower(a.Key), "on") || a.Key == "src" || a.Key == "style" {
					t.Fatalf("summary %q accepted, but renders attribute %s:\n%s", src, a.Key, out)
				}
				if a.Key == "href" && !strings.HasPrefix(a.Val, "#fn") {
					checkHref(t, src, a.Val, c)
				}
			}
		}
		for k := n.FirstChild; k != nil; k = k.NextSibling {
			walk(k)
		}
	}
	walk(doc)
}

func checkHref(t *testing.T, src, href string, c *checker) {
	u, err := url.Parse(href)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		t.Fatalf("summary %q accepted, but links to %q", src, href)
	}
	host := strings.ToLower(u.Hostname())
	if canon, err := domain.Canonical(strings.TrimSuffix(host, ".")); err == nil {
		host = canon
	}
	if l, _ := c.listedFor(host); l != "" {
		t.Fatalf("summary %q accepted, but links to %q, on listed %s", src, href, l)
	}
}
