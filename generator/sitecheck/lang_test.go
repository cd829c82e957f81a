package sitecheck_test

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// locales are the site's languages: the first folder of a page's path, and the locale its
// <html lang> and hreflang give (English has no folder).
var locales = map[string]string{"": "en", "es": "es", "fr": "fr", "de": "de", "zh-hans": "zh-Hans"}

// pageLang is what a built page says about its language.
type pageLang struct {
	lang      string            // <html lang>
	canonical string            // <link rel=canonical>
	alternate map[string]string // hreflang → href of <link rel=alternate hreflang>
	switcher  map[string]string // lang → href of the language switcher's links
	current   string            // the switcher's aria-current link's lang
}

func readLang(t *testing.T, file string) pageLang {
	t.Helper()
	f, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := html.Parse(f)
	if err != nil {
		t.Fatal(err)
	}
	get := func(n *html.Node, key string) string {
		for _, a := range n.Attr {
			if a.Key == key {
				return a.Val
			}
		}
		return ""
	}
	p := pageLang{alternate: map[string]string{}, switcher: map[string]string{}}
	for n := range doc.Descendants() {
		if n.Type != html.ElementNode {
			continue
		}
		switch {
		case n.Data == "html":
			p.lang = get(n, "lang")
		case n.Data == "link" && get(n, "rel") == "canonical":
			p.canonical = get(n, "href")
		case n.Data == "link" && get(n, "rel") == "alternate" && get(n, "hreflang") != "":
			p.alternate[get(n, "hreflang")] = get(n, "href")
		case n.Data == "a" && n.Parent != nil && n.Parent.Parent != nil && n.Parent.Parent.Parent != nil &&
			strings.Contains(get(n.Parent.Parent.Parent, "class"), "languages"):
			p.switcher[get(n, "hreflang")] = get(n, "href")
			if get(n, "aria-current") != "" {
				p.current = get(n, "hreflang")
			}
		}
	}
	return p
}

// TestLangAndHreflang: every page of every language says its language in <html lang>, links
// to itself and to the same page in every other language with hreflang (English as x-default),
// and has a language switcher leading to those pages; every language has every page.
func TestLangAndHreflang(t *testing.T) {
	s := built(t, rootURL)
	perLang := map[string]int{}
	filepath.WalkDir(s.Public, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		rel, _ := filepath.Rel(s.Public, p)
		rel = filepath.ToSlash(rel)
		if strings.HasPrefix(rel, "extension/") {
			return nil // the browser extension's own files, copied as they are (generator/extension)
		}
		dir, _, _ := strings.Cut(rel, "/")
		if _, ok := locales[dir]; !ok || !strings.Contains(rel, "/") {
			dir = ""
		}
		perLang[dir]++
		want := locales[dir]
		pl := readLang(t, p)
		if pl.lang != want {
			t.Errorf("%s: <html lang=%q>, want %q", rel, pl.lang, want)
		}
		if strings.HasSuffix(rel, "404.html") {
			return nil // served at any address: no canonical page to link
		}
		if pl.alternate[want] != pl.canonical || pl.canonical == "" {
			t.Errorf("%s: hreflang %s is %q, the canonical address is %q", rel, want, pl.alternate[want], pl.canonical)
		}
		if len(pl.alternate) != len(locales)+1 {
			t.Errorf("%s: %d hreflang alternates %v, want one per language and x-default", rel, len(pl.alternate), pl.alternate)
		}
		if pl.alternate["x-default"] != pl.alternate["en"] {
			t.Errorf("%s: x-default is %q, want the English page %q", rel, pl.alternate["x-default"], pl.alternate["en"])
		}
		for hreflang, href := range pl.alternate {
			target := strings.TrimPrefix(href, rootURL)
			if target == href {
				t.Errorf("%s: hreflang %s links to %q, outside the site", rel, hreflang, href)
				continue
			}
			file := filepath.Join(s.Public, filepath.FromSlash(target), "index.html")
			if strings.HasSuffix(target, ".html") {
				file = filepath.Join(s.Public, filepath.FromSlash(target))
			}
			if hreflang == "x-default" {
				continue
			}
			if got := readLang(t, file).lang; got != hreflang {
				t.Errorf("%s: hreflang %s links to %s, whose <html lang> is %q", rel, hreflang, target, got)
			}
			if sw := pl.switcher[hreflang]; "https://nmw.example.org"+sw != href {
				t.Errorf("%s: the switcher's %s link is %q, the hreflang link %q", rel, hreflang, sw, href)
			}
		}
		if pl.current != want {
			t.Errorf("%s: the switcher marks %q as current, want %q", rel, pl.current, want)
		}
		return nil
	})
	if perLang[""] < 100 {
		t.Fatalf("only %d English pages", perLang[""])
	}
	for dir := range locales {
		if perLang[dir] != perLang[""] {
			t.Errorf("%d pages in %q, %d in English", perLang[dir], dir, perLang[""])
		}
	}
	t.Logf("pages per language: %v", perLang)
}
