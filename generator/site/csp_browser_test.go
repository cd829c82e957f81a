package site

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/notorious-markets-watch/nmw/generator/internal/browser"
	"github.com/notorious-markets-watch/nmw/generator/internal/sitetest"
)

// TestCSPMetaBlocksInlineScript: served without any header, as GitHub Pages serves it, a built
// page's <meta http-equiv="Content-Security-Policy"> stops an inline script and an inline event
// handler injected into its body. The same page without the meta runs both, so the test would
// notice if the injection itself were broken.
func TestCSPMetaBlocksInlineScript(t *testing.T) {
	browser.Path(t)
	s := sitetest.Build(t, fixtureOptions) // its own: the test adds pages to it
	meta := regexp.MustCompile(`<meta http-equiv="?Content-Security-Policy"? content="[^"]*">`)
	const payload = `<script>window.alert("inline script")</script><img src="missing.png" onerror="window.alert('event handler')">`
	for _, p := range []string{"index.html", "markets/taobao/index.html"} {
		b, err := os.ReadFile(filepath.Join(s.Public, filepath.FromSlash(p)))
		if err != nil {
			t.Fatal(err)
		}
		src := string(b)
		if !meta.MatchString(src) {
			t.Fatalf("%s has no CSP meta", p)
		}
		injected := strings.Replace(src, "<body>", "<body>"+payload, 1)
		if injected == src {
			t.Fatalf("%s: no <body> to inject into", p)
		}
		dir := filepath.Dir(filepath.Join(s.Public, filepath.FromSlash(p)))
		if err := os.WriteFile(filepath.Join(dir, "injected.html"), []byte(injected), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "control.html"), []byte(meta.ReplaceAllString(injected, "")), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	base := browser.Serve(t, s.Public, nil)
	ctx, _ := browser.Start(t)
	if _, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: watch}); err != nil {
		t.Fatal(err)
	}
	load := func(path string) (ran, violations []string) {
		t.Helper()
		if err := chromedp.Do(ctx, chromedp.Navigate(base+path), chromedp.WaitReady(chromedp.CSS("body")), chromedp.Sleep(300*time.Millisecond)); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		ran, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`window.__ran`))
		if err != nil {
			t.Fatal(err)
		}
		violations, err = chromedp.Run(ctx, chromedp.Evaluate[[]string](`window.__csp`))
		if err != nil {
			t.Fatal(err)
		}
		return ran, violations
	}
	for _, dir := range []string{"/", "/markets/taobao/"} {
		if ran, _ := load(dir + "control.html"); len(ran) != 2 {
			t.Errorf("%scontrol.html (no CSP meta): the injected code ran %q, want both payloads: the test injects nothing", dir, ran)
		}
		ran, violations := load(dir + "injected.html")
		if len(ran) > 0 {
			t.Errorf("%sinjected.html: the CSP meta let injected code run: %q", dir, ran)
		}
		if len(violations) < 2 {
			t.Errorf("%sinjected.html: %d CSP violations reported (%q), want the script and the handler blocked", dir, len(violations), violations)
		}
		if ran, violations := load(dir); len(ran) > 0 || len(violations) > 0 {
			t.Errorf("%s: the page itself breaks its CSP meta: ran %q, violations %q", dir, ran, violations)
		}
	}
}
