package extension_test

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"io"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/notorious-markets-watch/nmw/assets"
	"github.com/notorious-markets-watch/nmw/generator/extension"
	"github.com/notorious-markets-watch/nmw/generator/internal/sitetest"
	"github.com/notorious-markets-watch/nmw/generator/model"
	"github.com/notorious-markets-watch/nmw/generator/pipeline"
)

// TestBuildIndex checks the index of the fixture: the lists with the coverage of their latest
// editions, and each market with a domain, its hosts, its lists and its latest-edition states.
func TestBuildIndex(t *testing.T) {
	ix := extension.BuildIndex(fixture(t), testSite)
	if ix.Site != testSite || ix.Markets != 4 {
		t.Errorf("site %q, %d markets; want %q, 4 (every market, physical too)", ix.Site, ix.Markets, testSite)
	}
	three := 3
	wantLists := []extension.List{
		{Name: "USTR Notorious Markets List", Short: "USTR", First: 2019, Latest: 2021,
			Recorded: 3, Official: &three, Complete: true},
		{Name: "EU Counterfeit and Piracy Watch List", Short: "EU", First: 2020, Latest: 2020, Recorded: 1},
	}
	if !reflect.DeepEqual(ix.Lists, wantLists) {
		t.Errorf("lists:\n got %+v\nwant %+v", ix.Lists, wantLists)
	}
	byName := map[string]extension.Entry{}
	var names []string
	for _, e := range ix.Entries {
		byName[e.Name] = e
		names = append(names, e.Name)
	}
	// Mall of Fakes is physical, with no domain: nothing to match in a browser.
	if want := []string{"Fixture Bay", "Old Locker", "Shop-o-Rama"}; !reflect.DeepEqual(names, want) {
		t.Fatalf("entries %q, want %q", names, want)
	}
	bay := byName["Fixture Bay"]
	wantBay := extension.Entry{
		Name: "Fixture Bay", URL: testSite + "markets/fixture-bay/", Kind: "online",
		Hosts: []extension.Host{
			{ASCII: "fixturebay.com", Role: "current"},
			{ASCII: "fixturebay.net", Role: "former"},
			{ASCII: "fixturebay-proxy.org", Role: "mirror"},
			{ASCII: "xn--80ab5cdk.xn--p1ai", Text: "бухта.рф", Role: "mirror"},
		},
		Status: []extension.Status{{List: 0, Years: "2019–2021", Current: true}, {List: 1, Years: "2020", Current: true}},
		Latest: []string{"listed", "listed"},
	}
	if !reflect.DeepEqual(bay, wantBay) {
		t.Errorf("Fixture Bay:\n got %+v\nwant %+v", bay, wantBay)
	}
	// Old Locker: absent from the fully recorded USTR 2021, unknown in the partly recorded EU 2020.
	if old := byName["Old Locker"]; !reflect.DeepEqual(old.Latest, []string{"not-listed", "unknown"}) ||
		!reflect.DeepEqual(old.Status, []extension.Status{{List: 0, Years: "2019"}}) {
		t.Errorf("Old Locker: status %+v, latest %q; want USTR 2019 only, not-listed and unknown", old.Status, old.Latest)
	}
	if s := byName["Shop-o-Rama"].Status; len(s) != 1 || s[0].Years != "2019, 2021" || !s[0].Current {
		t.Errorf("Shop-o-Rama: status %+v, want USTR 2019, 2021, current", s)
	}
}

