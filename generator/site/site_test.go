package site

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/notorious-markets-watch/nmw/generator/internal/sitetest"
)

// index is check.json as the script reads it.
type index struct {
	Lists []struct {
		Name          string
		First, Latest int
	}
	Markets []struct {
		Name, URL, Kind string
		Aliases         []string
		Hosts           []struct{ ASCII, Text, Role string }
		Status          []struct {
			List, Years, Text string
			Current           bool
		}
		Words string
	}
}

// fixture is the site built from testdata/data, once for every test that reads it (a build of
// every language takes a while); a test that changes built files builds its own.
func fixture(t *testing.T) *sitetest.Site {
	return sitetest.Shared(t, fixtureOptions)
}

var fixtureOptions = sitetest.Options{Data: "testdata/data", Args: []string{"--minify"}}

func TestMain(m *testing.M) {
	code := m.Run()
	sitetest.RemoveShared()
	os.Exit(code)
}

func readIndex(t *testing.T, s *sitetest.Site) index {
	var ix index
	if err := json.Unmarshal([]byte(s.Read(t, "check.json")), &ix); err != nil {
		t.Fatalf("check.json: %v", err)
	}
	return ix
}

func TestCheckIndex(t *testing.T) {
	s := fixture(t)
	ix := readIndex(t, s)
	if len(ix.Lists) != 2 || ix.Lists[0].Name != "USTR Notorious Markets List" || ix.Lists[0].First != 2024 || ix.Lists[0].Latest != 2025 {
		t.Errorf("lists = %+v", ix.Lists)
	}
	if len(ix.Markets) != 8 {
		t.Fatalf("%d markets in the index, want 8", len(ix.Markets))
	}
	byName := map[string]int{}
	for i, m := range ix.Markets {
		byName[m.Name] = i
	}
	b := ix.Markets[byName["Bücherpiraten"]]
	if len(b.Hosts) != 1 || b.Hosts[0].ASCII != "xn--bcher-piraten-wob.de" || b.Hosts[0].Text != "bücher-piraten.de" || b.Hosts[0].Role != "current" {
		t.Errorf("Bücherpiraten hosts = %+v", b.Hosts)
	}
	p := ix.Markets[byName["The Pirate Bay"]]
	var roles []string
	for _, h := range p.Hosts {
		roles = append(roles, h.ASCII+" "+h.Role)
	}
	if got := strings.Join(roles, ", "); got != "thepiratebay.org current, piratebay.se former, tpb-proxy.net mirror" {
		t.Errorf("Pirate Bay hosts = %s", got)
	}
	if len(p.Status) != 2 || p.Status[0].Current || !p.Status[1].Current || p.Status[0].Years != "2024" {
		t.Errorf("Pirate Bay status = %+v", p.Status)
	}
	if m := ix.Markets[byName["Taobao"]]; !strings.Contains(" "+m.Words+" ", " sneakers ") || strings.Contains(" "+m.Words+" ", " the ") {
		t.Errorf("Taobao words = %q: want summary words without stop words", m.Words)
	}
	if m := ix.Markets[byName["La Salada"]]; m.URL != "/markets/la-salada/" || m.Kind != "physical" {
		t.Errorf("La Salada = %+v", m)
	}
}

// TestIndexSize reports the index's size at the real data size, and keeps it small enough to
// load at once on a phone.
func TestIndexSize(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the real site")
	}
	s := sitetest.Shared(t, sitetest.Options{Args: []string{"--minify"}})
	raw := []byte(s.Read(t, "check.json"))
	var z bytes.Buffer
	w, _ := gzip.NewWriterLevel(&z, gzip.BestCompression)
	w.Write(raw)
	w.Close()
	t.Logf("check.json: %d bytes, %d gzipped", len(raw), z.Len())
	const budget = 50 << 10
	if z.Len() > budget {
		t.Errorf("check.json is %d bytes gzipped, over the %d budget: trim what the index carries", z.Len(), budget)
	}
	if n := len(readIndex(t, s).Markets); n < 100 {
		t.Errorf("%d markets in the real index", n)
	}
}

var (
	scriptTag   = regexp.MustCompile(`(?is)<script\b[^>]*>`)
	handlerAttr = regexp.MustCompile(`(?i)<[^>]+\son[a-z]+\s*=`)
	checkScript = regexp.MustCompile(`^<script src=/js/check\.min\.[0-9a-f]{64}\.js integrity="sha256-[^"]+" defer>$`)
	langScript  = regexp.MustCompile(`^<script src=/js/lang\.min\.[0-9a-f]{64}\.js integrity="sha256-[^"]+" defer>$`)
	langDir     = regexp.MustCompile(`^(es|fr|de|zh-hans)/`)
)

