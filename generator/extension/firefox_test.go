package extension_test

import (
	"bufio"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/net/websocket"
)

// firefoxPath returns Debian's Firefox ESR, or skips the test.
func firefoxPath(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"firefox-esr", "firefox"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	t.Skip("Firefox is not installed (apt-get install firefox-esr): the extension is not run in Firefox")
	return ""
}

// extensionUUID is the extension's fixed internal UUID in the test profile, so that its pages
// have a known moz-extension:// address.
const extensionUUID = "5f0c9b0e-3a54-4c1e-9a8e-6c1d3e2b7a10"

// firefoxPrefs keep the test profile from calling Mozilla's services (each is also a request
// the test would catch: every request goes to the test's server as a proxy), and send every
// address, the listed hosts included, to the test's server.
func firefoxPrefs(proxyPort int) map[string]any {
	return map[string]any{
		// Every request, to any host, through the test server as an HTTP proxy: this maps the
		// listed hosts to it and records anything else Firefox asks for.
		"network.proxy.type":                      1,
		"network.proxy.http":                      "127.0.0.1",
		"network.proxy.http_port":                 proxyPort,
		"network.proxy.ssl":                       "127.0.0.1",
		"network.proxy.ssl_port":                  proxyPort,
		"network.proxy.no_proxies_on":             "",
		"network.proxy.allow_hijacking_localhost": true,
		"network.trr.mode":                        5, // no DNS over HTTPS
		"network.dns.disablePrefetch":             true,
		"network.prefetch-next":                   false,
		"network.http.speculative-parallel-limit": 0,
		"dom.security.https_first":                false, // the test pages are http://
		"dom.security.https_only_mode":            false,
		// Remote settings, add-on and app updates, the blocklist.
		"services.settings.server":              "data:,",
		"app.update.disabledForTesting":         true,
		"app.update.auto":                       false,
		"extensions.update.enabled":             false,
		"extensions.update.autoUpdateDefault":   false,
		"extensions.getAddons.cache.enabled":    false,
		"extensions.systemAddon.update.enabled": false,
		"extensions.blocklist.enabled":          false,
		"media.gmp-manager.updateEnabled":       false,
		"browser.region.update.enabled":         false,
		"browser.region.network.url":            "",
		"app.normandy.enabled":                  false,
		"app.shield.optoutstudies.enabled":      false,
		// Safe Browsing.
		"browser.safebrowsing.malware.enabled":     false,
		"browser.safebrowsing.phishing.enabled":    false,
		"browser.safebrowsing.downloads.enabled":   false,
		"browser.safebrowsing.blockedURIs.enabled": false,
		"browser.safebrowsing.update.enabled":      false,
		// Telemetry and health reports.
		"toolkit.telemetry.enabled":                          false,
		"toolkit.telemetry.unified":                          false,
		"toolkit.telemetry.server":                           "",
		"datareporting.healthreport.uploadEnabled":           false,
		"datareporting.policy.dataSubmissionEnabled":         false,
		"browser.ping-centre.telemetry":                      false,
		"browser.newtabpage.activity-stream.feeds.telemetry": false,
		"browser.newtabpage.activity-stream.telemetry":       false,
		// Captive portal and connectivity checks.
		"network.captive-portal-service.enabled": false,
		"network.connectivity-service.enabled":   false,
		// Start pages, push, and other background fetches.
		"browser.startup.page":             0,
		"browser.startup.homepage":         "about:blank",
		"browser.newtabpage.enabled":       false,
		"browser.topsites.contile.enabled": false,
		"dom.push.connection.enabled":      false,
		"geo.provider.network.url":         "",
		"identity.fxaccounts.enabled":      false,
		"extensions.webextensions.uuids":   `{"check@example.org":"` + extensionUUID + `"}`,
		"xpinstall.signatures.required":    false,
	}
}

// bidi is a WebDriver BiDi connection to Firefox.
type bidi struct {
	t    *testing.T
	ws   *websocket.Conn
	next int
}

// call sends one command and returns its result, failing the test on an error.
func (b *bidi) call(method string, params any) json.RawMessage {
	b.t.Helper()
	r, err := b.try(method, params)
	if err != nil {
		b.t.Fatalf("BiDi %s: %v", method, err)
	}
	return r
}

func (b *bidi) try(method string, params any) (json.RawMessage, error) {
	b.next++
	if err := websocket.JSON.Send(b.ws, map[string]any{"id": b.next, "method": method, "params": params}); err != nil {
		return nil, err
	}
	for {
		var msg struct {
			Type    string          `json:"type"`
			ID      int             `json:"id"`
			Result  json.RawMessage `json:"result"`
			Error   string          `json:"error"`
			Message string          `json:"message"`
		}
		b.ws.SetReadDeadline(time.Now().Add(60 * time.Second))
		if err := websocket.JSON.Receive(b.ws, &msg); err != nil {
			return nil, err
		}
		if msg.ID != b.next {
			continue // an event
		}
		if msg.Type == "error" {
			return nil, fmt.Errorf("%s: %s", msg.Error, msg.Message)
		}
		return msg.Result, nil
	}
}

