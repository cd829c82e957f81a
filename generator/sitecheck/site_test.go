package sitecheck_test

import (
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"

	"golang.org/x/net/html"

	"github.com/notorious-markets-watch/nmw/generator/internal/sitetest"
	"github.com/notorious-markets-watch/nmw/generator/sitecheck"
)

// Base URLs the site is built with: a GitHub Pages project site (a sub-path) and a root.
const (
	subPathURL = "https://example.github.io/watch/"
	rootURL    = "https://nmw.example.org/"
)

var (
	builds   = map[string]*sitetest.Site{}
	buildsMu sync.Mutex
)

// built builds the whole site (real data and the hand-written pages) once per base URL.
func built(t *testing.T, baseURL string) *sitetest.Site {
	t.Helper()
	buildsMu.Lock()
	defer buildsMu.Unlock()
	if s := builds[baseURL]; s != nil {
		return s
	}
	// The build outlives the test that made it: other tests read it.
	s := sitetest.Build(&keepTB{t}, sitetest.Options{BaseURL: baseURL, HandWritten: true})
	builds[baseURL] = s
	return s
}

// keepTB gives the build a temporary folder that is not removed when the first test ends.
type keepTB struct{ *testing.T }

func (k *keepTB) TempDir() string {
	dir, err := os.MkdirTemp("", "nmw-sitecheck-")
	if err != nil {
		k.Fatal(err)
	}
	return dir
}

func TestMain(m *testing.M) {
	code := m.Run()
	for _, s := range builds {
		os.RemoveAll(s.Dir)
	}
	os.Exit(code)
}

// TestNoBrokenReferences: built for a sub-path and for a root, every internal link, image,
// stylesheet, script and data file a page, the sitemap or the feed references exists.
func TestNoBrokenReferences(t *testing.T) {
	for _, base := range []string{subPathURL, rootURL} {
		t.Run(base, func(t *testing.T) {
			s := built(t, base)
			rep, err := sitecheck.Check(s.Public, base)
			if err != nil {
				t.Fatal(err)
			}
			for _, b := range rep.Broken {
				t.Error(b)
			}
			t.Logf("%d pages, %d internal references, %d broken", rep.Pages, rep.Internal, len(rep.Broken))
			if rep.Pages < 100 || rep.Internal < 1000 {
				t.Errorf("only %d pages and %d references checked: the build looks empty", rep.Pages, rep.Internal)
			}
			data := s.Read(t, "data/index.html")
			basePath := strings.TrimPrefix(base, "https://"+hostOf(base))
			for _, f := range []string{"data/nmw.json", "data/listings.csv", "api/domains.json", "data/editions/ustr-2024.json"} {
				sitetest.Contains(t, "Data page", data, `href="`+basePath+f+`"`)
			}
		})
	}
}

func hostOf(base string) string {
	u, _ := url.Parse(base)
	return u.Host
}

// TestNotFoundPageWorksAtAnyDepth: hosts serve 404.html for a missing address at any depth,
// so its references must be absolute or start at the root, never relative.
func TestNotFoundPageWorksAtAnyDepth(t *testing.T) {
	s := built(t, subPathURL)
	refs, err := sitecheck.HTMLRefs(filepath.Join(s.Public, "404.html"), "404.html")
	if err != nil {
		t.Fatal(err)
	}
	if len(refs) < 3 {
		t.Fatalf("404.html has %d references: is it the real page?", len(refs))
	}
	for _, r := range refs {
		if !strings.HasPrefix(r.URL, "#") && !strings.HasPrefix(r.URL, "/watch/") && !strings.HasPrefix(r.URL, subPathURL) && !strings.Contains(r.URL, "://") {
			t.Errorf("404.html: %s %q would break when served below another path", r.Attr, r.URL)
		}
	}
	sitetest.Contains(t, "404.html", s.Read(t, "404.html"), "Page not found")
}

// TestOutputPathsAreSafe: GitHub Pages is case-sensitive and, served from a branch, skips
// paths starting with "_"; every output path is lower-case ASCII without such a segment.
func TestOutputPathsAreSafe(t *testing.T) {
	s := built(t, subPathURL)
	ok := regexp.MustCompile(`^([a-z0-9][a-z0-9._-]*|\.well-known)$`)
	n := 0
	filepath.WalkDir(s.Public, func(p string, d fs.DirEntry, err error) error {
		if err != nil || p == s.Public {
			return err
		}
		n++
		// The browser extension's unpacked copy must have _locales/<locale> (zh_CN), names the
		// browsers fix; the zip carries them too, so a host that skips them loses no page.
		rel, _ := filepath.Rel(s.Public, p)
		if strings.HasPrefix(filepath.ToSlash(rel), "extension/nmw-check/_locales") {
			return nil
		}
		if !ok.MatchString(d.Name()) {
			t.Errorf("output path %s: not lower-case ASCII, or starts with _ or .", filepath.ToSlash(rel))
		}
		return nil
	})
	if n < 100 {
		t.Errorf("only %d output paths", n)
	}
}

