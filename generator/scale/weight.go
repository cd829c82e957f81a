package main

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"text/tabwriter"

	"golang.org/x/net/html"

	"github.com/notorious-markets-watch/nmw/generator/internal/sitefiles"
	"github.com/notorious-markets-watch/nmw/generator/pipeline"
)

// weightBase is the base URL the real site is built with for the page-weight check.
const weightBase = "https://nmw.example/"

// MaxMarketPageGzip is the target for a market page with everything it loads, gzipped.
const MaxMarketPageGzip = 20 * 1024

// MaxRealBuildSeconds is the target for building the real data in every language: generator and
// Hugo, preview cards on a warm cache (a later deploy).
const MaxRealBuildSeconds = 3.0

// pageWeight builds the real data/ and reports what a browser loads for the home page, the
// heaviest market page and the heaviest year page. A request to any other host is an error.
func pageWeight(root, self, hugoBin, dir string) error {
	site := filepath.Join(dir, "site")
	if err := copySite(root, site); err != nil {
		return err
	}
	// As a deploy builds it: the committed content/ (hand-written pages too), which the
	// generator then brings up to date (writing nothing when it is), and the open data.
	if err := sitefiles.CopyTree(filepath.Join(root, "content"), filepath.Join(site, "content")); err != nil {
		return err
	}
	gen, err := measure(root, nil, self, childFlag, filepath.Join(root, "data"), filepath.Join(site, "content"))
	if err != nil {
		return err
	}
	// The real site's build time, in every language: with the preview cards on an empty and on
	// a warm image cache, and without them.
	all := allLanguages
	allLanguages = true
	defer func() { allLanguages = all }()
	public := filepath.Join(dir, "public")
	cold, err := measure(site, pipeline.HugoEnv(), hugoBin, append(hugoArgs(dir, "cache", public, true), "--baseURL", weightBase)...)
	if err != nil {
		return err
	}
	warm, err := measure(site, pipeline.HugoEnv(), hugoBin, append(hugoArgs(dir, "cache", filepath.Join(dir, "public-warm"), true), "--baseURL", weightBase)...)
	if err != nil {
		return err
	}
	if err := writeNoCards(site); err != nil {
		return err
	}
	plain, err := measure(site, pipeline.HugoEnv(), hugoBin, append(hugoArgs(dir, "cache-nocards", filepath.Join(dir, "public-nocards"), false), "--baseURL", weightBase)...)
	if err != nil {
		return err
	}
	pages, _, err := countOutput(public)
	if err != nil {
		return err
	}
	fmt.Printf("Real data (%d HTML pages, %d preview cards): generator %.2fs (with process start); Hugo %.2fs with cards on a cold cache, %.2fs warm, %.2fs without cards (peak %.0f MB); generator + Hugo warm %.2fs\n",
		pages, countFiles(public, "og.png"), gen.seconds, cold.seconds, warm.seconds, plain.seconds, warm.peakMB, gen.seconds+warm.seconds)
	printTarget(gen.seconds+warm.seconds <= MaxRealBuildSeconds, "real data in every language, generator + Hugo (warm cards) %.2fs ≤ %.0fs", gen.seconds+warm.seconds, MaxRealBuildSeconds)
	fmt.Println()
	market, err := heaviest(public, "markets")
	if err != nil {
		return err
	}
	year, err := heaviest(public, "years")
	if err != nil {
		return err
	}
	fmt.Println("Page weight at real size (everything the page loads; gzip level 6):")
	tw := tabwriter.NewWriter(os.Stdout, 0, 0, 1, ' ', tabwriter.AlignRight|tabwriter.Debug)
	fmt.Fprintln(tw, "page\trequests\tHTML B\tCSS B\tJS B\tJSON B\tother B\ttotal B\ttotal gzip B\t")
	var marketGzip int
	for _, p := range []struct{ label, path string }{{"home", "/"}, {"heaviest market " + market, market}, {"heaviest year " + year, year}} {
		w, err := weigh(public, p.path)
		if err != nil {
			return err
		}
		if p.path == market {
			marketGzip = w.gzip
		}
		fmt.Fprintf(tw, "%s\t%d\t%s\t%s\t%s\t%s\t%s\t%d\t%d\t\n", p.label, w.requests,
			w.kind("html"), w.kind("css"), w.kind("js"), w.kind("json"), w.kind("other"), w.raw, w.gzip)
	}
	tw.Flush()
	printTarget(marketGzip <= MaxMarketPageGzip, "market page %d B gzipped with everything it loads ≤ %d B", marketGzip, MaxMarketPageGzip)
	return nil
}

// heaviest returns the URL path of the largest page below section.
func heaviest(public, section string) (string, error) {
	matches, err := filepath.Glob(filepath.Join(public, section, "*", "index.html"))
	if err != nil || len(matches) == 0 {
		return "", fmt.Errorf("no pages in %s/: %v", section, err)
	}
	sort.Strings(matches)
	best, size := "", int64(-1)
	for _, m := range matches {
		if st, err := os.Stat(m); err == nil && st.Size() > size {
			best, size = m, st.Size()
		}
	}
	rel, _ := filepath.Rel(public, filepath.Dir(best))
	return "/" + filepath.ToSlash(rel) + "/", nil
}

