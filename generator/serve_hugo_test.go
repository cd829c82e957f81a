package main

import (
	"context"
	"io"
	"io/fs"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/notorious-markets-watch/nmw/generator/internal/sitefiles"
	"github.com/notorious-markets-watch/nmw/generator/internal/sitetest"
)

// TestServeBanner runs serve with Hugo on a copy of the site made from the fixture: invalid
// data puts the problems, escaped, on every served page in every language, and the next good
// save takes them away. Then a build of the same folder, with a problems file left in place as
// a killed serve would leave it, holds nothing of the banner.
func TestServeBanner(t *testing.T) {
	root := sitetest.Root(t)
	dir := t.TempDir()
	if err := sitefiles.Copy(root, dir, sitefiles.Sources...); err != nil {
		t.Fatal(err)
	}
	data := filepath.Join(dir, "data")
	if err := os.CopyFS(data, os.DirFS(fixture(t))); err != nil {
		t.Fatal(err)
	}
	content, od := filepath.Join(dir, "content"), filepath.Join(dir, "opendata")
	port := freePort(t)
	stdout, stderr := &syncBuffer{}, &syncBuffer{}
	l := &devLoop{dataDir: data, contentDir: content, dataOut: od, siteAddress: func() (string, error) { return "https://example.org/", nil }, stdout: stdout, stderr: stderr}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan error, 1)
	go func() {
		done <- serve(ctx, l, []string{"--source", dir, "--port", strconv.Itoa(port), "--bind", "127.0.0.1", "--printI18nWarnings"})
	}()
	base := "http://127.0.0.1:" + strconv.Itoa(port)
	get := func(path string) string {
		resp, err := http.Get(base + path)
		if err != nil {
			return ""
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		if resp.StatusCode != 200 {
			return ""
		}
		return string(b)
	}
	status := func(path string) int {
		resp, err := http.Get(base + path)
		if err != nil {
			return 0
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	wait := func(what string, limit time.Duration, cond func() bool) {
		t.Helper()
		for end := time.Now().Add(limit); time.Now().Before(end); time.Sleep(100 * time.Millisecond) {
			select {
			case err := <-done:
				t.Fatalf("serve stopped: %v\n%s\n%s", err, stdout, stderr)
			default:
			}
			if cond() {
				return
			}
		}
		t.Fatalf("after %v: %s\nstdout:\n%s\nstderr:\n%s", limit, what, stdout, stderr)
	}
	page := "/markets/shop-o-rama/"
	wait("the server answers", 4*time.Minute, func() bool { return strings.Contains(get(page), "Shop-o-Rama") })
	if strings.Contains(get(page), "serve-problems") {
		t.Fatal("banner on a page of valid data")
	}

	// A new market is served; once its file is deleted, its page is gone, not served stale.
	newMarket := filepath.Join(data, "markets", "brand-new-mart.yaml")
	os.WriteFile(newMarket, []byte("name: Brand New Mart\nkind: online\ncategories: [cyberlocker]\nsources: [https://news.example.org/new]\n"), 0o644)
	wait("the new market's page", time.Minute, func() bool { return strings.Contains(get("/markets/brand-new-mart/"), "Brand New Mart") })
	wait("the market list names it", time.Minute, func() bool { return strings.Contains(get("/markets/"), "Brand New Mart") })
	os.Remove(newMarket)
	wait("the deleted market's page gone", time.Minute, func() bool { return status("/markets/brand-new-mart/") == 404 })
	wait("the market list without it", time.Minute, func() bool {
		h := get("/markets/")
		return h != "" && !strings.Contains(h, "Brand New Mart")
	})

	orig, _ := os.ReadFile(filepath.Join(data, "markets", "shop-o-rama.yaml"))
	bad := strings.Replace(string(orig), "kind: online", "kind: <b>webshop</b>", 1)
	os.WriteFile(filepath.Join(data, "markets", "shop-o-rama.yaml"), []byte(bad), 0o644)
	wait("the banner", time.Minute, func() bool { return strings.Contains(get(page), `class="serve-problems"`) })
	html := get(page)
	sitetest.Contains(t, "the page with the banner", html,
		"The data has 1 problem",
		`<ul lang="en">`,
		"shop-o-rama.yaml:3: kind: &#34;&lt;b&gt;webshop&lt;/b&gt;&#34; is not a kind",
		"Shop-o-Rama", // the last good page, still served
	)
	if strings.Contains(html, "<b>webshop") {
		t.Error("the problem reached the page unescaped")
	}
	// Every page, in every language, with its words translated.
	wait("the banner in French", time.Minute, func() bool {
		return strings.Contains(get("/fr/"), "Les données comportent 1 problème")
	})
	wait("the banner in Chinese", time.Minute, func() bool {
		return strings.Contains(get("/zh-hans/years/2021/"), "数据有 1 个问题")
	})
	if missing := sitetest.MissingTranslations(stdout.String() + stderr.String()); len(missing) > 0 {
		t.Errorf("missing translations: %v", missing)
	}

	os.WriteFile(filepath.Join(data, "markets", "shop-o-rama.yaml"), orig, 0o644)
	wait("the banner gone", time.Minute, func() bool {
		h := get(page)
		return h != "" && !strings.Contains(h, "serve-problems")
	})

	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("serve: %v\n%s", err, stderr)
		}
	case <-time.After(time.Minute):
		t.Fatal("serve did not stop within a minute")
	}
	problems := filepath.Join(od, filepath.FromSlash(ServeProblems))
	if _, err := os.Stat(problems); err == nil {
		t.Error("serve left its problems file")
	}

	// A build with a stale problems file (serve killed with SIGKILL) shows no banner.
	os.WriteFile(problems, []byte(`["data/markets/x.yaml:1: name: STALE-PROBLEM"]`), 0o644)
	pub := filepath.Join(dir, "public")
	if code, _, errs := runCmd("-data", data, "-content", content, "-opendata", od, "-baseURL", "https://example.org/", "build", "--source", dir, "--destination", pub); code != 0 {
		t.Fatalf("build: %s", errs)
	}
	files := 0
	filepath.WalkDir(pub, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		files++
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		for _, s := range []string{"serve-problems", "STALE-PROBLEM", "The data has 1 problem"} {
			if strings.Contains(string(b), s) {
				t.Errorf("build output %s holds %q", p, s)
			}
		}
		return nil
	})
	if files < 50 {
		t.Fatalf("build wrote %d files", files)
	}
}

func freePort(t *testing.T) int {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port
}
