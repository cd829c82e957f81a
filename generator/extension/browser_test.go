package extension_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/target"
	"github.com/chromedp/chromedp"

	"github.com/notorious-markets-watch/nmw/generator/domain"
	"github.com/notorious-markets-watch/nmw/generator/extension"
	"github.com/notorious-markets-watch/nmw/generator/internal/browser"
	"github.com/notorious-markets-watch/nmw/generator/internal/sitetest"
	"github.com/notorious-markets-watch/nmw/generator/model"
	"github.com/notorious-markets-watch/nmw/generator/pipeline"
)

const testSite = "https://example.org/watch/"

// fixture loads the fixture data tree.
func fixture(t *testing.T) *model.Site {
	t.Helper()
	site, problems, err := pipeline.Load(filepath.Join("..", "testdata", "fixture"), sitetest.Today)
	if err != nil || len(problems) > 0 {
		t.Fatalf("load fixture: %v %v", err, problems)
	}
	return site
}

// unpacked writes the fixture's extension into a folder and returns it.
func unpacked(t *testing.T, site *model.Site) string {
	t.Helper()
	files, err := extension.Files(site, testSite)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for _, f := range files {
		p := filepath.Join(dir, filepath.FromSlash(f.Path))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil { // _locales/<lang>/
			t.Fatal(err)
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// visit is one address the test opens, with the badge and popup text it expects.
type visit struct {
	name, host string
	badge      string
	popup      []string // phrases the popup must say
	notPopup   []string // phrases it must not say
}

// extensionBrowser starts Chromium with the extension loaded and every test host resolved to
// the local server, and returns the first tab's context, the extension's id and its service
// worker's context.
func extensionBrowser(t *testing.T, dir string, hosts []string, port string, more ...chromedp.ExecAllocatorOption) (ctx context.Context, id string, sw context.Context) {
	t.Helper()
	var rules []string
	for _, h := range hosts {
		rules = append(rules, "MAP "+h+" 127.0.0.1")
	}
	ctx, _ = browser.StartWith(t, append([]chromedp.ExecAllocatorOption{
		chromedp.Flag("headless", "new"),
		chromedp.Flag("load-extension", dir),
		chromedp.Flag("disable-extensions-except", dir),
		chromedp.Flag("disable-features", "DisableLoadExtensionCommandLineSwitch"),
		chromedp.Flag("host-resolver-rules", strings.Join(rules, ", ")),
		chromedp.Flag("ignore-certificate-errors", true),
	}, more...)...)
	var worker *target.Info
	deadline := time.Now().Add(20 * time.Second)
	for worker == nil && time.Now().Before(deadline) {
		infos, err := chromedp.Targets(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for _, i := range infos {
			if i.Type == "service_worker" && strings.HasPrefix(i.URL, "chrome-extension://") && strings.HasSuffix(i.URL, "/background.js") {
				worker = i
			}
		}
		time.Sleep(100 * time.Millisecond)
	}
	if worker == nil {
		t.Fatal("the extension's service worker did not start: is --load-extension supported by this Chromium?")
	}
	id = strings.TrimPrefix(worker.URL, "chrome-extension://")
	id = id[:strings.IndexByte(id, '/')]
	sw, cancel := chromedp.NewContext(ctx, chromedp.WithTargetID(worker.TargetID))
	t.Cleanup(cancel)
	return ctx, id, sw
}

// requests records the addresses a target asks for, through CDP network events.
type requests struct {
	mu   sync.Mutex
	urls []string
}

func (r *requests) listen(t *testing.T, ctx context.Context) {
	t.Helper()
	err := chromedp.Listen(ctx, func(ev any) {
		if e, ok := ev.(*network.EventRequestWillBeSent); ok {
			r.mu.Lock()
			r.urls = append(r.urls, e.Request.URL)
			r.mu.Unlock()
		}
	})
	if err == nil {
		_, err = chromedp.Call(ctx, network.Enable, network.EnableParams{})
	}
	if err != nil {
		t.Fatalf("network events: %v", err)
	}
}

func (r *requests) list() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]string(nil), r.urls...)
}

// bayPage is Fixture Bay's page on the test site, which the popup links to.
const bayPage = "https://example.org/watch/markets/fixture-bay/"

// testVisits are the sites the browser tests visit, with the badge and popup text each should
// get from the fixture's extension.
func testVisits(t *testing.T, site *model.Site) []visit {
	t.Helper()
	idn, err := domain.Canonical("бухта.рф")
	if err != nil {
		t.Fatal(err)
	}
	// How much of each list's latest edition is recorded, as i18n/en.toml says it.
	coverage := []string{"2021 USTR list: all 3 of its markets recorded",
		"2020 EU list: 1 market recorded so far; its official count is not published in what we could read"}
	notFound := []string{"Not among the 4 markets recorded here", coverage[0] + ".", coverage[1] + ".",
		"Not recorded here does not mean not on a list.", "Before you buy, check:",
		"a way to pay that lets you dispute the charge"}
	visits := []visit{
		{name: "listed domain", host: "fixturebay.com", badge: "!", popup: []string{
			"On a current list: Fixture Bay", "fixturebay.com is a domain of Fixture Bay.",
			"USTR Notorious Markets List: editions 2019–2021.", "EU Counterfeit and Piracy Watch List: editions 2020.",
			"Listed in the latest USTR edition (2021).", "Listed in the latest EU edition (2020).",
			"not court findings", "What the reports said about Fixture Bay"}},
		{name: "look-alike", host: "fixturebay.com.evil.net", badge: "", popup: append([]string{
			"fixturebay.com.evil.net is not among the 4 markets",
			"Careful: this address contains fixturebay.com, a listed domain, but it is a different site."}, notFound...),
			notPopup: []string{"Fixture Bay"}},
		{name: "subdomain", host: "www.shoporama.com.cn", badge: "!", popup: []string{
			"On a current list: Shop-o-Rama", "www.shoporama.com.cn belongs to shoporama.com.cn, which is a domain of Shop-o-Rama.",
			"Listed in the latest USTR edition (2021).",
			"Not known for the latest EU edition (2020): it is only partly recorded here (" + coverage[1] + "), so this says nothing either way."}},
		{name: "unlisted", host: "www.example-shop.org", badge: "", popup: append([]string{"www.example-shop.org is not among the 4 markets"}, notFound...),
			notPopup: []string{"Careful"}},
		{name: "mirror", host: "fixturebay-proxy.org", badge: "!", popup: []string{
			"On a current list: Fixture Bay", "fixturebay-proxy.org is a mirror domain of Fixture Bay."}},
		{name: "former domain", host: "fixturebay.net", badge: "!", popup: []string{
			"On a current list: Fixture Bay", "fixturebay.net is a former domain of Fixture Bay."}},
		{name: "IDN", host: idn, badge: "!", popup: []string{
			"On a current list: Fixture Bay", "бухта.рф is a mirror domain of Fixture Bay."}},
		{name: "formerly listed", host: "shop.oldlocker.com", badge: "!", popup: []string{
			"Listed before: Old Locker", "shop.oldlocker.com belongs to oldlocker.com, which is a former domain of Old Locker.",
			"Not listed in the latest USTR edition (2021), whose online section is fully recorded here.",
			"Not known for the latest EU edition (2020)"},
			// Not "formerly": the EU edition is only partly recorded.
			notPopup: []string{"Formerly"}},
		{name: "unlisted after a listed site", host: "shop.example.net", badge: "", popup: []string{"shop.example.net is not among the 4 markets"}},
	}
	return visits
}

// TestExtensionInChromium loads the extension into headless Chromium, visits listed and
// unlisted sites (resolved to a local server) and checks the badge, which the service worker
// reports, and the popup's text; and that nothing but the test pages is requested.
func TestExtensionInChromium(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test")
	}
	browser.Path(t)
	site := fixture(t)
	dir := unpacked(t, site)

	var mu sync.Mutex
	var served []string
	srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		served = append(served, r.Host+r.URL.Path)
		mu.Unlock()
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprintf(w, "<!doctype html><html lang=en><title>A shop</title><link rel=icon href=data:,><p>A test page on %s</p></html>", r.Host)
	}))
	t.Cleanup(srv.Close)
	_, port, _ := net.SplitHostPort(strings.TrimPrefix(srv.URL, "https://"))

	visits := testVisits(t, site)
	var hosts []string
	for _, v := range visits {
		hosts = append(hosts, v.host)
	}
	ctx, id, sw := extensionBrowser(t, dir, hosts, port)
	var pageReqs, swReqs requests
	pageReqs.listen(t, ctx)
	swReqs.listen(t, sw)

	popupCtx, cancel := chromedp.NewContext(ctx)
	defer cancel()
	var popupReqs requests
	if err := chromedp.Do(popupCtx); err != nil {
		t.Fatal(err)
	}
	popupReqs.listen(t, popupCtx)

	for _, v := range visits {
		addr := "https://" + v.host + ":" + port + "/"
		if err := chromedp.Do(ctx, chromedp.Navigate(addr), chromedp.WaitVisible(chromedp.CSS("p"))); err != nil {
			t.Fatalf("%s: visit %s: %v", v.name, addr, err)
		}
		// The worker sets the badge when the tab's address changes; wait for it.
		var tab struct {
			ID    int64  `json:"id"`
			Badge string `json:"badge"`
		}
		for try := 0; ; try++ {
			raw, err := chromedp.Run(sw, chromedp.Evaluate[string](fmt.Sprintf(`chrome.tabs.query({}).then(async (tabs) => {
				const t = tabs.find((t) => t.url === %q);
				return JSON.stringify(t ? {id: t.id, badge: await chrome.action.getBadgeText({tabId: t.id})} : {});
			})`, addr), chromedp.EvalAwaitPromise))
			if err != nil {
				t.Fatalf("%s: ask the service worker: %v", v.name, err)
			}
			if err := json.Unmarshal([]byte(raw), &tab); err != nil {
				t.Fatal(err)
			}
			if (tab.ID != 0 && tab.Badge == v.badge) || try == 50 {
				break
			}
			time.Sleep(100 * time.Millisecond)
		}
		if tab.ID == 0 {
			t.Fatalf("%s: the service worker sees no tab at %s", v.name, addr)
		}
		if tab.Badge != v.badge {
			t.Errorf("%s (%s): badge %q, want %q", v.name, v.host, tab.Badge, v.badge)
		}

		err := chromedp.Do(popupCtx,
			chromedp.Navigate(fmt.Sprintf("chrome-extension://%s/popup.html?tab=%d", id, tab.ID)),
			chromedp.WaitVisible(chromedp.CSS(`main[data-ready="true"]`)))
		var text, href string
		if err == nil {
			text, err = chromedp.Run(popupCtx, chromedp.Text(chromedp.CSS("body")))
		}
		if err == nil {
			href, err = chromedp.Run(popupCtx, chromedp.Evaluate[string](`(document.querySelector("p.more a") || {}).href || ""`))
		}
		if err != nil {
			t.Fatalf("%s: popup: %v", v.name, err)
		}
		text = strings.Join(strings.Fields(text), " ")
		t.Logf("%s: badge %q; popup: %s", v.name, tab.Badge, text)
		for _, want := range v.popup {
			if !strings.Contains(text, want) {
				t.Errorf("%s (%s): popup does not say %q; it says:\n%s", v.name, v.host, want, text)
			}
		}
		for _, not := range v.notPopup {
			if strings.Contains(text, not) {
				t.Errorf("%s (%s): popup says %q; it says:\n%s", v.name, v.host, not, text)
			}
		}
		if v.badge != "" && strings.Contains(v.popup[0], "Fixture Bay") && href != bayPage {
			t.Errorf("%s: popup links %q, want the market's page %s", v.name, href, bayPage)
		}
		if v.name == "listed domain" || v.name == "look-alike" || v.name == "formerly listed" {
			t.Run(v.name+"/keyboard", func(t *testing.T) { keyboard(t, popupCtx) })
			t.Run(v.name+"/axe", func(t *testing.T) { accessible(t, popupCtx) })
		}
	}

	// Nothing but the test pages: the tab asked only for the addresses visited, the worker and
	// the popup for nothing outside the extension.
	visited := map[string]bool{}
	for _, v := range visits {
		visited["https://"+v.host+":"+port+"/"] = true
	}
	for _, u := range pageReqs.list() {
		if !visited[u] {
			t.Errorf("the tab requested %s, which is not a test page", u)
		}
	}
	if len(pageReqs.list()) < len(visits) {
		t.Errorf("network events saw %d requests for %d visits: are they recorded?", len(pageReqs.list()), len(visits))
	}
	for who, r := range map[string]*requests{"service worker": &swReqs, "popup": &popupReqs} {
		for _, u := range r.list() {
			if !strings.HasPrefix(u, "chrome-extension://"+id+"/") {
				t.Errorf("the %s requested %s, outside the extension", who, u)
			}
		}
	}
	if len(popupReqs.list()) == 0 {
		t.Error("network events saw no request from the popup, not even its own files: are they recorded?")
	}
	mu.Lock()
	defer mu.Unlock()
	for _, s := range served {
		if !visited["https://"+s] {
			t.Errorf("the server was asked for %s, which is not a test page", s)
		}
	}
}

