package site

import (
	"encoding/json"
	"encoding/xml"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/notorious-markets-watch/nmw/generator/internal/sitetest"
	"github.com/notorious-markets-watch/nmw/generator/pipeline"
)

const injectionBase = "https://example.org/"

// TestInjectionIsInert builds the site from testdata/injection, whose every free-text field
// carries script tags, event handlers, javascript: URLs, markdown links, entities and Hugo
// syntax, and checks every HTML page: no script but the site's own, no event-handler attribute,
// no javascript: (or data:, vbscript:) URL, no link to the payloads' evil.example or the listed
// domains, and the payloads shown as literal text.
func TestInjectionIsInert(t *testing.T) {
	data := filepath.Join(sitetest.Root(t), "generator", "testdata", "injection")
	if _, problems, err := pipeline.Load(data, sitetest.Today); err != nil || len(problems) > 0 {
		t.Fatalf("the injection fixture must be valid data: %v %v", err, problems)
	}
	site := sitetest.Build(t, sitetest.Options{Data: data, BaseURL: injectionBase})

	pages := map[string]string{} // path below public/ → text content
	err := filepath.WalkDir(site.Public, func(p string, d fs.DirEntry, err error) error {
		if err == nil && d.IsDir() && p == filepath.Join(site.Public, "extension") {
			return filepath.SkipDir // the browser extension: not site pages (generator/extension tests it)
		}
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(site.Public, p)
		pages[filepath.ToSlash(rel)] = checkInert(t, filepath.ToSlash(rel), string(b))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(pages) < 10 {
		t.Fatalf("only %d pages built", len(pages))
	}

	// Each payload must reach the reader as the text it is: proof it was neither run nor dropped.
	for page, want := range map[string][]string{
		"markets/evil-bay/index.html": {
			`<script>alert("market.name")</script> Evil Bay`,
			`<img src=x onerror=alert("market.alias")>`,
			`[alias link](https://evil.example/alias)`,
			`&lt;b&gt;entity&amp;amp;alias`,
			`javascript:alert("market.former_name")`,
			`{{< relref "/" >}} shortcode`,
			`{{% shortcode %}} and {{ .Site.Title }}`,
			`Online <img src=x onerror=alert("entry.section")> javascript:alert(1)`,
			`2020 Review <script>alert("edition.title")</script> [title link](https://evil.example/title) {{< relref "/" >}}`,
			`Reported for <script>alert("summary.entity")</script> and <script>alert("summary.code")</script> in code`,
			`javascript:alert("summary.text") as text`,
			`Entities <svg onload=alert("development")> and [not a link](https://evil.example.com/dev).`,
			// issue 36: responses, the market's own and the edition's
			`Response: <script>alert("response.by")</script> Evil Corp, 15 January 2021`,
			`Said <script>alert("response.summary")</script> was unfair.`,
			`Ministry <b onmouseover=alert("edition.response.by")>of Evil</b> responded to this listing.`,
			`Called it <b>baseless</b>.`,
		},
		"markets/evil-mall/index.html": {
			`"><svg onload=alert("market.name.physical")> Evil Mall`,
			`Buenos <script>alert("market.city")</script> Aires [city link](https://evil.example/city)`,
			`Physical: "quoted" 'single' &amp; [section link](https://evil.example/section)`,
			`{{% shortcode %}} {{ .Title }} <b>Physical</b>`,
		},
		"years/2020/index.html": {
			`Office <script>alert("publisher.name")</script> of the USTR`,
			`USTR<img src=x onerror=alert("publisher.short")>`,
			`<script>alert("summary.escaped")</script> and <img src=x onerror=alert(1)>`,
			`Issue focus: <img src=x onerror=alert("focus.title")> Live events`,
			`Opened with <svg onload=alert("focus.summary")> live events.`,
			`<script>alert("response.by")</script> Evil Corp disputes this listing.`,
		},
	} {
		text, ok := pages[page]
		if !ok {
			t.Errorf("no page %s", page)
			continue
		}
		for _, w := range want {
			if !strings.Contains(text, w) {
				t.Errorf("%s does not show %q as text", page, w)
			}
		}
	}

	// The feed is XML: a payload must stay character data there too.
	feed := site.Read(t, "index.xml")
	if err := xml.Unmarshal([]byte(feed), new(struct{})); err != nil {
		t.Errorf("feed is not well-formed XML: %v", err)
	}
	if strings.Contains(feed, "<script") || strings.Contains(feed, "<img") {
		t.Error("feed holds an unescaped payload")
	}
}

// checkInert parses a page and fails the test for anything a payload could have made live. It
// returns the page's text, whitespace collapsed.
func checkInert(t *testing.T, page, src string) string {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(src))
	if err != nil {
		t.Fatalf("%s: %v", page, err)
	}
	var text strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			text.WriteString(n.Data)
		case html.ElementNode:
			switch n.Data {
			case "script":
				if !ownScript(n) {
					t.Errorf("%s: a <script> that is not the site's own: %s", page, outerHTML(n))
				}
			case "form":
				if !strings.Contains(attr(n, "class"), "check") {
					t.Errorf("%s: a <form> that is not the site's check form: %s", page, outerHTML(n))
				}
			case "svg":
				if attr(n, "class") != "chart-svg" {
					t.Errorf("%s: an <svg> that is not one of the site's charts: %s", page, outerHTML(n))
				}
			case "iframe", "object", "embed", "img", "base", "frame", "math":
				t.Errorf("%s: a <%s> element: %s", page, n.Data, outerHTML(n))
			}
			for _, a := range n.Attr {
				key := strings.ToLower(a.Key)
				if strings.HasPrefix(key, "on") {
					t.Errorf("%s: event-handler attribute %s=%q on <%s>", page, a.Key, a.Val, n.Data)
				}
				switch key {
				case "href", "src", "action", "formaction", "xlink:href", "data", "poster", "srcset":
					checkURL(t, page, n.Data, key, a.Val)
				}
				if key == "http-equiv" && strings.EqualFold(a.Val, "refresh") {
					t.Errorf("%s: a meta refresh", page)
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return strings.Join(strings.Fields(text.String()), " ")
}

// ownScript reports whether a script element is one the site's layouts could have written:
// an external script served by the site itself, or JSON data.
func ownScript(n *html.Node) bool {
	typ, src := attr(n, "type"), attr(n, "src")
	if typ == "application/ld+json" || typ == "application/json" {
		return n.FirstChild != nil && json.Valid([]byte(n.FirstChild.Data))
	}
	if n.FirstChild != nil || src == "" {
		return false
	}
	u, err := url.Parse(src)
	return err == nil && strings.HasSuffix(u.Path, ".js") && (u.Host == "" && strings.HasPrefix(src, "/") && !strings.HasPrefix(src, "//") || strings.HasPrefix(src, injectionBase))
}

// checkURL fails for a dangerous scheme, a link to a payload's host or to a listed domain.
func checkURL(t *testing.T, page, el, key, raw string) {
	t.Helper()
	squeezed := strings.ToLower(strings.Map(func(r rune) rune {
		if r <= ' ' {
			return -1
		}
		return r
	}, raw))
	for _, scheme := range []string{"javascript:", "vbscript:", "data:"} {
		if strings.HasPrefix(squeezed, scheme) {
			t.Errorf("%s: <%s %s=%q>", page, el, key, raw)
		}
	}
	u, err := url.Parse(raw)
	if err != nil {
		t.Errorf("%s: <%s %s=%q>: %v", page, el, key, raw, err)
		return
	}
	switch host := strings.ToLower(u.Hostname()); {
	case host == "evil.example" || host == "evil.example.com" || strings.HasSuffix(host, "evilbay.com") || strings.HasSuffix(host, "evilbay-proxy.org"):
		t.Errorf("%s: a payload became a live link: <%s %s=%q>", page, el, key, raw)
	}
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func outerHTML(n *html.Node) string {
	var b strings.Builder
	html.Render(&b, n)
	return b.String()
}