// eval runs a script in a browsing context and returns its string result.
func (b *bidi) eval(context, script string) (string, error) {
	raw, err := b.try("script.evaluate", map[string]any{
		"expression": script, "awaitPromise": true,
		"target": map[string]any{"context": context},
	})
	if err != nil {
		return "", err
	}
	var r struct {
		Type   string `json:"type"`
		Result struct {
			Type  string `json:"type"`
			Value any    `json:"value"`
		} `json:"result"`
		ExceptionDetails struct {
			Text string `json:"text"`
		} `json:"exceptionDetails"`
	}
	if err := json.Unmarshal(raw, &r); err != nil {
		return "", err
	}
	if r.Type == "exception" {
		return "", fmt.Errorf("script: %s", r.ExceptionDetails.Text)
	}
	s, _ := r.Result.Value.(string)
	return s, nil
}

// startFirefox starts headless Firefox with a fresh profile and WebDriver BiDi, and returns a
// BiDi session.
func startFirefox(t *testing.T, prefs map[string]any) *bidi {
	t.Helper()
	profile := t.TempDir()
	var userJS strings.Builder
	for _, k := range slices.Sorted(mapKeys(prefs)) {
		v, _ := json.Marshal(prefs[k])
		fmt.Fprintf(&userJS, "user_pref(%q, %s);\n", k, v)
	}
	if err := os.WriteFile(filepath.Join(profile, "user.js"), []byte(userJS.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(firefoxPath(t), "-headless", "-no-remote", "-profile", profile, "--remote-debugging-port", "0", "--remote-allow-origins", "http://localhost", "--remote-allow-system-access", "about:blank")
	cmd.Env = append(os.Environ(), "HOME="+t.TempDir(), "MOZ_CRASHREPORTER_DISABLE=1", "MOZ_REMOTE_SETTINGS_DEVTOOLS=1")
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	addr := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stderr)
		re := regexp.MustCompile(`WebDriver BiDi listening on (ws://\S+)`)
		for sc.Scan() {
			if m := re.FindStringSubmatch(sc.Text()); m != nil {
				addr <- m[1]
			}
			t.Logf("firefox: %s", sc.Text())
		}
	}()
	var ws string
	select {
	case ws = <-addr:
	case <-time.After(60 * time.Second):
		t.Fatal("Firefox did not start WebDriver BiDi within 60 s")
	}
	conn, err := websocket.Dial(ws+"/session", "", "http://localhost/")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	b := &bidi{t: t, ws: conn}
	b.call("session.new", map[string]any{"capabilities": map[string]any{}})
	return b
}

func mapKeys[M ~map[string]V, V any](m M) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