// keyboard checks that Tab reaches the popup's links, with a visible focus outline.
func keyboard(t *testing.T, ctx context.Context) {
	if err := chromedp.Do(ctx, chromedp.KeyEvent("\t")); err != nil {
		t.Fatal(err)
	}
	got, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(() => {
		const a = document.activeElement;
		return a.tagName + " " + a.textContent + " " + getComputedStyle(a).outlineStyle;
	})()`))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(got, "A ") || strings.HasSuffix(got, " none") {
		t.Errorf("after Tab the focus is on %q, want a link with a visible outline", got)
	}
}

// accessible runs axe-core on the popup in the light and the dark colour scheme and allows no
// serious or critical violation.
func accessible(t *testing.T, ctx context.Context) {
	path := filepath.Join(sitetest.Root(t), "generator", "site", "testdata", "axe", "node_modules", "axe-core", "axe.min.js")
	axe, err := os.ReadFile(path)
	if err != nil {
		t.Skipf("axe-core is not installed (%v): run npm ci --prefix generator/site/testdata/axe", err)
	}
	for _, scheme := range []string{"light", "dark"} {
		media := emulation.SetEmulatedMediaParams{Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}}}
		if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, media); err != nil {
			t.Fatal(err)
		}
		raw, err := chromedp.Run(ctx, chromedp.Evaluate[string](string(axe)+`;
			axe.run(document, {resultTypes: ["violations"]}).then(r => JSON.stringify(r.violations))`,
			chromedp.EvalAwaitPromise))
		if err != nil {
			t.Fatal(err)
		}
		var violations []struct {
			ID, Impact, Help string
			Nodes            []struct{ HTML string }
		}
		if err := json.Unmarshal([]byte(raw), &violations); err != nil {
			t.Fatal(err)
		}
		for _, v := range violations {
			t.Logf("%s: axe: %s (%s): %s", scheme, v.ID, v.Impact, v.Help)
			if v.Impact == "serious" || v.Impact == "critical" {
				var where []string
				for _, n := range v.Nodes {
					where = append(where, n.HTML)
				}
				t.Errorf("%s: %s (%s): %s\n  %s", scheme, v.ID, v.Impact, v.Help, strings.Join(where, "\n  "))
			}
		}
	}
	if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{}); err != nil {
		t.Fatal(err)
	}
}

// TestExtensionLanguages starts Chromium in Spanish and in Chinese (--lang and LANGUAGE, which
// Chromium on Linux reads) and checks that the popup, its lang and links, and the badge's title
// are in that language, from _locales.
func TestExtensionLanguages(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test")
	}
	browser.Path(t)
	dir := unpacked(t, fixture(t))
	srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, "<!doctype html><html lang=en><title>A shop</title><link rel=icon href=data:,><p>A test page</p></html>")
	}))
	t.Cleanup(srv.Close)
	_, port, _ := net.SplitHostPort(strings.TrimPrefix(srv.URL, "https://"))
	for _, c := range []struct {
		flag, env, lang   string
		popup, notFound   []string
		badge, marketLink string
	}{
		{flag: "es", env: "es_ES.UTF-8", lang: "es",
			popup: []string{"En una lista vigente: Fixture Bay", "fixturebay.com es un dominio de Fixture Bay.",
				"En la lista de la última edición del USTR (2021).", "Counterfeit and Piracy Watch List de la UE: ediciones 2020.", "no son sentencias judiciales",
				"Lo que dijeron los informes sobre Fixture Bay", "Comprobado dentro de su navegador"},
			notFound: []string{"No está entre los 4 mercados registrados aquí", "lista de la UE de 2020: 1 mercado registrado por ahora",
				"Antes de comprar, compruebe"},
			badge:      "Fixture Bay está en una lista de vigilancia vigente: abra para ver lo que se señaló",
			marketLink: "https://example.org/watch/es/markets/fixture-bay/"},
		{flag: "zh-CN", env: "zh_CN.UTF-8", lang: "zh-Hans",
			popup: []string{"在现行名单上：Fixture Bay", "fixturebay.com 是 Fixture Bay 的域名。",
				"被列入最新一版美国贸易代表办公室名单（2021）。", "并非法院裁定", "报告对 Fixture Bay 的说法", "在您的浏览器内查询"},
			notFound:   []string{"不在本站收录的 4 个市场中", "2020 年欧盟名单：目前已收录 1 个市场"},
			badge:      "Fixture Bay 在现行观察名单上：打开查看报告的说法",
			marketLink: "https://example.org/watch/zh-hans/markets/fixture-bay/"},
	} {
		t.Run(c.flag, func(t *testing.T) {
			hosts := []string{"fixturebay.com", "www.example-shop.org"}
			ctx, id, sw := extensionBrowser(t, dir, hosts, port,
				chromedp.Flag("lang", c.flag), chromedp.Env("LANGUAGE="+c.flag, "LANG="+c.env, "LC_ALL="+c.env))
			popupCtx, cancel := chromedp.NewContext(ctx)
			defer cancel()
			for i, host := range hosts {
				addr := "https://" + host + ":" + port + "/"
				if err := chromedp.Do(ctx, chromedp.Navigate(addr), chromedp.WaitVisible(chromedp.CSS("p"))); err != nil {
					t.Fatalf("visit %s: %v", addr, err)
				}
				var tab struct {
					ID    int64  `json:"id"`
					Title string `json:"title"`
				}
				for try := 0; try < 50; try++ {
					raw, err := chromedp.Run(sw, chromedp.Evaluate[string](fmt.Sprintf(`chrome.tabs.query({}).then(async (tabs) => {
						const t = tabs.find((t) => t.url === %q);
						return JSON.stringify(t ? {id: t.id, title: await chrome.action.getTitle({tabId: t.id})} : {});
					})`, addr), chromedp.EvalAwaitPromise))
					if err != nil {
						t.Fatalf("ask the service worker: %v", err)
					}
					if err := json.Unmarshal([]byte(raw), &tab); err != nil {
						t.Fatal(err)
					}
					if tab.ID != 0 && (i > 0 || tab.Title == c.badge) {
						break
					}
					time.Sleep(100 * time.Millisecond)
				}
				if i == 0 && tab.Title != c.badge {
					t.Errorf("%s: the button's title is %q, want %q", host, tab.Title, c.badge)
				}
				err := chromedp.Do(popupCtx,
					chromedp.Navigate(fmt.Sprintf("chrome-extension://%s/popup.html?tab=%d", id, tab.ID)),
					chromedp.WaitVisible(chromedp.CSS(`main[data-ready="true"]`)))
				var text, lang, href string
				if err == nil {
					text, err = chromedp.Run(popupCtx, chromedp.Text(chromedp.CSS("body")))
				}
				if err == nil {
					lang, err = chromedp.Run(popupCtx, chromedp.Evaluate[string](`document.documentElement.lang`))
				}
				if err == nil {
					href, err = chromedp.Run(popupCtx, chromedp.Evaluate[string](`(document.querySelector("p.more a") || {}).href || ""`))
				}
				if err != nil {
					t.Fatalf("%s: popup: %v", host, err)
				}
				text = strings.Join(strings.Fields(text), " ")
				t.Logf("%s: popup (lang %s): %s", host, lang, text)
				if lang != c.lang {
					t.Errorf("%s: popup lang %q, want %q", host, lang, c.lang)
				}
				want := c.notFound
				if i == 0 {
					want = c.popup
					if href != c.marketLink {
						t.Errorf("%s: popup links %q, want the market's page in the reader's language %s", host, href, c.marketLink)
					}
				}
				for _, w := range want {
					if !strings.Contains(text, w) {
						t.Errorf("%s: popup does not say %q; it says:\n%s", host, w, text)
					}
				}
				for _, en := range []string{"Checked inside", "Not among", "Before you buy", "On a current"} {
					if strings.Contains(text, en) {
						t.Errorf("%s: popup says %q in English", host, en)
					}
				}
			}
		})
	}
}