// TestScriptsStrict checks what a strict Content-Security-Policy needs: the site's scripts are
// fingerprinted files loaded with defer, and no page has inline script or event handlers. The
// check's script is on the home and search pages of each language; the language switcher's
// small script (which remembers a reader's choice) is on every page.
func TestScriptsStrict(t *testing.T) {
	s := fixture(t)
	pages := 0
	err := filepath.WalkDir(s.Public, func(p string, d fs.DirEntry, err error) error {
		if err == nil && d.IsDir() && p == filepath.Join(s.Public, "extension") {
			return filepath.SkipDir // the browser extension: not site pages (generator/extension tests it)
		}
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		pages++
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		html := string(b)
		rel, _ := filepath.Rel(s.Public, p)
		rel = filepath.ToSlash(rel)
		lang := strings.TrimSuffix(langDir.FindString(rel), "/")
		page := strings.TrimPrefix(rel, lang+"/")
		var check, switcher int
		for _, tag := range scriptTag.FindAllString(html, -1) {
			switch {
			case strings.HasPrefix(tag, "<script type=application/ld+json>"):
				// JSON-LD is data that browsers never run, which the CSP allows (share/jsonld.html)
			case checkScript.MatchString(tag):
				check++
			case langScript.MatchString(tag):
				switcher++
			default:
				t.Errorf("%s: script %s is not one of the fingerprinted, deferred site scripts", rel, tag)
			}
		}
		if h := handlerAttr.FindString(html); h != "" {
			t.Errorf("%s: inline event handler in %s", rel, h)
		}
		want := 0
		if page == "index.html" || page == "search/index.html" {
			want = 1
		}
		if check != want || switcher != 1 {
			t.Errorf("%s: has the check's script %d times (want %d) and the switcher's %d times (want 1)", rel, check, want, switcher)
		}
		home := "/"
		if lang != "" {
			home = "/" + lang + "/"
		}
		if page != "index.html" && !strings.Contains(html, `<form class="check check-small" action=`+home+` method=get role=search>`) {
			t.Errorf("%s: no check box in the header", rel)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if pages < 100 {
		t.Fatalf("only %d pages built", pages)
	}
}

// TestBrowsePages checks that every way to browse lists its markets in plain HTML.
func TestBrowsePages(t *testing.T) {
	s := fixture(t)
	for _, c := range []struct {
		path      string
		want, not []string
	}{
		{"markets/index.html", []string{"Bücherpiraten", "La Salada", "Rua 25 de Março", "Shopmart", "Silk Market", "Silk Road Bazaar", "Taobao", "The Pirate Bay"}, nil},
		{"kinds/index.html", []string{"Online markets", "Physical markets"}, nil},
		{"kinds/physical/index.html", []string{"La Salada", "Silk Market"}, []string{"Taobao"}},
		{"kinds/online/index.html", []string{"Taobao", "Shopmart"}, []string{"La Salada"}},
		// the fixture's editions give no official counts, so no market is known to have left a list
		{"statuses/index.html", []string{"On a current list", "Listed before, latest edition partly recorded"}, []string{"Formerly listed"}},
		{"statuses/not-recorded-in-latest/index.html", []string{"Bücherpiraten", "latest edition not fully recorded"}, []string{"Taobao", "formerly listed"}},
		{"statuses/on-a-current-list/index.html", []string{"Taobao", "The Pirate Bay", "La Salada"}, []string{"Bücherpiraten"}},
		{"countries/index.html", []string{"Argentina", "Brazil", "China"}, nil},
		{"countries/ar/index.html", []string{"La Salada"}, []string{"Silk Market"}},
		{"categories/index.html", []string{"Torrent index", "Physical market"}, nil},
		{"categories/torrent-index/index.html", []string{"The Pirate Bay"}, []string{"Taobao"}},
		{"search/index.html", []string{"Search names, domains and what the reports said", "<noscript>"}, nil},
		{"index.html", []string{"Paste a shop's web address, or type its name", `aria-live=polite`, "<noscript>"}, nil},
	} {
		html := s.Read(t, c.path)
		sitetest.Contains(t, c.path, html, c.want...)
		for _, n := range c.not {
			if strings.Contains(html, ">"+n+"<") {
				t.Errorf("%s lists %s", c.path, n)
			}
		}
	}
}
