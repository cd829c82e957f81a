// Package sitecheck checks a built site the way a host serves it: every internal link, image,
// stylesheet, script and data file a page or feed references must exist in the output, below
// the base URL's path.
package sitecheck

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"golang.org/x/net/html"
)

// Ref is one reference from a page of the site.
type Ref struct {
	Page string // the referring file, relative to the output folder
	Attr string // where the reference is: "a href", "link href", "sitemap loc", ...
	URL  string // as written
}

// Broken is an internal reference that does not resolve to a file of the site.
type Broken struct {
	Ref
	Reason string
}

func (b Broken) String() string {
	return fmt.Sprintf("%s: %s %q: %s", b.Page, b.Attr, b.URL, b.Reason)
}

// Report is what Check found.
type Report struct {
	Pages    int      // HTML and XML files read
	Internal int      // internal references checked
	Broken   []Broken // sorted by page
}

// Attributes that reference another file, by element.
var refAttrs = map[string][]string{
	"a": {"href"}, "area": {"href"}, "link": {"href"}, "script": {"src"}, "img": {"src", "srcset"},
	"source": {"src", "srcset"}, "video": {"src", "poster"}, "audio": {"src"}, "iframe": {"src"},
	"form": {"action"}, "object": {"data"}, "embed": {"src"},
}

// Meta tags whose content is a URL of the site.
var metaURLs = map[string]bool{"og:url": true, "og:image": true, "twitter:image": true}

// Check reads every HTML and XML file below public and checks the internal references they
// make. baseURL is the one the site was built with; references outside its path are broken.
func Check(public, baseURL string) (*Report, error) {
	base, err := url.Parse(baseURL)
	if err != nil {
		return nil, err
	}
	if !strings.HasSuffix(base.Path, "/") {
		base.Path += "/"
	}
	c := &checker{public: public, base: base, ids: map[string]map[string]bool{}}
	rep := &Report{}
	err = filepath.WalkDir(public, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel := filepath.ToSlash(must(filepath.Rel(public, p)))
		var refs []Ref
		switch path.Ext(rel) {
		case ".html":
			refs, err = HTMLRefs(p, rel)
		case ".xml":
			refs, err = XMLRefs(p, rel)
		default:
			return nil
		}
		if err != nil {
			return fmt.Errorf("%s: %w", rel, err)
		}
		rep.Pages++
		for _, r := range refs {
			internal, reason := c.check(r)
			if internal {
				rep.Internal++
			}
			if reason != "" {
				rep.Broken = append(rep.Broken, Broken{r, reason})
			}
		}
		return nil
	})
	sort.SliceStable(rep.Broken, func(i, j int) bool { return rep.Broken[i].Page < rep.Broken[j].Page })
	return rep, err
}

func must(s string, err error) string {
	if err != nil {
		panic(err)
	}
	return s
}

type checker struct {
	public string
	base   *url.URL
	ids    map[string]map[string]bool // element ids of HTML files, by path
}

// check resolves a reference against its page's address and reports whether it is internal
// and, if it is broken, why.
func (c *checker) check(r Ref) (internal bool, reason string) {
	raw := strings.TrimSpace(r.URL)
	if raw == "" {
		return true, "empty reference"
	}
	u, err := url.Parse(raw)
	if err != nil {
		return true, "not a URL: " + err.Error()
	}
	switch u.Scheme {
	case "", "http", "https":
	case "javascript":
		return true, "javascript: URL"
	default:
		return false, "" // mailto:, data: and the like
	}
	pageURL := c.base.ResolveReference(&url.URL{Path: r.Page})
	abs := pageURL.ResolveReference(u)
	if abs.Host != c.base.Host {
		if u.Host == "" {
			return true, "resolves to another host"
		}
		return false, ""
	}
	if !strings.HasPrefix(abs.Path, c.base.Path) {
		return true, fmt.Sprintf("path %s is outside the site's base path %s", abs.Path, c.base.Path)
	}
	rel := strings.TrimPrefix(abs.Path, c.base.Path)
	file, ok := c.file(rel)
	if !ok {
		return true, "no such file in the output: " + abs.Path
	}
	if u.Fragment != "" && strings.HasSuffix(file, ".html") {
		ids, err := c.idsOf(file)
		if err != nil {
			return true, err.Error()
		}
		if !ids[u.Fragment] {
			return true, fmt.Sprintf("no element with id %q in %s", u.Fragment, file)
		}
	}
	return true, ""
}

