package sitecheck

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func write(t *testing.T, dir, rel, s string) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestCheckFindsBrokenReferences shows the checker fails on each kind of mistake a sub-path
// deployment makes, and passes the references that work.
func TestCheckFindsBrokenReferences(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "css/site.css", "")
	write(t, dir, "data/nmw.json", "{}")
	write(t, dir, "markets/taobao/index.html", `<h2 id="history">History</h2>`)
	write(t, dir, "index.html", `<!doctype html><html><head>
<link rel="stylesheet" href="/watch/css/site.css">
<link rel="stylesheet" href="/css/site.css">
<meta property="og:url" content="https://example.github.io/watch/">
<script src="js/missing.js"></script>
</head><body>
<a href="markets/taobao/">ok relative</a>
<a href="/watch/markets/taobao/#history">ok fragment</a>
<a href="/watch/markets/taobao/#nowhere">bad fragment</a>
<a href="/watch/data/nmw.json">ok data</a>
<a href="https://example.github.io/watch/data/missing.csv">bad data</a>
<a href="https://other.example/page">external</a>
<a href="mailto:someone@example.org">mail</a>
<a href="javascript:alert(1)">script</a>
<img src="img/a.png" srcset="img/a.png 1x, /watch/css/site.css 2x">
</body></html>`)
	write(t, dir, "sitemap.xml", `<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<url><loc>https://example.github.io/watch/markets/taobao/</loc></url>
<url><loc>https://example.github.io/watch/markets/gone/</loc></url></urlset>`)

	rep, err := Check(dir, "https://example.github.io/watch/")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, b := range rep.Broken {
		got = append(got, b.Attr+" "+b.URL)
	}
	want := []string{
		"link href /css/site.css",
		"script src js/missing.js",
		"a href /watch/markets/taobao/#nowhere",
		"a href https://example.github.io/watch/data/missing.csv",
		"a href javascript:alert(1)",
		"img src img/a.png",
		"img srcset img/a.png",
		"loc https://example.github.io/watch/markets/gone/",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("broken references:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if rep.Pages != 3 {
		t.Errorf("read %d pages, want 3", rep.Pages)
	}

	// At the root, the sub-path links are the broken ones.
	rep, err = Check(dir, "https://example.github.io/")
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, b := range rep.Broken {
		if b.URL == "/watch/css/site.css" {
			found = true
		}
		if b.URL == "/css/site.css" {
			t.Errorf("root build: %s reported broken", b)
		}
	}
	if !found {
		t.Error("root build: /watch/css/site.css not reported broken")
	}
}