// TestIndexStatesAreTheModels checks every entry's latest-edition states against
// Edition.State on the real data, and that each state occurs.
func TestIndexStatesAreTheModels(t *testing.T) {
	site := realData(t)
	ix := extension.BuildIndex(site, testSite)
	markets := map[string]*model.Market{}
	for _, m := range site.Markets {
		markets[testSite+"markets/"+m.Slug+"/"] = m
	}
	seen := map[string]int{}
	for _, e := range ix.Entries {
		m := markets[e.URL]
		if m == nil {
			t.Fatalf("%s: no market at %s", e.Name, e.URL)
		}
		for i, p := range site.Publishers {
			if want := p.Latest().State(m).String(); e.Latest[i] != want {
				t.Errorf("%s in %s %d: %q, want %q", e.Name, p.Short, p.Latest().Year, e.Latest[i], want)
			}
			seen[e.Latest[i]]++
		}
	}
	if seen["listed"] == 0 || seen["unknown"] == 0 {
		t.Errorf("states seen %v: want listed and unknown at least", seen)
	}
	t.Logf("%d markets, %d with domains; latest-edition states %v", ix.Markets, len(ix.Entries), seen)
}

func realData(t *testing.T) *model.Site {
	t.Helper()
	site, problems, err := pipeline.Load(filepath.Join(sitetest.Root(t), "data"), sitetest.Today)
	if err != nil || len(problems) > 0 {
		t.Fatalf("load data: %v %v", err, problems)
	}
	return site
}

// TestPublishedIsDeterministic builds the published files twice and checks they are the same
// bytes, and that the zip holds exactly the unpacked files, sorted, with fixed times.
func TestPublishedIsDeterministic(t *testing.T) {
	site := fixture(t)
	a, err := extension.Published(site, testSite)
	if err != nil {
		t.Fatal(err)
	}
	b, err := extension.Published(fixture(t), testSite)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(a, b) {
		t.Fatal("two builds of the same data differ")
	}
	if a[0].Path != "extension/nmw-check.zip" {
		t.Fatalf("first file %s, want the zip", a[0].Path)
	}
	zr, err := zip.NewReader(bytes.NewReader(a[0].Data), int64(len(a[0].Data)))
	if err != nil {
		t.Fatal(err)
	}
	if len(zr.File) != len(a)-1 {
		t.Errorf("zip holds %d files, the unpacked folder %d", len(zr.File), len(a)-1)
	}
	prev := ""
	for i, f := range zr.File {
		if f.Name <= prev {
			t.Errorf("zip entries not sorted: %s after %s", f.Name, prev)
		}
		prev = f.Name
		if !f.Modified.Equal(zr.File[0].Modified) || f.Modified.Year() != 2020 {
			t.Errorf("%s: time %v, want the fixed time", f.Name, f.Modified)
		}
		r, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(r)
		if err != nil {
			t.Fatal(err)
		}
		if u := a[i+1]; u.Path != "extension/nmw-check/"+f.Name || !bytes.Equal(u.Data, data) {
			t.Errorf("zip entry %s differs from unpacked %s", f.Name, u.Path)
		}
	}
}