// TestPagesObeyTheCSP: the Content-Security-Policy forbids inline scripts and styles, so no
// page may have one, and every script and stylesheet comes from the site.
func TestPagesObeyTheCSP(t *testing.T) {
	s := built(t, subPathURL)
	pages := 0
	filepath.WalkDir(s.Public, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		pages++
		rel, _ := filepath.Rel(s.Public, p)
		f, err := os.Open(p)
		if err != nil {
			return err
		}
		defer f.Close()
		doc, err := html.Parse(f)
		if err != nil {
			t.Errorf("%s: %v", rel, err)
			return nil
		}
		for n := range doc.Descendants() {
			if n.Type != html.ElementNode {
				continue
			}
			attrs := map[string]string{}
			for _, a := range n.Attr {
				attrs[a.Key] = a.Val
				if strings.HasPrefix(a.Key, "on") || a.Key == "style" {
					t.Errorf("%s: <%s %s> is inline code the CSP blocks", rel, n.Data, a.Key)
				}
			}
			switch n.Data {
			case "style":
				t.Errorf("%s: <style> element: the CSP blocks inline styles", rel)
			case "script":
				if attrs["src"] == "" && attrs["type"] != "application/ld+json" {
					t.Errorf("%s: inline <script>: the CSP blocks it", rel)
				}
				if strings.Contains(attrs["src"], "://") && !strings.HasPrefix(attrs["src"], subPathURL) {
					t.Errorf("%s: script from another site: %s", rel, attrs["src"])
				}
			case "link":
				if attrs["rel"] == "stylesheet" && strings.Contains(attrs["href"], "://") && !strings.HasPrefix(attrs["href"], subPathURL) {
					t.Errorf("%s: stylesheet from another site: %s", rel, attrs["href"])
				}
			}
		}
		return nil
	})
	if pages < 100 {
		t.Errorf("only %d pages read", pages)
	}
}

// TestImmutableCacheOnlyForFingerprints: netlify.toml caches some paths for a year; every file
// there must carry the SHA-256 of its content in its name, or visitors would keep stale copies.
func TestImmutableCacheOnlyForFingerprints(t *testing.T) {
	s := built(t, subPathURL)
	hashed := regexp.MustCompile(`\.([0-9a-f]{64})\.[a-z0-9]+$`)
	checked := 0
	for _, h := range readNetlify(t).Headers {
		if !strings.Contains(h.Values["Cache-Control"], "immutable") {
			continue
		}
		if !strings.HasSuffix(h.For, "/*") {
			t.Errorf("immutable cache for %q: only whole asset folders may be immutable", h.For)
			continue
		}
		dir := filepath.Join(s.Public, filepath.FromSlash(strings.TrimSuffix(strings.TrimPrefix(h.For, "/"), "/*")))
		filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if os.IsNotExist(err) {
				return nil
			}
			if err != nil || d.IsDir() {
				return err
			}
			checked++
			m := hashed.FindStringSubmatch(path.Base(filepath.ToSlash(p)))
			b, _ := os.ReadFile(p)
			sum := sha256.Sum256(b)
			if m == nil || m[1] != hex.EncodeToString(sum[:]) {
				t.Errorf("%s is cached as immutable but its name does not carry its content's hash", p)
			}
			return nil
		})
	}
	if checked == 0 {
		t.Error("no fingerprinted file found below the immutable paths: is the stylesheet fingerprinted?")
	}
}

// TestSharedPagesHavePreviews: canonical address and OpenGraph tags on every kind of page,
// absolute and below the base URL.
func TestSharedPagesHavePreviews(t *testing.T) {
	s := built(t, subPathURL)
	for _, p := range []struct{ file, url, title string }{
		{"index.html", subPathURL, "Notorious Markets Watch"},
		{"markets/taobao/index.html", subPathURL + "markets/taobao/", "Taobao"},
		{"years/2024/index.html", subPathURL + "years/2024/", "2024"},
		{"data/index.html", subPathURL + "data/", "Open data"},
	} {
		page := s.Read(t, p.file)
		sitetest.Contains(t, p.file, page,
			`<link rel="canonical" href="`+p.url+`">`,
			`<meta property="og:url" content="`+p.url+`">`,
			`<meta property="og:title" content="`+p.title+`">`,
			`<meta property="og:description" content="`,
			`<meta property="og:site_name" content="Notorious Markets Watch">`,
			`<link rel="alternate" type="application/rss+xml" href="/watch/index.xml"`,
		)
	}
}