// file maps a path below the base to the file a static host would serve for it.
func (c *checker) file(rel string) (string, bool) {
	candidates := []string{rel}
	if rel == "" || strings.HasSuffix(rel, "/") {
		candidates = []string{rel + "index.html"}
	} else if path.Ext(rel) == "" {
		candidates = append(candidates, rel+"/index.html")
	}
	for _, f := range candidates {
		if st, err := os.Stat(filepath.Join(c.public, filepath.FromSlash(f))); err == nil && !st.IsDir() {
			return f, true
		}
	}
	return "", false
}

func (c *checker) idsOf(file string) (map[string]bool, error) {
	if ids, ok := c.ids[file]; ok {
		return ids, nil
	}
	doc, err := parseHTML(filepath.Join(c.public, filepath.FromSlash(file)))
	if err != nil {
		return nil, err
	}
	ids := map[string]bool{}
	for n := range doc.Descendants() {
		if n.Type == html.ElementNode {
			if id := attr(n, "id"); id != "" {
				ids[id] = true
			}
		}
	}
	c.ids[file] = ids
	return ids, nil
}

// HTMLRefs returns the references an HTML file makes; rel is its path in the output.
func HTMLRefs(file, rel string) ([]Ref, error) {
	doc, err := parseHTML(file)
	if err != nil {
		return nil, err
	}
	var refs []Ref
	for n := range doc.Descendants() {
		if n.Type != html.ElementNode {
			continue
		}
		if n.Data == "meta" {
			if p := attr(n, "property") + attr(n, "name"); metaURLs[p] {
				refs = append(refs, Ref{rel, "meta " + p, attr(n, "content")})
			}
			continue
		}
		for _, name := range refAttrs[n.Data] {
			for _, a := range n.Attr {
				if a.Namespace != "" || a.Key != name {
					continue
				}
				if name == "srcset" {
					for _, cand := range strings.Split(a.Val, ",") {
						if fields := strings.Fields(cand); len(fields) > 0 {
							refs = append(refs, Ref{rel, n.Data + " srcset", fields[0]})
						}
					}
					continue
				}
				refs = append(refs, Ref{rel, n.Data + " " + name, a.Val})
			}
		}
	}
	return refs, nil
}

func parseHTML(file string) (*html.Node, error) {
	f, err := os.Open(file)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return html.Parse(f)
}

// XMLRefs returns the links a sitemap or feed makes: <loc>, <link> and atom:link href.
func XMLRefs(file, rel string) ([]Ref, error) {
	f, err := os.Open(file)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	dec := xml.NewDecoder(f)
	var refs []Ref
	var inside string
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			return refs, nil
		}
		if err != nil {
			return nil, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			inside = ""
			switch {
			case t.Name.Local == "loc", t.Name.Local == "link" && t.Name.Space != "http://www.w3.org/2005/Atom":
				inside = t.Name.Local
			}
			for _, a := range t.Attr {
				if a.Name.Local == "href" {
					refs = append(refs, Ref{rel, t.Name.Local + " href", a.Value})
				}
			}
		case xml.CharData:
			if inside != "" && strings.TrimSpace(string(t)) != "" {
				refs = append(refs, Ref{rel, inside, strings.TrimSpace(string(t))})
			}
		case xml.EndElement:
			inside = ""
		}
	}
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Namespace == "" && a.Key == key {
			return a.Val
		}
	}
	return ""
}