// TestFiles checks the manifest's permissions and keys, that the matching rules are the site's
// file, and that nothing in the extension runs inline, loads remote code or makes requests.
func TestFiles(t *testing.T) {
	files, err := extension.Files(fixture(t), "https://example.org/watch")
	if err != nil {
		t.Fatal(err)
	}
	byPath := map[string][]byte{}
	for _, f := range files {
		byPath[f.Path] = f.Data
	}
	var man map[string]any
	if err := json.Unmarshal(byPath["manifest.json"], &man); err != nil {
		t.Fatalf("manifest.json: %v", err)
	}
	if man["manifest_version"] != 3.0 {
		t.Errorf("manifest_version %v, want 3", man["manifest_version"])
	}
	if p := man["permissions"]; !reflect.DeepEqual(p, []any{"tabs"}) {
		t.Errorf("permissions %v, want only tabs", p)
	}
	for _, key := range []string{"host_permissions", "optional_permissions", "optional_host_permissions", "content_scripts", "content_security_policy", "web_accessible_resources", "externally_connectable"} {
		if _, ok := man[key]; ok {
			t.Errorf("manifest has %s: the extension needs none", key)
		}
	}
	bg := man["background"].(map[string]any)
	if bg["service_worker"] != "background.js" || !reflect.DeepEqual(bg["scripts"], []any{"match.js", "index.js", "background.js"}) {
		t.Errorf("background %v: want a service worker for Chromium and scripts for Firefox", bg)
	}
	gecko := man["browser_specific_settings"].(map[string]any)["gecko"].(map[string]any)
	if gecko["id"] != "check@example.org" {
		t.Errorf("gecko id %v", gecko["id"])
	}
	if man["action"].(map[string]any)["default_popup"] != "popup.html" || man["homepage_url"] != "https://example.org/watch" {
		t.Errorf("action %v, homepage %v", man["action"], man["homepage_url"])
	}
	if man["default_locale"] != "en" || man["name"] != "__MSG_ext_name__" || man["description"] != "__MSG_ext_description__" ||
		man["action"].(map[string]any)["default_title"] != "__MSG_ext_title__" {
		t.Errorf("manifest: default_locale %v, name %v, description %v, action %v: want en and messages of _locales", man["default_locale"], man["name"], man["description"], man["action"])
	}
	if !bytes.Equal(byPath["match.js"], assets.MatchJS) {
		t.Error("match.js is not the site's assets/js/match.js")
	}
	if !bytes.Contains(byPath["index.js"], []byte(`"url":"https://example.org/watch/markets/fixture-bay/"`)) {
		t.Error("index.js does not link the market's page below the site's address (with its trailing slash added)")
	}
	for _, name := range []string{"icon-16.png", "icon-32.png", "icon-48.png", "icon-128.png"} {
		if !bytes.HasPrefix(byPath[name], []byte("\x89PNG")) {
			t.Errorf("%s is missing or not a PNG", name)
		}
	}
	scriptTag := regexp.MustCompile(`<script[^>]*>`)
	for _, tag := range scriptTag.FindAllString(string(byPath["popup.html"]), -1) {
		if !regexp.MustCompile(`^<script src="[a-z]+\.js">$`).MatchString(tag) {
			t.Errorf("popup.html: %s is not a script file of the extension", tag)
		}
	}
	if bytes.Contains(byPath["popup.html"], []byte("</script>\n<script>")) || regexp.MustCompile(`<script>[^<]`).Match(byPath["popup.html"]) {
		t.Error("popup.html has inline script, which the default CSP forbids")
	}
	remote := regexp.MustCompile(`fetch\(|XMLHttpRequest|WebSocket|sendBeacon|eval\(|new Function|importScripts\("http|src="http|href="http`)
	for _, name := range []string{"background.js", "popup.js", "popup.html", "match.js"} {
		if m := remote.Find(byPath[name]); m != nil {
			t.Errorf("%s uses %s: the extension makes no request and loads no remote code", name, m)
		}
	}
}

// TestBadAddress checks that a site address that cannot be linked to is refused clearly.
func TestBadAddress(t *testing.T) {
	for _, u := range []string{"", "example.org", "ftp://example.org/", "/watch/"} {
		_, err := extension.Files(fixture(t), u)
		if err == nil || !strings.Contains(err.Error(), "https://example.org/") {
			t.Errorf("%q: error %v, want one saying how to give the address", u, err)
		}
	}
}

// TestSizeWithRealData builds the extension from data/ and keeps the zip under 100 KB.
func TestSizeWithRealData(t *testing.T) {
	site := realData(t)
	files, err := extension.Published(site, "https://notorious-markets-watch.netlify.app/")
	if err != nil {
		t.Fatal(err)
	}
	index := 0
	for _, f := range files {
		if f.Path == "extension/nmw-check/index.js" {
			index = len(f.Data)
		}
	}
	const budget = 100 << 10
	t.Logf("zip %d bytes, index.js %d bytes, %d files; %d markets", len(files[0].Data), index, len(files)-1, len(site.Markets))
	if len(files[0].Data) >= budget {
		t.Errorf("the zip is %d bytes, over the %d-byte budget", len(files[0].Data), budget)
	}
}

