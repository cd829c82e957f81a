package site

import (
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/pelletier/go-toml/v2"

	"github.com/notorious-markets-watch/nmw/generator/internal/browser"
	"github.com/notorious-markets-watch/nmw/generator/internal/sitetest"
)

// netlifyHeaders returns the headers netlify.toml sets on every page.
func netlifyHeaders(t *testing.T) http.Header {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(sitetest.Root(t), "netlify.toml"))
	if err != nil {
		t.Fatal(err)
	}
	var cfg struct {
		Headers []struct {
			For    string            `toml:"for"`
			Values map[string]string `toml:"values"`
		} `toml:"headers"`
	}
	if err := toml.Unmarshal(b, &cfg); err != nil {
		t.Fatal(err)
	}
	h := http.Header{}
	for _, r := range cfg.Headers {
		if r.For == "/*" {
			for k, v := range r.Values {
				h.Set(k, v)
			}
		}
	}
	csp := h.Get("Content-Security-Policy")
	if csp == "" || strings.Contains(csp, "unsafe-inline") || !strings.Contains(csp, "script-src 'self'") {
		t.Fatalf("netlify.toml must set a strict Content-Security-Policy on every page, got %q", csp)
	}
	return h
}

// watch is evaluated before any page script: it records calls to the payloads' alert() and
// every Content-Security-Policy violation, which would mean the page tried to run inline code.
const watch = `
window.__ran = [];
window.alert = window.confirm = window.prompt = (m) => { window.__ran.push(String(m)); };
window.__csp = [];
document.addEventListener("securitypolicyviolation", (e) => window.__csp.push(e.violatedDirective + " " + e.blockedURI));
`

// TestInjectionInBrowser opens every page of the injection fixture in Chromium, served with the
// headers netlify.toml sets, and checks that no payload ran, that the site's own code breaks no
// rule of the Content-Security-Policy, and that no link leads to a payload or listed host.
func TestInjectionInBrowser(t *testing.T) {
	browser.Path(t)
	header := netlifyHeaders(t)
	data := filepath.Join(sitetest.Root(t), "generator", "testdata", "injection")
	s := sitetest.Build(t, sitetest.Options{Data: data})
	base := browser.Serve(t, s.Public, header)
	ctx, console := browser.Start(t)
	if _, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: watch}); err != nil {
		t.Fatal(err)
	}

	var paths []string
	filepath.WalkDir(s.Public, func(p string, d fs.DirEntry, err error) error {
		if err == nil && d.Name() == "index.html" {
			rel, _ := filepath.Rel(s.Public, filepath.Dir(p))
			paths = append(paths, "/"+strings.TrimPrefix(filepath.ToSlash(rel)+"/", "./"))
		}
		return nil
	})
	// the check and search answer whatever is typed: give them payloads too
	paths = append(paths, "/?q=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E", "/?q=evil", "/search/?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E", "/search/?q=evil")
	if len(paths) < 10 {
		t.Fatalf("only %d pages", len(paths))
	}
	for _, p := range paths {
		err := chromedp.Do(ctx, chromedp.Navigate(base+p), chromedp.WaitReady(chromedp.CSS("body")), chromedp.Sleep(150*time.Millisecond))
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		ran, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`window.__ran`))
		if err != nil {
			t.Fatal(err)
		}
		if len(ran) > 0 {
			t.Errorf("%s: a payload ran: alert(%q)", p, ran)
		}
		csp, _ := chromedp.Run(ctx, chromedp.Evaluate[[]string](`window.__csp`))
		if len(csp) > 0 {
			t.Errorf("%s: Content-Security-Policy violations: %q", p, csp)
		}
		bad, _ := chromedp.Run(ctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll("a[href], area[href], [src], [action]")]
			.map(e => e.href || e.src || e.action)
			.filter(u => !/^https?:/.test(u) || /evil\.example|evilbay\.com|evilbay-proxy\.org/.test(u))`))
		if len(bad) > 0 {
			t.Errorf("%s: live links to payloads or listed domains: %q", p, bad)
		}
	}
	if problems := console.Problems(); len(problems) > 0 {
		t.Errorf("console errors: %q", problems)
	}
}