type weight struct {
	requests, raw, gzip int
	byKind              map[string][2]int
}

func (w weight) kind(k string) string {
	v := w.byKind[k]
	return fmt.Sprintf("%d (%d gz)", v[0], v[1])
}

var cssURL = regexp.MustCompile(`url\(\s*['"]?([^'")]+)['"]?\s*\)|@import\s+['"]([^'"]+)['"]`)

// weigh follows a page's subresources (stylesheets, scripts, images, frames, fonts and what CSS
// imports) and sums their sizes, as a browser without a cache would load them.
func weigh(public, page string) (weight, error) {
	base, _ := url.Parse(weightBase)
	w := weight{byKind: map[string][2]int{}}
	seen := map[string]bool{}
	queue := []string{strings.TrimSuffix(base.String(), "/") + page}
	for len(queue) > 0 {
		raw := queue[0]
		queue = queue[1:]
		u, err := url.Parse(raw)
		if err != nil {
			return w, err
		}
		if u.Scheme == "data" {
			continue
		}
		if u.Host != base.Host || (u.Scheme != "" && u.Scheme != base.Scheme) {
			return w, fmt.Errorf("page %s loads %s from another host: no third-party requests are allowed", page, raw)
		}
		u.Fragment = ""
		if seen[u.Path] {
			continue
		}
		seen[u.Path] = true
		file := filepath.Join(public, filepath.FromSlash(path.Clean(u.Path)))
		if strings.HasSuffix(u.Path, "/") {
			file = filepath.Join(file, "index.html")
		}
		body, err := os.ReadFile(file)
		if err != nil {
			return w, fmt.Errorf("page %s loads %s, which the build does not have: %v", page, raw, err)
		}
		var gz bytes.Buffer
		zw, _ := gzip.NewWriterLevel(&gz, 6)
		zw.Write(body)
		zw.Close()
		kind := "other"
		switch ext := path.Ext(file); ext {
		case ".html":
			kind = "html"
		case ".css":
			kind = "css"
		case ".js", ".mjs":
			kind = "js"
		case ".json", ".webmanifest":
			kind = "json"
		}
		v := w.byKind[kind]
		w.byKind[kind] = [2]int{v[0] + len(body), v[1] + gz.Len()}
		w.requests++
		w.raw += len(body)
		w.gzip += gz.Len()
		var refs []string
		switch kind {
		case "html":
			if refs, err = htmlRefs(body, len(seen) == 1); err != nil {
				return w, err
			}
		case "css":
			for _, m := range cssURL.FindAllStringSubmatch(string(body), -1) {
				refs = append(refs, m[1]+m[2])
			}
		}
		for _, r := range refs {
			ref, err := u.Parse(strings.TrimSpace(r))
			if err != nil {
				return w, fmt.Errorf("page %s: bad URL %q: %v", page, r, err)
			}
			queue = append(queue, ref.String())
		}
	}
	return w, nil
}

// htmlRefs lists the URLs an HTML document makes a browser load. Frames are followed only from
// the page itself.
func htmlRefs(doc []byte, top bool) ([]string, error) {
	z := html.NewTokenizer(bytes.NewReader(doc))
	var refs []string
	for {
		switch z.Next() {
		case html.ErrorToken:
			if errors.Is(z.Err(), io.EOF) {
				return refs, nil
			}
			return refs, z.Err()
		case html.StartTagToken, html.SelfClosingTagToken:
			t := z.Token()
			attr := map[string]string{}
			for _, a := range t.Attr {
				attr[a.Key] = a.Val
			}
			switch t.Data {
			case "link":
				rel := " " + strings.ToLower(attr["rel"]) + " "
				for _, r := range []string{" stylesheet ", " icon ", " preload ", " modulepreload ", " manifest ", " apple-touch-icon "} {
					if strings.Contains(rel, r) && attr["href"] != "" {
						refs = append(refs, attr["href"])
						break
					}
				}
			case "script", "img", "source", "audio", "video", "embed", "track", "input":
				if v := attr["src"]; v != "" {
					refs = append(refs, v)
				}
				if v := attr["poster"]; v != "" {
					refs = append(refs, v)
				}
				for _, c := range strings.Split(attr["srcset"], ",") {
					if f := strings.Fields(c); len(f) > 0 {
						refs = append(refs, f[0])
					}
				}
			case "iframe", "frame":
				if v := attr["src"]; v != "" && top {
					refs = append(refs, v)
				}
			case "object":
				if v := attr["data"]; v != "" {
					refs = append(refs, v)
				}
			}
			if v := attr["style"]; v != "" {
				for _, m := range cssURL.FindAllStringSubmatch(v, -1) {
					refs = append(refs, m[1]+m[2])
				}
			}
		}
	}
}