// openExtensionPage opens an extension's page in a new tab and returns its browsing context.
// WebDriver BiDi refuses to navigate to moz-extension:// addresses, so the browser's own window
// opens it (a chrome context, which --remote-allow-system-access exposes), as a click in the
// toolbar would.
func openExtensionPage(t *testing.T, b *bidi, url string) string {
	t.Helper()
	var chrome struct {
		Contexts []struct {
			Context string
			URL     string
		}
	}
	json.Unmarshal(b.call("browsingContext.getTree", map[string]any{"moz:scope": "chrome"}), &chrome)
	win := ""
	for _, c := range chrome.Contexts {
		if c.URL == "chrome://browser/content/browser.xhtml" {
			win = c.Context
		}
	}
	if win == "" {
		t.Fatalf("no browser window among Firefox's chrome contexts: %+v", chrome.Contexts)
	}
	if _, err := b.eval(win, fmt.Sprintf(`gBrowser.selectedTab = gBrowser.addTab(%q, {triggeringPrincipal: Services.scriptSecurityManager.getSystemPrincipal()}); ""`, url)); err != nil {
		t.Fatalf("open %s: %v", url, err)
	}
	for try := 0; try < 100; try++ {
		var tree struct {
			Contexts []struct {
				Context string
				URL     string
			}
		}
		json.Unmarshal(b.call("browsingContext.getTree", map[string]any{}), &tree)
		for _, c := range tree.Contexts {
			if c.URL == url {
				return c.Context
			}
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatalf("the extension's page %s did not open", url)
	return ""
}

// TestExtensionInFirefox installs the extension in headless Firefox ESR as a temporary add-on
// (WebDriver BiDi's webExtension.install), visits listed and unlisted sites, which a proxy pref
// sends to the test's server, and checks the badge and the popup's text as the Chromium test
// does; and that Firefox asked the server for nothing but the test pages.
func TestExtensionInFirefox(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test")
	}
	firefoxPath(t)
	site := fixture(t)
	dir := unpacked(t, site)
	visits := testVisits(t, site)

	var mu sync.Mutex
	var asked []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		asked = append(asked, r.Method+" "+r.URL.String())
		mu.Unlock()
		if r.Method == http.MethodConnect {
			http.Error(w, "no tunnels in this test", http.StatusForbidden)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprintf(w, "<!doctype html><html lang=en><title>A shop</title><link rel=icon href=data:,><p>A test page on %s</p></html>", r.Host)
	}))
	t.Cleanup(srv.Close)
	port := srv.Listener.Addr().(*net.TCPAddr).Port

	b := startFirefox(t, firefoxPrefs(port))
	var installed struct{ Extension string }
	json.Unmarshal(b.call("webExtension.install", map[string]any{"extensionData": map[string]any{"type": "path", "path": dir}}), &installed)
	t.Logf("installed %s", installed.Extension)

	var tree struct {
		Contexts []struct{ Context string }
	}
	json.Unmarshal(b.call("browsingContext.getTree", map[string]any{}), &tree)
	if len(tree.Contexts) == 0 {
		t.Fatal("Firefox has no tab")
	}
	tab := tree.Contexts[0].Context
	base := "moz-extension://" + extensionUUID + "/popup.html"
	popup := openExtensionPage(t, b, base)

	for _, v := range visits {
		addr := "http://" + v.host + "/"
		b.call("browsingContext.navigate", map[string]any{"context": tab, "url": addr, "wait": "complete"})
		var got struct {
			ID    int64  `json:"id"`
			Badge string `json:"badge"`
		}
		for try := 0; ; try++ {
			raw, err := b.eval(popup, fmt.Sprintf(`browser.tabs.query({}).then(async (tabs) => {
				const t = tabs.find((t) => t.url === %q);
				return JSON.stringify(t ? {id: t.id, badge: await browser.action.getBadgeText({tabId: t.id})} : {});
			})`, addr))
			if err != nil {
				t.Fatalf("%s: ask the extension: %v", v.name, err)
			}
			if err := json.Unmarshal([]byte(raw), &got); err != nil {
				t.Fatal(err)
			}
			if (got.ID != 0 && got.Badge == v.badge) || try == 100 {
				break
			}
			time.Sleep(100 * time.Millisecond)
		}
		if got.ID == 0 {
			t.Fatalf("%s: the extension sees no tab at %s", v.name, addr)
		}
		if got.Badge != v.badge {
			t.Errorf("%s (%s): badge %q, want %q", v.name, v.host, got.Badge, v.badge)
		}
		// The page loads itself with the tab's id: WebDriver BiDi may not navigate to an
		// extension's page.
		// The old page is marked, so that its text is never taken for the new one's.
		if _, err := b.eval(popup, fmt.Sprintf(`document.documentElement.dataset.old = "1"; location.search = "?tab=%d"; ""`, got.ID)); err != nil {
			t.Fatalf("%s: open the popup for tab %d: %v", v.name, got.ID, err)
		}
		var text string
		for try := 0; text == "" && try < 100; try++ {
			var err error
			text, err = b.eval(popup, `!document.documentElement.dataset.old && document.querySelector('main[data-ready="true"]') ? document.body.innerText : ""`)
			if err != nil {
				t.Logf("%s: popup: %v", v.name, err) // while it loads
			}
			if text == "" {
				time.Sleep(100 * time.Millisecond)
			}
		}
		text = strings.Join(strings.Fields(text), " ")
		t.Logf("%s: badge %q; popup: %s", v.name, got.Badge, text)
		for _, want := range v.popup {
			if !strings.Contains(text, want) {
				t.Errorf("%s (%s): popup does not say %q; it says:\n%s", v.name, v.host, want, text)
			}
		}
		for _, not := range v.notPopup {
			if strings.Contains(text, not) {
				t.Errorf("%s (%s): popup says %q", v.name, v.host, not)
			}
		}
	}

	// Nothing but the test pages: every request Firefox made went through the test server.
	visited := map[string]bool{}
	for _, v := range visits {
		visited["GET http://"+v.host+"/"] = true
	}
	mu.Lock()
	defer mu.Unlock()
	for _, a := range asked {
		if !visited[a] {
			t.Errorf("Firefox asked for %s, which is not a test page", a)
		}
	}
	if len(asked) < len(visits) {
		t.Errorf("the server saw %d requests for %d visits: does the proxy pref work?", len(asked), len(visits))
	}
}