// TestInjectionDataStaysData builds the extension from the data full of markup payloads and
// checks that index.js carries it as JSON strings only: no "<", no line separator that would end
// a JavaScript string. (The popup shows data with textContent only.)
func TestInjectionDataStaysData(t *testing.T) {
	site, problems, err := pipeline.Load(filepath.Join("..", "testdata", "injection"), sitetest.Today)
	if err != nil || len(problems) > 0 {
		t.Fatalf("load injection data: %v %v", err, problems)
	}
	files, err := extension.Files(site, testSite)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		if f.Path != "index.js" {
			continue
		}
		if len(extension.BuildIndex(site, testSite).Entries) == 0 {
			t.Fatal("the injection data has no market with a domain: the test checks nothing")
		}
		for _, bad := range []string{"<", ">", "\u2028", "\u2029"} {
			if strings.Contains(string(f.Data), bad) {
				t.Errorf("index.js contains %q unescaped", bad)
			}
		}
	}
}

// TestLocales checks _locales: one messages.json per language of the site, from i18n/, with
// every message the manifest, the popup and the badge ask for, and the fields as placeholders
// numbered in the alphabetical order of their names (the order popup.js passes them in).
func TestLocales(t *testing.T) {
	files, err := extension.Files(fixture(t), testSite)
	if err != nil {
		t.Fatal(err)
	}
	byPath := map[string][]byte{}
	var used []string
	for _, f := range files {
		byPath[f.Path] = f.Data
		for _, m := range regexp.MustCompile(`__MSG_(\w+)__|getMessage\("(\w+)"|\bt\("(\w+)"|"((?:js|ext)_\w+)"`).FindAllSubmatch(f.Data, -1) {
			for _, g := range m[1:] {
				if len(g) > 0 {
					used = append(used, string(g))
				}
			}
		}
	}
	type message struct {
		Message      string
		Placeholders map[string]struct{ Content string }
	}
	want := map[string]string{ // a message in each language, as the popup gets it filled
		"en":    "Not among the 4 markets recorded here",
		"es":    "No está entre los 4 mercados registrados aquí",
		"fr":    "Absent des 4 marchés enregistrés ici",
		"de":    "Nicht unter den 4 hier erfassten Märkten",
		"zh_CN": "不在本站收录的 4 个市场中",
	}
	for folder, heading := range want {
		var msgs map[string]message
		if err := json.Unmarshal(byPath["_locales/"+folder+"/messages.json"], &msgs); err != nil {
			t.Fatalf("_locales/%s/messages.json: %v", folder, err)
		}
		for _, key := range used {
			if _, ok := msgs[key]; !ok && key != "site_lang" {
				t.Errorf("_locales/%s/messages.json has no %q, which the extension uses", folder, key)
			}
		}
		if msgs["site_lang"].Message == "" {
			t.Errorf("_locales/%s: no site_lang", folder)
		}
		// The stores' limits: Chrome's for a description, the length a name shows in full.
		if n := len([]rune(msgs["ext_description"].Message)); n > 132 {
			t.Errorf("_locales/%s: ext_description has %d characters, over the 132 Chrome allows", folder, n)
		}
		if n := len([]rune(msgs["ext_name"].Message)); n > 46 {
			t.Errorf("_locales/%s: ext_name has %d characters: keep it short enough to show in full (46)", folder, n)
		}
		m := msgs["ext_nf_heading"]
		got := strings.ReplaceAll(m.Message, "$COUNT$", "4")
		if got != heading || m.Placeholders["count"].Content != "$1" {
			t.Errorf("_locales/%s: ext_nf_heading %+v, want %q with count as $1", folder, m, heading)
		}
		// js_host_belongs has domain, host, role: $1, $2, $3 whatever order the language says them in.
		hb := msgs["js_host_belongs"].Placeholders
		if hb["domain"].Content != "$1" || hb["host"].Content != "$2" || hb["role"].Content != "$3" {
			t.Errorf("_locales/%s: js_host_belongs placeholders %+v, want domain $1, host $2, role $3", folder, hb)
		}
	}
	if len(used) < 40 {
		t.Errorf("found only %d message names in the extension's files: is the pattern still right?", len(used))
	}
}
